import { connection, type NextRequest } from 'next/server';
import { csvChunks, jsonChunks, openExport, recordChunks, textStream } from '@/lib/api/export';
import { answer, badRequest, CORS_HEADERS, errorResponse, preflight, PUBLIC_CACHE } from '@/lib/api/http';
import { exportParamsSchema, isKind, parseQuery, type RecordFilters } from '@/lib/api/kinds';

const CONTENT_TYPE = { csv: 'text/csv; charset=utf-8; header=present', json: 'application/json; charset=utf-8' };

function streamed(body: ReadableStream<Uint8Array>, format: 'csv' | 'json', name: string): Response {
  return new Response(body, {
    headers: {
      ...CORS_HEADERS,
      'Cache-Control': PUBLIC_CACHE,
      'Content-Type': CONTENT_TYPE[format],
      'Content-Disposition': `${format === 'csv' ? 'attachment' : 'inline'}; filename="counterweight-${name}.${format}"`,
    },
  });
}

/**
 * GET /exports/<kind>.csv and /exports/<kind>.json: every record of a list, with the list's
 * filters, streamed from the database page by page. GET /exports/record.json: the whole record.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ file: string }> }) {
  const query = request.nextUrl.searchParams;
  await connection();
  const { file } = await params;
  if (file === 'record.json') {
    if ([...query.keys()].length > 0) return badRequest([{ path: [], message: 'the full record takes no parameters' }]);
    return streamed(textStream(recordChunks()), 'json', 'record');
  }
  const [, kind = '', format] = /^([a-z]+)\.(csv|json)$/.exec(file) ?? [];
  if (!isKind(kind) || (format !== 'csv' && format !== 'json')) {
    return errorResponse(
      404,
      `No export ${file}: try /exports/actions.csv, /exports/actions.json or /exports/record.json.`,
    );
  }
  return answer(async () => {
    const parsed = parseQuery(exportParamsSchema(kind), query);
    if (!parsed.ok) return badRequest(parsed.issues);
    const filters = parsed.data as RecordFilters;
    const opened = await openExport(kind, filters);
    if (opened.unknown.length > 0) return badRequest(opened.unknown);
    const options = { pages: opened.pages };
    const chunks = format === 'csv' ? csvChunks(kind, filters, options) : jsonChunks(kind, filters, options);
    return streamed(textStream(chunks, opened.close), format, kind);
  });
}

export const OPTIONS = preflight;
