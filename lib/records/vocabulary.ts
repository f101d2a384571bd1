import type { VocabularyKind } from '../generated/prisma/enums';
import { CONTROLLED_TERMS, TAG_ALIASES, tagLabel, termSlug } from '../vocabulary';
import { revisionRow } from './revisions';
import type { Db, SystemActor } from './types';

/** Creates the controlled terms and their aliases that are not stored yet; never changes others. */
export async function ensureControlledTerms(db: Db): Promise<void> {
  for (const [kind, terms] of Object.entries(CONTROLLED_TERMS) as [
    VocabularyKind,
    (typeof CONTROLLED_TERMS)['ISSUE'],
  ][]) {
    await db.vocabularyTerm.createMany({
      data: terms.map((term) => ({ kind, slug: term.slug, label: term.label, description: term.description ?? null })),
      skipDuplicates: true,
    });
    const stored = await db.vocabularyTerm.findMany({ where: { kind }, select: { id: true, slug: true } });
    const idBySlug = new Map(stored.map((term) => [term.slug, term.id]));
    await db.vocabularyAlias.createMany({
      data: terms.flatMap((term) =>
        (term.aliases ?? []).map((alias) => ({
          kind,
          key: termSlug(alias),
          termId: idBySlug.get(term.slug) as string,
        })),
      ),
      skipDuplicates: true,
    });
  }
}

export type TermResolution = { termId: string; reason?: undefined } | { termId: null; reason: string };

/**
 * Maps raw vocabulary values onto stored terms: by slug, then by alias, following merges to the
 * surviving term. Tags are an open list: an unknown tag is created (and reported) by
 * `createMissingTags`; an unknown form, issue or employment type is not guessed.
 */
export async function loadTermResolver(db: Db) {
  const [terms, aliases] = await Promise.all([
    db.vocabularyTerm.findMany({ select: { id: true, kind: true, slug: true, label: true, mergedIntoId: true } }),
    db.vocabularyAlias.findMany({ select: { kind: true, key: true, termId: true } }),
  ]);
  const byId = new Map(terms.map((term) => [term.id, term]));
  const index = new Map<string, string>();
  for (const term of terms) index.set(`${term.kind}:${term.slug}`, term.id);
  for (const alias of aliases)
    if (!index.has(`${alias.kind}:${alias.key}`)) index.set(`${alias.kind}:${alias.key}`, alias.termId);
  // And by the slug its label reduces to today: a term whose slug was made by an earlier reading of
  // other scripts ("Kadın hakları" was kad-n-haklar, now kadin-haklari) is still found by its name.
  for (const term of terms) {
    const key = `${term.kind}:${termSlug(term.label)}`;
    if (!index.has(key)) index.set(key, term.id);
  }

  const survivor = (id: string): string => {
    const seen = new Set<string>();
    let current = byId.get(id);
    while (current?.mergedIntoId && !seen.has(current.id)) {
      seen.add(current.id);
      current = byId.get(current.mergedIntoId);
    }
    return current?.id ?? id;
  };

  return {
    resolve(kind: VocabularyKind, raw: string): TermResolution {
      const slug = termSlug(kind === 'TAG' ? (TAG_ALIASES[termSlug(raw)] ?? raw) : raw);
      const id = index.get(`${kind}:${slug}`);
      if (id) return { termId: survivor(id) };
      return {
        termId: null,
        reason: `"${raw}" is not in the controlled list of ${kind.toLowerCase().replace('_', ' ')}s`,
      };
    },
    /** A term the resolver knows (every stored one, and the tags it created), by id. */
    term(id: string): { kind: VocabularyKind; slug: string } | undefined {
      return byId.get(id);
    },
    /** Creates tags not yet in the list; returns the labels created. */
    async createMissingTags(rawTags: string[], { actor }: SystemActor): Promise<string[]> {
      const missing = new Map<string, string>();
      for (const raw of rawTags) {
        const slug = termSlug(TAG_ALIASES[termSlug(raw)] ?? raw);
        // Labelled from the slug ("climate_change" -> "Climate change"), but a tag in other letters
        // than a to z keeps them: its slug writes "Забастовка" as zabastovka.
        const label = /[^\x00-\x7f]/.test(raw) ? tagLabel(raw) : tagLabel(slug.replace(/-/g, ' '));
        if (slug && slug !== 'na' && !index.has(`TAG:${slug}`)) missing.set(slug, label);
      }
      if (missing.size === 0) return [];
      const created = await db.vocabularyTerm.createManyAndReturn({
        data: [...missing].map(([slug, label]) => ({ kind: 'TAG' as const, slug, label })),
        select: { id: true, kind: true, slug: true, label: true },
      });
      for (const term of created) {
        index.set(`TAG:${term.slug}`, term.id);
        byId.set(term.id, { ...term, mergedIntoId: null });
      }
      await db.revision.createMany({
        data: created.map((term) =>
          revisionRow({ recordType: 'VOCABULARY_TERM', recordId: term.id, kind: 'CREATE', actor, after: term }),
        ),
      });
      return created.map((term) => term.label);
    },
  };
}
