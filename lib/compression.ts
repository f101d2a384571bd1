import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

/*
 * Compression of bodies the server sends itself (pages from its cache, record pages it held), which
 * it asks of the app uncompressed: quick gzip for clients that accept it.
 */

const gzipped = promisify(gzip);

export const acceptsGzip = (request: IncomingMessage) => gzipAccepted(String(request.headers['accept-encoding'] ?? ''));

/**
 * Whether an Accept-Encoding header accepts gzip (RFC 9110, 12.5.3): named (or as x-gzip), or
 * covered by `*`, with a weight above 0 (`gzip;q=0` refuses it).
 */
export function gzipAccepted(header: string): boolean {
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!coding) continue;
    const q = params.find((param) => /^q\s*=/.test(param));
    const weight = q === undefined ? 1 : Number(q.replace(/^q\s*=\s*/, ''));
    weights.set(coding === 'x-gzip' ? 'gzip' : coding, Number.isFinite(weight) ? weight : 0);
  }
  return (weights.get('gzip') ?? weights.get('*') ?? 0) > 0;
}

export const gzipBody = (body: Buffer) => gzipped(body, { level: 4 });

/** A Vary header that names Accept-Encoding, keeping what it named. */
export function varyOnEncoding(vary: unknown): string {
  const named = String(vary ?? '');
  if (/accept-encoding/i.test(named)) return named;
  return named ? `${named}, Accept-Encoding` : 'Accept-Encoding';
}
