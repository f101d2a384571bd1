import type { Prisma, PrismaClient } from '../generated/prisma/client';
import type { ContractStatus, DatePrecision } from '../generated/prisma/enums';
import { beforeAsKnown } from '../dates';
import { editorsChanges, lastWritten, sameJson, stillImported } from '../records/revisions';
import { citersOutsideGroup } from '../records/contract-citers';
import { NO_RECIPIENT_NAME } from './usaspending-report';
import { nameKey } from '../text';
import {
  USASPENDING_COLUMNS,
  UsaspendingFileReader,
  type LeftOut,
  type RowForReview,
  type UsaspendingAward,
} from './usaspending-file';
import {
  ensurePermalinkSources,
  loadAgencies,
  loadCompanyKeys,
  type AgencyKeptWithoutParent,
  type SubAgencyOfAnother,
} from './usaspending-lookups';
import {
  CHUNK,
  chunks,
  insertContracts,
  insertLinks,
  insertRevisions,
  isoDay,
  newId,
  piidKey,
  piidKeySql,
  sqlRow,
  statusDatesRow,
  type StatusDates,
  updateContracts,
  type OwnedFields,
  type RevisionValues,
} from './usaspending-rows';

export const USASPENDING_ACTOR = 'import:usaspending';
/**
 * The longest recipient name the list of those waiting keeps whole: its unique index holds a few
 * kilobytes at most, and a name longer than this is no company's.
 */
const LISTED_NAME_LENGTH = 500;

/** A recipient that matches no company name or alias: its rows wait for a reviewer. */
export interface UnmatchedRecipient {
  name: string;
  parent: string | null;
  rows: number;
  /** Of its rows, those whose award is on record already (from an earlier import): left as they were, not updated. */
  stored: number;
  /** A company whose name matches once "Inc.", "LLC" and the like are dropped: a hint, never applied. */
  perhaps: string | null;
  perhapsId: string | null;
  /** The hint was read from its parent's name, its own suggesting none. */
  perhapsByParent: boolean;
  /** The hint is the company that holds the contracts of its stored rows (most of them). */
  perhapsHolds: boolean;
  /** The permalink of its first row: a source for the company, should a reviewer add it. */
  permalink: string;
  /** Set aside by a reviewer before (a recipient the record does not follow): it stays aside. */
  setAside?: boolean;
}

/** A recipient the file's rows were imported under, and the company they went to. */
export interface MatchedRecipient {
  name: string;
  company: { name: string; slug: string };
  /** The recipient's parent, when the company was found by it rather than by the recipient's own name. */
  byParent: string | null;
  rows: number;
}

export interface UsaspendingImportReport {
  /** Data rows in the file. */
  rows: number;
  created: { contracts: number; agencies: string[]; sources: number };
  updated: { awardKey: string; fields: string[] }[];
  /** Fields the file would change that editors corrected: left as the editors made them. */
  kept: { awardKey: string; contractId: string; fields: string[] }[];
  /**
   * Contracts whose recipient the file now matches to a company of another group, kept with their
   * company: records on file of its group cite them (a contract changes hands only within it).
   */
  keptHolders: { awardKey: string; contractId: string; citedBy: string }[];
  /**
   * Awards stored from a file modified later than this one says the award was (its
   * last_modified_date): an older download is left out, never undoing the newer one.
   */
  older: { awardKey: string; contractId: string; file: string; stored: string }[];
  /**
   * The file's awards (created now or before) that a published contract entered by hand (without
   * an award key) may already stand for: the same PIID (but for case, spaces and punctuation),
   * company and awarding department. Both are kept, never merged by guess: a reviewer compares
   * them and archives the one entered by hand if it is the same contract (an import of the file
   * names them again until then).
   */
  maybeEnteredByHand: { awardKey: string; contractId: string; enteredId: string }[];
  unchanged: number;
  /**
   * Awards whose contract a reviewer archived: left as they are, off the public pages, neither
   * updated nor counted unchanged (a contract brought back from its history follows the next file).
   */
  archived: { awardKey: string; contractId: string }[];
  unmatchedRecipients: UnmatchedRecipient[];
  /** Which company each recipient's rows went to, most rows first: what a reviewer checks the matching by. */
  matchedRecipients: MatchedRecipient[];
  /** Rows not imported because their values contradict each other. */
  review: RowForReview[];
  /** Values of imported rows that were not stored (a negative amount). */
  leftOut: LeftOut[];
  /** Contracts an editor marked cancelled or not renewed: the file never changes that. */
  keptStatuses: number;
  /** Agencies the file names under a department that were left without a parent (the file's contracts are imported). */
  agenciesKeptWithoutParent: AgencyKeptWithoutParent[];
  /** Sub-agencies the file names under a department that are another department's: left off its contracts. */
  subAgenciesOfOthers: SubAgencyOfAnother[];
  durationMs: number;
  /** The file was checked only: the report is what importing it would do, and nothing was written. */
  checkedOnly: boolean;
}

export interface UsaspendingImportOptions {
  actor?: string;
  /** The day contract statuses are judged on (ACTIVE until the period ends); today by default. */
  today?: Date;
  /**
   * Check the file only: it is imported as it would be, inside its transaction, and then rolled
   * back, so that the report says what importing it would do and nothing is written.
   */
  checkOnly?: boolean;
}

/** What the writing of the file reports; the reading of it adds the rest. */
type WrittenReport = Omit<UsaspendingImportReport, 'rows' | 'review' | 'durationMs' | 'checkedOnly'>;

/** Thrown out of a check's transaction to roll it back, with what the import would have done. */
class CheckedOnly extends Error {
  constructor(readonly result: WrittenReport) {
    super('checked only: rolled back');
  }
}

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
  const checkOnly = options.checkOnly ?? false;
  const result = await client
    .$transaction(
      async (tx) => {
        const writer = await startWriting(tx, options);
        for await (const part of reader.parts(input, CHUNK)) await writer.write(part);
        reader.check();
        const done = await writer.finish();
        if (checkOnly) throw new CheckedOnly(done);
        return done;
      },
      // A year's file of a large agency (hundreds of thousands of rows) takes minutes.
      { timeout: 30 * 60_000, maxWait: 10_000 },
    )
    .catch((error: unknown) => {
      if (error instanceof CheckedOnly) return error.result;
      throw error;
    });
  return {
    rows: reader.rows,
    ...result,
    review: reader.review,
    durationMs: Math.round(performance.now() - started),
    checkedOnly: checkOnly,
  };
}

/**
 * Writes checked awards, a part at a time, inside the import's transaction. Idempotent: the award's
 * unique key is the external id, so a second run of the same file changes nothing, and a newer file
 * changes only what changed. Only what the report needs is kept from one part to the next.
 */
async function startWriting(tx: Prisma.TransactionClient, options: UsaspendingImportOptions) {
  const actor = options.actor ?? USASPENDING_ACTOR;
  const today = isoDay(options.today ?? new Date());
  /** A contract's status as the last day of its period says it: running through that day (lib/contract-status.ts). */
  const statusByEnd = (end: string): ContractStatus => (end >= today ? 'ACTIVE' : 'COMPLETED');
  // One time for every row this import writes (created_at, updated_at), as Prisma writes it: UTC.
  const now = new Date().toISOString();
  const companies = await loadCompanyKeys(tx);
  const agencies = await loadAgencies(tx, actor);

  const unmatched = new Map<string, UnmatchedRecipient>();
  /** For each unmatched recipient, the companies holding the contracts of its stored rows, with how many each. */
  const holdersOf = new Map<string, Map<string, number>>();
  /** The recipients this file's imported rows name: off the list of those waiting, if they were on it. */
  const matched = new Map<string, { companyId: string; byParent: string | null; rows: number }>();
  const leftOut: LeftOut[] = [];
  const updated: UsaspendingImportReport['updated'] = [];
  const maybeEnteredByHand: UsaspendingImportReport['maybeEnteredByHand'] = [];
  const kept: UsaspendingImportReport['kept'] = [];
  const keptHolders: UsaspendingImportReport['keptHolders'] = [];
  const older: UsaspendingImportReport['older'] = [];
  const archived: UsaspendingImportReport['archived'] = [];
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
      // The period's last day still counts as running (lib/contract-status.ts).
      ...(award.periodEnd ? { contractStatus: statusByEnd(award.periodEnd) } : {}),
    };
  };

  /** One part of the file: its stored contracts read, new ones inserted, changed ones updated, all linked. */
  async function write(awards: UsaspendingAward[]): Promise<void> {
    // Recipients: a company is found by the recipient's name, else by its parent's; never guessed.
    const part: { award: UsaspendingAward; companyId: string }[] = [];
    const unmatchedAwards: { name: string; awardKey: string }[] = [];
    for (const award of awards) {
      const byName = companies.find(award.recipient);
      const companyId = byName ?? companies.find(award.recipientParent);
      if (companyId) {
        const name = award.recipient || NO_RECIPIENT_NAME;
        const seen = matched.get(name) ?? { companyId, byParent: byName ? null : award.recipientParent, rows: 0 };
        seen.rows += 1;
        matched.set(name, seen);
        part.push({ award, companyId });
        leftOut.push(...award.leftOut);
        continue;
      }
      const name = award.recipient || NO_RECIPIENT_NAME;
      const entry = unmatched.get(name) ?? {
        name,
        parent: award.recipientParent,
        rows: 0,
        stored: 0,
        perhaps: null,
        perhapsId: null,
        perhapsByParent: false,
        perhapsHolds: false,
        permalink: award.permalink,
      };
      entry.rows += 1;
      unmatched.set(name, entry);
      unmatchedAwards.push({ name, awardKey: award.awardKey });
    }
    if (unmatchedAwards.length > 0) {
      // An award stored by an earlier import whose recipient matches no company now (a name changed
      // in the file, an alias removed) keeps its contract as it was: the report says how many.
      // The company holding them is what it most likely is (renamed in the file, say): the hint.
      const stored = await tx.governmentContract.findMany({
        where: { awardKey: { in: unmatchedAwards.map((award) => award.awardKey) } },
        select: { awardKey: true, companyId: true },
      });
      const holderOf = new Map(stored.map((contract) => [contract.awardKey, contract.companyId]));
      for (const award of unmatchedAwards) {
        const holder = holderOf.get(award.awardKey);
        if (holder === undefined) continue;
        (unmatched.get(award.name) as UnmatchedRecipient).stored += 1;
        const holders = holdersOf.get(award.name) ?? new Map<string, number>();
        holders.set(holder, (holders.get(holder) ?? 0) + 1);
        holdersOf.set(award.name, holders);
      }
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
        fresh.map(({ id, award, fields }) => ({
          ...sqlRow(id, fields),
          award_key: award.awardKey,
          award_last_modified: award.lastModified,
        })),
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
    const editorSteps = await editorsChanges(
      tx,
      'CONTRACT',
      [...existing.values()].map((contract) => contract.id),
    );
    const corrected = fieldsEditorsChanged(editorSteps);
    const taken = sourcesEditorsTookOut(editorSteps);
    // What the imports last wrote into those: a field an editor put back to it follows the file again.
    const imported = await lastWritten(tx, 'CONTRACT', [...corrected.keys()], { kind: 'IMPORT' });
    // Whether the award's page is among the sources of the contracts editors took a source from
    // (few): one they took it from stays without it.
    const cited = await citedPermalinks(
      tx,
      [...new Set([...taken].map((pair) => pair.split(':')[0] as string))],
      [...sources.ids.values()],
    );
    const unlinked = new Set<string>();
    const newerModified: [string, string][] = [];
    for (const { award, companyId } of part) {
      const current = existing.get(award.awardKey);
      if (!current) continue;
      // A reviewer took it off the record: the file does not write it back there, nor link it again.
      if (current.status === 'ARCHIVED') {
        archived.push({ awardKey: award.awardKey, contractId: current.id });
        unlinked.add(current.id);
        continue;
      }
      // The award's last modification as the latest file gave it: a file older than that changes nothing.
      const storedFrom = current.awardLastModified ?? undefined;
      if (award.lastModified && storedFrom && olderThan(award.lastModified, storedFrom)) {
        older.push({ awardKey: award.awardKey, contractId: current.id, file: award.lastModified, stored: storedFrom });
        // Nor is a link to the award's page put back that an editor took out.
        unlinked.add(current.id);
        continue;
      }
      if (award.lastModified && (!storedFrom || olderThan(storedFrom, award.lastModified)))
        newerModified.push([current.id, award.lastModified]);
      const fields = wanted(award, companyId);
      if (EDITORIAL_STATUSES.has(current.contractStatus)) {
        delete fields.contractStatus;
        keptStatuses += 1;
      }
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      const keptFields: string[] = [];
      // A title no longer made from the stored description is an editor's, and stays; one still made
      // from it follows the file. Kept while the file would make another, it is said to be, as the
      // other fields editors corrected are.
      if (current.title !== contractTitle(current.purpose, current.piid, award.awardKey)) {
        if (fields.title !== current.title && corrected.get(current.id)?.has('title')) keptFields.push('title');
        fields.title = current.title;
      }
      const permalinkId = sources.ids.get(award.permalink) as string;
      if (!cited.has(`${current.id}:${permalinkId}`) && taken.has(`${current.id}:${permalinkId}`)) {
        unlinked.add(current.id);
        keptFields.push('sources');
      }
      // A value the file gives that the record cannot keep (a negative amount) is left out: the stored one stays.
      const leftOutColumns = new Set(award.leftOut.map((value) => value.column));
      for (const [field, fileValue] of Object.entries(fields) as [keyof OwnedFields, unknown][]) {
        let value = fileValue;
        // The status the period's end says is that of the end the record keeps: an editor's correction
        // of it, kept above (the status comes after the period), not the file's; none kept, none said.
        if (field === 'contractStatus' && keptFields.includes('periodEnd')) {
          const end = fields.periodEnd as Date | null;
          value = end ? statusByEnd(isoDay(end)) : current.contractStatus;
          fields.contractStatus = value as ContractStatus;
        }
        const stored = storedValue(current[field]);
        if (sameValue(stored, value)) continue;
        if (
          (field === 'obligatedAmount' || field === 'potentialAmount') &&
          leftOutColumns.has(USASPENDING_COLUMNS[field])
        ) {
          Object.assign(fields, { [field]: stored });
          continue;
        }
        // A field holding what the imports last wrote follows the file again; a date and its precision
        // go together (an editor's "June 2020" keeps its day too).
        const together = field === 'awardDate' || field === 'awardDatePrecision' ? AWARD_DATE : [field];
        const lastWrote = imported.get(current.id) ?? {};
        const editors = together.some((one) => !stillImported(storedValue(current[one]), lastWrote, one));
        if (corrected.get(current.id)?.has(field) && editors) {
          // What an editor corrected stays theirs; the reviewer reads that the file says otherwise.
          Object.assign(fields, { [field]: stored });
          keptFields.push(field);
          continue;
        }
        // Nor does the contract leave the group of the records citing it, as a form could not move it.
        const [citer] = field === 'companyId' ? await citersOutsideGroup(tx, current.id, companyId) : [];
        if (citer) {
          Object.assign(fields, { [field]: stored });
          keptHolders.push({
            awardKey: award.awardKey,
            contractId: current.id,
            citedBy: `${citer.kind} “${citer.label}”`,
          });
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
      // The report names the file's fields; the status's dates go with the status.
      const changedFields = Object.keys(after);
      // Dated anew when the file changes the status, or moves the end of a period that dated a
      // completed one (its "Completed 30 April 2019" would keep the old end).
      const statusChanged = 'contractStatus' in after;
      const endMoved =
        !statusChanged &&
        'periodEnd' in after &&
        current.contractStatus === 'COMPLETED' &&
        current.statusChangedAt !== null &&
        sameValue(current.statusChangedAt, current.periodEnd);
      const statusDates =
        statusChanged || endMoved
          ? fileStatusDates(
              (statusChanged ? after.contractStatus : current.contractStatus) as ContractStatus,
              fields.periodEnd,
              // The file's day, or the date and precision an editor corrected it to, kept above.
              { date: fields.awardDate, precision: fields.awardDatePrecision as DatePrecision },
              today,
            )
          : null;
      if (statusDates) {
        for (const [field, value] of Object.entries(statusDates) as [keyof StatusDates, unknown][]) {
          if (sameValue(current[field], value)) continue;
          before[field] = current[field];
          after[field] = value;
        }
      }
      changedRows.push({
        ...sqlRow(current.id, { ...fields, contractStatus: fields.contractStatus ?? current.contractStatus }),
        ...(statusDates && statusDatesRow(statusDates)),
      });
      changes.push({
        recordType: 'CONTRACT',
        recordId: current.id,
        kind: 'IMPORT',
        // With the award's last modification the file gives, which a later import compares its own with.
        before: {
          version: current.version,
          ...before,
          ...(award.lastModified && { lastModified: storedFrom ?? null }),
        },
        after: {
          version: current.version + 1,
          ...after,
          ...(award.lastModified && { lastModified: award.lastModified }),
        },
      });
      updated.push({ awardKey: award.awardKey, fields: changedFields });
    }
    if (changedRows.length) await updateContracts(tx, changedRows);
    await insertRevisions(tx, changes, actor, now);
    await keepLastModified(tx, newerModified);
    // Every award of the part, new or stored, that a contract entered by hand may repeat: named each
    // time the file is imported, until a reviewer archives one of the two.
    maybeEnteredByHand.push(
      ...(await enteredByHand(
        tx,
        part
          .filter(({ award }) => existing.get(award.awardKey)?.status !== 'ARCHIVED')
          .map(({ award, companyId }) => ({
            awardKey: award.awardKey,
            contractId: contractIdByKey.get(award.awardKey) as string,
            piid: award.piid,
            companyId,
            agencyId: agencies.departmentId(award.agency),
          })),
      )),
    );

    // Every contract cites its permalink (a link is only ever added), but for one an editor took it from.
    await insertLinks(
      tx,
      part
        .map(({ award }) => ({
          contract_id: contractIdByKey.get(award.awardKey) as string,
          source_id: sources.ids.get(award.permalink) as string,
        }))
        .filter((link) => !unlinked.has(link.contract_id)),
    );
  }

  /** What the import did, once every part is written. */
  async function finish(): Promise<WrittenReport> {
    const holders = await publishedHolders(tx, holdersOf);
    for (const entry of unmatched.values()) {
      const holder = holders.get(entry.name);
      if (holder) {
        Object.assign(entry, {
          perhaps: holder.name,
          perhapsId: holder.id,
          perhapsByParent: false,
          perhapsHolds: true,
        });
        continue;
      }
      const own = await companies.perhaps(entry.name);
      const hint = own ?? (await companies.perhaps(entry.parent));
      entry.perhaps = hint?.name ?? null;
      entry.perhapsId = hint?.id ?? null;
      entry.perhapsByParent = !own && hint !== null;
    }
    const setAside = await keepUnmatched(tx, [...unmatched.values()], [...matched.keys()], now);
    const named = new Map(
      (
        await tx.company.findMany({
          where: { id: { in: [...new Set([...matched.values()].map((entry) => entry.companyId))] } },
          select: { id: true, name: true, slug: true },
        })
      ).map((company) => [company.id, { name: company.name, slug: company.slug }]),
    );
    for (const recipient of unmatched.values())
      recipient.setAside = setAside.has(recipient.name.slice(0, LISTED_NAME_LENGTH));
    return {
      leftOut,
      created: { contracts: created, agencies: agencies.created, sources: createdSources },
      updated,
      kept,
      keptHolders,
      older,
      maybeEnteredByHand,
      unchanged,
      archived,
      keptStatuses,
      agenciesKeptWithoutParent: agencies.keptWithoutParent,
      subAgenciesOfOthers: agencies.subAgenciesOfOthers(),
      unmatchedRecipients: [...unmatched.values()].sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name)),
      matchedRecipients: [...matched]
        .map(([name, { companyId, byParent, rows }]) => ({ name, company: named.get(companyId)!, byParent, rows }))
        .sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name)),
    };
  }

  return { write, finish };
}

/**
 * For each recipient with rows on record already, the published company holding most of their
 * contracts (the one a merge left them with), by name: what the recipient most likely is.
 */
async function publishedHolders(
  tx: Prisma.TransactionClient,
  holdersOf: Map<string, Map<string, number>>,
): Promise<Map<string, { id: string; name: string }>> {
  const ids = [...new Set([...holdersOf.values()].flatMap((holders) => [...holders.keys()]))];
  if (ids.length === 0) return new Map();
  const published = new Map(
    (
      await tx.company.findMany({
        where: { id: { in: ids }, status: 'PUBLISHED', mergedIntoId: null },
        select: { id: true, name: true },
      })
    ).map((company) => [company.id, company]),
  );
  const holders = new Map<string, { id: string; name: string }>();
  for (const [name, counts] of holdersOf) {
    const [most] = [...counts]
      .filter(([id]) => published.has(id))
      .sort(([a, m], [b, n]) => n - m || a.localeCompare(b));
    if (most) holders.set(name, published.get(most[0])!);
  }
  return holders;
}

/**
 * The list of recipients waiting for a company (unmatched_recipients), brought up to date with this
 * import: those it left out are listed with its count of their rows, those whose rows it imported
 * are taken off. Those of earlier files stay until a file naming them is imported again.
 */
async function keepUnmatched(
  tx: Prisma.TransactionClient,
  waiting: UnmatchedRecipient[],
  matched: string[],
  now: string,
): Promise<Set<string>> {
  const setAside = new Set<string>();
  // In the order of their names, so that two imports at once wait for each other rather than deadlock.
  const listed = (name: string) => name.slice(0, LISTED_NAME_LENGTH);
  const byName = new Map(waiting.map((entry) => [listed(entry.name), entry]));
  // A name whose rows all matched leaves the list; one with rows still unmatched (its other rows
  // matched through their parent) stays, updated below, with its first sighting and whether a
  // reviewer set it aside: taken off and listed anew, it had come back as never seen nor decided.
  const done = [...new Set(matched.map(listed))].filter((name) => !byName.has(name));
  for (const names of chunks(done.sort(), CHUNK)) {
    await tx.unmatchedRecipient.deleteMany({ where: { name: { in: names } } });
  }
  for (const names of chunks([...byName.keys()].sort(), CHUNK)) {
    const rows = names.map((name) => {
      const entry = byName.get(name) as UnmatchedRecipient;
      return {
        id: newId(),
        name,
        key: nameKey(name),
        parent_name: entry.parent && listed(entry.parent),
        parent_key: entry.parent ? nameKey(listed(entry.parent)) || null : null,
        rows: entry.rows,
        permalink: entry.permalink,
        perhaps_company_id: entry.perhapsId,
        perhaps_by_parent: entry.perhapsByParent,
        stored_rows: entry.stored,
        perhaps_holds: entry.perhapsHolds,
      };
    });
    // Each once: added, or given this file's count, parent and permalink (when first seen is kept,
    // and whether a reviewer set it aside, which is said in the report). A new spelling of a
    // recipient set aside (the same key) is aside with it, as the lists show them as one.
    const stored = await tx.$queryRaw<{ name: string; aside: boolean }[]>`
      INSERT INTO unmatched_recipients
        (id, name, key, parent_name, parent_key, rows, permalink, perhaps_company_id, perhaps_by_parent, stored_rows,
         perhaps_holds, first_seen_at, last_seen_at, set_aside_at, set_aside_by_id)
      SELECT r.id, r.name, r.key, r.parent_name, r.parent_key, r.rows, r.permalink, r.perhaps_company_id, r.perhaps_by_parent,
             r.stored_rows, r.perhaps_holds, ${now}::timestamp, ${now}::timestamp, aside.set_aside_at, aside.set_aside_by_id
      FROM json_to_recordset(${JSON.stringify(rows)}::json)
        AS r(id text, name text, key text, parent_name text, parent_key text, rows int, permalink text, perhaps_company_id text,
             perhaps_by_parent boolean, stored_rows int, perhaps_holds boolean)
      LEFT JOIN LATERAL (
        SELECT s.set_aside_at, s.set_aside_by_id FROM unmatched_recipients s
        WHERE r.key <> '' AND s.key = r.key AND s.set_aside_at IS NOT NULL ORDER BY s.set_aside_at LIMIT 1
      ) aside ON true
      ON CONFLICT (name) DO UPDATE SET key = excluded.key, parent_name = excluded.parent_name,
        parent_key = excluded.parent_key, rows = excluded.rows, permalink = excluded.permalink,
        perhaps_company_id = excluded.perhaps_company_id, perhaps_by_parent = excluded.perhaps_by_parent,
        stored_rows = excluded.stored_rows, perhaps_holds = excluded.perhaps_holds, last_seen_at = excluded.last_seen_at
      RETURNING name, set_aside_at IS NOT NULL AS aside`;
    for (const row of stored) if (row.aside) setAside.add(row.name);
  }
  return setAside;
}

/**
 * The published contracts entered by hand (no award key) that these awards' contracts may repeat: the
 * same PIID as piidKey compares them, company and awarding department. One statement.
 */
async function enteredByHand(
  tx: Prisma.TransactionClient,
  created: { awardKey: string; contractId: string; piid: string | null; companyId: string; agencyId: string }[],
): Promise<UsaspendingImportReport['maybeEnteredByHand']> {
  const withPiid = created.filter((contract) => contract.piid && piidKey(contract.piid));
  if (withPiid.length === 0) return [];
  const entered = await tx.$queryRaw<{ id: string; piid: string; company_id: string; agency_id: string }[]>`
    SELECT id, piid, company_id, agency_id FROM government_contracts
    WHERE award_key IS NULL AND status = 'PUBLISHED'
      AND ${piidKeySql} = ANY(${withPiid.map((contract) => piidKey(contract.piid as string))})
    ORDER BY created_at, id`;
  return withPiid.flatMap(({ awardKey, contractId, piid, companyId, agencyId }) =>
    entered
      .filter(
        (hand) =>
          piidKey(hand.piid) === piidKey(piid as string) &&
          hand.company_id === companyId &&
          hand.agency_id === agencyId,
      )
      .map((hand) => ({ awardKey, contractId, enteredId: hand.id })),
  );
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
      awardLastModified: true,
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
      statusChangedAt: true,
      statusChangedPrecision: true,
      statusRecordedAt: true,
      status: true,
      version: true,
    },
  });
}

const AWARD_DATE: (keyof OwnedFields)[] = ['awardDate', 'awardDatePrecision'];

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
  // In editors' states since 7 December (a state from before has neither: not a change of them).
  periodStart: ['periodStart'],
  periodEnd: ['periodEnd'],
};

/** The pairs (contract:source) of these contracts linked to these sources. */
async function citedPermalinks(
  tx: Prisma.TransactionClient,
  contractIds: string[],
  sourceIds: string[],
): Promise<Set<string>> {
  if (contractIds.length === 0) return new Set();
  const rows = await tx.contractSource.findMany({
    where: { contractId: { in: contractIds }, sourceId: { in: sourceIds } },
    select: { contractId: true, sourceId: true },
  });
  return new Set(rows.map((row) => `${row.contractId}:${row.sourceId}`));
}

type EditorSteps = Awaited<ReturnType<typeof editorsChanges>>;

/**
 * The owned fields editors changed on these contracts, as their published changes and reverts say.
 * Few contracts have any, so this reads little however long the file.
 */
function fieldsEditorsChanged(steps: EditorSteps): Map<string, Set<string>> {
  const changed = new Map<string, Set<string>>();
  for (const { recordId, before, after } of steps) {
    for (const [stateField, owned] of Object.entries(OWNED_OF_STATE)) {
      if (!(stateField in before && stateField in after) || sameJson(before[stateField], after[stateField])) continue;
      const fields = changed.get(recordId) ?? new Set<string>();
      for (const field of owned) fields.add(field);
      changed.set(recordId, fields);
    }
  }
  return changed;
}

/**
 * The sources editors took out of these contracts (contract:source), in their published changes
 * and reverts, and did not put back since: an award's page among them is not linked again.
 */
function sourcesEditorsTookOut(steps: EditorSteps): Set<string> {
  const ids = (sources: unknown) =>
    new Set(
      (Array.isArray(sources) ? sources : []).flatMap((source: { sourceId?: unknown }) =>
        typeof source?.sourceId === 'string' ? [source.sourceId] : [],
      ),
    );
  const taken = new Set<string>();
  for (const { recordId, before, after } of steps) {
    const [had, has] = [ids(before.sources), ids(after.sources)];
    for (const id of had) if (!has.has(id)) taken.add(`${recordId}:${id}`);
    for (const id of has) taken.delete(`${recordId}:${id}`);
  }
  return taken;
}

/**
 * When a status the file changes is known from: a completed contract ended with its period; an
 * active one is so as of the import. What an editor said of the old status (since when, the day
 * it was recorded) no longer dates it: kept, "Active since May 2019" would read "Completed May 2019".
 */
function fileStatusDates(
  status: ContractStatus,
  periodEnd: Date | null,
  award: { date: Date | null; precision: DatePrecision },
  today: string,
): StatusDates {
  // A period said to end before the award (as precisely as the award is known) dates nothing: the
  // contract's form would refuse that date as its status's (lib/validation/records.ts).
  const beforeAward =
    periodEnd !== null &&
    award.date !== null &&
    beforeAsKnown(
      { date: isoDay(periodEnd), precision: 'DAY' },
      { date: isoDay(award.date), precision: award.precision },
    );
  const ended = status === 'COMPLETED' && periodEnd !== null && !beforeAward;
  return {
    statusChangedAt: ended ? periodEnd : null,
    statusChangedPrecision: 'DAY',
    // A status not known is known as of no day.
    statusRecordedAt: ended || status === 'UNKNOWN' ? null : (utcDay(today) as Date),
  };
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

/** The title the import gives a contract: its description's first 200 characters, else its PIID. */
function contractTitle(description: string | null, piid: string | null, awardKey: string): string {
  const text = description?.replace(/\s+/g, ' ').trim() ?? '';
  return text ? [...text].slice(0, 200).join('').trim() : `Contract ${piid ?? awardKey}`;
}

/** "2018-04-26" as midnight UTC, as Prisma reads a DATE column. */
function utcDay(day: string | null): Date | null {
  return day === null ? null : new Date(`${day}T00:00:00Z`);
}

/**
 * Whether a file's last_modified_date is before the one on record: "2019-01-01 10:00:00" and
 * "2019-01-01T10:00:00" alike, and one written to the minute or the day ("2019-06-03 14:22", as a
 * spreadsheet may save it again) is not before the same moment written to the second.
 */
function olderThan(file: string, onRecord: string): boolean {
  const [a = '', b = ''] = [file, onRecord].map((text) => text.replace('T', ' '));
  return a < b && !b.startsWith(a);
}

/**
 * Keeps with each contract the last modification of the award the file gives, whether or not the
 * file changed the contract (a newer file that changed nothing still makes an older one older):
 * one statement, which leaves the contract's version as it is.
 */
async function keepLastModified(tx: Prisma.TransactionClient, modified: [id: string, lastModified: string][]) {
  if (modified.length === 0) return;
  await tx.$executeRaw`
    UPDATE government_contracts AS k SET award_last_modified = v.modified
    FROM unnest(${modified.map(([id]) => id)}::text[], ${modified.map(([, at]) => at)}::text[]) AS v(id, modified)
    WHERE k.id = v.id`;
}
