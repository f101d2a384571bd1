import { describe, expect, it } from 'vitest';
import { boundedPage, MAX_PER_PAGE } from '@/lib/pagination';
import { agencyListParamsSchema, readSortedList } from '@/lib/validation/public-params';

describe('a sorted list’s page and order, as its address gives them', () => {
  const read = (params: Record<string, string | string[]>) => readSortedList(agencyListParamsSchema, params, 'name');

  it('default to the first page, in name order', () => {
    expect(read({})).toEqual({ ok: true, data: { page: 1, sort: 'name' } });
    expect(read({ page: '3', sort: 'VALUE' })).toEqual({ ok: true, data: { page: 3, sort: 'value' } });
  });

  it.each([['-1'], ['0'], ['abc'], ['1.5'], ['1e3'], ['9999999'], [' 2']])('refuse page=%s', (value) => {
    expect(read({ page: value })).toEqual({
      ok: false,
      problems: [{ field: 'page', message: '“page” must be a page number.' }],
    });
  });

  it('refuse a repeated parameter and an order the list has not', () => {
    expect(read({ page: ['1', '2'] })).toEqual({
      ok: false,
      problems: [{ field: 'page', message: '“page” is given more than once: give it once.' }],
    });
    expect(read({ sort: 'sideways' })).toEqual({
      ok: false,
      problems: [{ field: 'sort', message: '“sort” must be one of name, contracts, value.' }],
    });
  });
});

describe('boundedPage', () => {
  it('keeps a page and length in range, whatever it is given', () => {
    expect(boundedPage({ page: 3, perPage: 30 })).toEqual({ page: 3, perPage: 30 });
    expect(boundedPage({ page: 1, perPage: 100_000 })).toEqual({ page: 1, perPage: MAX_PER_PAGE });
    expect(boundedPage({ page: -4, perPage: 0 })).toEqual({ page: 1, perPage: 1 });
    expect(boundedPage({ page: '2', perPage: 2.5 })).toEqual({ page: 1, perPage: 25 });
    expect(boundedPage({ page: Number.NaN, perPage: null })).toEqual({ page: 1, perPage: 25 });
  });
});
