import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ResponseCache } from '../../lib/response-cache';

/*
 * The whole-page cache in front of a real HTTP server, whose handler stands in for the app: it
 * answers like Next.js does (a CSP header with a fresh nonce, the nonce on every script, the HTML
 * in several chunks) and counts how often it renders.
 */

let server: Server | null = null;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = null;
});

interface App {
  url: string;
  renders: () => number;
  cache: ResponseCache;
  /** Holds the next render until released (to purge while it is in flight). */
  hold: () => () => void;
}

async function start(
  cache: ResponseCache,
  answer: (request: IncomingMessage, response: ServerResponse, nonce: string) => void = page,
): Promise<App> {
  let renders = 0;
  let gate: Promise<void> | null = null;
  server = createServer((request, response) => {
    void (async () => {
      const key = cache.keyOf(request);
      if (key && (await cache.serve(key, request, response))) return;
      if (key) cache.record(key, request, response);
      renders += 1;
      if (gate) await gate;
      answer(request, response, Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64'));
    })();
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    renders: () => renders,
    cache,
    hold: () => {
      let release = () => undefined as void;
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
  };
}

function page(request: IncomingMessage, response: ServerResponse, nonce: string) {
  response.statusCode = request.url?.startsWith('/companies/nobody') ? 404 : 200;
  response.setHeader('content-type', 'text/html; charset=utf-8');
  response.setHeader(
    'content-security-policy',
    `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
  );
  response.setHeader('x-frame-options', 'DENY');
  if (request.url === '/companies/with-cookie') response.setHeader('set-cookie', 'a=b');
  if (request.url === '/companies/unavailable') response.write('<div role="alert" data-no-page-cache="">');
  if (request.url === '/companies/streamed-error') response.write('<template data-dgst="123"></template>');
  response.write(`<!DOCTYPE html><html><head><script nonce="${nonce}" src="/_next/a.js"></script></head>`);
  response.write(
    `<body><p>${request.url} ünïcödé</p><script nonce="${nonce}">self.__next_f.push([1,"${nonce}"])</script>`,
  );
  response.end('</body></html>');
}

const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];

describe('the whole-page cache', () => {
  it('serves an anonymous public page again with a fresh nonce everywhere, without rendering it', async () => {
    const app = await start(new ResponseCache());
    const first = await fetch(`${app.url}/companies/salesforce`);
    const firstBody = await first.text();
    // Uncompressed, to compare the bytes (a client that accepts gzip gets it compressed, see below).
    const second = await fetch(`${app.url}/companies/salesforce`, { headers: { 'accept-encoding': 'identity' } });
    const secondBody = await second.text();
    expect(app.renders()).toBe(1);
    expect(first.headers.get('x-counterweight-cache')).toBeNull();
    expect(second.headers.get('x-counterweight-cache')).toBe('hit');
    expect(second.headers.get('x-frame-options')).toBe('DENY');
    expect(second.headers.get('x-request-id')).toMatch(/^[\w-]{36}$/);
    const [before, after] = [
      nonceOf(first.headers.get('content-security-policy')),
      nonceOf(second.headers.get('content-security-policy')),
    ];
    expect(before).toBeDefined();
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(secondBody).not.toContain(before);
    expect(secondBody.split(after as string)).toHaveLength(4);
    expect(secondBody).toBe(firstBody.replaceAll(before as string, after as string));
    expect(secondBody).toContain('ünïcödé');
    expect(Number(second.headers.get('content-length'))).toBe(Buffer.byteLength(secondBody));
  });

  it('compresses a cached page for clients that accept gzip', async () => {
    const app = await start(new ResponseCache());
    await (await fetch(`${app.url}/about`)).text();
    const response = await new Promise<IncomingMessage>((resolve) => {
      const request = get(`${app.url}/about`, { headers: { 'accept-encoding': 'gzip, br' } }, resolve);
      request.end();
    });
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers.vary).toMatch(/Accept-Encoding/);
    expect(gunzipSync(Buffer.concat(chunks)).toString('utf8')).toContain('/about');
  });

  it('never keeps or serves signed-in, client-side, non-GET, non-public or unsuccessful answers', async () => {
    const app = await start(new ResponseCache());
    const twice = async (path: string, init: RequestInit = {}) => {
      const before = app.renders();
      await (await fetch(`${app.url}${path}`, init)).text();
      await (await fetch(`${app.url}${path}`, init)).text();
      return app.renders() - before;
    };
    expect(await twice('/companies/salesforce', { headers: { cookie: 'x=1; authjs.session-token=abc' } })).toBe(2);
    expect(await twice('/companies/salesforce', { headers: { cookie: '__Secure-authjs.session-token=abc' } })).toBe(2);
    expect(await twice('/companies/salesforce', { headers: { rsc: '1' } })).toBe(2);
    expect(await twice('/companies/salesforce?_rsc=abc')).toBe(2);
    expect(await twice('/companies/salesforce', { method: 'POST', body: 'x' })).toBe(2);
    expect(await twice('/search?q=strike')).toBe(2);
    // Lists narrowed by words: their addresses have no end.
    expect(await twice('/incidents?kind=action&q=strike')).toBe(2);
    expect(await twice('/api/v1/actions?q=strike')).toBe(2);
    expect(await twice('/editor')).toBe(2);
    expect(await twice('/history/company/abcdefghijabcdefghij')).toBe(2);
    expect(await twice('/companies/nobody-at-all')).toBe(2);
    expect(await twice('/companies/with-cookie')).toBe(2);
    // Pages that say something went wrong or that nothing is there.
    expect(await twice('/companies/unavailable')).toBe(2);
    expect(await twice('/companies/streamed-error')).toBe(2);
    // Anonymous public pages are kept, each address on its own.
    expect(await twice('/companies?sort=actions')).toBe(1);
    expect(await twice('/companies?sort=name')).toBe(1);
  });

  it('forgets every page on purge, and does not keep a page that was rendering during one', async () => {
    const app = await start(new ResponseCache());
    await (await fetch(`${app.url}/companies/salesforce`)).text();
    app.cache.purge();
    const release = app.hold();
    const inFlight = fetch(`${app.url}/companies/salesforce`).then((response) => response.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    app.cache.purge();
    release();
    await inFlight;
    await (await fetch(`${app.url}/companies/salesforce`)).text();
    expect(app.renders()).toBe(3);
    await (await fetch(`${app.url}/companies/salesforce`)).text();
    expect(app.renders()).toBe(3);
    expect(app.cache.stats()).toMatchObject({ purges: 2, entries: 1 });
  });

  it('renders a page once for many readers who ask for it while it renders, and answers them all from it', async () => {
    const app = await start(new ResponseCache());
    const release = app.hold();
    const first = fetch(`${app.url}/companies/salesforce`).then((response) => response.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const waiting = Array.from({ length: 8 }, () =>
      fetch(`${app.url}/companies/salesforce`).then(async (response) => ({
        cache: response.headers.get('x-counterweight-cache'),
        body: await response.text(),
      })),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.renders()).toBe(1);
    release();
    await first;
    const answers = await Promise.all(waiting);
    expect(app.renders()).toBe(1);
    expect(answers.map((answer) => answer.cache)).toEqual(Array(8).fill('hit'));
    expect(answers.every((answer) => answer.body.includes('/companies/salesforce'))).toBe(true);
    // A page that is not kept (another address) is rendered for each request, as before.
    const others = await Promise.all(
      Array.from({ length: 3 }, () => fetch(`${app.url}/companies/with-cookie`).then((response) => response.text())),
    );
    expect(others).toHaveLength(3);
    expect(app.renders()).toBe(4);
  });

  it('keeps a page for its lifetime only, and within its memory bound', async () => {
    // A lifetime long enough for two requests on a busy machine (100 ms was not, now and then).
    const app = await start(new ResponseCache({ ttlMs: 1000, maxBytes: 700, maxPageBytes: 400 }));
    await (await fetch(`${app.url}/companies/a`)).text();
    await (await fetch(`${app.url}/companies/a`)).text();
    expect(app.renders()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1050));
    await (await fetch(`${app.url}/companies/a`)).text();
    expect(app.renders()).toBe(2);
    for (const slug of ['b', 'c', 'd', 'e']) await (await fetch(`${app.url}/companies/${slug}`)).text();
    expect(app.cache.stats().bytes).toBeLessThanOrEqual(700);
    expect(app.cache.stats().entries).toBeLessThan(5);
  });

  it('times a page’s lifetime on the monotonic clock: the wall clock stepped back keeps nothing longer', async () => {
    const app = await start(new ResponseCache({ ttlMs: 100 }));
    const wallClock = Date.now;
    try {
      await (await fetch(`${app.url}/companies/a`)).text();
      Date.now = () => wallClock() - 3_600_000;
      await new Promise((resolve) => setTimeout(resolve, 150));
      await (await fetch(`${app.url}/companies/a`)).text();
      expect(app.renders()).toBe(2);
    } finally {
      Date.now = wallClock;
    }
  });

  it('keeps the JSON answers of the open-data API, and lets a client holding a copy ask the app', async () => {
    const api = (request: IncomingMessage, response: ServerResponse, nonce: string) => {
      const url = request.url ?? '';
      if (!url.startsWith('/api/') && !url.startsWith('/exports/')) return page(request, response, nonce);
      response.statusCode = url.includes('bad') ? 400 : 200;
      response.setHeader('content-type', 'application/json; charset=utf-8');
      response.setHeader('content-security-policy', `default-src 'self'; script-src 'nonce-${nonce}'`);
      response.setHeader('etag', '"v1"');
      if (request.headers['if-none-match'] === '"v1"') {
        response.statusCode = 304;
        return response.end();
      }
      response.end(JSON.stringify({ data: [{ url }] }));
    };
    const app = await start(new ResponseCache(), api);
    const twice = async (path: string, init: RequestInit = {}) => {
      const before = app.renders();
      const first = await fetch(`${app.url}${path}`, init);
      await first.text();
      const second = await fetch(`${app.url}${path}`, init);
      return { renders: app.renders() - before, second, body: await second.text() };
    };
    const list = await twice('/api/v1/actions?company=salesforce');
    expect(list.renders).toBe(1);
    expect(list.second.headers.get('x-counterweight-cache')).toBe('hit');
    expect(list.second.headers.get('etag')).toBe('"v1"');
    expect(JSON.parse(list.body)).toEqual({ data: [{ url: '/api/v1/actions?company=salesforce' }] });
    expect((await twice('/api/v1/companies/salesforce')).renders).toBe(1);
    expect((await twice('/api/v1/archived')).renders).toBe(1);
    // The archived records since a time: as words, a value with no end, so read afresh.
    expect((await twice('/api/v1/archived?since=2026-12-01T09%3A30%3A00Z')).renders).toBe(2);
    expect((await twice('/api/v1/actions?updatedSince=2026-12-01T09%3A30%3A00Z')).renders).toBe(2);
    // With its ETag, a client gets the app's 304, never a kept body.
    const revalidated = await fetch(`${app.url}/api/v1/actions?company=salesforce`, {
      headers: { 'if-none-match': '"v1"' },
    });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('x-counterweight-cache')).toBeNull();
    for (const path of ['/api/v1/actions?bad=1', '/api/health', '/exports/actions.json', '/api/v1/openapi.json'])
      expect((await twice(path)).renders, path).toBe(2);
  });
});
