import { randomBytes } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { hasSessionCookie } from './auth/return-to';
import { acceptsGzip, gzipBody, varyOnEncoding } from './compression';

/*
 * A cache of whole public pages in front of the app, in the server's memory. The data behind the
 * pages is already cached ('use cache', lib/public-data.ts), but every request still rendered the
 * page again (tens of milliseconds for a large profile); this keeps the rendered HTML of the public
 * pages anonymous visitors ask for, for a minute at most, and serves it again as it was, but with
 * a fresh script nonce and request id.
 *
 * - Only anonymous GETs of the public pages below (no session cookie, no client-side navigation or
 *   Server Action request) are kept, and only answers of 200 with HTML and no cookie, that are not
 *   an error or a "cannot be shown right now" page (marked `data-no-page-cache`), nor carry the
 *   digest of an error or of notFound() streamed into them (`data-dgst`).
 * - So are the open-data API's answers of 200 with JSON (lists and single records), which its
 *   clients may already keep for a minute (Cache-Control); a request with If-None-Match goes to
 *   the app, which compares the ETag. Exports stream and are never kept.
 * - Each page's HTML carries the nonce of the request it was rendered for; when served again every
 *   occurrence of that nonce (a 128-bit random string, in script attributes only) is replaced with
 *   a new one, in the body and in the Content-Security-Policy header alike.
 * - Any write the app accepts (publishing, restoring, merging, an import) empties the cache through
 *   `purgeResponseCache()`, in the same process, so a published edit shows at once; changes made
 *   outside the server (a command-line import) show within the lifetime, like the data cache.
 * - A page rendered while a purge happened is not kept (it may hold what was just replaced).
 * - A page is rendered once at a time: a request for a page another request is rendering (it
 *   expired, or a write emptied the cache, while many readers were on it) waits for that render,
 *   up to RENDER_WAIT_MS, and is answered from what it kept, instead of rendering it again too.
 */

/** The longest a request waits for another's render of the same page before rendering it itself. */
const RENDER_WAIT_MS = 10_000;

const PUBLIC_PAGE =
  /^\/(?:|about|compare|companies|incidents|contracts|agencies|organizations|(?:companies|agencies|organizations)\/[a-z0-9-]{1,100}|(?:actions|donations|statements|contracts)\/[a-z0-9]{20,40})$/;
/** The open-data API's lists and records (JSON, no session), kept like pages. */
const API_READ = /^\/api\/v1\/[a-z]{1,20}(?:\/[A-Za-z0-9-]{1,100})?$/;
const NONCE = /'nonce-([A-Za-z0-9+/_=-]{16,100})'/;
/** Headers that belong to one response, never replayed. */
const PER_RESPONSE = new Set([
  'date',
  'x-request-id',
  'content-security-policy',
  'set-cookie',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
]);

export interface ResponseCacheOptions {
  /** How long a page is served from the cache, in milliseconds. */
  ttlMs?: number;
  /** The most bytes of HTML kept; the least recently used pages go first. */
  maxBytes?: number;
  /** Pages larger than this are not kept (default: an eighth of maxBytes). */
  maxPageBytes?: number;
}

interface Entry {
  status: number;
  headers: OutgoingHttpHeaders;
  csp: string;
  nonce: string | null;
  body: Buffer;
  /** The body cut where the nonce was (so a new one goes in between without a search). */
  parts: Buffer[];
  /** When it was kept, on the monotonic clock (a stepped wall clock neither shortens nor lengthens its life). */
  storedAt: number;
}

export interface CacheFigures {
  hits: number;
  misses: number;
  stored: number;
  purges: number;
  entries: number;
  bytes: number;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  /** The pages being rendered for a request now, each settled when its answer is over. */
  private readonly rendering = new Map<string, Promise<void>>();
  private bytes = 0;
  private generation = 0;
  private readonly figures = { hits: 0, misses: 0, stored: 0, purges: 0 };
  private readonly ttlMs: number;
  private readonly maxBytes: number;
  private readonly maxPageBytes: number;

  constructor(options: ResponseCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxBytes = options.maxBytes ?? 128 * 1024 * 1024;
    this.maxPageBytes = options.maxPageBytes ?? this.maxBytes / 8;
  }

  /** The key a request is kept under, or null when its answer must not be kept or served from here. */
  keyOf(request: IncomingMessage): string | null {
    if (request.method !== 'GET' || !request.url || request.url.length > 600) return null;
    const headers = request.headers;
    if (headers.rsc || headers['next-action'] || headers['next-router-prefetch'] || headers['next-router-state-tree'])
      return null;
    if (hasSessionCookie(headers.cookie)) return null;
    const [path, query = ''] = request.url.split('?', 2) as [string, string?];
    // Lists narrowed by words or to the records changed since a time, or the archived records since
    // a time, whose values have no end, are not kept (nor is search).
    if (/(?:^|&)(?:q|since|updatedSince)=/.test(query)) return null;
    if (API_READ.test(path)) {
      // A client that holds a copy asks with its ETag: the app answers it (304 or the new body).
      return headers['if-none-match'] ? null : request.url;
    }
    if (!PUBLIC_PAGE.test(path) || /(?:^|&)_rsc=/.test(query)) return null;
    return request.url;
  }

  /**
   * Answers the request from the cache when a fresh copy is kept; true when it did. The body is
   * compressed here (quickly) for clients that accept gzip, since its nonce changes every time.
   */
  async serve(key: string, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    let entry = this.fresh(key);
    const rendering = this.rendering.get(key);
    if (!entry && rendering) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([rendering, new Promise((resolve) => (timer = setTimeout(resolve, RENDER_WAIT_MS)))]);
      clearTimeout(timer);
      entry = this.fresh(key);
    }
    if (!entry) {
      this.figures.misses += 1;
      return false;
    }
    // Least recently used goes first: a hit moves the page to the end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.figures.hits += 1;
    let body = entry.body;
    const headers: OutgoingHttpHeaders = { ...entry.headers };
    if (entry.nonce) {
      const nonce = randomBytes(16).toString('base64');
      const fresh = Buffer.from(nonce, 'latin1');
      body = Buffer.concat(entry.parts.flatMap((part, index) => (index === 0 ? [part] : [fresh, part])));
      headers['content-security-policy'] = entry.csp.replaceAll(entry.nonce, nonce);
    } else if (entry.csp) {
      headers['content-security-policy'] = entry.csp;
    }
    const incoming = request.headers['x-request-id'];
    headers['x-request-id'] =
      typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : crypto.randomUUID();
    headers.vary = varyOnEncoding(headers.vary);
    if (acceptsGzip(request)) {
      body = await gzipBody(body);
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = body.length;
    headers['x-counterweight-cache'] = 'hit';
    response.writeHead(entry.status, headers);
    response.end(body);
    return true;
  }

  /**
   * Watches the app's answer to a request and keeps it if it may be served again. The request is
   * asked of the app uncompressed, so that what is kept can be given a new nonce.
   */
  record(key: string, request: IncomingMessage, response: ServerResponse): void {
    delete request.headers['accept-encoding'];
    if (!this.rendering.has(key)) {
      const over = new Promise<void>((resolve) => response.once('close', resolve));
      this.rendering.set(key, over);
      void over.then(() => {
        if (this.rendering.get(key) === over) this.rendering.delete(key);
      });
    }
    const generation = this.generation;
    const chunks: Buffer[] = [];
    let size = 0;
    let keep = true;
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    const collect = (chunk: unknown, encoding: unknown) => {
      if (!keep || chunk === undefined || chunk === null || typeof chunk === 'function') return;
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk)
          : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      size += buffer.length;
      if (size > this.maxPageBytes) keep = false;
      else chunks.push(buffer);
    };
    response.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      collect(chunk, encoding);
      return write(chunk, encoding, callback);
    }) as ServerResponse['write'];
    response.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
      collect(chunk, encoding);
      if (keep) this.store(key, response, Buffer.concat(chunks), generation);
      return end(chunk, encoding, callback);
    }) as ServerResponse['end'];
  }

  private store(key: string, response: ServerResponse, body: Buffer, generation: number): void {
    if (generation !== this.generation || response.statusCode !== 200) return;
    const headers = response.getHeaders();
    const type = String(headers['content-type'] ?? '');
    const html = type.startsWith('text/html');
    const json = type.startsWith('application/json') && API_READ.test(key.split('?', 1)[0] as string);
    if (!(html || json) || headers['set-cookie'] || headers['content-encoding']) return;
    // A page that says the record could not be read (an error React streamed into it, the database
    // away) or that there is nothing here is not kept: it would outlive its cause.
    if (body.includes('data-no-page-cache') || body.includes('data-dgst=')) return;
    const csp = String(headers['content-security-policy'] ?? '');
    const kept: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(headers))
      if (!PER_RESPONSE.has(name) && value !== undefined) kept[name] = value;
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    const nonce = NONCE.exec(csp)?.[1] ?? null;
    const entry: Entry = {
      status: 200,
      headers: kept,
      csp,
      nonce,
      body,
      parts: nonce ? split(body, Buffer.from(nonce, 'latin1')) : [body],
      storedAt: performance.now(),
    };
    this.entries.set(key, entry);
    this.bytes += body.length;
    this.figures.stored += 1;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest, old);
    }
  }

  /** The page kept under the key while it is fresh; an expired one is forgotten. */
  private fresh(key: string): Entry | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (performance.now() - entry.storedAt <= this.ttlMs) return entry;
    this.remove(key, entry);
    return null;
  }

  private remove(key: string, entry: Entry) {
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }

  /** Forgets every page (after a write), and refuses to keep pages that were being rendered meanwhile. */
  purge(): void {
    this.entries.clear();
    this.bytes = 0;
    this.generation += 1;
    this.figures.purges += 1;
  }

  stats(): CacheFigures {
    return { ...this.figures, entries: this.entries.size, bytes: this.bytes };
  }
}

/** The pieces of `body` between the occurrences of `separator`. */
function split(body: Buffer, separator: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let at = body.indexOf(separator); at !== -1; at = body.indexOf(separator, start)) {
    parts.push(body.subarray(start, at));
    start = at + separator.length;
  }
  parts.push(body.subarray(start));
  return parts;
}

/*
 * The server (scripts/serve.ts) and the app's Server Actions run in one process but load this
 * module separately (the app's code is bundled): they meet on a global.
 */
const GLOBAL_KEY = Symbol.for('counterweight.responseCache');
type WithCache = typeof globalThis & { [GLOBAL_KEY]?: ResponseCache };

export function installResponseCache(cache: ResponseCache): void {
  (globalThis as WithCache)[GLOBAL_KEY] = cache;
}

/** Empties the whole-page cache of this server process, if it has one. */
export function purgeResponseCache(): void {
  (globalThis as WithCache)[GLOBAL_KEY]?.purge();
}
