import { normalizeSourceUrl, sameDocumentUrls, sourceHost } from '../urls';
import { revisionRow } from './revisions';
import type { DatePrecision } from '../generated/prisma/enums';
import type { Db, SystemActor } from './types';

/**
 * A url in the form lib/urls.ts gives it now: one normalised when a change was sent may predate a
 * rule (a path's closing slash before a query, taken off since), and its source is stored in it.
 */
function currentForm(url: string): string {
  const result = normalizeSourceUrl(url, { spaces: true });
  return result.ok ? result.url : url;
}

/**
 * The ids of the sources with these (already normalised) urls, creating those not yet stored.
 * Each url is stored once and shared by every record that cites it; one stored over the other
 * scheme or with(out) `www.` is the same document, cited again in the form first stored.
 */
export async function ensureSourcesByUrl(
  db: Db,
  urls: string[],
  { actor }: SystemActor,
): Promise<{ ids: Map<string, string>; created: number }> {
  const wanted = [...new Set(urls)];
  const ids = new Map<string, string>();
  const current = new Map(wanted.map((url) => [url, currentForm(url)]));
  const forms = new Map(
    wanted.map((url) => [url, [...new Set([...sameDocumentUrls(current.get(url)!), ...sameDocumentUrls(url)])]]),
  );
  const existing = await db.source.findMany({
    where: { url: { in: [...new Set([...forms.values()].flat())] } },
    select: { id: true, url: true },
  });
  const stored = new Map(existing.flatMap((source) => (source.url ? [[source.url, source.id] as const] : [])));
  for (const url of wanted) {
    // The url itself if stored, else its first form stored (https before http).
    const form = forms.get(url)?.find((candidate) => stored.has(candidate));
    if (form) ids.set(url, stored.get(form) as string);
  }

  const missing = wanted.filter((url) => !ids.has(url));
  if (missing.length === 0) return { ids, created: 0 };
  // Stored in the form an address typed now takes (two asked for in forms that now read the same, once).
  const toStore = [...new Set(missing.map((url) => current.get(url)!))];
  const idOf = new Map<string, string>();
  // Another write may store one of these urls at the same moment: it is then read, not created twice.
  const created = await db.source.createManyAndReturn({
    data: toStore.map((url) => ({ url, publisher: sourceHost(url) })),
    select: { id: true, url: true, publisher: true },
    skipDuplicates: true,
  });
  for (const source of created) if (source.url) idOf.set(source.url, source.id);
  const storedMeanwhile = toStore.filter((url) => !idOf.has(url));
  if (storedMeanwhile.length > 0) {
    const found = await db.source.findMany({
      where: { url: { in: storedMeanwhile } },
      select: { id: true, url: true },
    });
    for (const source of found) if (source.url) idOf.set(source.url, source.id);
  }
  for (const url of missing) {
    const id = idOf.get(current.get(url)!);
    if (id) ids.set(url, id);
  }
  await db.revision.createMany({
    data: created.map((source) =>
      revisionRow({ recordType: 'SOURCE', recordId: source.id, kind: 'CREATE', actor, after: source }),
    ),
  });
  return { ids, created: created.length };
}

/** A citation without a url, as a form gives it (its date at the precision the source gives). */
export interface CitationParts {
  publisher: string;
  title: string;
  date: { date: string; precision: DatePrecision };
}

/**
 * The id of the stored citation without a url that is this one (the same publisher and title,
 * whatever their case, at the same date), creating it when there is none: cited twice, a printed
 * report is one source, as a page is.
 */
export async function ensureCitation(db: Db, citation: CitationParts, { actor }: SystemActor): Promise<string> {
  const publishedAt = new Date(`${citation.date.date}T00:00:00Z`);
  // Two publications of the same new citation at once wait for each other, so that the second finds
  // the first's (a url's unique index does this for pages; a citation has no such key). Held until
  // the transaction ends.
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${citationKey(citation)}))`;
  // Compared by lower(): Prisma's case-insensitive equality is an ILIKE, which reads % and _ in a
  // heading ("9% of workers") as wildcards.
  const [same] = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM sources
    WHERE url IS NULL AND lower(publisher) = lower(${citation.publisher}) AND lower(title) = lower(${citation.title})
      AND published_at = ${publishedAt}::date AND published_precision = ${citation.date.precision}::"DatePrecision"
    ORDER BY id LIMIT 1`;
  if (same) return same.id;
  const created = await db.source.create({
    data: {
      publisher: citation.publisher,
      title: citation.title,
      publishedAt,
      publishedPrecision: citation.date.precision,
    },
    select: { id: true, url: true, publisher: true, title: true, publishedAt: true, publishedPrecision: true },
  });
  await db.revision.create({
    data: revisionRow({ recordType: 'SOURCE', recordId: created.id, kind: 'CREATE', actor, after: created }),
  });
  return created.id;
}

/** What makes two citations without a url one: publisher and title whatever their case, date and precision. */
export function citationKey(citation: CitationParts): string {
  return JSON.stringify([
    citation.publisher.toLowerCase(),
    citation.title.toLowerCase(),
    citation.date.date,
    citation.date.precision,
  ]);
}
