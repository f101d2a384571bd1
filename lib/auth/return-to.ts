/** The request header in which proxy.ts passes a signed-in page's path to its layout. */
export const PATH_HEADER = 'x-counterweight-path';

const SIGNED_IN_PAGE = /^\/(?:editor|review|admin)(?:\/[A-Za-z0-9_-]{1,100}){0,3}$/;

/**
 * Where to go after signing in: a signed-in page of this site asked for before (`/review`,
 * `/editor/donations/<id>`), never another site or anything else; null when not such a page.
 */
export function returnPath(value: unknown): string | null {
  return typeof value === 'string' && SIGNED_IN_PAGE.test(value) ? value : null;
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
