/**
 * CORS for the open-data interface: GET from anywhere, with the headers a script on another site
 * may read. A module of its own, without Next.js imports, so that the production server
 * (scripts/serve.ts) sends the same on the answers it makes itself.
 */
export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Content-Disposition, Retry-After',
} as const;
