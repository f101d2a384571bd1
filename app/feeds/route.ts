import { nothingHere, preflight } from '@/lib/api/http';

/**
 * /feeds itself, and any address deeper than a feed's (/feeds/companies/google/x.atom, the
 * catch-all routes re-export these): no feed, but JSON naming them, as every other wrong feed address answers.
 */
const noFeedHere = nothingHere(
  'No feed at this address: try /feeds/all.atom or /feeds/all.json, /feeds/companies/<slug>.atom or .json, /feeds/agencies/<slug>.atom or .json.',
);

export const GET = noFeedHere;
export const HEAD = noFeedHere;
export const OPTIONS = preflight;

// Read-only: any other method gets a JSON 405 naming the ones there are.
export { DELETE, PATCH, POST, PUT } from '@/lib/api/read-only';
