import { connection, type NextRequest } from 'next/server';
import { cachedRecord } from '@/lib/api/cached';
import { answer, badRequest, errorResponse, jsonResponse, preflight } from '@/lib/api/http';
import { isKind, itemKeySchema, KIND_INFO, toIssues } from '@/lib/api/kinds';

/** GET /api/v1/<kind>/<id or slug>: one published record with its sources. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ kind: string; key: string }> }) {
  await connection();
  const { kind, key } = await params;
  if (!isKind(kind)) return errorResponse(404, `No list /api/v1/${kind}: see /api/v1/openapi.json.`);
  return answer(async () => {
    const parsed = itemKeySchema(kind).safeParse(key);
    if (!parsed.success) return badRequest(toIssues(parsed.error).map((issue) => ({ ...issue, path: ['key'] })));
    const record = await cachedRecord(kind, parsed.data);
    if (!record) return errorResponse(404, `No published ${KIND_INFO[kind].singular} "${parsed.data}".`);
    return jsonResponse(request, { data: record });
  });
}

export const OPTIONS = preflight;

// Read-only: any other method gets a JSON 405 naming the ones there are.
export { DELETE, PATCH, POST, PUT } from '@/lib/api/read-only';
