/** The request header in which proxy.ts passes a signed-in page's path to its layout. */
export const PATH_HEADER = 'x-counterweight-path';

const SIGNED_IN_PAGE = /^\/(?:editor|review|admin)(?:\/[A-Za-z0-9_-]{1,100}){0,3}$/;
/** A query as the site's own filters write it (`?type=COMPANY&by=<id>&page=2`): nothing that could name another address. */
const PLAIN_QUERY = /^\?[A-Za-z0-9_.%&=+-]{1,500}$/;

/**
 * Where to go after signing in: a signed-in page of this site asked for before (`/review`,
 * `/editor/donations/<id>`), with its query when that is plain (a filtered queue), never another
 * site or anything else; null when not such a page.
 */
export function returnPath(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const queryAt = value.indexOf('?');
  const path = queryAt === -1 ? value : value.slice(0, queryAt);
  const query = queryAt === -1 ? '' : value.slice(queryAt);
  return SIGNED_IN_PAGE.test(path) && (!query || PLAIN_QUERY.test(query)) ? value : null;
}

/** The sign-in page, asked to lead back to `path` when it is a signed-in page. */
export function signInAddress(path: string | null | undefined): string {
  const back = returnPath(path);
  return back ? `/sign-in?next=${encodeURIComponent(back)}` : '/sign-in';
}

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;

/** Whether a request's Cookie header carries a session (valid or not: only Auth.js can tell). */
export function hasSessionCookie(cookie: string | null | undefined): boolean {
  return Boolean(cookie && SESSION_COOKIE.test(cookie));
}
