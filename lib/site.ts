/** The public address of the site, for sitemaps and share links: SITE_URL, or localhost. */
export function siteUrl(): string {
  return (process.env.SITE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
}
