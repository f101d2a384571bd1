import { z } from 'zod';
import { CHANGE_TYPE_LABEL } from '../labels';
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
  type: oneOf(QUEUE_TYPES, 'The kind', CHANGE_TYPE_LABEL).optional(),
  what: oneOf(['new', 'change'], 'New or changed').optional(),
  by: z
    .string()
    .regex(/^[a-z0-9]{1,40}$/, 'The author is given by their account id, as the “Submitted by” list gives it.')
    .optional(),
  page: pageFilter.optional(),
});

export type ReviewQueueQuery = z.infer<typeof reviewQueueSchema>;
type Field = keyof ReviewQueueQuery;

/**
 * The queue's filters (not its page) as a query string, '' for none: what a change's page carries
 * so that deciding it leads back to the same narrowed queue. Anything that does not parse is dropped.
 */
export function queueFilterQuery(params: Record<string, string | string[] | undefined>): string {
  const parsed = parseReviewQueue(params);
  if (!parsed.ok) return '';
  const { type, what, by } = parsed.filters;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ type, what, by })) if (value) query.set(key, value);
  return query.toString();
}

export function parseReviewQueue(
  params: Record<string, string | string[] | undefined>,
): FiltersResult<ReviewQueueQuery, Field> {
  return parseFilters(reviewQueueSchema, ['type', 'what', 'by', 'page'] as const, params);
}
