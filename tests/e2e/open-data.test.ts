import http from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '@/lib/api/cursor';
import { archivedFilters, archivedParamsSchema, KINDS, listParamsSchema, type Kind } from '@/lib/api/kinds';
import { queryParameters, SCHEMA_NAME } from '@/lib/api/openapi';
import { startDemoAppAndBrowser, type DemoApp } from '../helpers/demo-app';

type Schema = Record<string, unknown>;
type Json = unknown;

/**
 * A validator for the subset of JSON Schema 2020-12 that z.toJSONSchema writes: type, properties,
 * required, additionalProperties, items, enum, const, anyOf, oneOf, pattern, bounds and $ref into
 * the OpenAPI document's components. Returns the problems found, with their paths.
 */
function validate(document: Schema, schema: Schema, value: Json, path = '$'): string[] {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = (document.components as { schemas: Record<string, Schema> }).schemas[name];
    return target ? validate(document, target, value, path) : [`${path}: unresolved ${schema.$ref}`];
  }
  const problems: string[] = [];
  const fail = (why: string) => problems.push(`${path}: ${why} (got ${JSON.stringify(value)?.slice(0, 80)})`);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key] as Schema[] | undefined;
    if (!options) continue;
    const matching = options.filter((option) => validate(document, option, value, path).length === 0).length;
    if (key === 'anyOf' ? matching === 0 : matching !== 1) fail(`${key} matched ${matching} options`);
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    const actual =
      value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
    if (!types.some((type) => type === actual || (type === 'number' && actual === 'integer'))) fail(`not ${types}`);
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) fail(`not one of ${schema.enum.join(', ')}`);
  if ('const' in schema && schema.const !== value) fail(`not ${String(schema.const)}`);
  if (typeof value === 'string') {
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) fail('pattern');
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) fail('too long');
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) fail('too short');
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail('too small');
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail('too large');
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, index) =>
      problems.push(...validate(document, schema.items as Schema, item, `${path}[${index}]`)),
    );
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in value)) fail(`missing ${key}`);
    for (const [key, item] of Object.entries(value)) {
      if (properties[key]) problems.push(...validate(document, properties[key], item, `${path}.${key}`));
      else if (schema.additionalProperties === false) fail(`unexpected property ${key}`);
    }
  }
  return problems;
}

describe('the open-data interface', () => {
  let app: DemoApp;
  let browser: Browser;
  let openapi: Schema;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers });
  const responseSchema = (path: string, status: string): Schema => {
    const operation = (openapi.paths as Record<string, { get: { responses: Record<string, Schema> } }>)[path]?.get;
    const content = operation?.responses[status]?.content as Record<string, { schema: Schema }> | undefined;
    return content?.['application/json']?.schema ?? { not: 'documented' };
  };
  /** GETs a path and checks its JSON body against the OpenAPI document's schema for that endpoint and status. */
  async function getValid(path: string, template: string, status = 200): Promise<Record<string, unknown>> {
    const response = await get(path);
    expect(response.status, path).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(validate(openapi, responseSchema(template, String(status)), body), path).toEqual([]);
    return body;
  }
  async function walk(path: string): Promise<{ id: string }[]> {
    const records: { id: string }[] = [];
    let next: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const address = `${path}${separator}limit=100${next ? `&cursor=${next}` : ''}`;
      const page = await getValid(address, path.split('?')[0] as string);
      records.push(...(page.data as { id: string }[]));
      next = page.next as string | null;
    } while (next);
    return records;
  }

  beforeAll(async () => {
    ({ app, browser } = await startDemoAppAndBrowser());
    const response = await get('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    openapi = (await response.json()) as Schema;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('documents every endpoint in OpenAPI 3.1 with the handlers\u2019 own parameter schemas', () => {
    expect(openapi.openapi).toMatch(/^3\.1\./);
    const paths = openapi.paths as Record<string, { get: { parameters: unknown[]; operationId: string } }>;
    // Operation ids name the lists as the addresses do (what generated clients call their methods).
    expect(
      ['/api/v1/companies', '/api/v1/agencies', '/exports/companies.csv', '/exports/agencies.json'].map(
        (path) => paths[path]?.get.operationId,
      ),
    ).toEqual(['listCompanies', 'listAgencies', 'exportCompaniesCsv', 'exportAgenciesJson']);
    const operations = Object.values(paths).map((path) => path.get.operationId);
    expect(new Set(operations).size).toBe(operations.length);
    // What an export may answer besides its file: a bad filter, or busy (three exports already run).
    const responses = (path: string) =>
      Object.keys((paths[path]?.get as unknown as { responses: Record<string, unknown> }).responses);
    for (const path of ['/exports/actions.csv', '/exports/sources.json', '/exports/record.json'])
      expect(responses(path), path).toEqual(expect.arrayContaining(['200', '400', '503']));
    for (const kind of KINDS) {
      expect(paths[`/api/v1/${kind}`]?.get.parameters).toEqual(
        JSON.parse(JSON.stringify(queryParameters(listParamsSchema(kind)))),
      );
      expect(paths[`/api/v1/${kind}/{key}`]).toBeDefined();
      expect(paths[`/exports/${kind}.csv`]).toBeDefined();
    }
    expect(paths['/api/v1/archived']?.get.parameters).toEqual(
      JSON.parse(JSON.stringify(queryParameters(archivedParamsSchema))),
    );
  });

  it('answers every address the document names, with a status and a type it documents', async () => {
    type Operation = { get: { responses: Record<string, { content?: Record<string, unknown> }> } };
    const paths = openapi.paths as Record<string, Operation>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['/api/v1', '/exports/record.json', '/feeds/all.atom', '/feeds/companies/{slug}.json']),
    );
    for (const [template, operation] of Object.entries(paths)) {
      if (template.includes('{key}')) continue; // Each record's own address: every kind's test above.
      const path = template
        .replace('/companies/{slug}', '/companies/salesforce')
        .replace('/agencies/{slug}', '/agencies/cbp');
      const response = await get(path);
      const documented = operation.get.responses[String(response.status)];
      expect(documented, `${path}: ${response.status}`).toBeDefined();
      const type = response.headers.get('content-type')?.split(';')[0] ?? '';
      expect(Object.keys(documented?.content ?? {}), path).toContain(type);
      await response.arrayBuffer();
    }
  });

  it.each(KINDS)('%s: every page and record matches the OpenAPI schema', async (kind: Kind) => {
    const records = await walk(`/api/v1/${kind}`);
    expect(records.length).toBeGreaterThan(0);
    const first = records[0] as { id: string; slug?: string };
    const item = await getValid(`/api/v1/${kind}/${first.slug ?? first.id}`, `/api/v1/${kind}/{key}`);
    expect(item.data).toEqual(first);
    expect(Object.keys((openapi.components as { schemas: Schema }).schemas)).toContain(SCHEMA_NAME[kind]);
  });

  it('gives a copy what changed since its last visit, and says what a moment must be', async () => {
    const everything = await getValid('/api/v1/statements?updatedSince=2000-01-01', '/api/v1/statements');
    expect(everything).toEqual(await getValid('/api/v1/statements', '/api/v1/statements'));
    expect(await getValid('/api/v1/actions?updatedSince=2099-01-01T00%3A00%3A00Z', '/api/v1/actions')).toEqual({
      data: [],
      next: null,
    });
    const wrong = await getValid('/api/v1/actions?updatedSince=last%20week', '/api/v1/actions', 400);
    expect(wrong).toMatchObject({ error: { issues: [{ path: ['updatedSince'] }] } });
  });

  it('lists the archived records (none in the demo data) as the other lists answer, and says what is wrong with a parameter', async () => {
    const index = await getValid('/api/v1', '/api/v1');
    expect(index.archived).toBe(`${new URL('/api/v1/archived', index.openapi as string)}`);
    expect(await getValid('/api/v1/archived', '/api/v1/archived')).toEqual({ data: [], next: null });
    expect(await getValid('/api/v1/archived?since=2026-12-01&limit=1', '/api/v1/archived')).toEqual({
      data: [],
      next: null,
    });
    await getValid('/api/v1/archived?since=2026-12-01T09%3A30%3A00.123456%2B02%3A00', '/api/v1/archived');
    const first = await get('/api/v1/archived');
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect((await get('/api/v1/archived', { 'If-None-Match': etag })).status).toBe(304);
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const [query, path] of [
      ['since=yesterday', 'since'],
      ['since=2026-12-01T09%3A30%3A00', 'since'],
      ['limit=0', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
      // Another list's cursor.
      [`cursor=${cursor(['actions', '2018-06-25', 'abc'])}`, 'cursor'],
      ['kind=actions', 'kind'],
    ] as const) {
      const body = await getValid(`/api/v1/archived?${query}`, '/api/v1/archived', 400);
      expect(
        (body.error as { issues: { path: string[] }[] }).issues.map((issue) => issue.path[0]),
        query,
      ).toEqual([path]);
    }
    // A cursor is bound to the moment it was handed out with, as the other lists' are to their
    // filters: the `next` of a page asked since 7 December at 03:45, as the list hands it out.
    const position = { key: '2026-12-07T09:00:00.000Z', id: 'cmx75eokk02hn0f7d3yh98d72' };
    const bound = encodeCursor(position, 'archived', archivedFilters(new Date('2026-12-07T03:45:00Z')));
    for (const since of ['', '&since=2026-12-07', '&since=2026-12-07T03%3A46%3A00Z']) {
      const refused = await getValid(`/api/v1/archived?limit=1&cursor=${bound}${since}`, '/api/v1/archived', 400);
      expect(refused.error, since).toMatchObject({
        issues: [{ path: ['cursor'], message: expect.stringMatching(/^handed out for other filters/) }],
      });
    }
    // With its own moment, however written, it goes on.
    for (const query of [
      `cursor=${bound}&since=2026-12-07T03%3A45%3A00Z`,
      `cursor=${bound}&since=2026-12-07T04%3A45%3A00%2B01%3A00`,
    ]) {
      expect(await getValid(`/api/v1/archived?limit=1&${query}`, '/api/v1/archived'), query).toEqual({
        data: [],
        next: null,
      });
    }
    // A position without the digest of its filters (one cut out of a cursor) is no cursor: sent with
    // other filters, it would skip their records before it.
    const [list, key, id] = JSON.parse(Buffer.from(bound, 'base64url').toString()) as unknown[];
    const cut = Buffer.from(JSON.stringify([list, key, id])).toString('base64url');
    for (const since of ['', '&since=2026-12-01']) {
      const refused = await getValid(`/api/v1/archived?limit=1&cursor=${cut}${since}`, '/api/v1/archived', 400);
      expect(refused.error, since).toMatchObject({
        issues: [{ path: ['cursor'], message: 'not a cursor this list handed out' }],
      });
    }
    const posted = await fetch(`${app.url}/api/v1/archived`, { method: 'POST' });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('answers HEAD of an export without starting it, and a client that leaves frees the export', async () => {
    // Each of these would hold one of the three export connections if HEAD started the export.
    for (let i = 0; i < 4; i += 1) {
      const head = await fetch(`${app.url}/exports/actions.csv?company=salesforce`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toMatch(/^text\/csv/);
      // A filtered download is named after its filters, not saved over the whole list.
      expect(head.headers.get('content-disposition')).toBe(
        'attachment; filename="counterweight-actions-company-salesforce.csv"',
      );
    }
    for (const path of ['/exports/actions.csv', '/exports/Actions.csv'])
      expect((await fetch(`${app.url}${path}`, { method: 'HEAD' })).headers.get('content-disposition'), path).toBe(
        'attachment; filename="counterweight-actions.csv"',
      );
    const whole = await fetch(`${app.url}/exports/RECORD.json`, { method: 'HEAD' });
    expect(whole.headers.get('content-disposition')).toBe('inline; filename="counterweight-record.json"');
    // Accented words lose their accents, not their letters.
    const accented = await fetch(`${app.url}/exports/actions.json?q=S%C3%BCrat%20Kargo`, { method: 'HEAD' });
    expect(accented.headers.get('content-disposition')).toBe(
      'inline; filename="counterweight-actions-q-surat-kargo.json"',
    );
    // A search against a word is not named as the search for it; another script is written in Latin letters.
    for (const [q, name] of [
      ['-amazon', 'q-not-amazon'],
      ['amazon', 'q-amazon'],
      ['Москва -"open letter"', 'q-moskva-not-open-letter'],
    ] as const) {
      const head = await fetch(`${app.url}/exports/actions.json?q=${encodeURIComponent(q)}`, { method: 'HEAD' });
      expect(head.headers.get('content-disposition'), q).toBe(`inline; filename="counterweight-actions-${name}.json"`);
    }
    expect((await fetch(`${app.url}/exports/actions.csv?company=nobody`, { method: 'HEAD' })).status).toBe(400);
    // Clients that go away after the first bytes, four times over.
    for (let i = 0; i < 4; i += 1) {
      const leaving = new AbortController();
      const response = await fetch(`${app.url}/exports/actions.json`, { signal: leaving.signal });
      await (response.body as ReadableStream<Uint8Array>).getReader().read();
      leaving.abort();
    }
    const started = performance.now();
    const after = await get('/exports/actions.csv?company=salesforce');
    expect(after.status).toBe(200);
    expect((await after.text()).split('\r\n').length).toBeGreaterThan(2);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('filters like the site and exports exactly the list, streamed', async () => {
    const filtered = await walk('/api/v1/actions?form=open-letter&from=2018&to=2018');
    expect(filtered.length).toBeGreaterThan(0);
    const exported = await get('/exports/actions.json?form=open-letter&from=2018&to=2018');
    expect(exported.status).toBe(200);
    const body = (await exported.json()) as Record<string, unknown>;
    expect(body.data).toEqual(filtered);
    // The document describes every field of the file, the licence and citation as well as the records.
    const documented = (path: string, value: Record<string, unknown>) => {
      const schema = responseSchema(path, '200');
      expect(validate(openapi, schema, value), path).toEqual([]);
      expect(Object.keys(value).sort(), path).toEqual(Object.keys(schema.properties as Schema).sort());
    };
    documented('/exports/actions.json', body);
    // The values the filters take are listed, each with the number of actions the filter finds.
    const vocabulary = (await getValid('/api/v1/vocabulary', '/api/v1/vocabulary')).data as Record<
      'forms' | 'issues',
      { slug: string; actions: number }[]
    >;
    const letters = vocabulary.forms.find((term) => term.slug === 'open-letter');
    expect(letters?.actions).toBe((await walk('/api/v1/actions?form=open-letter')).length);
    expect(vocabulary.issues.length).toBeGreaterThan(0);

    const all = await walk('/api/v1/actions');
    const csv = await get('/exports/actions.csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-length')).toBeNull(); // streamed, not buffered
    const reader = (csv.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    let chunks = 0;
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      text += decoder.decode(part.value, { stream: true });
      chunks += 1;
    }
    expect(chunks).toBeGreaterThan(1);
    const ids = text.split('\r\n').flatMap((line) => (/^[a-z0-9]{20,40},/.test(line) ? [line.split(',')[0]] : []));
    expect(ids).toEqual(all.map((action) => action.id));

    const dump = (await (await get('/exports/record.json')).json()) as Record<string, unknown>;
    documented('/exports/record.json', dump);
    expect((dump.actions as unknown[]).length).toBe(all.length);
    expect(dump.licence).toMatch(/public domain under CC0 1\.0/);
    expect((openapi.info as { license: unknown }).license).toEqual({
      name: 'CC0 1.0 (public domain dedication)',
      identifier: 'CC0-1.0',
    });
  });

  it('answers If-None-Match with 304, with CORS and a minute of caching', async () => {
    const first = await get('/api/v1/companies/salesforce');
    const etag = first.headers.get('etag') as string;
    // Weak: the same whether the server sends the body gzipped or not.
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    const encoded = async (encoding: string) => {
      const response = await get('/api/v1/companies/salesforce', { 'Accept-Encoding': encoding });
      return [response.headers.get('content-encoding'), response.headers.get('etag')];
    };
    expect(await encoded('gzip')).toEqual(['gzip', etag]);
    expect(await encoded('identity')).toEqual([null, etag]);
    // A client that refuses gzip by its weight gets the plain body, from the server's cache too.
    for (const time of [1, 2]) expect(await encoded('gzip;q=0, identity'), `request ${time}`).toEqual([null, etag]);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const again = await get('/api/v1/companies/salesforce', { 'If-None-Match': `${etag.slice(2)}, "other"` });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // With the Vary of the 200 it stands for.
    const varies = (response: Response) =>
      new Set(
        response.headers
          .get('vary')
          ?.split(',')
          .map((name) => name.trim().toLowerCase()),
      );
    expect(varies(again)).toEqual(varies(first));
    expect(varies(first)).toContain('accept-encoding');
    expect((await get('/api/v1/companies/salesforce', { 'If-None-Match': '"stale"' })).status).toBe(200);
    const preflight = await fetch(`${app.url}/api/v1/actions`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
    const feed = await get('/feeds/all.atom');
    expect((await get('/feeds/all.atom', { 'If-None-Match': feed.headers.get('etag') as string })).status).toBe(304);
  });

  it('answers bad input with 400 and unknown records with 404, as JSON, never 500', async () => {
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const query of [
      'limit=0',
      'limit=101',
      'limit=abc',
      'limit=1&limit=2',
      'cursor=not-a-cursor',
      `cursor=${cursor(['actions', '2018-13-45', 'abc'])}`,
      `cursor=${cursor(['actions', 'salesforce', 'abc'])}`,
      'from=abc',
      'from=2020&to=2010',
      'company=Not%20A%20Slug',
      'company=no-such-company',
      'agency=no-such-agency',
      // A misspelt form or issue is said to be one, not answered with an empty list.
      'form=open-letters',
      'issue=no-such-issue',
      // An undated position, in a list whose records all have a date.
      `cursor=${cursor(['actions', null, 'abc'])}`,
      // A cursor of another list.
      `cursor=${cursor(['contracts', '2018-06-25', 'abc'])}`,
      'outcome=WON',
      // Words with nothing full text can look for: said so, not answered with an empty list.
      'q=the',
      'colour=blue',
      `form=${'a'.repeat(5000)}`,
    ]) {
      const body = await getValid(`/api/v1/actions?${query}`, '/api/v1/actions', 400);
      expect((body.error as { issues: unknown[] }).issues.length, query).toBeGreaterThan(0);
    }
    await getValid(`/api/v1/companies?cursor=${cursor(['companies', null, 'abc'])}`, '/api/v1/companies', 400);
    // A cursor sent with other filters than its page's is refused: it would skip their records before it.
    const google = await getValid('/api/v1/actions?company=google&limit=5', '/api/v1/actions');
    const next = google.next as string;
    expect(
      (await getValid(`/api/v1/actions?company=amazon&limit=5&cursor=${next}`, '/api/v1/actions', 400)).error,
    ).toMatchObject({
      issues: [{ path: ['cursor'], message: expect.stringMatching(/^handed out for other filters/) }],
    });
    await getValid(`/api/v1/actions?limit=5&cursor=${next}`, '/api/v1/actions', 400);
    // With its own filters, in any order and case, it goes on.
    await getValid(`/api/v1/actions?limit=5&cursor=${next}&company=Google`, '/api/v1/actions', 200);
    await getValid(`/api/v1/statements?cursor=${cursor(['statements', null, 'abc'])}`, '/api/v1/statements', 400);
    expect((await get('/exports/actions.csv?form=open-letters')).status).toBe(400);
    // Addresses under /api that name no endpoint answer JSON too.
    for (const path of ['/api', '/api/v2/actions', '/api/v1/actions/abc/extra', '/api/nothing']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { message: string } }).error.message, path).toMatch(
        /No such endpoint/,
      );
    }
    await getValid('/api/v1/sources?company=salesforce', '/api/v1/sources', 400);
    // Addresses that take no parameters say so of one given, rather than answer as if it were not there.
    for (const [path, template] of [
      ['/api/v1/companies/salesforce?limit=1', '/api/v1/companies/{key}'],
      ['/api/v1/vocabulary?kind=tags', '/api/v1/vocabulary'],
      ['/api/v1?format=csv', '/api/v1'],
      ['/feeds/all.json?company=google', '/feeds/all.json'],
      ['/feeds/companies/salesforce.json?limit=5', '/feeds/companies/{slug}.json'],
      ['/feeds/agencies/dhs.atom?from=2018', '/feeds/agencies/{slug}.atom'],
      ['/exports/record.json?from=2018&from=2019', '/exports/record.json'],
    ] as const) {
      expect(((await getValid(path, template, 400)).error as { message: string }).message, path).toMatch(
        /(limit|kind|format|company|from): unknown parameter\.$/,
      );
    }
    expect((await get('/api/v1/openapi.json?version=2')).status).toBe(400);
    // Given empty too: a name the address does not take is refused whatever its value, as on the lists.
    expect((await get('/api/v1/companies/salesforce?limit=')).status).toBe(400);
    expect((await get('/api/v1/actions?foo=')).status).toBe(400);
    expect((await get('/api/v1/actions?company=&from=')).status).toBe(200);
    await getValid(`/api/v1/actions/${'x'.repeat(80)}`, '/api/v1/actions/{key}', 400);
    // Each says what the parameter takes, with an example of its own kind.
    const messageOf = async (path: string, route: string) =>
      ((await getValid(path, route, 400)).error as { message: string }).message;
    expect(await messageOf('/api/v1/actions?form=open%20letter', '/api/v1/actions')).toContain('such as open-letter');
    expect(await messageOf('/api/v1/actions?agency=I.C.E.', '/api/v1/actions')).toContain('such as ice');
    // A slug or a code in another case is the same value, as on the site's lists.
    await getValid('/api/v1/actions?form=Strike&agency=ICE&outcome=met&limit=1', '/api/v1/actions', 200);
    expect(await messageOf('/api/v1/actions?q=ice&q=contract', '/api/v1/actions')).toBe(
      'The query parameters are not valid: q: given more than once; give it once.',
    );
    // Words to look for are refused in the few words of every other parameter, not in the site's sentences.
    expect(await messageOf(`/api/v1/actions?q=${'a'.repeat(201)}`, '/api/v1/actions')).toBe(
      'The query parameters are not valid: q: at most 200 characters.',
    );
    expect(await messageOf('/api/v1/actions?q=%E2%80%8B', '/api/v1/actions')).toBe(
      'The query parameters are not valid: q: words to look for, such as ICE contract.',
    );
    // A blank parameter is no parameter, as an empty one.
    expect((await get('/api/v1/statements?q=%20&limit=1')).status).toBe(200);
    expect(await messageOf('/api/v1/companies/salesforce.com', '/api/v1/companies/{key}')).toContain(
      'an address name (a slug: letters, digits and hyphens, such as salesforce) or a record id',
    );
    // A slug in any case is the slug (record ids are lower case).
    const capitalised = await getValid('/api/v1/companies/Salesforce', '/api/v1/companies/{key}', 200);
    expect((capitalised.data as { slug: string }).slug).toBe('salesforce');
    await getValid('/api/v1/actions/no-such-action', '/api/v1/actions/{key}', 404);
    await getValid('/api/v1/companies/no-such-company', '/api/v1/companies/{key}', 404);
    for (const [path, status] of [
      ['/api/v1/nothing', 404],
      ['/exports/actions.csv?limit=5', 400],
      ['/exports/actions.csv?company=no-such-company', 400],
      ['/exports/nothing.csv', 404],
      // A list's name in any case, as a feed's: its format in lower case, as a feed's.
      ['/exports/Actions.csv?limit=5', 400],
      ['/exports/actions.CSV', 404],
      ['/feeds/all.ATOM', 404],
      ['/feeds/companies/no-such-company.atom', 404],
      ['/feeds/everything.atom', 404],
    ] as const) {
      const response = await get(path);
      expect(response.status, path).toBe(status);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBeTruthy();
    }
    // Another of a company's or agency's names is no slug here (the pages follow it), and the answer
    // says whose name it is, with the address or filter to use.
    const said = (record: string) => `It is another name of the ${record}`;
    for (const [path, status, message] of [
      ['/api/v1/companies/aws', 404, `No published company "aws". ${said('company at /api/v1/companies/amazon')}.`],
      ['/api/v1/agencies/Pentagon', 404, `No published agency "pentagon". ${said('agency at /api/v1/agencies/dod')}.`],
      [
        '/feeds/companies/aws.atom',
        404,
        `No published company "aws". ${said('company whose feed is /feeds/companies/amazon.atom')}.`,
      ],
      [
        '/feeds/agencies/pentagon.json',
        404,
        `No published agency "pentagon". ${said('agency whose feed is /feeds/agencies/dod.json')}.`,
      ],
      [
        '/api/v1/contracts?company=aws',
        400,
        'no company "aws" (it is another name of the company "amazon": company=amazon)',
      ],
      [
        '/exports/contracts.csv?agency=pentagon',
        400,
        'no agency "pentagon" (it is another name of the agency "dod": agency=dod)',
      ],
    ] as const) {
      const response = await get(path);
      expect(response.status, path).toBe(status);
      const { error } = (await response.json()) as { error: { message: string; issues?: { message: string }[] } };
      expect([error.message, ...(error.issues ?? []).map((issue) => issue.message)], path).toContain(message);
    }
    // An address with a slash at its end goes to the one without, with CORS on the way for open data.
    for (const [path, to, cors] of [
      ['/api/v1/actions/?limit=1', '/api/v1/actions?limit=1', '*'],
      ['/exports/actions.csv/', '/exports/actions.csv', '*'],
      ['/feeds/companies/salesforce.atom/', '/feeds/companies/salesforce.atom', '*'],
      ['/about/', '/about', null],
    ] as const) {
      const response = await fetch(`${app.url}${path}`, {
        redirect: 'manual',
        headers: { Origin: 'https://example.org' },
      });
      expect(response.status, path).toBe(308);
      expect(new URL(response.headers.get('location')!, app.url).href, path).toBe(`${app.url}${to}`);
      expect(response.headers.get('access-control-allow-origin'), path).toBe(cors);
    }
    // Slashes at the start never lead to another site.
    const doubled = await fetch(`${app.url}//example.org/`, { redirect: 'manual' });
    expect(doubled.status).toBe(308);
    expect(new URL(doubled.headers.get('location')!, app.url).origin).toBe(app.url);
    // The lists that are not of one kind have no address for each entry: said so, not called unknown.
    for (const list of ['archived', 'vocabulary']) {
      const response = await get(`/api/v1/${list}/x`);
      expect(response.status, list).toBe(404);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
        `/api/v1/${list} is one list: its entries have no address under it (see /api/v1/openapi.json).`,
      );
    }
    // Read-only addresses answer other methods with a 405 that names the methods there are.
    for (const [method, path] of [
      ['POST', '/api/v1/actions'],
      ['DELETE', '/api/v1/companies/salesforce'],
      ['PUT', '/exports/actions.csv'],
      ['PATCH', '/feeds/all.atom'],
      ['POST', '/compare/csv'],
    ] as const) {
      const response = await fetch(`${app.url}${path}`, { method, headers: { Origin: 'https://example.org' } });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/read-only/);
    }
    // Where there is nothing, every method learns so in JSON (Next.js answered PUT with a bare 405),
    // as do the folders of the exports and feeds themselves and the addresses below a file's (they
    // answered the site's HTML 404).
    for (const [method, path] of [
      ['PUT', '/api/v2'],
      ['DELETE', '/api'],
      ['PATCH', '/api/foo'],
      ['GET', '/exports'],
      ['GET', '/feeds'],
      ['GET', '/exports/actions.csv/x'],
      ['GET', '/exports/a/b/c'],
      ['GET', '/feeds/nope/x.atom'],
      ['GET', '/feeds/companies/google/x.atom'],
      ['HEAD', '/feeds/agencies/x/y'],
    ] as const) {
      const response = await fetch(`${app.url}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.headers.get('access-control-allow-origin'), `${method} ${path}`).toBe('*');
      if (method === 'HEAD') continue;
      expect(((await response.json()) as { error: { message: string } }).error.message, path).toMatch(/^No /);
    }
    // A name typed is said back shortened, its control characters as escapes.
    const long = await get(`/api/v1/${'x'.repeat(6000)}%00`);
    expect(long.status).toBe(404);
    expect(((await long.json()) as { error: { message: string } }).error.message).toBe(
      `No list /api/v1/${'x'.repeat(60)}…: see /api/v1/openapi.json.`,
    );
    // An over-long cursor is refused in the words of every other cursor refused.
    const longCursor = await get(`/api/v1/actions?cursor=${'a'.repeat(401)}`);
    expect(((await longCursor.json()) as { error: { issues: unknown[] } }).error.issues).toEqual([
      { path: ['cursor'], message: 'not a cursor this list handed out' },
    ]);
    // TRACE, which Next.js cannot even read, too; and on a page (it answered a bare 500).
    for (const path of ['/api/v1/actions', '/feeds/all.atom', '/']) {
      const traced = await new Promise<{ status: number; allow: unknown; type: unknown; body: string }>(
        (resolve, reject) => {
          const request = http.request(`${app.url}${path}`, { method: 'TRACE' }, (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => (body += chunk.toString()));
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                allow: response.headers.allow,
                type: response.headers['content-type'],
                body,
              }),
            );
          });
          request.on('error', reject);
          request.end();
        },
      );
      expect(traced.status, path).toBe(405);
      expect(traced.allow, path).toBe('GET, HEAD, OPTIONS');
      expect(traced.body, path).toMatch(/does not answer TRACE requests/);
      expect(traced.type, path).toMatch(path === '/' ? /^text\/plain/ : /^application\/json/);
    }
    // An address that is not valid percent-encoding: said as every other error, readable from another site.
    for (const path of ['/api/v1/actions/%E0%A4%A', '/exports/%', '/feeds/companies/%.atom']) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(response.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      expect(((await response.json()) as { error: { message: string } }).error.message, path).toMatch(
        /percent-encoding/,
      );
    }
  });

  it('serves feeds a browser parses as Atom, and JSON Feed 1.1', async () => {
    const page = await browser.newPage();
    for (const path of ['/feeds/all.atom', '/feeds/companies/salesforce.atom', '/feeds/agencies/dhs.atom']) {
      const response = await get(path);
      expect(response.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
      const checked = await page.evaluate(
        (xml) => {
          const parsed = new DOMParser().parseFromString(xml, 'application/xml');
          const atom = 'http://www.w3.org/2005/Atom';
          const text = (node: Element, name: string) => node.getElementsByTagNameNS(atom, name)[0]?.textContent ?? '';
          const entries = [...parsed.documentElement.getElementsByTagNameNS(atom, 'entry')];
          return {
            error: parsed.getElementsByTagName('parsererror').length > 0,
            root: `${parsed.documentElement.namespaceURI} ${parsed.documentElement.localName}`,
            feed: ['id', 'title', 'updated'].map((name) => text(parsed.documentElement, name)),
            entries: entries.map((entry) => ['id', 'title', 'updated'].map((name) => text(entry, name))),
          };
        },
        await response.text(),
      );
      expect(checked.error, path).toBe(false);
      expect(checked.root).toBe('http://www.w3.org/2005/Atom feed');
      expect(checked.feed.every(Boolean)).toBe(true);
      expect(checked.entries.length, path).toBeGreaterThan(0);
      for (const [id, title, updated] of checked.entries) {
        expect(id).toMatch(/^http:\/\/\S+\/api\/v1\/[a-z]+\/\S+$/);
        expect(title).toBeTruthy();
        expect(Number.isNaN(Date.parse(updated as string))).toBe(false);
      }
    }
    await page.close();
    const json = (await (await get('/feeds/all.json')).json()) as { version: string; items: unknown[] };
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.items.length).toBeGreaterThan(0);
    // An agency's feed is of its contractors' records, and says so.
    const agency = (await (await get('/feeds/agencies/dhs.json')).json()) as { description: string };
    expect(agency.description).toContain('touching contracts awarded by Department of Homeland Security');
    // A company's feed with its subsidiaries' records, as its profile shows them with them: Google's among them.
    type Feed = { title: string; feed_url: string; home_page_url: string; items: { url: string }[] };
    const alone = (await (await get('/feeds/companies/alphabet.json')).json()) as Feed;
    const family = (await (await get('/feeds/companies/alphabet.json?subsidiaries=1')).json()) as Feed;
    expect(family.title).toBe('Counterweight: Alphabet and its subsidiaries');
    expect(family.feed_url).toMatch(/\/feeds\/companies\/alphabet\.json\?subsidiaries=1$/);
    expect(family.home_page_url).toMatch(/\/companies\/alphabet\?subsidiaries=1$/);
    expect(family.items.length).toBeGreaterThan(alone.items.length);
    const googles = (await (await get('/feeds/companies/google.json')).json()) as Feed;
    expect(family.items.map((item) => item.url)).toContain(googles.items[0]!.url);
    // One without subsidiaries on record has the one feed, named as such.
    const palantir = (await (await get('/feeds/companies/palantir.json?subsidiaries=1')).json()) as Feed;
    expect(palantir.feed_url).toMatch(/\/feeds\/companies\/palantir\.json$/);
    expect(palantir.title).toBe('Counterweight: Palantir');
    // A slug in capitals is the same feed, as it is the same page and the same API record.
    const capitals = (await (await get('/feeds/companies/Salesforce.json')).json()) as { feed_url: string };
    expect(capitals.feed_url).toMatch(/\/feeds\/companies\/salesforce\.json$/);
    const docs = await get('/api-docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/api/v1/openapi.json');
  });

  it('shows examples on the open data page that the API answers as shown', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/api-docs`);
    const example = async (label: string) => (await page.getByRole('region', { name: label }).textContent()) ?? '';
    // The error: the request, its status and the whole body.
    const [, errorPath, status, body] =
      /^GET (\S+)\s+→\s+(\d{3})\s+(\{[\s\S]*\})\s*$/.exec(await example('An example error')) ?? [];
    const error = await get(errorPath as string);
    expect(error.status).toBe(Number(status));
    expect(await error.json()).toEqual(JSON.parse(body as string));
    // The list: the request, the first record's fields and its first source's as shown, the cursor's beginning.
    const list = await example('An example list');
    // How to ask from a terminal, at the address the server runs at, as the OpenAPI document names it.
    const [server] = openapi.servers as { url: string }[];
    expect(await page.locator('code', { hasText: /^curl / }).textContent()).toBe(
      `curl "${server!.url}/api/v1/actions?limit=1"`,
    );
    await page.close();
    const [, listPath] = /^GET (\S+)/.exec(list) ?? [];
    const answered = (await (await get(listPath as string)).json()) as {
      data: (Record<string, unknown> & { sources: Record<string, unknown>[] })[];
      next: string;
    };
    const [first] = answered.data;
    const shown = (record: Record<string, unknown>, field: string) => `"${field}": ${JSON.stringify(record[field])}`;
    for (const field of ['title', 'startDate', 'datePrecision', 'outcome'])
      expect(list).toContain(shown(first!, field));
    for (const field of ['url', 'publisher', 'publishedAt', 'publishedPrecision', 'archiveUrl'])
      expect(list).toContain(shown(first!.sources[0]!, field));
    expect(list).toContain('"companies": [{ "slug": "salesforce", "name": "Salesforce" }]');
    expect(first!.companies).toEqual([{ slug: 'salesforce', name: 'Salesforce' }]);
    const [, next] = /"next": "([^"…]+)…"/.exec(list) ?? [];
    expect(answered.next.startsWith(next as string)).toBe(true);
  });
});
