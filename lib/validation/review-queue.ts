import { z } from 'zod';
import { oneOf, pageFilter, parseFilters, type FiltersResult } from './list-filters';

/** The kinds of record that go through review, in the order the queue offers them. */
export const QUEUE_TYPES = [
  'DONATION_RESPONSE',
  'EMPLOYEE_ACTION',
  'CONTRACT',
  'COMPANY_STATEMENT',
  'COMPANY',
  'ORGANIZATION',
  'AGENCY',
] as const;

/** The review queue's address: /review?type=CONTRACT&what=new&by=<user id>&page=2. */
export const reviewQueueSchema = z.object({
  type: oneOf(QUEUE_TYPES, 'The kind').optional(),
  what: oneOf(['new', 'change'], 'New or changed').optional(),
  by: z
    .string()
    .regex(/^[a-z0-9]{1,40}$/, 'The author is given by their account id, as the “Submitted by” list gives it.')
    .optional(),
  page: pageFilter.optional(),
});

export type ReviewQueueQuery = z.infer<typeof reviewQueueSchema>;
type Field = keyof ReviewQueueQuery;

export function parseReviewQueue(
  params: Record<string, string | string[] | undefined>,
): FiltersResult<ReviewQueueQuery, Field> {
  return parseFilters(reviewQueueSchema, ['type', 'what', 'by', 'page'] as const, params);
}
