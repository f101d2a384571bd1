import { z } from 'zod';

/**
 * The query parameters of /contracts: ?agency=cbp&company=salesforce&status=ACTIVE&from=2018&to=2020&sort=-value&page=2.
 * Every one is checked here; anything else in the address (utm_source…) is ignored. A value that
 * does not parse gives a message saying which parameter is wrong and what it accepts, which the
 * page shows instead of the list (never an error page).
 */

export const CONTRACT_STATUSES = ['ACTIVE', 'COMPLETED', 'CANCELLED', 'NOT_RENEWED', 'UNKNOWN'] as const;
export type ContractStatusFilter = (typeof CONTRACT_STATUSES)[number];

/** date: oldest award first; -date: newest first; value / -value: by obligated amount. Undated or unvalued contracts come last. */
export const CONTRACT_SORTS = ['-date', 'date', '-value', 'value'] as const;
export type ContractSort = (typeof CONTRACT_SORTS)[number];
export const DEFAULT_CONTRACT_SORT: ContractSort = '-date';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const slug = (what: string) =>
  z
    .string()
    .max(100, `The ${what} is given by its address name, of at most 100 characters.`)
    .regex(/^[a-z0-9-]+$/, `The ${what} is given by its address name: lower-case letters, digits and hyphens.`);

const year = (what: string) =>
  z
    .string()
    .regex(/^\d{4}$/, `“${what}” must be a year of four digits, such as 2018.`)
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(MIN_YEAR, `“${what}” must be ${MIN_YEAR} or later.`)
        .max(MAX_YEAR, `“${what}” must be ${MAX_YEAR} or earlier.`),
    );

export const contractFiltersSchema = z
  .object({
    agency: slug('agency').optional(),
    company: slug('company').optional(),
    status: z
      .enum(CONTRACT_STATUSES, {
        error: `The status must be one of ${CONTRACT_STATUSES.join(', ')}.`,
      })
      .optional(),
    from: year('From year').optional(),
    to: year('To year').optional(),
    sort: z.enum(CONTRACT_SORTS, { error: `The order must be one of ${CONTRACT_SORTS.join(', ')}.` }).optional(),
    page: z
      .string()
      .regex(/^[1-9]\d{0,5}$/, 'The page must be a whole number from 1.')
      .transform(Number)
      .optional(),
  })
  .refine((filters) => filters.from === undefined || filters.to === undefined || filters.from <= filters.to, {
    message: 'The “From year” must not be after the “To year”.',
    path: ['to'],
  });

export type ContractFilters = z.infer<typeof contractFiltersSchema>;
export type ContractFilterField = keyof ContractFilters;

const FIELDS = [
  'agency',
  'company',
  'status',
  'from',
  'to',
  'sort',
  'page',
] as const satisfies readonly ContractFilterField[];

export type ContractFiltersResult =
  { ok: true; filters: ContractFilters } | { ok: false; problems: { field: ContractFilterField; message: string }[] };

/**
 * Reads /contracts's query parameters. Empty values count as absent (an untouched select of the
 * filter form sends `status=`); a parameter given twice, an over-long or unknown value is a problem.
 */
export function parseContractFilters(params: Record<string, string | string[] | undefined>): ContractFiltersResult {
  const input: Record<string, string> = {};
  const problems: { field: ContractFilterField; message: string }[] = [];
  for (const field of FIELDS) {
    const value = params[field];
    if (Array.isArray(value)) problems.push({ field, message: `“${field}” is given more than once; give it once.` });
    else if (value !== undefined && value.trim() !== '') input[field] = value.trim();
  }
  if (problems.length > 0) return { ok: false, problems };
  const result = contractFiltersSchema.safeParse(input);
  if (result.success) return { ok: true, filters: result.data };
  for (const issue of result.error.issues) {
    const field = FIELDS.find((name) => name === issue.path[0]) ?? 'page';
    if (!problems.some((problem) => problem.field === field)) problems.push({ field, message: issue.message });
  }
  return { ok: false, problems };
}
