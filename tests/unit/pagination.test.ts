import { describe, expect, it } from 'vitest';
import { parsePageParam } from '@/lib/pagination';

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
