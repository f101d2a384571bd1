import { connection, type NextRequest } from 'next/server';
import { cachedArchivedPage } from '@/lib/api/cached';
import { filtersDigest, OTHER_FILTERS } from '@/lib/api/cursor';
import { answer, badRequest, jsonResponse, preflight } from '@/lib/api/http';
import { archivedFilters, archivedParamsSchema, DEFAULT_LIMIT, parseQuery } from '@/lib/api/kinds';
import type { ArchivedRecord } from '@/lib/api/schemas';
import { listArchived } from '@/lib/data/open-data';

/**
 * GET /api/v1/archived: the incidents archived now, most recently archived first. A copy of the
 * record kept by walking the lists or following the feeds cannot see a record leave them; this
 * list is how it learns which of the records it holds to drop.
 */
export async function GET(request: NextRequest) {
  const query = request.nextUrl.searchParams;
  await connection();
  return answer(async () => {
    const parsed = parseQuery(archivedParamsSchema, query);
    if (!parsed.ok) return badRequest(parsed.issues);
    const { since, cursor, limit = DEFAULT_LIMIT } = parsed.data;
    // As the page that handed the cursor out was asked (listArchived).
    if (cursor && cursor.filters !== filtersDigest(archivedFilters(since))) {
      return badRequest([{ path: ['cursor'], message: OTHER_FILTERS }]);
    }
    // A mirror asks with the time of its last visit, which has no end of values: read afresh, not cached.
    const page = since
      ? await listArchived({ since, cursor: cursor ?? null, limit })
      : await cachedArchivedPage(cursor ?? null, limit);
    const body: { data: ArchivedRecord[]; next: string | null } = { data: page.records, next: page.next };
    return jsonResponse(request, body);
  });
}

export const OPTIONS = preflight;

// Read-only: any other method gets a JSON 405 naming the ones there are.
export { DELETE, PATCH, POST, PUT } from '@/lib/api/read-only';
