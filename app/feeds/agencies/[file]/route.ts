import { connection, type NextRequest } from 'next/server';
import { feedFile, feedResponse } from '@/lib/api/feed-response';
import { errorResponse, preflight } from '@/lib/api/http';

/** GET /feeds/agencies/<slug>.atom (or .json): the newly published or changed records of one agency. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ file: string }> }) {
  await connection();
  const feed = feedFile((await params).file);
  if (!feed) return errorResponse(404, 'No such feed: try /feeds/agencies/<slug>.atom or /feeds/agencies/<slug>.json.');
  return feedResponse(request, { kind: 'agencies', slug: feed.name }, feed.format);
}

export const OPTIONS = preflight;

// Read-only: any other method gets a JSON 405 naming the ones there are.
export { DELETE, PATCH, POST, PUT } from '@/lib/api/read-only';
