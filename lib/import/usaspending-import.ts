import { randomBytes } from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import type { ContractStatus } from '../generated/prisma/enums';
import { editorsChanges, revisionRow, sameJson } from '../records/revisions';
import { nameKey, slugify } from '../text';
import { UsaspendingFileReader, type LeftOut, type RowForReview, type UsaspendingAward } from './usaspending-file';

export const USASPENDING_ACTOR = 'import:usaspending';
export const USASPENDING_PUBLISHER = 'USAspending.gov';

/** A recipient that matches no company name or alias: its rows wait for a reviewer. */
export interface UnmatchedRecipient {
  name: string;
  parent: string | null;
  rows: number;
  /** A company whose name matches once "Inc.", "LLC" and the like are dropped: a hint, never applied. */
  perhaps: string | null;
}

export interface UsaspendingImportReport {
  /** Data rows in the file. */
  rows: number;
  created: { contracts: number; agencies: string[]; sources: number };
  updated: { awardKey: string; fields: string[] }[];
  /** Fields the file would change that editors corrected: left as the editors made them. */
  kept: { awardKey: string; contractId: string; fields: string[] }[];
  unchanged: number;
  unmatchedRecipients: UnmatchedRecipient[];
  /** Rows not imported because their values contradict each other. */
  review: RowForReview[];
  /** Values of imported rows that were not stored (a negative amount). */
  leftOut: LeftOut[];
  /** Contracts an editor marked cancelled or not renewed: the file never changes that. */
  keptStatuses: number;
  durationMs: number;
}

export interface UsaspendingImportOptions {
  actor?: string;
  /** The day contract statuses are judged on (ACTIVE until the period ends); today by default. */
  today?: Date;
}

/** Rows per statement (each statement carries its rows as one JSON parameter). */
const CHUNK = 500;
/** Statuses an editor sets from the news; an import never overwrites them. */
const EDITORIAL_STATUSES: ReadonlySet<ContractStatus> = new Set(['CANCELLED', 'NOT_RENEWED']);

/**
 * Imports a USAspending "Prime Award Summaries" contracts CSV from a stream, in one transaction:
 * the file is read, checked and written a part of CHUNK awards at a time, so that only one part is
 * held however long the file; a file with any problem is read to its end (to name every problem)
 * and then rolled back, so nothing of it is written. Usable from the command line and from an
 * upload form alike.
 */
export async function importUsaspendingContracts(
  client: PrismaClient,
  input: AsyncIterable<Uint8Array | string>,
  options: UsaspendingImportOptions = {},
): Promise<UsaspendingImportReport> {
  const started = performance.now();
  const reader = new UsaspendingFileReader();
  const result = await client.$transaction(
    async (tx) => {
      const writer = await startWriting(tx, options);
      for await (const part of reader.parts(input, CHUNK)) await writer.write(part);
      reader.check();
      return writer.finish();
    },
    // A year's file of a large agency (hundreds of thousands of rows) takes minutes.
    { timeout: 30 * 60_000, maxWait: 10_000 },
  );
  return {
    rows: reader.rows,
    ...result,
    review: reader.review,
    durationMs: Math.round(performance.now() - started),
  };
}

/** The fields of a contract the file owns; everything else (status, links, notes) is the editors'. */
interface OwnedFields {
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

/**
 * Writes checked awards, a part at a time, inside the import's transaction. Idempotent: the award's
 * unique key is the external id, so a second run of the same file changes nothing, and a newer file
 * changes only what changed. Only what the report needs is kept from one part to the next.
 */
async function startWriting(tx: Prisma.TransactionClient, options: UsaspendingImportOptions) {
  const actor = options.actor ?? USASPENDING_ACTOR;
  const today = isoDay(options.today ?? new Date());
  // One time for every row this import writes (created_at, updated_at), as Prisma writes it: UTC.
  const now = new Date().toISOString();
  const companies = await loadCompanyKeys(tx);
  const agencies = await loadAgencies(tx, actor);

  const unmatched = new Map<string, UnmatchedRecipient>();
  const leftOut: LeftOut[] = [];
  const updated: UsaspendingImportReport['updated'] = [];
  const kept: UsaspendingImportReport['kept'] = [];
  let created = 0;
  let createdSources = 0;
  let unchanged = 0;
  let keptStatuses = 0;

  const wanted = (award: UsaspendingAward, companyId: string): OwnedFields => {
    return {
      companyId,
      agencyId: agencies.departmentId(award.agency),
      subAgencyId: agencies.subAgencyId(award.agency, award.subAgency),
      title: contractTitle(award.description, award.piid, award.awardKey),
      purpose: award.description,
      piid: award.piid,
      obligatedAmount: award.obligatedAmount,
      potentialAmount: award.potentialAmount,
      awardDate: utcDay(award.awardDate),
      awardDatePrecision: 'DAY',
      periodStart: utcDay(award.periodStart),
      periodEnd: utcDay(award.periodEnd),
      // Without an end date the file says nothing about the status: it is left as it is.
      ...(award.periodEnd ? { contractStatus: award.periodEnd > today ? 'ACTIVE' : 'COMPLETED' } : {}),
    };
  };

  /** One part of the file: its stored contracts read, new ones inserted, changed ones updated, all linked. */
  async function write(awards: UsaspendingAward[]): Promise<void> {
    // Recipients: a company is found by the recipient's name, else by its parent's; never guessed.
    const part: { award: UsaspendingAward; companyId: string }[] = [];
    for (const award of awards) {
      const companyId = companies.find(award.recipient) ?? companies.find(award.recipientParent);
      if (companyId) {
        part.push({ award, companyId });
        leftOut.push(...award.leftOut);
        continue;
      }
      const name = award.recipient || '(no recipient name)';
      const entry = unmatched.get(name) ?? { name, parent: award.recipientParent, rows: 0, perhaps: null };
      entry.rows += 1;
      unmatched.set(name, entry);
    }
    if (part.length === 0) return;

    const sources = await ensurePermalinkSources(tx, part, actor, now);
    createdSources += sources.created;
    await agencies.ensure(part, sources.ids);

    const existing = new Map<string, Awaited<ReturnType<typeof loadContracts>>[number]>();
    // Every award's contract id, stored or new: what its permalink is linked to.
    const contractIdByKey = new Map<string, string>();
    for (const contract of await loadContracts(
      tx,
      part.map(({ award }) => award.awardKey),
    )) {
      existing.set(contract.awardKey as string, contract);
      contractIdByKey.set(contract.awardKey as string, contract.id);
    }

    // New contracts, with their revisions.
    const fresh = part
      .filter(({ award }) => !existing.has(award.awardKey))
      .map(({ award, companyId }) => {
        const fields = wanted(award, companyId);
        const id = newId();
        contractIdByKey.set(award.awardKey, id);
        return { id, award, fields: { ...fields, contractStatus: fields.contractStatus ?? ('UNKNOWN' as const) } };
      });
    if (fresh.length) {
      await insertContracts(
        tx,
        fresh.map(({ id, award, fields }) => ({ ...sqlRow(id, fields), award_key: award.awardKey })),
        now,
      );
      await insertRevisions(
        tx,
        fresh.map(({ id, award, fields }) => ({
          recordType: 'CONTRACT',
          recordId: id,
          kind: 'IMPORT',
          // With the version it begins at, which a citation of the contract names (its history's #version-1).
          after: {
            version: 1,
            ...fields,
            awardKey: award.awardKey,
            source: award.permalink,
            lastModified: award.lastModified,
          },
        })),
        actor,
        now,
      );
      created += fresh.length;
    }

    // Contracts already stored: change only the fields the file changed and editors did not, and say which.
    const changedRows: Record<string, unknown>[] = [];
    const changes: RevisionValues[] = [];
    const corrected = await fieldsEditorsChanged(
      tx,
      [...existing.values()].map((contract) => contract.id),
    );
    for (const { award, companyId } of part) {
      const current = existing.get(award.awardKey);
      if (!current) continue;
      const fields = wanted(award, companyId);
      if (EDITORIAL_STATUSES.has(current.contractStatus)) {
        delete fields.contractStatus;
        keptStatuses += 1;
      }
      // A title an editor rewrote is theirs; one still made from the description follows it.
      if (current.title !== contractTitle(current.purpose, current.piid, award.awardKey)) fields.title = current.title;
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      const keptFields: string[] = [];
      for (const [field, value] of Object.entries(fields) as [keyof OwnedFields, unknown][]) {
        const stored = storedValue(current[field]);
        if (sameValue(stored, value)) continue;
        if (corrected.get(current.id)?.has(field)) {
          // What an editor corrected stays theirs; the reviewer reads that the file says otherwise.
          Object.assign(fields, { [field]: stored });
          keptFields.push(field);
          continue;
        }
        before[field] = stored;
        after[field] = value;
      }
      if (keptFields.length) kept.push({ awardKey: award.awardKey, contractId: current.id, fields: keptFields });
      if (Object.keys(after).length === 0) {
        unchanged += 1;
        continue;
      }
      changedRows.push(
        sqlRow(current.id, { ...fields, contractStatus: fields.contractStatus ?? current.contractStatus }),
      );
      changes.push({
        recordType: 'CONTRACT',
        recordId: current.id,
        kind: 'IMPORT',
        before: { version: current.version, ...before },
        after: { version: current.version + 1, ...after },
      });
      updated.push({ awardKey: award.awardKey, fields: Object.keys(after) });
    }
    if (changedRows.length) await updateContracts(tx, changedRows);
    await insertRevisions(tx, changes, actor, now);

    // Every contract cites its permalink (a link is only ever added).
    await insertLinks(
      tx,
      part.map(({ award }) => ({
        contract_id: contractIdByKey.get(award.awardKey) as string,
        source_id: sources.ids.get(award.permalink) as string,
      })),
    );
  }

  /** What the import did, once every part is written. */
  async function finish(): Promise<Omit<UsaspendingImportReport, 'rows' | 'review' | 'durationMs'>> {
    for (const entry of unmatched.values()) {
      entry.perhaps = (await companies.perhaps(entry.name)) ?? (await companies.perhaps(entry.parent));
    }
    return {
      leftOut,
      created: { contracts: created, agencies: agencies.created, sources: createdSources },
      updated,
      kept,
      unchanged,
      keptStatuses,
      unmatchedRecipients: [...unmatched.values()].sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name)),
    };
  }

  return { write, finish };
}

/** Company ids by the keys of every name and alias; merged companies lead to the survivor. */
async function loadCompanyKeys(tx: Prisma.TransactionClient) {
  const [aliases, merged] = await Promise.all([
    tx.companyAlias.findMany({ select: { key: true, companyId: true } }),
    tx.company.findMany({ where: { mergedIntoId: { not: null } }, select: { id: true, mergedIntoId: true } }),
  ]);
  const mergedInto = new Map(merged.map((company) => [company.id, company.mergedIntoId as string]));
  const survivor = (id: string) => {
    const seen = new Set<string>();
    let current = id;
    while (mergedInto.has(current) && !seen.has(current)) {
      seen.add(current);
      current = mergedInto.get(current) as string;
    }
    return current;
  };
  const idByKey = new Map(aliases.map((alias) => [alias.key, survivor(alias.companyId)]));
  // Recipients repeat from row to row: their keys are kept, up to a bound, however long the file.
  const keyCache = new Map<string, string>();
  const keyOf = (name: string) => {
    let key = keyCache.get(name);
    if (key === undefined) {
      key = nameKey(name);
      if (keyCache.size >= 20_000) keyCache.clear();
      keyCache.set(name, key);
    }
    return key;
  };
  return {
    find(name: string | null): string | undefined {
      if (!name) return undefined;
      const key = keyOf(name);
      return key ? idByKey.get(key) : undefined;
    },
    /** The name of a company the name would match without its legal form ("Inc.", "LLC"). */
    async perhaps(name: string | null): Promise<string | null> {
      if (!name) return null;
      const bare = nameKey(withoutLegalForm(name));
      const id = bare ? idByKey.get(bare) : undefined;
      if (!id) return null;
      return (await tx.company.findUnique({ where: { id }, select: { name: true } }))?.name ?? null;
    },
  };
}

/** "SALESFORCE.COM, INC." -> "SALESFORCE.COM"; "Amazon Web Services, LLC" -> "Amazon Web Services". */
function withoutLegalForm(name: string): string {
  const form =
    /[\s,]+(inc|incorporated|llc|l\.l\.c|corp|corporation|co|company|ltd|limited|lp|llp|plc|gmbh|ag|sa|the)\.?$/i;
  let text = name.trim();
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = text
      .replace(form, '')
      .replace(/\.com$/i, '')
      .trim();
  }
  return text;
}

/** The sources of the permalinks: one per normalised url, publisher USAspending.gov. */
async function ensurePermalinkSources(
  tx: Prisma.TransactionClient,
  matched: { award: UsaspendingAward }[],
  actor: string,
  now: string,
): Promise<{ ids: Map<string, string>; created: number }> {
  const titleOf = new Map<string, string>();
  for (const { award } of matched) {
    if (!titleOf.has(award.permalink)) titleOf.set(award.permalink, `Award profile ${award.piid ?? award.awardKey}`);
  }
  const urls = [...titleOf.keys()];
  const ids = new Map<string, string>();
  for (const part of chunks(urls, 10_000)) {
    const stored = await tx.source.findMany({ where: { url: { in: part } }, select: { id: true, url: true } });
    for (const source of stored) ids.set(source.url as string, source.id);
  }
  const missing = urls.filter((url) => !ids.has(url));
  for (const part of chunks(missing, CHUNK)) {
    const rows = part.map((url) => ({ id: newId(), url, title: titleOf.get(url) as string }));
    await tx.$executeRawUnsafe(
      `INSERT INTO "sources" ("id", "url", "publisher", "title", "created_at", "updated_at")
       SELECT v.id, v.url, $2, v.title, $3::timestamp(3), $3::timestamp(3)
         FROM jsonb_to_recordset($1::jsonb) AS v(id text, url text, title text)`,
      JSON.stringify(rows),
      USASPENDING_PUBLISHER,
      now,
    );
    for (const row of rows) ids.set(row.url, row.id);
    await insertRevisions(
      tx,
      rows.map((row) => ({
        recordType: 'SOURCE',
        recordId: row.id,
        kind: 'CREATE',
        after: { ...row, publisher: USASPENDING_PUBLISHER },
      })),
      actor,
      now,
    );
  }
  return { ids, created: missing.length };
}

/**
 * The awarding agencies and their sub-agencies, found by name (case-insensitive) or created as
 * published federal agencies citing the first permalink that names them. A sub-agency is placed
 * under its department; an existing one is only given a parent when it has none. The stored
 * agencies are read once; `ensure` adds those a part of the file names for the first time.
 */
async function loadAgencies(tx: Prisma.TransactionClient, actor: string) {
  const lower = (name: string) => name.toLowerCase();
  const stored = await tx.agency.findMany({
    select: { id: true, name: true, slug: true, parentId: true },
    orderBy: { createdAt: 'asc' },
  });
  const byName = new Map<string, { id: string; name: string; parentId: string | null }>();
  for (const agency of stored) if (!byName.has(lower(agency.name))) byName.set(lower(agency.name), agency);
  const takenSlugs = new Set(stored.map((agency) => agency.slug));
  const created: string[] = [];
  /** Sub-agencies whose parent has been settled (found, given or left as stored). */
  const settled = new Set<string>();

  const create = async (
    rows: { name: string; parentId: string | null; permalink: string }[],
    sourceIds: Map<string, string>,
  ) => {
    if (rows.length === 0) return;
    const made = await tx.agency.createManyAndReturn({
      data: rows.map((row) => ({
        name: row.name,
        slug: uniqueSlug(slugify(row.name), takenSlugs),
        parentId: row.parentId,
        level: 'FEDERAL' as const,
        country: 'US',
        status: 'PUBLISHED' as const,
      })),
      select: { id: true, name: true, slug: true, parentId: true, level: true, country: true, status: true },
    });
    const permalinkOf = new Map(rows.map((row) => [lower(row.name), row.permalink]));
    for (const agency of made) {
      byName.set(lower(agency.name), agency);
      created.push(agency.name);
    }
    await tx.agencySource.createMany({
      data: made.map((agency) => ({
        agencyId: agency.id,
        sourceId: sourceIds.get(permalinkOf.get(lower(agency.name)) as string) as string,
      })),
      skipDuplicates: true,
    });
    await tx.revision.createMany({
      data: made.map((agency) =>
        revisionRow({ recordType: 'AGENCY', recordId: agency.id, kind: 'CREATE', actor, after: agency }),
      ),
    });
  };

  /** The agencies of a part of the file, each there once this returns; `sourceIds` has the part's permalinks. */
  async function ensure(part: { award: UsaspendingAward }[], sourceIds: Map<string, string>): Promise<void> {
    const departments = new Map<string, { name: string; permalink: string }>();
    const subAgencies = new Map<string, { name: string; department: string; permalink: string }>();
    for (const { award } of part) {
      if (!byName.has(lower(award.agency)) && !departments.has(lower(award.agency))) {
        departments.set(lower(award.agency), { name: award.agency, permalink: award.permalink });
      }
      const sub = award.subAgency && lower(award.subAgency);
      if (sub && sub !== lower(award.agency) && !settled.has(sub) && !subAgencies.has(sub)) {
        subAgencies.set(sub, {
          name: award.subAgency as string,
          department: lower(award.agency),
          permalink: award.permalink,
        });
      }
    }
    await create(
      [...departments.values()].map((department) => ({
        name: department.name,
        parentId: null,
        permalink: department.permalink,
      })),
      sourceIds,
    );
    await create(
      [...subAgencies.entries()]
        .filter(([key]) => !byName.has(key))
        .map(([, sub]) => ({
          name: sub.name,
          parentId: byName.get(sub.department)?.id ?? null,
          permalink: sub.permalink,
        })),
      sourceIds,
    );
    for (const [key, sub] of subAgencies) {
      settled.add(key);
      const agency = byName.get(key);
      const parentId = byName.get(sub.department)?.id;
      if (!agency || !parentId || agency.parentId || agency.id === parentId) continue;
      const { count } = await tx.agency.updateMany({
        where: { id: agency.id, parentId: null },
        data: { parentId, version: { increment: 1 } },
      });
      if (count === 1) {
        agency.parentId = parentId;
        await tx.revision.create({
          data: revisionRow({
            recordType: 'AGENCY',
            recordId: agency.id,
            kind: 'UPDATE',
            actor,
            before: { parentId: null },
            after: { parentId },
          }),
        });
      }
    }
  }

  return {
    created,
    ensure,
    departmentId: (name: string) => (byName.get(lower(name)) as { id: string }).id,
    subAgencyId: (department: string, sub: string | null) =>
      sub && lower(sub) !== lower(department) ? (byName.get(lower(sub)) as { id: string }).id : null,
  };
}

function uniqueSlug(base: string, taken: Set<string>): string {
  let slug = base;
  for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

/**
 * The contracts of these award keys, locked until the import ends: a reviewer's publish of one of
 * them waits for the import and is then refused as stale, and one published before is read as it
 * now stands rather than written over.
 */
async function loadContracts(tx: Prisma.TransactionClient, awardKeys: string[]) {
  await tx.$queryRaw`SELECT id FROM government_contracts WHERE award_key = ANY(${awardKeys}) ORDER BY id FOR UPDATE`;
  return tx.governmentContract.findMany({
    where: { awardKey: { in: awardKeys } },
    select: {
      id: true,
      awardKey: true,
      companyId: true,
      agencyId: true,
      subAgencyId: true,
      title: true,
      purpose: true,
      piid: true,
      obligatedAmount: true,
      potentialAmount: true,
      awardDate: true,
      awardDatePrecision: true,
      periodStart: true,
      periodEnd: true,
      contractStatus: true,
      version: true,
    },
  });
}

/** A stored value as the file's values are written: Decimals as strings with two places. */
/** The fields of a contract's form state that are columns the file owns, by the state's name. */
const OWNED_OF_STATE: Record<string, (keyof OwnedFields)[]> = {
  company: ['companyId'],
  agencyId: ['agencyId'],
  subAgencyId: ['subAgencyId'],
  title: ['title'],
  purpose: ['purpose'],
  piid: ['piid'],
  obligatedAmount: ['obligatedAmount'],
  potentialAmount: ['potentialAmount'],
  awardDate: ['awardDate', 'awardDatePrecision'],
  contractStatus: ['contractStatus'],
};

/**
 * The owned fields editors changed on these contracts, as their published changes and reverts say.
 * Few contracts have any, so this reads little however long the file.
 */
async function fieldsEditorsChanged(
  tx: Prisma.TransactionClient,
  contractIds: string[],
): Promise<Map<string, Set<string>>> {
  const changed = new Map<string, Set<string>>();
  for (const { recordId, before, after } of await editorsChanges(tx, 'CONTRACT', contractIds)) {
    for (const [stateField, owned] of Object.entries(OWNED_OF_STATE)) {
      if (sameJson(before[stateField], after[stateField])) continue;
      const fields = changed.get(recordId) ?? new Set<string>();
      for (const field of owned) fields.add(field);
      changed.set(recordId, fields);
    }
  }
  return changed;
}

function storedValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && 'toFixed' in value && typeof value.toFixed === 'function') {
    return (value as Prisma.Decimal).toFixed(2);
  }
  return value;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

function sqlRow(id: string, fields: OwnedFields): Record<string, unknown> {
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

/*
 * Rows are written with one statement per chunk, their values travelling as one JSON parameter
 * (amounts and dates as text, so exactly): Prisma's createMany and one UPDATE per row took minutes
 * for a year's file (docs/decisions/007-usaspending-and-backups.md).
 */

async function insertContracts(tx: Prisma.TransactionClient, rows: Record<string, unknown>[], now: string) {
  await tx.$executeRawUnsafe(
    `INSERT INTO "government_contracts" ("id", "company_id", "agency_id", "sub_agency_id", "title", "purpose", "piid",
       "award_key", "obligated_amount", "potential_amount", "award_date", "award_date_precision", "period_start",
       "period_end", "contract_status", "status", "created_at", "updated_at")
     SELECT v.id, v.company_id, v.agency_id, v.sub_agency_id, v.title, v.purpose, v.piid, v.award_key,
            v.obligated_amount, v.potential_amount, v.award_date, v.award_date_precision::"DatePrecision",
            v.period_start, v.period_end, v.contract_status::"ContractStatus", 'PUBLISHED', $2::timestamp(3), $2::timestamp(3)
       FROM jsonb_to_recordset($1::jsonb) AS v(${CONTRACT_COLUMNS}, award_key text)`,
    JSON.stringify(rows),
    now,
  );
}

async function updateContracts(tx: Prisma.TransactionClient, rows: Record<string, unknown>[]) {
  await tx.$executeRawUnsafe(
    `UPDATE "government_contracts" AS g SET
       "company_id" = v.company_id, "agency_id" = v.agency_id, "sub_agency_id" = v.sub_agency_id,
       "title" = v.title, "purpose" = v.purpose, "piid" = v.piid,
       "obligated_amount" = v.obligated_amount, "potential_amount" = v.potential_amount,
       "award_date" = v.award_date, "award_date_precision" = v.award_date_precision::"DatePrecision",
       "period_start" = v.period_start, "period_end" = v.period_end,
       "contract_status" = v.contract_status::"ContractStatus",
       "version" = g."version" + 1, "updated_at" = (now() AT TIME ZONE 'UTC')
     FROM jsonb_to_recordset($1::jsonb) AS v(${CONTRACT_COLUMNS})
     WHERE g."id" = v.id`,
    JSON.stringify(rows),
  );
}

async function insertLinks(tx: Prisma.TransactionClient, rows: { contract_id: string; source_id: string }[]) {
  await tx.$executeRawUnsafe(
    `INSERT INTO "contract_sources" ("contract_id", "source_id")
     SELECT v.contract_id, v.source_id FROM jsonb_to_recordset($1::jsonb) AS v(contract_id text, source_id text)
     ON CONFLICT DO NOTHING`,
    JSON.stringify(rows),
  );
}

interface RevisionValues {
  recordType: 'CONTRACT' | 'SOURCE';
  recordId: string;
  kind: 'IMPORT' | 'CREATE';
  before?: unknown;
  after: unknown;
}

/** Revision rows as `revisionRow` writes them (JSON with dates as ISO strings, Decimals as strings). */
async function insertRevisions(tx: Prisma.TransactionClient, rows: RevisionValues[], actor: string, now: string) {
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
function newId(): string {
  idCounter = (idCounter + 1) % 36 ** 4;
  const random = BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString(36)
    .padStart(13, '0')
    .slice(-12);
  return `c${Date.now().toString(36).padStart(8, '0').slice(-8)}${idCounter.toString(36).padStart(4, '0')}${random}`;
}

/** The title the import gives a contract: its description's first 200 characters, else its PIID. */
function contractTitle(description: string | null, piid: string | null, awardKey: string): string {
  const text = description?.replace(/\s+/g, ' ').trim() ?? '';
  return text ? [...text].slice(0, 200).join('').trim() : `Contract ${piid ?? awardKey}`;
}

/** "2018-04-26" as midnight UTC, as Prisma reads a DATE column. */
function utcDay(day: string | null): Date | null {
  return day === null ? null : new Date(`${day}T00:00:00Z`);
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function chunks<T>(items: T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let at = 0; at < items.length; at += size) parts.push(items.slice(at, at + size));
  return parts;
}
