import 'server-only';
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import type { DatePrecision } from '../generated/prisma/enums';
import type { IncidentKind } from '../incident-kinds';
import { contractStatusText } from '../contract-status';
import { DONATION_RESPONSE_LABEL, participantsLabel, STATEMENT_KIND_LABEL } from '../labels';
import { formatMoney } from '../money';
import { capitalize, statementHeadline, summarize } from '../text';
import type { Citation } from './sources';
import { CITATION_JSON, ISO_DAY, ISO_TIME } from './copy-export';
import { wordsMatch, type TextKind } from './text-match';

/** The kinds of entry on a timeline or in the incidents list. A contract has two: its award and its status change. */
export type EntryKind = IncidentKind | 'contract-status';

export interface IncidentFilters {
  kind?: IncidentKind;
  /** Action form, issue and tag term slugs: only employee actions have them. */
  form?: string;
  issue?: string;
  tag?: string;
  outcome?: 'PENDING' | 'MET' | 'PARTLY_MET' | 'NOT_MET' | 'UNKNOWN';
  /** Records of any of these companies (a company and, when asked, its subsidiaries). */
  companyIds?: string[];
  /** Records touching contracts awarded by this agency or its sub-agencies. */
  agencyId?: string;
  /**
   * The records of this organisation, as its page lists them: the donation responses it answered
   * and the actions it joined. Contracts and statements name no organisation: with it, they are left out.
   */
  organizationId?: string;
  fromYear?: number;
  toYear?: number;
  /** Words the record's text holds (full text, as search reads them: lib/data/text-match.ts). */
  words?: string;
  order?: 'newest' | 'oldest';
}

export interface IncidentEntry {
  kind: EntryKind;
  id: string;
  href: string;
  date: Date | null;
  datePrecision: DatePrecision;
  title: string;
  summary: string | null;
  /** Short facts for the entry's first line: forms and participants of an action, a contract's status. */
  facts: string | null;
  companies: { slug: string; name: string }[];
  /** Its citations; empty when only counted (`describeEntries(rows, { sources: false })`). */
  sources: Citation[];
  sourceCount: number;
}

const PUBLISHED = Prisma.sql`'PUBLISHED'`;

/**
 * A contract, donation response or statement (as `alias`) is public only with its company, as on
 * its own page: one of a company that is not published is neither listed nor counted.
 */
export const ofPublishedCompanySql = (alias: string) =>
  Prisma.sql`EXISTS (SELECT 1 FROM companies pc WHERE pc.id = ${Prisma.raw(`${alias}.company_id`)} AND pc.status = ${PUBLISHED}::"PublicationStatus")`;

/** The pieces of the filters' conditions, shared by the list and the menus' counts. */
function conditions(filters: IncidentFilters) {
  const years = (column: Prisma.Sql) => [
    filters.fromYear ? Prisma.sql`${column} >= make_date(${filters.fromYear}::int, 1, 1)` : null,
    filters.toYear ? Prisma.sql`${column} < make_date(${filters.toYear + 1}::int, 1, 1)` : null,
  ];
  const companies = filters.companyIds ? Prisma.join(filters.companyIds) : null;
  const agencyContracts = filters.agencyId
    ? Prisma.sql`(SELECT k.id FROM government_contracts k JOIN companies kc ON kc.id = k.company_id
                  WHERE (k.agency_id = ${filters.agencyId} OR k.sub_agency_id = ${filters.agencyId})
                    AND k.status = ${PUBLISHED}::"PublicationStatus" AND kc.status = ${PUBLISHED}::"PublicationStatus")`
    : null;
  const where = (parts: (Prisma.Sql | null)[]) =>
    Prisma.join(
      parts.filter((condition): condition is Prisma.Sql => condition !== null),
      ' AND ',
    );
  const words = (kind: TextKind, alias: string) => (filters.words ? wordsMatch(kind, alias, filters.words) : null);
  const term = (slug: string, kind: 'ACTION_FORM' | 'ISSUE' | 'TAG') =>
    Prisma.sql`EXISTS (SELECT 1 FROM employee_action_terms l JOIN vocabulary_terms t ON t.id = l.term_id
                       WHERE l.action_id = a.id AND t.kind = ${kind}::"VocabularyKind" AND t.slug = ${slug})`;
  /** The published actions (as `a`) the filters find, with their form and issue filters or without. */
  const actions = ({ form = true, issue = true }: { form?: boolean; issue?: boolean } = {}) => [
    Prisma.sql`a.status = ${PUBLISHED}::"PublicationStatus"`,
    companies ? Prisma.sql`EXISTS (SELECT 1 FROM employee_action_companies c WHERE c.action_id = a.id AND c.company_id IN (${companies}))` : null,
    agencyContracts ? Prisma.sql`EXISTS (SELECT 1 FROM employee_action_contracts x WHERE x.action_id = a.id AND x.contract_id IN ${agencyContracts})` : null,
    filters.organizationId ? Prisma.sql`EXISTS (SELECT 1 FROM employee_action_organizations o WHERE o.action_id = a.id AND o.organization_id = ${filters.organizationId})` : null,
    form && filters.form ? term(filters.form, 'ACTION_FORM') : null,
    issue && filters.issue ? term(filters.issue, 'ISSUE') : null,
    filters.tag ? term(filters.tag, 'TAG') : null,
    filters.outcome ? Prisma.sql`a.outcome = ${filters.outcome}::"ActionOutcome"` : null,
    words('action', 'a'),
    ...years(Prisma.sql`a.start_date`),
  ];
  return { years, companies, agencyContracts, where, actions, words };
}

/** One SELECT per kind, each yielding (kind, id, date, precision), with the filters that apply to it. */
function entrySelects(filters: IncidentFilters): Prisma.Sql[] {
  const actionOnly = Boolean(filters.form || filters.issue || filters.tag || filters.outcome);
  // Only actions and donation responses name an organisation.
  const ofOrganization = (kind: IncidentKind) => !filters.organizationId || kind === 'action' || kind === 'donation';
  const wants = (kind: IncidentKind) => (!filters.kind || filters.kind === kind) && (kind === 'action' || !actionOnly) && ofOrganization(kind);
  const { years, companies, agencyContracts, where, actions, words } = conditions(filters);

  const selects: Prisma.Sql[] = [];
  if (wants('action')) {
    selects.push(Prisma.sql`SELECT 'action' AS kind, a.id, a.start_date AS date, a.date_precision::text AS precision
      FROM employee_actions a WHERE ${where(actions())}`);
  }
  if (wants('contract')) {
    const contractWhere = (dateColumn: Prisma.Sql, extra: Prisma.Sql | null) =>
      where([
        Prisma.sql`k.status = ${PUBLISHED}::"PublicationStatus"`,
        ofPublishedCompanySql('k'),
        extra,
        companies ? Prisma.sql`k.company_id IN (${companies})` : null,
        agencyContracts ? Prisma.sql`k.id IN ${agencyContracts}` : null,
        words('contract', 'k'),
        ...years(dateColumn),
      ]);
    selects.push(Prisma.sql`SELECT 'contract' AS kind, k.id, k.award_date AS date, k.award_date_precision::text AS precision
      FROM government_contracts k WHERE ${contractWhere(Prisma.sql`k.award_date`, null)}`);
    // A change of status is its own entry, but for a contract active since the very day (or month,
    // or year) it was awarded: that is its award's entry said twice.
    const statusChanged = Prisma.sql`k.status_changed_at IS NOT NULL AND NOT (k.contract_status = 'ACTIVE'
      AND k.status_changed_at IS NOT DISTINCT FROM k.award_date AND k.status_changed_precision = k.award_date_precision)`;
    selects.push(Prisma.sql`SELECT 'contract-status' AS kind, k.id, k.status_changed_at AS date, k.status_changed_precision::text AS precision
      FROM government_contracts k WHERE ${contractWhere(Prisma.sql`k.status_changed_at`, statusChanged)}`);
  }
  if (wants('donation')) {
    selects.push(Prisma.sql`SELECT 'donation' AS kind, d.id, d.date, d.date_precision::text AS precision
      FROM donation_responses d WHERE ${where([
        Prisma.sql`d.status = ${PUBLISHED}::"PublicationStatus"`,
        ofPublishedCompanySql('d'),
        companies ? Prisma.sql`d.company_id IN (${companies})` : null,
        agencyContracts ? Prisma.sql`EXISTS (SELECT 1 FROM donation_response_contracts x WHERE x.donation_response_id = d.id AND x.contract_id IN ${agencyContracts})` : null,
        filters.organizationId ? Prisma.sql`d.organization_id = ${filters.organizationId}` : null,
        words('donation', 'd'),
        ...years(Prisma.sql`d.date`),
      ])}`);
  }
  if (wants('statement')) {
    selects.push(Prisma.sql`SELECT 'statement' AS kind, s.id, s.date, s.date_precision::text AS precision
      FROM company_statements s WHERE ${where([
        Prisma.sql`s.status = ${PUBLISHED}::"PublicationStatus"`,
        ofPublishedCompanySql('s'),
        companies ? Prisma.sql`s.company_id IN (${companies})` : null,
        agencyContracts ? Prisma.sql`s.contract_id IN ${agencyContracts}` : null,
        words('statement', 's'),
        ...years(Prisma.sql`s.date`),
      ])}`);
  }
  return selects;
}

/** For each form of action and each issue (by slug), how many actions a choice of it would find. */
export type TermCounts = Record<'ACTION_FORM' | 'ISSUE', Record<string, number>>;

/**
 * What each choice of the incidents list's form and issue menus would find with the other filters
 * kept: the published actions the filters find that carry each term, a form's count keeping the
 * issue chosen and an issue's the form. Null when the filters ask for another kind of record than
 * employee actions. One query.
 */
export async function actionTermCounts(filters: IncidentFilters): Promise<TermCounts | null> {
  if (filters.kind && filters.kind !== 'action') return null;
  const { where, actions } = conditions(filters);
  const rows = await db.$queryRaw<{ kind: 'ACTION_FORM' | 'ISSUE'; slug: string; n: number }[]>`
    SELECT t.kind::text AS kind, t.slug, count(*)::int AS n
    FROM employee_action_terms l
    JOIN vocabulary_terms t ON t.id = l.term_id
    JOIN employee_actions a ON a.id = l.action_id
    WHERE t.merged_into_id IS NULL
      AND ((t.kind = 'ACTION_FORM' AND ${where(actions({ form: false }))})
        OR (t.kind = 'ISSUE' AND ${where(actions({ issue: false }))}))
    GROUP BY t.kind, t.slug`;
  const counts: TermCounts = { ACTION_FORM: {}, ISSUE: {} };
  for (const row of rows) counts[row.kind][row.slug] = row.n;
  return counts;
}

/**
 * The years the incidents the filters find fall in, newest first, whatever their kind and year (a
 * profile's year menu offers every year its timeline has an entry in: a year of statements alone
 * too). One query.
 */
export async function incidentYears(filters: IncidentFilters): Promise<number[]> {
  const selects = entrySelects({ ...filters, kind: undefined, fromYear: undefined, toYear: undefined });
  const rows = await db.$queryRaw<{ year: number }[]>`
    SELECT DISTINCT extract(year FROM date)::int AS year FROM (${Prisma.join(selects, ' UNION ALL ')}) entries
    WHERE date IS NOT NULL ORDER BY year DESC`;
  return rows.map((row) => row.year);
}

type Row = EntryRow & { total: bigint; status_changes: bigint };

/**
 * One page of incidents matching the filters, newest (or oldest) first, undated last (records of
 * one day in the order of their ids, the same way, as the API and the exports list them), each with
 * its one-line summary, companies and sources. A constant number of queries whatever the size of
 * the record: one for the page, then one for the details and sources of all its kinds.
 */
export async function listIncidents(
  filters: IncidentFilters,
  { page = 1, perPage = 50 }: { page?: number; perPage?: number } = {},
): Promise<{
  entries: IncidentEntry[];
  total: number;
  /** How many of them are a contract's change of status (the contract's award is an entry of its own). */
  statusChanges: number;
  pages: number;
}> {
  const selects = entrySelects(filters);
  if (selects.length === 0) return { entries: [], total: 0, statusChanges: 0, pages: 1 };
  const direction = filters.order === 'oldest' ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const rows = await db.$queryRaw<Row[]>`
    SELECT kind, id, date, precision, count(*) OVER () AS total,
      count(*) FILTER (WHERE kind = 'contract-status') OVER () AS status_changes
    FROM (${Prisma.join(selects, ' UNION ALL ')}) entries
    ORDER BY date ${direction} NULLS LAST, kind, id ${direction}
    LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`;
  // A page past the end has no row to carry the total: it is counted apart (only then).
  const [counted] =
    rows.length > 0 || page === 1
      ? rows
      : await db.$queryRaw<Pick<Row, 'total' | 'status_changes'>[]>`
          SELECT count(*) AS total, count(*) FILTER (WHERE kind = 'contract-status') AS status_changes
          FROM (${Prisma.join(selects, ' UNION ALL ')}) entries`;
  const total = Number(counted?.total ?? 0);
  return {
    total,
    statusChanges: Number(counted?.status_changes ?? 0),
    pages: Math.max(1, Math.ceil(total / perPage)),
    entries: await describeEntries(rows),
  };
}

export type EntryRow = { kind: EntryKind; id: string; date: Date | null; precision: DatePrecision };

/**
 * The entries for these rows, in their order, with titles, summaries, companies and sources; with
 * `sources: false` the sources are counted, not read (a list that shows only how many).
 */
export async function describeEntries(rows: EntryRow[], { sources = true }: { sources?: boolean } = {}): Promise<IncidentEntry[]> {
  const details = await loadDetails(rows, sources);
  return rows.flatMap((row) => {
    const detail = details.get(`${row.kind === 'contract-status' ? 'contract' : row.kind}:${row.id}`);
    if (!detail) return [];
    return [{ kind: row.kind, id: row.id, date: row.date, datePrecision: row.precision, ...detail(row.kind) }];
  });
}

type Detail = (kind: EntryKind) => Pick<IncidentEntry, 'href' | 'title' | 'summary' | 'facts' | 'companies' | 'sources' | 'sourceCount'>;

/** A company as an entry names it. */
type CompanyLink = { slug: string; name: string };
/** A source as the statement below writes it (CITATION_JSON): its date as 'YYYY-MM-DD' text, no precision without one. */
type CitationRow = Omit<Citation, 'publishedAt' | 'publishedPrecision'> & {
  publishedAt: string | null;
  publishedPrecision: Citation['publishedPrecision'] | null;
};

/** The details of each kind as the statement below writes them (JSON: dates as ISO text). */
interface DetailRows {
  action: {
    id: string;
    title: string;
    description: string;
    participantsMin: number | null;
    participantsMax: number | null;
    participantsText: string | null;
    forms: string[];
    companies: CompanyLink[];
    sources: CitationRow[];
    sourceCount: number;
  };
  contract: {
    id: string;
    title: string;
    contractStatus: string;
    statusChangedAt: string | null;
    statusChangedPrecision: DatePrecision;
    statusRecordedAt: string | null;
    periodEnd: string | null;
    updatedAt: string;
    company: CompanyLink;
    agency: { name: string; acronym: string | null };
    sources: CitationRow[];
    sourceCount: number;
  };
  donation: {
    id: string;
    response: string;
    reason: string | null;
    amount: string | null;
    currency: string;
    company: CompanyLink;
    organization: { name: string; acronym: string | null } | null;
    sources: CitationRow[];
    sourceCount: number;
  };
  statement: { id: string; summary: string; kind: string; company: CompanyLink; sources: CitationRow[]; sourceCount: number };
}
type DetailRow = { [K in IncidentKind]: { kind: K; detail: DetailRows[K] } }[IncidentKind];

const COMPANY_JSON = (alias: string) => Prisma.raw(`json_build_object('slug', ${alias}.slug, 'name', ${alias}.name)`);

/**
 * The citations of record `alias` through its link table (in the order of their source ids), or
 * none when they are only counted; and how many there are.
 */
function citingSql(linkTable: string, column: string, alias: string, read: boolean): Prisma.Sql {
  // CITATION_JSON reads the sources as `s` and the links as `x`: a record so named would be hidden
  // by them inside the subquery, which would then match no source.
  if (alias === 's' || alias === 'x') throw new Error(`citingSql: the record's alias cannot be ${alias}.`);
  const count = `(SELECT count(*)::int FROM ${linkTable} x WHERE x.${column} = ${alias}.id)`;
  if (!read) return Prisma.raw(`'sources', '[]'::json, 'sourceCount', ${count}`);
  return Prisma.raw(`'sources', coalesce((
      SELECT json_agg(${CITATION_JSON} ORDER BY x.source_id)
      FROM ${linkTable} x JOIN sources s ON s.id = x.source_id WHERE x.${column} = ${alias}.id), '[]'::json),
    'sourceCount', ${count}`);
}

// An undated source's precision is never read (it says how precise its date is).
const toCitation = (row: CitationRow): Citation => ({
  ...row,
  publishedAt: row.publishedAt === null ? null : new Date(row.publishedAt),
  publishedPrecision: row.publishedPrecision ?? 'DAY',
});
const toDate = (text: string | null) => (text === null ? null : new Date(text));

/**
 * The details of the rows' records, all kinds in one statement (one round trip, written as JSON by
 * PostgreSQL: for a page of 25 actions a third of the time Prisma's relation queries took).
 */
async function loadDetails(rows: EntryRow[], withSources: boolean): Promise<Map<string, Detail>> {
  const ids = (kind: IncidentKind) => [
    ...new Set(rows.filter((row) => row.kind === kind || (kind === 'contract' && row.kind === 'contract-status')).map((row) => row.id)),
  ];
  // A contract, donation response or statement is public only with its company, and an action
  // names only published companies, as on their own pages and in the open data. The forms give a
  // record only published companies; should one not be (written by hand in the database), its
  // records are left out here too (the lists' conditions leave them out already, and their counts),
  // never shown with its name.
  const selects: Record<IncidentKind, (list: string[]) => Prisma.Sql> = {
    action: (list) => Prisma.sql`
      SELECT 'action' AS kind, json_build_object('id', a.id, 'title', a.title, 'description', a.description,
          'participantsMin', a.participants_min, 'participantsMax', a.participants_max, 'participantsText', a.participants_text,
          'forms', coalesce((SELECT json_agg(t.label ORDER BY t.label, t.slug) FROM employee_action_terms l
                             JOIN vocabulary_terms t ON t.id = l.term_id
                             WHERE l.action_id = a.id AND t.kind = 'ACTION_FORM'), '[]'::json),
          'companies', coalesce((SELECT json_agg(${COMPANY_JSON('c')} ORDER BY c.name, c.slug) FROM employee_action_companies l
                                 JOIN companies c ON c.id = l.company_id
                                 WHERE l.action_id = a.id AND c.status = ${PUBLISHED}::"PublicationStatus"), '[]'::json),
          ${citingSql('employee_action_sources', 'action_id', 'a', withSources)}) AS detail
      FROM employee_actions a WHERE a.id = ANY(${list}::text[])`,
    contract: (list) => Prisma.sql`
      SELECT 'contract' AS kind, json_build_object('id', k.id, 'title', k.title, 'contractStatus', k.contract_status,
          'statusChangedAt', to_char(k.status_changed_at, ${Prisma.raw(ISO_DAY)}), 'statusChangedPrecision', k.status_changed_precision,
          'statusRecordedAt', to_char(k.status_recorded_at, ${Prisma.raw(ISO_DAY)}),
          'periodEnd', to_char(k.period_end, ${Prisma.raw(ISO_DAY)}), 'updatedAt', to_char(k.updated_at, ${Prisma.raw(ISO_TIME)}),
          'company', ${COMPANY_JSON('c')}, 'agency', json_build_object('name', g.name, 'acronym', g.acronym),
          -- Always read: their publication dates say as of when the status is known.
          ${citingSql('contract_sources', 'contract_id', 'k', true)}) AS detail
      FROM government_contracts k JOIN companies c ON c.id = k.company_id
        JOIN agencies g ON g.id = coalesce(k.sub_agency_id, k.agency_id)
      WHERE k.id = ANY(${list}::text[]) AND c.status = ${PUBLISHED}::"PublicationStatus"`,
    donation: (list) => Prisma.sql`
      SELECT 'donation' AS kind, json_build_object('id', d.id, 'response', d.response, 'reason', d.reason, 'amount', d.amount::text,
          'currency', d.currency, 'company', ${COMPANY_JSON('c')},
          'organization', CASE WHEN o.id IS NOT NULL THEN json_build_object('name', o.name, 'acronym', o.acronym) END,
          ${citingSql('donation_response_sources', 'donation_response_id', 'd', withSources)}) AS detail
      FROM donation_responses d JOIN companies c ON c.id = d.company_id LEFT JOIN organizations o ON o.id = d.organization_id
      WHERE d.id = ANY(${list}::text[]) AND c.status = ${PUBLISHED}::"PublicationStatus"`,
    statement: (list) => Prisma.sql`
      SELECT 'statement' AS kind, json_build_object('id', st.id, 'summary', st.summary, 'kind', st.kind, 'company', ${COMPANY_JSON('c')},
          ${citingSql('company_statement_sources', 'statement_id', 'st', withSources)}) AS detail
      FROM company_statements st JOIN companies c ON c.id = st.company_id
      WHERE st.id = ANY(${list}::text[]) AND c.status = ${PUBLISHED}::"PublicationStatus"`,
  };
  // Only the kinds the rows hold: each branch of the statement costs planning.
  const branches = (Object.keys(selects) as IncidentKind[]).flatMap((kind) => {
    const list = ids(kind);
    return list.length ? [selects[kind](list)] : [];
  });
  if (!branches.length) return new Map();
  const found = await db.$queryRaw<DetailRow[]>`${Prisma.join(branches, ' UNION ALL ')}`;

  const details = new Map<string, Detail>();
  for (const { kind, detail } of found) {
    const sources = detail.sources.map(toCitation);
    const cited = { sources, sourceCount: detail.sourceCount };
    if (kind === 'action') {
      details.set(`action:${detail.id}`, () => ({
        href: `/actions/${detail.id}`,
        title: detail.title,
        summary: summarize(detail.description),
        facts: actionFacts(detail),
        companies: detail.companies,
        ...cited,
      }));
    } else if (kind === 'contract') {
      const facts = {
        ...detail,
        statusChangedAt: toDate(detail.statusChangedAt),
        statusRecordedAt: toDate(detail.statusRecordedAt),
        periodEnd: toDate(detail.periodEnd),
        updatedAt: new Date(detail.updatedAt),
        sources,
      };
      details.set(`contract:${detail.id}`, (entryKind) => ({
        href: `/contracts/${detail.id}`,
        title:
          entryKind === 'contract-status'
            ? `${detail.company.name}’s contract ${STATUS_CHANGE[detail.contractStatus] ?? 'changed status'}: ${detail.title}`
            : `${detail.company.name}: ${detail.title}`,
        summary: entryKind === 'contract-status' ? null : `Awarding agency: ${detail.agency.acronym ?? detail.agency.name}.`,
        facts: contractStatusText(facts),
        companies: [detail.company],
        sources: withSources ? sources : [],
        sourceCount: detail.sourceCount,
      }));
    } else if (kind === 'donation') {
      details.set(`donation:${detail.id}`, () => ({
        href: `/donations/${detail.id}`,
        title: donationTitle(detail),
        summary: detail.reason && summarize(detail.reason),
        facts: DONATION_RESPONSE_LABEL[detail.response] ?? null,
        companies: [detail.company],
        ...cited,
      }));
    } else {
      details.set(`statement:${detail.id}`, () => ({
        href: `/statements/${detail.id}`,
        title: statementHeadline(detail.company.name, detail.summary),
        summary: null,
        facts: STATEMENT_KIND_LABEL[detail.kind] ?? null,
        companies: [detail.company],
        ...cited,
      }));
    }
  }
  return details;
}

function actionFacts(action: {
  participantsMin: number | null;
  participantsMax: number | null;
  participantsText: string | null;
  forms: string[];
}): string | null {
  // "650 participants", "12 participants (“12 employees resigned”)", "participants: “hundreds”".
  const number = participantsLabel(action.participantsMin, action.participantsMax, null);
  const words = action.participantsText && `“${action.participantsText}”`;
  const one = action.participantsMin === 1 && action.participantsMax === 1;
  const people = number
    ? `${number} ${one ? 'participant' : 'participants'}${words ? ` (${words})` : ''}`
    : words && `participants: ${words}`;
  const facts = [action.forms.join(', '), people].filter(Boolean);
  return facts.length ? facts.join(' · ') : null;
}

const STATUS_CHANGE: Record<string, string> = {
  CANCELLED: 'was cancelled',
  NOT_RENEWED: 'was not renewed',
  COMPLETED: 'was completed',
  ACTIVE: 'became active',
};

const RESPONSE_VERB: Record<string, string> = {
  REJECTED: 'rejected',
  RETURNED: 'returned',
  ACCEPTED: 'accepted',
  REDIRECTED: 'redirected',
};

/** What `titleOfDonation` reads of a donation response. */
export const donationTitleSelect = {
  id: true,
  response: true,
  amount: true,
  currency: true,
  company: { select: { name: true } },
  organization: { select: { name: true, acronym: true, status: true } },
} as const;

/**
 * A donation response's title as the public reads it: its organisation named only while that is
 * published (unnamed groups otherwise); `anyOrganization` names it whatever its state (reviewers).
 */
export function titleOfDonation(
  row: Parameters<typeof donationTitle>[0] & { organization: { status: string } | null },
  { anyOrganization = false }: { anyOrganization?: boolean } = {},
): string {
  return donationTitle({
    ...row,
    organization: anyOrganization || row.organization?.status === 'PUBLISHED' ? row.organization : null,
  });
}

/** "RAICES rejected $250,000 from Salesforce"; "Salesforce says it donated $1,000,000 to unnamed groups". */
export function donationTitle(donation: {
  response: string;
  amount: { toString(): string } | null;
  currency: string;
  company: { name: string };
  organization: { name: string; acronym: string | null } | null;
}): string {
  const amount = donation.amount ? formatMoney(donation.amount.toString(), donation.currency) : 'an undisclosed amount';
  const organization = donation.organization ? (donation.organization.acronym ?? donation.organization.name) : 'unnamed groups';
  if (donation.response === 'DONATED') return `${donation.company.name} says it donated ${amount} to ${organization}`;
  return capitalize(`${organization} ${RESPONSE_VERB[donation.response] ?? 'answered'} ${amount} from ${donation.company.name}`);
}
