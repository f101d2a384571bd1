import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

/*
 * Whether another `npm start` serves a data folder, from the file it writes there
 * (lib/database/local.ts): its database's address and its process id.
 */
describe('another start on the data folder', () => {
  const folders: string[] = [];
  afterAll(async () => {
    vi.unstubAllEnvs();
    await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
  });

  /** A port just let go of: nothing listens there. */
  const closedPort = () =>
    new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });

  it('is not taken to be running when its process id is alive but its database answers nothing', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'counterweight-start-'));
    folders.push(folder);
    // A file a start left when it died with its database (a reboot): its process id is another
    // program's now (here the test runner's parent, alive).
    await fs.writeFile(
      path.join(folder, 'postgres.url'),
      `postgresql://postgres:x@127.0.0.1:${await closedPort()}/counterweight\n${process.ppid}\n`,
    );
    vi.stubEnv('COUNTERWEIGHT_DATA_DIR', folder);
    vi.resetModules();
    const { otherStartOnDataDir } = await import('@/lib/database/local');
    expect(await otherStartOnDataDir()).toBeNull();
  });

  it('is not taken to be running when there is no such file', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'counterweight-start-'));
    folders.push(folder);
    vi.stubEnv('COUNTERWEIGHT_DATA_DIR', folder);
    vi.resetModules();
    const { otherStartOnDataDir } = await import('@/lib/database/local');
    expect(await otherStartOnDataDir()).toBeNull();
  });
});
