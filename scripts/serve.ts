// The production server: Next.js's own request handler behind the whole-page cache of
// lib/response-cache.ts. `npm start` (scripts/start.ts) runs it after building; the benchmark and
// the tests run it the same way. Options: --dir <app folder> (default: here), --port, --hostname.
// COUNTERWEIGHT_PAGE_CACHE=off (or false, no, 0) turns the page cache off; COUNTERWEIGHT_PAGE_CACHE_SECONDS sets
// how long a page is kept (default 60). While the database does not answer (lib/database/watch.ts),
// reads the page cache cannot answer get a friendly 503 at once. A record page that finds no record
// answers 404 with the app's not-found page (lib/page-status.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { format, parseArgs } from 'node:util';
import next from 'next';
import { parseAndValidateFlightRouterState } from 'next/dist/server/app-render/parse-and-validate-flight-router-state.js';
import { CORS_HEADERS } from '../lib/api/cors';
import { onOffSetting, settingsProblem } from '../lib/env';
import { CLIENT_ADDRESS_HEADER, clientAddressOf, proxyHops, unbelievedForwarding } from '../lib/client-address';
import { DatabaseWatch, UNAVAILABLE_PAGE } from '../lib/database/watch';
import { logNow } from '../lib/log';
import { holdForStatus, holdsForStatus, type NotFoundPage } from '../lib/page-status';
import { installResponseCache, ResponseCache } from '../lib/response-cache';
import securityHeaders from '../lib/security-headers.json';
import { siteUrl } from '../lib/site';

const { values } = parseArgs({
  options: { dir: { type: 'string' }, port: { type: 'string' }, hostname: { type: 'string' } },
});
const dir = path.resolve(values.dir ?? '.');
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? '127.0.0.1';
// The app's own code reads files of the app it belongs to (the health check compares the committed
// migrations in its prisma/migrations): the folder served, wherever this server was started.
process.env.COUNTERWEIGHT_APP_DIR = dir;

// The name Next.js writes into the addresses it builds for itself. Its proxy (proxy.ts) sees every
// request as addressed to localhost, and a rewrite there (to the not-found page) to any other origin
// would be fetched over HTTP from this server instead of rendered in place. This server listens on
// `hostname`; Next.js itself opens no connection.
const app = next({ dev: false, dir, hostname: 'localhost', port });
const handle = app.getRequestHandler();
await app.prepare();

// Checked by npm start before it starts this server; said here too for those who start it otherwise (the benchmark).
const cacheSwitch = settingsProblem();
if (cacheSwitch) {
  console.error(cacheSwitch);
  process.exit(1);
}
// Unset or empty, the default (the start reads an empty setting as unset, and so does this).
const seconds = Number(process.env.COUNTERWEIGHT_PAGE_CACHE_SECONDS?.trim() || 60);
const cache =
  onOffSetting('COUNTERWEIGHT_PAGE_CACHE') === false || !(seconds > 0)
    ? null
    : new ResponseCache({ ttlMs: seconds * 1000 });
if (cache) installResponseCache(cache);

const watch = process.env.DATABASE_URL ? new DatabaseWatch(process.env.DATABASE_URL) : null;
/**
 * Reads that need the database: everything but the build's files, the health check (which says so
 * itself) and Auth.js's routes (a sign-in during an outage is refused on the sign-in form).
 */
const NEEDS_DATABASE = /^\/(?!_next\/|favicon\.ico$|robots\.txt$|api\/health$|api\/auth\/)/;

/**
 * The headers Next.js sends on every response (next.config.js), for this server's own answers, with
 * a policy that lets them load nothing (none is a page with scripts; the 503 page adds its styles).
 */
const SECURITY_HEADERS = {
  ...Object.fromEntries(securityHeaders.map(({ key, value }) => [key.toLowerCase(), value])),
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

/** The open data other sites' scripts read (the API, exports, feeds, a comparison's CSV), which answer with CORS. */
const OPEN_DATA_API = /^\/(?:api\/v1|exports|feeds)(?:\/|$)|^\/compare\/csv$/;
/** The CORS headers of the API's own answers. */
const API_CORS_HEADERS = Object.fromEntries(
  Object.entries(CORS_HEADERS).map(([name, value]) => [name.toLowerCase(), value]),
);

/**
 * The headers of the answers this server makes itself: the request's id (the one its log lines
 * have, docs/decisions/010) and, under the API, its CORS headers, without which a script on
 * another site cannot read the answer, nor its Retry-After.
 */
function ownHeaders(request: IncomingMessage, url = request.url ?? '/') {
  return {
    ...SECURITY_HEADERS,
    'x-request-id': requests.getStore() ?? '',
    ...(OPEN_DATA_API.test(url.split('?')[0] as string) ? API_CORS_HEADERS : {}),
  };
}

/**
 * An address with repeated slashes or a backslash in its path (`/api/v1//actions`, which a client
 * joining a base that ends in a slash sends) is sent on to its clean form, as Next.js would do
 * before any of the app's code runs and so without this app's headers: without CORS, a script on
 * another site cannot follow it. The query is kept as it came.
 */
function cleanSlashes(request: IncomingMessage, response: ServerResponse): boolean {
  const [path = '/', ...query] = (request.url ?? '/').split('?');
  // (An address in absolute form, `http://host/…`, is Next.js's to read.)
  if (!path.startsWith('/') || !/\\|\/\//.test(path)) return false;
  const clean = path.replace(/\\/g, '/').replace(/\/\/+/g, '/') + (query.length ? `?${query.join('?')}` : '');
  response.writeHead(308, {
    ...ownHeaders(request, clean),
    location: clean,
    'content-type': 'text/plain; charset=utf-8',
  });
  response.end(request.method === 'HEAD' ? undefined : clean);
  return true;
}

/**
 * Methods the fetch standard forbids, which Next.js's request handling cannot even read (it answered
 * a bare 500): refused here with a 405, as the routes refuse the methods they do not take.
 */
const FORBIDDEN_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);

function notAllowed(request: IncomingMessage, response: ServerResponse) {
  const headers = { ...ownHeaders(request), allow: 'GET, HEAD, OPTIONS', 'cache-control': 'no-store' };
  const message = `This address does not answer ${request.method} requests: use GET (or HEAD).`;
  // The open data's addresses answer in JSON, as their own 405s do (lib/api/http.ts).
  if (OPEN_DATA_API.test((request.url ?? '/').split('?')[0] as string) || request.url?.startsWith('/api/')) {
    response.writeHead(405, { ...headers, 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { message, issues: [] } }));
    return;
  }
  response.writeHead(405, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
  response.end(message);
}

/**
 * The router state a page's script sends with its navigations (Next-Router-State-Tree), read as
 * Next.js reads it: one it cannot read (sent by hand, or cut short) made Next.js answer 500 and log
 * an error of the server's, twice, for what anyone can send. Answered here, as a bad request:
 * Next.js hides the header from proxy.ts.
 */
function unreadableRouterState(request: IncomingMessage): boolean {
  const state = request.headers['next-router-state-tree'];
  if (state === undefined) return false;
  try {
    parseAndValidateFlightRouterState(state);
    return false;
  } catch {
    return true;
  }
}

function routerStateRefused(request: IncomingMessage, response: ServerResponse) {
  response.writeHead(400, {
    ...ownHeaders(request),
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end('The router state this request sent cannot be read: load the page again.\n');
}

/** While the database is away, a read that the page cache cannot answer gets a friendly 503 at once. */
function unavailable(request: IncomingMessage, response: ServerResponse) {
  const headers = { ...ownHeaders(request), 'retry-after': '10', 'cache-control': 'no-store' };
  // The open data (a download, a feed reader) answers in JSON, shaped as its other errors are.
  if (OPEN_DATA_API.test((request.url ?? '/').split('?')[0] as string) || request.url?.startsWith('/api/')) {
    response.writeHead(503, { ...headers, 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        error: { message: 'The database is unavailable for a moment. Try again in a minute.', issues: [] },
      }),
    );
    return;
  }
  response.writeHead(503, {
    ...headers,
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
  response.end(request.method === 'HEAD' ? undefined : UNAVAILABLE_PAGE);
}

/**
 * The app's not-found page, asked of this server at an address no route answers (proxy.ts sends
 * malformed addresses there too): rendered on the server, with its own nonce and policy.
 */
const notFoundPage: NotFoundPage = async () => {
  const local = ['0.0.0.0', '::', ''].includes(hostname) ? '127.0.0.1' : hostname;
  const host = local.includes(':') ? `[${local}]` : local;
  const reply = await fetch(`http://${host}:${(server.address() as AddressInfo).port}/address-not-found`, {
    signal: AbortSignal.timeout(10_000),
  });
  const body = Buffer.from(await reply.arrayBuffer());
  return reply.status === 404 && reply.headers.get('content-type')?.startsWith('text/html')
    ? { headers: reply.headers, body }
    : null;
};

/**
 * A post answered with a redirect sends the browser on with a GET (303 See Other). Next.js answers
 * a page that redirects while it renders with 307, which makes the browser post the same form
 * again to the new address: a form sent without the page's script to a signed-in page after the
 * session ended went to the sign-in page as a post, which it cannot take.
 */
function seeOtherAfterPost(response: ServerResponse) {
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
  response.writeHead = ((status: number, ...rest: unknown[]) =>
    writeHead(status === 307 || status === 308 ? 303 : status, ...rest)) as typeof response.writeHead;
}

const hops = proxyHops();

/** The id of the request each piece of work is for (proxy.ts keeps it: `x-request-id`). */
const requests = new AsyncLocalStorage<string>();
const REQUEST_ID = /^[\w.-]{1,100}$/;

/**
 * Next.js writes its own errors and warnings (a failed render, a refused Server Action) as text
 * over several lines. They are written as the app's other log lines are (lib/log.ts, docs/decisions/010):
 * one JSON line each, secrets removed, with the id of the request they came from.
 */
function structuredConsole() {
  const as =
    (level: 'warn' | 'error') =>
    (...args: unknown[]) => {
      const [first = '', ...rest] = format(...args)
        .trim()
        .split('\n');
      const detail = rest.join('\n').trim();
      const message = first.replace(/^[⨯⚠]\s*/, '');
      logNow(level, message, { source: 'next', ...(detail && { detail }) }, requests.getStore());
    };
  console.error = as('error');
  console.warn = as('warn');
}
structuredConsole();

/** Whether the log was told of a forwarded request that no setting says to believe. */
let toldOfForwarding = false;

const server = createServer((request, response) => {
  // Whatever a client sent under this name is replaced: only the server says where a request came from.
  request.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(request, hops);
  const unbelieved = toldOfForwarding ? null : unbelievedForwarding(request, hops);
  if (unbelieved) {
    toldOfForwarding = true;
    logNow('warn', unbelieved, { connection: request.socket.remoteAddress ?? 'unknown' });
  }
  // The request's id, made here when no front proxy gave one, so that every line of its work has it.
  // Only a front proxy the settings trust (COUNTERWEIGHT_PROXY_HOPS) may give it: a client's own
  // would let log lines pass for another request's.
  const given = hops > 0 ? request.headers['x-request-id'] : undefined;
  const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  request.headers['x-request-id'] = requestId;
  requests.run(requestId, () => answer(request, response));
});

function answer(request: IncomingMessage, response: ServerResponse) {
  void (async () => {
    if (FORBIDDEN_METHODS.has(request.method ?? '')) return notAllowed(request, response);
    if (cleanSlashes(request, response)) return;
    if (unreadableRouterState(request)) return routerStateRefused(request, response);
    const key = cache?.keyOf(request) ?? null;
    if (key && cache && (await cache.serve(key, request, response))) return;
    const read = request.method === 'GET' || request.method === 'HEAD';
    if (watch && read && NEEDS_DATABASE.test((request.url ?? '/').split('?')[0] as string) && !(await watch.isUp()))
      return unavailable(request, response);
    if (key && cache) cache.record(key, request, response);
    if (request.method === 'POST') seeOtherAfterPost(response);
    // After the cache's watch: the cache then keeps what this sends, and never a 404.
    if (holdsForStatus(request)) holdForStatus(request, response, notFoundPage);
    await handle(request, response);
  })().catch((error: unknown) => {
    logNow('error', 'The server could not answer a request', { error, url: request.url }, requests.getStore());
    if (!response.headersSent) {
      response.writeHead(500, { ...ownHeaders(request), 'content-type': 'text/plain; charset=utf-8' });
      response.end('The server could not answer this request.');
    } else {
      response.destroy();
    }
  });
}

/**
 * What Node's HTTP parser refuses before the app sees it: an address or headers past its limit
 * (16 KB: a very long list of filters pasted into the address) was answered 431 with an empty
 * body, a blank page in a browser. Said in words now, with the headers every answer has; under
 * the open data, in its JSON and with its CORS headers, as its other refusals are, so that a script
 * on another site can read why.
 */
server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket) => {
  if (error.code === 'ECONNRESET' || !socket.writable) return;
  // The request's first line, when the chunk the parser failed on begins with it (Node gives the
  // failing chunk: an address that came in several reads fails in a later one, and is answered in
  // plain text, as every address was before).
  const head = error.rawPacket?.subarray(0, 20 * 1024).toString('latin1') ?? '';
  const asked = /^[A-Z]+ (\/[^\s?]*)/.exec(head)?.[1];
  const openData = asked !== undefined && (OPEN_DATA_API.test(asked) || asked.startsWith('/api/'));
  // Its whole first line, short, then the headers after it were too large (cookies, most often), not the address.
  const address = /^[A-Z]+ (\S+) HTTP\/\d\.\d\r?\n/.exec(head)?.[1];
  const headersTooLarge = address !== undefined && address.length <= 8 * 1024;
  const overflow = error.code === 'HPE_HEADER_OVERFLOW';
  const status = overflow ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const message = !overflow
    ? 'The server could not read this request.'
    : headersTooLarge
      ? 'The headers of this request are too large for the server to read (more than 16 KB with its address), most often for the cookies a browser keeps for this site: clear them and try again.'
      : openData
        ? 'This address is too long for the server to read (more than 16 KB). Shorten the words or filters in it.'
        : 'This address is too long for the server to read. Shorten the words or filters in it, or start again from the list: /incidents, /companies, /contracts or /search.';
  const body = openData ? JSON.stringify({ error: { message, issues: [] } }) : `${message}\n`;
  const headers = {
    ...SECURITY_HEADERS,
    ...(openData ? API_CORS_HEADERS : {}),
    'content-type': openData ? 'application/json' : 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    connection: 'close',
  };
  socket.end(
    `HTTP/1.1 ${status}\r\n${Object.entries(headers)
      .map(([key, value]) => `${key}: ${value}`)
      .join('\r\n')}\r\n\r\n${body}`,
  );
});

server.listen(port, hostname, () => {
  console.log(`Serving on http://${hostname}:${port}${cache ? ` (whole-page cache: ${seconds} s)` : ''}`);
  // Feeds, the API's links and citations write the site's address out; on a server others reach it must be said.
  if (!process.env.SITE_URL && !['127.0.0.1', 'localhost', '::1'].includes(hostname)) {
    console.warn(
      `SITE_URL is not set: feeds, the API's links, exports and citations give addresses on ${siteUrl()}. ` +
        'Set it to the public address of the site (https://…).',
    );
  }
  // GitHub sign-in takes both; one alone leaves it off, which would otherwise go unsaid.
  const github = [process.env.AUTH_GITHUB_ID, process.env.AUTH_GITHUB_SECRET].filter(Boolean).length;
  if (github === 1) {
    console.warn(
      `${process.env.AUTH_GITHUB_ID ? 'AUTH_GITHUB_SECRET' : 'AUTH_GITHUB_ID'} is not set: GitHub sign-in is off until both AUTH_GITHUB_ID and AUTH_GITHUB_SECRET are.`,
    );
  }
});

function shutDown() {
  server.close();
  void watch?.close();
  void app.close().finally(() => process.exit(0));
  // Open keep-alive connections would hold the close: do not wait for them.
  setTimeout(() => process.exit(0), 2000).unref();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, shutDown);

// Started by `npm start`, the server ends with it, even when it was killed without its Ctrl-C
// (SIGKILL, which runs none of its shutdown): it would otherwise keep the port, serving a database
// nobody stops. A process whose parent is gone is handed to another, so the parent's id changes.
const parent = Number(process.env.COUNTERWEIGHT_PARENT_PID);
if (parent > 0) {
  setInterval(() => {
    if (process.ppid === parent) return;
    console.error('The npm start that ran this server is gone: the server stops too.');
    shutDown();
  }, 1000).unref();
}
