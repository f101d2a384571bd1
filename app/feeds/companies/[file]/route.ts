import { connection, type NextRequest } from 'next/server';
import { feedFile, feedResponse } from '@/lib/api/feed-response';
import { errorResponse, preflight } from '@/lib/api/http';
import { survivingCompanySlug } from '@/lib/data/admin';

/** GET /feeds/companies/<slug>.atom (or .json): the newly published or changed records of one company. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ file: string }> }) {
  await connection();
  const feed = feedFile((await params).file);
  if (!feed) return errorResponse(404, 'No such feed: try /feeds/companies/<slug>.atom.');
  // A merged company's feed moves with its records: a permanent redirect that feed readers follow.
  const current = await survivingCompanySlug(feed.name);
  if (current !== feed.name) {
    return new Response(null, {
      status: 308,
      headers: { location: `/feeds/companies/${current}.${feed.format === 'json' ? 'json' : 'atom'}` },
    });
  }
  return feedResponse(request, { kind: 'companies', slug: feed.name }, feed.format);
}

export const OPTIONS = preflight;

// Read-only: any other method gets a JSON 405 naming the ones there are.
export { DELETE, PATCH, POST, PUT } from '@/lib/api/read-only';
