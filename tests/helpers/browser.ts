import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser } from 'playwright-core';

/**
 * A real headless Chromium from npm (@sparticuz/chromium), so `npm test` needs nothing installed
 * outside npm. CHROMIUM_PATH points at another build (for example Debian's /usr/bin/chromium).
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? (await chromium.executablePath());
  return playwright.launch({
    executablePath,
    headless: true,
    args: [
      // --single-process (meant for serverless hosts) ends the browser when a page closes.
      ...(process.env.CHROMIUM_PATH
        ? ['--no-sandbox', '--disable-gpu']
        : chromium.args.filter((arg) => arg !== '--single-process')),
      // This machine's network is closed: keep Chromium from calling home.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}
