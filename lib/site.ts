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
