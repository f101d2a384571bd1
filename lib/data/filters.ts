import 'server-only';
import { db } from '../db';
import type { VocabularyKind } from '../generated/prisma/enums';

/** The terms of a vocabulary that filters offer (merged terms left out), A to Z. */
export async function listTerms(kind: VocabularyKind): Promise<{ slug: string; label: string }[]> {
  return db.vocabularyTerm.findMany({
    where: { kind, mergedIntoId: null },
    orderBy: { label: 'asc' },
    select: { slug: true, label: true },
  });
}

/** Agencies that award published contracts, for filter menus. */
export async function listAgencyOptions(): Promise<{ slug: string; name: string; acronym: string | null }[]> {
  return db.agency.findMany({
    where: { status: 'PUBLISHED' },
    orderBy: { name: 'asc' },
    select: { slug: true, name: true, acronym: true },
  });
}

/** The id of a published company or agency named by slug in a filter; null when there is none. */
export async function resolveFilterSlugs(slugs: { company?: string; agency?: string }) {
  const [company, agency] = await Promise.all([
    slugs.company
      ? db.company.findFirst({ where: { slug: slugs.company, status: 'PUBLISHED' }, select: { id: true, name: true } })
      : null,
    slugs.agency
      ? db.agency.findFirst({ where: { slug: slugs.agency, status: 'PUBLISHED' }, select: { id: true, name: true } })
      : null,
  ]);
  return { company, agency };
}
