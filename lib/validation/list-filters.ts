import { z } from 'zod';
import { INCIDENT_KINDS } from '../incident-kinds';
import { OUTCOME_LABEL } from '../labels';
import { editDistance } from '../text';

/*
 * The query parameters of the lists a visitor filters with a form (/contracts, /incidents). A value
 * that does not parse gives a message saying which parameter is wrong and what it accepts, which
 * the page shows above the form instead of the list (never an error page). Anything else in the
 * address (utm_source…) is ignored.
 */

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** A code as an address may spell it (met, partly-met, not-renewed): MET, PARTLY_MET, NOT_RENEWED. */
export const asCode = (value: string) => value.toUpperCase().replace(/-/g, '_');

/**
 * A value the address may write in any case, as /incidents and /contracts read it (tag=ICE is ice;
 * outcome=met is MET, status=not-renewed NOT_RENEWED: a code's words are joined by underscores).
 */
export const inCase = <T extends z.ZodType>(to: 'lower' | 'upper', schema: T) =>
  z.preprocess(
    (value) => (typeof value !== 'string' ? value : to === 'lower' ? value.toLowerCase() : asCode(value)),
    schema,
  );

/** An agency, a vocabulary term… given by its address name (in any case: tag=ICE is ice, as outcome=met is MET). */
export const slugFilter = (what: string) =>
  z
    .string()
    .max(100, `The ${what} is given by its address name, of at most 100 characters.`)
    .transform((value) => value.toLowerCase())
    .pipe(
      z
        .string()
        .regex(/^[a-z0-9-]+$/, `The ${what} is given by its address name: lower-case letters, digits and hyphens.`),
    );

/**
 * Typed words as PostgreSQL can search them: control characters separate words like spaces (a NUL
 * cannot even reach PostgreSQL), and invisible format characters (a right-to-left mark, a soft
 * hyphen, a zero-width joiner) are dropped, so that "ICE" followed by one still finds ICE. Minus
 * signs with no word between them ("ice ----", "- - -") are one: websearch_to_tsquery reads each
 * as a "not" of the next, and more than about thirty nested overflow its stack (an error, not a
 * search).
 */
export const searchableText = (text: string) =>
  text
    .replace(/\p{Cf}+/gu, '')
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .replace(/-(?:[^\p{L}\p{N}-]*-)+/gu, '-')
    .trim();

/** What a URL's percent-encoded bytes that are not UTF-8 are read as. */
export const UNREADABLE = '\uFFFD';

/**
 * A company as a visitor types it: its name, one of its other names, or its address name. A byte
 * of the address that is no UTF-8 is refused, as in the words to find: matched as typed, the name
 * would be read as the nearest one on record without a word about the character.
 */
export const companyFilter = z
  .string()
  .max(100, 'The company is given by its name, of at most 100 characters.')
  .refine(
    (text) => !text.includes(UNREADABLE),
    'The company’s name holds a character the address could not carry (it was not written as UTF-8): type it again.',
  )
  .transform(searchableText)
  .pipe(z.string().min(1, 'The company is given by its name, such as Salesforce.'));

/** Words to find in the records' text (full text, as search reads them), at most this long. */
export const MAX_WORDS_LENGTH = 200;

/**
 * Words to find, read the same wherever they are typed; what is wrong with them is said in the
 * words of the place that reads them: a sentence on the site's lists, a few words in the API
 * (lib/validation/public-params.ts), as its other parameters say it.
 */
export const words = (messages: { tooLong: string; nothingToFind: string; unreadable: string }) =>
  z
    .string()
    .max(MAX_WORDS_LENGTH, messages.tooLong)
    // An address's bytes that are no UTF-8 (%E9, é in Latin-1) are read as U+FFFD: searched for, the
    // word would find nothing, or be dropped, and nothing said why. One pasted from a text that holds
    // it is refused alike, with the same advice: type the words again.
    .refine((text) => !text.includes(UNREADABLE), messages.unreadable)
    .transform(searchableText)
    .pipe(z.string().min(1, messages.nothingToFind));

export const wordsFilter = words({
  tooLong: `The words to find are limited to ${MAX_WORDS_LENGTH} characters.`,
  nothingToFind: 'Give the words to find, such as ICE contract.',
  unreadable:
    'The words to find hold a character the address could not carry (it was not written as UTF-8): type them again.',
});

export const yearFilter = (what: string) =>
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

export const pageFilter = z
  .string()
  .regex(/^[1-9]\d{0,5}$/, 'The page must be a whole number from 1 to 999,999.')
  .transform(Number);

/**
 * One of `values`; refused with the values as the address writes them, each after its name in
 * the page's menu when `labels` gives one ("Not renewed (NOT_RENEWED)").
 */
export const oneOf = <const T extends readonly [string, ...string[]]>(
  values: T,
  what: string,
  labels?: Record<string, string>,
) =>
  z.enum(values, {
    error: `${what} must be one of ${values.map((value) => (labels?.[value] ? `${labels[value]} (${value})` : value)).join(', ')}.`,
  });

/** From year and To year in order, the problem reported on the second. */
export const yearsInOrder = {
  check: (filters: { from?: number; to?: number }) =>
    filters.from === undefined || filters.to === undefined || filters.from <= filters.to,
  params: { message: 'The “From year” must not be after the “To year”.', path: ['to'] },
};

export type FilterProblem<Field extends string> = { field: Field; message: string };
export type FiltersResult<T, Field extends string> =
  { ok: true; filters: T } | { ok: false; problems: FilterProblem<Field>[] };

/**
 * Reads a list's query parameters. Empty values count as absent (an untouched select of the filter
 * form sends `status=`); a parameter given twice, an over-long or unknown value is a problem.
 */
export function parseFilters<S extends z.ZodType, const Field extends string>(
  schema: S,
  fields: readonly Field[],
  params: Record<string, string | string[] | undefined>,
): FiltersResult<z.infer<S>, Field> {
  const input: Record<string, string> = {};
  const problems: FilterProblem<Field>[] = [];
  for (const field of fields) {
    const value = params[field];
    if (Array.isArray(value)) problems.push({ field, message: `“${field}” is given more than once; give it once.` });
    else if (value !== undefined && value.trim() !== '') input[field] = value.trim();
  }
  if (problems.length > 0) return { ok: false, problems };
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, filters: result.data };
  for (const issue of result.error.issues) {
    const field = fields.find((name) => name === issue.path[0]) ?? (fields.at(-1) as Field);
    if (!problems.some((problem) => problem.field === field)) problems.push({ field, message: issue.message });
  }
  return { ok: false, problems };
}

/**
 * A parameter of a list's address that the list does not read, and what it was meant for: one of
 * the list's own filters misspelt (`meant`), a parameter of the site's other pages (`instead`: what
 * this list reads in its place, if anything), the subsidiaries switch without the company it goes
 * with (`needs`), or else a filter of the open data's lists.
 */
export type UnreadFilter = { name: string; meant?: string; instead?: readonly string[]; needs?: string };

/**
 * The parameters of the site's other pages a list may be given by hand, with what the lists read in
 * their place: a profile's year (a list's from and to), the contracts' sort (the incidents' order)
 * and the other way round, and the incidents' kind (the contracts are of one kind).
 */
const OTHER_PAGES_PARAMETERS = new Map<string, readonly string[]>([
  ['year', ['from', 'to']],
  ['sort', ['order']],
  ['order', ['sort']],
  ['kind', []],
]);

/**
 * The parameters of a list's address it does not read that look meant for it: a filter the open
 * data's lists take and this list has not (`elsewhere`: employmentType, limit), one the site's other
 * pages take (a profile's year), or one of the list's own filters misspelt ("compnay", "From"); and,
 * given the filters it read, the subsidiaries switch without a company. Said beside the list, which
 * shows the records of the filters it read; other parameters (a share's utm_source) are no filters,
 * and are left unsaid.
 */
export function unreadFilters(
  params: Record<string, string | string[] | undefined>,
  fields: readonly string[],
  elsewhere: readonly string[],
  read?: { company?: string; subsidiaries?: string },
): UnreadFilter[] {
  const unread = Object.keys(params).flatMap((name): UnreadFilter[] => {
    if (fields.includes(name)) return [];
    if (elsewhere.includes(name)) return [{ name }];
    const lower = name.toLowerCase();
    // One of its own in another case first ("Kind" on /incidents), then another page's in any case ("Year").
    const own = fields.find((field) => field.toLowerCase() === lower);
    if (own) return [{ name, meant: own }];
    const instead = OTHER_PAGES_PARAMETERS.get(lower);
    if (instead) return [{ name, instead: instead.filter((field) => fields.includes(field)) }];
    // Nearest first, a letter's case counting as nothing ("From" is from, "Q" is q); otherwise a
    // letter off a name of up to five letters ("isue", "tags"), two off a longer one ("compnay"):
    // more, and ordinary words would be read as filters ("date" as page, "term" as form).
    const [meant] = fields
      .map((field) => ({ field, distance: editDistance(lower, field.toLowerCase()) }))
      .filter(({ field, distance }) => distance <= (field.length <= 2 ? 0 : field.length <= 5 ? 1 : 2))
      .sort((a, b) => a.distance - b.distance);
    return meant ? [{ name, meant: meant.field }] : [];
  });
  // Ticked with no company named (the form offers the box beside an empty name): no filter, but
  // said, after the others whatever its place in the address.
  if (read?.subsidiaries && !read.company) unread.push({ name: 'subsidiaries', needs: 'company' });
  return unread;
}

export const INCIDENT_OUTCOMES = ['PENDING', 'MET', 'PARTLY_MET', 'NOT_MET', 'UNKNOWN'] as const;

/**
 * The switch that adds subsidiaries' records: 1 (or true) turns it on; 0 (or false) is as if absent,
 * as a hand-made address may write it, not a malformed address.
 */
export const subsidiariesSwitch = inCase(
  'lower',
  z.enum(['1', '0', 'true', 'false'], { error: 'Subsidiaries must be 1 or true (included), or 0 or false.' }),
)
  .optional()
  .transform((value) => (value === '1' || value === 'true' ? ('1' as const) : undefined));

/** /incidents?kind=action&form=strike&issue=ethics&company=Salesforce&agency=ice&organization=raices&outcome=MET&from=2018&to=2020&q=ICE&order=oldest&page=2 */
export const incidentFiltersSchema = z
  .object({
    kind: inCase('lower', oneOf(INCIDENT_KINDS, 'The kind')).optional(),
    form: slugFilter('action form').optional(),
    issue: slugFilter('issue').optional(),
    tag: slugFilter('tag').optional(),
    company: companyFilter.optional(),
    // With a company: its subsidiaries' records too, as its profile rolls them up.
    subsidiaries: subsidiariesSwitch,
    agency: slugFilter('agency').optional(),
    // As the API and the exports take it: the records its page lists (its donation responses, the actions it joined).
    organization: slugFilter('organization').optional(),
    // The address may spell it in lower case (outcome=met, outcome=partly-met), as /contracts takes status=not-renewed.
    outcome: z
      .string()
      .transform(asCode)
      .pipe(oneOf(INCIDENT_OUTCOMES, 'The outcome', OUTCOME_LABEL))
      .optional(),
    from: yearFilter('From year').optional(),
    to: yearFilter('To year').optional(),
    q: wordsFilter.optional(),
    order: inCase('lower', oneOf(['newest', 'oldest'], 'The order')).optional(),
    page: pageFilter.optional(),
  })
  .refine(yearsInOrder.check, yearsInOrder.params);

export type IncidentPageFilters = z.infer<typeof incidentFiltersSchema>;
export const INCIDENT_FIELDS = [
  'kind',
  'form',
  'issue',
  'tag',
  'company',
  'subsidiaries',
  'agency',
  'organization',
  'outcome',
  'from',
  'to',
  'q',
  'order',
  'page',
] as const;
export type IncidentFilterField = (typeof INCIDENT_FIELDS)[number];

export const parseIncidentFilters = (params: Record<string, string | string[] | undefined>) =>
  parseFilters(incidentFiltersSchema, INCIDENT_FIELDS, params);

/**
 * What was typed in a list's filter form, to be shown again when the filters are refused: to be
 * corrected rather than typed again (each value cut to what its box holds: the words to find to
 * their limit, the others to 100 characters; repeated parameters left out).
 */
export function typedFilterValues(params: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).flatMap(([key, value]) =>
      typeof value === 'string' ? [[key, value.slice(0, key === 'q' ? MAX_WORDS_LENGTH : 100)]] : [],
    ),
  );
}
