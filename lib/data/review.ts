import 'server-only';
import { ACTION_TERM_FIELDS } from '../vocabulary';
import { typedPlace } from '../import/places';
import { db } from '../db';
import { CHANGE_TYPE_LABEL } from '../labels';
import { Prisma } from '../generated/prisma/client';
import { formatDateTime, formatPreciseDate, parsePreciseDate } from '../dates';
import type { ChangeStatus, DatePrecision, RecordType, VocabularyKind } from '../generated/prisma/enums';
import { asRestored, isRecordState, isStateful, readState } from './record-state';
import { NotAllowed, hasRole, type SessionUser } from '../auth/roles';
import { capitalize, equalsIgnoringCase, nameKey, statementHeadline } from '../text';
import { formatAmount, formatMoney } from '../money';
import { piidKey, piidKeySql } from '../import/usaspending-rows';
import { USASPENDING_ACTOR } from '../import/usaspending-import';
import { COLLECTIVE_ACTION_SOURCE } from '../import/collective-action-import';
import {
  currentState,
  currentStates,
  followMerges,
  namesConfirmedAsNew,
  survivingTermSlugs,
  survivorSlugs,
} from './change-apply';
import { donationTitle, donationTitleSelect, titleOfDonation } from './incident-index';
import { CUID, FORM_SCHEMAS } from '../validation/records';
import { readableUrl, sameDocumentUrls } from '../urls';
import { citationLabel } from './sources';
import { citationKey } from '../records/sources';
import {
  AGENCY_LEVEL_LABEL,
  CONTRACT_STATUS_LABEL,
  countryName,
  DONATION_RESPONSE_LABEL,
  fieldLabel,
  ORGANIZATION_KIND_LABEL,
  OUTCOME_LABEL,
  participantsLabel,
  PUBLICATION_STATUS_LABEL,
  STATEMENT_KIND_LABEL,
} from '../labels';

/** Fields whose value is a code, read as the public pages say it ("UNKNOWN" -> "Outcome unknown"). */
const VALUE_LABEL: Record<string, Record<string, string>> = {
  outcome: OUTCOME_LABEL,
  contractStatus: CONTRACT_STATUS_LABEL,
  response: DONATION_RESPONSE_LABEL,
  // A statement's kind or an organisation's: their codes differ.
  kind: { ...STATEMENT_KIND_LABEL, ...ORGANIZATION_KIND_LABEL },
  level: AGENCY_LEVEL_LABEL,
  status: PUBLICATION_STATUS_LABEL,
};
/** Fields that name vocabulary terms by slug, and the vocabulary of each. */
const TERM_FIELDS: Record<string, VocabularyKind> = ACTION_TERM_FIELDS;
const COUNTRY_FIELDS = ['hqCountry', 'country'];
/**
 * Amounts, written as the public pages write them, in the version's currency ($250,000.50): one
 * amount reads one way however it was typed, so "250,000.50" for a stored 250000.5 is no change.
 */
const MONEY_FIELDS = ['amount', 'obligatedAmount', 'potentialAmount'];
/**
 * The dates of rows kept whole (the demo data's and imports' first revisions), each with the field
 * that says how precise it is: shown no more precisely than that ("2018", not 1 January 2018).
 */
const PRECISION_FIELD: Record<string, string> = {
  startDate: 'datePrecision',
  date: 'datePrecision',
  outcomeDate: 'outcomePrecision',
  awardDate: 'awardDatePrecision',
  statusChangedAt: 'statusChangedPrecision',
  // A contract's form gives it as typed ("2019-03"), its precision with it.
  statusSince: 'statusChangedPrecision',
  publishedAt: 'publishedPrecision',
};
/** Calendar dates without a precision of their own (a contract's period, the day its status was recorded). */
const CALENDAR_DATES = ['periodStart', 'periodEnd', 'statusRecordedAt'];
/** A date as a row kept whole holds it (JSON's form of a Date). */
const STORED_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/** The database, or a transaction's client. */
type Client = typeof db | Prisma.TransactionClient;

export interface ChangeSummary {
  id: string;
  recordType: RecordType;
  recordId: string | null;
  status: ChangeStatus;
  title: string;
  author: string;
  createdAt: Date;
  /** When its author last revised it while it waited. */
  revisedAt: Date | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  /** Who published or rejected it (or declined it, archiving or merging its record away), once decided. */
  decidedBy: string | null;
}

export const changeTypeLabel = (type: string) => CHANGE_TYPE_LABEL[type] ?? type;

type PartyRef = { newName?: string; id?: string } | null | undefined;

/** A proposal's one line, as the public pages would say it: names, not ids; money as written there. */
function titleOf(type: string, payload: unknown, names: Map<string, string>): string {
  const value = payload as Record<string, unknown>;
  const party = (input: unknown, fallback: string) => {
    const ref = input as PartyRef;
    return ref?.newName ?? (ref?.id ? (names.get(ref.id) ?? fallback) : fallback);
  };
  if (type === 'COMPANY' || type === 'AGENCY' || type === 'ORGANIZATION') return String(value.name ?? '');
  if (type === 'EMPLOYEE_ACTION' || type === 'CONTRACT') return String(value.title ?? '');
  if (type === 'COMPANY_STATEMENT') return statementHeadline(party(value.company, 'A company'), String(value.summary ?? ''));
  if (type === 'DONATION_RESPONSE') {
    const title = donationTitle({
      response: String(value.response ?? ''),
      amount: typeof value.amount === 'string' && value.amount ? value.amount : null,
      currency: typeof value.currency === 'string' ? value.currency : 'USD',
      company: { name: party(value.company, 'a company') },
      organization: value.organization ? { name: party(value.organization, 'an organization'), acronym: null } : null,
    });
    return capitalize(title);
  }
  return type;
}

/** The names of the companies and organisations the proposals name by id (organisations by acronym when they have one). */
async function partyNames(payloads: unknown[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const payload of payloads) {
    const value = payload as Record<string, unknown>;
    for (const ref of [value.company, value.organization] as PartyRef[]) if (ref?.id) ids.add(ref.id);
  }
  if (ids.size === 0) return new Map();
  const [companies, organizations] = await Promise.all([
    db.company.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } }),
    db.organization.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, acronym: true } }),
  ]);
  return new Map([
    ...companies.map((row) => [row.id, row.name] as const),
    ...organizations.map((row) => [row.id, row.acronym ?? row.name] as const),
  ]);
}

const summarySelect = {
  id: true,
  recordType: true,
  recordId: true,
  status: true,
  payload: true,
  createdAt: true,
  revisedAt: true,
  decidedAt: true,
  decisionNote: true,
  author: { select: { name: true } },
  reviewer: { select: { name: true } },
} as const;

type SummaryRow = {
  id: string;
  recordType: RecordType;
  recordId: string | null;
  status: ChangeStatus;
  payload: unknown;
  createdAt: Date;
  revisedAt: Date | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  author: { name: string };
  reviewer: { name: string } | null;
};

async function toSummaries(rows: SummaryRow[]): Promise<ChangeSummary[]> {
  const names = await partyNames(rows.map((row) => row.payload));
  return rows.map(({ reviewer, ...row }) => ({
    ...row,
    title: titleOf(row.recordType, row.payload, names),
    author: row.author.name,
    decidedBy: reviewer?.name ?? null,
  }));
}

/** An editor's own proposals, newest first, with the reviewer's reason when one was rejected. */
export const MY_WORK_PAGE_SIZE = 50;

/** How many changes an editor has sent, all told (My work's pages). */
export function countMyChanges(user: SessionUser): Promise<number> {
  return db.changeRequest.count({ where: { authorId: user.id } });
}

export async function listMyChanges(
  user: SessionUser,
  page = 1,
): Promise<(ChangeSummary & { sentAgain: boolean; recordGone: boolean; outdated: boolean; isNew: boolean })[]> {
  const [rows, again] = await Promise.all([
    db.changeRequest.findMany({
      where: { authorId: user.id },
      // The id breaks ties, so a page boundary never shows a change twice or skips one.
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * MY_WORK_PAGE_SIZE,
      take: MY_WORK_PAGE_SIZE,
      select: { ...summarySelect, baseVersion: true },
    }),
    // The rejected or withdrawn ones already sent again (each is, once).
    db.$queryRaw<{ from: string }[]>`
      SELECT form->>'from' AS "from" FROM change_requests WHERE author_id = ${user.id} AND form ? 'from'`,
  ]);
  const sent = new Set(again.map((row) => row.from));
  const [summaries, gone, outdated] = await Promise.all([
    toSummaries(rows),
    changesToRecordsGone(rows),
    // Waiting on a record changed since (another change published): it cannot be published as it stands.
    changesWhose(
      rows.filter((row) => row.status === 'PENDING'),
      (change, state) => state !== undefined && change.baseVersion !== null && state.version > change.baseVersion,
    ),
  ]);
  // A new record's change was sent on no version of it; a correction, on the version it corrects.
  const fresh = new Set(rows.filter((row) => row.baseVersion === null).map((row) => row.id));
  return summaries.map((summary) => ({
    ...summary,
    sentAgain: sent.has(summary.id),
    recordGone: gone.has(summary.id),
    outdated: outdated.has(summary.id),
    isNew: fresh.has(summary.id),
  }));
}

/**
 * The editor's rejected changes not yet put right and sent again (nor to a record gone since), on
 * every page of My work, and the first page that shows one: the notice at the top of any page counts
 * them all, not only those of the page it is on.
 */
export async function changesToPutRight(user: SessionUser): Promise<{ count: number; firstPage: number | null }> {
  const rows = await db.$queryRaw<{ id: string; recordType: RecordType; recordId: string | null; status: ChangeStatus; place: bigint }[]>`
    SELECT id, "recordType", "recordId", status, place FROM (
      SELECT id, record_type AS "recordType", record_id AS "recordId", status,
             row_number() OVER (ORDER BY created_at DESC, id DESC) AS place
      FROM change_requests WHERE author_id = ${user.id}
    ) mine
    WHERE status = 'REJECTED'
      AND NOT EXISTS (SELECT 1 FROM change_requests again WHERE again.author_id = ${user.id} AND again.form->>'from' = mine.id)
    ORDER BY place`;
  const gone = await changesToRecordsGone(rows);
  const waiting = rows.filter((row) => !gone.has(row.id));
  return {
    count: waiting.length,
    firstPage: waiting.length ? Math.ceil(Number(waiting[0]!.place) / MY_WORK_PAGE_SIZE) : null,
  };
}

/**
 * Of these rejected or withdrawn changes to records, those whose record is no longer published
 * (archived, or merged into another, which declines the changes waiting on it): sent again, they
 * could only be refused. One query per kind of record.
 */
function changesToRecordsGone(
  rows: { id: string; recordType: RecordType; recordId: string | null; status: ChangeStatus }[],
): Promise<Set<string>> {
  const decided = rows.filter((row) => row.status === 'REJECTED' || row.status === 'WITHDRAWN');
  return changesWhose(decided, (_change, state) => !state?.live);
}

/** What the review queue can be narrowed to: a kind of record, new records or changes, one author. */
export interface QueueFilters {
  type?: RecordType;
  what?: 'new' | 'change';
  by?: string;
}

export const QUEUE_PAGE_SIZE = 50;

function queueWhere({ type, what, by }: QueueFilters) {
  return {
    status: 'PENDING' as const,
    ...(type ? { recordType: type } : {}),
    ...(what === 'new' ? { recordId: null } : what === 'change' ? { recordId: { not: null } } : {}),
    ...(by ? { authorId: by } : {}),
  };
}

/**
 * The review queue: pending proposals, oldest first, a page of them, optionally narrowed, each
 * marked `stale` when its record changed (or stopped being published) after it was proposed: it
 * can then only be rejected, or revised by its author. Reviewers only.
 */
export async function listPendingChanges(
  user: SessionUser,
  filters: QueueFilters = {},
  page = 1,
): Promise<(ChangeSummary & { stale: boolean; sentAgain: boolean })[]> {
  if (!hasRole(user, 'REVIEWER')) throw new NotAllowed('Only reviewers see the review queue.');
  const rows = await db.changeRequest.findMany({
    where: queueWhere(filters),
    // The id breaks ties, so a page boundary never shows a change twice or skips one.
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    skip: (page - 1) * QUEUE_PAGE_SIZE,
    take: QUEUE_PAGE_SIZE,
    select: { ...summarySelect, baseVersion: true, form: true },
  });
  const [summaries, stale] = await Promise.all([toSummaries(rows), staleChanges(rows)]);
  // A change that sends a rejected or withdrawn one again names it in its form.
  const again = new Set(rows.filter((row) => sentFrom(row.form) !== null).map((row) => row.id));
  return summaries.map((summary) => ({ ...summary, stale: stale.has(summary.id), sentAgain: again.has(summary.id) }));
}

/** Of these changes to records, those whose record is no longer at the version they were made on: one query per kind of record. */
function staleChanges(
  rows: { id: string; recordType: RecordType; recordId: string | null; baseVersion: number | null }[],
): Promise<Set<string>> {
  return changesWhose(rows, (change, state) => !state?.live || state.version !== change.baseVersion);
}

/**
 * The ids of these changes to records whose record's current state meets the test (a change
 * making a new record is left out): the states are read with one query per kind of record.
 */
async function changesWhose<T extends { id: string; recordType: RecordType; recordId: string | null }>(
  rows: T[],
  test: (change: T, state: { version: number; live: boolean } | undefined) => boolean,
): Promise<Set<string>> {
  const byType = new Map<RecordType, T[]>();
  for (const row of rows) {
    if (!row.recordId) continue;
    const same = byType.get(row.recordType);
    if (same) same.push(row);
    else byType.set(row.recordType, [row]);
  }
  const found = await Promise.all(
    [...byType].map(async ([type, changes]) => {
      const states = await currentStates(type, [...new Set(changes.map((change) => change.recordId!))]);
      return changes.filter((change) => test(change, states.get(change.recordId!)));
    }),
  );
  return new Set(found.flat().map((change) => change.id));
}

/** How many pending changes the filters leave. Reviewers only. */
export async function countPendingChanges(user: SessionUser, filters: QueueFilters = {}): Promise<number> {
  if (!hasRole(user, 'REVIEWER')) throw new NotAllowed('Only reviewers see the review queue.');
  return db.changeRequest.count({ where: queueWhere(filters) });
}

/**
 * What the queue holds, for its filters: how many changes wait in all, how many of each kind, and
 * who wrote them (each author with their count, most first). Each menu counts what choosing one
 * of its entries would list, the other filters kept (the kinds within the author chosen, the
 * authors within the kind); the author the filters name is listed, with 0, when nothing of theirs
 * waits. Reviewers only.
 */
export async function pendingFacets(
  user: SessionUser,
  filters: QueueFilters = {},
): Promise<{
  total: number;
  types: Partial<Record<RecordType, number>>;
  authors: { id: string; name: string; count: number }[];
}> {
  if (!hasRole(user, 'REVIEWER')) throw new NotAllowed('Only reviewers see the review queue.');
  const [total, types, counted] = await Promise.all([
    db.changeRequest.count({ where: { status: 'PENDING' } }),
    db.changeRequest.groupBy({ by: ['recordType'], where: queueWhere({ ...filters, type: undefined }), _count: { _all: true } }),
    db.changeRequest.groupBy({ by: ['authorId'], where: queueWhere({ ...filters, by: undefined }), _count: { _all: true } }),
  ]);
  const named = counted.map((row) => row.authorId).concat(filters.by && CUID.test(filters.by) ? [filters.by] : []);
  const names = new Map((await db.user.findMany({ where: { id: { in: named } }, select: { id: true, name: true } })).map((row) => [row.id, row.name]));
  const authors = counted
    .map((row) => ({ id: row.authorId, name: names.get(row.authorId) ?? 'an account no longer on record', count: row._count._all }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const chosen = filters.by ? names.get(filters.by) : undefined;
  if (filters.by && chosen !== undefined && !authors.some((author) => author.id === filters.by)) {
    authors.push({ id: filters.by, name: chosen, count: 0 });
  }
  return { total, types: Object.fromEntries(types.map((row) => [row.recordType, row._count._all])), authors };
}

export interface DiffLine {
  field: string;
  before: string | null;
  after: string | null;
}

/** A pending change with its diff against the published record. Reviewers only. */
/**
 * What a proposal would change in the record as it is now (or, for a new record, everything it
 * says), field by field, as a reviewer reads it; empty when it would change nothing.
 */
export async function proposedDiff(
  recordType: RecordType,
  recordId: string | null,
  payload: Record<string, unknown>,
  /** Inside a transaction, its client: a transaction holding a lock never waits for a second connection. */
  client: Client = db,
): Promise<DiffLine[]> {
  const [state, followed, terms] = await Promise.all([
    recordId && isStateful(recordType) ? readState(client, recordType, recordId) : null,
    // A company or organisation merged since it was proposed: the one publishing writes.
    followMerges(client, payload) as Promise<Record<string, unknown>>,
    // So with a form or an issue merged since: publishing links its actions to the term it went into.
    followTermMerges(client, payload),
  ]);
  const [fields, proposal] =
    recordType === 'COMPANY' && Array.isArray(payload.aliases)
      ? await withOtherNames(client, recordId, state?.fields ?? {}, payload)
      : [state?.fields ?? {}, payload];
  // A field its form did not offer yet when it was sent stays as the record has it (asRestored).
  const left = (version: Record<string, unknown>) => (state ? asRestored(recordType, version, fields) : version);
  const [current = {}, proposed = {}, written = {}] = await readable(
    [
      fields,
      left(proposal),
      left(followed === payload && !terms ? proposal : { ...proposal, ...pick(followed, PARTY_FIELDS), ...terms }),
    ],
    { client },
  );
  // A field is changed when what publishing writes differs from the record; it reads as proposed
  // ("Salesforce Inc (merged into Salesforce)"), so a reviewer sees where a merged name went.
  const changed = new Set(
    keptFields(recordType, current, written)
      .filter((line) => line.before !== line.after)
      .map((line) => line.field),
  );
  return keptFields(recordType, current, proposed).filter((line) => changed.has(line.field));
}

/**
 * A proposal's term fields as publishing links them (survivingTermSlugs: a merged term as the one it
 * went into); null when none was merged.
 */
async function followTermMerges(client: Client, payload: Record<string, unknown>): Promise<Record<string, string[]> | null> {
  let moved = false;
  const result: Record<string, string[]> = {};
  for (const [field, kind] of Object.entries(TERM_FIELDS)) {
    if (!Array.isArray(payload[field])) continue;
    const slugs = (payload[field] as unknown[]).filter((slug): slug is string => typeof slug === 'string');
    result[field] = await survivingTermSlugs(client, kind, slugs);
    if (result[field].join('\n') !== slugs.join('\n')) moved = true;
  }
  return moved ? result : null;
}

/**
 * How a restore of each version would link its terms (its forms, issues, tags and employment types):
 * a term merged since as the one it went into, each once, in the order a record's state keeps them.
 * Read from every term at once, for a history of many versions; the same for a record without terms.
 */
export async function termMergesFollowed(
  client: Client = db,
): Promise<(fields: Record<string, unknown>) => Record<string, unknown>> {
  const survivor = survivorSlugs(
    await client.vocabularyTerm.findMany({ select: { id: true, kind: true, slug: true, mergedIntoId: true } }),
  );
  return (fields) => {
    const followed = { ...fields };
    for (const [field, kind] of Object.entries(TERM_FIELDS)) {
      const slugs = fields[field];
      if (!Array.isArray(slugs)) continue;
      followed[field] = [...new Set(slugs.map((slug) => (typeof slug === 'string' ? survivor(kind)(slug) : slug)))].sort();
    }
    return followed;
  };
}

/** The fields of a proposal that name companies and organisations, which merges move. */
const PARTY_FIELDS = ['company', 'companies', 'organization', 'organizations', 'parent'];

const pick = (value: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((key) => key in value).map((key) => [key, value[key]]));

/**
 * A company's other names, which its form only adds to (a name already known, however written, is
 * not added twice): the names it has, and those it would have, so that the diff says what is new.
 */
async function withOtherNames(
  client: Client,
  recordId: string | null,
  fields: Record<string, unknown>,
  payload: Record<string, unknown>,
): Promise<[Record<string, unknown>, Record<string, unknown>]> {
  const stored = recordId
    ? await client.companyAlias.findMany({ where: { companyId: recordId }, select: { name: true, key: true } })
    : [];
  // Each side's own name is not among its other names (a renamed company's old name becomes one).
  const otherThan = (name: unknown) => stored.filter((alias) => alias.key !== nameKey(String(name ?? '')));
  const kept = otherThan(payload.name);
  const keys = new Set([nameKey(String(payload.name ?? '')), ...kept.map((alias) => alias.key)]);
  const added = (payload.aliases as string[]).filter((name) => {
    const key = nameKey(name);
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  });
  return [
    { ...fields, aliases: otherThan(fields.name).map((alias) => alias.name) },
    { ...payload, aliases: [...kept.map((alias) => alias.name), ...added] },
  ];
}

export async function getChangeForReview(user: SessionUser, id: string) {
  if (!hasRole(user, 'REVIEWER')) throw new NotAllowed('Only reviewers review.');
  const change = await db.changeRequest.findUnique({
    where: { id },
    select: { ...summarySelect, note: true, baseVersion: true, authorId: true, form: true },
  });
  if (!change) return null;
  const pending = change.status === 'PENDING';
  const [diff, [summary], state, earlier, sameContract, likeOthers] = await Promise.all([
    proposedDiff(change.recordType, change.recordId, change.payload as Record<string, unknown>),
    toSummaries([change]),
    change.recordId ? currentState(db, change.recordType, change.recordId) : null,
    sentBefore(change.recordType, change.form, change.payload, change.authorId),
    change.recordType === 'CONTRACT' ? contractsLike(change.recordId, change.payload) : [],
    pending ? namesConfirmedAsNew(change.recordType, change.payload, change.recordId) : [],
  ]);
  // A new company's own name that a company published since has (its key): publishing is refused,
  // which the page says before the reviewer tries.
  const ownName = change.recordType === 'COMPANY' && !change.recordId ? likeOthers.find((like) => !like.fill) : undefined;
  const taken = ownName
    ? await db.companyAlias.findUnique({
        where: { key: nameKey(ownName.typed) },
        select: { company: { select: { name: true, slug: true, status: true } } },
      })
    : null;
  const nameTaken =
    ownName && taken?.company.status === 'PUBLISHED' ? { typed: ownName.typed, name: taken.company.name, slug: taken.company.slug } : null;
  // The record changed after the editor opened it: publishing is refused, and the diff (against
  // the record as it is now) may show the proposal undoing that change.
  const stale = Boolean(change.recordId) && state?.version !== change.baseVersion;
  // Archived (or merged into another) since: no version of it can be published.
  const gone = Boolean(change.recordId) && !state?.live;
  return {
    ...summary!,
    note: change.note,
    isOwn: change.authorId === user.id,
    // A new record keeps being one once published (and given its record): it had no version to start from.
    isNew: !change.recordId || change.baseVersion === null,
    diff,
    stale,
    gone,
    earlier,
    sameContract,
    likeOthers,
    nameTaken,
  };
}

/**
 * The published contracts that a proposed contract may repeat: the same PIID (its letters and
 * digits), company and awarding agency, such as one imported from USAspending before an editor
 * entered it by hand from a report. For the reviewer to compare: publishing both counts it twice.
 */
async function contractsLike(recordId: string | null, payload: unknown): Promise<{ id: string; title: string }[]> {
  const proposed = (payload ?? {}) as { piid?: unknown; company?: { id?: unknown }; agencyId?: unknown };
  const piid = typeof proposed.piid === 'string' ? piidKey(proposed.piid) : '';
  const companyId = proposed.company?.id;
  if (!piid || typeof companyId !== 'string' || typeof proposed.agencyId !== 'string') return [];
  return db.$queryRaw<{ id: string; title: string }[]>`
    SELECT id, title FROM government_contracts
    WHERE status = 'PUBLISHED' AND id <> ${recordId ?? ''} AND company_id = ${companyId} AND agency_id = ${proposed.agencyId}
      AND ${piidKeySql} = ${piid}
    ORDER BY created_at, id LIMIT 5`;
}

/** The id of the change a change's kept form says it sends again, if it does. */
function sentFrom(form: unknown): string | null {
  const from = form && typeof form === 'object' ? (form as { from?: unknown }).from : undefined;
  return typeof from === 'string' ? from : null;
}

/**
 * The change this one sends again (rejected or withdrawn), when it does: who decided on it, when
 * and why, and what the editor changed since, field by field, so the reviewer sees whether the
 * reason was answered.
 */
async function sentBefore(recordType: RecordType, form: unknown, payload: unknown, authorId: string) {
  const from = sentFrom(form);
  if (from === null) return null;
  const earlier = await db.changeRequest.findFirst({
    where: { id: from, authorId, status: { in: ['REJECTED', 'WITHDRAWN'] } },
    select: {
      status: true,
      decisionNote: true,
      decidedAt: true,
      payload: true,
      recordId: true,
      baseVersion: true,
      reviewer: { select: { name: true } },
    },
  });
  if (!earlier) return null;
  // The record as each was sent against: a field each left as the record had it then (its form
  // merged in a change published meanwhile) is no change of the editor's, though it differs.
  const [recordThen, recordNow] = await Promise.all([
    earlier.recordId && earlier.baseVersion !== null ? stateAtVersion(recordType, earlier.recordId, earlier.baseVersion) : null,
    earlier.recordId && isStateful(recordType) ? readState(db, recordType, earlier.recordId) : null,
  ]);
  // A field the earlier one's form did not offer yet is no change the editor made (asRestored).
  const [then = {}, now = {}, heldThen = {}, heldNow = {}] = await readable([
    asRestored(recordType, earlier.payload as Record<string, unknown>, payload as Record<string, unknown>),
    payload as Record<string, unknown>,
    recordThen ?? {},
    recordNow?.fields ?? {},
  ]);
  const leftAsItWas = (field: string) =>
    recordThen !== null && recordNow !== null && then[field] === heldThen[field] && now[field] === heldNow[field];
  // (Marked unchanged before the fields are named as the page names them: an action's date is its start date.)
  const nowByEditor = Object.fromEntries(Object.entries(now).map(([field, value]) => [field, leftAsItWas(field) ? (then[field] ?? null) : value]));
  return {
    status: earlier.status as 'REJECTED' | 'WITHDRAWN',
    reason: earlier.decisionNote,
    by: earlier.reviewer?.name ?? null,
    at: earlier.decidedAt,
    changedSince: keptFields(recordType, then, nowByEditor).filter((line) => line.before !== line.after),
  };
}

/**
 * A record's fields at a version, as a revision kept them: the step that left that version (its
 * state before), else the step that made it; null when none kept it whole (a seed's or an import's
 * first version is a row, not a form's fields).
 */
async function stateAtVersion(recordType: RecordType, recordId: string, version: number): Promise<Record<string, unknown> | null> {
  const [left, made] = await Promise.all([
    db.revision.findFirst({
      where: { recordType, recordId, before: { path: ['version'], equals: version } },
      orderBy: { createdAt: 'asc' },
      select: { before: true },
    }),
    db.revision.findFirst({
      where: { recordType, recordId, after: { path: ['version'], equals: version } },
      orderBy: { createdAt: 'desc' },
      select: { after: true },
    }),
  ]);
  if (isRecordState(left?.before)) return left.before.fields;
  return isRecordState(made?.after) ? made.after.fields : null;
}

/** Each kind's fields in the order its form asks for them: the order of its schema. */
const FORM_ORDER: Partial<Record<RecordType, string[]>> = Object.fromEntries(
  Object.entries(FORM_SCHEMAS).map(([type, schema]) => [type, Object.keys(schema.shape)]),
);

const partySelect = { id: true, name: true, mergedInto: { select: { name: true } } } as const;

/**
 * Versions of a record (its current state, a proposed payload) as text a reviewer can compare:
 * dates and money as the public pages write them (25 June 2018, July 2018, $250,000), links by name (companies, organisations, agencies, contracts), sources by
 * address, new names marked as new, empty values as nothing.
 */
async function readable(
  versions: Record<string, unknown>[],
  {
    publicOnly = false,
    client = db,
    at,
  }: {
    publicOnly?: boolean;
    client?: Client;
    /** When each version was the record's (a history's steps): its terms are named as they were then. */
    at?: Date[];
  } = {},
): Promise<Record<string, string | null>[]> {
  // For the public: only records that are or were public are named (a merged company or
  // organisation is archived, and lives on under the survivor); any other stays an id. A contract
  // only while it is public: an archived one's words stay with reviewers, as on its own history.
  const shown = publicOnly ? { status: { in: ['PUBLISHED' as const, 'ARCHIVED' as const] } } : {};
  // An incident archived since is said so: to the public by its id alone (what it said is for
  // reviewers only, docs/decisions/008), to reviewers by its title.
  const shownContract = publicOnly
    ? { status: { in: ['PUBLISHED' as const, 'ARCHIVED' as const] }, company: { status: 'PUBLISHED' as const } }
    : {};
  // New citations without a url the versions give, each named as the one on record it is, if any.
  const citations: TypedCitation[] = [];
  const ids = {
    party: new Set<string>(),
    agency: new Set<string>(),
    source: new Set<string>(),
    contract: new Set<string>(),
    donation: new Set<string>(),
    term: new Set<string>(),
    url: new Set<string>(),
    // Companies and organisations a proposal names as new.
    newName: new Set<string>(),
  };
  const AGENCY_FIELDS = ['agencyId', 'subAgencyId', 'parentId'];
  const CONTRACT_FIELDS = ['contractId', 'contractIds'];
  // Rows kept whole (the demo data's and imports' first revisions) name companies and organisations by id.
  const PARTY_FIELDS = ['companyId', 'organizationId', 'parentId', 'mergedIntoId', 'mergedFrom'];
  const visit = (field: string, value: unknown) => {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string' && TERM_FIELDS[field]) ids.term.add(item);
      if (typeof item === 'string' && PARTY_FIELDS.includes(field)) ids.party.add(item);
      if (typeof item === 'string' && AGENCY_FIELDS.includes(field)) ids.agency.add(item);
      else if (typeof item === 'string' && CONTRACT_FIELDS.includes(field)) ids.contract.add(item);
      else if (typeof item === 'string' && field === 'donationResponseId') ids.donation.add(item);
      else if (item && typeof item === 'object' && 'id' in item) ids.party.add(String(item.id));
      else if (item && typeof item === 'object' && 'newName' in item && typeof item.newName === 'string') ids.newName.add(item.newName);
      else if (item && typeof item === 'object' && 'sourceId' in item) ids.source.add(String(item.sourceId));
      else if (item && typeof item === 'object' && 'url' in item && typeof item.url === 'string') ids.url.add(item.url);
      else if (item && typeof item === 'object' && 'citation' in item && item.citation && typeof item.citation === 'object')
        citations.push(item.citation as TypedCitation);
    }
  };
  for (const version of versions) for (const [field, value] of Object.entries(version)) visit(field, value);
  // A source typed by its address is named as the one on record for that page, if there is one
  // (saving finds it the same way: http or https, with www or without).
  const typedUrls = [...ids.url];
  const newNames = [...ids.newName];
  const [companies, organizations, agencies, sources, contracts, donations, terms, stored, namedSince] = await Promise.all([
    client.company.findMany({ where: { id: { in: [...ids.party] }, ...shown }, select: partySelect }),
    client.organization.findMany({ where: { id: { in: [...ids.party] }, ...shown }, select: partySelect }),
    client.agency.findMany({ where: { id: { in: [...ids.agency] }, ...shown }, select: { id: true, name: true } }),
    client.source.findMany({
      where: { id: { in: [...ids.source] } },
      select: { id: true, url: true, title: true, publisher: true, publishedAt: true, publishedPrecision: true },
    }),
    client.governmentContract.findMany({
      where: { id: { in: [...ids.contract] }, ...shownContract },
      select: { id: true, title: true, status: true, company: { select: { name: true } } },
    }),
    // A statement's donation response, by its title (as a contract by its own), public as a contract is.
    ids.donation.size
      ? client.donationResponse.findMany({
          where: { id: { in: [...ids.donation] }, ...shownContract },
          select: { ...donationTitleSelect, status: true },
        })
      : [],
    ids.term.size
      ? client.vocabularyTerm.findMany({
          where: { slug: { in: [...ids.term] } },
          select: { id: true, kind: true, slug: true, label: true, mergedInto: { select: { label: true } } },
        })
      : [],
    typedUrls.length
      ? client.source.findMany({ where: { url: { in: typedUrls.flatMap(sameDocumentUrls) } }, select: { url: true } })
      : [],
    newNames.length ? onRecordSince(client, newNames) : new Map<string, string>(),
  ]);
  const storedCitations = await citationsOnRecord(client, citations);
  const withCountry = publicOnly ? null : await placesWithCountry(client, versions);
  const storedUrls = new Set(stored.flatMap((row) => (row.url ? [row.url] : [])));
  const storedUrl = (typed: string) => sameDocumentUrls(typed).find((form) => storedUrls.has(form)) ?? typed;
  // For a reviewer, a term merged since is named with the one it went into, as a company is: publishing follows it there.
  const termLabels = new Map(
    terms.map((term) => [
      `${term.kind}:${term.slug}`,
      !publicOnly && term.mergedInto ? `${term.label} (merged into ${term.mergedInto.label})` : term.label,
    ]),
  );
  const labelAt = at ? await termLabelsAt(client, terms) : null;
  const names = new Map<string, string>([
    // For a reviewer, a company or organisation merged since is named with where it went: publishing
    // follows it there (the public history names each as it was).
    ...[...companies, ...organizations].map(
      (row) => [row.id, !publicOnly && row.mergedInto ? `${row.name} (merged into ${row.mergedInto.name})` : row.name] as const,
    ),
    ...agencies.map((row) => [row.id, row.name] as const),
    ...sources.map((row) => [row.id, row.url ? readableUrl(row.url) : citationLabel(row)] as const),
    // With its contractor: two companies' contracts with one agency often share a title.
    ...contracts.map(
      (row) => [row.id, archivedName(row, 'contract') ?? `${row.title} (${row.company.name})${archivedNote(row)}`] as const,
    ),
    ...donations.map(
      (row) =>
        [
          row.id,
          archivedName(row, 'donation response') ??
            `${titleOfDonation(row, { anyOrganization: !publicOnly })}${archivedNote(row)}`,
        ] as const,
    ),
  ]);
  function archivedNote(row: { status?: string }) {
    return row.status === 'ARCHIVED' ? ', archived since' : '';
  }
  function archivedName(row: { id: string; status?: string }, kind: string) {
    return publicOnly && row.status === 'ARCHIVED' ? `A ${kind} archived since (${row.id})` : null;
  }
  const one = (field: string, value: unknown, version: Record<string, unknown>, when?: Date): string | null => {
    if (value === null || value === undefined || value === '') return null;
    if (typeof value === 'string' && STORED_DATE.test(value)) return storedDate(field, value, version);
    if (typeof value === 'string') {
      const vocabulary = TERM_FIELDS[field];
      if (vocabulary) {
        const key = `${vocabulary}:${value}`;
        return (when && labelAt?.(key, when)) ?? termLabels.get(key) ?? value;
      }
      if (COUNTRY_FIELDS.includes(field)) return countryName(value);
      const amount = MONEY_FIELDS.includes(field) ? value.replace(/,/g, '') : null;
      if (amount !== null && /^\d+(?:\.\d+)?$/.test(amount)) {
        // In its currency, as the public pages write it ($275,000), when the version gives one.
        return typeof version.currency === 'string' && /^[A-Z]{3}$/.test(version.currency)
          ? formatMoney(amount, version.currency)
          : formatAmount(amount);
      }
      // A date as a form gives it ("2019-06"), as the stored one reads: "June 2019".
      const typed = (PRECISION_FIELD[field] || CALENDAR_DATES.includes(field)) && parsePreciseDate(value);
      if (typed) return formatPreciseDate(typed.date, CALENDAR_DATES.includes(field) ? 'DAY' : typed.precision);
      // For a reviewer, a place whose country publishing cannot read is said so: it is shown, but
      // counted in no country ("Springfield, Narnia"; "Online" and "Worldwide" rightly so).
      if (field === 'places' && withCountry && !withCountry.has(value)) return `${value} (no country read from it)`;
      return VALUE_LABEL[field]?.[value] ?? names.get(value) ?? value;
    }
    if (typeof value === 'number') return String(value);
    if (typeof value === 'boolean') return value ? 'yes' : 'no';
    const object = value as {
      id?: string;
      newName?: string;
      sourceId?: string;
      url?: string;
      date?: string;
      precision?: string;
      label?: string;
      citation?: { publisher?: string; title?: string; date?: { date?: string; precision?: string } };
    };
    if (object.id) return names.get(object.id) ?? object.id;
    // A new name of a company or organisation published since it was sent: publishing links it.
    if (object.newName) return namedSince.get(`${PARTY_KIND[field] ?? ''}:${object.newName}`) ?? `${object.newName} (new)`;
    if (object.sourceId) return names.get(object.sourceId) ?? object.sourceId;
    if (object.url) return readableUrl(storedUrl(object.url));
    // A new citation without a url, named as a stored one is: as the one on record it is, if any
    // (publishing cites that one again), so that one chosen and also typed is listed once.
    if (object.citation) {
      const parts = typedCitation(object.citation);
      return storedCitations.get(keyOf(parts)) ?? citationLabel(parts);
    }
    if (object.date && object.precision) return formatPreciseDate(new Date(`${object.date}T00:00:00Z`), object.precision as DatePrecision);
    // A place ({ label: "Shakopee, Minnesota, USA", city, region, country… }) by its label.
    if (typeof object.label === 'string') return object.label;
    return JSON.stringify(value);
  };
  return versions.map((version, index) =>
    Object.fromEntries(
      Object.entries(participantsAsOne(version)).map(([field, value]) => {
        const when = at?.[index];
        if (!Array.isArray(value)) return [field, one(field, value, version, when)];
        const items = [
          ...new Set(value.map((item) => one(field, item, version, when)).filter((item): item is string => item !== null)),
        ];
        // Links are a set: their order is not a change, nor a page given twice. An action's places
        // are a list the pages show in its order, so putting them in another order is a change.
        return [field, items.length ? (ORDERED_LISTS.includes(field) ? items : items.sort()).join('\n') : null];
      }),
    ),
  );
}

/** The list fields whose order is the record's (the others are sets of links, read in any order). */
const ORDERED_LISTS = ['places'];

/**
 * The places the versions name (an action's, one a line) whose country publishing reads: from
 * another action's same place (the data set's reading, which publishing reuses), or from its words.
 */
async function placesWithCountry(client: Client, versions: Record<string, unknown>[]): Promise<Set<string>> {
  const labels = [
    ...new Set(
      versions.flatMap((version) =>
        Array.isArray(version.places) ? version.places.filter((place): place is string => typeof place === 'string') : [],
      ),
    ),
  ];
  if (labels.length === 0) return new Set();
  const placed = await client.actionLocation.findMany({
    where: { label: { in: labels }, country: { not: null } },
    distinct: ['label'],
    select: { label: true },
  });
  return new Set([...placed.map((place) => place.label), ...labels.filter((label) => typedPlace(label).country)]);
}

/** A new citation without a url as a change's payload holds it (checked when it was sent). */
type TypedCitation = { publisher?: string; title?: string; date?: { date?: string; precision?: string } };

/** A typed citation as the parts of a stored one. */
function typedCitation({ publisher, title, date }: TypedCitation) {
  const precision = date?.precision === 'MONTH' || date?.precision === 'YEAR' ? date.precision : 'DAY';
  return {
    publisher: publisher ?? null,
    title: title ?? null,
    publishedAt: date?.date ? new Date(`${date.date}T00:00:00Z`) : null,
    publishedPrecision: precision as DatePrecision,
  };
}

/**
 * A citation in the parts saving reads (`ensureCitation`), whose `citationKey` makes it one with
 * another: a typed one as its payload holds it, a stored one by its date as a day.
 */
function keyOf(citation: { publisher: string | null; title: string | null; publishedAt: Date | null; publishedPrecision: DatePrecision }) {
  return citationKey({
    publisher: citation.publisher ?? '',
    title: citation.title ?? '',
    date: { date: citation.publishedAt?.toISOString().slice(0, 10) ?? '', precision: citation.publishedPrecision },
  });
}

/** The stored citations without a url that typed ones are, by `citationKey`, with their labels. One query. */
async function citationsOnRecord(client: Client, typed: TypedCitation[]): Promise<Map<string, string>> {
  const wanted = typed.map(typedCitation).filter((parts) => parts.publisher && parts.title && parts.publishedAt);
  if (wanted.length === 0) return new Map();
  // By lower(), as saving finds them (an ILIKE would read % and _ in a heading as wildcards).
  const rows = await client.$queryRaw<ReturnType<typeof typedCitation>[]>`
    SELECT publisher, title, published_at AS "publishedAt", published_precision::text AS "publishedPrecision"
    FROM sources
    WHERE url IS NULL AND (lower(publisher), lower(title)) IN (${Prisma.join(
      wanted.map((parts) => Prisma.sql`(lower(${parts.publisher}), lower(${parts.title}))`),
    )})
    ORDER BY id`;
  const labels = new Map<string, string>();
  for (const row of rows) if (!labels.has(keyOf(row))) labels.set(keyOf(row), citationLabel(row));
  return labels;
}

/**
 * The terms' labels as they were at a moment, from their renames' revisions: the label a rename
 * after that moment took away, or the label now when none came after. One query.
 */
async function termLabelsAt(
  client: Client,
  terms: { id: string; kind: string; slug: string }[],
): Promise<(key: string, when: Date) => string | undefined> {
  const renames = terms.length
    ? await client.revision.findMany({
        where: { recordType: 'VOCABULARY_TERM', kind: 'UPDATE', recordId: { in: terms.map((term) => term.id) } },
        orderBy: { createdAt: 'asc' },
        select: { recordId: true, createdAt: true, before: true },
      })
    : [];
  const byKey = new Map<string, { at: Date; label: string }[]>();
  for (const term of terms) {
    const steps = renames.flatMap((rename) => {
      const label = (rename.before as { label?: unknown } | null)?.label;
      return rename.recordId === term.id && typeof label === 'string' ? [{ at: rename.createdAt, label }] : [];
    });
    if (steps.length) byKey.set(`${term.kind}:${term.slug}`, steps);
  }
  return (key, when) => byKey.get(key)?.find((rename) => rename.at > when)?.label;
}

/**
 * An action's count of participants as one field, as its page writes it: "650" for a single
 * number (stored as both ends of a range), "100–200" for a range, never "at least 650" and "at
 * most 650" as two facts.
 */
function participantsAsOne(version: Record<string, unknown>): Record<string, unknown> {
  if (!('participantsMin' in version) && !('participantsMax' in version)) return version;
  const { participantsMin, participantsMax, ...rest } = version;
  const count = (value: unknown) => (typeof value === 'number' ? value : null);
  const [low, high] = [count(participantsMin), count(participantsMax)];
  return { ...rest, participants: participantsLabel(low, high, null) };
}

/** Which kind of body a proposal's field names. */
const PARTY_KIND: Record<string, 'company' | 'organization'> = {
  company: 'company',
  companies: 'company',
  organization: 'organization',
  organizations: 'organization',
};

/**
 * The names a proposal gives as new that are on record, published, since it was sent, as
 * publishing finds them: a company by any of its names (normalised), an organisation by its name
 * in any case. Keyed "company:<name as typed>".
 */
async function onRecordSince(client: Client, names: string[]): Promise<Map<string, string>> {
  const [aliases, organizations] = await Promise.all([
    client.companyAlias.findMany({
      where: { key: { in: names.map(nameKey) }, company: { status: 'PUBLISHED', mergedIntoId: null } },
      select: { key: true, company: { select: { name: true } } },
    }),
    client.organization.findMany({
      where: { status: 'PUBLISHED', mergedIntoId: null, OR: names.map((name) => ({ name: equalsIgnoringCase(name) })) },
      select: { name: true },
    }),
  ]);
  const companyByKey = new Map(aliases.map((alias) => [alias.key, alias.company.name]));
  const organizationByName = new Map(organizations.map((row) => [row.name.toLowerCase(), row.name]));
  const found = new Map<string, string>();
  for (const name of names) {
    const company = companyByKey.get(nameKey(name));
    if (company) found.set(`company:${name}`, company);
    const organization = organizationByName.get(name.toLowerCase());
    if (organization) found.set(`organization:${name}`, organization);
  }
  return found;
}

/**
 * A date of a row kept whole, as the rest of a history writes dates: a record's date as precise as
 * its sources (2018, June 2018, 25 June 2018), a calendar date as a day, a moment of the record's own
 * life (created, updated) with its time.
 */
function storedDate(field: string, value: string, version: Record<string, unknown>): string {
  const date = new Date(value);
  const precision = version[PRECISION_FIELD[field] ?? ''];
  if (precision === 'DAY' || precision === 'MONTH' || precision === 'YEAR') return formatPreciseDate(date, precision);
  return CALENDAR_DATES.includes(field) ? formatPreciseDate(date, 'DAY') : formatDateTime(date);
}

/** The fields a revision kept of a record: a state's fields, or the object itself. */
const fieldsOf = (value: unknown): Record<string, unknown> =>
  isRecordState(value)
    ? value.fields
    : value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};

/**
 * Another person's change as the form's notice shows it when a save is refused: only the fields it
 * changes, each named as the form names it, with its new value ("Sector: Cloud software").
 */
export function describeChanges(lines: DiffLine[]): string {
  return lines
    .filter((line) => line.field !== 'version')
    .map((line) => `${fieldLabel(line.field)}: ${line.after?.replace(/\n/g, ', ') ?? '(removed)'}`)
    .join('\n')
    .slice(0, 2000);
}

/** What a revision changed, field by field, as a person reads it. */
export async function revisionChanges(
  recordType: RecordType,
  before: unknown,
  after: unknown,
  client: Client = db,
): Promise<DiffLine[]> {
  const [was = {}, is = {}] = await readable([fieldsOf(before), fieldsOf(after)], { client });
  return keptFields(recordType, was, is).filter((line) => line.before !== line.after);
}

/** Every field two readable versions hold, each with its text on both sides. */
function keptFields(
  recordType: RecordType,
  before: Record<string, string | null>,
  after: Record<string, string | null>,
): DiffLine[] {
  // In the order the record's form asks for them (a stored payload's keys come back in no useful order).
  const order = FORM_ORDER[recordType] ?? [];
  // An action's participants stand where the form asks for their low end.
  const position = (field: string) => order.indexOf(field === 'participants' ? 'participantsMin' : field);
  const rank = (field: string) => (position(field) >= 0 ? position(field) : order.length);
  // An action's date is its start date, as its form and its row kept whole name it.
  const named = (field: string) => (recordType === 'EMPLOYEE_ACTION' && field === 'date' ? 'startDate' : field);
  return [...new Set([...Object.keys(after), ...Object.keys(before)])]
    .sort((a, b) => rank(a) - rank(b))
    .filter((field) => !UNSHOWN_FIELDS.has(field))
    .map((field) => ({ field: named(field), before: before[field] ?? null, after: after[field] ?? null }));
}

/**
 * Fields a change or a history step does not list: the record's id (its address, not one of its
 * facts), its version and a form's confirmation, the row's own times (the step has its time), and
 * how precise a date is, which its date, written no more precisely than that, already says.
 */
const UNSHOWN_FIELDS = new Set(['id', 'version', 'confirmNew', 'createdAt', 'updatedAt', ...Object.values(PRECISION_FIELD)]);

/** The most revisions a history page lists, newest first. */
export const REVISIONS_SHOWN = 200;

/**
 * Who made a step no account made, as a reader of the history should know it: the first entries,
 * taken from the report the record began with (lib/seed/seed-article.ts), and the imports of
 * published data. Not "demo data": these are real facts, each citing its source.
 */
const MACHINE_ACTORS: Record<string, string> = {
  seed: 'Counterweight’s first entries',
  [`import:${COLLECTIVE_ACTION_SOURCE}`]: 'Import of the Collective Action in Tech data set',
  [USASPENDING_ACTOR]: 'Import from USAspending',
};

/**
 * A record's public history: every revision, newest first, with who (by name), why, and what it
 * changed field by field in words (read for all revisions at once: a constant number of queries).
 */
export async function listRevisions(type: RecordType, id: string) {
  const rows = await db.revision.findMany({
    where: { recordType: type, recordId: id },
    orderBy: { createdAt: 'desc' },
    take: REVISIONS_SHOWN,
    select: { id: true, kind: true, createdAt: true, reason: true, actor: true, before: true, after: true, user: { select: { name: true } } },
  });
  // A record made along with another's change (a company named new in an incident) names its
  // reviewer as `user:<id>`: named here like the rest.
  const actorIds = rows.flatMap((row) => (!row.user && row.actor?.startsWith('user:') ? [row.actor.slice(5)] : []));
  // A contract's amounts as USAspending's files give them, in US dollars: its imports' steps say so
  // (they did not write the currency down), as an editor's steps write theirs.
  const stepFields = (row: (typeof rows)[number], state: unknown) => {
    const fields = fieldsOf(state);
    const imported = type === 'CONTRACT' && row.kind === 'IMPORT';
    return imported && fields.currency === undefined && MONEY_FIELDS.some((field) => field in fields)
      ? { ...fields, currency: 'USD' }
      : fields;
  };
  const [texts, actors] = await Promise.all([
    readable(
      rows.flatMap((row) => [stepFields(row, row.before), stepFields(row, row.after)]),
      // Each step's terms as they were named then (a term renamed since keeps its old name there).
      { publicOnly: true, at: rows.flatMap((row) => [row.createdAt, row.createdAt]) },
    ),
    actorIds.length ? db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [],
  ]);
  const actorName = new Map(actors.map((user) => [`user:${user.id}`, user.name]));
  const who = (row: (typeof rows)[number]) =>
    row.user?.name ??
    (row.actor && row.actor in MACHINE_ACTORS
      ? MACHINE_ACTORS[row.actor]!
      : row.actor?.startsWith('import:')
        ? `Import (${row.actor.slice(7)})`
        : (actorName.get(row.actor ?? '') ?? (row.actor?.startsWith('user:') ? 'A former account' : (row.actor ?? 'System'))));
  return rows.map((row, index) => {
    // A merge's duplicate is archived only to leave the lists: its step says where it went
    // ("Merged into"), not "Published → Archived", which reads as a reviewer's archiving.
    const kept = keptFields(type, texts[2 * index] ?? {}, texts[2 * index + 1] ?? {}).filter(
      (line) => !(row.kind === 'MERGE' && line.field === 'status'),
    );
    return {
      ...row,
      who: who(row),
      changes: kept.filter((line) => line.before !== line.after),
      /** Everything the revision kept, field by field, changed or not. */
      kept: kept.filter((line) => line.before !== null || line.after !== null),
    };
  });
}
