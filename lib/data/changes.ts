import 'server-only';
import { cacheTags } from '../cache-tags';
import { db } from '../db';
import type { Prisma } from '../generated/prisma/client';
import type { RecordType } from '../generated/prisma/enums';
import { revisionRow } from '../records/revisions';
import { NotAllowed, hasRole, type SessionUser } from '../auth/roles';
import { applyCompany, applyContract, applyDonationResponse, applyEmployeeAction, applyStatement, checkReferences, currentState } from './change-apply';

const APPLY = {
  DONATION_RESPONSE: applyDonationResponse,
  EMPLOYEE_ACTION: applyEmployeeAction,
  COMPANY: applyCompany,
  CONTRACT: applyContract,
  COMPANY_STATEMENT: applyStatement,
} as const;
import {
  companySchema,
  contractSchema,
  donationResponseSchema,
  employeeActionSchema,
  fieldErrors,
  statementSchema,
  UNSTORABLE,
} from '../validation/records';

/** The kinds of record editors can propose, with the schema their payload must pass. */
export const EDITABLE = {
  DONATION_RESPONSE: donationResponseSchema,
  EMPLOYEE_ACTION: employeeActionSchema,
  COMPANY: companySchema,
  CONTRACT: contractSchema,
  COMPANY_STATEMENT: statementSchema,
} as const;
export type EditableType = keyof typeof EDITABLE;

/** An expected failure, shown to the person as form state with a message per field. */
export class ChangeRejected extends Error {
  constructor(
    message: string,
    readonly fields: Record<string, string[]> = {},
    /** When someone else changed the record meanwhile: what they changed. */
    readonly conflict?: { by: string; at: Date; summary: string },
  ) {
    super(message);
    this.name = 'ChangeRejected';
  }
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
}

/**
 * Files an editor's proposed record or change for review. Validates the payload with the form's
 * schema and every reference it makes; refuses a change to a record someone else changed (or
 * proposed a change to) since the editor loaded it. Nothing public changes until a reviewer publishes.
 */
export async function submitChange(options: SubmitOptions): Promise<{ id: string }> {
  const { user, recordType } = options;
  if (!hasRole(user, 'EDITOR')) throw new NotAllowed();
  const schema = EDITABLE[recordType];
  if (!schema) throw new ChangeRejected('This kind of record cannot be edited here.');
  const parsed = schema.safeParse(options.payload);
  if (!parsed.success) throw new ChangeRejected('Some fields need attention.', fieldErrors(parsed.error));
  if (options.note && UNSTORABLE.test(options.note)) {
    throw new ChangeRejected('Some fields need attention.', { note: ['The note cannot contain NUL bytes or broken characters.'] });
  }
  const referenceErrors = await checkReferences(recordType, parsed.data, { recordId: options.recordId });
  if (Object.keys(referenceErrors).length) throw new ChangeRejected('Some fields need attention.', referenceErrors);

  return db.$transaction(async (tx) => {
    if (options.recordId) {
      const state = await currentState(tx, recordType, options.recordId);
      if (!state) throw new ChangeRejected('This record does not exist (any more).');
      await refuseIfStale(tx, recordType, options.recordId, state.version, options.baseVersion, user.id);
    }
    const change = await tx.changeRequest.create({
      data: {
        recordType: recordType as RecordType,
        recordId: options.recordId ?? null,
        baseVersion: options.baseVersion ?? null,
        payload: parsed.data as Prisma.InputJsonValue,
        note: options.note?.trim().slice(0, 2000) || null,
        authorId: user.id,
      },
      select: { id: true },
    });
    return change;
  });
}

async function refuseIfStale(
  tx: Prisma.TransactionClient,
  recordType: EditableType,
  recordId: string,
  version: number,
  baseVersion: number | undefined,
  userId: string,
) {
  if (baseVersion === undefined || baseVersion !== version) {
    const latest = await tx.revision.findFirst({
      where: { recordType: recordType as RecordType, recordId },
      orderBy: { createdAt: 'desc' },
      select: { createdAt: true, reason: true, actor: true, user: { select: { name: true } }, after: true },
    });
    throw new ChangeRejected(
      'Someone changed this record after you opened it. Your text is kept below; compare it with theirs, then save again.',
      {},
      latest
        ? { by: latest.user?.name ?? latest.actor ?? 'someone', at: latest.createdAt, summary: JSON.stringify(latest.after).slice(0, 2000) }
        : undefined,
    );
  }
  const pending = await tx.changeRequest.findFirst({
    where: { recordType: recordType as RecordType, recordId, status: 'PENDING', authorId: { not: userId } },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true, author: { select: { name: true } }, payload: true },
  });
  if (pending) {
    throw new ChangeRejected(
      `${pending.author.name} has already proposed a change to this record, still waiting for review. Your text is kept below.`,
      {},
      { by: pending.author.name, at: pending.createdAt, summary: JSON.stringify(pending.payload).slice(0, 2000) },
    );
  }
}

/**
 * A reviewer publishes a pending change: the record is created or updated in one transaction,
 * its revision kept (before and after), and the cache tags of every page it touches returned
 * for the caller to refresh. Nobody publishes their own change.
 */
export async function publishChange({ user, changeId }: { user: SessionUser; changeId: string }): Promise<{ recordId: string; tags: string[] }> {
  if (!hasRole(user, 'REVIEWER')) throw new NotAllowed('Only reviewers publish.');
  return db.$transaction(async (tx) => {
    const change = await claimPending(tx, changeId, user);
    const recordType = change.recordType as EditableType;
    // The payload was validated and normalised by the form's schema when it was submitted.
    const payload = change.payload as unknown;
    const referenceErrors = await checkReferences(recordType, payload, { client: tx, recordId: change.recordId });
    if (Object.keys(referenceErrors).length) {
      throw new ChangeRejected('This change refers to records that no longer exist; reject it with a note.', referenceErrors);
    }
    if (change.recordId) {
      const state = await currentState(tx, recordType, change.recordId);
      if (!state || state.version !== change.baseVersion) {
        throw new ChangeRejected('The record changed after this was proposed; reject it so the editor can redo it on the current version.');
      }
    }
    const actor = { userId: change.authorId, reviewerId: user.id };
    const apply = APPLY[recordType] as (tx: Prisma.TransactionClient, id: string | null, input: unknown, who: typeof actor) => ReturnType<typeof applyCompany>;
    const applied = await apply(tx, change.recordId, payload, actor);
    await tx.revision.create({
      data: revisionRow({
        recordType: change.recordType,
        recordId: applied.recordId,
        kind: 'PUBLISH',
        userId: user.id,
        reason: `Published the change proposed by ${change.author.name}${change.note ? `: ${change.note}` : ''}`,
        before: applied.before ?? undefined,
        after: applied.after,
      }),
    });
    await tx.changeRequest.update({
      where: { id: change.id },
      data: { status: 'PUBLISHED', recordId: applied.recordId, reviewerId: user.id, decidedAt: new Date() },
    });
    return { recordId: applied.recordId, tags: [cacheTags.lists, ...applied.companySlugs.map(cacheTags.company)] };
  });
}

/** A reviewer rejects a pending change with a reason the editor sees. */
export async function rejectChange({ user, changeId, reason }: { user: SessionUser; changeId: string; reason: string }): Promise<void> {
  if (!hasRole(user, 'REVIEWER')) throw new NotAllowed('Only reviewers reject.');
  const note = reason.trim();
  if (!note) throw new ChangeRejected('Say why, so the editor can put it right.', { reason: ['Give a reason.'] });
  if (note.length > 2000) throw new ChangeRejected('The reason is too long.', { reason: ['At most 2,000 characters.'] });
  await db.$transaction(async (tx) => {
    const change = await claimPending(tx, changeId, user);
    await tx.changeRequest.update({
      where: { id: change.id },
      data: { status: 'REJECTED', reviewerId: user.id, decisionNote: note, decidedAt: new Date() },
    });
  });
}

async function claimPending(tx: Prisma.TransactionClient, changeId: string, user: SessionUser) {
  // Lock the row so that two reviewers cannot decide the same change at once.
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM change_requests WHERE id = ${changeId} AND status = 'PENDING' FOR UPDATE`;
  if (locked.length === 0) throw new ChangeRejected('This change is no longer waiting for review.');
  const change = await tx.changeRequest.findUniqueOrThrow({
    where: { id: changeId },
    select: { id: true, recordType: true, recordId: true, baseVersion: true, payload: true, note: true, authorId: true, author: { select: { name: true } } },
  });
  if (change.authorId === user.id) throw new NotAllowed('Someone else must review your own change.');
  return change;
}
