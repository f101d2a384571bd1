import type { PublicationStatus } from '../generated/prisma/enums';
import { slugify } from '../slug';
import { nameKey } from '../text';
import { revisionRow } from './revisions';
import { parentWouldLoop } from './company-parents';
import type { Db, SystemActor } from './types';

export interface CompanyName {
  name: string;
  parent?: string;
  aliases?: string[];
}

export interface EnsureCompaniesOptions extends SystemActor {
  /** Sources cited by the companies this call creates. */
  sourceIds: string[];
  status: PublicationStatus;
  /** Why the companies were created, kept with their CREATE revisions. */
  reason?: string;
  /**
   * False when the caller keeps the creation in a revision of its own (a company published through
   * its own form: the PUBLISH revision is its first step).
   */
  revisions?: boolean;
}

/**
 * Finds each company by its name or any alias (compared by `nameKey`, so "salesforce.com" and
 * "Salesforce.com" are one) and creates those not found, with their aliases and their parent.
 * An existing company's parent is only set when it has none: an editor's choice is never undone.
 * Returns the company id for the key of every name and alias given.
 */
export async function ensureCompanies(
  db: Db,
  companies: CompanyName[],
  options: EnsureCompaniesOptions,
): Promise<{ idByKey: Map<string, string>; created: string[] }> {
  const wanted = new Map<string, CompanyName>();
  const addWanted = (company: CompanyName) => {
    const key = nameKey(company.name);
    const known = wanted.get(key);
    wanted.set(key, { ...known, ...company, aliases: [...(known?.aliases ?? []), ...(company.aliases ?? [])] });
  };
  for (const company of companies) {
    addWanted(company);
    if (company.parent && !companies.some((other) => nameKey(other.name) === nameKey(company.parent as string))) {
      addWanted({ name: company.parent });
    }
  }

  const keysOf = (company: CompanyName) => [company.name, ...(company.aliases ?? [])].map(nameKey).filter(Boolean);
  const allKeys = [...new Set([...wanted.values()].flatMap(keysOf))];
  const stored = await db.companyAlias.findMany({
    where: { key: { in: allKeys } },
    select: { key: true, companyId: true },
  });
  const idByKey = new Map(stored.map((alias) => [alias.key, alias.companyId]));

  const missing = [...wanted.values()].filter((company) => !keysOf(company).some((key) => idByKey.has(key)));
  const created: string[] = [];
  const createdRows: { id: string; name: string; slug: string; status: PublicationStatus }[] = [];
  if (missing.length) {
    const slugs = await uniqueSlugs(
      db,
      missing.map((company) => slugify(company.name)),
    );
    const rows = await db.company.createManyAndReturn({
      data: missing.map((company, index) => ({
        name: company.name,
        slug: slugs[index] as string,
        status: options.status,
      })),
      select: { id: true, name: true, slug: true, status: true },
    });
    for (const row of rows) {
      idByKey.set(nameKey(row.name), row.id);
      created.push(row.name);
    }
    createdRows.push(...rows);
    await db.companySource.createMany({
      data: rows.flatMap((row) => options.sourceIds.map((sourceId) => ({ companyId: row.id, sourceId }))),
      skipDuplicates: true,
    });
  }

  // Every name and alias becomes an alias row, so that the next lookup finds the company by any of them.
  const aliasRows: { companyId: string; name: string; key: string }[] = [];
  for (const company of wanted.values()) {
    const id = keysOf(company)
      .map((key) => idByKey.get(key))
      .find(Boolean) as string;
    for (const name of [company.name, ...(company.aliases ?? [])]) {
      const key = nameKey(name);
      if (!key) continue;
      if (!idByKey.has(key)) idByKey.set(key, id);
      aliasRows.push({ companyId: id, name, key });
    }
  }
  const added = await db.companyAlias.createManyAndReturn({
    data: aliasRows,
    skipDuplicates: true,
    select: { companyId: true, name: true, key: true },
  });
  if (options.revisions !== false) await recordNames(db, createdRows, added, options);

  // A parent an editor set or took away is theirs: the import gives one only to a company whose
  // parent no editor's step ever changed (its form's `parent`), and never one that makes a loop.
  const parented = [...wanted.values()].flatMap((company) => {
    const parentId = company.parent ? idByKey.get(nameKey(company.parent)) : undefined;
    return parentId ? [{ id: idByKey.get(nameKey(company.name)) as string, parentId }] : [];
  });
  // Those still without a parent whose parent no editor's step changed, in one query; a loop is
  // looked for only where a parent would be given (a re-import, the parents given, gives none).
  const open = new Set(
    parented.length === 0
      ? []
      : (
          await db.$queryRaw<{ id: string }[]>`
            SELECT c.id FROM companies c
            WHERE c.id = ANY(${parented.map(({ id }) => id)}) AND c.parent_id IS NULL
              AND NOT EXISTS (
                SELECT 1 FROM revisions r
                WHERE r.record_type = 'COMPANY' AND r.record_id = c.id AND r.user_id IS NOT NULL
                  AND (r.before -> 'parent') IS DISTINCT FROM (r.after -> 'parent'))`
        ).map((row) => row.id),
  );
  for (const { id, parentId } of parented) {
    if (parentId !== id && open.has(id) && !(await parentWouldLoop(db, id, parentId))) {
      // A step of its history, at a new version, as any change to the record is.
      const [given] = await db.company.updateManyAndReturn({
        where: { id, parentId: null },
        data: { parentId, version: { increment: 1 } },
        select: { version: true },
      });
      if (given) {
        await db.revision.create({
          data: revisionRow({
            recordType: 'COMPANY',
            recordId: id,
            kind: 'UPDATE',
            actor: options.actor,
            before: { version: given.version - 1, parentId: null },
            after: { version: given.version, parentId },
          }),
        });
      }
    }
  }
  return { idByKey, created };
}

/**
 * The revisions of the names this call gave: a company it created, with its other names, as its
 * first step; a stored company given other names (an import naming it otherwise), a step adding
 * them, as its history says of any change to its names.
 */
async function recordNames(
  db: Db,
  createdRows: { id: string; name: string; slug: string; status: PublicationStatus }[],
  added: { companyId: string; name: string; key: string }[],
  options: EnsureCompaniesOptions,
): Promise<void> {
  const createdIds = new Set(createdRows.map((row) => row.id));
  const grown = [...new Set(added.map((alias) => alias.companyId))].filter((id) => !createdIds.has(id));
  const stored = grown.length
    ? await db.company.findMany({
        where: { id: { in: grown } },
        select: { id: true, name: true, aliases: { select: { name: true, key: true } } },
      })
    : [];
  // A company's other names, as its record reads them: without its own name, in order.
  const otherNames = (name: string, aliases: { name: string; key: string }[]) =>
    aliases
      .filter((alias) => alias.key !== nameKey(name))
      .map((alias) => alias.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const addedKeys = new Set(added.map((alias) => `${alias.companyId}:${alias.key}`));
  const renamed = stored.flatMap((company) => {
    const before = otherNames(
      company.name,
      company.aliases.filter((alias) => !addedKeys.has(`${company.id}:${alias.key}`)),
    );
    const after = otherNames(company.name, company.aliases);
    return after.length === before.length ? [] : [{ id: company.id, before, after }];
  });
  // Other names are part of a company's record: each one given them is at a new version.
  const versions = new Map(
    renamed.length
      ? (
          await db.company.updateManyAndReturn({
            where: { id: { in: renamed.map(({ id }) => id) } },
            data: { version: { increment: 1 } },
            select: { id: true, version: true },
          })
        ).map((company) => [company.id, company.version])
      : [],
  );
  const rows = [
    ...createdRows.map((row) =>
      revisionRow({
        recordType: 'COMPANY',
        recordId: row.id,
        kind: 'CREATE',
        actor: options.actor,
        reason: options.reason,
        after: {
          ...row,
          // The sources it was created citing, as a version of the record names them (lib/data/record-state.ts).
          sources: options.sourceIds.map((sourceId) => ({ sourceId })),
          aliases: otherNames(
            row.name,
            added.filter((alias) => alias.companyId === row.id),
          ),
        },
      }),
    ),
    ...renamed.map(({ id, before, after }) => {
      const version = versions.get(id) as number;
      return revisionRow({
        recordType: 'COMPANY',
        recordId: id,
        kind: 'UPDATE',
        actor: options.actor,
        reason: options.reason,
        before: { version: version - 1, aliases: before },
        after: { version, aliases: after },
      });
    }),
  ];
  if (rows.length) await db.revision.createMany({ data: rows });
}

/** The slugs, each made unique against the stored ones and each other ("acme", "acme-2"). */
async function uniqueSlugs(db: Db, bases: string[]): Promise<string[]> {
  const taken = new Set(
    (
      await db.company.findMany({
        where: { OR: [...new Set(bases)].map((base) => ({ slug: { startsWith: base } })) },
        select: { slug: true },
      })
    ).map((company) => company.slug),
  );
  return bases.map((base) => {
    let slug = base;
    for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
    taken.add(slug);
    return slug;
  });
}
