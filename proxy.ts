import { NextResponse, type NextRequest } from 'next/server';
import { githubSignIn } from './lib/auth/github';
import { hasSessionCookie, PATH_HEADER, returnPath, signInAddress } from './lib/auth/return-to';
import { historyBySlug, historyRecordType, historySegmentOfPlural } from './lib/history-paths';
import { CORS_HEADERS } from './lib/api/cors';
import { MAX_UPLOAD_REQUEST_BYTES, UPLOAD_TOO_LARGE_ADDRESS } from './lib/upload-limit';

/*
 * With Cache Components a page starts streaming (status 200) before its own checks run, so a
 * page's notFound() can only show a "not found" page marked noindex. Malformed addresses
 * (a 5,000-character slug, a record id that cannot be one) are caught here instead, before
 * rendering, and answered with a real 404. Whether a well-formed slug exists is still the page's
 * question. The lists (/incidents, /contracts, /companies, /agencies, /organizations), which
 * visitors filter and sort with forms and links, check their own parameters and say what is wrong
 * (lib/validation/list-filters.ts, public-params.ts `readParams`), noindex; the comparison and a
 * company's profile (its timeline's kind, year and page) say what they cannot read and show the
 * rest (`readParamsLeniently`).
 */

const SLUG = /^[a-z0-9-]{1,100}$/;
const RECORD_ID = /^[a-z0-9]{20,40}$/;

/** The lists filtered with a GET form. */
const FILTER_FORMS = new Set(['/incidents', '/contracts', '/companies', '/review']);

function wellFormed(pathname: string): boolean {
  const [, section, key, ...rest] = pathname.split('/');
  if (section === 'history' && key !== undefined) {
    const [id] = rest;
    const type = historyRecordType(key);
    // A company, agency or organisation may be named by its slug there, in any case, or by another
    // name it goes by (the page leads to its id).
    return (
      rest.length === 1 &&
      type !== undefined &&
      (RECORD_ID.test(id as string) || (historyBySlug(type) && SLUG.test((id as string).toLowerCase())))
    );
  }
  if (rest.length > 0 || key === undefined) return true;
  if (section === 'companies' || section === 'agencies' || section === 'organizations') return SLUG.test(key);
  if (section === 'actions' || section === 'donations' || section === 'statements') return RECORD_ID.test(key);
  if (section === 'contracts') return RECORD_ID.test(key);
  return true;
}

/** An address whose percent-encoding does not decode (`/exports/%`, `%E0%A4%A`): the router would fail on it with a 500. */
function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/*
 * A Content-Security-Policy with a fresh script nonce on every response (docs/decisions/009). Next
 * reads the nonce from the policy on the request it renders and puts it on its own scripts; the
 * same policy goes on the response. 'strict-dynamic' lets those scripts load the build's chunks;
 * a script in the page's markup without the nonce, an inline event handler or a javascript: link
 * does not run. Styles keep 'unsafe-inline': a nonce cannot cover style attributes, which Next's own
 * error page has and which any component's style prop would write (see docs/decisions/009).
 */
const GITHUB = githubSignIn();

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${process.env.NODE_ENV === 'development' ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // GitHub sign-in (lib/auth) posts a form that Auth.js redirects to GitHub: without GitHub here,
    // Chromium blocks that redirect.
    `form-action 'self'${GITHUB ? ` ${new URL(GITHUB.baseUrl).origin}` : ''}`,
    "frame-ancestors 'none'",
    // No upgrade-insecure-requests: every address in the pages is relative, so over https there is
    // nothing to upgrade, and the policy must not depend on the request (apart from the nonce)
    // since the whole-page cache (lib/response-cache.ts) serves it again to other requests.
  ].join('; ');
}

/** 128 random bits, base64. */
function makeNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * Whether a post to the USAspending import is larger than its action is given (lib/upload-limit.ts).
 * Next reads no more than 10 MB of a request's body (the proxy's limit) and passes a larger one on cut
 * off, which the action fails on. The size is the Content-Length when the request gives one; a
 * request sent in chunks without it is measured here, by the copy of its body the proxy is given
 * (cut off at the same 10 MB, so never more than that).
 */
async function uploadTooLarge(request: NextRequest): Promise<boolean> {
  if (request.method !== 'POST' || request.nextUrl.pathname !== '/review/import') return false;
  const length = request.headers.get('content-length');
  if (length !== null) return Number(length) > MAX_UPLOAD_REQUEST_BYTES;
  return (await request.clone().arrayBuffer()).byteLength > MAX_UPLOAD_REQUEST_BYTES;
}

/**
 * The import page saying the file is too large, rather than an error page. A form the browser
 * posted is sent there (303: the browser goes on with a GET); one the page's script sent is told
 * the address the way Next.js tells it of an action's redirect, and loads it.
 */
function uploadRefused(request: NextRequest): NextResponse {
  const address = new URL(UPLOAD_TOO_LARGE_ADDRESS, request.url);
  if (request.headers.has('next-action')) {
    return new NextResponse(null, { headers: { 'x-action-redirect': `${address.pathname}${address.search};replace` } });
  }
  return NextResponse.redirect(address, 303);
}

/**
 * Whether a request says its body is larger than Next.js reads (ACTION_BODY_BYTES, for a form, a
 * route handler and this proxy alike): it would pass the first 10 MB on, cut off, for a form or
 * JSON to fail on as malformed, or worse, be read as what it is not.
 */
async function bodyTooLarge(request: NextRequest): Promise<boolean> {
  const length = request.headers.get('content-length');
  if (length !== null) return Number(length) > ACTION_BODY_BYTES;
  if (request.method === 'GET' || request.method === 'HEAD' || request.body === null) return false;
  // Sent in chunks, without its length: measured by the copy the proxy is given, cut off at 10 MB.
  return (await request.clone().arrayBuffer()).byteLength >= ACTION_BODY_BYTES;
}

/** The refusal of a body too large: under the open data, in its JSON and with its CORS header, as its other errors. */
function bodyRefused(request: NextRequest): NextResponse {
  const message = 'This request’s body is larger than the server reads (10 MB): nothing was changed.';
  if (!OPEN_DATA.test(request.nextUrl.pathname)) return postRefused(413, message);
  return NextResponse.json(
    { error: { message, issues: [] } },
    { status: 413, headers: { ...CORS_HEADERS, 'Cache-Control': 'no-store' } },
  );
}

/**
 * Whether a Server Action id names a cached function instead: Next.js numbers the functions
 * marked 'use cache' among the actions (the first bit of the id says which), and would run one
 * for anyone who posts its id, with whatever arguments they send.
 */
const cachedFunctionId = (id: string) => /^[0-9a-f]{42}$/i.test(id) && parseInt(id.slice(0, 2), 16) >> 7 === 1;

/**
 * The largest body Next.js reads as a Server Action (next.config.js `serverActions.bodySizeLimit`),
 * and holds in memory for this proxy: every post it would run as one is read here first.
 */
const ACTION_BODY_BYTES = 10 * 1024 * 1024;

/**
 * A post that Next.js would read as a Server Action and cannot run as one of the app's: the id of
 * a cached function (in the header the page's script sends, or in a form's fields), a form whose
 * multipart body does not parse, or a script's call whose arguments are not the JSON it sends them
 * as (Next.js answered each with a bare 500). Under the route
 * handlers' addresses, any action: none is sent there, and at an address no handler answers Next.js
 * would render the not-found page and run it, past the checks the pages' posts get here.
 */
async function notAnAction(request: NextRequest): Promise<boolean> {
  if (request.method !== 'POST') return false;
  const { pathname } = request.nextUrl;
  const handled = ROUTE_HANDLER.test(pathname) || pathname === '/compare/csv';
  const header = request.headers.get('next-action');
  const multipart = request.headers.get('content-type')?.toLowerCase().startsWith('multipart/form-data') ?? false;
  if (header !== null && (handled || cachedFunctionId(header))) return true;
  // A page's script sends an action's arguments as JSON text, or, with a form or a file among them,
  // as a multipart form, which Next.js reads as it does a form without the script. Every action of
  // this site takes the form it is sent from (its state and its FormData, last), so the script sends
  // a multipart form whose field "0" lists the arguments, the form last ("$K1"); or, for an action
  // that reads no argument (signing out: its id says so, and the script leaves the form out), the
  // JSON text "[]". Anything else ("[{},1]", or arguments without their form) is no call of this
  // site's, and reached the action as arguments it read as a form, failing with a 500 and an error
  // in the log.
  if (header !== null && !multipart) return !(await noArguments(request));
  if (!multipart) return false;
  const length = request.headers.get('content-length');
  // Larger, bodyTooLarge has refused it before this is asked.
  if (length !== null && !(Number(length) <= ACTION_BODY_BYTES)) return false;
  try {
    const form = await request.clone().formData();
    if (header !== null) return !endsWithForm(form.get('0'));
    // The fields Next.js finds the action by: a plain form names it in a field's name
    // ($ACTION_ID_<id>); a form with state points ($ACTION_REF_<key>) to a field whose JSON does
    // ($ACTION_<key>:0, {"id": …}), whatever the key.
    for (const name of form.keys()) {
      if (handled && name.startsWith('$ACTION_')) return true;
      const ids = name.startsWith('$ACTION_ID_')
        ? [name.slice('$ACTION_ID_'.length)]
        : name.startsWith('$ACTION_REF_')
          ? idsIn(form.get(`$ACTION_${name.slice('$ACTION_REF_'.length)}:0`))
          : [];
      if (ids.some(cachedFunctionId)) return true;
    }
    return false;
  } catch {
    // A route handler reads its own body, and refuses one it cannot read.
    return !handled;
  }
}

/** Whether the request's body is the JSON of no arguments at all: "[]". */
async function noArguments(request: NextRequest): Promise<boolean> {
  try {
    const args: unknown = JSON.parse(await request.clone().text());
    return Array.isArray(args) && args.length === 0;
  } catch {
    return false;
  }
}

/** Whether a script's arguments end with a form, as React writes it in their JSON ("$K1"). */
function endsWithForm(value: FormDataEntryValue | null): boolean {
  if (typeof value !== 'string') return false;
  try {
    const args: unknown = JSON.parse(value);
    return Array.isArray(args) && typeof args.at(-1) === 'string' && /^\$K[0-9a-f]+$/i.test(args.at(-1) as string);
  } catch {
    return false;
  }
}

/** Every action id a field holds, however its JSON is written (or miswritten). */
function idsIn(value: FormDataEntryValue | null): string[] {
  return typeof value === 'string' ? (value.match(/[0-9a-f]{42}/gi) ?? []) : [];
}

/** A post refused before any page or action sees it, said in plain text. */
function postRefused(status: number, message: string): NextResponse {
  return new NextResponse(`${message}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** The open data's addresses, whose answers (errors and redirects too) carry its CORS header. */
const OPEN_DATA = /^\/(api\/v1|exports|feeds)(\/|$)/;

/** The addresses route handlers answer (the open data, Auth.js, health), not pages. */
const ROUTE_HANDLER = /^\/(?:api|exports|feeds)\//;

/**
 * A post whose page is on another site (its Origin is not this host): a form another site made a
 * visitor's browser send. Next.js refuses such a Server Action with an error (a 500); it is refused
 * here, plainly. The host is the one Next.js compares with: the first X-Forwarded-Host a front proxy
 * sets, else Host. A post without an Origin (a script, an old browser) is left to the action, which
 * checks the session as ever; no page here takes posts from other sites.
 */
function foreignPost(request: NextRequest): boolean {
  // The route handlers (the open data and the comparison's CSV, Auth.js with its own CSRF token) answer posts themselves:
  // the open data with 405 and its CORS header, which a browser on another site is to read.
  const { pathname } = request.nextUrl;
  if (request.method !== 'POST' || ROUTE_HANDLER.test(pathname) || pathname === '/compare/csv') return false;
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || request.headers.get('host');
  try {
    return origin === 'null' || new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export async function proxy(request: NextRequest) {
  // Every request carries an id, kept from a trusted front proxy or made here, that the logs
  // (lib/log.ts) and the response repeat, so a report can be matched to its log lines.
  const incoming = request.headers.get('x-request-id');
  const requestId = incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : crypto.randomUUID();
  const policy = contentSecurityPolicy(makeNonce());
  const headers = new Headers(request.headers);
  headers.set('x-request-id', requestId);
  // Replaces whatever policy the client sent: this one is what the page is rendered with.
  headers.set('content-security-policy', policy);
  const response = foreignPost(request)
    ? postRefused(403, 'Refused: this form can only be sent from a page of this site. Nothing was changed.')
    : (await uploadTooLarge(request))
      ? uploadRefused(request)
      : (await bodyTooLarge(request))
        ? bodyRefused(request)
        : (await notAnAction(request))
          ? postRefused(400, 'This is not a form of this site, or it arrived broken: nothing was changed.')
          : answer(request, headers);
  response.headers.set('x-request-id', requestId);
  response.headers.set('content-security-policy', policy);
  return response;
}

function answer(request: NextRequest, headers: Headers): NextResponse {
  const { pathname, searchParams } = request.nextUrl;
  // No route answers /address-not-found, so Next renders the app's not-found page there, per request
  // (so with the nonce) and with a 404 status. A page at that address would not do: every page now
  // waits for the request (app/layout.tsx), so its prerendered status is 200 whatever it renders.
  const refuse = () =>
    NextResponse.rewrite(new URL('/address-not-found', request.url), { status: 404, request: { headers } });
  if (pathname.length > 1 && pathname.endsWith('/')) return withoutEndSlash(request);
  const shortcut = shortcutFor(request.nextUrl);
  if (shortcut) return NextResponse.redirect(shortcut, 307);
  if (ROUTE_HANDLER.test(pathname)) {
    // The route handlers check their own parameters and answer in JSON; only undecodable addresses stop here.
    if (decodes(pathname)) return NextResponse.next({ request: { headers } });
    // As every open-data error: readable by a script on another site, never cached.
    return NextResponse.json(
      { error: { message: 'The address is not valid percent-encoding.', issues: [] } },
      { status: 400, headers: { ...CORS_HEADERS, 'Cache-Control': 'no-store' } },
    );
  }
  if (!decodes(pathname) || pathname.length > 300) return refuse();
  // /companies/Salesforce, typed or copied from a sentence, is /companies/salesforce: one address per page.
  const named = /^\/(companies|agencies|organizations)\/([^/]+)$/.exec(pathname);
  if (named?.[2] && named[2] !== named[2].toLowerCase() && SLUG.test(named[2].toLowerCase())) {
    const lower = request.nextUrl.clone();
    lower.pathname = `/${named[1]}/${named[2].toLowerCase()}`;
    return NextResponse.redirect(lower, 308);
  }
  // /history/contracts/<id>, written as the record's own page is (/contracts/<id>): the history's address.
  const plural = /^\/history\/([a-z]+)\/([^/]+)$/.exec(pathname);
  const singular = plural && historySegmentOfPlural(plural[1]!);
  if (singular) {
    const address = request.nextUrl.clone();
    address.pathname = `/history/${singular}/${plural![2]}`;
    return NextResponse.redirect(address, 308);
  }
  if (!wellFormed(pathname)) return refuse();
  // A filter form sends its untouched fields empty (?kind=&form=&company=goo): the address to
  // share is the one without them.
  if (
    FILTER_FORMS.has(pathname) &&
    request.method === 'GET' &&
    [...searchParams.values()].some((value) => value === '')
  ) {
    const clean = request.nextUrl.clone();
    clean.search = new URLSearchParams([...searchParams].filter(([, value]) => value !== '')).toString();
    return NextResponse.redirect(clean);
  }
  // A signed-in page sends a stranger to sign in, and back here after (lib/auth/return-to.ts):
  // here, before rendering, when there is no session at all. (The layout's own redirect, for a
  // session that has ended, would stay in the browser's router cache with the layout, which every
  // signed-in page shares, and send the person back to sign in after they did.)
  if (returnPath(pathname)) {
    // With its query when that is plain (a filtered queue): back there, not to its first page.
    const address = returnPath(`${pathname}${request.nextUrl.search}`) ?? pathname;
    const reading = request.method === 'GET' || request.method === 'HEAD';
    if (reading && !hasSessionCookie(request.headers.get('cookie'))) {
      return NextResponse.redirect(new URL(signInAddress(address), request.url));
    }
    headers.set(PATH_HEADER, address);
  } else headers.delete(PATH_HEADER);
  return NextResponse.next({ request: { headers } });
}

/**
 * A record's address cut back to its kind (/actions/<id> to /actions) leads to the list of that
 * kind, with whatever query it had; the menu's "Open data" is the API's page, and its name as an
 * address leads there too. Here rather than among next.config.js's redirects, which Next.js answers
 * before this proxy, without the headers and the request id every response carries.
 */
function shortcutFor(url: NextRequest['nextUrl']): URL | null {
  const kind = /^\/(action|donation|statement)s$/.exec(url.pathname)?.[1];
  if (!kind && url.pathname !== '/open-data') return null;
  const address = new URL(url.href);
  address.pathname = kind ? '/incidents' : '/api-docs';
  if (kind) address.searchParams.set('kind', kind);
  return address;
}

/**
 * An address ending in a slash, sent to the one without (308, its method kept), as Next.js does
 * by itself unless told not to (next.config.js): here, so that an open-data address keeps its CORS
 * header on the way. Slashes at the start are one, so that the address stays on this site.
 */
function withoutEndSlash(request: NextRequest): NextResponse {
  // A plain URL: Next's own (nextUrl) writes the slash back.
  const address = new URL(request.url);
  address.pathname = `/${address.pathname.replace(/^\/+|\/+$/g, '')}`;
  const response = NextResponse.redirect(address, 308);
  if (OPEN_DATA.test(address.pathname)) response.headers.set('access-control-allow-origin', '*');
  return response;
}

export const config = {
  // Every address but the build's static files, so that every response carries a request id and
  // every page its policy (those files are never HTML: a missing one is a plain-text 404). Only
  // under /_next/static/: /_next/staticfoo is no file and gets the not-found page, which needs its
  // policy. (No page uses next/image.) Not favicon.ico: there is none, so the browser's request for
  // it gets the not-found page.
  matcher: ['/((?!_next/static/).*)'],
};
