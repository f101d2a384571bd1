import { listTitle } from './list-titles';
import { sortedListAddress } from './pagination';

/** The public address of the site, for sitemaps and share links: SITE_URL, or localhost. */
export function siteUrl(): string {
  return (process.env.SITE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
}

/**
 * Where readers send corrections: COUNTERWEIGHT_CONTACT_EMAIL when it is an email address (shown at
 * the foot of every page and on /about), else none: the site then names no address.
 */
export function contactEmail(): string | null {
  const value = process.env.COUNTERWEIGHT_CONTACT_EMAIL?.trim();
  return value && /^[a-z0-9.!#$%'*+/=^_`{|}~-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(value) ? value : null;
}

/**
 * The feeds of a page's own records, as its metadata's alternates: a page naming its canonical
 * address replaces the layout's alternates (the feeds of everything), so it names its own.
 * `path`: the feed without its extension (/feeds/companies/salesforce), `query` what follows it
 * (?subsidiaries=1).
 */
export function feedAlternates(path: string, title: string, query = '') {
  return {
    'application/atom+xml': [{ url: `${path}.atom${query}`, title: `${title} (Atom)` }],
    'application/feed+json': [{ url: `${path}.json${query}`, title: `${title} (JSON Feed)` }],
  };
}

/** The feeds of everything, named by every page that names no feeds of its own. */
export const SITE_FEEDS = { 'application/atom+xml': '/feeds/all.atom', 'application/feed+json': '/feeds/all.json' };

/**
 * A page's canonical address, with the feeds of everything: a page's `alternates` replace the
 * layout's whole, so a page that names only its address would lose the site's feeds.
 */
export const canonicalAlternates = (address: string) => ({ canonical: address, types: SITE_FEEDS });

/**
 * A page's own address for search engines and share links. A list's is the address the page itself
 * writes for its filters, sort and page (its parameters in one order, unknown ones left out), so a
 * shared filtered list previews as that list, not the unfiltered one. The feeds of everything stay.
 */
export function listShareMetadata(address: string, title: string, description: string) {
  return {
    alternates: canonicalAlternates(address),
    openGraph: openGraph({ title: `${title} · Counterweight`, description, url: address }),
  };
}

/**
 * The metadata of a list sorted one of a few ways (agencies, organizations), named by the order
 * when it is not the usual one; a malformed address keeps the plain title and is not indexed (it
 * says what is wrong with it).
 */
export function sortedListMetadata<Sort extends string>(
  read: { ok: true; data: { sort: Sort; page: number } } | { ok: false },
  list: { what: string; path: string; usual: Sort; summary: Record<Sort, string>; description: string },
) {
  const { what, path, usual, summary, description } = list;
  if (!read.ok) return { title: what, description, robots: { index: false } };
  const { sort, page } = read.data;
  const title = listTitle(what, [sort !== usual && summary[sort]], page);
  return { title, description, ...listShareMetadata(sortedListAddress(path, sort, usual, page), title, description) };
}

type OgType = 'website' | 'article' | 'profile';

/** What the site is, in one sentence: the home page's description, and every page's without its own. */
export const SITE_DESCRIPTION =
  'A public, cited record of how companies\u2019 government contracts meet resistance: employee actions, donation responses and company statements.';

/**
 * A page's Open Graph fields over the site's own: a page's `openGraph` replaces the layout's
 * whole, so each keeps the site's name and the kind of page ("website" unless it says otherwise).
 */
export function openGraph<T extends { title?: string; description?: string; url?: string; type?: OgType }>(
  fields: T,
): T & { siteName: string; type: OgType } {
  return { siteName: 'Counterweight', ...fields, type: fields.type ?? 'website' };
}
