import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTemporaryDataDir, startEmbeddedPostgres } from '../../lib/database/embedded';

/** Resolves to 'timed out' when the promise takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timed out'> {
  return Promise.race([promise, new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), ms))]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(path.dirname(folder), { recursive: true, force: true });
});

describe('the embedded PostgreSQL', () => {
  // A Ctrl-C in the terminal reaches PostgreSQL as well as `npm start`, which stops the server
  // first and the database after it: by then PostgreSQL may have stopped by itself.
  it('stops at once when PostgreSQL has already stopped by itself', async () => {
    const dataDir = await makeTemporaryDataDir('counterweight-stop-');
    folders.push(dataDir);
    const database = await startEmbeddedPostgres({ dataDir, database: 'scratch', persistent: false });
    const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGINT');
    for (let attempt = 0; attempt < 100 && alive(pid); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(alive(pid)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(await within(database.stop(), 3000)).toBeUndefined();
    // A throw-away cluster is still removed.
    expect(existsSync(dataDir)).toBe(false);
  });

  it('stops a running PostgreSQL and waits for it', async () => {
    const dataDir = await makeTemporaryDataDir('counterweight-stop-');
    folders.push(dataDir);
    const database = await startEmbeddedPostgres({ dataDir, database: 'scratch', persistent: false });
    const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(await within(database.stop(), 10_000)).toBeUndefined();
    expect(alive(pid)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });
});
