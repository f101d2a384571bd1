// The production server: Next.js's own request handler behind the whole-page cache of
// lib/response-cache.ts. `npm start` (scripts/start.ts) runs it after building; the benchmark and
// the tests run it the same way. Options: --dir <app folder> (default: here), --port, --hostname.
// COUNTERWEIGHT_PAGE_CACHE=off turns the page cache off; COUNTERWEIGHT_PAGE_CACHE_SECONDS sets
// how long a page is kept (default 60).
import { createServer } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import next from 'next';
import { logNow } from '../lib/log';
import { installResponseCache, ResponseCache } from '../lib/response-cache';

const { values } = parseArgs({
  options: { dir: { type: 'string' }, port: { type: 'string' }, hostname: { type: 'string' } },
});
const dir = path.resolve(values.dir ?? '.');
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? '127.0.0.1';

const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const seconds = Number(process.env.COUNTERWEIGHT_PAGE_CACHE_SECONDS ?? 60);
const cache =
  process.env.COUNTERWEIGHT_PAGE_CACHE === 'off' || !(seconds > 0)
    ? null
    : new ResponseCache({ ttlMs: seconds * 1000 });
if (cache) installResponseCache(cache);

const server = createServer((request, response) => {
  void (async () => {
    const key = cache?.keyOf(request) ?? null;
    if (key && cache && (await cache.serve(key, request, response))) return;
    if (key && cache) cache.record(key, request, response);
    await handle(request, response);
  })().catch((error: unknown) => {
    logNow('error', 'The server could not answer a request', { error, url: request.url });
    if (!response.headersSent) {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('The server could not answer this request.');
    } else {
      response.destroy();
    }
  });
});
server.listen(port, hostname, () => {
  console.log(`Serving on http://${hostname}:${port}${cache ? ` (whole-page cache: ${seconds} s)` : ''}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    // Open keep-alive connections would hold the close: do not wait for them.
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
