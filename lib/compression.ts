import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

/*
 * Compression of bodies the server sends itself (pages from its cache, record pages it held), which
 * it asks of the app uncompressed: quick gzip for clients that accept it.
 */

const gzipped = promisify(gzip);

export const acceptsGzip = (request: IncomingMessage) =>
  /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));

export const gzipBody = (body: Buffer) => gzipped(body, { level: 4 });

/** A Vary header that names Accept-Encoding, keeping what it named. */
export function varyOnEncoding(vary: unknown): string {
  const named = String(vary ?? '');
  if (/accept-encoding/i.test(named)) return named;
  return named ? `${named}, Accept-Encoding` : 'Accept-Encoding';
}
