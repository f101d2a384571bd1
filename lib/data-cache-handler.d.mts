import type { CacheHandler } from 'next/dist/server/lib/cache-handlers/types';

/** The types of lib/data-cache-handler.mjs (plain JavaScript, imported by Next.js itself). */
export declare function createDataCacheHandler(maxBytes: number, clock?: () => number): CacheHandler;
declare const handler: CacheHandler;
export default handler;
