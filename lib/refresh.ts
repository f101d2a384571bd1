import 'server-only';
import { updateTag } from 'next/cache';
import { purgeResponseCache } from './response-cache';

/**
 * After a write: expires the cached data of exactly these tags and empties the whole-page cache,
 * so that the change shows at once on every public page.
 */
export function refreshPublicPages(tags: Iterable<string>): void {
  for (const tag of new Set(tags)) updateTag(tag);
  purgeResponseCache();
}
