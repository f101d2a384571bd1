import { nothingHere, preflight } from '@/lib/api/http';

/**
 * /exports itself, and any address deeper than a file's (/exports/actions.csv/x, its catch-all
 * route re-exports these): no file, but JSON naming them, as every other wrong export address answers.
 */
const noExportHere = nothingHere(
  'No export at this address: try /exports/actions.csv, /exports/actions.json or /exports/record.json (every list: /api-docs).',
);

export const GET = noExportHere;
export const HEAD = noExportHere;
export const OPTIONS = preflight;

// Read-only: any other method gets a JSON 405 naming the ones there are.
export { DELETE, PATCH, POST, PUT } from '@/lib/api/read-only';
