const TRACKING_PARAMETER = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|cmpid|ocid|smid|sref)$/i;

export type UrlResult = { ok: true; url: string } | { ok: false; reason: string };

/**
 * The one form a source url is stored in, so that a url cited twice is stored once: http(s) only
 * (never `javascript:` or `data:`), lower-case host, no default port, no fragment, no tracking
 * parameters, no trailing slash. Scheme and `www.` are kept: they can name different documents.
 */
export function normalizeSourceUrl(raw: string): UrlResult {
  const text = raw.trim();
  if (!text) return { ok: false, reason: 'it is empty' };
  if (text.length > 2048) return { ok: false, reason: 'it is longer than 2,048 characters' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'it is not a web address (one starts with https://)' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `only http and https addresses are accepted, not ${url.protocol}` };
  }
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') {
    return { ok: false, reason: `“${url.hostname}” is not a public host name` };
  }
  if (url.username || url.password) return { ok: false, reason: 'an address cannot carry a user name or password' };
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) {
    if (TRACKING_PARAMETER.test(name)) url.searchParams.delete(name);
  }
  let normalized = url.toString();
  if (url.pathname !== '/' && normalized.endsWith('/') && !url.search) normalized = normalized.slice(0, -1);
  if (url.pathname === '/' && !url.search) normalized = normalized.replace(/\/$/, '');
  return { ok: true, url: normalized };
}

/** The host a source is published on, without `www.`, for display and as a default publisher. */
export function sourceHost(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}
