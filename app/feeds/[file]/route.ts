import { connection, type NextRequest } from 'next/server';
import { feedFile, feedResponse } from '@/lib/api/feed-response';
import { errorResponse, preflight } from '@/lib/api/http';

/** GET /feeds/all.atom and /feeds/all.json: every newly published or changed record. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ file: string }> }) {
  await connection();
  const feed = feedFile((await params).file);
  if (feed?.name !== 'all') return errorResponse(404, 'No such feed: try /feeds/all.atom or /feeds/all.json.');
  return feedResponse(request, { kind: 'all' }, feed.format);
}

export const OPTIONS = preflight;

// Read-only: any other method gets a JSON 405 naming the ones there are.
export { DELETE, PATCH, POST, PUT } from '@/lib/api/read-only';
