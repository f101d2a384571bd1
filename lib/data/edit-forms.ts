import 'server-only';
import { FIELDS_SINCE_7_DECEMBER } from './record-state';
import { ACTION_TERM_FIELDS } from '../vocabulary';
import { db } from '../db';
import { isoPreciseDate } from '../dates';
import type { SessionUser } from '../auth/roles';
import { parseOpenedValues } from '../edit-merge';
import type { ChangeStatus, RecordType } from '../generated/prisma/enums';
import { CUID } from '../validation/records';
import { EDITABLE, sentAgainAs, type ChangeForm, type EditableType } from './changes';
import { currentStates, survivingTermSlugs } from './change-apply';

/** How a company, agency or organisation is found: by the slug of its address, or by id. */
type RecordKey = { slug: string } | { id: string };

/**
 * What an edit form starts from: the published record as the form's own field values; or, for an
 * editor's own change reopened (`changeId` while it waits, to revise it; none once rejected, to
 * send it again), the form as they sent it, with the record's values it was opened with.
 */
export interface EditStart {
  /** The record changed; none for a new one. */
  recordId?: string;
  /** The version the change is made against (with recordId). */
  baseVersion?: number;
  values: Record<string, string>;
  /** The record's values the form was first opened with, when not `values` (a reopened change). */
  opened?: Record<string, string>;
  /** Carried along unchanged: citations without a url. */
  keptSourceIds: string[];
  /** The editor's own change, waiting for review, that saving this form revises. */
  changeId?: string;
  /** That change's last revision (or sending) as the form opened it: a save after another revision is refused. */
  changeSeen?: string;
  /** The editor's own change this form reopens (to revise it, or to send it again): its draft is kept apart. */
  reopened?: string;
}

type SourceLinks = { source: { id: string; url: string | null } }[];
const sourceSelect = { select: { source: { select: { id: true, url: true } } } } as const;

/** The contracts a record concerns as the form's field shows them: their addresses on this site, one per line. */
const contractLines = (ids: string[]) => ids.map((id) => `/contracts/${id}`).join('\n');

/** The form's start: its values, with the sources as addresses (one per line) and the citations without one kept. */
function editStart(
  recordId: string,
  version: number,
  links: SourceLinks,
  values: Record<string, string>,
): EditStart {
  const keptSourceIds = links.flatMap((link) => (link.source.url ? [] : [link.source.id]));
  return {
    recordId,
    baseVersion: version,
    keptSourceIds,
    values: {
      ...values,
      sources: links.flatMap((link) => (link.source.url ? [link.source.url] : [])).join('\n'),
      // As the form sends them back (one per line), so that a refused save merges them too.
      // Always given, empty too, so that a change removing the last one is merged as well.
      keptSourceIds: keptSourceIds.join('\n'),
    },
  };
}

export async function donationEditStart(id: string): Promise<EditStart | null> {
  const record = await db.donationResponse.findFirst({
    where: { id, status: 'PUBLISHED' },
    select: {
      version: true,
      company: { select: { name: true } },
      organization: { select: { name: true, acronym: true } },
      response: true,
      date: true,
      datePrecision: true,
      amount: true,
      currency: true,
      amountUndisclosed: true,
      reason: true,
      quote: true,
      quoteAttribution: true,
      contracts: { select: { contractId: true } },
      sources: sourceSelect,
    },
  });
  if (!record) return null;
  return editStart(id, record.version, record.sources, {
    company: record.company.name,
    organization: record.organization?.name ?? '',
    response: record.response,
    date: record.date ? isoPreciseDate(record.date, record.datePrecision) : '',
    amount: record.amount?.toString() ?? '',
    currency: record.currency,
    ...(record.amountUndisclosed ? { amountUndisclosed: 'on' } : {}),
    reason: record.reason ?? '',
    quote: record.quote ?? '',
    quoteAttribution: record.quoteAttribution ?? '',
    contractIds: contractLines(record.contracts.map((link) => link.contractId)),
  });
}

export async function actionEditStart(id: string): Promise<EditStart | null> {
  const record = await db.employeeAction.findFirst({
    where: { id, status: 'PUBLISHED' },
    select: {
      version: true,
      title: true,
      description: true,
      startDate: true,
      datePrecision: true,
      participantsMin: true,
      participantsMax: true,
      participantsText: true,
      demands: true,
      outcome: true,
      outcomeNote: true,
      companies: { select: { company: { select: { name: true } } } },
      organizations: { select: { organization: { select: { name: true } } }, orderBy: { organization: { name: 'asc' } } },
      terms: { select: { term: { select: { kind: true, slug: true } } } },
      contracts: { select: { contractId: true } },
      locations: { select: { label: true }, orderBy: { position: 'asc' } },
      sources: sourceSelect,
    },
  });
  if (!record) return null;
  const terms = (kind: string) => record.terms.filter((link) => link.term.kind === kind).map((link) => link.term.slug).join('\n');
  return editStart(id, record.version, record.sources, {
    title: record.title,
    description: record.description,
    date: isoPreciseDate(record.startDate, record.datePrecision),
    companies: record.companies.map((link) => link.company.name).join('\n'),
    organizations: record.organizations.map((link) => link.organization.name).join('\n'),
    formSlugs: terms('ACTION_FORM'),
    issueSlugs: terms('ISSUE'),
    tagSlugs: terms('TAG'),
    employmentTypeSlugs: terms('EMPLOYMENT_TYPE'),
    places: record.locations.map((place) => place.label).join('\n'),
    participantsMin: record.participantsMin?.toString() ?? '',
    // One number is its low end alone, as it was typed: a correction of it is not a range it never was.
    participantsMax:
      record.participantsMax === null || record.participantsMax === record.participantsMin
        ? ''
        : record.participantsMax.toString(),
    participantsText: record.participantsText ?? '',
    demands: record.demands ?? '',
    outcome: record.outcome,
    outcomeNote: record.outcomeNote ?? '',
    contractIds: contractLines(record.contracts.map((link) => link.contractId)),
  });
}

const money = (value: { toString(): string } | null) => value?.toString() ?? '';

export async function contractEditStart(id: string): Promise<EditStart | null> {
  const record = await db.governmentContract.findFirst({
    where: { id, status: 'PUBLISHED' },
    select: {
      version: true,
      company: { select: { name: true } },
      agencyId: true,
      subAgencyId: true,
      title: true,
      purpose: true,
      piid: true,
      obligatedAmount: true,
      potentialAmount: true,
      currency: true,
      awardDate: true,
      awardDatePrecision: true,
      contractStatus: true,
      statusChangedAt: true,
      statusChangedPrecision: true,
      periodStart: true,
      periodEnd: true,
      sources: sourceSelect,
    },
  });
  if (!record) return null;
  return editStart(id, record.version, record.sources, {
    company: record.company.name,
    agencyId: record.agencyId,
    subAgencyId: record.subAgencyId ?? '',
    title: record.title,
    purpose: record.purpose ?? '',
    piid: record.piid ?? '',
    obligatedAmount: money(record.obligatedAmount),
    potentialAmount: money(record.potentialAmount),
    currency: record.currency,
    awardDate: record.awardDate ? isoPreciseDate(record.awardDate, record.awardDatePrecision) : '',
    contractStatus: record.contractStatus,
    statusSince: record.statusChangedAt ? isoPreciseDate(record.statusChangedAt, record.statusChangedPrecision) : '',
    ...contractPeriod(record),
  });
}

/** A contract's period of performance as its form writes it (2019-03-14, or empty). */
const contractPeriod = (record: { periodStart: Date | null; periodEnd: Date | null }) => ({
  periodStart: record.periodStart ? isoPreciseDate(record.periodStart, 'DAY') : '',
  periodEnd: record.periodEnd ? isoPreciseDate(record.periodEnd, 'DAY') : '',
});

async function contractPeriodNow(id: string): Promise<Record<string, string>> {
  const contract = await db.governmentContract.findUnique({ where: { id }, select: { periodStart: true, periodEnd: true } });
  return contract ? contractPeriod(contract) : {};
}

export async function statementEditStart(id: string): Promise<EditStart | null> {
  const record = await db.companyStatement.findFirst({
    where: { id, status: 'PUBLISHED' },
    select: {
      version: true,
      company: { select: { name: true } },
      date: true,
      datePrecision: true,
      kind: true,
      summary: true,
      quote: true,
      speaker: true,
      contractId: true,
      sources: sourceSelect,
    },
  });
  if (!record) return null;
  return editStart(id, record.version, record.sources, {
    company: record.company.name,
    date: isoPreciseDate(record.date, record.datePrecision),
    kind: record.kind,
    summary: record.summary,
    quote: record.quote ?? '',
    speaker: record.speaker ?? '',
    contractId: contractLines(record.contractId ? [record.contractId] : []),
  });
}

export async function agencyEditStart(key: RecordKey): Promise<EditStart | null> {
  const record = await db.agency.findFirst({
    where: { ...key, status: 'PUBLISHED' },
    select: {
      id: true,
      version: true,
      name: true,
      acronym: true,
      aliases: true,
      parentId: true,
      country: true,
      level: true,
      website: true,
      sources: sourceSelect,
    },
  });
  if (!record) return null;
  return editStart(record.id, record.version, record.sources, {
    name: record.name,
    acronym: record.acronym ?? '',
    aliases: record.aliases.join('\n'),
    parentId: record.parentId ?? '',
    country: record.country,
    level: record.level,
    website: record.website ?? '',
  });
}

export async function organizationEditStart(key: RecordKey): Promise<EditStart | null> {
  const record = await db.organization.findFirst({
    where: { ...key, status: 'PUBLISHED' },
    select: {
      id: true,
      version: true,
      name: true,
      acronym: true,
      kind: true,
      country: true,
      website: true,
      description: true,
      sources: sourceSelect,
    },
  });
  if (!record) return null;
  return editStart(record.id, record.version, record.sources, {
    name: record.name,
    acronym: record.acronym ?? '',
    kind: record.kind,
    country: record.country ?? '',
    website: record.website ?? '',
    description: record.description ?? '',
  });
}

export async function companyEditStart(key: RecordKey): Promise<EditStart | null> {
  const record = await db.company.findFirst({
    where: { ...key, status: 'PUBLISHED' },
    select: {
      id: true,
      version: true,
      name: true,
      sector: true,
      hqCountry: true,
      website: true,
      ticker: true,
      description: true,
      parent: { select: { name: true } },
      sources: sourceSelect,
    },
  });
  if (!record) return null;
  return editStart(record.id, record.version, record.sources, {
    name: record.name,
    parent: record.parent?.name ?? '',
    sector: record.sector ?? '',
    hqCountry: record.hqCountry ?? '',
    website: record.website ?? '',
    ticker: record.ticker ?? '',
    description: record.description ?? '',
  });
}

/**
 * The published record as its edit form shows it, found by id: what a refused save is merged with
 * when someone else's change was published after the form was opened.
 */
export function currentEditStart(recordType: EditableType, id: string): Promise<EditStart | null> {
  switch (recordType) {
    case 'DONATION_RESPONSE':
      return donationEditStart(id);
    case 'EMPLOYEE_ACTION':
      return actionEditStart(id);
    case 'CONTRACT':
      return contractEditStart(id);
    case 'COMPANY_STATEMENT':
      return statementEditStart(id);
    case 'AGENCY':
      return agencyEditStart({ id });
    case 'ORGANIZATION':
      return organizationEditStart({ id });
    case 'COMPANY':
      return companyEditStart({ id });
  }
}

/** The editor's own change to a record still waiting for review, if any: its form is where they change it further. */
export async function ownPendingChangeId(user: SessionUser, recordType: EditableType, recordId: string): Promise<string | null> {
  const change = await db.changeRequest.findFirst({
    where: { recordType: recordType as RecordType, recordId, status: 'PENDING', authorId: user.id },
    select: { id: true },
  });
  return change?.id ?? null;
}

/**
 * Another person's change to the record waiting for review, if there is one (the newest): the
 * record's form says so when it opens, since a second change is refused until that one is decided.
 */
export async function othersPendingChange(
  user: SessionUser,
  recordType: EditableType,
  recordId: string,
): Promise<{ by: string; at: Date } | null> {
  const change = await db.changeRequest.findFirst({
    where: { recordType: recordType as RecordType, recordId, status: 'PENDING', authorId: { not: user.id } },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true, author: { select: { name: true } } },
  });
  return change && { by: change.author.name, at: change.createdAt };
}

/** Said of a rejected or withdrawn change whose record was archived or merged away since: sent again, it could only be refused. */
/** Whose words a decision's note is: the reviewer's, or those of the admin who archived or merged its record. */
export const noteFrom = (decidedBy: string | null) => `From ${decidedBy ?? 'the reviewer'}:`;

export const RECORD_GONE =
  'Its record is no longer published (it was archived, or merged into another), so it cannot be sent again.';

export const OUTDATED =
  'Another change to this record was published after you sent this one, which cannot be published as it stands.';

/** An editor's own change as its page shows it, with the form it reopens when it can be. */
export interface OwnChange {
  id: string;
  recordType: EditableType;
  recordId: string | null;
  status: ChangeStatus;
  decisionNote: string | null;
  /** Who rejected or published it (or declined it, archiving or merging its record away). */
  decidedBy: string | null;
  createdAt: Date;
  revisedAt: Date | null;
  /** The newer change this one was sent again as, once rejected or withdrawn. */
  sentAgainAs: string | null;
  /** Rejected or withdrawn, and its record is no longer published (archived, or merged into another): it cannot be sent again. */
  recordGone: boolean;
  /**
   * Waiting, and another change to its record was published since it was sent: it cannot be
   * published as it stands; saved again, its form comes back merged with that change.
   */
  outdated: boolean;
  /**
   * The form as sent: to revise the change while it waits, or to send it again once rejected or withdrawn.
   * Null once published, or when it was sent before forms were kept with changes.
   */
  start: EditStart | null;
  /**
   * What the form sent said, field by field (as typed), for a change whose record was archived or
   * merged away since: it cannot be sent again, but what it proposed is the editor's to take
   * elsewhere (to the record it was merged into). Null otherwise.
   */
  sentValues: Record<string, string> | null;
}

/** One of the editor's own changes; null for anyone else's (nobody reopens another's form). */
export async function ownChange(user: SessionUser, id: string): Promise<OwnChange | null> {
  if (!CUID.test(id)) return null;
  const change = await db.changeRequest.findFirst({
    where: { id, authorId: user.id },
    select: {
      id: true,
      recordType: true,
      recordId: true,
      baseVersion: true,
      status: true,
      decisionNote: true,
      reviewer: { select: { name: true } },
      createdAt: true,
      revisedAt: true,
      form: true,
    },
  });
  if (!change || !(change.recordType in EDITABLE)) return null;
  const form = keptForm(change.form);
  const decided = change.status === 'REJECTED' || change.status === 'WITHDRAWN';
  const again = decided ? await sentAgainAs(db, user.id, change.id) : null;
  // A change to a record archived or merged away since (which declined it) could only be refused.
  const recordGone =
    decided && change.recordId
      ? !(await currentStates(change.recordType, [change.recordId])).get(change.recordId)?.live
      : false;
  const reopens = form && change.status !== 'PUBLISHED' && !again && !recordGone;
  const withLater = reopens ? await fieldsKept(change.recordType, change.recordId, form) : (values: Record<string, string>) => values;
  const current =
    change.status === 'PENDING' && change.recordId && change.baseVersion !== null
      ? (await currentStates(change.recordType, [change.recordId])).get(change.recordId)
      : undefined;
  return {
    id: change.id,
    recordType: change.recordType as EditableType,
    recordId: change.recordId,
    status: change.status,
    decisionNote: change.decisionNote,
    decidedBy: change.reviewer?.name ?? null,
    createdAt: change.createdAt,
    revisedAt: change.revisedAt,
    sentAgainAs: again,
    recordGone,
    outdated: current !== undefined && change.baseVersion !== null && current.version > change.baseVersion,
    sentValues: recordGone && form ? form.values : null,
    start: reopens
      ? {
          recordId: change.recordId ?? undefined,
          baseVersion: change.baseVersion ?? undefined,
          // A form or issue an admin merged since is ticked as the term it became.
          values: await withSurvivingTerms(withLater(form.values)),
          opened: form.opened && (await withSurvivingTerms(withLater(form.opened))),
          keptSourceIds: (form.values.keptSourceIds ?? '').split('\n').filter((line) => CUID.test(line)),
          // Waiting, it is revised in place; rejected or withdrawn, it is sent again as a new change.
          changeId: change.status === 'PENDING' ? change.id : undefined,
          changeSeen: change.status === 'PENDING' ? (change.revisedAt ?? change.createdAt).toISOString() : undefined,
          reopened: change.id,
        }
      : null,
  };
}


/**
 * Form values with each merged form or issue replaced by the term it was merged into (followed
 * through merges in turn), each once: the form offers no box for a merged term, so that a reopened
 * change would otherwise drop it unsaid when sent again.
 */
async function withSurvivingTerms(values: Record<string, string>): Promise<Record<string, string>> {
  const result = { ...values };
  for (const [field, kind] of Object.entries(ACTION_TERM_FIELDS)) {
    const slugs = (values[field] ?? '').split('\n').filter(Boolean);
    if (slugs.length === 0) continue;
    result[field] = (await survivingTermSlugs(db, kind, slugs)).join('\n');
  }
  return result;
}

/**
 * A form kept before it offered a field, with what the record holds in it now, so that the form
 * sent again does not take it away: a company's parent (offered from 6 December), an action's tags,
 * employment types and places, a contract's period of performance (from 7 December). What to give each of its value sets (as typed, as
 * opened); any other form as it is.
 */
async function fieldsKept(
  recordType: string,
  recordId: string | null,
  form: ChangeForm,
): Promise<(values: Record<string, string>) => Record<string, string>> {
  const later = LATER_FIELDS[recordType];
  const now = LATER_FIELDS_NOW[recordType];
  const lacking = [form.values, form.opened].some((values) => values && later?.some((field) => !(field in values)));
  if (!later || !now || !recordId || !lacking) return (values) => values;
  const held = await now(recordId);
  return (values) => ({ ...held, ...values });
}

/** The fields each form came to offer after its changes began to be kept. */
const LATER_FIELDS: Record<string, readonly string[]> = { COMPANY: ['parent'], ...FIELDS_SINCE_7_DECEMBER };

/** What the record holds now in each form's later fields, as the form writes them. */
const LATER_FIELDS_NOW: Record<string, (id: string) => Promise<Record<string, string>>> = {
  COMPANY: companyParentNow,
  EMPLOYEE_ACTION: actionTermsNow,
  CONTRACT: contractPeriodNow,
};

async function companyParentNow(id: string): Promise<Record<string, string>> {
  const company = await db.company.findUnique({ where: { id }, select: { parent: { select: { name: true } } } });
  return { parent: company?.parent?.name ?? '' };
}

async function actionTermsNow(id: string): Promise<Record<string, string>> {
  const [links, places] = await Promise.all([
    db.employeeActionTerm.findMany({
      where: { actionId: id, term: { kind: { in: ['TAG', 'EMPLOYMENT_TYPE'] } } },
      select: { term: { select: { kind: true, slug: true } } },
    }),
    db.actionLocation.findMany({ where: { actionId: id }, select: { label: true }, orderBy: { position: 'asc' } }),
  ]);
  const slugs = (kind: string) => links.flatMap((link) => (link.term.kind === kind ? [link.term.slug] : [])).join('\n');
  return {
    tagSlugs: slugs('TAG'),
    employmentTypeSlugs: slugs('EMPLOYMENT_TYPE'),
    places: places.map((place) => place.label).join('\n'),
  };
}

/** A change's kept form, read defensively (it was stored by this code, but is JSON all the same). */
function keptForm(value: unknown): ChangeForm | null {
  if (!value || typeof value !== 'object') return null;
  const { values, opened } = value as Record<string, unknown>;
  const strings = (input: unknown) => (input === undefined ? undefined : parseOpenedValues(JSON.stringify(input)));
  const read = strings(values);
  // Empty: the form was too large to keep (only what it was sent again from was).
  if (!read || Object.keys(read).length === 0) return null;
  return { values: read, opened: strings(opened) ?? undefined };
}

/**
 * The form's start with a name in "Other names to add" (a recipient from the list of those waiting
 * for a company, /review/import), once, after those already there. The record's values it was
 * opened with stay those without it, so that the name reads as the editor's addition.
 */
export function withNameToAdd(start: EditStart, name: string | string[] | undefined): EditStart {
  const typed = typeof name === 'string' ? name.trim().slice(0, 200) : '';
  if (!typed) return start;
  const lines = (start.values.aliases ?? '').split('\n').filter((line) => line.trim());
  if (lines.some((line) => line.trim().toLowerCase() === typed.toLowerCase())) return start;
  return {
    ...start,
    // A reopened change keeps none (components/editor/kept-fields.tsx).
    ...(start.opened || start.reopened ? {} : { opened: start.values }),
    values: { ...start.values, aliases: [...lines, typed].join('\n') },
  };
}
