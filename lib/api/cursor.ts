import { createHash } from 'node:crypto';

/**
 * An opaque position in a list: the list's kind, the sort key and id of the last record of a page,
 * and a digest of the filters it was handed out with, as base64url JSON. The client only hands it
 * back; the server checks it like any other input: a cursor of another list (an actions cursor sent
 * to /api/v1/companies) is none of this one's, and one sent with other filters is refused, since it
 * would silently skip the records of those filters that come before its position.
 */
export interface Cursor {
  /**
   * The last record's sort key: a date ("2018-07-01"), null for an undated record, a slug, or a
   * time to the millisecond in UTC ("2026-12-01T09:30:00.000Z").
   */
  key: string | null;
  id: string;
  /**
   * The digest of the filters it was handed out with (filtersDigest). Every cursor carries one: a
   * position without it (hand-made, or cut from a cursor) could be sent with any filters.
   */
  filters: string;
}

const DIGEST = /^[A-Za-z0-9_-]{12}$/;

/**
 * The filters a page was asked with, as a short digest: the same filters, whatever their order, the
 * same digest; so with words to find in another case or spacing ("ICE", " ice "), which find the same.
 */
export function filtersDigest(filters: object): string {
  // `family` is read from `company` by the server (its subsidiaries), never given by a client.
  const given = Object.entries(filters)
    .filter(([name, value]) => value !== undefined && name !== 'family')
    .map(([name, value]) => [name, name === 'q' && typeof value === 'string' ? sameWords(value) : value])
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(given)).digest('base64url').slice(0, 12);
}

/** Words to find as the search reads them: case and runs of spaces make no difference to it. */
const sameWords = (words: string) => words.toLowerCase().replace(/\s+/g, ' ').trim();

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SLUG = /^[a-z0-9-]{1,100}$/;
// As Date.toISOString writes it, which is how the database's times (kept to the millisecond) are handed out.
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * What a list is ordered by: a date every record has, a date some records lack, the slug, or a
 * time every record has (the list of archived records, by when each was archived).
 */
export type CursorKey = 'date' | 'date-or-none' | 'slug' | 'time';

export function encodeCursor(cursor: Omit<Cursor, 'filters'>, list: string, filters: object): string {
  const position = [list, cursor.key, cursor.id, filtersDigest(filters)];
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The cursor, or null when the text is not one the list (`list`, ordered by `keyKind`) hands out. */
export function decodeCursor(text: string, list: string, keyKind: CursorKey): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(text)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 4 || value[0] !== list) return null;
  const [, key, id, digest] = value as unknown[];
  if (typeof id !== 'string' || !ID.test(id)) return null;
  if (typeof digest !== 'string' || !DIGEST.test(digest)) return null;
  const position = (key: string | null): Cursor => ({ key, id, filters: digest });
  if (keyKind === 'slug') return typeof key === 'string' && SLUG.test(key) ? position(key) : null;
  if (keyKind === 'time') {
    if (typeof key !== 'string' || !TIME.test(key) || key.startsWith('0000')) return null;
    const time = new Date(key);
    return Number.isNaN(time.getTime()) || time.toISOString() !== key ? null : position(key);
  }
  // An undated position only in a list whose records may be undated.
  if (key === null) return keyKind === 'date-or-none' ? position(key) : null;
  // (PostgreSQL's dates have no year 0, which JavaScript's do.)
  if (typeof key !== 'string' || !DAY.test(key) || key.startsWith('0000')) return null;
  const date = new Date(`${key}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== key ? null : position(key);
}

/** What a list says of a cursor sent with other filters than the page it came from. */
export const OTHER_FILTERS =
  'handed out for other filters: send it with the filters of the page it came from, or leave it out to start from the first page';
