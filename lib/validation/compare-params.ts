import { z } from 'zod';

/** ?companies=salesforce,google&subsidiaries=1&per=year&add=… — each at most once. */
export const compareParamsSchema = z.object({
  companies: z.string().max(500).optional(),
  subsidiaries: z.literal('1').optional(),
  per: z.literal('year').optional(),
  add: z.string().max(100).optional(),
});
