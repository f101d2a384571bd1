import type { Prisma } from '../generated/prisma/client';
import type { RecordType, RevisionKind } from '../generated/prisma/enums';

export interface RevisionInput {
  recordType: RecordType;
  recordId: string;
  kind: RevisionKind;
  actor?: string;
  userId?: string;
  reason?: string;
  before?: unknown;
  after?: unknown;
}

/** A revision row: the state before and after, as JSON (dates as ISO strings, Decimals as strings). */
export function revisionRow(input: RevisionInput): Prisma.RevisionCreateManyInput {
  return {
    recordType: input.recordType,
    recordId: input.recordId,
    kind: input.kind,
    actor: input.actor ?? null,
    userId: input.userId ?? null,
    reason: input.reason ?? null,
    before: input.before === undefined ? undefined : toJson(input.before),
    after: input.after === undefined ? undefined : toJson(input.after),
  };
}

function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

/** Whether two values are the same as JSON, whatever the order of their keys (jsonb reorders them on reading back). */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

type FormFields = Record<string, unknown>;

/** The form's fields of a revision's state (`{ version, fields }`); undefined for one that holds none. */
function fieldsOf(state: unknown): FormFields | undefined {
  const fields = (state as { fields?: unknown } | null)?.fields;
  return fields && typeof fields === 'object' && !Array.isArray(fields) ? (fields as FormFields) : undefined;
}

/**
 * What editors changed on these records, oldest first: the form's fields before and after each of
 * their published changes and reverts (the revisions that carry a user and hold a state on both
 * sides). What an import may change without undoing their corrections is read from it.
 */
export async function editorsChanges(
  tx: Prisma.TransactionClient,
  recordType: RecordType,
  recordIds: string[],
): Promise<{ recordId: string; before: FormFields; after: FormFields }[]> {
  if (recordIds.length === 0) return [];
  const revisions = await tx.revision.findMany({
    where: { recordType, recordId: { in: recordIds }, userId: { not: null } },
    select: { recordId: true, before: true, after: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return revisions.flatMap(({ recordId, before, after }) => {
    const [was, is] = [fieldsOf(before), fieldsOf(after)];
    return was && is ? [{ recordId, before: was, after: is }] : [];
  });
}

/**
 * What the revisions the filter picks (an import's) last wrote into each of these records, field by
 * field: their after-states folded in order.
 */
export async function lastWritten(
  tx: Prisma.TransactionClient,
  recordType: RecordType,
  recordIds: string[],
  which: Prisma.RevisionWhereInput,
): Promise<Map<string, Record<string, unknown>>> {
  if (recordIds.length === 0) return new Map();
  const revisions = await tx.revision.findMany({
    where: { ...which, recordType, recordId: { in: recordIds } },
    select: { recordId: true, after: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const written = new Map<string, Record<string, unknown>>();
  for (const { recordId, after } of revisions) {
    if (!after || typeof after !== 'object' || Array.isArray(after)) continue;
    written.set(recordId, { ...written.get(recordId), ...after });
  }
  return written;
}

/**
 * Whether a field still holds what an import last wrote, so that the file may change it. One no
 * import ever recorded (the source's words, which earlier imports did not read) is the import's
 * only while it is empty.
 */
export function stillImported(value: unknown, imported: Record<string, unknown>, field: string): boolean {
  return field in imported ? sameJson(value, imported[field]) : value === null || value === undefined;
}
