import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser, type Page, type Route } from 'playwright-core';

/**
 * A real headless Chromium from npm (@sparticuz/chromium), so `npm test` needs nothing installed
 * outside npm. CHROMIUM_PATH points at another build (for example Debian's /usr/bin/chromium).
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = await chromiumPath();
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

/**
 * The Chromium to run: CHROMIUM_PATH, or npm's, unpacked into the system's temporary folder the
 * first time. The run's global setup unpacks it before any test file may launch a browser
 * (tests/helpers/e2e-global-setup.ts): two files unpacking at once would each find the other's
 * half-written program and fail to start it (ETXTBSY), or start it without its fonts.
 */
export async function chromiumPath(): Promise<string> {
  return process.env.CHROMIUM_PATH ?? (await chromium.executablePath());
}

/**
 * Holds the page's scripts back, as a slow phone does, until the function returned is called:
 * the pages arrive and can be typed into and sent before their scripts run.
 */
export async function holdScripts(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  // Released, it lets every script through; held again, the newer hold answers first.
  await page.route('**/_next/static/**/*.js', async (route: Route) => {
    await held;
    await route.continue();
  });
  return release;
}

/**
 * Resolves once React has taken over the first element `selector` finds: the page's scripts ran
 * and hydrated it (Next.js's `window.next` is set before React starts, so it is no sign of that).
 * Name the element whose behaviour follows: parts of a page (the layout's, the page's) may hydrate
 * apart.
 */
export async function hydrated(page: Page, selector = 'main'): Promise<void> {
  await page.waitForFunction(
    (found) => {
      const element = document.querySelector(found);
      return element !== null && Object.keys(element).some((key) => key.startsWith('__reactFiber$'));
    },
    selector,
    { timeout: 30_000 },
  );
}
