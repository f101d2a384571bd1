import { z } from 'zod';
import { inCase, subsidiariesSwitch } from './public-params';

const LIST_TOO_LONG = 'the companies are named in at most 10,000 characters, such as companies=salesforce,google';
const NAME_TOO_LONG = 'each company is named in at most 100 characters, by its address name such as salesforce';
const GIVEN_TOO_OFTEN = 'given at most 100 times (four companies are compared)';

/**
 * ?companies=salesforce,google&subsidiaries=1&per=year&add=… — each at most once, but for the
 * companies, which a hand-made address may also give one by one (?companies=salesforce&companies=google).
 */
const companyList = z.union(
  [
    // Long enough for any list a person would write; the names after the first few are not read
    // (lib/data/compare.ts), but said to be, rather than the whole address refused.
    z.string().max(10_000, LIST_TOO_LONG),
    z
      .array(z.string().max(100, NAME_TOO_LONG))
      .max(100, GIVEN_TOO_OFTEN)
      .transform((list) => list.join(',')),
  ],
  {
    error: (issue) => {
      if (issue.input === undefined) return 'name the companies to compare, such as companies=salesforce,google';
      // Given one by one: the list's own message, rather than the union's "invalid input".
      if (issue.code === 'invalid_union' && Array.isArray(issue.input)) {
        return issue.input.length > 100 ? GIVEN_TOO_OFTEN : NAME_TOO_LONG;
      }
      return undefined;
    },
  },
);

export const compareParamsSchema = z.object({
  companies: companyList.optional(),
  subsidiaries: subsidiariesSwitch,
  per: inCase('lower', z.literal('year', { error: 'the one value it takes is year' })).optional(),
  add: z.string().max(100).optional(),
});

/**
 * The parameters of a comparison's CSV file (/compare/csv), as its handler reads them and the API's
 * document describes them; `add` is the page's picker's, not the file's.
 */
export const comparisonCsvParamsSchema = compareParamsSchema
  .omit({ add: true })
  .extend({
    // Required here: the page without companies offers some to pick; a file without them is nothing.
    companies: companyList.describe(
      'One to four company slugs, comma-separated (or the parameter given once for each), such as salesforce,google,microsoft,amazon: one alone gives its figures as the page shows it until another is added; a slug given twice is read once.',
    ),
    subsidiaries: compareParamsSchema.shape.subsidiaries.describe(
      '1 (or true): each company with the records of its subsidiaries, at every depth, as its profile counts them.',
    ),
    per: compareParamsSchema.shape.per.describe(
      'year: rates per year besides the totals (contract value per year of awards, actions per year from the first action to the latest), as the page\u2019s per-year view shows them.',
    ),
  })
  .strict();
