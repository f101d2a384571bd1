import { db } from '../db';
import { Prisma } from '../generated/prisma/client';

/*
 * Full-text matching of incidents by their words: one expression per kind, the ones the migrations'
 * GIN indexes are built on (so the indexes serve them), used by search (lib/data/search.ts), the
 * incidents list (lib/data/incident-index.ts), the exports and the API's lists. English stemming,
 * accents ignored ("Nestle" finds "Nestlé"); the words read as a web search engine reads them
 * (websearch_to_tsquery: "quoted phrases", or, -word).
 */

export type TextKind = 'action' | 'contract' | 'donation' | 'statement';

/** Each kind's words as a tsvector, of the table named `alias`. */
export const TEXT_VECTOR: Record<TextKind, (alias: string) => string> = {
  action: (alias) => `${alias}.search_vector`,
  contract: (alias) => `to_tsvector('english_unaccented', ${alias}.title || ' ' || coalesce(${alias}.purpose, ''))`,
  donation: (alias) =>
    `to_tsvector('english_unaccented', coalesce(${alias}.reason, '') || ' ' || coalesce(${alias}.quote, ''))`,
  statement: (alias) => `to_tsvector('english_unaccented', ${alias}.summary || ' ' || coalesce(${alias}.quote, ''))`,
};

/** The condition, as SQL text, that a row of `kind` (as `alias`) has the words of the parameter `param` ($n). */
export const wordsMatchText = (kind: TextKind, alias: string, param: string) =>
  `${TEXT_VECTOR[kind](alias)} @@ websearch_to_tsquery('english_unaccented', ${param})`;

/** The same condition as a Prisma fragment, the words as its value. */
export const wordsMatch = (kind: TextKind, alias: string, words: string) =>
  Prisma.sql`${Prisma.raw(TEXT_VECTOR[kind](alias))} @@ websearch_to_tsquery('english_unaccented', ${words})`;

/**
 * Whether the words hold anything full text can look for: common words alone ("the", "or") and
 * operators alone ("-") make an empty query, which matches nothing and is worth saying so.
 */
export async function searchableWords(words: string): Promise<boolean> {
  const [row] = await db.$queryRaw<{ words: number }[]>`
    SELECT numnode(websearch_to_tsquery('english_unaccented', ${words})) AS words`;
  return (row?.words ?? 0) > 0;
}
