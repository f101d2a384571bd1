import { spawnSync } from 'node:child_process';
import type { Server } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CORS_HEADERS } from '../../lib/api/http';

/*
 * The production server's own answers (scripts/serve.ts): the 503 it sends while the database is
 * away and the 500 when the app fails to answer at all. Next.js is replaced by a stand-in whose
 * every answer fails; the database is an address nothing listens at, so the server sees it away.
 */

const state = vi.hoisted(() => ({ server: null as Server | null }));

vi.mock('next', () => ({
  default: () => ({
    prepare: async () => undefined,
    close: async () => undefined,
    getRequestHandler: () => async () => {
      throw new Error('the app failed');
    },
  }),
}));

vi.mock('node:http', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:http')>();
  const createServer = ((...args: Parameters<typeof actual.createServer>) =>
    (state.server = actual.createServer(...args))) as typeof actual.createServer;
  return { ...actual, default: { ...actual, createServer }, createServer };
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

const appDir = path.join(os.tmpdir(), 'counterweight-served-app');
const saved = { argv: process.argv, error: console.error, warn: console.warn };
let base = '';
const written: string[] = [];

beforeAll(async () => {
  const port = await freePort();
  const closed = await freePort();
  process.argv = [process.execPath, 'serve.ts', '--dir', appDir, '--port', String(port), '--hostname', '127.0.0.1'];
  vi.stubEnv('DATABASE_URL', `postgresql://someone:secret@127.0.0.1:${closed}/counterweight`);
  vi.stubEnv('COUNTERWEIGHT_PAGE_CACHE', 'off');
  // Behind a front proxy the settings trust, whose request ids the server keeps.
  vi.stubEnv('COUNTERWEIGHT_PROXY_HOPS', '1');
  vi.stubEnv('COUNTERWEIGHT_APP_DIR', undefined);
  vi.stubEnv('COUNTERWEIGHT_PARENT_PID', undefined);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  await import('../../scripts/serve');
  await vi.waitFor(() => expect(state.server?.listening).toBe(true));
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise((resolve) => state.server?.close(resolve));
  process.argv = saved.argv;
  vi.unstubAllEnvs();
  console.error = saved.error;
  console.warn = saved.warn;
  vi.restoreAllMocks();
});

/** The API's own CORS headers, which let a script on another site read an answer and its Retry-After. */
const CORS = Object.fromEntries(Object.entries(CORS_HEADERS).map(([name, value]) => [name.toLowerCase(), value]));

describe("the production server's own answers", () => {
  it("tells the app the folder it serves, where its committed migrations are (the health check's)", () => {
    expect(process.env.COUNTERWEIGHT_APP_DIR).toBe(path.resolve(appDir));
  });

  it('while the database is away: the API answers 503 with a request id and the CORS headers, so another site reads its Retry-After', async () => {
    const reply = await fetch(`${base}/api/v1/companies`, { headers: { origin: 'https://example.org' } });
    expect(reply.status).toBe(503);
    expect(Object.fromEntries(reply.headers)).toMatchObject({
      'retry-after': '10',
      'x-request-id': expect.stringMatching(/^[\w-]{36}$/),
      ...CORS,
    });
  });

  it('while the database is away: the exports, feeds and a comparison as CSV answer 503 with the CORS headers they answer with otherwise', async () => {
    for (const address of ['/exports/actions.csv', '/feeds/all.atom', '/compare/csv?companies=google,amazon']) {
      const reply = await fetch(`${base}${address}`);
      expect(reply.status, address).toBe(503);
      expect(Object.fromEntries(reply.headers), address).toMatchObject(CORS);
    }
  });

  it('while the database is away: a page answers 503 with the request id it was given, and no CORS headers', async () => {
    const reply = await fetch(`${base}/companies`, { headers: { 'x-request-id': 'front-proxy-id.1' } });
    expect(reply.status).toBe(503);
    expect(reply.headers.get('x-request-id')).toBe('front-proxy-id.1');
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('when the app fails: 500 with the request id of the log line that says so (and the CORS headers under /api/v1)', async () => {
    for (const [method, address, cors] of [
      ['GET', '/api/health', false],
      ['POST', '/api/v1/companies', true],
    ] as const) {
      const reply = await fetch(`${base}${address}`, { method });
      expect(reply.status).toBe(500);
      const id = reply.headers.get('x-request-id');
      expect(id).toMatch(/^[\w-]{36}$/);
      if (cors) expect(Object.fromEntries(reply.headers)).toMatchObject(CORS);
      else expect(reply.headers.get('access-control-allow-origin')).toBeNull();
      const logged = written
        .join('')
        .split('\n')
        .filter((line) => line.includes('The server could not answer a request'))
        .map((line) => JSON.parse(line) as { requestId?: string; url?: string });
      expect(logged.find((entry) => entry.url === address)?.requestId).toBe(id);
    }
  });

  it('runs as its bundle runs: every package the bundle imports loads as Node loads an ES module', () => {
    // What this file imports through Vitest's resolver, Node's own may not (a bare `next/navigation`).
    const [bundle] = buildSync({
      entryPoints: ['scripts/serve.ts'],
      outfile: 'serve.mjs',
      write: false,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    }).outputFiles;
    const packages = [...(bundle?.text ?? '').matchAll(/^import .*? from "([^"]+)";$/gm)]
      .map((match) => match[1] as string)
      .filter((name) => !name.startsWith('node:'));
    expect(packages).toContain('next');
    const check = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `for (const name of ${JSON.stringify(packages)}) await import(name);`],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
