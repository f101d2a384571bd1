import { describe, expect, it } from 'vitest';
import { exportParamsSchema, listParamsSchema, parseQuery } from '@/lib/api/kinds';
import { openApiDocument } from '@/lib/api/openapi';

const parse = (query: string) => parseQuery(listParamsSchema('actions'), new URLSearchParams(query));

describe("the API's query parameters", () => {
  it('say what a year takes, whether it is malformed or out of range', () => {
    expect(parse('from=2018&to=2019')).toEqual({ ok: true, data: { from: 2018, to: 2019 } });
    for (const query of ['from=1800', 'from=2200'])
      expect(parse(query), query).toEqual({
        ok: false,
        issues: [{ path: ['from'], message: 'a year from 1900 to 2100, such as 2018' }],
      });
    expect(parse('to=18')).toEqual({
      ok: false,
      issues: [{ path: ['to'], message: 'a year from 1900 to 2100, such as 2018' }],
    });
  });

  it('take slugs and codes in any case, as the site’s lists do', () => {
    expect(parse('outcome=partly-met&tag=ICE&company=Salesforce&form=Open-Letter')).toEqual({
      ok: true,
      data: { outcome: 'PARTLY_MET', tag: 'ice', company: 'salesforce', form: 'open-letter' },
    });
    expect(parseQuery(listParamsSchema('contracts'), new URLSearchParams('status=not-renewed'))).toEqual({
      ok: true,
      data: { status: 'NOT_RENEWED' },
    });
    expect(parseQuery(listParamsSchema('companies'), new URLSearchParams('has=Contracts'))).toEqual({
      ok: true,
      data: { has: 'contracts' },
    });
    // Still only the values there are, and still only one spelling of a slug's characters.
    expect(parse('outcome=maybe')).toMatchObject({ ok: false, issues: [{ path: ['outcome'] }] });
    expect(parse('company=Sales%20Force')).toMatchObject({ ok: false, issues: [{ path: ['company'] }] });
  });

  it('read the moment of a last visit as a time in UTC to the millisecond, in every list', () => {
    expect(parse('updatedSince=2026-12-01')).toEqual({ ok: true, data: { updatedSince: '2026-12-01T00:00:00.000Z' } });
    expect(parse('updatedSince=2026-12-01T09:30:00%2B02:00')).toEqual({
      ok: true,
      data: { updatedSince: '2026-12-01T07:30:00.000Z' },
    });
    // Written more finely than the database keeps it: the next millisecond, so none is read twice.
    expect(
      parseQuery(listParamsSchema('companies'), new URLSearchParams('updatedSince=2026-12-01T09:30:00.0001Z')),
    ).toEqual({
      ok: true,
      data: { updatedSince: '2026-12-01T09:30:00.001Z' },
    });
    for (const query of ['updatedSince=yesterday', 'updatedSince=2026-13-01', 'updatedSince=2026-12-01T09:30:00'])
      expect(parse(query), query).toEqual({
        ok: false,
        issues: [
          {
            path: ['updatedSince'],
            message: 'a date (2026-12-01) or a date-time with its offset (2026-12-01T09:30:00Z)',
          },
        ],
      });
  });

  it('read a value without the spaces around it, as the site’s lists do', () => {
    expect(parse('tag=ice%20&from=%202018&limit=%2010')).toEqual({
      ok: true,
      data: { tag: 'ice', from: 2018, limit: 10 },
    });
  });

  it('say what a parameter takes in the same few words, whichever it is', () => {
    expect(parse('outcome=bogus')).toEqual({
      ok: false,
      issues: [{ path: ['outcome'], message: 'one of PENDING, MET, PARTLY_MET, NOT_MET, UNKNOWN' }],
    });
    expect(parseQuery(listParamsSchema('contracts'), new URLSearchParams('status=bogus'))).toEqual({
      ok: false,
      issues: [{ path: ['status'], message: 'one of ACTIVE, COMPLETED, CANCELLED, NOT_RENEWED, UNKNOWN' }],
    });
    expect(parseQuery(listParamsSchema('companies'), new URLSearchParams('has=x'))).toEqual({
      ok: false,
      issues: [{ path: ['has'], message: 'one of contracts, actions, donations' }],
    });
    // A value past any parameter's length is said so, once.
    expect(parse(`company=${'a'.repeat(201)}`)).toEqual({
      ok: false,
      issues: [{ path: ['company'], message: 'at most 200 characters' }],
    });
    // A message the site's lists share says its parameter once, in the path.
    expect(parse('company=google&subsidiaries=yes')).toEqual({
      ok: false,
      issues: [{ path: ['subsidiaries'], message: 'must be 1 or true (included), or 0 or false.' }],
    });
  });

  it('say what the words to look for take in the same few words, in the lists and the exports alike', () => {
    // The site's lists say it in sentences (tests/unit/list-filters.test.ts); the API as it says every other parameter's.
    for (const schema of [listParamsSchema('actions'), exportParamsSchema('statements')]) {
      expect(parseQuery(schema, new URLSearchParams(`q=${'a'.repeat(201)}`))).toEqual({
        ok: false,
        issues: [{ path: ['q'], message: 'at most 200 characters' }],
      });
      // Only invisible characters (a zero-width space, a control character): nothing to look for is left.
      for (const q of ['%E2%80%8B', '%01'])
        expect(parseQuery(schema, new URLSearchParams(`q=${q}`)), q).toEqual({
          ok: false,
          issues: [{ path: ['q'], message: 'words to look for, such as ICE contract' }],
        });
    }
    expect(parse(`q=${'a'.repeat(200)}`)).toEqual({ ok: true, data: { q: 'a'.repeat(200) } });
    // A byte that is no UTF-8 (é in Latin-1) is refused, not searched for as nothing or dropped.
    for (const q of ['caf%E9', 'ice%E9'])
      expect(parse(`q=${q}`), q).toEqual({
        ok: false,
        issues: [
          {
            path: ['q'],
            message: 'text percent-encoded as UTF-8 (é is %C3%A9): a byte of another encoding cannot be read',
          },
        ],
      });
    expect(parse('q=caf%C3%A9')).toEqual({ ok: true, data: { q: 'café' } });
  });

  it('take a limit written in digits only', () => {
    expect(parse('limit=25')).toEqual({ ok: true, data: { limit: 25 } });
    // Zeros in front, as the document's integer allows.
    expect(parse('limit=0000005')).toEqual({ ok: true, data: { limit: 5 } });
    for (const limit of ['1e2', '0x10', '1%200', '2.5', '-1', '101', '0'])
      expect(parse(`limit=${limit}`), limit).toMatchObject({ ok: false, issues: [{ path: ['limit'] }] });
  });

  it('refuse an unknown parameter with a value or without, and take an empty known one as absent', () => {
    // Names every object has are parameters like any other.
    for (const query of ['foo=', 'foo', 'status=', 'foo=1', '__proto__=1', 'constructor=1', 'toString='])
      expect(parse(query), query).toEqual({
        ok: false,
        issues: [{ path: [query.replace(/=.*/, '')], message: 'unknown parameter' }],
      });
    // Repeated as well: both said at once.
    expect(parse('foo=1&foo=2')).toEqual({
      ok: false,
      issues: [
        { path: ['foo'], message: 'given more than once; give it once' },
        { path: ['foo'], message: 'unknown parameter' },
      ],
    });
    // Several: each its own issue, named by its path.
    expect(parse('foo=1&bar=2')).toEqual({
      ok: false,
      issues: [
        { path: ['foo'], message: 'unknown parameter' },
        { path: ['bar'], message: 'unknown parameter' },
      ],
    });
    expect(parse('company=&from=&limit=')).toEqual({ ok: true, data: {} });
    // One without a name is said so; a long name is said shortened.
    expect(parse('=1')).toEqual({
      ok: false,
      issues: [{ path: [], message: 'a parameter without a name: unknown parameter' }],
    });
    expect(parse(`${'x'.repeat(5000)}=1`)).toEqual({
      ok: false,
      issues: [{ path: [`${'x'.repeat(60)}…`], message: 'unknown parameter' }],
    });
  });

  it('take the subsidiaries switch with a company only, where alone it would give every record', () => {
    expect(parse('subsidiaries=1')).toEqual({
      ok: false,
      issues: [{ path: ['subsidiaries'], message: expect.stringMatching(/goes with company/) }],
    });
    expect(parse('company=&subsidiaries=true')).toMatchObject({ ok: false, issues: [{ path: ['subsidiaries'] }] });
    // Switched off, it asks for nothing.
    expect(parse('subsidiaries=0')).toEqual({ ok: true, data: {} });
    expect(parse('company=alphabet&subsidiaries=1')).toEqual({
      ok: true,
      data: { company: 'alphabet', subsidiaries: '1' },
    });
  });
});

describe("the API's document", () => {
  it('says the bounds of a year that the handlers keep: its pattern takes exactly the years they take', () => {
    const document = openApiDocument('https://counterweight.example');
    const parameters = (
      document.paths['/api/v1/actions'] as { get: { parameters: { name: string; schema: { pattern: string } }[] } }
    ).get.parameters;
    const pattern = new RegExp(parameters.find((parameter) => parameter.name === 'from')!.schema.pattern);
    for (const year of ['0999', '1899', '1900', '2018', '2100', '2101', '9999', '18', '20180']) {
      expect(pattern.test(year), year).toBe(parse(`from=${year}`).ok);
    }
  });

  it('says the pattern of every vocabulary filter that the handlers keep', () => {
    const document = openApiDocument('https://counterweight.example');
    const parameters = (
      document.paths['/api/v1/actions'] as { get: { parameters: { name: string; schema: { pattern?: string } }[] } }
    ).get.parameters;
    for (const name of ['form', 'issue', 'tag', 'employmentType']) {
      const written = parameters.find((parameter) => parameter.name === name)?.schema.pattern;
      expect(written, name).toBeDefined();
      const pattern = new RegExp(written!);
      for (const value of ['gig-workers', 'contract_workers', 'a b', 'x'.repeat(101), 'ice']) {
        expect(pattern.test(value), `${name}=${value}`).toBe(parse(`${name}=${encodeURIComponent(value)}`).ok);
      }
    }
  });

  it('says that a merged company\u2019s feed answers a permanent redirect to the feed of the one it was merged into', () => {
    const document = openApiDocument('https://counterweight.example');
    type Responses = Record<string, { description: string; headers?: Record<string, unknown> }>;
    const responses = (path: string) => (document.paths[path] as { get: { responses: Responses } }).get.responses;
    for (const path of ['/feeds/companies/{slug}.atom', '/feeds/companies/{slug}.json']) {
      expect(responses(path)['308']?.description, path).toMatch(/merged into another/);
      expect(responses(path)['308']?.headers, path).toHaveProperty('Location');
    }
    // Only those redirect (app/feeds/companies/[file]/route.ts): a merged company's own record
    // answers with `mergedInto`, and agencies and the other addresses are never merged away.
    const redirecting = Object.keys(document.paths).filter((path) => '308' in responses(path));
    expect(redirecting.sort()).toEqual(['/feeds/companies/{slug}.atom', '/feeds/companies/{slug}.json']);
  });

  it('describes the comparison CSV with the parameters its handler reads', () => {
    const document = openApiDocument('https://counterweight.example');
    const csv = document.paths['/compare/csv'] as { get: { parameters: { name: string }[] } };
    expect(csv.get.parameters.map((parameter) => parameter.name)).toEqual(['companies', 'subsidiaries', 'per']);
  });
});
