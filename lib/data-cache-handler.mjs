// @ts-check
/**
 * The store behind every `'use cache'` function (next.config.js `cacheHandlers`): Next.js's own
 * in-memory store, with the record of which tags were expired kept here, on one clock.
 *
 * Why: Next.js stamps a cache entry with `performance.timeOrigin + performance.now()` when it
 * starts to compute it, and its built-in store marks a tag expired on that same clock; but in the
 * same call Next.js's page cache marks the tag again, in the same shared table, with `Date.now()`.
 * The two clocks agree when the process starts and drift apart when the system clock is stepped or
 * slewed afterwards (common on virtual machines). With the wall clock s seconds behind, an entry
 * computed in the s seconds before a write outlived the write: a record archived or merged went on
 * showing until the entry's lifetime ran out. Here the handler keeps its own record of when each tag
 * was expired, on the entries' own clock, and drops an entry whenever it began before that. (The store
 * it wraps still reads the shared table too: that can drop an entry early, which is then computed
 * again, never keep one late.)
 * docs/decisions/005-public-caching.md, addendum "One clock for expired tags".
 *
 * Plain JavaScript: Next.js imports this file itself, at build and when the server starts.
 */
import { createDefaultCacheHandler } from 'next/dist/server/lib/cache-handlers/default.js';

/** @typedef {import('next/dist/server/lib/cache-handlers/types').CacheHandler} CacheHandler */

/** The clock Next.js stamps entries with (`CacheEntry.timestamp`). */
const now = () => performance.timeOrigin + performance.now();

/**
 * A handler storing entries in memory (at most `maxBytes`, least recently used out first) that
 * judges them by its own record of expired tags.
 *
 * @param {number} maxBytes
 * @param {() => number} [clock] the entries' clock (a test may turn it by hand)
 * @returns {CacheHandler}
 */
export function createDataCacheHandler(maxBytes, clock = now) {
  const store = createDefaultCacheHandler(maxBytes);
  /** @type {Map<string, number>} when each tag was last expired: entries begun before then are gone */
  const expiredAt = new Map();
  /** @type {Map<string, number>} when each tag was last marked stale (served once more, then redone) */
  const staleAt = new Map();
  const latest = (/** @type {Map<string, number>} */ table, /** @type {string[]} */ tags) =>
    Math.max(0, ...tags.map((tag) => table.get(tag) ?? 0));
  /** Whether one of the tags was expired after the entry was begun (and that expiry has come). */
  const expiredSince = (/** @type {string[]} */ tags, /** @type {number} */ begun) => {
    const time = clock();
    return tags.some((tag) => {
      const at = expiredAt.get(tag);
      return at !== undefined && at >= begun && at <= time;
    });
  };

  return {
    async get(cacheKey, softTags) {
      const entry = await store.get(cacheKey, softTags);
      if (!entry) return undefined;
      if (expiredSince(entry.tags, entry.timestamp)) {
        await entry.value.cancel();
        return undefined;
      }
      return latest(staleAt, entry.tags) >= entry.timestamp ? { ...entry, revalidate: -1 } : entry;
    },
    set: (cacheKey, pendingEntry) => store.set(cacheKey, pendingEntry),
    async refreshTags() {
      // Nothing to fetch: the record of expired tags lives in this process.
    },
    getExpiration: async (tags) => latest(expiredAt, tags),
    async updateTags(tags, durations) {
      const at = clock();
      for (const tag of tags) {
        if (!durations) {
          expiredAt.set(tag, at);
          continue;
        }
        // revalidateTag(tag, profile): stale at once, expired when the profile's `expire` ends.
        staleAt.set(tag, at);
        if (durations.expire !== undefined) expiredAt.set(tag, at + durations.expire * 1000);
      }
    },
  };
}

/** The same size as Next.js's built-in store. */
export default createDataCacheHandler(50 * 1024 * 1024);
