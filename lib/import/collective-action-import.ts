import type { Prisma, PrismaClient } from '../generated/prisma/client';
import type { VocabularyKind } from '../generated/prisma/enums';
import { ensureCompanies } from '../records/companies';
import { revisionRow, sameJson } from '../records/revisions';
import { ensureSourcesByUrl } from '../records/sources';
import { ensureControlledTerms, loadTermResolver } from '../records/vocabulary';
import { nameKey } from '../text';
import { EMPTY_VALUES } from '../vocabulary';
import type { CollectiveAction, ParsedCollectiveActionFile, Skipped } from './collective-action-file';
import { wordsAtMost } from './participant-words';
import {
  changedLinks,
  dropFormerAliasLinks,
  dropMisreadSources,
  termKey,
  lastImported,
  LINK_FIELD_OF,
  linksEditorsChanged,
  linksOf,
  misreadSources,
  type ActionLinks,
} from './collective-action-reimport';
import { stillImported } from '../records/revisions';

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

/**
 * The fields of an action the data set owns. Links (companies, terms, sources) are only ever added;
 * the title of an action stored already names the companies it is linked to (`linked`), which may
 * be more than the file's.
 */
function ownedFields(action: CollectiveAction, linked?: string[]) {
  const atMost = wordsAtMost(action.participantsText);
  return {
    title: actionTitle(action, linked),
    description: action.description,
    startDate: action.date.date,
    datePrecision: action.date.precision,
    // The data set's one number, a true lower bound even where it rounded vague words down; those
    // words are kept beside it, so that the page never shows "hundreds" as an exact 100. Where the
    // words make it a highest number ("nearly five thousand"), it is kept as that alone.
    participantsMin: atMost === null ? action.workers : null,
    participantsMax: atMost ?? action.workers,
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
  options: { actor?: string } = {},
): Promise<ImportReport> {
  const started = performance.now();
  const report = await client.$transaction((tx) => importCollectiveActionsIn(tx, file, options), {
    timeout: 120_000,
    maxWait: 10_000,
  });
  return { ...report, durationMs: Math.round(performance.now() - started) };
}

/**
 * The import's work inside the caller's transaction: the demo data loads it with the rest, all or
 * nothing.
 */
export async function importCollectiveActionsIn(
  tx: Prisma.TransactionClient,
  file: ParsedCollectiveActionFile,
  { actor = `import:${COLLECTIVE_ACTION_SOURCE}` }: { actor?: string } = {},
): Promise<Omit<ImportReport, 'durationMs'>> {
  const skipped = [...file.skipped];
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
      action.companies.map(({ raw, company: { slip, ...company } }) => ({
        ...company,
        aliases: [...(company.aliases ?? []), ...(slip ? [] : [raw])],
      })),
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
      terms: { where: { term: { kind: 'ACTION_FORM' } }, select: { termId: true } },
      locations: { select: { label: true, city: true, region: true, country: true }, orderBy: { position: 'asc' } },
    },
  });
  const existingById = new Map(existing.map((action) => [action.externalId as string, action]));
  // The stored actions' links before this run adds or removes any, for their revisions.
  const linksBefore = await linksOf(
    tx,
    existing.map((action) => action.id),
  );

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
    terms,
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
  await tx.employeeActionCompany.createMany({
    data: companyLinks.filter(unlessRemoved((link) => `company:${link.companyId}`)),
    skipDuplicates: true,
  });
  await tx.employeeActionTerm.createMany({
    data: termLinks.filter(unlessRemoved((link) => termKey(terms, link.termId))),
    skipDuplicates: true,
  });
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

  await dropFormerAliasLinks(tx, file.actions, existing, terms, editorLinks.added);
  await dropMisreadSources(tx, misreadSources(file.actions, existing));
  const linksAfter = await linksOf(
    tx,
    existing.map((action) => action.id),
  );

  const freshById = new Map(fresh.map((action) => [action.externalId, action]));
  // A new action's terms by kind, as its first version records them (its page lists them all).
  const termsOf = new Map<string, Map<VocabularyKind, Set<string>>>();
  for (const link of termLinks) {
    const term = terms.term(link.termId);
    if (!term) continue;
    const kinds = termsOf.get(link.actionId) ?? new Map<VocabularyKind, Set<string>>();
    kinds.set(term.kind, (kinds.get(term.kind) ?? new Set()).add(term.slug));
    termsOf.set(link.actionId, kinds);
  }
  const slugs = (actionId: string, kind: VocabularyKind) => [...(termsOf.get(actionId)?.get(kind) ?? [])].sort();
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
        formSlugs: slugs(row.id, 'ACTION_FORM'),
        issueSlugs: slugs(row.id, 'ISSUE'),
        tagSlugs: slugs(row.id, 'TAG'),
        employmentTypeSlugs: slugs(row.id, 'EMPLOYMENT_TYPE'),
        // Every source it was created citing: its own, and the data set it comes from.
        sources: [...action.sourceUrls, DATASET_CITATION.url],
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
    const wanted = ownedFields(
      action,
      linkedNames(action, (linksAfter.get(current.id) as ActionLinks).companies, companies.idByKey),
    );
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
    // Every link this run added or removed: companies, forms and other terms, sources.
    const links = changedLinks(linksBefore.get(current.id) as ActionLinks, linksAfter.get(current.id) as ActionLinks);
    Object.assign(before, links.before);
    Object.assign(after, links.after);
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
    skipped,
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
}

/** What a revision of an import records of an action's links, which are not columns to update. */
const LINK_FIELDS = new Set([
  'places',
  'companies',
  'formSlugs',
  'issueSlugs',
  'tagSlugs',
  'employmentTypeSlugs',
  'sources',
]);

/**
 * A form as a title names it where the data set's word alone would not say what happened:
 * "Resources involving IBM" was a guide, a fund or a network workers built (the form "Resources
 * and mutual aid", lib/vocabulary.ts).
 */
const TITLE_WORDS: Record<string, string> = { resources: 'worker resources' };

/**
 * The data set has no titles: "Open letter involving Salesforce", "Strike and protest involving
 * Amazon and Deliveroo", "Protest by workers of many companies". Its companies are the companies an
 * action involved, not always the employer of those who acted (students protesting Palantir,
 * academics boycotting KAIST), so the title names them without saying who acted; it names none
 * when "workers of many companies acted together" (its README), which the title then says; one
 * whose only company is "na" (id 256, academics) is said to name none. An action stored already
 * is named by the companies it is linked to (`linked`, from `linkedNames`).
 */
export function actionTitle(
  action: Pick<CollectiveAction, 'forms' | 'companies' | 'manyCompanies'>,
  linked?: string[],
): string {
  const forms = action.forms
    .map((form) => form.trim().toLowerCase())
    .filter((form) => !EMPTY_VALUES.has(form))
    .map((form) => TITLE_WORDS[form] ?? form)
    .map((form, index) => (index === 0 ? form.charAt(0).toUpperCase() + form.slice(1) : form));
  const what = forms.length ? joinWords(forms) : 'Collective action';
  const names = [...new Set(linked ?? action.companies.map(({ company }) => company.name))];
  if (names.length === 0)
    return action.manyCompanies ? `${what} by workers of many companies` : `${what} with no company named`;
  return `${what} involving ${names.length > 3 ? `${names.length} companies` : joinWords(names)}`;
}

/**
 * The names of the companies a stored action is linked to, as its title gives them: the file's that
 * are linked, in the file's order and words, then the others by name (those the file no longer
 * names, since a re-import never removes a link, and those an editor added).
 */
function linkedNames(
  action: CollectiveAction,
  linked: ActionLinks['companies'],
  idByKey: Map<string, string>,
): string[] {
  const linkedIds = new Set(linked.map((company) => company.id));
  const fromFile = action.companies.filter(({ company }) => linkedIds.has(idByKey.get(nameKey(company.name)) ?? ''));
  const fileIds = new Set(fromFile.map(({ company }) => idByKey.get(nameKey(company.name))));
  return [
    ...fromFile.map(({ company }) => company.name),
    ...linked.filter((company) => !fileIds.has(company.id)).map((company) => company.name),
  ];
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
