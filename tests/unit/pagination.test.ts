import { describe, expect, it } from 'vitest';
import { boundedPage, MAX_PER_PAGE, parsePageParam } from '@/lib/pagination';

describe('parsePageParam', () => {
  it('defaults to the first page', () => {
    expect(parsePageParam(undefined)).toBe(1);
  });

  it.each([['-1'], ['0'], ['abc'], ['1.5'], ['1e3'], ['9999999'], [' 2']])('refuses page=%s', (value) => {
    expect(parsePageParam(value)).toBeNull();
  });

  it('refuses repeated parameters and pages past the end', () => {
    expect(parsePageParam(['1', '2'])).toBeNull();
    expect(parsePageParam('4', 3)).toBeNull();
    expect(parsePageParam('3', 3)).toBe(3);
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
