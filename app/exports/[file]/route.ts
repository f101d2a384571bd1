import { connection, type NextRequest } from 'next/server';
import { csvChunks, jsonChunks, openExport, recordChunks, textStream } from '@/lib/api/export';
import { answer, badRequest, CORS_HEADERS, errorResponse, preflight, PUBLIC_CACHE } from '@/lib/api/http';
import {
  exportParamsSchema,
  isKind,
  parseQuery,
  saidBack,
  UNKNOWN_PARAMETER,
  type Kind,
  type RecordFilters,
} from '@/lib/api/kinds';
import { followMergedFilters, unknownSlugs } from '@/lib/data/open-data';
import { asciiWords } from '@/lib/slug';

const CONTENT_TYPE = { csv: 'text/csv; charset=utf-8; header=present', json: 'application/json; charset=utf-8' };

/**
 * The file's name: the list, and the filters it was exported with, so that a filtered download is
 * not saved over the whole list's ("counterweight-actions-company-salesforce-from-2018.csv").
 */
function fileName(name: string, filters: RecordFilters, format: 'csv' | 'json'): string {
  const parts = Object.entries(filters)
    // The family is the company and subsidiaries asked for, already named.
    .filter(([key, value]) => key !== 'family' && value !== undefined && value !== '')
    .sort(([a], [b]) => a.localeCompare(b))
    // A word searched against ("-amazon") is named as such, not as the search for it.
    .flatMap(([key, value]) => [key, key === 'q' ? String(value).replace(/(^|\s)-(?=\S)/g, '$1not ') : String(value)])
    // Accents dropped rather than the letter ("Sürat" is surat, not s-rat), other scripts written
    // in Latin letters ("Москва" is moskva), as slugs are.
    .map(asciiWords)
    .filter(Boolean);
  return `counterweight-${[name, ...parts].join('-').slice(0, 150).replace(/-$/, '')}.${format}`;
}

function streamed(
  body: ReadableStream<Uint8Array> | null,
  format: 'csv' | 'json',
  name: string,
  filters: RecordFilters = {},
): Response {
  return new Response(body, {
    headers: {
      ...CORS_HEADERS,
      'Cache-Control': PUBLIC_CACHE,
      'Content-Type': CONTENT_TYPE[format],
      'Content-Disposition': `${format === 'csv' ? 'attachment' : 'inline'}; filename="${fileName(name, filters, format)}"`,
    },
  });
}

type Params = { params: Promise<{ file: string }> };
type Asked =
  | { error: Response }
  | { kind: 'record'; format: 'json'; filters: RecordFilters }
  | { kind: Kind; format: 'csv' | 'json'; filters: RecordFilters };

/** Which export the address and query ask for, or the answer to a bad request. */
async function exportAsked(request: NextRequest, { params }: Params): Promise<Asked> {
  const query = request.nextUrl.searchParams;
  const { file } = await params;
  // The list's name in any case, as the feeds and the pages read a slug ("Actions.csv").
  const [, name = '', format] = /^([A-Za-z]+)\.(csv|json)$/.exec(file) ?? [];
  const kind = name.toLowerCase();
  if (kind === 'record' && format === 'json') {
    // Each given parameter named, as the lists' unknown parameters are.
    const given = [...new Set(query.keys())];
    if (given.length > 0)
      return { error: badRequest(given.map((key) => ({ path: [key], message: UNKNOWN_PARAMETER }))) };
    return { kind: 'record', format: 'json', filters: {} };
  }
  if (!isKind(kind) || (format !== 'csv' && format !== 'json')) {
    return {
      error: errorResponse(
        404,
        `No export ${saidBack(file)}: try /exports/actions.csv, /exports/actions.json or /exports/record.json.`,
      ),
    };
  }
  const parsed = parseQuery(exportParamsSchema(kind), query);
  if (!parsed.ok) return { error: badRequest(parsed.issues) };
  return { kind, format, filters: await followMergedFilters(parsed.data as RecordFilters) };
}

/**
 * GET /exports/<kind>.csv and /exports/<kind>.json: every record of a list, with the list's
 * filters, streamed from the database page by page. GET /exports/record.json: the whole record.
 */
export async function GET(request: NextRequest, context: Params) {
  await connection();
  const asked = await exportAsked(request, context);
  if ('error' in asked) return asked.error;
  const { kind, format, filters } = asked;
  return answer(async () => {
    // A client gone before the answer is sent never reads nor cancels the body: end the export then.
    const endOnAbort = (close: () => Promise<void>) =>
      request.signal.addEventListener('abort', () => void close(), { once: true });
    if (kind === 'record') {
      const opened = await openExport('actions', {});
      endOnAbort(opened.close);
      return streamed(textStream(recordChunks({ opened: { actions: opened.pages } }), opened.close), 'json', 'record');
    }
    const opened = await openExport(kind, filters, { format });
    if (opened.unknown.length > 0) return badRequest(opened.unknown);
    endOnAbort(opened.close);
    const options = { pages: opened.pages };
    const chunks = format === 'csv' ? csvChunks(kind, filters, options) : jsonChunks(kind, filters, options);
    return streamed(textStream(chunks, opened.close), format, kind, filters);
  });
}

/** HEAD: what GET would answer, without starting the export (its body would never be read). */
export async function HEAD(request: NextRequest, context: Params) {
  await connection();
  const asked = await exportAsked(request, context);
  if ('error' in asked) return asked.error;
  if (asked.kind === 'record') return streamed(null, 'json', 'record');
  const { kind, format, filters } = asked;
  return answer(async () => {
    const unknown = await unknownSlugs(filters);
    return unknown.length > 0 ? badRequest(unknown) : streamed(null, format, kind, filters);
  });
}

export const OPTIONS = preflight;

// Read-only: any other method gets a JSON 405 naming the ones there are.
export { DELETE, PATCH, POST, PUT } from '@/lib/api/read-only';
