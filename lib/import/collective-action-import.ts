import type { PrismaClient } from '../generated/prisma/client';
import type { VocabularyKind } from '../generated/prisma/enums';
import { ensureCompanies } from '../records/companies';
import { editorsChanges, revisionRow, sameJson } from '../records/revisions';
import { ensureSourcesByUrl } from '../records/sources';
import { ensureControlledTerms, loadTermResolver } from '../records/vocabulary';
import { nameKey } from '../text';
import { EMPTY_VALUES, FORMER_FORM_ALIASES, termSlug } from '../vocabulary';
import type { CollectiveAction, ParsedCollectiveActionFile, Skipped } from './collective-action-file';

export const COLLECTIVE_ACTION_SOURCE = 'collective-action-tech';

/** The data set itself, cited by every record the import creates beside the news sources. */
export const DATASET_CITATION = {
  url: 'https://github.com/collective-action/tech',
  publisher: 'Collective Action in Tech',
  title:
    'Collective Action in Tech: a public-domain archive of tech workers\u2019 collective actions (Tan and Nedzhvetskaya, 2020)',
};

export interface ImportReport {
  created: { actions: number; companies: string[]; sources: number; tags: string[] };
  updated: { externalId: string; fields: string[] }[];
  /** Fields the file changed that editors had corrected since the import wrote them: left as the editors made them. */
  kept: { externalId: string; fields: string[] }[];
  unchanged: number;
  skipped: Skipped[];
  durationMs: number;
}

/** The fields of an action the data set owns. Links (companies, terms, sources) are only ever added. */
function ownedFields(action: CollectiveAction) {
  return {
    title: actionTitle(action),
    description: action.description,
    startDate: action.date.date,
    datePrecision: action.date.precision,
    // The data set's one number, a true lower bound even where it rounded vague words down; those
    // words are kept beside it, so that the page never shows "hundreds" as an exact 100.
    participantsMin: action.workers,
    participantsMax: action.workers,
    participantsText: action.participantsText,
    online: action.online,
  };
}

/**
 * Imports the data set's actions in one transaction: everything or, on any error, nothing.
 * Idempotent: the data set's id is the external id, so a second run creates nothing and changes
 * only what the file changed. What editors added to an imported action (contracts, outcome,
 * organisations, more sources or companies) is never removed, and a field they corrected is never
 * written over: the file changes a field only while it still holds what an import last wrote.
 */
export async function importCollectiveActions(
  client: PrismaClient,
  file: ParsedCollectiveActionFile,
  { actor = `import:${COLLECTIVE_ACTION_SOURCE}` }: { actor?: string } = {},
): Promise<ImportReport> {
  const started = performance.now();
  const skipped = [...file.skipped];

  const report = await client.$transaction(
    async (tx) => {
      await ensureControlledTerms(tx);
      const terms = await loadTermResolver(tx);
      const createdTags = await terms.createMissingTags(
        file.actions.flatMap((action) => action.tags),
        { actor },
      );

      let dataset = await tx.source.findUnique({ where: { url: DATASET_CITATION.url }, select: { id: true } });
      if (!dataset) {
        const created = await tx.source.create({ data: DATASET_CITATION });
        await tx.revision.create({
          data: revisionRow({ recordType: 'SOURCE', recordId: created.id, kind: 'CREATE', actor, after: created }),
        });
        dataset = { id: created.id };
      }
      const sources = await ensureSourcesByUrl(
        tx,
        file.actions.flatMap((action) => action.sourceUrls),
        { actor },
      );

      const companies = await ensureCompanies(
        tx,
        file.actions.flatMap((action) =>
          action.companies.map(({ raw, company }) => ({ ...company, aliases: [...(company.aliases ?? []), raw] })),
        ),
        { actor, sourceIds: [dataset.id], status: 'PUBLISHED' },
      );

      const existing = await tx.employeeAction.findMany({
        where: { externalSource: COLLECTIVE_ACTION_SOURCE, externalId: { in: file.actions.map((a) => a.externalId) } },
        select: {
          id: true,
          externalId: true,
          title: true,
          description: true,
          startDate: true,
          datePrecision: true,
          participantsMin: true,
          participantsMax: true,
          participantsText: true,
          online: true,
          version: true,
          terms: {
            where: { term: { kind: 'ACTION_FORM' } },
            select: { termId: true, term: { select: { slug: true } } },
          },
          locations: { select: { label: true, city: true, region: true, country: true }, orderBy: { position: 'asc' } },
        },
      });
      const existingById = new Map(existing.map((action) => [action.externalId as string, action]));

      const fresh = file.actions.filter((action) => !existingById.has(action.externalId));
      const createdRows = await tx.employeeAction.createManyAndReturn({
        data: fresh.map((action) => ({
          ...ownedFields(action),
          externalSource: COLLECTIVE_ACTION_SOURCE,
          externalId: action.externalId,
          status: 'PUBLISHED' as const,
        })),
        select: { id: true, externalId: true },
      });
      const idByExternal = new Map(existing.map((action) => [action.externalId as string, action.id]));
      for (const row of createdRows) idByExternal.set(row.externalId as string, row.id);

      // Links for every action, new or old; existing links are kept (skipDuplicates).
      const companyLinks: { actionId: string; companyId: string }[] = [];
      const termLinks: { actionId: string; termId: string }[] = [];
      const sourceLinks: { actionId: string; sourceId: string }[] = [];
      for (const action of file.actions) {
        const actionId = idByExternal.get(action.externalId) as string;
        for (const { company } of action.companies) {
          companyLinks.push({ actionId, companyId: companies.idByKey.get(nameKey(company.name)) as string });
        }
        const vocabularies: [VocabularyKind, string[]][] = [
          ['ACTION_FORM', action.forms],
          ['ISSUE', action.issues],
          ['EMPLOYMENT_TYPE', action.employmentTypes],
          ['TAG', action.tags],
        ];
        const fieldOf: Record<VocabularyKind, string> = {
          ACTION_FORM: 'actions',
          ISSUE: 'struggles',
          EMPLOYMENT_TYPE: 'employment_types',
          TAG: 'tags',
        };
        for (const [kind, values] of vocabularies) {
          for (const value of values) {
            if (EMPTY_VALUES.has(value.trim().toLowerCase())) {
              skipped.push({
                externalId: action.externalId,
                field: fieldOf[kind],
                value,
                reason: 'means "no value" in the data set',
              });
              continue;
            }
            const term = terms.resolve(kind, value);
            if (term.termId !== null) termLinks.push({ actionId, termId: term.termId });
            else if (kind === 'ACTION_FORM') {
              // An unknown form is kept as "other" so that the action still has a form.
              const other = terms.resolve(kind, 'other');
              if (other.termId) termLinks.push({ actionId, termId: other.termId });
              skipped.push({
                externalId: action.externalId,
                field: fieldOf[kind],
                value,
                reason: `${term.reason}; recorded as "Other"`,
              });
            } else skipped.push({ externalId: action.externalId, field: fieldOf[kind], value, reason: term.reason });
          }
        }
        for (const url of [...action.sourceUrls]) {
          sourceLinks.push({ actionId, sourceId: sources.ids.get(url) as string });
        }
        sourceLinks.push({ actionId, sourceId: dataset.id });
      }
      // A link editors removed from an action stays removed.
      const editorLinks = await linksEditorsChanged(
        tx,
        existing.map((action) => action.id),
      );
      const keptLinks = new Map<string, Set<string>>();
      const unlessRemoved =
        <Link extends { actionId: string }>(key: (link: Link) => string | undefined) =>
        (link: Link) => {
          const linkKey = key(link);
          if (!linkKey || !editorLinks.removed.get(link.actionId)?.has(linkKey)) return true;
          const field = LINK_FIELD_OF[linkKey.slice(0, linkKey.indexOf(':'))] as string;
          keptLinks.set(link.actionId, new Set([...(keptLinks.get(link.actionId) ?? []), field]));
          return false;
        };
      const termKeyById = await formAndIssueKeys(tx);
      await tx.employeeActionCompany.createMany({
        data: companyLinks.filter(unlessRemoved((link) => `company:${link.companyId}`)),
        skipDuplicates: true,
      });
      await tx.employeeActionTerm.createMany({
        data: termLinks.filter(unlessRemoved((link) => termKeyById.get(link.termId))),
        skipDuplicates: true,
      });
      // The sources of actions an earlier import misread, as they were before this run links any.
      const unmended = await misreadSourcesBefore(tx, file.actions, existing);
      await tx.employeeActionSource.createMany({
        data: sourceLinks.filter(unlessRemoved((link) => `source:${link.sourceId}`)),
        skipDuplicates: true,
      });
      await tx.actionLocation.createMany({
        data: fresh.flatMap((action) =>
          action.places.map((place, position) => ({
            ...place,
            position,
            actionId: idByExternal.get(action.externalId) as string,
          })),
        ),
      });

      const movedForms = await dropFormerAliasLinks(tx, file.actions, existing, terms, editorLinks.added);
      const mendedSources = await dropMisreadSources(tx, unmended);

      const freshById = new Map(fresh.map((action) => [action.externalId, action]));
      const revisions = createdRows.map((row) => {
        const action = freshById.get(row.externalId as string) as CollectiveAction;
        return revisionRow({
          recordType: 'EMPLOYEE_ACTION',
          recordId: row.id,
          kind: 'IMPORT',
          actor,
          // With the version it begins at, which a citation of the record names (its history's #version-1).
          after: {
            version: 1,
            ...ownedFields(action),
            externalId: action.externalId,
            companies: action.companies.map((c) => c.company.name),
            sources: action.sourceUrls,
            places: action.places,
          },
        });
      });

      // Actions already stored: change only the fields the file changed and editors did not, and say which.
      const updated: ImportReport['updated'] = [];
      const kept: ImportReport['kept'] = [];
      let unchanged = 0;
      const importedBefore = await lastImported(
        tx,
        existing.map((action) => action.id),
      );
      for (const action of file.actions) {
        const current = existingById.get(action.externalId);
        if (!current) continue;
        const wanted = ownedFields(action);
        const imported = importedBefore.get(current.id) ?? {};
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        const keptFields: string[] = [];
        for (const [field, value] of Object.entries(wanted) as [keyof typeof wanted, unknown][]) {
          if (sameJson(current[field], value)) continue;
          if (!stillImported(current[field], imported, field)) keptFields.push(field);
          else {
            before[field] = current[field];
            after[field] = value;
          }
        }
        const placesChanged = !sameJson(current.locations, action.places);
        if (placesChanged && !stillImported(current.locations, imported, 'places')) keptFields.push('places');
        else if (placesChanged) {
          before.places = current.locations;
          after.places = action.places;
          await tx.actionLocation.deleteMany({ where: { actionId: current.id } });
          await tx.actionLocation.createMany({
            data: action.places.map((place, position) => ({ ...place, position, actionId: current.id })),
          });
        }
        const moved = movedForms.get(current.id);
        if (moved) {
          before.formSlugs = moved.before;
          after.formSlugs = moved.after;
        }
        const mended = mendedSources.get(current.id);
        if (mended) {
          before.sources = mended.before;
          after.sources = mended.after;
        }
        keptFields.push(...(keptLinks.get(current.id) ?? []));
        if (keptFields.length) kept.push({ externalId: action.externalId, fields: keptFields });
        const fields = Object.keys(after);
        if (fields.length === 0) {
          unchanged += 1;
          continue;
        }
        const scalarChanges = Object.fromEntries(Object.entries(after).filter(([field]) => !LINK_FIELDS.has(field)));
        await tx.employeeAction.update({
          where: { id: current.id },
          data: { ...scalarChanges, version: { increment: 1 } },
        });
        revisions.push(
          revisionRow({
            recordType: 'EMPLOYEE_ACTION',
            recordId: current.id,
            kind: 'IMPORT',
            actor,
            before: { version: current.version, ...before },
            after: { version: current.version + 1, ...after },
          }),
        );
        updated.push({ externalId: action.externalId, fields });
      }
      await tx.revision.createMany({ data: revisions });

      return {
        created: {
          actions: createdRows.length,
          companies: companies.created,
          sources: sources.created,
          tags: createdTags,
        },
        updated,
        kept,
        unchanged,
      };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );

  return { ...report, skipped, durationMs: Math.round(performance.now() - started) };
}

/** What a revision of an import records of an action's links, which are not columns to update. */
const LINK_FIELDS = new Set(['places', 'formSlugs', 'sources']);

/** Source urls of an action, sorted. */
async function sourceUrlsOf(tx: Tx, actionId: string): Promise<string[]> {
  const links = await tx.employeeActionSource.findMany({
    where: { actionId },
    select: { source: { select: { url: true } } },
  });
  return links.flatMap((link) => (link.source.url ? [link.source.url] : [])).sort();
}

/**
 * The stored actions whose file entries an earlier import misread (run-together or cut urls), with
 * their source urls as they stand before this run adds any: the "before" of their mending.
 */
async function misreadSourcesBefore(
  tx: Tx,
  actions: CollectiveAction[],
  existing: { id: string; externalId: string | null }[],
): Promise<Map<string, { urls: string[]; misread: string[] }>> {
  const idByExternal = new Map(existing.map((stored) => [stored.externalId as string, stored.id]));
  const found = new Map<string, { urls: string[]; misread: string[] }>();
  for (const action of actions) {
    const actionId = idByExternal.get(action.externalId);
    if (actionId && action.misreadSourceUrls.length > 0) {
      found.set(actionId, { urls: await sourceUrlsOf(tx, actionId), misread: action.misreadSourceUrls });
    }
  }
  return found;
}

/**
 * Removes the links an earlier import made from misread entries (urls run together, the first half
 * of a cut one), now that the file is read right. Returns, for each action changed, its source urls
 * before this run and after.
 */
async function dropMisreadSources(
  tx: Tx,
  unmended: Map<string, { urls: string[]; misread: string[] }>,
): Promise<Map<string, { before: string[]; after: string[] }>> {
  const mended = new Map<string, { before: string[]; after: string[] }>();
  for (const [actionId, { urls, misread }] of unmended) {
    const { count } = await tx.employeeActionSource.deleteMany({
      where: { actionId, source: { url: { in: misread } } },
    });
    if (count > 0) mended.set(actionId, { before: urls, after: await sourceUrlsOf(tx, actionId) });
  }
  return mended;
}

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
type TermResolver = Awaited<ReturnType<typeof loadTermResolver>>;

/**
 * Removes the links an earlier import made through a spelling that was then an alias of another
 * form ("union representation" once meant "union drive"), where the file gives the action no
 * value that means that term. The link to the term the spelling names now is already made.
 * Returns, for each action changed, its form slugs before and after.
 */
async function dropFormerAliasLinks(
  tx: Tx,
  actions: CollectiveAction[],
  existing: { id: string; externalId: string | null; terms: { termId: string; term: { slug: string } }[] }[],
  terms: TermResolver,
  editorsAdded: Map<string, Set<string>>,
): Promise<Map<string, { before: string[]; after: string[] }>> {
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
  const moved = new Map<string, { before: string[]; after: string[] }>();
  for (const [actionId, termIds] of dropped) {
    await tx.employeeActionTerm.deleteMany({ where: { actionId, termId: { in: termIds } } });
    const before = (existing.find((stored) => stored.id === actionId)?.terms ?? []).map((link) => link.term.slug);
    const now = await tx.employeeActionTerm.findMany({
      where: { actionId, term: { kind: 'ACTION_FORM' } },
      select: { term: { select: { slug: true } } },
    });
    moved.set(actionId, { before: before.sort(), after: now.map((link) => link.term.slug).sort() });
  }
  return moved;
}

/**
 * The links editors removed from these actions and those they added, as they stand after every
 * published change and revert in order: `company:<id>`, `source:<id>`, `ACTION_FORM:<slug>`,
 * `ISSUE:<slug>` (the links an editor's form holds).
 */
async function linksEditorsChanged(
  tx: Tx,
  actionIds: string[],
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
  return { removed, added };
}

/** What the report calls the links of each key's kind. */
const LINK_FIELD_OF: Record<string, string> = {
  company: 'companies',
  source: 'sources',
  ACTION_FORM: 'forms',
  ISSUE: 'issues',
};

/** The links of an action as its form's fields hold them. */
function linkKeysOf(fields: Record<string, unknown>): Set<string> {
  const list = (value: unknown) => (Array.isArray(value) ? (value as unknown[]) : []);
  return new Set([
    ...list(fields.companies).map((link) => `company:${(link as { id?: string }).id}`),
    ...list(fields.sources).map((link) => `source:${(link as { sourceId?: string }).sourceId}`),
    ...list(fields.formSlugs).map((slug) => `ACTION_FORM:${String(slug)}`),
    ...list(fields.issueSlugs).map((slug) => `ISSUE:${String(slug)}`),
  ]);
}

/** The key of each form and issue by its term's id, as `linksEditorsChanged` names them. */
async function formAndIssueKeys(tx: Tx): Promise<Map<string, string>> {
  const rows = await tx.vocabularyTerm.findMany({
    where: { kind: { in: ['ACTION_FORM', 'ISSUE'] } },
    select: { id: true, kind: true, slug: true },
  });
  return new Map(rows.map((term) => [term.id, `${term.kind}:${term.slug}`]));
}

/**
 * What the imports (and the demo seed's import) last wrote into each of these actions, field by
 * field: their revisions' after-states folded in order. Editors' revisions carry a user.
 */
async function lastImported(tx: Tx, actionIds: string[]): Promise<Map<string, Record<string, unknown>>> {
  const revisions = await tx.revision.findMany({
    where: {
      recordType: 'EMPLOYEE_ACTION',
      recordId: { in: actionIds },
      kind: { in: ['CREATE', 'IMPORT'] },
      userId: null,
    },
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
function stillImported(value: unknown, imported: Record<string, unknown>, field: string): boolean {
  return field in imported ? sameJson(value, imported[field]) : value === null || value === undefined;
}

/**
 * The data set has no titles: "Open letter involving Salesforce", "Strike and protest involving
 * Amazon and Deliveroo", "Protest by workers of many companies". Its companies are the companies an
 * action involved, not always the employer of those who acted (students protesting Palantir,
 * academics boycotting KAIST), so the title names them without saying who acted; it names none
 * when "workers of many companies acted together" (its README), which the title then says; one
 * whose only company is "na" (id 256, academics) is said to name none.
 */
export function actionTitle(action: Pick<CollectiveAction, 'forms' | 'companies' | 'manyCompanies'>): string {
  const forms = action.forms
    .map((form) => form.trim().toLowerCase())
    .filter((form) => !EMPTY_VALUES.has(form))
    .map((form, index) => (index === 0 ? form.charAt(0).toUpperCase() + form.slice(1) : form));
  const what = forms.length ? joinWords(forms) : 'Collective action';
  const names = [...new Set(action.companies.map(({ company }) => company.name))];
  if (names.length === 0)
    return action.manyCompanies ? `${what} by workers of many companies` : `${what} with no company named`;
  return `${what} involving ${names.length > 3 ? `${names.length} companies` : joinWords(names)}`;
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
