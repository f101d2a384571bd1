import { cacheLife, cacheTag } from 'next/cache';
import { cacheTags } from '../cache-tags';
import { getRecord, listArchived, listRecords, recentRecords, feedSubject } from '../data/open-data';
import type { Cursor } from './cursor';
import { KINDS, type Kind, type RecordFilters } from './kinds';
import { boundedPage } from '../pagination';

/*
 * The open-data interface's cached reads, as lib/public-data.ts does for pages: 'use cache' for
 * minutes, tagged `record:lists`, which every write to the record invalidates. Exports are not
 * cached: they stream straight from the database.
 */

export async function cachedListPage(kind: Kind, filters: RecordFilters, cursor: Cursor | null, limit: number) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.lists);
  // Held to the API's own limit whoever calls (a cached read can be called with any arguments).
  return listRecords(kind, filters, { cursor, limit: boundedPage({ perPage: limit }).perPage });
}

/** A page of the list of archived records from its start or a cursor (`since` is read afresh: it has no end of values). */
export async function cachedArchivedPage(cursor: Cursor | null, limit: number) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.lists);
  return listArchived({ cursor, limit: boundedPage({ perPage: limit }).perPage });
}

export async function cachedRecord(kind: Kind, key: string) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.lists);
  return getRecord(kind, key);
}

export async function cachedRecent(kinds: Kind[], filters: RecordFilters, take: number) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.lists);
  return recentRecords(kinds.slice(0, KINDS.length), filters, boundedPage({ perPage: take }).perPage);
}

export async function cachedFeedSubject(kind: 'companies' | 'agencies', slug: string) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.lists);
  return feedSubject(kind, slug);
}
