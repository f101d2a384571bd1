import { createHash } from 'node:crypto';
import { unstable_rethrow } from 'next/navigation';
import { ServerBusy } from '../server-busy';
import { CORS_HEADERS } from './cors';
import type { ApiIssue } from './schemas';

/*
 * The open-data interface's HTTP conventions: JSON bodies with an ETag (a hash of the body) and
 * `If-None-Match` answered with 304, a minute of public caching, CORS for GET from anywhere, and
 * errors as `{ error: { message, issues } }`.
 */

export { CORS_HEADERS };

export const PUBLIC_CACHE = 'public, max-age=60';

/**
 * A weak ETag: a hash of the body before the server compresses it, so the same for the gzip and
 * the plain bytes, which a strong one must not be (RFC 9110, 8.8.3).
 */
export function etagOf(body: string): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** A body with its ETag, or 304 when the client already holds it. */
export function cachedBody(request: Request, body: string, contentType: string): Response {
  const etag = etagOf(body);
  const headers = { ...CORS_HEADERS, 'Cache-Control': PUBLIC_CACHE, ETag: etag };
  if (etagMatches(request.headers.get('if-none-match'), etag)) {
    // The Vary its 200 has (RFC 9110, 15.4.5): the body's encoding is added where it is compressed,
    // which a response without a body never is.
    return new Response(null, { status: 304, headers: { ...headers, Vary: 'Accept-Encoding' } });
  }
  return new Response(body, { headers: { ...headers, 'Content-Type': contentType } });
}

export function jsonResponse(request: Request, data: unknown): Response {
  return cachedBody(request, JSON.stringify(data), 'application/json; charset=utf-8');
}

/** The handler of an address where there is nothing: a JSON 404 saying what to try instead. */
export const nothingHere = (message: string) => (): Response => errorResponse(404, message);

export function errorResponse(
  status: 400 | 404 | 500 | 503,
  message: string,
  issues: ApiIssue[] = [],
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { error: { message, issues } },
    { status, headers: { ...CORS_HEADERS, 'Cache-Control': 'no-store', ...headers } },
  );
}

/**
 * 410 Gone for a record that was public until a reviewer archived it: when, why and where its
 * history is, as its page says, so that a saved address does not read as one that never existed.
 */
export function goneResponse(
  message: string,
  archived: { at: Date; reason: string | null; history: string },
): Response {
  return Response.json(
    { error: { message, issues: [], archived: { ...archived, at: archived.at.toISOString() } } },
    { status: 410, headers: { ...CORS_HEADERS, 'Cache-Control': 'no-store' } },
  );
}

/** Which part of the request a refusal's issues are about: the record's key (in the path), the query, or both. */
function whatIsWrong(issues: ApiIssue[]): string {
  const ofKey = issues.filter((issue) => issue.path[0] === 'key').length;
  if (ofKey === 0) return 'The query parameters are not valid';
  return ofKey === issues.length ? 'The address is not valid' : 'The address and its query parameters are not valid';
}

/**
 * A 400 whose message names each parameter that is wrong and why (the same as `issues`): the
 * query's, or the address's own `key` (a record's slug or id).
 */
export const badRequest = (issues: ApiIssue[]) =>
  errorResponse(
    400,
    `${whatIsWrong(issues)}: ${issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message.replace(/\.$/, '')}` : issue.message.replace(/\.$/, ''))).join('; ')}.`,
    issues,
  );

/**
 * Any other method (POST, PUT, PATCH, DELETE) on a read-only address: a 405 that says which methods
 * there are, as JSON with CORS like every other error here (a framework's bare 405 has neither).
 */
export function methodNotAllowed(): Response {
  return Response.json(
    { error: { message: 'This address is read-only: use GET (or HEAD).', issues: [] } },
    { status: 405, headers: { ...CORS_HEADERS, 'Cache-Control': 'no-store', Allow: 'GET, HEAD, OPTIONS' } },
  );
}

/** The answer to a CORS preflight: GET (and HEAD) from any origin. */
export function preflight(request: Request): Response {
  const asked = request.headers.get('access-control-request-headers');
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': asked && asked.length < 500 ? asked : 'If-None-Match',
      'Access-Control-Max-Age': '86400',
      Allow: 'GET, HEAD, OPTIONS',
    },
  });
}

/** Runs a handler's work; an unexpected failure (the database is down) answers 500 JSON, never an HTML page. */
export async function answer(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof ServerBusy) {
      return errorResponse(503, error.message, [], { 'Retry-After': String(error.retryAfterSeconds) });
    }
    console.error(`Open-data request failed: ${error instanceof Error ? error.message : String(error)}`);
    return errorResponse(500, 'The server could not answer; try again later.');
  }
}
