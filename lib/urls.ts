/**
 * Query parameters that say how a reader arrived, not which document they read: taken out of
 * every address. The migration 20261205040000_source_url_parameters applies the same lists to the
 * addresses stored before them; a change here needs a migration like it.
 */
const TRACKING_PARAMETER =
  /^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|mkt_tok|cmpid|ocid|smid|sref|guccounter|guce_referrer|guce_referrer_sig|__twitter_impression|ref_src|ref_url|_ga|_gl)$/;

/** Parameters that are tracking only on one publisher's site (elsewhere `s` or `t` can name a document). */
const SITE_TRACKING_PARAMETER: [site: RegExp, parameter: RegExp][] = [
  [/(^|\.)(twitter\.com|x\.com)$/, /^(s|t)$/],
  [/(^|\.)nytimes\.com$/, /^(rref|searchresultposition|action|module|pgtype|smtyp)$/],
  [/(^|\.)theguardian\.com$/, /^cmp$/],
  [/(^|\.)forbes\.com$/, /^sh$/],
  [/(^|\.)washingtonpost\.com$/, /^itid$/],
  [/(^|\.)bbc\.(co\.uk|com)$/, /^at_[a-z0-9_]+$/],
];

function isTracking(host: string, name: string): boolean {
  const key = name.toLowerCase();
  return (
    TRACKING_PARAMETER.test(key) ||
    SITE_TRACKING_PARAMETER.some(([site, parameter]) => site.test(host) && parameter.test(key))
  );
}

/**
 * The query with tracking taken out and its parameters in order of name (a repeated name keeps
 * its values' order), each kept as written: `?t=x&s=19` and `?s=20&t=y` on a tweet are one
 * address, as are `?id=1&page=2` and `?page=2&id=1`.
 */
function documentQuery(host: string, search: string): string {
  const name = (pair: string) => pair.split('=', 1)[0] ?? '';
  const pairs = search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTracking(host, name(pair)));
  pairs.sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
  return pairs.length ? `?${pairs.join('&')}` : '';
}

export type UrlResult = { ok: true; url: string } | { ok: false; reason: string };

/**
 * The one form a source url is stored in, so that a url cited twice is stored once: http(s) only
 * (never `javascript:` or `data:`), lower-case host, no default port, no fragment (but one that is
 * the page's own address, `#!/alice/status/1` or `#/reports/2019`, on older sites and apps whose
 * every document lives at one path: there it tells documents apart, and is kept), no tracking
 * parameters, the others in order of name, no empty query, no closing slash on a path (a query after
 * it or not). No space inside
 * unless `spaces` (an importer's file), when the parser writes one as %20. Scheme and `www.` are kept: they can name different documents.
 */
export function normalizeSourceUrl(raw: string, { spaces = false }: { spaces?: boolean } = {}): UrlResult {
  const text = raw.trim();
  if (!text) return { ok: false, reason: 'it is empty' };
  if (text.length > 2048) return { ok: false, reason: 'it is longer than 2,048 characters' };
  // Two addresses pasted on one line would otherwise become one broken address ("…/a%20https://…").
  // An importer whose file writes a space inside an address passes `spaces` (written then as %20).
  if (!spaces && /\s/.test(text)) {
    return { ok: false, reason: 'it holds a space, which a web address cannot: put each address on a line of its own' };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // "https://" alone starts as an address does, but names no site.
    return /^https?:\/*$/i.test(text)
      ? { ok: false, reason: 'it names no site: give the whole address (https://example.org/…)' }
      : { ok: false, reason: 'it is not a web address (one starts with https://)' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `only http and https addresses are accepted, not ${url.protocol}` };
  }
  if (isPrivateHost(url.hostname)) {
    return { ok: false, reason: `“${url.hostname}” is a local or private address, which readers cannot open` };
  }
  if (!url.hostname.includes('.') && !url.hostname.startsWith('[')) {
    return { ok: false, reason: `“${url.hostname}” is not a public host name` };
  }
  if (url.username || url.password) return { ok: false, reason: 'an address cannot carry a user name or password' };
  // A route with something in it (not "#!" or "#/" alone), its query's tracking taken out as the page's is.
  const [routePath = '', routeQuery] = /^#!?\/./.test(url.hash) ? url.hash.split(/\?(.*)/s) : [];
  const route =
    routePath && routePath + (routeQuery === undefined ? '' : documentQuery(url.hostname, `?${routeQuery}`));
  url.hash = '';
  // An empty query ("…/x?") asks for nothing: the address is the same without it.
  url.search = documentQuery(url.hostname, url.search);
  // A path's closing slash, with a query after it or not ("…/story/?lang=en" is "…/story?lang=en").
  if (url.pathname !== '/' && url.pathname.endsWith('/')) url.pathname = url.pathname.slice(0, -1);
  let normalized = url.toString();
  if (url.pathname === '/' && !url.search && !route) normalized = normalized.replace(/\/$/, '');
  // Letters outside ASCII are stored percent-encoded, up to nine characters each: the limit holds
  // for the address as stored too (a longer one would not fit the index that keeps it unique).
  if ((normalized + route).length > 2048) {
    return {
      ok: false,
      reason:
        'written as a web address (its letters outside A to Z percent-encoded), it is longer than 2,048 characters',
    };
  }
  return { ok: true, url: normalized + route };
}

/**
 * A host only the machine itself or its local network can reach: localhost and the reserved local
 * names, loopback, private, link-local and shared IPv4 ranges, IPv6 loopback, unique-local and
 * link-local addresses. A source must be one the public can open.
 */
function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || /\.(localhost|local|internal|home\.arpa)$/.test(host)) return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168)
    );
  }
  if (host.startsWith('[')) {
    const v6 = host.slice(1, -1);
    return v6 === '::1' || v6 === '::' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith('::ffff:');
  }
  return false;
}

/**
 * The forms of a normalised url that name the same document as it: over http or https, with or
 * without `www.` (itself first). A source already stored in one of them is cited again rather
 * than stored twice (lib/records/sources.ts).
 */
export function sameDocumentUrls(normalized: string): string[] {
  const match = /^https?:\/\/(?:www\.)?([^/?#]+)(.*)$/.exec(normalized);
  if (!match) return [normalized];
  const [, host, rest] = match;
  const forms = ['https', 'http'].flatMap((scheme) => [`${scheme}://${host}${rest}`, `${scheme}://www.${host}${rest}`]);
  return [normalized, ...forms.filter((form) => form !== normalized)];
}

/** The host a source is published on, without `www.`, for display and as a default publisher. */
export function sourceHost(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}

/**
 * An address as a person reads it, for a link's text: "https://example.org/new-source-éà" for the
 * stored "https://example.org/new-source-%C3%A9%C3%A0". Only letters, digits and signs beyond
 * ASCII are decoded: what could disguise the address (controls, direction marks, zero-width
 * joiners, spaces) and what would change its meaning (an encoded "/", "?" or "%") stay encoded.
 */
export function readableUrl(url: string): string {
  return url.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    let text: string;
    try {
      text = decodeURIComponent(run);
    } catch {
      return run;
    }
    return /[\p{C}\p{Z}\u0000-\u007f]/u.test(text) ? run : text;
  });
}
