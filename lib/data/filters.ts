import 'server-only';
import { cache } from 'react';
import { db } from '../db';
import type { VocabularyKind } from '../generated/prisma/enums';
import { byLabel, nameKey } from '../text';
import { termSlug } from '../vocabulary';

/** The terms of a vocabulary that filters offer (merged terms left out), A to Z. */
export async function listTerms(kind: VocabularyKind): Promise<{ slug: string; label: string; count: number }[]> {
  const terms = await db.vocabularyTerm.findMany({
    where: { kind, mergedIntoId: null },
    orderBy: { label: 'asc' },
    select: {
      slug: true,
      label: true,
      _count: { select: { actions: { where: { action: { status: 'PUBLISHED' } } } } },
    },
  });
  return terms.map(({ slug, label, _count }) => ({ slug, label, count: _count.actions })).sort(byLabel);
}

/**
 * The organisations the incidents' filter menu offers: published, not merged into another, with
 * a published donation response or action to find (one without would only ever find nothing).
 */
export async function listOrganizationOptions(): Promise<BodyName[]> {
  return db.organization.findMany({
    where: {
      status: 'PUBLISHED',
      mergedIntoId: null,
      OR: [
        { donationResponses: { some: { status: 'PUBLISHED' } } },
        { actions: { some: { action: { status: 'PUBLISHED' } } } },
      ],
    },
    orderBy: { name: 'asc' },
    select: { slug: true, name: true, acronym: true },
  });
}

type BodyName = { slug: string; name: string; acronym: string | null };

/**
 * A filter menu's agencies or organisations with the one the address names, when it is on record
 * but not among them (it has no incident, or no contract, to find): the menu shows what the list
 * is filtered by, and the title names it. Looked up only then, and not cached: any slug may be asked.
 */
export async function withChosen<Option extends BodyName>(
  options: Option[],
  kind: 'agency' | 'organization',
  slug: string | undefined,
): Promise<(Option | BodyName)[]> {
  if (!slug || options.some((option) => option.slug === slug)) return options;
  const chosen = await bodyNamed(kind, slug);
  return chosen ? [...options, chosen].sort((a, b) => a.name.localeCompare(b.name, 'en')) : options;
}

/** A published agency or organisation by slug: looked up once a request (the title and the menu both ask). */
const bodyNamed = cache(async (kind: 'agency' | 'organization', slug: string): Promise<BodyName | null> => {
  const select = { slug: true, name: true, acronym: true } as const;
  return kind === 'agency'
    ? db.agency.findFirst({ where: { slug, status: 'PUBLISHED' }, select })
    : db.organization.findFirst({ where: { slug, status: 'PUBLISHED', mergedIntoId: null }, select });
});

/** The id of a published company or agency named by slug in a filter; null when there is none. */
export async function resolveFilterSlugs(slugs: { company?: string; agency?: string; organization?: string }) {
  const [company, agency, organization] = await Promise.all([
    slugs.company
      ? db.company.findFirst({ where: { slug: slugs.company, status: 'PUBLISHED' }, select: { id: true, name: true } })
      : null,
    slugs.agency
      ? db.agency.findFirst({ where: { slug: slugs.agency, status: 'PUBLISHED' }, select: { id: true, name: true } })
      : null,
    slugs.organization
      ? db.organization.findFirst({
          where: { slug: slugs.organization, status: 'PUBLISHED', mergedIntoId: null },
          select: { id: true, name: true },
        })
      : null,
  ]);
  return { company, agency, organization };
}

/**
 * The published company a visitor names in a filter: by its address name ("salesforce"), else by
 * any of its names as typed ("Salesforce", "salesforce.com", "Sales Force"), recognised by the name
 * key every alias carries (unique, so never ambiguous); null when there is none.
 */
export async function findFilterCompany(
  text: string,
): Promise<{ id: string; slug: string; name: string; subsidiaries: number } | null> {
  const listed = { status: 'PUBLISHED', mergedIntoId: null } as const;
  // How many published subsidiaries it has: a list "with its subsidiaries" of one that has none says it plainly.
  const select = { id: true, slug: true, name: true, _count: { select: { subsidiaries: { where: listed } } } } as const;
  const key = nameKey(text);
  const found =
    (await db.company.findFirst({ where: { ...listed, slug: text }, select })) ??
    (key ? await db.company.findFirst({ where: { ...listed, aliases: { some: { key } } }, select }) : null);
  if (!found) return null;
  const { _count, ...company } = found;
  return { ...company, subsidiaries: _count.subsidiaries };
}

/** How a filter's slug named its term: as its own, as another spelling of it, or as a term merged into it since. */
export type TermMatch = 'own' | 'spelling' | 'merged';

/**
 * The term a form, issue or tag filter names now, by its slug; else by another spelling of it (its
 * new name since a renaming, a spelling imports map onto it, the slug its label makes today);
 * followed through merges to the term it became (`named`: the name of the one the slug found, merged
 * or not). Null when no term of the list has it.
 */
export async function filterTerm(
  kind: VocabularyKind,
  slug: string,
): Promise<{ slug: string; label: string; match: TermMatch; named: string } | null> {
  const select = { slug: true, label: true, mergedIntoId: true } as const;
  const own = await db.vocabularyTerm.findUnique({ where: { kind_slug: { kind, slug } }, select });
  let term =
    own ??
    (await db.vocabularyAlias.findUnique({ where: { kind_key: { kind, key: slug } }, select: { term: { select } } }))
      ?.term ??
    (await db.vocabularyTerm.findMany({ where: { kind }, select, orderBy: { slug: 'asc' } }))
      .sort((a, b) => Number(a.mergedIntoId !== null) - Number(b.mergedIntoId !== null))
      .find((candidate) => termSlug(candidate.label) === slug) ??
    null;
  if (!term) return null;
  const named = term.label;
  let match: TermMatch = own ? 'own' : 'spelling';
  for (let hop = 0; hop < 5 && term?.mergedIntoId; hop += 1) {
    term = await db.vocabularyTerm.findUnique({ where: { id: term.mergedIntoId }, select });
    match = 'merged';
  }
  return term && { slug: term.slug, label: term.label, match, named };
}

/** The slug a form, issue or tag filter names now (filterTerm), or the slug itself when no term has it. */
export async function survivingTermSlug(kind: VocabularyKind, slug: string): Promise<string> {
  return (await filterTerm(kind, slug))?.slug ?? slug;
}
