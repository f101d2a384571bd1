import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth';
import { currentUser } from '@/lib/auth/session';

export const { POST } = handlers;

/**
 * Auth.js's own answers, but for the session's: a session its owner ended by signing out (or an
 * administrator by disabling the account) is none, though its cookie is still validly signed, as
 * every page of the app reads it (lib/auth/session.ts).
 */
export async function GET(request: NextRequest) {
  if (request.nextUrl.pathname === '/api/auth/session' && !(await currentUser())) {
    return Response.json(null, { headers: { 'cache-control': 'private, no-cache, no-store' } });
  }
  return handlers.GET(request);
}
