import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { acceptsGzip, gzipBody, varyOnEncoding } from './compression';

/*
 * A record page for an address that names nothing (an unknown company slug, a deleted record's id)
 * calls notFound() and shows the site's "Page not found"; but Next.js streams pages, and with Cache
 * Components the page's shell has left with status 200 before the record is looked up, so the
 * visitor, search engines and link checkers got a 200 (a "soft 404"). For these addresses the
 * server holds the whole answer until it ends, and sends it with 404 when it carries notFound()'s
 * digest. Only full-page GETs of record pages are held (a list's page past its end says so in the
 * page); they are rendered in well under a second, and the page cache serves them again without
 * holding. A HEAD of such an address is held too: a link checker asking for the headers only
 * gets the status a GET would.
 *
 * The held page itself has nothing to show without JavaScript: notFound() after the shell leaves
 * an empty document that the browser's script fills in. So the server sends the app's not-found
 * page instead, rendered for the purpose (`NotFoundPage`, with its own nonce and policy).
 *
 * The signed-in pages that need a role (the review queue, a change under review, the contract
 * import, administration) are held the same way: a person without the role gets the page that says
 * so (components/editor/role-required.tsx), whole, with 403 instead of 200. So are the editors'
 * pages about one record or one change, for their soft 404s. An archived incident's address shows
 * when and why it was archived (components/records/archived-record.tsx), with 410 Gone.
 */

/** Pages about one record, addressed by slug or id: public, or the editors' forms and changes. */
const RECORD_PAGE =
  /^\/(?:(?:companies|agencies|organizations|actions|donations|statements|contracts)\/[^/]+|history\/[a-z]+\/[^/]+|editor\/(?:companies|agencies|organizations|actions|donations|statements|contracts|changes)\/[^/]+)$/;
/** Signed-in pages for reviewers or administrators only. */
const ROLE_PAGE = /^\/(?:admin|review(?:\/[^/]+)?)$/;
/** notFound()'s digest, as an error row of the React Server Components payload carries it. */
const NOT_FOUND = 'NEXT_HTTP_ERROR_FALLBACK;404';
/**
 * A part of the payload as Next.js inlines it into the page: `self.__next_f.push([1, "<text>"])`,
 * or `[3, "<base64>"]` for bytes that are not text, in a script element (which the page's text
 * cannot open: React escapes its "<"; nor close early: Next.js escapes "<" inside the script).
 */
const INLINED = /<script\b[^>]*>self\.__next_f\.push\((\[.*?\])\)<\/script>/gs;
/**
 * The row tags whose rows carry their length (in hex, up to a comma) instead of ending at a line
 * break: a text row (T: a string of 1,024 characters or more, sent as it is) and the binary ones,
 * as React's client reads them (react-server-dom-turbopack, `processBinaryChunk`).
 */
const LENGTH_TAGS = new Set([...'TAObUSsLlGgMmV'].map((tag) => tag.charCodeAt(0)));
/**
 * The attribute a page puts on its content to be sent with another status, as React writes it into
 * the HTML: RoleRequired's 403, an archived record's 410 Gone. Text from the record cannot produce
 * it: React escapes quotes in text and in attribute values, and the RSC payload writes the
 * attribute as escaped JSON.
 */
export const statusMark = (status: 403 | 410) => `data-http-status="${status}"`;
const MARKED = ([403, 410] as const).map((status) => ({ status, bytes: Buffer.from(` ${statusMark(status)}`) }));

/** Whether this request's answer is held to find a notFound() or a missing role in it. */
export function holdsForStatus(request: IncomingMessage): boolean {
  if ((request.method !== 'GET' && request.method !== 'HEAD') || !request.url) return false;
  const headers = request.headers;
  if (headers.rsc || headers['next-action'] || headers['next-router-prefetch']) return false;
  const path = request.url.split('?', 1)[0] as string;
  return RECORD_PAGE.test(path) || ROLE_PAGE.test(path);
}

/** The app's not-found page rendered afresh: its headers (its own script policy) and its HTML; null when it cannot be had. */
export type NotFoundPage = () => Promise<{ headers: Headers; body: Buffer } | null>;

/** Headers of the not-found page that go with its body: the policy carries the nonce of its scripts. */
const PAGE_HEADERS = ['content-type', 'content-security-policy'];

type Chunk = string | Buffer | Uint8Array;
type Callback = (error?: Error | null) => void;

function bufferOf(chunk: Chunk, encoding?: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
}

/**
 * Holds the app's answer to this request (status, headers, body) until it ends, then sends it at
 * once: with 404 when the page called notFound(), 403 when it says a role is missing, and
 * compressed when the client accepts gzip and nothing else compressed it. The request is asked of the app uncompressed.
 */
export function holdForStatus(request: IncomingMessage, response: ServerResponse, notFoundPage?: NotFoundPage): void {
  // A HEAD is asked of the app as a GET: the status depends on the page, which a HEAD would not
  // render. Node still sends no body (the response was made for a HEAD), only the GET's headers.
  if (request.method === 'HEAD') request.method = 'GET';
  const compress = acceptsGzip(request);
  delete request.headers['accept-encoding'];
  const original = {
    writeHead: response.writeHead.bind(response),
    write: response.write.bind(response),
    end: response.end.bind(response),
    flushHeaders: response.flushHeaders.bind(response),
  };
  const chunks: Buffer[] = [];
  let ended = false;

  response.writeHead = ((status: number, ...rest: unknown[]) => {
    response.statusCode = status;
    for (const part of rest) {
      if (typeof part === 'string') response.statusMessage = part;
      else if (Array.isArray(part)) {
        for (let index = 0; index + 1 < part.length; index += 2)
          response.setHeader(String(part[index]), part[index + 1] as string);
      } else if (part && typeof part === 'object') {
        for (const [name, value] of Object.entries(part as OutgoingHttpHeaders))
          if (value !== undefined) response.setHeader(name, value);
      }
    }
    return response;
  }) as ServerResponse['writeHead'];
  response.flushHeaders = () => undefined;
  response.write = ((chunk: Chunk, encoding?: unknown, callback?: unknown) => {
    if (chunk !== undefined && chunk !== null) chunks.push(bufferOf(chunk, encoding));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done as Callback);
    return true;
  }) as ServerResponse['write'];
  response.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    if (ended) return response;
    ended = true;
    if (typeof chunk === 'function') callback = chunk;
    else if (chunk !== undefined && chunk !== null) chunks.push(bufferOf(chunk as Chunk, encoding));
    if (typeof encoding === 'function') callback = encoding;
    Object.assign(response, original);
    void send(Buffer.concat(chunks), typeof callback === 'function' ? (callback as () => void) : undefined);
    return response;
  }) as ServerResponse['end'];

  async function send(body: Buffer, callback?: () => void) {
    let payload = body;
    const marked = response.statusCode === 200 ? MARKED.find((mark) => body.includes(mark.bytes)) : undefined;
    if (marked) response.statusCode = marked.status;
    if ((response.statusCode === 200 || response.statusCode === 404) && calledNotFound(body)) {
      response.statusCode = 404;
      const page = await notFoundPage?.().catch(() => null);
      if (page) {
        payload = page.body;
        for (const name of PAGE_HEADERS) {
          const value = page.headers.get(name);
          if (value) response.setHeader(name, value);
        }
      }
    }
    if (compress && !response.getHeader('content-encoding') && payload.length > 0 && !response.destroyed) {
      payload = await gzipBody(payload);
      response.setHeader('content-encoding', 'gzip');
      response.setHeader('vary', varyOnEncoding(response.getHeader('vary')));
    }
    response.removeHeader('transfer-encoding');
    response.setHeader('content-length', payload.length);
    response.end(payload, callback);
  }
}

/**
 * Whether the page called notFound(): its payload has an error row with notFound()'s digest. The
 * payload is put together from the page's scripts and read row by row as React's client reads it:
 * the digest's bytes alone can be text (a record's description of 1,024 characters or more
 * travels as a raw text row, `<id>:T<length>,<text>`, escaped once, as the digest row is), and a
 * row may be split between two scripts.
 */
export function calledNotFound(html: Buffer): boolean {
  const parts: Buffer[] = [];
  for (const [, inlined] of html.toString('utf8').matchAll(INLINED)) {
    let instruction: unknown;
    try {
      instruction = JSON.parse(inlined as string);
    } catch {
      continue;
    }
    if (!Array.isArray(instruction) || typeof instruction[1] !== 'string') continue;
    if (instruction[0] === 1) parts.push(Buffer.from(instruction[1], 'utf8'));
    else if (instruction[0] === 3) parts.push(Buffer.from(instruction[1], 'base64'));
  }
  for (const digest of errorDigests(Buffer.concat(parts))) if (digest === NOT_FOUND) return true;
  return false;
}

/** The digests of the payload's error rows (`<id>:E{"digest":…}`), each row skipped whole. */
function* errorDigests(payload: Buffer): Generator<string> {
  const COLON = 0x3a;
  const COMMA = 0x2c;
  const LINE_BREAK = 0x0a;
  const ERROR = 0x45;
  let at = 0;
  while (at < payload.length) {
    const colon = payload.indexOf(COLON, at);
    if (colon < 0) return;
    const tag = payload[colon + 1] as number;
    if (LENGTH_TAGS.has(tag)) {
      const comma = payload.indexOf(COMMA, colon + 2);
      const length = Number.parseInt(payload.toString('latin1', colon + 2, comma), 16);
      if (comma < 0 || !Number.isFinite(length)) return;
      at = comma + 1 + length;
      continue;
    }
    const end = payload.indexOf(LINE_BREAK, colon + 1);
    if (tag === ERROR) {
      try {
        const digest: unknown = JSON.parse(payload.toString('utf8', colon + 2, end < 0 ? payload.length : end))?.digest;
        if (typeof digest === 'string') yield digest;
      } catch {
        // Not an error row as React writes them: no digest.
      }
    }
    if (end < 0) return;
    at = end + 1;
  }
}
