import { connection, type NextRequest } from 'next/server';
import { badRequest, jsonResponse, preflight } from '@/lib/api/http';
import { KIND_INFO, KINDS, noParamsSchema, parseQuery } from '@/lib/api/kinds';
import { LICENCE } from '@/lib/api/licence';
import type { indexSchema } from '@/lib/api/schemas';
import type { z } from 'zod';
import { siteUrl } from '@/lib/site';

/** GET /api/v1: where everything is. */
export async function GET(request: NextRequest) {
  await connection();
  const query = parseQuery(noParamsSchema, request.nextUrl.searchParams);
  if (!query.ok) return badRequest(query.issues);
  const site = siteUrl();
  const index: z.infer<typeof indexSchema> = {
    openapi: `${site}/api/v1/openapi.json`,
    documentation: `${site}/api-docs`,
    lists: Object.fromEntries(
      KINDS.map((kind) => [kind, { title: KIND_INFO[kind].title, url: `${site}/api/v1/${kind}` }]),
    ),
    vocabulary: `${site}/api/v1/vocabulary`,
    // What a copy kept from the lists or the feeds asks to learn which records it holds were archived.
    archived: `${site}/api/v1/archived`,
    exports: `${site}/exports/record.json`,
    feeds: { atom: `${site}/feeds/all.atom`, json: `${site}/feeds/all.json` },
    licence: LICENCE.summary,
    licenceSpdx: LICENCE.spdx,
    licenceUrl: LICENCE.url,
    howToCite: LICENCE.howToCite,
  };
  return jsonResponse(request, index);
}

export const OPTIONS = preflight;

// Read-only: any other method gets a JSON 405 naming the ones there are.
export { DELETE, PATCH, POST, PUT } from '@/lib/api/read-only';
