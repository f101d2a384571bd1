import type { PrismaClient } from '../generated/prisma/client';
import type { VocabularyKind } from '../generated/prisma/enums';
import { editorsChanges, lastWritten, sameJson } from '../records/revisions';
import type { loadTermResolver } from '../records/vocabulary';
import { ACTION_TERM_FIELDS, FORMER_FORM_ALIASES, termSlug } from '../vocabulary';
import type { CollectiveAction } from './collective-action-file';

/*
 * What a second import of the data set must respect in the actions it already holds: the fields
 * and links editors changed since (kept as they made them), what the imports last wrote (which the
 * file may change), and the links an earlier import made from entries it misread (mended).
 */

/** The links of an action a revision records, each list sorted (companies by name, with their ids). */
export interface ActionLinks {
  companies: { id: string; name: string }[];
  formSlugs: string[];
  issueSlugs: string[];
  tagSlugs: string[];
  employmentTypeSlugs: string[];
  sources: string[];
}

const LINK_LIST_OF = {
  ACTION_FORM: 'formSlugs',
  ISSUE: 'issueSlugs',
  TAG: 'tagSlugs',
  EMPLOYMENT_TYPE: 'employmentTypeSlugs',
} as const;

/**
 * The links of these actions as they stand: taken before an import links anything and after it is
 * done, so that its revision of each action records every link it added or removed (three queries).
 */
export async function linksOf(tx: Tx, actionIds: string[]): Promise<Map<string, ActionLinks>> {
  const links = new Map<string, ActionLinks>(
    actionIds.map((id) => [
      id,
      { companies: [], formSlugs: [], issueSlugs: [], tagSlugs: [], employmentTypeSlugs: [], sources: [] },
    ]),
  );
  const of = (actionId: string) => links.get(actionId) as ActionLinks;
  const where = { actionId: { in: actionIds } };
  const [companies, terms, sources] = await Promise.all([
    tx.employeeActionCompany.findMany({
      where,
      select: { actionId: true, company: { select: { id: true, name: true } } },
    }),
    tx.employeeActionTerm.findMany({ where, select: { actionId: true, term: { select: { kind: true, slug: true } } } }),
    tx.employeeActionSource.findMany({ where, select: { actionId: true, source: { select: { url: true } } } }),
  ]);
  for (const { actionId, company } of companies) of(actionId).companies.push(company);
  for (const { actionId, term } of terms) of(actionId)[LINK_LIST_OF[term.kind]].push(term.slug);
  for (const { actionId, source } of sources) if (source.url) of(actionId).sources.push(source.url);
  for (const list of links.values()) {
    list.companies.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    for (const field of [...Object.values(LINK_LIST_OF), 'sources'] as const) list[field].sort();
  }
  return links;
}

/** The links whose lists differ between two snapshots, before and after, in a revision's words. */
export function changedLinks(
  before: ActionLinks,
  after: ActionLinks,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const changes = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const field of ['companies', ...Object.values(LINK_LIST_OF), 'sources'] as const) {
    // Companies by name, as an import's first revision of an action records them.
    const [was, is] =
      field === 'companies'
        ? [before.companies.map((company) => company.name), after.companies.map((company) => company.name)]
        : [before[field], after[field]];
    if (sameJson(was, is)) continue;
    changes.before[field] = was;
    changes.after[field] = is;
  }
  return changes;
}

/**
 * The stored actions whose file entries an earlier import misread (run-together or cut urls), with
 * the urls it made of them.
 */
export function misreadSources(
  actions: CollectiveAction[],
  existing: { id: string; externalId: string | null }[],
): Map<string, string[]> {
  const idByExternal = new Map(existing.map((stored) => [stored.externalId as string, stored.id]));
  const found = new Map<string, string[]>();
  for (const action of actions) {
    const actionId = idByExternal.get(action.externalId);
    if (actionId && action.misreadSourceUrls.length > 0) found.set(actionId, action.misreadSourceUrls);
  }
  return found;
}

/**
 * Removes the links an earlier import made from misread entries (urls run together, the first half
 * of a cut one), now that the file is read right.
 */
export async function dropMisreadSources(tx: Tx, misread: Map<string, string[]>): Promise<void> {
  for (const [actionId, urls] of misread) {
    await tx.employeeActionSource.deleteMany({ where: { actionId, source: { url: { in: urls } } } });
  }
}

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
type TermResolver = Awaited<ReturnType<typeof loadTermResolver>>;

/**
 * Removes the links an earlier import made through a spelling that was then an alias of another
 * form ("union representation" once meant "union drive"), where the file gives the action no
 * value that means that term. The link to the term the spelling names now is already made.
 */
export async function dropFormerAliasLinks(
  tx: Tx,
  actions: CollectiveAction[],
  existing: { id: string; externalId: string | null; terms: { termId: string }[] }[],
  terms: TermResolver,
  editorsAdded: Map<string, Set<string>>,
): Promise<void> {
  const actionById = new Map(actions.map((action) => [action.externalId, action]));
  const dropped = new Map<string, string[]>();
  for (const former of FORMER_FORM_ALIASES) {
    const formerTermId = terms.resolve('ACTION_FORM', former.formerSlug).termId;
    if (!formerTermId) continue;
    for (const stored of existing) {
      const forms = actionById.get(stored.externalId as string)?.forms ?? [];
      if (!forms.some((form) => termSlug(form) === termSlug(former.value))) continue;
      if (forms.some((form) => terms.resolve('ACTION_FORM', form).termId === formerTermId)) continue;
      if (!stored.terms.some((link) => link.termId === formerTermId)) continue;
      if (editorsAdded.get(stored.id)?.has(`ACTION_FORM:${former.formerSlug}`)) continue;
      dropped.set(stored.id, [...(dropped.get(stored.id) ?? []), formerTermId]);
    }
  }
  for (const [actionId, termIds] of dropped) {
    await tx.employeeActionTerm.deleteMany({ where: { actionId, termId: { in: termIds } } });
  }
}

/**
 * The links editors removed from these actions and those they added, as they stand after every
 * published change and revert in order: `company:<id>`, `source:<id>`, `ACTION_FORM:<slug>`,
 * `ISSUE:<slug>`, `TAG:<slug>`, `EMPLOYMENT_TYPE:<slug>` (the links an editor's form holds); a
 * term merged into another since is also keyed as the term it lives on in (`termKey`).
 */
export async function linksEditorsChanged(
  tx: Tx,
  actionIds: string[],
  terms: TermResolver,
): Promise<{ removed: Map<string, Set<string>>; added: Map<string, Set<string>> }> {
  const removed = new Map<string, Set<string>>();
  const added = new Map<string, Set<string>>();
  const setOf = (map: Map<string, Set<string>>, id: string) => map.get(id) ?? map.set(id, new Set()).get(id)!;
  for (const { recordId, before, after } of await editorsChanges(tx, 'EMPLOYEE_ACTION', actionIds)) {
    const was = linkKeysOf(before);
    const is = linkKeysOf(after);
    for (const key of was) {
      if (is.has(key)) continue;
      setOf(removed, recordId).add(key);
      setOf(added, recordId).delete(key);
    }
    for (const key of is) {
      if (was.has(key)) continue;
      setOf(added, recordId).add(key);
      setOf(removed, recordId).delete(key);
    }
  }
  // A term merged into another since is that one now, which the file's spelling of it links to.
  for (const keys of [...removed.values(), ...added.values()]) {
    for (const key of [...keys]) {
      const [kind, slug] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      if (!(kind in LINK_LIST_OF)) continue;
      const now = terms.resolve(kind as VocabularyKind, slug).termId;
      if (now) keys.add(termKey(terms, now) as string);
    }
  }
  return { removed, added };
}

/** What the report calls the links of each key's kind. */
export const LINK_FIELD_OF: Record<string, string> = {
  company: 'companies',
  source: 'sources',
  ACTION_FORM: 'forms',
  ISSUE: 'issues',
  TAG: 'tags',
  EMPLOYMENT_TYPE: 'employment types',
};

/** The links of an action as its form's fields hold them. */
function linkKeysOf(fields: Record<string, unknown>): Set<string> {
  const list = (value: unknown) => (Array.isArray(value) ? (value as unknown[]) : []);
  return new Set([
    ...list(fields.companies).map((link) => `company:${(link as { id?: string }).id}`),
    ...list(fields.sources).map((link) => `source:${(link as { sourceId?: string }).sourceId}`),
    ...Object.entries(ACTION_TERM_FIELDS).flatMap(([field, kind]) =>
      list(fields[field]).map((slug) => `${kind}:${String(slug)}`),
    ),
  ]);
}

/** A term's key by its id, as `linksEditorsChanged` names it; undefined for one the resolver does not know. */
export function termKey(terms: TermResolver, id: string): string | undefined {
  const term = terms.term(id);
  return term && `${term.kind}:${term.slug}`;
}

/**
 * What the imports (and the demo seed's import) last wrote into each of these actions, field by
 * field: their revisions' after-states folded in order. Editors' revisions carry a user.
 */
export function lastImported(tx: Tx, actionIds: string[]): Promise<Map<string, Record<string, unknown>>> {
  return lastWritten(tx, 'EMPLOYEE_ACTION', actionIds, { kind: { in: ['CREATE', 'IMPORT'] }, userId: null });
}
