import { z } from 'zod';
import { INCIDENT_KINDS } from '../incident-kinds';
import {
  inCase,
  INCIDENT_OUTCOMES,
  MAX_WORDS_LENGTH,
  MAX_YEAR,
  MIN_YEAR,
  subsidiariesSwitch,
  words,
} from './list-filters';

// Shared with the lists' own filters (lib/validation/list-filters.ts).
export { inCase, subsidiariesSwitch };

/**
 * The query parameters of public pages. Anything malformed (page=-1, year=abc, a repeated
 * parameter, a 5,000-character value) fails to parse, and the page says what it cannot read
 * (a list) or answers 404 (a record's page) rather than guessing. Unknown parameters (utm_source…)
 * are ignored.
 */
// Past it, said alone: the value's other rules are not tried on it.
const single = z.string().max(200, { error: 'at most 200 characters', abort: true });
// The pattern itself says the bounds (1900 to 2100), so that the API's document, generated from
// this schema's input side, says them too; the number's own bounds check it again.
const year = single
  .regex(/^(?:19\d\d|20\d\d|2100)$/, `a year from ${MIN_YEAR} to ${MAX_YEAR}, such as 2018`)
  .transform(Number)
  .pipe(
    z
      .number()
      .int()
      .min(MIN_YEAR, `a year from ${MIN_YEAR} to ${MAX_YEAR}`)
      .max(MAX_YEAR, `a year from ${MIN_YEAR} to ${MAX_YEAR}`),
  );
const page = single.regex(/^[1-9]\d{0,5}$/, 'a page number').transform(Number);
export const slug = (example: string) =>
  inCase(
    'lower',
    single.regex(/^[a-z0-9-]{1,100}$/, `an address name (a slug): letters, digits and hyphens, such as ${example}`),
  );

export const profileParamsSchema = z.object({
  subsidiaries: subsidiariesSwitch,
  // In any case, as the lists read it (kind=ACTION is action).
  kind: inCase('lower', z.enum(INCIDENT_KINDS)).optional(),
  year: year.optional(),
  page: page.optional(),
});

export const incidentListParamsSchema = z
  .object({
    kind: inCase('lower', z.enum(INCIDENT_KINDS)).optional(),
    form: slug('open-letter').optional(),
    issue: slug('ethics').optional(),
    tag: slug('ice').optional(),
    company: slug('salesforce').optional(),
    agency: slug('ice').optional(),
    organization: slug('raices').optional(),
    outcome: inCase('upper', z.enum(INCIDENT_OUTCOMES)).optional(),
    from: year.optional(),
    to: year.optional(),
    // Read as the site's lists read them, and refused in the few words of the other parameters here.
    q: words({
      tooLong: `at most ${MAX_WORDS_LENGTH} characters`,
      nothingToFind: 'words to look for, such as ICE contract',
      unreadable: 'text percent-encoded as UTF-8 (é is %C3%A9): a byte of another encoding cannot be read',
    }).optional(),
    order: inCase('lower', z.enum(['newest', 'oldest'])).optional(),
    page: page.optional(),
  })
  .refine((params) => !params.from || !params.to || params.from <= params.to, { message: 'from must not be after to' });

export const companyListParamsSchema = z.object({
  // In any case, as the filters are read (has=Contracts is contracts).
  sort: inCase('lower', z.enum(['name', 'actions', 'contracts', 'recent'])).optional(),
  has: inCase('lower', z.enum(['contracts', 'actions', 'donations'])).optional(),
  page: page.optional(),
});

export const AGENCY_SORTS = ['name', 'contracts', 'value'] as const;
export const ORGANIZATION_SORTS = ['name', 'donations', 'actions'] as const;
export const agencyListParamsSchema = z.object({
  sort: inCase('lower', z.enum(AGENCY_SORTS)).optional(),
  page: page.optional(),
});
export const organizationListParamsSchema = z.object({
  sort: inCase('lower', z.enum(ORGANIZATION_SORTS)).optional(),
  page: page.optional(),
});

export const searchParamsSchema = z.object({ q: z.string().optional() });

export type SearchParams = Record<string, string | string[] | undefined>;

/** Parses a page's query parameters; null when they are malformed. Empty values count as absent. */
export function parseParams<T extends z.ZodType>(schema: T, params: SearchParams): z.infer<T> | null {
  const read = readParams(schema, params);
  return read.ok ? read.data : null;
}

/**
 * A sorted list's parameters (agencies, organisations), its first page in `fallback` order unless
 * the address says otherwise, or what is wrong with them.
 */
export function readSortedList<Sort extends string>(
  schema: z.ZodType<{ sort?: Sort; page?: number }>,
  params: SearchParams,
  fallback: Sort,
): { ok: true; data: { sort: Sort; page: number } } | { ok: false; problems: ParamProblem[] } {
  const read = readParams(schema, params);
  return read.ok ? { ok: true, data: { page: read.data.page ?? 1, sort: read.data.sort ?? fallback } } : read;
}

/** A parameter a list's address gives that the list cannot read, and why (shown by `FilterProblems`). */
export type ParamProblem = { field: string; message: string };

/**
 * A list's query parameters, or what is wrong with them, one message a parameter, for the page
 * to say (as /incidents does) rather than answer as if the address named no page.
 */
export function readParams<T extends z.ZodType>(
  schema: T,
  params: SearchParams,
): { ok: true; data: z.infer<T> } | { ok: false; problems: ParamProblem[] } {
  const cleaned: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(params)) if (value !== '' && value !== undefined) cleaned[key] = value;
  const result = schema.safeParse(cleaned);
  if (result.success) return { ok: true, data: result.data };
  const problems = result.error.issues.map((issue): ParamProblem => {
    const field = String(issue.path[0] ?? 'the address');
    if (Array.isArray(cleaned[field])) return { field, message: `“${field}” is given more than once: give it once.` };
    if (issue.code === 'invalid_value') {
      const values = issue.values.map(String);
      return {
        field,
        message:
          values.length === 1
            ? `“${field}” can only be ${values[0]}.`
            : `“${field}” must be one of ${values.join(', ')}.`,
      };
    }
    if (issue.code === 'too_big' && (issue.origin === 'string' || issue.origin === 'array')) {
      const unit = issue.origin === 'string' ? 'characters' : 'values';
      return { field, message: `“${field}” is too long: at most ${issue.maximum.toLocaleString('en-US')} ${unit}.` };
    }
    const message = issue.message.replace(/\.$/, '');
    return { field, message: /^an? /.test(message) ? `“${field}” must be ${message}.` : `${message}.` };
  });
  return {
    ok: false,
    problems: problems.filter((problem, at) => problems.findIndex((other) => other.field === problem.field) === at),
  };
}

/**
 * The parameters of a page that shows what it can: those it reads, and what is wrong with the
 * others, which it goes without (the comparison: a mistyped switch does not hide the companies).
 */
export function readParamsLeniently<T extends z.ZodObject>(
  schema: T,
  params: SearchParams,
): { data: Partial<z.infer<T>>; problems: ParamProblem[] } {
  const read = readParams(schema, params);
  if (read.ok) return { data: read.data, problems: [] };
  const wrong = new Set(read.problems.map((problem) => problem.field));
  const kept = Object.fromEntries(Object.entries(params).filter(([key]) => !wrong.has(key)));
  const again = readParams(schema, kept);
  return { data: again.ok ? again.data : {}, problems: read.problems };
}
