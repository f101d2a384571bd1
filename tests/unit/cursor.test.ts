import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, filtersDigest } from '@/lib/api/cursor';

const handMade = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** The digest of no filters, which a cursor of an unfiltered list carries. */
const UNFILTERED = filtersDigest({});

describe('list cursors', () => {
  it('carry the digest of their filters, the same whatever their order, and other for other filters', () => {
    const cursor = { key: '2018-06-25', id: 'cmx75eokk02hn0f7d3yh98d72' };
    const bound = decodeCursor(encodeCursor(cursor, 'actions', { company: 'google', from: 2018 }), 'actions', 'date');
    expect(bound).toEqual({ ...cursor, filters: filtersDigest({ from: 2018, company: 'google', to: undefined }) });
    expect(bound?.filters).not.toBe(filtersDigest({ company: 'amazon', from: 2018 }));
    expect(bound?.filters).not.toBe(filtersDigest({ company: 'google' }));
    // The subsidiaries the server reads from the company are no filter of the client's.
    expect(filtersDigest({ company: 'alphabet', subsidiaries: '1', family: ['alphabet', 'google'] })).toBe(
      filtersDigest({ company: 'alphabet', subsidiaries: '1' }),
    );
    // Words to find in another case or spacing find the same: the same digest; other words another.
    expect(filtersDigest({ q: 'ICE  Contract' })).toBe(filtersDigest({ q: ' ice contract' }));
    expect(filtersDigest({ q: 'ice' })).not.toBe(filtersDigest({ q: 'ice contract' }));
    // A digest of another shape is no cursor's, and neither is a position without one: sent with
    // other filters, it would skip their records before it.
    expect(decodeCursor(handMade(['actions', '2018-06-25', cursor.id, 'x']), 'actions', 'date')).toBeNull();
    expect(decodeCursor(handMade(['actions', '2018-06-25', cursor.id]), 'actions', 'date')).toBeNull();
  });

  it('come back as they were handed out', () => {
    const cursor = { key: '2018-06-25', id: 'cmx75eokk02hn0f7d3yh98d72' };
    expect(decodeCursor(encodeCursor(cursor, 'actions', {}), 'actions', 'date')).toEqual({
      ...cursor,
      filters: UNFILTERED,
    });
    expect(decodeCursor(encodeCursor({ key: 'salesforce', id: 'a1' }, 'companies', {}), 'companies', 'slug')).toEqual({
      key: 'salesforce',
      id: 'a1',
      filters: UNFILTERED,
    });
  });

  it('take an undated position only in a list whose records may be undated', () => {
    expect(decodeCursor(handMade(['contracts', null, 'a1', UNFILTERED]), 'contracts', 'date-or-none')).toEqual({
      key: null,
      id: 'a1',
      filters: UNFILTERED,
    });
    expect(decodeCursor(handMade(['actions', null, 'a1', UNFILTERED]), 'actions', 'date')).toBeNull();
  });

  it('belong to the list that handed them out', () => {
    const actions = encodeCursor({ key: '2018-06-25', id: 'a1' }, 'actions', {});
    expect(decodeCursor(actions, 'contracts', 'date-or-none')).toBeNull();
    expect(decodeCursor(actions, 'statements', 'date')).toBeNull();
    // One of the form before lists were named in cursors is none.
    expect(decodeCursor(handMade(['2018-06-25', 'a1']), 'actions', 'date')).toBeNull();
  });

  it('take a time to the millisecond in UTC in the list ordered by one, as Date writes it, and nothing else there', () => {
    const cursor = { key: '2026-12-01T09:30:00.120Z', id: 'cmx75eokk02hn0f7d3yh98d72' };
    expect(decodeCursor(encodeCursor(cursor, 'archived', {}), 'archived', 'time')).toEqual({
      ...cursor,
      filters: UNFILTERED,
    });
    for (const key of [
      null,
      '2026-12-01',
      '2026-12-01T09:30:00Z',
      '2026-12-01T09:30:00.12Z',
      '2026-12-01T09:30:00.120+01:00',
      '2026-02-30T09:30:00.000Z',
      '2026-12-01T24:00:00.000Z',
      '0000-12-01T09:30:00.000Z',
    ]) {
      expect(decodeCursor(handMade(['archived', key, 'a1', UNFILTERED]), 'archived', 'time'), String(key)).toBeNull();
    }
    // A date list's cursor is none of this list's, nor this list's of a date list.
    expect(decodeCursor(encodeCursor({ key: '2018-06-25', id: 'a1' }, 'actions', {}), 'archived', 'time')).toBeNull();
    expect(decodeCursor(encodeCursor(cursor, 'archived', {}), 'actions', 'date')).toBeNull();
  });

  it('refuse dates the database has no day for, and anything that is not a cursor', () => {
    for (const value of [
      ['0000-01-01', 'abc'], // no year 0 in PostgreSQL, though JavaScript has one
      ['2018-02-30', 'abc'],
      ['2018-6-25', 'abc'],
      ['2018-06-25', 'a b'],
      ['2018-06-25'],
      { key: '2018-06-25', id: 'abc' },
    ]) {
      expect(
        decodeCursor(handMade(['actions', ...(Array.isArray(value) ? value : [value]), UNFILTERED]), 'actions', 'date'),
        JSON.stringify(value),
      ).toBeNull();
    }
    expect(decodeCursor('not base64 !', 'actions', 'date')).toBeNull();
    expect(decodeCursor(handMade(['companies', 'Salesforce', 'a1', UNFILTERED]), 'companies', 'slug')).toBeNull();
  });
});
