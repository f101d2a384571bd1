import 'server-only';
import { formatPreciseDate } from '../dates';
import type { DatePrecision } from '../generated/prisma/enums';

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

/**
 * A citation without a web address as forms and reviews name it: its title, publisher and date,
 * dated as pages date it, never more precisely than known ("March 2019", not "2019-03-01").
 */
export function citationLabel(source: {
  title: string | null;
  publisher: string | null;
  publishedAt: Date | null;
  publishedPrecision: DatePrecision;
}): string {
  return [source.title ?? 'Untitled', source.publisher, source.publishedAt && formatPreciseDate(source.publishedAt, source.publishedPrecision)]
    .filter(Boolean)
    .join(' · ');
}
