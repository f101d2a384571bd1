/*
 * Requests to Auth.js's own addresses (/api/auth/…) that it would meet with an exception of its own
 * and a redirect to "Signing in is not possible right now", logged as a fault of the server's: a
 * provider that does not exist, a JSON body that does not parse, a callbackUrl that is no address.
 * Anyone can send them; they are answered here as what they are, a bad request, before Auth.js
 * reads them (app/api/auth/[...nextauth]/route.ts).
 */

/** The actions of Auth.js's addresses that name a provider after them (/api/auth/signin/github). */
const WITH_PROVIDER = new Set(['signin', 'callback']);

const refused = (status: number, message: string) =>
  new Response(message, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });

/** Whether Auth.js can read a callbackUrl: a path on the site, or an address (its redirect check parses it whole). */
const readableCallback = (value: unknown) => typeof value !== 'string' || value.startsWith('/') || URL.canParse(value);

/**
 * The answer to a request to /api/auth/… that Auth.js could not make sense of, or null to let
 * Auth.js answer it. `providers`: the ids of the sign-in ways this site has.
 */
export async function refusedAuthRequest(request: Request, providers: readonly string[]): Promise<Response | null> {
  const url = new URL(request.url);
  const [action, provider] = url.pathname.replace(/^\/api\/auth\/?/, '').split('/');
  if (action && WITH_PROVIDER.has(action) && provider !== undefined && !providers.includes(provider)) {
    return refused(404, 'There is no such way to sign in here.');
  }
  // Passkeys' options, with a provider or without: no way to sign in here is a passkey.
  if (action === 'webauthn-options') return refused(404, 'There is no such way to sign in here.');
  let body: Record<string, unknown> = {};
  if (request.method === 'POST') {
    const type = request.headers.get('content-type') ?? '';
    try {
      if (/^application\/json\b/i.test(type)) {
        const parsed: unknown = await request.clone().json();
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
      } else if (/^application\/x-www-form-urlencoded\b/i.test(type)) {
        body = Object.fromEntries(new URLSearchParams(await request.clone().text()));
      }
    } catch {
      return refused(400, 'The request’s body is not the JSON it says it is.');
    }
  }
  if (!readableCallback(body.callbackUrl) || !readableCallback(url.searchParams.get('callbackUrl') ?? undefined)) {
    return refused(400, 'callbackUrl is neither a path on this site nor an address.');
  }
  return null;
}
