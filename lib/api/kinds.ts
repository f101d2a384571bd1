import { z } from 'zod';
import { CONTRACT_STATUSES, type ContractStatusFilter } from '../validation/contract-filters';
import {
  companyListParamsSchema,
  inCase,
  incidentListParamsSchema,
  slug,
  subsidiariesSwitch,
} from '../validation/public-params';
import { decodeCursor, type Cursor, type CursorKey } from './cursor';
import {
  actionSchema,
  agencySchema,
  companySchema,
  contractSchema,
  donationSchema,
  organizationSchema,
  sourceSchema,
  statementSchema,
  type ApiIssue,
} from './schemas';

/** The kinds of record the open-data interface serves, as they appear in its addresses. */
export const KINDS = [
  'companies',
  'agencies',
  'organizations',
  'actions',
  'contracts',
  'donations',
  'statements',
  'sources',
] as const;
export type Kind = (typeof KINDS)[number];

export const isKind = (value: string): value is Kind => (KINDS as readonly string[]).includes(value);

/*
 * The filters are the site's own schemas (lib/validation/public-params.ts), so that a filter
 * means what it does on /incidents and /companies and takes its values in any case, as they do
 * (outcome=met, tag=ICE); a company is named by its slug here, where /incidents also reads a name.
 */
const site = incidentListParamsSchema.shape;
const company = site.company.describe('A company slug, such as salesforce: records of that company.');
const agency = site.agency.describe(
  'An agency slug, such as cbp: records touching contracts awarded by that agency or by it as a sub-agency.',
);
const organization = site.organization.describe(
  'An organization slug, such as raices: the records its page lists (its donation responses; the actions it joined).',
);
// What a year reads, and what it leaves out: a contract or donation response may have no date.
const dated = 'a contract by its award date; a record with no date is left out';
const from = site.from.describe(`A year, such as 2018: records dated in that year or later (${dated}).`);
const to = site.to.describe(`A year: records dated in that year or earlier (${dated}).`);
const q = site.q.describe(
  'Words the records\u2019 text holds, read as /search reads them (English stemming, accents ignored; "a phrase", or, -word): an action\u2019s title and description, a contract\u2019s title and purpose, a donation response\u2019s reason, quote, who is quoted and its answer (rejected, returned, accepted, redirected or donated, and the word donation), a statement\u2019s summary, quote and speaker.',
);
const subsidiaries = subsidiariesSwitch.describe(
  '1 (or true), with company: the records of its subsidiaries too, at every depth (company=alphabet&subsidiaries=1: Alphabet, Google, YouTube), as its profile counts them.',
);
const datedFilters = { company, subsidiaries, agency, from, to, q };

const FILTERS = {
  companies: {
    has: companyListParamsSchema.shape.has.describe('Only companies with at least one published record of this kind.'),
  },
  agencies: {},
  organizations: {},
  actions: {
    ...datedFilters,
    form: site.form.describe('An action form slug, such as open-letter (GET /api/v1/vocabulary lists them).'),
    issue: site.issue.describe('An issue slug, such as ethics (GET /api/v1/vocabulary lists them).'),
    tag: site.tag.describe('A tag slug, such as ice or military-contracts (GET /api/v1/vocabulary lists them).'),
    employmentType: slug('contract-workers')
      .optional()
      .describe(
        'An employment type slug, such as contract-workers or gig-workers: the actions of those workers (GET /api/v1/vocabulary lists them).',
      ),
    outcome: site.outcome.describe('The outcome of the action.'),
    organization,
  },
  contracts: {
    ...datedFilters,
    status: inCase('upper', z.enum(CONTRACT_STATUSES))
      .optional()
      .describe('The contract\u2019s status, as on /contracts.'),
  },
  donations: { ...datedFilters, organization },
  statements: datedFilters,
  sources: {},
} as const;

/** The filters of every kind together; each kind reads those that apply to it. */
export interface RecordFilters {
  company?: string;
  agency?: string;
  /** Actions and donation responses: of this organization (a donation's recipient; an action it joined). */
  organization?: string;
  form?: string;
  issue?: string;
  tag?: string;
  /** Actions only: of workers of this employment type (the data set's contract workers, gig workers…). */
  employmentType?: string;
  outcome?: 'PENDING' | 'MET' | 'PARTLY_MET' | 'NOT_MET' | 'UNKNOWN';
  from?: number;
  to?: number;
  /** Words the records' text holds (lib/data/text-match.ts). */
  q?: string;
  has?: 'contracts' | 'actions' | 'donations';
  /** Contracts only. */
  status?: ContractStatusFilter;
  /** With `company`: its subsidiaries' records too ('1'). */
  subsidiaries?: '1';
  /**
   * The API's lists only: records created or changed at or after this moment (a time in UTC to the
   * millisecond, as Date.toISOString writes it), for a copy kept up to date.
   */
  updatedSince?: string;
  /**
   * The slugs of the company and its subsidiaries at every depth, which the lists then read instead
   * of `company`: set from `company` and `subsidiaries` by followMergedFilters, never by a client.
   */
  family?: string[];
}

/** What a list endpoint's parameters parse into. */
export type ListQuery = RecordFilters & { limit?: number; cursor?: Cursor };

export interface KindInfo {
  /** "Employee actions" */
  title: string;
  /** "employee action" */
  singular: string;
  description: string;
  /** How an item is addressed: companies, agencies and organizations by slug (or id), the rest by id. */
  key: 'slug' | 'id';
  /** The list's order: by date, newest first (undated last where a record may have none), then id; or by slug, A to Z. */
  order: CursorKey;
  record: z.ZodType;
}

/** The kinds a reviewer can archive (their addresses then answer 410 Gone), by their record type. */
export const ARCHIVABLE_KIND: Partial<
  Record<Kind, 'EMPLOYEE_ACTION' | 'CONTRACT' | 'DONATION_RESPONSE' | 'COMPANY_STATEMENT'>
> = {
  actions: 'EMPLOYEE_ACTION',
  contracts: 'CONTRACT',
  donations: 'DONATION_RESPONSE',
  statements: 'COMPANY_STATEMENT',
};

export const KIND_INFO: Record<Kind, KindInfo> = {
  companies: {
    title: 'Companies',
    singular: 'company',
    description: 'Companies on record, A to Z by slug (merged companies are left out of the list).',
    key: 'slug',
    order: 'slug',
    record: companySchema,
  },
  agencies: {
    title: 'Agencies',
    singular: 'agency',
    description: 'Government agencies that award contracts, A to Z by slug.',
    key: 'slug',
    order: 'slug',
    record: agencySchema,
  },
  organizations: {
    title: 'Organizations',
    singular: 'organization',
    description: 'Organizations that answered donations or joined actions, A to Z by slug.',
    key: 'slug',
    order: 'slug',
    record: organizationSchema,
  },
  actions: {
    title: 'Employee actions',
    singular: 'employee action',
    description: 'Collective actions by tech workers, newest first.',
    key: 'id',
    order: 'date',
    record: actionSchema,
  },
  contracts: {
    title: 'Government contracts',
    singular: 'government contract',
    description: 'Companies\u2019 government contracts, newest award first, undated last.',
    key: 'id',
    order: 'date-or-none',
    record: contractSchema,
  },
  donations: {
    title: 'Donation responses',
    singular: 'donation response',
    description: 'Donations refused, returned, redirected or made in answer to criticism, newest first, undated last.',
    key: 'id',
    order: 'date-or-none',
    record: donationSchema,
  },
  statements: {
    title: 'Company statements',
    singular: 'company statement',
    description: 'What companies said or did in answer, newest first.',
    key: 'id',
    order: 'date',
    record: statementSchema,
  },
  sources: {
    title: 'Sources',
    singular: 'source',
    description: 'Every source a published record cites, newest publication first, undated last.',
    key: 'id',
    order: 'date-or-none',
    record: sourceSchema,
  },
};

export const DEFAULT_LIMIT = 50;

// Read from the query string as a number written in digits (not 1e2 or 0x10), so that the
// OpenAPI document types it as an integer.
const limit = z
  .preprocess(
    (value) => (typeof value === 'string' && /^0*\d{1,6}$/.test(value) ? Number(value) : value),
    z.number('a number from 1 to 100').int('a whole number from 1 to 100').min(1).max(100),
  )
  .describe(`How many records a page holds, 1 to 100 (${DEFAULT_LIMIT} when left out).`);

const cursor = (kind: string, order: CursorKey) =>
  z
    .string()
    .max(400, 'not a cursor this list handed out')
    .transform((value, context) => {
      const decoded = decodeCursor(value, kind, order);
      if (decoded) return decoded;
      context.addIssue({ code: 'custom', message: 'not a cursor this list handed out' });
      return z.NEVER;
    })
    .describe(
      'The `next` value of the previous page, sent with the same filters (with others it is refused); leave it out for the first page.',
    );

const yearsInOrder = (params: object) => {
  const { from, to } = params as { from?: number; to?: number };
  return !from || !to || from <= to;
};
const yearsMessage = { message: 'from must not be after to', path: ['from'] };
// The switch alone would silently give every record: said, as any parameter the list cannot apply is.
const subsidiariesOfCompany = (params: object) => {
  const { company, subsidiaries } = params as { company?: string; subsidiaries?: string };
  return subsidiaries === undefined || company !== undefined;
};
const subsidiariesMessage = {
  message: 'subsidiaries goes with company: give the company whose subsidiaries to include',
  path: ['subsidiaries'],
};

/** The names of every parameter the API's lists take, of any kind (a site's list says it reads none it lacks). */
export const API_LIST_PARAMETERS: readonly string[] = [
  ...new Set([...KINDS.flatMap((kind) => Object.keys(FILTERS[kind])), 'updatedSince', 'limit', 'cursor']),
];

/** The query parameters of a list endpoint (GET /api/v1/<kind>): its filters, limit and cursor. */
export function listParamsSchema(kind: Kind) {
  const filters = FILTERS[kind] as z.ZodRawShape;
  return z
    .strictObject({
      ...filters,
      updatedSince: updatedSince.optional(),
      limit: limit.optional(),
      cursor: cursor(kind, KIND_INFO[kind].order).optional(),
    })
    .refine(yearsInOrder, yearsMessage)
    .refine(subsidiariesOfCompany, subsidiariesMessage);
}

/** The list of archived records, as its cursors name it and as its address ends: /api/v1/archived. */
export const ARCHIVED_LIST = 'archived';

const sinceMessage = 'a date (2026-12-01) or a date-time with its offset (2026-12-01T09:30:00Z)';
/*
 * A mirror's last visit, as it wrote it down: a day (its first moment in UTC) or a time in UTC or
 * with its offset. The database keeps times to the millisecond, so a time written more finely
 * (Python's isoformat writes microseconds) is rounded up to the next millisecond, which keeps
 * "archived at or after it" exact. PostgreSQL has no year 0, which JavaScript's dates have.
 */
const moment = (description: string) =>
  z
    .preprocess(
      // RFC 3339 lets a date-time write its T and Z in lower case (2026-12-01t09:30:00z); a + left
      // unencoded in an address arrives as a space (…T09:30:00 02:00), read as the + it was.
      (value) => (typeof value === 'string' ? value.toUpperCase().replace(/ (\d{2}:\d{2})$/, '+$1') : value),
      z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: sinceMessage }),
    )
    .transform((value, context) => {
      const time = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
      const finer = /\.\d{3}(\d*)/.exec(value)?.[1] ?? '';
      if (/[1-9]/.test(finer)) time.setTime(time.getTime() + 1);
      if (Number.isNaN(time.getTime())) {
        context.addIssue({ code: 'custom', message: sinceMessage });
        return z.NEVER;
      }
      // Nor a year past 9999, which rounding or an offset can reach from 9999-12-31: said as such, the
      // form being right.
      if (time.getUTCFullYear() < 1 || time.getUTCFullYear() > 9999) {
        context.addIssue({ code: 'custom', message: 'a moment in the years 1 to 9999, in UTC' });
        return z.NEVER;
      }
      return time;
    })
    .describe(description);

const since = moment(
  'Only the records archived at or after this moment: a date (2026-12-01, from its start in UTC) or a date-time with its offset (2026-12-01T09:30:00Z), in the years 1 to 9999, such as the time of a last visit a few minutes earlier: an archive is dated when it begins and listed once it is done, and answers may be cached for a minute, so asking from the exact time of the latest record seen can miss one (dropping a record twice does no harm).',
);

/*
 * A copy's last visit, for the lists: the records created or changed since, by their `updatedAt`
 * (which a record also takes when a name it shows changes: a company renamed, a term merged). As
 * text to the millisecond in UTC, the form the lists' cached pages and cursors key on.
 */
const updatedSince = moment(
  'Only the records created or changed at or after this moment (their updatedAt): a date (2026-12-01, from its start in UTC) or a date-time with its offset (2026-12-01T09:30:00Z), in the years 1 to 9999. A record counts as changed when a name it shows changes too (its company renamed, its form merged into another); a company’s counts, drawn from the other lists, do not move its updatedAt. Ask with the time of your last visit, a few minutes earlier to allow for caching (reading a record twice does no harm); what was archived since is at /api/v1/archived.',
).transform((time) => time.toISOString());

/** The query parameters of the list of archived records (GET /api/v1/archived). */
export const archivedParamsSchema = z.strictObject({
  since: since.optional(),
  limit: limit.optional(),
  cursor: cursor(ARCHIVED_LIST, 'time').optional(),
});

/**
 * The filters a page of archived records was asked with, which its cursor is bound to as the other
 * lists' are (filtersDigest): the moment, not how it was written, so that 2026-12-01 and
 * 2026-12-01T00:00:00Z are the same filter.
 */
export const archivedFilters = (since?: Date | null) => ({ since: since?.toISOString() });

/** The query parameters of an export (/exports/<kind>.csv or .json): the list's filters. */
export function exportParamsSchema(kind: Kind) {
  return z
    .strictObject(FILTERS[kind] as z.ZodRawShape)
    .refine(yearsInOrder, yearsMessage)
    .refine(subsidiariesOfCompany, subsidiariesMessage);
}

/** Parameters of an item address: a slug or an id for companies, agencies and organizations, else an id. */
export function itemKeySchema(kind: Kind) {
  const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a record id');
  if (KIND_INFO[kind].key !== 'slug') return id;
  // Record ids are lower case (cuid), so a slug in any case (Salesforce) is the slug salesforce.
  const message = 'an address name (a slug: letters, digits and hyphens, such as salesforce) or a record id';
  const slug = z
    .string()
    .regex(/^[A-Za-z0-9-]{1,100}$/, message)
    .transform((key) => key.toLowerCase());
  return z.union([slug, z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, message)], { error: message });
}

/**
 * The query of an address that takes no parameters (a single record, the index, the vocabulary, a
 * feed): one given is an unknown parameter, answered 400 as on the lists, not silently ignored
 * (`?company=google` on a feed or `?kind=tags` on the vocabulary would otherwise return everything).
 */
export const noParamsSchema = z.strictObject({});

/** A company's feed: its own records, or with its subsidiaries' (as its profile shows them with them). */
export const companyFeedParamsSchema = z.strictObject({
  subsidiaries: subsidiariesSwitch.describe(
    "1 (or true): its subsidiaries' records too, at every depth, as its profile with its subsidiaries shows them (alphabet.atom?subsidiaries=1: Alphabet, Google, YouTube).",
  ),
});

export type Parsed<T> = { ok: true; data: T } | { ok: false; issues: ApiIssue[] };

/**
 * What a client typed, said back in a refusal: 60 characters at most, control characters as
 * escapes (a 6,000-character name is not an answer's body, nor a NUL byte its text).
 */
export function saidBack(typed: string): string {
  const shown = typed.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return shown.length > 60 ? `${shown.slice(0, 60)}…` : shown;
}

/**
 * Parses query parameters: a repeated parameter is an array (which fails), an empty one is absent
 * (but still a parameter: an unknown name is refused, with a value or without).
 */
export function parseQuery<T extends z.ZodType>(schema: T, params: URLSearchParams): Parsed<z.output<T>> {
  // Without a prototype, so that a name every object has (?constructor=1) is a parameter like any
  // other, an unknown one. (A parameter named __proto__ Next.js drops before a route sees it.)
  const query: Record<string, string | string[] | undefined> = Object.create(null);
  const repeated: ApiIssue[] = [];
  for (const key of new Set(params.keys())) {
    // A blank value (q=%20) is no value, as an empty one is, and the spaces around a value are not
    // part of it (tag=ice%20), as on the site's lists.
    const values = params
      .getAll(key)
      .map((value) => value.trim())
      .filter((value) => value !== '');
    if (values.length > 1) repeated.push({ path: [key], message: `given more than once; give it once` });
    query[key] = values.length === 0 ? undefined : values.length === 1 ? (values[0] as string) : values;
  }
  const result = schema.safeParse(query);
  if (result.success && repeated.length === 0) return { ok: true, data: result.data };
  const others = result.success
    ? []
    : // A repeated parameter's other issues are its repetition's doing, but not that it is unknown.
      toIssues(result.error).filter(
        (issue) => issue.message === UNKNOWN_PARAMETER || !repeated.some((r) => r.path[0] === issue.path[0]),
      );
  return { ok: false, issues: [...repeated, ...others] };
}

/** The message of a parameter an address does not take. */
export const UNKNOWN_PARAMETER = 'unknown parameter';

export function toIssues(error: z.ZodError): ApiIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
    // Each unknown parameter its own issue, named by its path as every other parameter's is.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) =>
        // One without a name (?=1) is said so; a long name is shortened, not said back whole.
        key === ''
          ? { path, message: `a parameter without a name: ${UNKNOWN_PARAMETER}` }
          : { path: [...path, saidBack(key)], message: UNKNOWN_PARAMETER },
      );
    }
    // The values a parameter takes, said as the other messages here say what is wanted.
    if (issue.code === 'invalid_value' && issue.message.startsWith('Invalid option')) {
      return [{ path, message: `one of ${issue.values.map(String).join(', ')}` }];
    }
    // A message shared with the site's lists names its parameter ("Subsidiaries must be…"): the path names it here.
    const name = path.at(-1);
    const own = typeof name === 'string' && issue.message.toLowerCase().startsWith(`${name.toLowerCase()} `);
    return [{ path, message: own ? issue.message.slice(String(name).length + 1) : issue.message }];
  });
}
