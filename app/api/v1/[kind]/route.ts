import { connection, type NextRequest } from 'next/server';
import { cachedListPage } from '@/lib/api/cached';
import { answer, badRequest, errorResponse, jsonResponse, preflight } from '@/lib/api/http';
import { DEFAULT_LIMIT, isKind, listParamsSchema, parseQuery, saidBack, type ListQuery } from '@/lib/api/kinds';
import { filtersDigest, OTHER_FILTERS } from '@/lib/api/cursor';
import { followMergedFilters, listRecords } from '@/lib/data/open-data';

/** GET /api/v1/<kind>: one page of published records, filtered, with the cursor of the next page. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ kind: string }> }) {
  const query = request.nextUrl.searchParams;
  await connection();
  const { kind } = await params;
  if (!isKind(kind)) return errorResponse(404, `No list /api/v1/${saidBack(kind)}: see /api/v1/openapi.json.`);
  return answer(async () => {
    const parsed = parseQuery(listParamsSchema(kind), query);
    if (!parsed.ok) return badRequest(parsed.issues);
    const { limit = DEFAULT_LIMIT, cursor, ...asked } = parsed.data as ListQuery;
    const filters = await followMergedFilters(asked);
    // As the page that handed the cursor out read them (listRecords).
    if (cursor && cursor.filters !== filtersDigest(filters)) {
      return badRequest([{ path: ['cursor'], message: OTHER_FILTERS }]);
    }
    // Words and moments have no end of values (as on /incidents): a list narrowed by them is read
    // afresh, not cached.
    const page =
      filters.q || filters.updatedSince
        ? await listRecords(kind, filters, { cursor: cursor ?? null, limit })
        : await cachedListPage(kind, filters, cursor ?? null, limit);
    if (page.unknown.length > 0) return badRequest(page.unknown);
    return jsonResponse(request, { data: page.records, next: page.next });
  });
}

export const OPTIONS = preflight;

// Read-only: any other method gets a JSON 405 naming the ones there are.
export { DELETE, PATCH, POST, PUT } from '@/lib/api/read-only';
