import { connection, type NextRequest } from 'next/server';
import { cachedRecord } from '@/lib/api/cached';
import { answer, badRequest, errorResponse, goneResponse, jsonResponse, preflight } from '@/lib/api/http';
import {
  ARCHIVABLE_KIND,
  isKind,
  itemKeySchema,
  KIND_INFO,
  noParamsSchema,
  parseQuery,
  saidBack,
  toIssues,
} from '@/lib/api/kinds';
import { archivedRecord } from '@/lib/data/changes';
import { anotherNameOf } from '@/lib/data/open-data';
import { historyPath } from '@/lib/history-paths';
import { siteUrl } from '@/lib/site';

/** /api/v1/archived (records archived since) and /api/v1/vocabulary (the controlled terms). */
const LISTS_WITHOUT_RECORDS = new Set(['archived', 'vocabulary']);

/** GET /api/v1/<kind>/<id or slug>: one published record with its sources. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ kind: string; key: string }> }) {
  await connection();
  const { kind, key } = await params;
  if (!isKind(kind)) {
    // The lists that are not of one kind of record have no records of their own to address.
    if (LISTS_WITHOUT_RECORDS.has(kind)) {
      return errorResponse(
        404,
        `/api/v1/${kind} is one list: its entries have no address under it (see /api/v1/openapi.json).`,
      );
    }
    return errorResponse(404, `No list /api/v1/${saidBack(kind)}: see /api/v1/openapi.json.`);
  }
  return answer(async () => {
    const parsed = itemKeySchema(kind).safeParse(key);
    const query = parseQuery(noParamsSchema, request.nextUrl.searchParams);
    if (!parsed.success || !query.ok) {
      const keyIssues = parsed.success ? [] : toIssues(parsed.error).map((issue) => ({ ...issue, path: ['key'] }));
      return badRequest([...keyIssues, ...(query.ok ? [] : query.issues)]);
    }
    const record = await cachedRecord(kind, parsed.data);
    if (!record) {
      const recordType = ARCHIVABLE_KIND[kind];
      const archived = recordType ? await archivedRecord(recordType, parsed.data) : null;
      if (recordType && archived) {
        const history = `${siteUrl()}${historyPath(recordType, parsed.data)}`;
        return goneResponse(
          `The ${KIND_INFO[kind].singular} "${parsed.data}" was archived on ${archived.at.toISOString().slice(0, 10)}${archived.reason ? `: ${archived.reason.replace(/\.$/, '')}` : ''}. Nothing was deleted: its history is at ${history}.`,
          { ...archived, history },
        );
      }
      // Another of a company's or agency's names (aws): its record, under its slug, said.
      const named =
        kind === 'companies' || kind === 'agencies'
          ? await anotherNameOf(kind === 'companies' ? 'company' : 'agency', parsed.data)
          : null;
      const record = named ? ` It is another name of the ${KIND_INFO[kind].singular} at /api/v1/${kind}/${named}.` : '';
      return errorResponse(404, `No published ${KIND_INFO[kind].singular} "${parsed.data}".${record}`);
    }
    return jsonResponse(request, { data: record });
  });
}

export const OPTIONS = preflight;

// Read-only: any other method gets a JSON 405 naming the ones there are.
export { DELETE, PATCH, POST, PUT } from '@/lib/api/read-only';
