import { connection, type NextRequest } from 'next/server';
import { feedFile, feedResponse } from '@/lib/api/feed-response';
import { CORS_HEADERS, errorResponse, preflight, PUBLIC_CACHE } from '@/lib/api/http';
import { survivingCompanySlug } from '@/lib/data/admin';

/** GET /feeds/companies/<slug>.atom (or .json): the newly published or changed records of one company. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ file: string }> }) {
  await connection();
  const feed = feedFile((await params).file);
  if (!feed)
    return errorResponse(404, 'No such feed: try /feeds/companies/<slug>.atom or /feeds/companies/<slug>.json.');
  // A merged company's feed moves with its records: a permanent redirect that feed readers follow,
  // with CORS as every answer here, since a page's fetch from another origin checks each hop.
  const current = await survivingCompanySlug(feed.name);
  if (current !== feed.name) {
    return new Response(null, {
      status: 308,
      headers: {
        ...CORS_HEADERS,
        'Cache-Control': PUBLIC_CACHE,
        location: `/feeds/companies/${current}.${feed.format === 'json' ? 'json' : 'atom'}${request.nextUrl.search}`,
      },
    });
  }
  return feedResponse(request, { kind: 'companies', slug: feed.name }, feed.format);
}

export const OPTIONS = preflight;

// Read-only: any other method gets a JSON 405 naming the ones there are.
export { DELETE, PATCH, POST, PUT } from '@/lib/api/read-only';
