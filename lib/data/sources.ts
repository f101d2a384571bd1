import 'server-only';

/** What a page shows of a citation. */
export const citationSelect = {
  id: true,
  url: true,
  publisher: true,
  title: true,
  publishedAt: true,
  publishedPrecision: true,
  archiveUrl: true,
} as const;

/**
 * A record's citations as every page reads them: in the order the sources were first stored (their
 * ids are time-ordered), the order of the API, the exports and the feeds (docs/decisions/006).
 */
export const cite = { select: { source: { select: citationSelect } }, orderBy: { sourceId: 'asc' } } as const;

export interface Citation {
  id: string;
  url: string | null;
  publisher: string | null;
  title: string | null;
  publishedAt: Date | null;
  publishedPrecision: 'DAY' | 'MONTH' | 'YEAR';
  archiveUrl: string | null;
}

/** Flattens Prisma's join rows (`{ source: {...} }[]`) into citations. */
export function citations(rows: { source: Citation }[]): Citation[] {
  return rows.map((row) => row.source);
}
