import { z } from 'zod';

/**
 * ?companies=salesforce,google&subsidiaries=1&per=year&add=… — each at most once, but for the
 * companies, which a hand-made address may also give one by one (?companies=salesforce&companies=google).
 */
export const compareParamsSchema = z.object({
  companies: z
    .union([
      z.string().max(500),
      z
        .array(z.string().max(100))
        .max(10)
        .transform((list) => list.join(',')),
    ])
    .optional(),
  subsidiaries: z.literal('1').optional(),
  per: z.literal('year').optional(),
  add: z.string().max(100).optional(),
});
