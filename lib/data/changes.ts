import 'server-only';
import type { z } from 'zod';
import { cacheTags } from '../cache-tags';
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import type { RecordType } from '../generated/prisma/enums';
import { revisionRow } from '../records/revisions';
import type { Db } from '../records/types';
import type { NameChoices } from '../name-suggestions';
import { NotAllowed, hasRole, type SessionUser } from '../auth/roles';
import { CHANGE_TYPE_LABEL, fieldLabel } from '../labels';
import {
  applyAgency,
  applyCompany,
  applyContract,
  applyDonationResponse,
  applyEmployeeAction,
  applyOrganization,
  applyStatement,
  checkReferences,
  contractorSlugsOf,
  followMerges,
  partiesNamed,
  referenceProblems,
  survivors,
  currentState,
  type Actor,
  type Applied,
} from './change-apply';
import { asRestored, isRecordState, isStateful, readState, sameFields, type RecordState } from './record-state';
import { AGENCY_HIERARCHY, lockPendingChanges, lockRecords, lockRow } from './record-lock';
import { describeChanges, proposedDiff, revisionChanges } from './review';
import { fieldErrors, FORM_SCHEMAS, UNSTORABLE, CUID } from '../validation/records';
import { nameKey, typedTextProblem, withoutLegalForm } from '../text';
import { formatDateTime, formatPreciseDate } from '../dates';

/** The kinds of record editors can propose, with the schema their payload must pass. */
export const EDITABLE = FORM_SCHEMAS;
export type EditableType = keyof typeof EDITABLE;

type Apply = (tx: Prisma.TransactionClient, id: string | null, input: unknown, actor: Actor) => Promise<Applied>;
const APPLY: Record<EditableType, Apply> = {
  DONATION_RESPONSE: applyDonationResponse as Apply,
  EMPLOYEE_ACTION: applyEmployeeAction as Apply,
  COMPANY: applyCompany as Apply,
  CONTRACT: applyContract as Apply,
  COMPANY_STATEMENT: applyStatement as Apply,
  AGENCY: applyAgency as Apply,
  ORGANIZATION: applyOrganization as Apply,
};

/** The cache tags of the public pages an applied change shows on. */
const tagsOf = (applied: Applied) => [
  cacheTags.lists,
  ...(applied.vocabulary ? [cacheTags.vocabulary] : []),
  ...(applied.everyCompany ? [cacheTags.companies] : []),
  ...[...new Set(applied.companySlugs)].map(cacheTags.company),
];

const NOT_LIVE = 'This record is no longer published (it was archived, or merged into another): it cannot be changed or restored here.';

/** Why a record cannot be changed: merged into another (named, so that the change goes there), or archived. */
async function notLive(client: Prisma.TransactionClient | typeof db, recordType: string, recordId: string): Promise<string> {
  const table = recordType === 'COMPANY' ? 'companies' : recordType === 'ORGANIZATION' ? 'organizations' : null;
  const into = table ? (await survivors(client, table, [recordId])).get(recordId) : undefined;
  const survivor = !into
    ? null
    : table === 'companies'
      ? await client.company.findUnique({ where: { id: into }, select: { name: true } })
      : await client.organization.findUnique({ where: { id: into }, select: { name: true } });
  return survivor ? `This record was merged into ${survivor.name}: propose the change there.` : NOT_LIVE;
}

/** An expected failure, shown to the person as form state with a message per field. */
export class ChangeRejected extends Error {
  constructor(
    message: string,
    readonly fields: Record<string, string[]> = {},
    /**
     * When someone else changed the record meanwhile: what they changed, and, when it is published,
     * the record's version now (the form saves against it next, once the person has seen theirs).
     */
    readonly conflict?: { by: string; at: Date; summary: string; version?: number; own?: boolean; earlier?: number },
    /** For each field with a "did you mean", the records it means (the form offers them). */
    readonly choices: Record<string, NameChoices[]> = {},
    /** Where to go on from the refusal: a page the form links to (in a new tab, so that it keeps what was typed). */
    readonly next?: NextStep,
  ) {
    super(message);
    this.name = 'ChangeRejected';
  }
}

/** A page a refusal leads on to, and its link's words. */
export interface NextStep {
  href: string;
  text: string;
}

export interface SubmitOptions {
  user: SessionUser;
  recordType: EditableType;
  /** The record to change; absent for a new one. */
  recordId?: string;
  /** The version the editor started from (required with recordId). */
  baseVersion?: number;
  payload: unknown;
  note?: string | null;
  /** The editor's own change, still waiting for review, that this one replaces (revises). */
  changeId?: string;
  /**
   * When that change was last revised (or sent, never revised) as the form showed it: a revision
   * saved since, from another tab or window, is not overwritten unseen.
   */
  changeSeen?: string;
  /** The form as sent, kept to reopen it: the typed values, and the record's values it opened with. */
  form?: ChangeForm;
}

/** A change's form as the editor sent it: what reopens it for a revision or a second try. */
export interface ChangeForm {
  values: Record<string, string>;
  opened?: Record<string, string>;
  /** The rejected or withdrawn change of one's own this one sends again (each is sent again once). */
  from?: string;
}

const NOT_YOURS = 'There is no such change of yours.';

/**
 * The form as sent, to keep with the change, without what the database cannot store (a NUL byte
 * in a field the payload does not hold): such a form is not kept, and the change goes on without it.
 */
function storableForm(form: ChangeForm | undefined): ChangeForm | undefined {
  if (!form) return undefined;
  const texts = [form.values, form.opened ?? {}].flatMap((values) => Object.entries(values).flat());
  if (texts.some((text) => UNSTORABLE.test(text))) return form.from && !UNSTORABLE.test(form.from) ? { values: {}, from: form.from } : undefined;
  return form;
}

const NOT_WAITING =
  'This change is no longer waiting for review (it was published, rejected or withdrawn meanwhile): nothing was changed. My work shows what became of it.';

/**
 * Files an editor's proposed record or change for review. Validates the payload with the form's
 * schema and every reference it makes; refuses a change to a record someone else changed (or
 * proposed a change to) since the editor loaded it. Nothing public changes until a reviewer publishes.
 */
/**
 * The schema's messages, and those the references of the fields that did pass it bring ("did you
 * mean Salesforce?"), so that a form is told everything at once rather than in two rounds.
 */
async function allFieldErrors(recordType: EditableType, options: SubmitOptions, error: z.ZodError): Promise<ChangeRejected> {
  const errors = fieldErrors(error);
  const payload = options.payload && typeof options.payload === 'object' ? (options.payload as Record<string, unknown>) : {};
  // The fields that passed, as the schema reads them (a country typed "us" is US), for the rules that
  // compare them with the record's: the raw text would be refused for its case.
  const shape = EDITABLE[recordType].shape as Record<string, z.ZodType | undefined>;
  const passed = Object.fromEntries(
    Object.entries(payload).flatMap(([field, value]) => {
      if (errors[field]) return [];
      const read = shape[field]?.safeParse(value);
      return [[field, read?.success ? read.data : value]];
    }),
  );
  const [more, waiting] = await Promise.all([
    referenceProblems(recordType, passed, { recordId: options.recordId, proposing: true }).catch(() => ({ errors: {}, choices: {} })),
    // A name like one a waiting change adds, said now too, not on the form's second sending.
    waitingWithLikeNames(recordType, options, passed).catch(() => ({}) as Record<string, string[]>),
  ]);
  for (const [field, messages] of Object.entries({ ...waiting, ...more.errors })) if (field in passed) errors[field] ??= messages;
  const choices = Object.fromEntries(Object.entries(more.choices).filter(([field]) => field in passed));
  return new ChangeRejected('Some fields need attention.', inFormOrder(recordType, errors), undefined, choices);
}

/** Field messages in the order the form asks for the fields, so that the list of problems reads down the form. */
function inFormOrder(recordType: EditableType, errors: Record<string, string[]>): Record<string, string[]> {
  const order = Object.keys(EDITABLE[recordType].shape);
  // A new citation's parts (citationTitle…) come where the form shows them, after the sources.
  const rank = (field: string) =>
    order.includes(field) ? order.indexOf(field) : field.startsWith('citation') ? order.indexOf('sources') + 0.5 : order.length;
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}

/** The records a new one's own form names, and what the form calls one. */
const NAMED_KINDS: Partial<Record<EditableType, 'company' | 'organization' | 'agency'>> = {
  COMPANY: 'company',
  ORGANIZATION: 'organization',
  AGENCY: 'agency',
};

/** A name a form would add to the record: its own record's, or a company or organisation an incident names. */
type NewName = { field: string; kind: 'company' | 'organization' | 'agency'; name: string; own: boolean };

/** The names this form would add and has not confirmed as new. */
function unconfirmedNewNames(recordType: EditableType, options: SubmitOptions, data: unknown): NewName[] {
  type Party = { newName?: unknown; confirmNew?: unknown };
  const typed = (data ?? {}) as { name?: unknown; confirmNew?: unknown; company?: Party; companies?: Party[]; organization?: Party; organizations?: Party[] };
  const kind = NAMED_KINDS[recordType];
  const names: NewName[] = [];
  if (kind && !options.recordId && typed.confirmNew !== true && typeof typed.name === 'string') {
    names.push({ field: 'name', kind, name: typed.name, own: true });
  }
  const party = (field: string, kind: 'company' | 'organization', value: Party | undefined) => {
    if (value && typeof value.newName === 'string' && value.confirmNew !== true) names.push({ field, kind, name: value.newName, own: false });
  };
  party('company', 'company', typed.company);
  for (const company of Array.isArray(typed.companies) ? typed.companies : []) party('companies', 'company', company);
  party('organization', 'organization', typed.organization);
  for (const organization of Array.isArray(typed.organizations) ? typed.organizations : []) party('organizations', 'organization', organization);
  return names;
}

/**
 * A new company, organisation or agency named like one that another change waiting for review adds,
 * with its own form or inside an incident ("AuditK Gadgets, Inc." while "AuditK Gadgets Inc" waits:
 * the same name once its legal form is set aside, or a trigram similarity of 0.6 or more): "did you
 * mean" reads only the published record, and both published would split the record until an admin
 * merged them. Asked until the editor confirms, as "did you mean" is. An incident naming a company
 * exactly as a waiting change does is not asked: publishing links it to the one published first.
 * Not the change being revised, nor one this very form sent a moment ago (the same payload: a
 * second sending files nothing new).
 */
async function waitingWithLikeNames(recordType: EditableType, options: SubmitOptions, data: unknown): Promise<Record<string, string[]>> {
  const candidates = unconfirmedNewNames(recordType, options, data);
  if (candidates.length === 0) return {};
  const names = candidates.map(({ name }) => name);
  // likeness[i]: the trigram similarity of the waiting name to the i-th candidate's.
  const waiting = await db.$queryRaw<{ kind: string; name: string; author_id: string; author: string; created_at: Date; likeness: number[] }[]>`
    SELECT n.kind, n.name, c.author_id, u.name AS author, c.created_at,
           ARRAY(SELECT similarity(lower(n.name), lower(typed)) FROM unnest(${names}::text[]) WITH ORDINALITY t(typed, i) ORDER BY i) AS likeness
    FROM change_requests c JOIN users u ON u.id = c.author_id
    CROSS JOIN LATERAL (
      SELECT lower(c.record_type::text), c.payload->>'name'
        WHERE c.record_type IN ('COMPANY', 'ORGANIZATION', 'AGENCY') AND c.record_id IS NULL AND jsonb_typeof(c.payload->'name') = 'string'
      UNION ALL
      SELECT 'company', c.payload->'company'->>'newName' WHERE jsonb_typeof(c.payload->'company'->'newName') = 'string'
      UNION ALL
      SELECT 'company', party->>'newName'
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c.payload->'companies') = 'array' THEN c.payload->'companies' ELSE '[]' END) party
        WHERE jsonb_typeof(party->'newName') = 'string'
      UNION ALL
      SELECT 'organization', c.payload->'organization'->>'newName' WHERE jsonb_typeof(c.payload->'organization'->'newName') = 'string'
      UNION ALL
      SELECT 'organization', party->>'newName'
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c.payload->'organizations') = 'array' THEN c.payload->'organizations' ELSE '[]' END) party
        WHERE jsonb_typeof(party->'newName') = 'string'
    ) n(kind, name)
    WHERE c.status = 'PENDING' AND c.id IS DISTINCT FROM ${options.changeId ?? null} AND c.payload <> ${JSON.stringify(data)}::jsonb
    ORDER BY c.created_at LIMIT 2000`;
  const errors: Record<string, string[]> = {};
  const asked = new Set<string>();
  for (const [index, { field, kind, name, own }] of candidates.entries()) {
    if (asked.has(`${field}:${nameKey(name)}`)) continue;
    const key = nameKey(withoutLegalForm(name));
    // The same name, by the key publishing links an incident's new company or organisation with.
    const same = (other: string) => (kind === 'company' ? nameKey(other) === nameKey(name) : other.toLowerCase() === name.toLowerCase());
    const like = [
      ...new Map(
        waiting
          .filter((row) => row.kind === kind && (own || !same(row.name)))
          .filter((row) => (row.likeness[index] ?? 0) >= 0.6 || nameKey(withoutLegalForm(row.name)) === key)
          .map((row) => [row.name, row]),
      ).values(),
    ].slice(0, 3);
    if (like.length === 0) continue;
    asked.add(`${field}:${nameKey(name)}`);
    const sent = like.map(
      (row) => `“${row.name}” (sent by ${row.author_id === options.user.id ? 'you' : row.author} on ${formatPreciseDate(row.created_at, 'DAY')})`,
    );
    const one = like.length === 1;
    const article = kind === 'agency' || kind === 'organization' ? 'an' : 'a';
    const instead = own
      ? `leave it to ${one ? 'that change' : 'the change that adds it'} rather than adding it again`
      : `write its name as ${one ? 'that change does' : 'one of them does'}, so that both are linked to one ${kind} once published`;
    (errors[field] ??= []).push(
      `${one ? 'A change' : 'Changes'} waiting for review also ${one ? 'adds' : 'add'} ${article} ${kind} named like ${own ? 'this' : `“${name}”`}: ${sent.join(' and ')}. If it is the same ${kind}, ${instead}, or confirm that “${name}” is a different ${kind}.`,
    );
  }
  return errors;
}

export async function submitChange(options: SubmitOptions): Promise<{ id: string }> {
  const { user, recordType } = options;
  if (!hasRole(user, 'EDITOR')) throw new NotAllowed();
  const schema = EDITABLE[recordType];
  if (!schema) throw new ChangeRejected('This kind of record cannot be edited here.');
  const parsed = schema.safeParse(options.payload);
  if (!parsed.success) throw await allFieldErrors(recordType, options, parsed.error);
  // Refused rather than cut: the note is the change's public reason once it is published.
  const noteProblem =
    options.note &&
    (options.note.trim().length > 2000
      ? `The note can be at most 2,000 characters (it has ${options.note.trim().length.toLocaleString('en-US')}): shorten it, or say the rest in the change itself.`
      : typedTextProblem('The note', options.note));
  if (noteProblem) throw new ChangeRejected('Some fields need attention.', { note: [noteProblem] });
  // A revision of one's own change decided meanwhile is said so first, with what became of it (its
  // record archived since, too): its record published, its own name would read as a duplicate of
  // it. (Checked again below, locked.)
  if (options.changeId && CUID.test(options.changeId)) {
    const change = await db.changeRequest.findUnique({ where: { id: options.changeId }, select: { status: true, authorId: true } });
    if (change?.authorId === user.id && change.status !== 'PENDING') throw await revisedTooLate(db, options.changeId);
  }
  // A record merged or archived since the form opened is said so next: checked against the record
  // it now is part of, its own name would read as a duplicate of itself. (Checked again below, locked.)
  if (options.recordId) {
    const state = await currentState(db, recordType, options.recordId);
    if (state && !state.live) throw new ChangeRejected(await notLive(db, recordType, options.recordId));
  }
  const references = await referenceProblems(recordType, parsed.data, { recordId: options.recordId, proposing: true });
  if (Object.keys(references.errors).length) {
    throw new ChangeRejected('Some fields need attention.', inFormOrder(recordType, references.errors), undefined, references.choices);
  }
  const waiting = await waitingWithLikeNames(recordType, options, parsed.data);
  if (Object.keys(waiting).length) throw new ChangeRejected('Some fields need attention.', inFormOrder(recordType, waiting));

  return db.$transaction(async (tx) => {
    // A revision keeps what its change was sent again from (whatever the form says); a new change
    // sent again from another claims it.
    const form = storableForm(options.form);
    // A form sent twice files one change: checked first, since the first sending made the claims below.
    if (!options.changeId) {
      const same = await sameChangeJustSent(tx, user, recordType, options.recordId ?? null, parsed.data as Prisma.InputJsonValue);
      if (same) return same;
    }
    const own = options.changeId
      ? await lockOwnPending(tx, options.changeId, user, recordType, options.recordId ?? null, {
          seen: options.changeSeen,
          payload: parsed.data as Prisma.InputJsonValue,
        })
      : undefined;
    // The same revision sent twice (a double click where no script holds the button) is saved once.
    if (own?.alreadySaved) return { id: options.changeId as string };
    const from = options.changeId ? own?.from : form?.from;
    if (from && !options.changeId) await claimToSendAgain(tx, from, user, recordType, options.recordId ?? null);
    // Two saves to one record (two tabs, two people) are checked one after the other, so that
    // neither slips past the other's pending change.
    if (options.recordId) await lockRecords(tx, [recordType, options.recordId]);
    if (options.recordId) {
      const state = await currentState(tx, recordType, options.recordId);
      if (!state) throw new ChangeRejected('This record does not exist (any more).');
      if (!state.live) throw new ChangeRejected(await notLive(tx, recordType, options.recordId));
      await refuseIfStale(tx, recordType, options.recordId, state.version, options.baseVersion, user);
      if (!options.changeId) await refuseSecondOwn(tx, recordType, options.recordId, user.id);
      if (isStateful(recordType) && (await proposedDiff(recordType, options.recordId, parsed.data, tx)).length === 0) {
        throw new ChangeRejected(
          'Nothing would change: every field holds what the record says now. Change what is wrong, then send it.',
        );
      }
    }
    const proposal = {
      baseVersion: options.baseVersion ?? null,
      payload: parsed.data as Prisma.InputJsonValue,
      note: options.note?.trim() || null,
      form: form
        ? ({ values: form.values, opened: form.opened, from } as unknown as Prisma.InputJsonValue)
        : from
          ? ({ values: {}, from } as unknown as Prisma.InputJsonValue)
          : Prisma.DbNull,
    };
    if (options.changeId) {
      // Revised in place: it keeps its place in the queue; the reviewer's page says it was revised.
      await tx.changeRequest.update({ where: { id: options.changeId }, data: { ...proposal, revisedAt: new Date() } });
      return { id: options.changeId };
    }
    return tx.changeRequest.create({
      data: { ...proposal, recordType: recordType as RecordType, recordId: options.recordId ?? null, authorId: user.id },
      select: { id: true },
    });
  });
}

/** How long a change sent again, exactly as it was, is taken for the same sending. */
const RESENT_WITHIN_MS = 2 * 60_000;

/**
 * A form sent twice (a double click where no script holds the button, a reload that posts again)
 * files one change: when the author's latest change, sent moments ago and still waiting, is of this
 * kind, to the same record (or a new one), with the same fields, this is that sending. The author's
 * sendings are taken one after the other. A new record sent again later, whatever became of the
 * first (a form sent again from the browser's history once it was published), is `sameNewRecord`'s.
 */
async function sameChangeJustSent(
  tx: Prisma.TransactionClient,
  user: SessionUser,
  recordType: EditableType,
  recordId: string | null,
  payload: Prisma.InputJsonValue,
): Promise<{ id: string } | null> {
  await lockRecords(tx, ['SENT_BY', user.id]);
  if (recordId === null) return sameNewRecord(tx, user, recordType, payload);
  // A second sending follows its first: only the author's latest change is compared, one row read
  // through the (author, time) index, however much the author has sent.
  const [same] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM (
      SELECT id, record_type, record_id, status, payload FROM change_requests
      WHERE author_id = ${user.id} AND created_at >= ${new Date(Date.now() - RESENT_WITHIN_MS)}
      ORDER BY created_at DESC LIMIT 1
    ) latest
    WHERE record_type = ${recordType}::"RecordType" AND record_id IS NOT DISTINCT FROM ${recordId}
      AND status = 'PENDING' AND payload = ${JSON.stringify(payload)}::jsonb`;
  return same ?? null;
}

/**
 * A new record the author sent before with the same fields, however long ago: the same sending,
 * while it waits (one change, not two); refused, saying so, once it was published and while its
 * record is public (a second copy would put the same incident on the record twice). One rejected
 * or withdrawn is the author's to send again (a rejection may have been for something the fields
 * do not hold), and so is one whose record was archived since. (A change for a new record has no
 * base version: every change to a record has one.)
 */
async function sameNewRecord(
  tx: Prisma.TransactionClient,
  user: SessionUser,
  recordType: EditableType,
  payload: Prisma.InputJsonValue,
): Promise<{ id: string } | null> {
  const sent = await tx.$queryRaw<{ id: string; status: string; record_id: string | null; created_at: Date }[]>`
    SELECT id, status::text, record_id, created_at FROM change_requests
    WHERE author_id = ${user.id} AND record_type = ${recordType}::"RecordType" AND base_version IS NULL
      AND status IN ('PENDING', 'PUBLISHED') AND payload = ${JSON.stringify(payload)}::jsonb
    ORDER BY created_at DESC`;
  for (const same of sent) {
    if (same.status === 'PENDING') return { id: same.id };
    if (same.record_id === null || !(await currentState(tx, recordType, same.record_id))?.live) continue;
    throw new ChangeRejected(
      `You sent this same ${(CHANGE_TYPE_LABEL[recordType] ?? 'record').toLowerCase()} on ${formatDateTime(same.created_at)}, and it was published: nothing was sent again. To change it, propose a correction of the published record.`,
      {},
      undefined,
      {},
      { href: `/editor/changes/${same.id}`, text: 'Open the change you sent' },
    );
  }
  return null;
}

/**
 * One of the editor's own changes, its row locked until the transaction ends (so that no reviewer
 * decides it, nor another tab sends it, meanwhile): refused when it is someone else's or none.
 */
async function lockOwnChange(tx: Prisma.TransactionClient, changeId: string, user: SessionUser) {
  if (!CUID.test(changeId)) throw new ChangeRejected(NOT_YOURS);
  const [change] = await tx.$queryRaw<
    { author_id: string; status: string; record_type: string; record_id: string | null; from: string | null; last_sent: Date }[]
  >`
    SELECT author_id, status, record_type::text, record_id, form->>'from' AS "from",
      coalesce(revised_at, created_at) AS last_sent
    FROM change_requests WHERE id = ${changeId} FOR UPDATE`;
  if (!change || change.author_id !== user.id) throw new ChangeRejected(NOT_YOURS);
  return change;
}

/** A form reopened from one change and sent with another record's kind or id is refused. */
function refuseOtherRecord(change: { record_type: string; record_id: string | null }, recordType: EditableType, recordId: string | null) {
  if (change.record_type !== recordType || change.record_id !== recordId) {
    throw new ChangeRejected('This form belongs to another change: open the change again from My work.');
  }
}

/**
 * The editor's own change, locked for the revision: refused when it is no longer waiting or about
 * another record, or revised since the form showed it (`seen`) unless that revision is this one
 * (`alreadySaved`: the same form sent twice). Returns the change it was sent again from, if any.
 */
async function lockOwnPending(
  tx: Prisma.TransactionClient,
  changeId: string,
  user: SessionUser,
  recordType: EditableType,
  recordId: string | null,
  { seen, payload }: { seen: string | undefined; payload: Prisma.InputJsonValue },
): Promise<{ from: string | undefined; alreadySaved: boolean }> {
  const change = await lockOwnChange(tx, changeId, user);
  if (change.status !== 'PENDING') throw await revisedTooLate(tx, changeId);
  refuseOtherRecord(change, recordType, recordId);
  if (seen !== undefined && change.last_sent.toISOString() !== seen) {
    const [same] = await tx.$queryRaw<{ same: boolean }[]>`
      SELECT payload = ${JSON.stringify(payload)}::jsonb AS same FROM change_requests WHERE id = ${changeId}`;
    if (same?.same) return { from: change.from ?? undefined, alreadySaved: true };
    throw new ChangeRejected(
      'You saved another revision of this change since this form opened (in another tab or window): nothing was saved, and what you typed is still here. Open the change again from My work to see that revision, then make your changes to it.',
    );
  }
  return { from: change.from ?? undefined, alreadySaved: false };
}

/**
 * A rejected or withdrawn change of one's own, sent again: once only (a second sending would put
 * the same proposal in the queue twice).
 */
async function claimToSendAgain(
  tx: Prisma.TransactionClient,
  from: string,
  user: SessionUser,
  recordType: EditableType,
  recordId: string | null,
) {
  const change = await lockOwnChange(tx, from, user);
  refuseOtherRecord(change, recordType, recordId);
  if (change.status !== 'REJECTED' && change.status !== 'WITHDRAWN') {
    throw new ChangeRejected('Only a rejected or withdrawn change is sent again.');
  }
  if (await sentAgainAs(tx, user.id, from)) {
    throw new ChangeRejected('You have sent this change again already: My work shows the newer one.');
  }
}

/** The change of an editor's that sends `changeId` again, if there is one (`form.from`). */
export async function sentAgainAs(
  client: Prisma.TransactionClient | typeof db,
  authorId: string,
  changeId: string,
): Promise<string | null> {
  const again = await client.changeRequest.findFirst({
    where: { authorId, form: { path: ['from'], equals: changeId } },
    select: { id: true },
  });
  return again?.id ?? null;
}

/**
 * A revision of one's own change that a decision (or a withdrawal in another tab) overtook: what
 * became of the change, that what was typed is still in the form, and where to take it. Published,
 * the change is the record now, as it stood before this revision: the revision is made again as a
 * correction of the record. Rejected or withdrawn, it is made again in the change put right.
 */
async function revisedTooLate(tx: Db, changeId: string): Promise<ChangeRejected> {
  const change = await tx.changeRequest.findUniqueOrThrow({
    where: { id: changeId },
    select: { status: true, recordType: true, recordId: true, decisionNote: true, reviewer: { select: { name: true } } },
  });
  const by = change.reviewer?.name ?? 'A reviewer';
  const kept = 'nothing was saved, and what you typed is still here';
  const note = change.decisionNote ? ` (\u201c${change.decisionNote}\u201d)` : '';
  const refusal = (message: string, next: NextStep = { href: `/editor/changes/${changeId}`, text: 'Open the change as it is now' }) =>
    new ChangeRejected(message, {}, undefined, {}, next);
  // Its record archived or merged away since: nothing can be proposed on it any more (an archive or
  // a merge declines the changes waiting on it, as rejected, with its reason).
  if (change.recordId !== null && !(await currentState(tx, change.recordType, change.recordId))?.live) {
    return refusal(
      `This change was declined meanwhile${note || ': its record was archived or merged into another'}. Nothing was saved, and what you typed is still here: copy what still holds, to propose it where the record’s contents went.`,
    );
  }
  switch (change.status) {
    case 'PUBLISHED': {
      const correction = change.recordId ? await correctionPath(tx, change.recordType, change.recordId) : null;
      return refusal(
        `${by} published this change meanwhile, as it stood before this revision: ${kept}. To propose what you changed, make the same changes in a correction of the published record.`,
        correction ? { href: correction, text: 'Open the correction form of the published record' } : undefined,
      );
    }
    case 'REJECTED':
      return refusal(`${by} rejected this change meanwhile${note}: ${kept}. Put it right from its page, making the same changes there, and send it again.`);
    default:
      return refusal(
        `This change was withdrawn meanwhile (in another tab or window): ${kept}. Send it again from its page, making the same changes there.`,
      );
  }
}

/** Where an editor proposes a correction of a record: its page's address under /editor (a company by its slug). */
async function correctionPath(tx: Db, recordType: RecordType, recordId: string): Promise<string | null> {
  const bySlug = { where: { id: recordId }, select: { slug: true } } as const;
  const slugged = (row: { slug: string } | null, segment: string) => (row ? `/editor/${segment}/${row.slug}` : null);
  switch (recordType) {
    case 'COMPANY':
      return slugged(await tx.company.findUnique(bySlug), 'companies');
    case 'AGENCY':
      return slugged(await tx.agency.findUnique(bySlug), 'agencies');
    case 'ORGANIZATION':
      return slugged(await tx.organization.findUnique(bySlug), 'organizations');
    case 'CONTRACT':
      return `/editor/contracts/${recordId}`;
    case 'EMPLOYEE_ACTION':
      return `/editor/actions/${recordId}`;
    case 'DONATION_RESPONSE':
      return `/editor/donations/${recordId}`;
    case 'COMPANY_STATEMENT':
      return `/editor/statements/${recordId}`;
    default:
      return null;
  }
}

/** One change of one's own per record at a time: a reviewer could publish only one of two. */
async function refuseSecondOwn(tx: Prisma.TransactionClient, recordType: EditableType, recordId: string, userId: string) {
  const mine = await tx.changeRequest.findFirst({
    where: { recordType: recordType as RecordType, recordId, status: 'PENDING', authorId: userId },
    select: { id: true },
  });
  if (mine) {
    throw new ChangeRejected(
      'You already have a change to this record waiting for review. Revise that one rather than send a second: a reviewer could publish only one of them.',
      {},
      undefined,
      {},
      { href: `/editor/changes/${mine.id}`, text: 'Open your change waiting for review' },
    );
  }
}

/** An editor takes back their own change while it waits for review. */
export async function withdrawChange({
  user,
  changeId,
}: {
  user: SessionUser;
  changeId: string;
}): Promise<{ recordType: RecordType; recordId: string | null }> {
  if (!hasRole(user, 'EDITOR')) throw new NotAllowed();
  if (!CUID.test(changeId)) throw new ChangeRejected(NOT_YOURS);
  const [withdrawn] = await db.changeRequest.updateManyAndReturn({
    where: { id: changeId, authorId: user.id, status: 'PENDING' },
    data: { status: 'WITHDRAWN', decidedAt: new Date() },
    select: { recordType: true, recordId: true },
  });
  if (!withdrawn) {
    const exists = await db.changeRequest.count({ where: { id: changeId, authorId: user.id } });
    throw new ChangeRejected(exists ? NOT_WAITING : NOT_YOURS);
  }
  return withdrawn;
}

async function refuseIfStale(
  tx: Prisma.TransactionClient,
  recordType: EditableType,
  recordId: string,
  version: number,
  baseVersion: number | undefined,
  user: SessionUser,
  { pending = true }: { pending?: boolean } = {},
) {
  if (baseVersion === undefined || baseVersion !== version) {
    const latest = await tx.revision.findFirst({
      where: { recordType: recordType as RecordType, recordId },
      orderBy: { createdAt: 'desc' },
      select: { kind: true, createdAt: true, reason: true, actor: true, userId: true, user: { select: { name: true } }, before: true, after: true },
    });
    // A published change is its author's: the form tells the editor who changed each field, and the
    // reviewer who published it (the revision's user) did not. Publishes of a record take its lock,
    // so the latest one decided is the latest PUBLISH revision's.
    const author =
      latest?.kind === 'PUBLISH'
        ? await tx.changeRequest.findFirst({
            where: { recordType: recordType as RecordType, recordId, status: 'PUBLISHED' },
            orderBy: { decidedAt: 'desc' },
            select: { authorId: true, author: { select: { name: true } } },
          })
        : null;
    // The person's own other change, published since they opened this one (a rejected change reopened):
    // said as theirs, not as someone's. Only when it is the one version since: with more, some of
    // what the form is merged with may be another person's.
    const own =
      latest !== null &&
      baseVersion !== undefined &&
      version === baseVersion + 1 &&
      (author ? author.authorId : latest.userId) === user.id;
    // Who, and what they did, as the person knows them: a reviewer's restore is said as one. "After
    // you began this change": a change revised later was begun on the version it was sent on.
    const who = author?.author.name ?? latest?.user?.name ?? (latest?.actor?.startsWith('import:') ? 'An import' : 'Someone');
    const did = latest?.kind === 'REVERT' ? 'restored an earlier version of this record' : 'changed this record';
    // The changes before the latest since the form's version (each change is a version): the form
    // is merged with the record as they all left it, not with the latest's fields alone.
    const earlier = baseVersion !== undefined && version > baseVersion + 1 ? version - baseVersion - 1 : 0;
    const since = earlier ? `, the last of ${earlier + 1} changes since then` : '';
    throw new ChangeRejected(
      pending
        ? own
          ? 'A change of yours to this record was published after you opened this form. Your text is kept below: compare it with the published version, then save again to propose this text in its place.'
          : `${who} ${did} after you began this change${since}. Your text is kept below: compare it with ${earlier ? 'the record as it is now' : 'their version'}, then save again to propose yours in its place.`
        : // A reviewer's step on the history page (restore, archive, bring back), which then shows the record as it is now.
          'Someone changed this record after this page was opened: nothing was done. The page now shows the record as it is: read its latest version, then try again if you still mean to.',
      {},
      latest
        ? {
            by: author?.author.name ?? latest.user?.name ?? latest.actor ?? 'someone',
            at: latest.createdAt,
            summary: [latest.reason, describeChanges(await revisionChanges(recordType as RecordType, latest.before, latest.after, tx))]
              .filter(Boolean)
              .join('\n'),
            version,
            own,
            ...(earlier ? { earlier } : {}),
          }
        : { by: 'someone', at: new Date(), summary: '', version },
    );
  }
  if (!pending) return;
  const waiting = await tx.changeRequest.findFirst({
    where: { recordType: recordType as RecordType, recordId, status: 'PENDING', authorId: { not: user.id } },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true, author: { select: { name: true } }, payload: true },
  });
  if (waiting) {
    // What another editor proposed is theirs until it is published: reviewers read it, an editor
    // learns which fields it changes.
    const lines = await proposedDiff(recordType as RecordType, recordId, waiting.payload as Record<string, unknown>, tx);
    throw new ChangeRejected(
      `${waiting.author.name} has already proposed a change to this record, still waiting for review. Your text is kept below.`,
      {},
      {
        by: waiting.author.name,
        at: waiting.createdAt,
        summary: hasRole(user, 'REVIEWER')
          ? describeChanges(lines)
          : `It changes: ${lines.map((line) => fieldLabel(line.field)).join(', ') || 'nothing'}.`,
      },
    );
  }
}

/**
 * A reviewer publishes a pending change: the record is created or updated in one transaction,
 * its revision kept (before and after), and the cache tags of every page it touches returned
 * for the caller to refresh. Nobody publishes their own change.
 */
export async function publishChange({
  user,
  changeId,
  seen,
}: {
  user: SessionUser;
  changeId: string;
  /** The change as the reviewer saw it: when its author last revised it ('' for never), see `claimPending`. */
  seen?: string;
}): Promise<{ recordType: EditableType; recordId: string; tags: string[] }> {
  if (!hasRole(user, 'REVIEWER')) throw new NotAllowed('Only reviewers publish.');
  return db.$transaction(async (tx) => {
    const change = await claimPending(tx, changeId, user, seen);
    const recordType = change.recordType as EditableType;
    await lockRecord(tx, recordType, change.recordId, change.payload);
    // The payload was validated and normalised by the form's schema when it was submitted; a
    // company or organisation merged since is named by the one it was merged into (locked in turn,
    // and followed again, should that one be merging at this moment).
    const followed = await followMerges(tx, change.payload);
    await lockRecords(tx, ...partiesNamed(followed));
    await holdCitedContracts(tx, followed);
    const payload = await followMerges(tx, followed);
    const referenceErrors = await checkReferences(recordType, payload, { client: tx, recordId: change.recordId, publishing: true });
    if (Object.keys(referenceErrors).length) {
      const problems = Object.values(referenceErrors).flat().join(' ');
      throw new ChangeRejected(`This change cannot be published as it stands: ${problems} Reject it with a note saying what to put right.`, referenceErrors);
    }
    if (change.recordId) {
      const state = await currentState(tx, recordType, change.recordId);
      if (state && !state.live) throw new ChangeRejected(`${NOT_LIVE} Reject this change with a note.`);
      if (!state || state.version !== change.baseVersion) {
        throw new ChangeRejected('The record changed after this was proposed; reject it so the editor can redo it on the current version.');
      }
    }
    const before = change.recordId ? await readState(tx, recordType, change.recordId) : null;
    const applied = await APPLY[recordType](tx, change.recordId, payload, { userId: change.authorId, reviewerId: user.id });
    const after = await readState(tx, recordType, applied.recordId);
    await tx.revision.create({
      data: revisionRow({
        recordType: change.recordType,
        recordId: applied.recordId,
        kind: 'PUBLISH',
        userId: user.id,
        reason: `Published the change proposed by ${change.author.name}${change.note ? `: ${change.note}` : ''}`,
        before: before ?? undefined,
        after,
      }),
    });
    await tx.changeRequest.update({
      where: { id: change.id },
      data: { status: 'PUBLISHED', recordId: applied.recordId, reviewerId: user.id, decidedAt: new Date() },
    });
    return { recordType, recordId: applied.recordId, tags: tagsOf(applied) };
  });
}

/** A reviewer rejects a pending change with a reason the editor sees. */
export async function rejectChange({
  user,
  changeId,
  reason,
  seen,
}: {
  user: SessionUser;
  changeId: string;
  reason: string;
  seen?: string;
}): Promise<void> {
  if (!hasRole(user, 'REVIEWER')) throw new NotAllowed('Only reviewers reject.');
  const note = reasonGiven(reason, 'Say why, so the editor can put it right.');
  await db.$transaction(async (tx) => {
    const change = await claimPending(tx, changeId, user, seen);
    await tx.changeRequest.update({
      where: { id: change.id },
      data: { status: 'REJECTED', reviewerId: user.id, decisionNote: note, decidedAt: new Date() },
    });
  });
}

/**
 * Locks the record (and, for an agency, the hierarchy its parent is checked against; with a
 * payload, the companies and organisations it names) and then its row, so that the version read
 * next is the latest committed one.
 */
async function lockRecord(tx: Prisma.TransactionClient, recordType: string, recordId: string | null, payload?: unknown) {
  // A write holding these for long (an import) makes this one give up with a message to try again,
  // well before the transaction's own time limit would end it with an error page.
  await tx.$executeRaw`SET LOCAL lock_timeout = '2s'`;
  const keys: [string, string][] = recordId ? [[recordType, recordId]] : [];
  if (recordType === 'AGENCY') keys.push(AGENCY_HIERARCHY);
  if (payload) keys.push(...partiesNamed(payload));
  await lockRecords(tx, ...keys);
  if (recordId) await lockRow(tx, recordType, recordId);
}

/**
 * The contracts a record cites, held as rows until the transaction ends, after every other lock
 * (a merge holding a company's lock may be moving them): a USAspending import moving one to
 * another company holds its row, not the contract's lock, from before it checks the records
 * citing it until it ends. Not waited for (NOWAIT): the publish is refused at once as a clash to
 * send again, so that an import, which takes its contracts in batches, never waits on a publish
 * that waits on it. Sent again once the import is done, it reads where the contract went.
 */
async function holdCitedContracts(tx: Prisma.TransactionClient, payload: unknown): Promise<void> {
  const contracts = partiesNamed(payload)
    .filter(([type]) => type === 'CONTRACT')
    .map(([, id]) => id);
  if (contracts.length > 0) {
    await tx.$queryRaw`SELECT id FROM government_contracts WHERE id = ANY(${contracts}) ORDER BY id FOR SHARE NOWAIT`;
  }
}

/**
 * Locks a pending change for a decision: two reviewers cannot decide it at once, nor its author
 * revise it meanwhile. `seen`, when given, is its revision time as the reviewer's page showed it:
 * a change revised since is not decided unseen.
 */
/**
 * Why a change can no longer be decided: what became of it, and who decided. A second reviewer who
 * had it open learns that someone else published or rejected it, not only that it is not waiting.
 */
async function decidedMeanwhile(tx: Prisma.TransactionClient, changeId: string): Promise<string> {
  const change = await tx.changeRequest.findUnique({
    where: { id: changeId },
    select: { status: true, decisionNote: true, reviewer: { select: { name: true } } },
  });
  const by = change?.reviewer?.name;
  switch (change?.status) {
    case 'PUBLISHED':
      return `This change is no longer waiting for review: ${by ?? 'another reviewer'} published it meanwhile.`;
    case 'REJECTED':
      return `This change is no longer waiting for review: ${by ?? 'another reviewer'} rejected it meanwhile${change.decisionNote ? ` (\u201c${change.decisionNote}\u201d)` : ''}.`;
    case 'WITHDRAWN':
      return 'This change is no longer waiting for review: its author withdrew it meanwhile.';
    default:
      return 'This change is no longer waiting for review.';
  }
}

async function claimPending(tx: Prisma.TransactionClient, changeId: string, user: SessionUser, seen?: string) {
  // The review page sends the change's id; anything else names no change (and could not be looked up).
  if (!CUID.test(changeId)) throw new ChangeRejected('There is no such change waiting for review.');
  const locked = await tx.$queryRaw<{ id: string; revised_at: Date | null }[]>`
    SELECT id, revised_at FROM change_requests WHERE id = ${changeId} AND status = 'PENDING' FOR UPDATE`;
  // A decision sent again (a page kept open, the back button) is said to have done nothing.
  if (locked.length === 0) throw new ChangeRejected(`${await decidedMeanwhile(tx, changeId)} Nothing was changed.`);
  if (seen !== undefined && (locked[0]!.revised_at?.toISOString() ?? '') !== seen) {
    throw new ChangeRejected('Its author revised this change while you were reading it: nothing was decided. Read it again.');
  }
  const change = await tx.changeRequest.findUniqueOrThrow({
    where: { id: changeId },
    select: { id: true, recordType: true, recordId: true, baseVersion: true, payload: true, note: true, authorId: true, author: { select: { name: true } } },
  });
  if (change.authorId === user.id) throw new NotAllowed('Someone else must review your own change.');
  return change;
}

export interface RevertOptions {
  user: SessionUser;
  /** The revision that holds the version to restore, and which side of it: the state before or after that change. */
  revisionId: string;
  side: 'before' | 'after';
  /** The version the reviewer saw as current. */
  baseVersion: number;
  reason: string;
}

/**
 * A reviewer restores an earlier version of a record: the version kept in a revision is checked
 * against the form's schema and the records it refers to, then applied like a published change,
 * with a REVERT revision (why, before, after). Refused when the record changed since the reviewer
 * looked, or when the version refers to something that no longer exists.
 */
export async function revertRecord(options: RevertOptions): Promise<{ recordType: EditableType; recordId: string; version: number; tags: string[] }> {
  const { user } = options;
  if (!hasRole(user, 'REVIEWER')) throw new NotAllowed('Only reviewers restore earlier versions.');
  const reason = reasonGiven(options.reason, HISTORY_REASON_MISSING);
  if (!CUID.test(options.revisionId) || (options.side !== 'before' && options.side !== 'after')) throw new ChangeRejected('There is no such version.');
  const revision = await db.revision.findUnique({
    where: { id: options.revisionId },
    select: { recordType: true, recordId: true, before: true, after: true, createdAt: true },
  });
  const kept = revision?.[options.side];
  const recordType = revision?.recordType as EditableType | undefined;
  if (!revision || !recordType || !(recordType in EDITABLE) || !isRecordState(kept)) {
    throw new ChangeRejected('This version cannot be restored: the history does not hold all of its fields.');
  }
  // The sources a merge since brought in stay, as the names it brought in do (restoreOtherNames).
  const target = await withMergedSources(recordType, revision.recordId, revision.createdAt, kept);
  // A company's form only adds other names: the version's own are restored after it (restoreOtherNames).
  const otherNames =
    recordType === 'COMPANY' && Array.isArray(target.fields.aliases)
      ? target.fields.aliases.filter((name): name is string => typeof name === 'string')
      : null;
  const parsed = EDITABLE[recordType].safeParse(otherNames ? { ...target.fields, aliases: [] } : target.fields);
  if (!parsed.success) {
    const problems = Object.entries(fieldErrors(parsed.error)).map(([field, messages]) => `${field}: ${messages.join(' ')}`);
    throw new ChangeRejected(`This version no longer passes the form's checks (${problems.join('; ')}). Propose a correction instead.`);
  }
  return db.$transaction(async (tx) => {
    // Lock the record's revisions against a concurrent publish or revert of the same record.
    await lockRecord(tx, recordType, revision.recordId, parsed.data);
    await holdCitedContracts(tx, parsed.data);
    const current = await readState(tx, recordType, revision.recordId);
    if (!current) throw new ChangeRejected('This record does not exist (any more).');
    if (!(await currentState(tx, recordType, revision.recordId))?.live) throw new ChangeRejected(NOT_LIVE);
    // A change still waiting for review stays there: publishing it later is refused as stale.
    await refuseIfStale(tx, recordType, revision.recordId, current.version, options.baseVersion, user, { pending: false });
    if (sameFields(current.fields, asRestored(recordType, target.fields, current.fields))) {
      throw new ChangeRejected(`The record is already as it was in version ${target.version}.`);
    }
    await refuseMergedSince(tx, parsed.data);
    const referenceErrors = await checkReferences(recordType, parsed.data, { client: tx, recordId: revision.recordId });
    if (Object.keys(referenceErrors).length) {
      const problems = Object.values(referenceErrors).flat().join(' ');
      throw new ChangeRejected(`This version refers to records that have changed since: ${problems}`);
    }
    const applied = await APPLY[recordType](tx, revision.recordId, parsed.data, { userId: user.id, reviewerId: user.id });
    if (otherNames) await restoreOtherNames(tx, applied.recordId, options, otherNames);
    const after = (await readState(tx, recordType, applied.recordId)) as RecordState;
    // What a merge did since (a term or a company of the version now part of another, the names and
    // sources it brought in) can leave nothing to bring back: no step that changes nothing is written
    // (the transaction, the version's increment with it, is undone).
    if (sameFields(current.fields, after.fields)) {
      throw new ChangeRejected(
        `The record is already as it was in version ${target.version}, but for what merges since have joined together.`,
      );
    }
    await tx.revision.create({
      data: revisionRow({
        recordType: recordType as RecordType,
        recordId: applied.recordId,
        kind: 'REVERT',
        userId: user.id,
        reason: `Restored version ${target.version}: ${reason}`,
        before: current,
        after,
      }),
    });
    return { recordType, recordId: applied.recordId, version: after.version, tags: tagsOf(applied) };
  });
}

/**
 * A company's or organisation's version with the sources of the records merged into it after that
 * version (the duplicate keeps its own links): restoring it does not take away what a merge moved in.
 */
async function withMergedSources(recordType: EditableType, recordId: string, since: Date, version: RecordState): Promise<RecordState> {
  if (recordType !== 'COMPANY' && recordType !== 'ORGANIZATION') return version;
  const merges = await db.revision.findMany({
    where: { recordType, recordId, kind: 'MERGE', createdAt: { gt: since } },
    select: { after: true },
  });
  const merged = merges.flatMap((merge) => {
    const from = (merge.after as { mergedFrom?: unknown } | null)?.mergedFrom;
    return typeof from === 'string' ? [from] : [];
  });
  if (merged.length === 0) return version;
  const links =
    recordType === 'COMPANY'
      ? await db.companySource.findMany({ where: { companyId: { in: merged } }, select: { sourceId: true } })
      : await db.organizationSource.findMany({ where: { organizationId: { in: merged } }, select: { sourceId: true } });
  const had = Array.isArray(version.fields.sources) ? (version.fields.sources as { sourceId?: unknown }[]) : [];
  const ids = new Set(had.flatMap((source) => (typeof source.sourceId === 'string' ? [source.sourceId] : [])));
  for (const link of links) ids.add(link.sourceId);
  // In the record's own order (by id), so an unchanged list compares equal.
  return { ...version, fields: { ...version.fields, sources: [...ids].sort().map((sourceId) => ({ sourceId })) } };
}

/**
 * A company's other names as a restored version had them: the names that the published changes
 * since that version added through the form are taken away, and the names it had are there again.
 * Nothing else is taken away: a name it had as its name since (a former name stays a name it is
 * known by), the names a merge brought in and those an import added (no change of the form added
 * them), whatever the version says.
 */
async function restoreOtherNames(
  tx: Prisma.TransactionClient,
  companyId: string,
  from: { revisionId: string; side: 'before' | 'after' },
  names: string[],
) {
  const revisions = await tx.revision.findMany({
    where: { recordType: 'COMPANY', recordId: companyId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, before: true, after: true },
  });
  const at = revisions.findIndex((revision) => revision.id === from.revisionId);
  const since = revisions.slice(from.side === 'before' ? at : at + 1);
  const added = new Set<string>();
  const named = new Set<string>();
  for (const revision of since) {
    const [before, after] = [revision.before, revision.after].map((state) => (isRecordState(state) ? state.fields : null));
    for (const fields of [before, after]) if (typeof fields?.name === 'string') named.add(nameKey(fields.name));
    if (!Array.isArray(before?.aliases) || !Array.isArray(after?.aliases)) continue;
    const had = new Set(before.aliases.map((name) => nameKey(String(name))));
    for (const name of after.aliases) if (!had.has(nameKey(String(name)))) added.add(nameKey(String(name)));
  }
  const company = await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { name: true } });
  const kept = new Set([...names, company.name].map(nameKey));
  const taken = [...added].filter((key) => key && !kept.has(key) && !named.has(key));
  if (taken.length) await tx.companyAlias.deleteMany({ where: { companyId, key: { in: taken } } });
  const missing = names.map((name) => ({ companyId, name, key: nameKey(name) })).filter((alias) => alias.key);
  // A name another company has taken since stays that company's.
  await tx.companyAlias.createMany({ data: missing, skipDuplicates: true });
}

/**
 * Refuses to restore a version that names a company or organisation merged into another since
 * (its links moved to the survivor), saying where it went: the form's own message ("choose a
 * company from the list") would not say why.
 */
async function refuseMergedSince(tx: Prisma.TransactionClient, version: object): Promise<void> {
  const [message] = await mergedSinceMessages(tx, [version]);
  if (message) throw new ChangeRejected(message);
}

/**
 * For each version (its fields), why it cannot be restored because it names a company or
 * organisation merged into another since, or null: the refusal of a restore, and what the history
 * page says in place of its button. Four queries at most, however many versions.
 */
export async function mergedSinceMessages(
  client: Prisma.TransactionClient | typeof db,
  versions: object[],
): Promise<(string | null)[]> {
  const idOf = (party: unknown) =>
    party && typeof party === 'object' && 'id' in party && typeof party.id === 'string' ? [party.id] : [];
  const named = versions.map((version) => {
    const fields = version as { company?: unknown; companies?: unknown[]; organization?: unknown; organizations?: unknown[]; parent?: unknown };
    return {
      // A company's version names its parent too.
      companies: [
        ...idOf(fields.company),
        ...idOf(fields.parent),
        ...(Array.isArray(fields.companies) ? fields.companies : []).flatMap(idOf),
      ],
      organizations: [
        ...idOf(fields.organization),
        ...(Array.isArray(fields.organizations) ? fields.organizations : []).flatMap(idOf),
      ],
    };
  });
  const select = { id: true, name: true } as const;
  /** The records among `ids` merged since, by id: its name and the survivor's it ended in (merges of merged ones followed). */
  const mergedOf = async (
    table: 'companies' | 'organizations',
    ids: string[],
    namesOf: (ids: string[]) => Promise<{ id: string; name: string }[]>,
  ) => {
    const survivorOf = await survivors(client, table, [...new Set(ids)]);
    if (survivorOf.size === 0) return new Map<string, { name: string; into: string }>();
    const name = new Map((await namesOf([...survivorOf.keys(), ...survivorOf.values()])).map((row) => [row.id, row.name]));
    return new Map(
      [...survivorOf].map(([id, survivor]) => [
        id,
        { name: name.get(id) ?? 'a record', into: name.get(survivor) ?? 'another record' },
      ]),
    );
  };
  const [companies, organizations] = await Promise.all([
    mergedOf(
      'companies',
      named.flatMap((version) => version.companies),
      (ids) => client.company.findMany({ where: { id: { in: ids } }, select }),
    ),
    mergedOf(
      'organizations',
      named.flatMap((version) => version.organizations),
      (ids) => client.organization.findMany({ where: { id: { in: ids } }, select }),
    ),
  ]);
  return named.map((version) => {
    const merged = [
      ...version.companies.flatMap((id) => companies.get(id) ?? []),
      ...version.organizations.flatMap((id) => organizations.get(id) ?? []),
    ];
    if (!merged.length) return null;
    const intoNames = [...new Set(merged.map((record) => record.into))].join(' and ');
    const names = merged.map((record) => `“${record.name}”, merged since into ${record.into}`).join('; ');
    return `This version names ${names}: propose a correction that names ${intoNames} instead.`;
  });
}

const HISTORY_REASON_MISSING = 'Say why, so the history explains it.';

/**
 * The reason a reviewer gives for a rejection or a step the history keeps: required (`missing` says
 * why when it is not given), at most 2,000 characters. One message next to the field says what is
 * wrong; the form's own only says where to look.
 */
function reasonGiven(raw: string, missing: string): string {
  const reason = raw.trim();
  if (!reason) throw new ChangeRejected(missing, { reason: ['Give a reason.'] });
  if (reason.length > 2000) {
    const has = reason.length.toLocaleString('en-US');
    throw new ChangeRejected('Some fields need attention.', {
      reason: [`The reason is too long: at most 2,000 characters (this one has ${has}).`],
    });
  }
  const problem = typedTextProblem('The reason', reason);
  if (problem) throw new ChangeRejected('Some fields need attention.', { reason: [problem] });
  return reason;
}

/**
 * The kinds of record a reviewer can archive: the incidents. A duplicate company or organisation
 * is merged instead (lib/data/admin.ts), and an agency stays while contracts name it.
 */
export const ARCHIVABLE = ['EMPLOYEE_ACTION', 'DONATION_RESPONSE', 'CONTRACT', 'COMPANY_STATEMENT'] as const;
export type ArchivableType = (typeof ARCHIVABLE)[number];
export const isArchivable = (type: string): type is ArchivableType => (ARCHIVABLE as readonly string[]).includes(type);

export interface ArchiveOptions {
  user: SessionUser;
  /** Checked here: the form sends it as text. */
  recordType: string;
  recordId: string;
  /** The version the reviewer saw as current. */
  baseVersion: number;
  reason: string;
  /** True to take the record off the public pages, false to bring an archived one back. */
  archive: boolean;
}

/**
 * The records whose open data links this one read differently once it is archived or brought back
 * (a link to a record off the public pages is left out: an action's contracts, a statement's
 * action, contract or donation): they count as updated, for whoever keeps a copy up to date by
 * `updatedAt`, as a renamed company's do (touchNamers). Their versions stay: nothing written in them changed.
 */
async function touchCiters(tx: Prisma.TransactionClient, recordType: EditableType, recordId: string): Promise<void> {
  // The app's clock, as Prisma's @updatedAt uses for every other change.
  const now = new Date();
  if (recordType === 'CONTRACT') {
    await tx.$executeRaw`UPDATE employee_actions SET updated_at = ${now}
      WHERE id IN (SELECT action_id FROM employee_action_contracts WHERE contract_id = ${recordId})`;
    await tx.$executeRaw`UPDATE donation_responses SET updated_at = ${now}
      WHERE id IN (SELECT donation_response_id FROM donation_response_contracts WHERE contract_id = ${recordId})`;
  }
  const column = { CONTRACT: 'contract_id', EMPLOYEE_ACTION: 'action_id', DONATION_RESPONSE: 'donation_response_id' }[recordType as string];
  if (column) await tx.$executeRaw`UPDATE company_statements SET updated_at = ${now} WHERE ${Prisma.raw(column)} = ${recordId}`;
}

/**
 * A reviewer takes a published incident off the public pages (it was wrong, a duplicate, or should
 * never have been public), or brings an archived one back. Nothing is deleted: the record, its
 * links and its history stay, its address says it was archived and why, and the step is kept in
 * its history (ARCHIVE or RESTORE, with the reason). Refused when the record changed since the
 * reviewer looked. A change waiting for review on an archived record can no longer be published.
 */
export async function setArchived(
  options: ArchiveOptions,
): Promise<{ recordType: ArchivableType; recordId: string; version: number; tags: string[]; declined: number }> {
  const { user, archive, recordId, recordType } = options;
  if (!hasRole(user, 'REVIEWER')) throw new NotAllowed(archive ? 'Only reviewers archive records.' : 'Only reviewers bring archived records back.');
  if (!isArchivable(recordType) || !CUID.test(recordId)) throw new ChangeRejected('There is no such record.');
  const reason = reasonGiven(options.reason, HISTORY_REASON_MISSING);
  const [from, to] = archive ? (['PUBLISHED', 'ARCHIVED'] as const) : (['ARCHIVED', 'PUBLISHED'] as const);
  return db.$transaction(async (tx) => {
    if (archive) await lockPendingChanges(tx, recordType, recordId);
    await lockRecord(tx, recordType, recordId);
    const current = await readState(tx, recordType, recordId);
    if (!current) throw new ChangeRejected('There is no such record.');
    await refuseIfStale(tx, recordType, recordId, current.version, options.baseVersion, user, { pending: false });
    const where = { id: recordId, status: from };
    const data = { status: to, version: { increment: 1 } };
    const moved = await {
      EMPLOYEE_ACTION: () => tx.employeeAction.updateMany({ where, data }),
      DONATION_RESPONSE: () => tx.donationResponse.updateMany({ where, data }),
      CONTRACT: () => tx.governmentContract.updateMany({ where, data }),
      COMPANY_STATEMENT: () => tx.companyStatement.updateMany({ where, data }),
    }[recordType]();
    if (moved.count === 0) {
      throw new ChangeRejected(archive ? 'This record is not published, so there is nothing to archive.' : 'This record is not archived.');
    }
    const after = (await readState(tx, recordType, recordId)) as RecordState;
    await tx.revision.create({
      data: revisionRow({ recordType, recordId, kind: archive ? 'ARCHIVE' : 'RESTORE', userId: user.id, reason, before: current, after }),
    });
    await touchCiters(tx, recordType, recordId);
    // What waited for review on it can never be published now (the record left the public pages
    // and its version moved on): declined at once, with the archive's reason for its author to read.
    const declined = archive
      ? await tx.changeRequest.updateMany({
          where: { recordType, recordId, status: 'PENDING' },
          data: {
            status: 'REJECTED',
            reviewerId: user.id,
            decisionNote: `The record was archived: ${reason}`.slice(0, 2000),
            decidedAt: new Date(),
          },
        })
      : { count: 0 };
    const companySlugs = await companySlugsOf(tx, recordType, recordId);
    return {
      recordType,
      recordId,
      version: after.version,
      tags: tagsOf({ recordId, companySlugs, vocabulary: recordType === 'CONTRACT' }),
      declined: declined.count,
    };
  });
}

/**
 * The companies whose pages show an incident or count it: its own, and for an action or a donation
 * response, the contractors of the contracts it names (a profile counts the actions against its
 * contracts).
 */
async function companySlugsOf(tx: Prisma.TransactionClient, recordType: ArchivableType, id: string): Promise<string[]> {
  const slug = { select: { slug: true } } as const;
  const named = { select: { contractId: true } } as const;
  const read: Record<ArchivableType, () => Promise<{ own: string[]; contractIds: string[] }>> = {
    EMPLOYEE_ACTION: async () => {
      const action = await tx.employeeAction.findUnique({ where: { id }, select: { companies: { select: { company: slug } }, contracts: named } });
      return { own: action?.companies.map((link) => link.company.slug) ?? [], contractIds: action?.contracts.map((link) => link.contractId) ?? [] };
    },
    DONATION_RESPONSE: async () => {
      const donation = await tx.donationResponse.findUnique({ where: { id }, select: { company: slug, contracts: named } });
      return { own: donation ? [donation.company.slug] : [], contractIds: donation?.contracts.map((link) => link.contractId) ?? [] };
    },
    CONTRACT: async () => {
      const contract = await tx.governmentContract.findUnique({ where: { id }, select: { company: slug } });
      return { own: contract ? [contract.company.slug] : [], contractIds: [] };
    },
    COMPANY_STATEMENT: async () => {
      const statement = await tx.companyStatement.findUnique({ where: { id }, select: { company: slug } });
      return { own: statement ? [statement.company.slug] : [], contractIds: [] };
    },
  };
  const { own, contractIds } = await read[recordType]();
  return [...new Set([...own, ...(await contractorSlugsOf(tx, contractIds))])];
}

/**
 * Why and when an incident left the public pages, when it is archived (not when it never was
 * public): what its address shows instead of the record.
 */
export async function archivedRecord(recordType: ArchivableType, id: string): Promise<{ at: Date; reason: string | null } | null> {
  if (!CUID.test(id)) return null;
  const state = await currentState(db, recordType, id);
  if (!state || state.live) return null;
  const archived = await db.revision.findFirst({
    where: { recordType, recordId: id, kind: 'ARCHIVE' },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true, reason: true },
  });
  return archived && { at: archived.createdAt, reason: archived.reason };
}

