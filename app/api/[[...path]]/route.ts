import { nothingHere } from '@/lib/api/http';

/** /api itself and any other address under it: a JSON 404 (a script reading the API gets JSON, not a web page). */
const notFound = nothingHere(
  'No such endpoint: the endpoints are listed at /api/v1 and in /api/v1/openapi.json, and explained at /api-docs.',
);

// Whatever the method: there is nothing here to read or to write to (Next.js would answer the
// others with a bare 405 of its own, no reason given).
export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
