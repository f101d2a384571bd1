import { z } from 'zod';
import { subsidiariesSwitch } from './public-params';

/**
 * ?companies=salesforce,google&subsidiaries=1&per=year&add=… — each at most once, but for the
 * companies, which a hand-made address may also give one by one (?companies=salesforce&companies=google).
 */
export const compareParamsSchema = z.object({
  companies: z
    .union([
      // Long enough for any list a person would write; the names after the first few are not read
      // (lib/data/compare.ts), but said to be, rather than the whole address refused.
      z.string().max(10_000),
      z
        .array(z.string().max(100))
        .max(100)
        .transform((list) => list.join(',')),
    ])
    .optional(),
  subsidiaries: subsidiariesSwitch,
  per: z.literal('year').optional(),
  add: z.string().max(100).optional(),
});
