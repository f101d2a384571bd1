import { describe, expect, it } from 'vitest';
import { listParamsSchema, parseQuery } from '@/lib/api/kinds';

const parse = (query: string) => parseQuery(listParamsSchema('actions'), new URLSearchParams(query));

describe("the API's query parameters", () => {
  it('say what a year takes, whether it is malformed or out of range', () => {
    expect(parse('from=2018&to=2019')).toEqual({ ok: true, data: { from: 2018, to: 2019 } });
    for (const query of ['from=1800', 'from=2200'])
      expect(parse(query), query).toEqual({
        ok: false,
        issues: [{ path: ['from'], message: 'a year from 1900 to 2100' }],
      });
    expect(parse('to=18')).toEqual({ ok: false, issues: [{ path: ['to'], message: 'a year such as 2018' }] });
  });
});
