import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth';
import { githubSignIn } from '@/lib/auth/github';
import { refusedAuthRequest } from '@/lib/auth/requests';
import { currentUser } from '@/lib/auth/session';

/** The ways to sign in this site has, as lib/auth configures them. */
const providers = () => ['credentials', ...(githubSignIn() ? ['github'] : [])];

/**
 * Auth.js's own answers, but for the session's (read with GET, updated with POST): a session its
 * owner ended by signing out (or an administrator by disabling the account) is none, though its
 * cookie is still validly signed, as every page of the app reads it (lib/auth/session.ts).
 */
async function endedSession(request: NextRequest): Promise<Response | null> {
  if (request.nextUrl.pathname !== '/api/auth/session' || (await currentUser())) return null;
  return Response.json(null, { headers: { 'cache-control': 'private, no-cache, no-store' } });
}

export async function GET(request: NextRequest) {
  return (await refusedAuthRequest(request, providers())) ?? (await endedSession(request)) ?? handlers.GET(request);
}

export async function POST(request: NextRequest) {
  return (await refusedAuthRequest(request, providers())) ?? (await endedSession(request)) ?? handlers.POST(request);
}
