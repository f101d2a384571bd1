import 'server-only';
import { db } from '../db';
import type { ChangeStatus, RecordType } from '../generated/prisma/enums';
import { NotAllowed, hasRole, type SessionUser } from '../auth/roles';

export interface ChangeSummary {
  id: string;
  recordType: RecordType;
  recordId: string | null;
  status: ChangeStatus;
  title: string;
  author: string;
  createdAt: Date;
  decidedAt: Date | null;
  decisionNote: string | null;
}

const TYPE_LABEL: Record<string, string> = {
  DONATION_RESPONSE: 'Donation response',
  EMPLOYEE_ACTION: 'Employee action',
  COMPANY: 'Company',
  CONTRACT: 'Government contract',
  COMPANY_STATEMENT: 'Company statement',
};
export const changeTypeLabel = (type: string) => TYPE_LABEL[type] ?? type;

function titleOf(type: string, payload: unknown): string {
  const value = payload as Record<string, unknown>;
  const party = (input: unknown) => {
    const p = input as { newName?: string; id?: string } | null;
    return p?.newName ?? (p?.id ? 'existing' : '');
  };
  if (type === 'COMPANY') return String(value.name ?? '');
  if (type === 'EMPLOYEE_ACTION' || type === 'CONTRACT') return String(value.title ?? '');
  if (type === 'COMPANY_STATEMENT') return String(value.summary ?? '').slice(0, 120);
  if (type === 'DONATION_RESPONSE') return `${String(value.response ?? '').toLowerCase()} ${value.amount ? `$${String(value.amount)}` : ''} (${party(value.organization) || 'no organization'})`;
  return type;
}

const summarySelect = {
  id: true,
  recordType: true,
  recordId: true,
  status: true,
  payload: true,
  createdAt: true,
  decidedAt: true,
  decisionNote: true,
  author: { select: { name: true } },
} as const;

function toSummary(row: { id: string; recordType: RecordType; recordId: string | null; status: ChangeStatus; payload: unknown; createdAt: Date; decidedAt: Date | null; decisionNote: string | null; author: { name: string } }): ChangeSummary {
  return { ...row, title: titleOf(row.recordType, row.payload), author: row.author.name };
}

/** An editor's own proposals, newest first, with the reviewer's reason when one was rejected. */
export async function listMyChanges(user: SessionUser): Promise<ChangeSummary[]> {
  const rows = await db.changeRequest.findMany({ where: { authorId: user.id }, orderBy: { createdAt: 'desc' }, take: 100, select: summarySelect });
  return rows.map(toSummary);
}

/** The review queue: pending proposals, oldest first, optionally of one kind. Reviewers only. */
export async function listPendingChanges(user: SessionUser, { type }: { type?: RecordType } = {}): Promise<ChangeSummary[]> {
  if (!hasRole(user, 'REVIEWER')) throw new NotAllowed('Only reviewers see the review queue.');
  const rows = await db.changeRequest.findMany({
    where: { status: 'PENDING', ...(type ? { recordType: type } : {}) },
    orderBy: { createdAt: 'asc' },
    take: 200,
    select: summarySelect,
  });
  return rows.map(toSummary);
}

export interface DiffLine {
  field: string;
  before: string | null;
  after: string | null;
}

/** A pending change with its diff against the published record. Reviewers only. */
export async function getChangeForReview(user: SessionUser, id: string) {
  if (!hasRole(user, 'REVIEWER')) throw new NotAllowed('Only reviewers review.');
  const change = await db.changeRequest.findUnique({ where: { id }, select: { ...summarySelect, note: true, baseVersion: true, authorId: true } });
  if (!change) return null;
  const current = change.recordId ? await publishedState(change.recordType, change.recordId) : null;
  const proposed = change.payload as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(current ?? {}), ...Object.keys(proposed)])];
  const show = (value: unknown) => (value === undefined || value === null || value === '' ? null : typeof value === 'string' ? value : JSON.stringify(value));
  const diff: DiffLine[] = fields
    .map((field) => ({ field, before: show(current?.[field]), after: show(proposed[field]) }))
    .filter((line) => line.before !== line.after);
  return { ...toSummary(change), note: change.note, isOwn: change.authorId === user.id, isNew: !change.recordId, diff };
}

/** The published record in the shape of its form's payload, for diffs and edit forms. */
export async function publishedState(type: RecordType, id: string): Promise<Record<string, unknown> | null> {
  if (type === 'COMPANY') {
    const company = await db.company.findUnique({
      where: { id },
      select: { name: true, sector: true, hqCountry: true, website: true, ticker: true, description: true, version: true, slug: true, sources: { select: { source: { select: { url: true, title: true } } } } },
    });
    if (!company) return null;
    const { sources, ...rest } = company;
    return { ...rest, sources: sources.map((link) => ({ url: link.source.url ?? link.source.title })) };
  }
  if (type === 'DONATION_RESPONSE') {
    const row = await db.donationResponse.findUnique({ where: { id }, select: { response: true, amount: true, currency: true, reason: true, quote: true, quoteAttribution: true, date: true, datePrecision: true } });
    return row ? { ...row, amount: row.amount?.toString() ?? null } : null;
  }
  if (type === 'EMPLOYEE_ACTION') {
    return db.employeeAction.findUnique({ where: { id }, select: { title: true, description: true, startDate: true, datePrecision: true, participantsMin: true, participantsMax: true, outcome: true } });
  }
  return null;
}

/** A record's public history: every revision, newest first, with who (by name) and why. */
export async function listRevisions(type: RecordType, id: string) {
  const rows = await db.revision.findMany({
    where: { recordType: type, recordId: id },
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: { id: true, kind: true, createdAt: true, reason: true, actor: true, before: true, after: true, user: { select: { name: true } } },
  });
  return rows.map((row) => ({ ...row, who: row.user?.name ?? (row.actor === 'seed' ? 'Demo data' : row.actor?.startsWith('import:') ? `Import (${row.actor.slice(7)})` : (row.actor ?? 'System')) }));
}
