import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatabaseWatch } from '../../lib/database/watch';

/*
 * The server asks the database again a moment after it failed to answer, so that it serves again
 * soon after the database's return (tests/e2e/outage.test.ts). The moment is timed on the monotonic
 * clock: a system clock stepped back an hour must not stop the asking for an hour.
 */

const wallClock = Date.now;
afterEach(() => {
  Date.now = wallClock;
  vi.restoreAllMocks();
});

describe('the database watch', () => {
  it('asks again a moment after a failure, even when the system clock was stepped back meanwhile', async () => {
    const query = vi.spyOn(pg.Pool.prototype, 'query');
    // Nothing listens on port 1: every question fails at once.
    const watch = new DatabaseWatch('postgresql://user:password@127.0.0.1:1/none', { downIntervalMs: 50 });
    try {
      expect(await watch.isUp()).toBe(false);
      // Within the moment, the last answer holds.
      expect(await watch.isUp()).toBe(false);
      expect(query).toHaveBeenCalledTimes(1);
      Date.now = () => wallClock() - 3_600_000;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await watch.isUp()).toBe(false);
      expect(query).toHaveBeenCalledTimes(2);
    } finally {
      await watch.close();
    }
  });
});
