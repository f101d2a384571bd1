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
