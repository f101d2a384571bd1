/**
 * An opaque position in a list: the list's kind, and the sort key and id of the last record of a
 * page, as base64url JSON. The client only hands it back; the server checks it like any other input,
 * and a cursor of another list (an actions cursor sent to /api/v1/companies) is none of this one's.
 */
export interface Cursor {
  /**
   * The last record's sort key: a date ("2018-07-01"), null for an undated record, a slug, or a
   * time to the millisecond in UTC ("2026-12-01T09:30:00.000Z").
   */
  key: string | null;
  id: string;
}

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

export function encodeCursor(cursor: Cursor, list: string): string {
  return Buffer.from(JSON.stringify([list, cursor.key, cursor.id])).toString('base64url');
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
  if (!Array.isArray(value) || value.length !== 3 || value[0] !== list) return null;
  const [, key, id] = value as unknown[];
  if (typeof id !== 'string' || !ID.test(id)) return null;
  if (keyKind === 'slug') return typeof key === 'string' && SLUG.test(key) ? { key, id } : null;
  if (keyKind === 'time') {
    if (typeof key !== 'string' || !TIME.test(key) || key.startsWith('0000')) return null;
    const time = new Date(key);
    return Number.isNaN(time.getTime()) || time.toISOString() !== key ? null : { key, id };
  }
  // An undated position only in a list whose records may be undated.
  if (key === null) return keyKind === 'date-or-none' ? { key, id } : null;
  // (PostgreSQL's dates have no year 0, which JavaScript's do.)
  if (typeof key !== 'string' || !DAY.test(key) || key.startsWith('0000')) return null;
  const date = new Date(`${key}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== key ? null : { key, id };
}
