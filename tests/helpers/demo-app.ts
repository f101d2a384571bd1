import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
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
 * The production app, as `npm start` runs it, on a data folder of its own: a copy of the one the
 * run's global setup made with the demo data (tests/helpers/e2e-global-setup.ts), so the app
 * starts as `npm start` does after the first time. More settings in `env` if given.
 */
export async function startDemoApp(env: Record<string, string> = {}): Promise<DemoApp> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'counterweight-e2e-'));
  // `cp -a` keeps the owner too: as root, the database's files belong to a `postgres` user.
  await promisify(execFile)('cp', ['-a', `${inject('demoDataFolder')}/.`, dataDir]);
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
 * The demo app (with more settings in `env` if given) and a Chromium, started together. When one
 * fails to start, the other is stopped before the failure is told: nothing is left running.
 */
export async function startDemoAppAndBrowser(
  env: Record<string, string> = {},
): Promise<{ app: DemoApp; browser: Browser }> {
  const [app, browser] = await Promise.allSettled([startDemoApp(env), launchBrowser()]);
  if (app.status === 'fulfilled' && browser.status === 'fulfilled') return { app: app.value, browser: browser.value };
  if (browser.status === 'fulfilled') await browser.value.close();
  if (app.status === 'fulfilled') await app.value.stop();
  throw app.status === 'rejected' ? app.reason : (browser as PromiseRejectedResult).reason;
}

/**
 * The demo app (with more settings in `env` if given) and a Chromium for the tests of one `describe`:
 * both started before its tests, both stopped after them. Read them as `running.app` and
 * `running.browser` inside the tests.
 */
export function withDemoAppAndBrowser(env: Record<string, string> = {}): {
  readonly app: DemoApp;
  readonly browser: Browser;
} {
  let app: DemoApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    ({ app, browser } = await startDemoAppAndBrowser(env));
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
