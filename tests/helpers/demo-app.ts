import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { findFreePort } from '../../lib/database/embedded';
import { startApp, waitForOutput, type AppProcess } from './app-process';
import { launchBrowser } from './browser';

export interface DemoApp {
  url: string;
  /** What the app has printed so far (its structured log lines among them). */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * The production app, as `npm start` runs it, on its own empty data folder (so with the demo data),
 * with more settings in `env` if given.
 */
export async function startDemoApp(env: Record<string, string> = {}): Promise<DemoApp> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'counterweight-e2e-'));
  const port = await findFreePort();
  const app: AppProcess = startApp({ ...env, COUNTERWEIGHT_DATA_DIR: dataDir, PORT: String(port) });
  await waitForOutput(app, /running at http:\/\/localhost:\d+/, 220_000);
  return {
    url: `http://127.0.0.1:${port}`,
    output: app.output,
    stop: async () => {
      await app.interrupt();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The demo app and a Chromium for the tests of one `describe`: both started before its tests, both
 * stopped after them. Read them as `running.app` and `running.browser` inside the tests.
 */
export function withDemoAppAndBrowser(): { readonly app: DemoApp; readonly browser: Browser } {
  let app: DemoApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startDemoApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The ${what} is not started (used outside a test?).`);
    return value;
  };
  return {
    get app() {
      return started(app, 'demo app');
    },
    get browser() {
      return started(browser, 'browser');
    },
  };
}
