import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../../lib/database/embedded';
import { startApp, waitForOutput, type AppProcess } from './app-process';

export interface DemoApp {
  url: string;
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
    stop: async () => {
      await app.interrupt();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
