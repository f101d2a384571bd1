import { describe, expect, it } from 'vitest';
import { tagsManifest } from 'next/dist/server/lib/incremental-cache/tags-manifest.external.js';
import { createDataCacheHandler } from '../../lib/data-cache-handler.mjs';

/** The entries' clock, turned by hand from now on. */
function handClock() {
  let at = performance.timeOrigin + performance.now();
  return { now: () => at, pass: (ms: number) => (at += ms) };
}

function entry(value: string, tags: string[], timestamp: number) {
  return {
    value: new Blob([value]).stream(),
    tags,
    stale: 300,
    timestamp,
    expire: 3600,
    revalidate: 60,
  };
}

async function read(handler: ReturnType<typeof createDataCacheHandler>, key: string) {
  const found = await handler.get(key, []);
  return found ? { text: await new Response(found.value).text(), revalidate: found.revalidate } : null;
}

describe('the store of cached data', () => {
  it('drops an entry begun before its tag was expired, and keeps one begun after', async () => {
    const clock = handClock();
    const handler = createDataCacheHandler(1024 * 1024, clock.now);
    const begun = clock.now();
    clock.pass(5);
    await handler.set('before', Promise.resolve(entry('old', ['record:lists'], begun)));
    await handler.set('other', Promise.resolve(entry('other', ['company:acme'], begun)));
    clock.pass(5);
    await handler.updateTags(['record:lists']);
    clock.pass(5);
    await handler.set('after', Promise.resolve(entry('new', ['record:lists'], clock.now())));

    expect(await read(handler, 'before')).toBeNull();
    expect(await read(handler, 'after')).toEqual({ text: 'new', revalidate: 60 });
    // Another tag's entry is untouched.
    expect(await read(handler, 'other')).toEqual({ text: 'other', revalidate: 60 });
    expect(await handler.getExpiration(['record:lists', 'company:acme'])).toBe(begun + 10);
    expect(await handler.getExpiration(['company:acme'])).toBe(0);
  });

  it('judges entries by its own record, whatever Next.js writes into the shared table with the wall clock', async () => {
    const clock = handClock();
    const handler = createDataCacheHandler(1024 * 1024, clock.now);
    await handler.set('before', Promise.resolve(entry('old', ['wall-clock-tag'], clock.now())));
    clock.pass(1);
    await handler.updateTags(['wall-clock-tag']);
    // What Next.js's page store writes next, in the same call, into the table the built-in store reads:
    // the wall clock's time, here a minute behind the entries' clock (stepped back since the start).
    tagsManifest.set('wall-clock-tag', { expired: Date.now() - 60_000 });
    try {
      expect(await read(handler, 'before')).toBeNull();
    } finally {
      tagsManifest.delete('wall-clock-tag');
    }
  });

  it('serves an entry whose tag was marked stale once more for a refresh, and drops it when the tag expires', async () => {
    const clock = handClock();
    const handler = createDataCacheHandler(1024 * 1024, clock.now);
    await handler.set('kept', Promise.resolve(entry('old', ['record:lists'], clock.now())));
    clock.pass(1);
    await handler.updateTags(['record:lists'], { expire: 30 });
    expect(await read(handler, 'kept')).toEqual({ text: 'old', revalidate: -1 });
    clock.pass(31_000);
    expect(await read(handler, 'kept')).toBeNull();
  });
});
