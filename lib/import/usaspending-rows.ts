import { randomBytes } from 'node:crypto';
import { Prisma } from '../generated/prisma/client';
import type { ContractStatus } from '../generated/prisma/enums';

/*
 * How the USAspending import writes: contracts, their source links and revisions with one statement
 * per chunk, their values travelling as one JSON parameter (amounts and dates as text, so exactly).
 * Prisma's createMany and one UPDATE per row took minutes for a year's file
 * (docs/decisions/007-usaspending-and-backups.md).
 */

/** Rows per statement (each statement carries its rows as one JSON parameter). */
export const CHUNK = 500;

/** The fields of a contract the file owns; everything else (status, links, notes) is the editors'. */
export interface OwnedFields {
  companyId: string;
  agencyId: string;
  subAgencyId: string | null;
  title: string;
  purpose: string | null;
  piid: string | null;
  obligatedAmount: string | null;
  potentialAmount: string | null;
  awardDate: Date | null;
  awardDatePrecision: 'DAY';
  periodStart: Date | null;
  periodEnd: Date | null;
  contractStatus?: ContractStatus;
}

/** A PIID as compared with another: its letters and digits, in capitals ("hsbp-1017 f00123" is HSBP1017F00123). */
export const piidKey = (piid: string) => piid.replace(/[^A-Za-z0-9]/g, '').toUpperCase();

/** piidKey of a contract's own PIID, in SQL (empty for none). */
export const piidKeySql = Prisma.sql`upper(regexp_replace(coalesce(piid, ''), '[^A-Za-z0-9]', '', 'g'))`;

export function sqlRow(id: string, fields: OwnedFields): Record<string, unknown> {
  return {
    id,
    company_id: fields.companyId,
    agency_id: fields.agencyId,
    sub_agency_id: fields.subAgencyId,
    title: fields.title,
    purpose: fields.purpose,
    piid: fields.piid,
    obligated_amount: fields.obligatedAmount,
    potential_amount: fields.potentialAmount,
    award_date: fields.awardDate && isoDay(fields.awardDate),
    award_date_precision: fields.awardDatePrecision,
    period_start: fields.periodStart && isoDay(fields.periodStart),
    period_end: fields.periodEnd && isoDay(fields.periodEnd),
    contract_status: fields.contractStatus,
  };
}

const CONTRACT_COLUMNS = `id text, company_id text, agency_id text, sub_agency_id text, title text, purpose text,
  piid text, obligated_amount numeric, potential_amount numeric, award_date date, award_date_precision text,
  period_start date, period_end date, contract_status text`;

export async function insertContracts(tx: Prisma.TransactionClient, rows: Record<string, unknown>[], now: string) {
  await tx.$executeRawUnsafe(
    `INSERT INTO "government_contracts" ("id", "company_id", "agency_id", "sub_agency_id", "title", "purpose", "piid",
       "award_key", "award_last_modified", "obligated_amount", "potential_amount", "award_date", "award_date_precision",
       "period_start", "period_end", "contract_status", "status", "created_at", "updated_at")
     SELECT v.id, v.company_id, v.agency_id, v.sub_agency_id, v.title, v.purpose, v.piid, v.award_key, v.award_last_modified,
            v.obligated_amount, v.potential_amount, v.award_date, v.award_date_precision::"DatePrecision",
            v.period_start, v.period_end, v.contract_status::"ContractStatus", 'PUBLISHED', $2::timestamp(3), $2::timestamp(3)
       FROM jsonb_to_recordset($1::jsonb) AS v(${CONTRACT_COLUMNS}, award_key text, award_last_modified text)`,
    JSON.stringify(rows),
    now,
  );
}

/** What dates a contract's status when the file changes it (lib/import/usaspending-import.ts). */
export interface StatusDates {
  statusChangedAt: Date | null;
  statusChangedPrecision: 'DAY';
  statusRecordedAt: Date | null;
}

/** A changed row's status dates, for updateContracts: a row without them keeps its own. */
export function statusDatesRow(dates: StatusDates): Record<string, unknown> {
  return {
    status_dates: true,
    status_changed_at: dates.statusChangedAt && isoDay(dates.statusChangedAt),
    status_changed_precision: dates.statusChangedPrecision,
    status_recorded_at: dates.statusRecordedAt && isoDay(dates.statusRecordedAt),
  };
}

export async function updateContracts(tx: Prisma.TransactionClient, rows: Record<string, unknown>[]) {
  const dated = (column: string, type = '') =>
    `"${column}" = CASE WHEN v.status_dates THEN v.${column}${type} ELSE g."${column}" END`;
  await tx.$executeRawUnsafe(
    `UPDATE "government_contracts" AS g SET
       "company_id" = v.company_id, "agency_id" = v.agency_id, "sub_agency_id" = v.sub_agency_id,
       "title" = v.title, "purpose" = v.purpose, "piid" = v.piid,
       "obligated_amount" = v.obligated_amount, "potential_amount" = v.potential_amount,
       "award_date" = v.award_date, "award_date_precision" = v.award_date_precision::"DatePrecision",
       "period_start" = v.period_start, "period_end" = v.period_end,
       "contract_status" = v.contract_status::"ContractStatus",
       ${dated('status_changed_at')}, ${dated('status_changed_precision', '::"DatePrecision"')},
       ${dated('status_recorded_at')},
       "version" = g."version" + 1, "updated_at" = (now() AT TIME ZONE 'UTC')
     FROM jsonb_to_recordset($1::jsonb) AS v(${CONTRACT_COLUMNS}, status_dates boolean,
       status_changed_at date, status_changed_precision text, status_recorded_at date)
     WHERE g."id" = v.id`,
    JSON.stringify(rows),
  );
}

export async function insertLinks(tx: Prisma.TransactionClient, rows: { contract_id: string; source_id: string }[]) {
  await tx.$executeRawUnsafe(
    `INSERT INTO "contract_sources" ("contract_id", "source_id")
     SELECT v.contract_id, v.source_id FROM jsonb_to_recordset($1::jsonb) AS v(contract_id text, source_id text)
     ON CONFLICT DO NOTHING`,
    JSON.stringify(rows),
  );
}

export interface RevisionValues {
  recordType: 'CONTRACT' | 'SOURCE';
  recordId: string;
  kind: 'IMPORT' | 'CREATE';
  before?: unknown;
  after: unknown;
}

/** Revision rows as `revisionRow` writes them (JSON with dates as ISO strings, Decimals as strings). */
export async function insertRevisions(
  tx: Prisma.TransactionClient,
  rows: RevisionValues[],
  actor: string,
  now: string,
) {
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "revisions" ("id", "record_type", "record_id", "kind", "actor", "before", "after", "created_at")
     SELECT v.id, v.record_type::"RecordType", v.record_id, v.kind::"RevisionKind", $2, v.before, v.after, $3::timestamp(3)
       FROM jsonb_to_recordset($1::jsonb) AS v(id text, record_type text, record_id text, kind text, before jsonb, after jsonb)`,
    JSON.stringify(
      rows.map((row) => ({
        id: newId(),
        record_type: row.recordType,
        record_id: row.recordId,
        kind: row.kind,
        before: row.before ?? null,
        after: row.after,
      })),
    ),
    actor,
    now,
  );
}

let idCounter = 0;
/**
 * A new record id in the form of Prisma's cuid() (25 lower-case letters and digits, starting with
 * "c"): time, a counter and 64 random bits, for rows written without Prisma's createMany.
 */
export function newId(): string {
  idCounter = (idCounter + 1) % 36 ** 4;
  const random = BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString(36)
    .padStart(13, '0')
    .slice(-12);
  return `c${Date.now().toString(36).padStart(8, '0').slice(-8)}${idCounter.toString(36).padStart(4, '0')}${random}`;
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function chunks<T>(items: T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let at = 0; at < items.length; at += size) parts.push(items.slice(at, at + size));
  return parts;
}
