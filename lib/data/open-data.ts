import 'server-only';
import { encodeCursor, type Cursor } from '../api/cursor';
import { ARCHIVABLE_KIND, archivedFilters, ARCHIVED_LIST, KIND_INFO, type Kind, type RecordFilters } from '../api/kinds';
import type {
  ActionRecord,
  AgencyRecord,
  ApiIssue,
  ArchivedRecord,
  CompanyRecord,
  ContractRecord,
  DonationRecord,
  OrganizationRecord,
  SourceRecord,
  StatementRecord,
} from '../api/schemas';
import * as incidents from '../api/incident-serializers';
import * as entities from '../api/serializers';
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import type { RecordType } from '../generated/prisma/enums';
import { historyPath } from '../history-paths';
import { siteUrl } from '../site';
import { actionConditions, actionRecords } from './action-export';
import { TABLE_OF } from './record-lock';
import { CONTRACTS_LISTED, contractConditions } from './contract-export';
import type { Conditions } from './copy-export';
import { DONATIONS_LISTED, donationConditions } from './donation-export';
import { STATEMENTS_LISTED, statementConditions } from './statement-export';
import { survivingCompanySlug, survivingSlug } from './admin';
import { mergedOrganizationTarget } from './organizations';
import { familySlugs } from './company-figures';
import { filterTerm, resolveFilterSlugs, survivingTermSlug } from './filters';
import { searchableWords } from './text-match';
import { companyCalled } from './companies';
import { agencyCalled } from './agencies';

/*
 * The open-data interface's reads: lists with the site's filters and keyset pagination, single
 * records, and the most recently changed records for feeds. Only published records are public,
 * and contracts, donation responses and statements only of published companies. Every function
 * makes a constant number of queries, whatever the size of the record or of a page.
 */

export interface KindRecords {
  companies: CompanyRecord;
  agencies: AgencyRecord;
  organizations: OrganizationRecord;
  actions: ActionRecord;
  contracts: ContractRecord;
  donations: DonationRecord;
  statements: StatementRecord;
  sources: SourceRecord;
}
export type AnyRecord = KindRecords[Kind];

// Prisma's where and orderBy inputs differ per model; they are built per kind below and checked
// by Prisma at run time (and by the integration tests).
type Where = Record<string, unknown>;
type FindArgs = { where: Where; orderBy: Where[]; take: number };

const PUBLISHED = 'PUBLISHED' as const;
/** The controlled lists an action is filtered by. */
type TermKind = 'ACTION_FORM' | 'ISSUE' | 'TAG' | 'EMPLOYMENT_TYPE';
const ofPublishedCompany = { status: PUBLISHED, company: { status: PUBLISHED } } as const;

const FIND: { [K in Kind]: (args: FindArgs) => Promise<KindRecords[K][]> } = {
  companies: async (args) =>
    (await db.company.findMany({ ...(args as Prisma.CompanyFindManyArgs), select: entities.companySelect })).map(
      entities.toCompany,
    ),
  agencies: async (args) =>
    (await db.agency.findMany({ ...(args as Prisma.AgencyFindManyArgs), select: entities.agencySelect })).map(
      entities.toAgency,
    ),
  organizations: async (args) =>
    (
      await db.organization.findMany({
        ...(args as Prisma.OrganizationFindManyArgs),
        select: entities.organizationSelect,
      })
    ).map(entities.toOrganization),
  // The page's ids from Prisma, the records from the export's statement (lib/data/action-export.ts):
  // Prisma's nested select of an action's seven kinds of link costs a subquery per link per row.
  actions: async (args) =>
    actionRecords(
      (await db.employeeAction.findMany({ ...(args as Prisma.EmployeeActionFindManyArgs), select: { id: true } })).map(
        (row) => row.id,
      ),
    ),
  contracts: async (args) =>
    (
      await db.governmentContract.findMany({
        ...(args as Prisma.GovernmentContractFindManyArgs),
        select: incidents.contractSelect,
      })
    ).map(incidents.toContract),
  donations: async (args) =>
    (
      await db.donationResponse.findMany({
        ...(args as Prisma.DonationResponseFindManyArgs),
        select: incidents.donationSelect,
      })
    ).map(incidents.toDonation),
  statements: async (args) =>
    (
      await db.companyStatement.findMany({
        ...(args as Prisma.CompanyStatementFindManyArgs),
        select: incidents.statementSelect,
      })
    ).map(incidents.toStatement),
  sources: async (args) =>
    (await db.source.findMany({ ...(args as Prisma.SourceFindManyArgs), select: entities.sourceSelect })).map(
      entities.toSource,
    ),
};

/** Who may see a record of each kind. A source is public when a public record cites it. */
const VISIBLE: Record<Kind, Where> = {
  companies: { status: PUBLISHED },
  agencies: { status: PUBLISHED },
  organizations: { status: PUBLISHED },
  actions: { status: PUBLISHED },
  contracts: ofPublishedCompany,
  donations: ofPublishedCompany,
  statements: ofPublishedCompany,
  sources: {
    OR: [
      { companies: { some: { company: { status: PUBLISHED } } } },
      { agencies: { some: { agency: { status: PUBLISHED } } } },
      { organizations: { some: { organization: { status: PUBLISHED } } } },
      { actions: { some: { action: { status: PUBLISHED } } } },
      { contracts: { some: { contract: ofPublishedCompany } } },
      { donationResponses: { some: { donationResponse: ofPublishedCompany } } },
      { statements: { some: { statement: ofPublishedCompany } } },
    ],
  },
};

/** Lists leave merged companies and organizations out (they live on under the survivor). */
const LISTED: Record<Kind, Where> = {
  ...VISIBLE,
  companies: { ...VISIBLE.companies, mergedIntoId: null },
  organizations: { ...VISIBLE.organizations, mergedIntoId: null },
};

/** The date a dated kind is ordered and filtered by, and whether it may be missing. */
const DATE_FIELD: Partial<Record<Kind, { field: string; nullable: boolean }>> = {
  actions: { field: 'startDate', nullable: false },
  contracts: { field: 'awardDate', nullable: true },
  donations: { field: 'date', nullable: true },
  statements: { field: 'date', nullable: false },
  sources: { field: 'publishedAt', nullable: true },
};

const utcDay = (text: string) => new Date(`${text}T00:00:00Z`);

function filterWhere(kind: Kind, filters: RecordFilters): Where[] {
  const conditions: Where[] = [];
  const add = (condition: Where | false | '' | undefined) => {
    if (condition) conditions.push(condition);
  };
  const byAgency = filters.agency && {
    ...ofPublishedCompany,
    OR: [{ agency: { slug: filters.agency } }, { subAgency: { slug: filters.agency } }],
  };
  const term = (kind: TermKind, slug: string) => ({ terms: { some: { term: { kind, slug } } } });
  // The company, or with its subsidiaries (`family`) any of them.
  const company = filters.company && { slug: filters.family?.length ? { in: filters.family } : filters.company };
  switch (kind) {
    case 'companies':
      add(filters.has === 'contracts' && { contracts: { some: { status: PUBLISHED } } });
      add(filters.has === 'actions' && { actions: { some: { action: { status: PUBLISHED } } } });
      add(filters.has === 'donations' && { donationResponses: { some: { status: PUBLISHED } } });
      break;
    case 'actions':
      add(company && { companies: { some: { company } } });
      add(byAgency && { contracts: { some: { contract: byAgency } } });
      add(filters.organization && { organizations: { some: { organization: { slug: filters.organization } } } });
      add(filters.form && term('ACTION_FORM', filters.form));
      add(filters.issue && term('ISSUE', filters.issue));
      add(filters.tag && term('TAG', filters.tag));
      add(filters.employmentType && term('EMPLOYMENT_TYPE', filters.employmentType));
      add(filters.outcome && { outcome: filters.outcome });
      break;
    case 'contracts':
      add(company && { company });
      add(byAgency);
      add(filters.status && { contractStatus: filters.status });
      break;
    case 'donations':
      add(company && { company });
      add(byAgency && { contracts: { some: { contract: byAgency } } });
      add(filters.organization && { organization: { slug: filters.organization } });
      break;
    case 'statements':
      add(company && { company });
      add(byAgency && { contract: byAgency });
      break;
    default:
  }
  add(filters.updatedSince !== undefined && { updatedAt: { gte: new Date(filters.updatedSince) } });
  const dated = DATE_FIELD[kind];
  if (dated && kind !== 'sources') {
    add(filters.from !== undefined && { [dated.field]: { gte: utcDay(`${filters.from}-01-01`) } });
    add(filters.to !== undefined && { [dated.field]: { lt: utcDay(`${filters.to + 1}-01-01`) } });
  }
  return conditions;
}

/** The list's order: dated kinds newest first, undated last, then by id; the others by slug. */
function orderBy(kind: Kind): Where[] {
  const dated = DATE_FIELD[kind];
  if (!dated) return [{ slug: 'asc' }];
  return [{ [dated.field]: dated.nullable ? { sort: 'desc', nulls: 'last' } : 'desc' }, { id: 'desc' }];
}

/** The records that come after the cursor in that order. */
function after(kind: Kind, cursor: Cursor): Where {
  const dated = DATE_FIELD[kind];
  if (!dated) return { slug: { gt: cursor.key } };
  const { field, nullable } = dated;
  if (cursor.key === null) return { [field]: null, id: { lt: cursor.id } };
  const date = utcDay(cursor.key);
  return {
    OR: [
      { [field]: { lt: date } },
      { [field]: date, id: { lt: cursor.id } },
      ...(nullable ? [{ [field]: null }] : []),
    ],
  };
}

function cursorOf(kind: Kind, record: AnyRecord): Omit<Cursor, 'filters'> {
  const dated = DATE_FIELD[kind];
  const fields = record as unknown as Record<string, string | null>;
  return { key: dated ? (fields[dated.field] ?? null) : (fields.slug ?? null), id: record.id };
}

/**
 * Filter slugs naming no published company or agency, nor any action form, issue or tag, as parameter
 * issues: a misspelt filter is said to be one, not answered with an empty list. So are words that
 * hold nothing full text can look for ("the", "-"): they would match nothing whatever the record holds.
 */
export async function unknownSlugs(filters: RecordFilters): Promise<ApiIssue[]> {
  if (!filters.company && !filters.agency && !filters.organization && !filters.form && !filters.issue && !filters.tag && !filters.employmentType && !filters.q)
    return [];
  const term = (kind: TermKind, slug?: string) =>
    slug ? db.vocabularyTerm.count({ where: { kind, slug, mergedIntoId: null } }) : 1;
  const [named, forms, issues, tags, employmentTypes, searchable] = await Promise.all([
    resolveFilterSlugs({ company: filters.company, agency: filters.agency, organization: filters.organization }),
    term('ACTION_FORM', filters.form),
    term('ISSUE', filters.issue),
    term('TAG', filters.tag),
    term('EMPLOYMENT_TYPE', filters.employmentType),
    filters.q ? searchableWords(filters.q) : true,
  ]);
  const unknown: ApiIssue[] = [];
  // A company or agency named by another of its names (company=aws): said, with the slug to give.
  const [companyNamed, agencyNamed] = await Promise.all([
    filters.company && !named.company ? anotherNameOf('company', filters.company) : null,
    filters.agency && !named.agency ? anotherNameOf('agency', filters.agency) : null,
  ]);
  const giveInstead = (parameter: string, slug: string | null) =>
    slug ? ` (it is another name of the ${parameter} "${slug}": ${parameter}=${slug})` : '';
  if (filters.company && !named.company) {
    unknown.push({ path: ['company'], message: `no company "${filters.company}"${giveInstead('company', companyNamed)}` });
  }
  if (filters.agency && !named.agency) {
    unknown.push({ path: ['agency'], message: `no agency "${filters.agency}"${giveInstead('agency', agencyNamed)}` });
  }
  if (filters.organization && !named.organization) {
    unknown.push({ path: ['organization'], message: `no organization "${filters.organization}"` });
  }
  const listed = 'GET /api/v1/vocabulary lists them';
  if (forms === 0) unknown.push({ path: ['form'], message: `no action form "${filters.form}" (${listed})` });
  if (issues === 0) unknown.push({ path: ['issue'], message: `no issue "${filters.issue}" (${listed})` });
  if (tags === 0) unknown.push({ path: ['tag'], message: `no tag "${filters.tag}" (${listed})` });
  if (employmentTypes === 0) {
    unknown.push({ path: ['employmentType'], message: `no employment type "${filters.employmentType}" (${listed})` });
  }
  if (!searchable) {
    const why = 'common words (the, of, or) and signs alone are left out';
    unknown.push({ path: ['q'], message: `"${filters.q}" holds no word to look for: ${why}` });
  }
  return unknown;
}

/**
 * The published company or agency whose slug an unknown one is another name of (`aws` of Amazon,
 * `pentagon` of the Department of Defense), for the open data to say so where they answer that
 * there is none. The pages follow such a name; the open data's addresses and filters take slugs
 * alone, which stay with their record when a name moves to another.
 */
export function anotherNameOf(kind: 'company' | 'agency', slug: string): Promise<string | null> {
  return kind === 'company' ? companyCalled(slug) : agencyCalled(slug);
}

/**
 * The filters with each slug of a merged record replaced by the survivor's: a merged company's
 * names the company its records moved to, a merged term's the term its actions moved to. Old
 * addresses and scripts keep working.
 */
export async function followMergedFilters<T extends RecordFilters>(filters: T): Promise<T> {
  const [company, organization, form, issue, tag, employmentType] = await Promise.all([
    filters.company ? survivingCompanySlug(filters.company) : undefined,
    filters.organization ? survivingSlug(filters.organization, mergedOrganizationTarget) : undefined,
    filters.form ? survivingTermSlug('ACTION_FORM', filters.form) : undefined,
    filters.issue ? survivingTermSlug('ISSUE', filters.issue) : undefined,
    filters.tag ? survivingTermSlug('TAG', filters.tag) : undefined,
    filters.employmentType ? survivingTermSlug('EMPLOYMENT_TYPE', filters.employmentType) : undefined,
  ]);
  const family = company && filters.subsidiaries ? await familySlugs(company) : undefined;
  return {
    ...filters,
    ...(company && { company }),
    ...(organization && { organization }),
    ...(family && { family }),
    ...(form && { form }),
    ...(issue && { issue }),
    ...(tag && { tag }),
    ...(employmentType && { employmentType }),
  };
}

/**
 * The slug of the term a form, issue or tag filter names now (filterTerm: its own, another spelling
 * of it, or the survivor once it was merged); null when no term of that list has it.
 */
export async function knownTermSlug(kind: TermKind, slug: string): Promise<string | null> {
  return (await filterTerm(kind, slug))?.slug ?? null;
}

/**
 * The published organisation an organization filter names, by the slug it has now (the survivor's
 * once it was merged, as followMergedFilters reads it for the API); null when there is none, as
 * unknownSlugs then says.
 */
export async function knownOrganization(slug: string): Promise<{ id: string; slug: string; name: string; acronym: string | null } | null> {
  const surviving = await survivingSlug(slug, mergedOrganizationTarget);
  return db.organization.findFirst({
    where: { slug: surviving, status: PUBLISHED, mergedIntoId: null },
    select: { id: true, slug: true, name: true, acronym: true },
  });
}

/**
 * The kinds whose lists take words (`q`), read as the exports read them: Prisma cannot ask for a
 * full-text match, so a list with words takes its page's ids from the export's own conditions
 * (lib/data/*-export.ts, the same filters), in the list's order, then its records as any page.
 */
const WORDS_LISTS: Partial<
  Record<Kind, { from: string; conditions: (filters: RecordFilters) => Conditions; id: string; date: string }>
> = {
  actions: {
    from: 'employee_actions a',
    conditions: (filters) => {
      const where = actionConditions(filters);
      where.add(`a.status = 'PUBLISHED'`);
      return where;
    },
    id: 'a.id',
    date: 'a.start_date',
  },
  contracts: { from: CONTRACTS_LISTED, conditions: contractConditions, id: 'k.id', date: 'k.award_date' },
  donations: { from: DONATIONS_LISTED, conditions: donationConditions, id: 'd.id', date: 'd.date' },
  statements: { from: STATEMENTS_LISTED, conditions: statementConditions, id: 't.id', date: 't.date' },
};

/** The ids of a page of a list with words, after the cursor, in the list's order (as `orderBy` and `after`). */
async function idsWithWords(kind: Kind, filters: RecordFilters, cursor: Cursor | null | undefined, take: number) {
  const list = WORDS_LISTS[kind];
  const dated = DATE_FIELD[kind];
  if (!list || !dated) throw new Error(`The ${kind} list takes no words.`);
  const { date } = list;
  const where = list.conditions(filters);
  if (filters.updatedSince !== undefined) {
    where.add(`${list.id.replace(/\.id$/, '.updated_at')} >= ${utcTimeText(where.param(filters.updatedSince))}`);
  }
  if (cursor) {
    const id = where.param(cursor.id);
    if (cursor.key === null) where.add(`${date} IS NULL AND ${list.id} < ${id}`);
    else {
      const day = where.param(cursor.key);
      where.add(
        `(${date} < ${day}::date OR (${date} = ${day}::date AND ${list.id} < ${id})${dated.nullable ? ` OR ${date} IS NULL` : ''})`,
      );
    }
  }
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT ${list.id} AS id FROM ${list.from} WHERE ${where.list.join(' AND ')}
     ORDER BY ${date} DESC${dated.nullable ? ' NULLS LAST' : ''}, ${list.id} DESC LIMIT ${take}`,
    ...where.values,
  );
  return rows.map((row) => row.id);
}

export interface RecordPage<K extends Kind> {
  records: KindRecords[K][];
  /** The cursor of the next page; null on the last page. */
  next: string | null;
  /** Filters naming no published company or agency (the list is then empty). */
  unknown: ApiIssue[];
}

/**
 * One page of a kind's published records matching the filters, after the cursor: one query, and
 * one or two more to tell an unknown company or agency slug (`checkSlugs`) from an empty list.
 */
export async function listRecords<K extends Kind>(
  kind: K,
  filters: RecordFilters,
  { cursor, limit, checkSlugs = true }: { cursor?: Cursor | null; limit: number; checkSlugs?: boolean },
): Promise<RecordPage<K>> {
  /** The page's records, and whether more follow. */
  const find = async (): Promise<{ records: KindRecords[K][]; more: boolean }> => {
    if (filters.q && WORDS_LISTS[kind]) {
      const ids = await idsWithWords(kind, filters, cursor, limit + 1);
      const page = ids.slice(0, limit);
      // Still listed when read (one unpublished since the ids were read is left out, not served).
      const where = { AND: [LISTED[kind], { id: { in: page } }] };
      const records = page.length ? await FIND[kind]({ where, orderBy: orderBy(kind), take: page.length }) : [];
      return { records: records as KindRecords[K][], more: ids.length > limit };
    }
    const where = { AND: [LISTED[kind], ...filterWhere(kind, filters), ...(cursor ? [after(kind, cursor)] : [])] };
    const found = (await FIND[kind]({ where, orderBy: orderBy(kind), take: limit + 1 })) as KindRecords[K][];
    return { records: found.slice(0, limit), more: found.length > limit };
  };
  const [unknown, { records, more }] = await Promise.all([checkSlugs ? unknownSlugs(filters) : [], find()]);
  if (unknown.length > 0) return { records: [], next: null, unknown };
  const last = records.at(-1);
  // Bound to these filters: sent with others, it is refused rather than skip their records before it.
  return { records, next: more && last ? encodeCursor(cursorOf(kind, last), kind, filters) : null, unknown };
}

/** One published record by id (or, for companies, agencies and organizations, by slug); null when there is none. */
export async function getRecord<K extends Kind>(kind: K, key: string): Promise<KindRecords[K] | null> {
  const byKey = KIND_INFO[kind].key === 'slug' ? { OR: [{ slug: key }, { id: key }] } : { id: key };
  // A merged company or organisation keeps its id and slug: it answers with `mergedInto` set.
  const visible =
    kind === 'companies' || kind === 'organizations'
      ? { OR: [VISIBLE[kind], { mergedInto: { status: PUBLISHED } }] }
      : VISIBLE[kind];
  const [record] = (await FIND[kind]({ where: { AND: [visible, byKey] }, orderBy: [], take: 1 })) as KindRecords[K][];
  return record ?? null;
}

/** A company or organisation merged into another: its id and slug, and the one it lives on under. */
export interface MergedName {
  id: string;
  slug: string;
  name: string;
  mergedInto: { slug: string; name: string };
}

/**
 * The companies and organisations merged into a published one, by slug: the lists and the whole
 * record leave them out, so this is how an address name kept from before a merge is mapped to the
 * record it became. A survivor merged again later is itself in the list.
 */
export async function mergedNames(): Promise<{ companies: MergedName[]; organizations: MergedName[] }> {
  const select = { id: true, slug: true, name: true, mergedInto: { select: { slug: true, name: true } } } as const;
  const where = { mergedInto: { status: PUBLISHED } };
  const [companies, organizations] = await Promise.all([
    db.company.findMany({ where, select, orderBy: { slug: 'asc' } }),
    db.organization.findMany({ where, select, orderBy: { slug: 'asc' } }),
  ]);
  const named = (rows: typeof companies) => rows.flatMap((row) => (row.mergedInto ? [{ ...row, mergedInto: row.mergedInto }] : []));
  return { companies: named(companies), organizations: named(organizations) };
}

export type RecentRecord = { [K in Kind]: { kind: K; record: KindRecords[K] } }[Kind];

/**
 * The most recently created or changed published records of these kinds matching the filters,
 * latest first: one query per kind.
 */
export async function recentRecords(kinds: Kind[], filters: RecordFilters, take: number): Promise<RecentRecord[]> {
  const found = await Promise.all(
    kinds.map(async (kind) => {
      const { company, family, agency } = filters;
      const where = { AND: [LISTED[kind], ...filterWhere(kind, { company, family, agency })] };
      const records = await FIND[kind]({ where, orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }], take });
      return records.map((record) => ({ kind, record }) as RecentRecord);
    }),
  );
  return found
    .flat()
    .sort((a, b) => b.record.updatedAt.localeCompare(a.record.updatedAt) || b.record.id.localeCompare(a.record.id))
    .slice(0, take);
}

/** The name of a published company or agency a feed is about; null when there is none. */
export async function feedSubject(kind: 'companies' | 'agencies', slug: string) {
  const where = { slug, status: PUBLISHED };
  const select = { slug: true, name: true, updatedAt: true } as const;
  return kind === 'companies'
    ? db.company.findFirst({ where, select })
    : db.agency.findFirst({ where, select });
}

/** The kinds a reviewer can archive, with their record type in the revisions and their table. */
const ARCHIVED_FROM = Object.entries(ARCHIVABLE_KIND).map(([kind, recordType]) => ({
  kind: kind as ArchivedRecord['kind'],
  recordType: recordType as RecordType,
  table: TABLE_OF[recordType] as string,
}));

// The revisions' times are kept in UTC without a zone: a time handed in is read as UTC whatever the session's zone.
const utcTime = (iso: string) => Prisma.sql`(${iso}::timestamptz AT TIME ZONE 'UTC')`;
/** The same of a parameter ($n) of a query written as text. */
const utcTimeText = (param: string) => `(${param}::timestamptz AT TIME ZONE 'UTC')`;

/**
 * One page of the incidents archived now (one brought back is live again and left out), most
 * recently archived first, then by id, after the cursor; only those archived at or after `since`
 * when it is given. Each is dated by its latest ARCHIVE revision, as its 410 is. A record
 * archived without one (set by hand in the database) is left out: its address answers 404, not 410.
 * One query, whatever the number of records.
 */
export async function listArchived({
  since,
  cursor,
  limit,
}: {
  since?: Date | null;
  cursor?: Cursor | null;
  limit: number;
}): Promise<{ records: ArchivedRecord[]; next: string | null }> {
  const archived = Prisma.join(
    ARCHIVED_FROM.map(
      ({ kind, table, recordType }) =>
        Prisma.sql`SELECT ${kind}::text AS kind, ${recordType}::"RecordType" AS record_type, id
                   FROM ${Prisma.raw(table)} WHERE status = 'ARCHIVED'`,
    ),
    ' UNION ALL ',
  );
  const conditions = [
    ...(since ? [Prisma.sql`r.created_at >= ${utcTime(since.toISOString())}`] : []),
    // The rows after the cursor's in the list's order (time, then id, both descending).
    ...(cursor?.key ? [Prisma.sql`(r.created_at, x.id) < (${utcTime(cursor.key)}, ${cursor.id})`] : []),
  ];
  const rows = await db.$queryRaw<{ kind: ArchivedRecord['kind']; id: string; at: string; reason: string | null }[]>`
    SELECT x.kind, x.id, to_char(r.created_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, r.reason
    FROM (${archived}) x
    CROSS JOIN LATERAL (
      SELECT v.created_at, v.reason FROM revisions v
      WHERE v.record_type = x.record_type AND v.record_id = x.id AND v.kind = 'ARCHIVE'
      ORDER BY v.created_at DESC, v.id DESC
      LIMIT 1
    ) r
    ${conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty}
    ORDER BY r.created_at DESC, x.id DESC
    LIMIT ${limit + 1}`;
  const site = siteUrl();
  const records = rows.slice(0, limit).map(
    (row): ArchivedRecord => ({
      kind: row.kind,
      id: row.id,
      archivedAt: row.at,
      reason: row.reason,
      url: `${site}/api/v1/${row.kind}/${row.id}`,
      history: `${site}${historyPath(ARCHIVABLE_KIND[row.kind] as RecordType, row.id)}`,
    }),
  );
  const last = records.at(-1);
  // Bound to `since`, as the other lists' cursors are to their filters and as the API's document
  // says of every cursor: sent with another moment or none, it is refused (app/api/v1/archived).
  const next =
    rows.length > limit && last
      ? encodeCursor({ key: last.archivedAt, id: last.id }, ARCHIVED_LIST, archivedFilters(since))
      : null;
  return { records, next };
}
