import { connection, type NextRequest } from 'next/server';
import { badRequest, jsonResponse, preflight } from '@/lib/api/http';
import { noParamsSchema, parseQuery } from '@/lib/api/kinds';
import { openApiDocument } from '@/lib/api/openapi';
import { siteUrl } from '@/lib/site';

let document: { site: string; body: unknown } | undefined;

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document, generated from the handlers' zod schemas. */
export async function GET(request: NextRequest) {
  // Read at request time, so that the servers entry names the address the server runs at.
  await connection();
  const query = parseQuery(noParamsSchema, request.nextUrl.searchParams);
  if (!query.ok) return badRequest(query.issues);
  const site = siteUrl();
  if (document?.site !== site) document = { site, body: openApiDocument(site) };
  return jsonResponse(request, document.body);
}

export const OPTIONS = preflight;

// Read-only: any other method gets a JSON 405 naming the ones there are.
export { DELETE, PATCH, POST, PUT } from '@/lib/api/read-only';
