import type { Prisma } from '../generated/prisma/client';
import { revisionRow } from '../records/revisions';
import { slugify } from '../slug';
import { nameKey, withoutLegalForm } from '../text';
import { sourceHost } from '../urls';
import type { UsaspendingAward } from './usaspending-file';
import { CHUNK, chunks, insertRevisions, newId } from './usaspending-rows';

/*
 * What the USAspending import finds or makes before it writes contracts: the companies recipients
 * are matched to, the agencies and the permalinks' sources.
 */

export const USASPENDING_PUBLISHER = 'USAspending.gov';

/**
 * Company ids by the keys of every name and alias; merged companies lead to the survivor. Only
 * published companies are matched: a contract of a company waiting for review, rejected or
 * archived would be published where no page shows it (its recipient waits for a reviewer instead).
 */
export async function loadCompanyKeys(tx: Prisma.TransactionClient) {
  const [aliases, merged, published] = await Promise.all([
    tx.companyAlias.findMany({ select: { key: true, companyId: true } }),
    tx.company.findMany({ where: { mergedIntoId: { not: null } }, select: { id: true, mergedIntoId: true } }),
    tx.company.findMany({ where: { status: 'PUBLISHED' }, select: { id: true } }),
  ]);
  const live = new Set(published.map((company) => company.id));
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
  const idByKey = new Map(
    aliases.flatMap((alias) => {
      const id = survivor(alias.companyId);
      return live.has(id) ? [[alias.key, id] as const] : [];
    }),
  );
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
    /**
     * The name of a company the name would match without its legal form ("Inc.", "LLC"), or else
     * also without the words a government contractor's unit adds ("PALANTIR USG", "ACCENTURE
     * FEDERAL SERVICES"): a suggestion for a reviewer, never a match.
     */
    async perhaps(name: string | null): Promise<{ id: string; name: string } | null> {
      if (!name) return null;
      const bare = withoutLegalForm(name);
      const key = [bare, withoutUnitWords(bare)].map(nameKey).find((candidate) => candidate && idByKey.has(candidate));
      if (!key) return null;
      return tx.company.findUnique({ where: { id: idByKey.get(key) }, select: { id: true, name: true } });
    },
  };
}

/**
 * The name without the words that name a unit of a company rather than the company, at its end:
 * "PALANTIR USG" -> "PALANTIR", "ACCENTURE FEDERAL SERVICES" -> "ACCENTURE". Never to nothing.
 */
function withoutUnitWords(name: string): string {
  const unit =
    /\s+(usg|us|usa|federal|government|gov|public sector|national security|technologies|technology|solutions|services|systems|holdings|group|international|north america)$/i;
  let text = name.trim();
  for (let previous = ''; previous !== text;) {
    previous = text;
    const shorter = text.replace(unit, '').trim();
    if (shorter) text = shorter;
  }
  return text;
}

/** The sources of the permalinks: one per normalised url, publisher USAspending.gov. */
export async function ensurePermalinkSources(
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
  // A page stored by its address alone (cited before, as a reviewer adding a waiting recipient's
  // company does, its publisher at most the host the form fills in): named as the import names its
  // pages, so that its contracts read alike.
  const bare: { id: string; url: string; title: string; publisher: string | null }[] = [];
  for (const part of chunks(urls, 10_000)) {
    const stored = await tx.source.findMany({
      where: { url: { in: part } },
      select: { id: true, url: true, publisher: true, title: true },
    });
    for (const source of stored) {
      ids.set(source.url as string, source.id);
      const url = source.url as string;
      if (source.title === null && (source.publisher === null || source.publisher.toLowerCase() === sourceHost(url))) {
        bare.push({ id: source.id, url, title: titleOf.get(url) as string, publisher: source.publisher });
      }
    }
  }
  for (const part of chunks(bare, CHUNK)) {
    await tx.$executeRawUnsafe(
      `UPDATE "sources" s SET "publisher" = $2, "title" = v.title, "updated_at" = $3::timestamp(3)
         FROM jsonb_to_recordset($1::jsonb) AS v(id text, title text, publisher text)
        WHERE s.id = v.id AND s.publisher IS NOT DISTINCT FROM v.publisher AND s.title IS NULL`,
      JSON.stringify(part),
      USASPENDING_PUBLISHER,
      now,
    );
    await insertRevisions(
      tx,
      part.map((row) => ({
        recordType: 'SOURCE',
        recordId: row.id,
        kind: 'IMPORT',
        before: { publisher: row.publisher, title: null },
        after: { publisher: USASPENDING_PUBLISHER, title: row.title },
      })),
      actor,
      now,
    );
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

/** A stored agency the file names under a department, left where it was. */
export interface AgencyKeptWithoutParent {
  name: string;
  department: string;
  reason: string;
}

/**
 * A sub-agency the file names under a department that is, on record, another department's (an
 * "Office of Inspector General" every department has): its contracts are imported under the
 * department without it, never filed under the other department's office.
 */
export interface SubAgencyOfAnother {
  name: string;
  department: string;
  /** The department the agency of that name is under. */
  under: string;
  rows: number;
}

/**
 * The awarding agencies and their sub-agencies, found by name, other name or acronym (whatever the
 * case, spaces and punctuation: "US Customs and Border Protection" is "U.S. Customs and Border
 * Protection", as a company's name is recognised) or created as published federal agencies citing
 * the first permalink that names them. A sub-agency is placed
 * under its department; an existing one is only given a parent when it has none. The stored
 * agencies are read once; `ensure` adds those a part of the file names for the first time.
 */
export async function loadAgencies(tx: Prisma.TransactionClient, actor: string) {
  const key = nameKey;
  const stored = await tx.agency.findMany({
    select: { id: true, name: true, slug: true, parentId: true, aliases: true, acronym: true },
    orderBy: { createdAt: 'asc' },
  });
  const byName = new Map<string, { id: string; name: string; parentId: string | null }>();
  const nameOf = new Map(stored.map((agency) => [agency.id, agency.name]));
  for (const agency of stored) if (!byName.has(key(agency.name))) byName.set(key(agency.name), agency);
  // Then by another name an editor gave it, unless that is some agency's own name.
  for (const agency of stored) {
    for (const alias of agency.aliases) if (!byName.has(key(alias))) byName.set(key(alias), agency);
  }
  // Last, by its acronym ("DHS"), which a file may write for the name.
  for (const agency of stored) {
    if (agency.acronym && !byName.has(key(agency.acronym))) byName.set(key(agency.acronym), agency);
  }
  const takenSlugs = new Set(stored.map((agency) => agency.slug));
  /** Agencies the file names under a department that were left without a parent, and why. */
  const keptWithoutParent: AgencyKeptWithoutParent[] = [];
  /** The awarding agencies the file has named so far (their contracts may not be written yet). */
  const awarding = new Set<string>();

  /** Why the agency cannot be put under the department, or null when it can. */
  const whyNotUnder = async (
    agencyId: string,
    department: { id: string; parentId: string | null },
  ): Promise<string | null> => {
    if (department.parentId) return 'the department is itself under another agency';
    const [row] = await tx.$queryRaw<{ children: boolean; awards: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM agencies WHERE parent_id = ${agencyId}) AS children,
             EXISTS (SELECT 1 FROM government_contracts WHERE agency_id = ${agencyId}) AS awards`;
    if (row?.children) return 'agencies are under it';
    if (row?.awards || [...awarding].some((key) => byName.get(key)?.id === agencyId)) {
      return 'it awards contracts as a department';
    }
    return null;
  };
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
    const permalinkOf = new Map(rows.map((row) => [key(row.name), row.permalink]));
    for (const agency of made) {
      byName.set(key(agency.name), agency);
      nameOf.set(agency.id, agency.name);
      created.push(agency.name);
    }
    await tx.agencySource.createMany({
      data: made.map((agency) => ({
        agencyId: agency.id,
        sourceId: sourceIds.get(permalinkOf.get(key(agency.name)) as string) as string,
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
    for (const { award } of part) awarding.add(key(award.agency));
    for (const { award } of part) {
      if (!byName.has(key(award.agency)) && !departments.has(key(award.agency))) {
        departments.set(key(award.agency), { name: award.agency, permalink: award.permalink });
      }
      const sub = award.subAgency && key(award.subAgency);
      if (sub && sub !== key(award.agency) && !settled.has(sub) && !subAgencies.has(sub)) {
        subAgencies.set(sub, {
          name: award.subAgency as string,
          department: key(award.agency),
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
    const fresh = [...subAgencies.entries()].filter(([key]) => !byName.has(key)).map(([, sub]) => sub);
    // Under its department, unless that is under another agency (said below, as for a stored one).
    await create(
      fresh.map((sub) => {
        const department = byName.get(sub.department);
        return {
          name: sub.name,
          parentId: department && !department.parentId ? department.id : null,
          permalink: sub.permalink,
        };
      }),
      sourceIds,
    );
    for (const [key, sub] of subAgencies) {
      settled.add(key);
      const agency = byName.get(key);
      const department = byName.get(sub.department);
      if (!agency || !department || agency.parentId || agency.id === department.id) continue;
      // The two levels the agency form keeps (docs/decisions/015): an agency goes under a department
      // only when nothing is under it, it awards nothing as a department and the department is under
      // no agency; otherwise its contracts would fall out of the department's. Left for a reviewer.
      const why = await whyNotUnder(agency.id, department);
      if (why) {
        keptWithoutParent.push({ name: agency.name, department: department.name, reason: why });
        continue;
      }
      const parentId = department.id;
      const [given] = await tx.agency.updateManyAndReturn({
        where: { id: agency.id, parentId: null },
        data: { parentId, version: { increment: 1 } },
        select: { version: true },
      });
      if (given) {
        agency.parentId = parentId;
        await tx.revision.create({
          data: revisionRow({
            recordType: 'AGENCY',
            recordId: agency.id,
            kind: 'UPDATE',
            actor,
            before: { version: given.version - 1, parentId: null },
            after: { version: given.version, parentId },
          }),
        });
      }
    }
  }

  /** Sub-agencies of another department the file names, by sub-agency and department. */
  const ofAnother = new Map<string, SubAgencyOfAnother>();
  /**
   * The sub-agency of a row: none when it is the department itself (its name, or another name the
   * department goes by), nor when the agency of that name is under another department (reported).
   */
  const subAgencyId = (departmentName: string, sub: string | null): string | null => {
    if (!sub) return null;
    const agency = byName.get(key(sub)) as { id: string; name: string; parentId: string | null };
    const department = byName.get(key(departmentName)) as { id: string; name: string };
    if (agency.id === department.id) return null;
    if (agency.parentId && agency.parentId !== department.id) {
      const key = `${agency.id}:${department.id}`;
      const seen = ofAnother.get(key);
      if (seen) seen.rows += 1;
      else
        ofAnother.set(key, {
          name: agency.name,
          department: department.name,
          under: nameOf.get(agency.parentId) ?? '',
          rows: 1,
        });
      return null;
    }
    return agency.id;
  };

  return {
    created,
    keptWithoutParent,
    subAgenciesOfOthers: () => [...ofAnother.values()],
    ensure,
    departmentId: (name: string) => (byName.get(key(name)) as { id: string }).id,
    subAgencyId,
  };
}

function uniqueSlug(base: string, taken: Set<string>): string {
  let slug = base;
  for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}
