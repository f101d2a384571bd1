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
