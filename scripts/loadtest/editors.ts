// Editors for the load test: browser contexts (a real Chromium through Playwright) that sign in
// through the sign-in form and send donation responses for review in a loop. Each submission
// carries a unique marker in its text, so the database can be checked for it afterwards.
import type { Browser, Page } from 'playwright-core';

export interface Submission {
  marker: string;
  editor: number;
  started: number;
  finished: number;
  /** The app confirmed it (the form went on to /editor?submitted=donation). */
  acknowledged: boolean;
  error?: string;
}

export interface Editor {
  index: number;
  page: Page;
}

const STEP_TIMEOUT_MS = 30_000;
/** A marker is `[lt-<run>-<editor>-<n>]`; the brackets keep `-1]` from matching `-12]`. */
export const MARKER_PATTERN = '\\[lt-[a-z0-9]+-[0-9]+-[0-9]+\\]';

export async function signInEditors(
  browser: Browser,
  baseUrl: string,
  accounts: { email: string; password: string }[],
): Promise<Editor[]> {
  return Promise.all(
    accounts.map(async (account, index) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      await page.goto(`${baseUrl}/sign-in`);
      await page.getByLabel('Email').fill(account.email);
      await page.getByLabel('Password').fill(account.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/editor$/);
      return { index, page };
    }),
  );
}

async function submitOnce(page: Page, baseUrl: string, marker: string): Promise<boolean> {
  const opened = await page.goto(`${baseUrl}/editor/new/donation`);
  // An empty form the app could not give (a 503 while the database is away) is said so, not waited
  // on for the form's fields until the step's timeout.
  if (opened && !opened.ok()) {
    const heading = await page
      .locator('h1')
      .first()
      .textContent({ timeout: 1000 })
      .catch(() => null);
    throw new Error(`could not open an empty form: ${opened.status()}, headed “${heading?.trim() ?? 'nothing'}”`);
  }
  // A page answered 200 whose render met the database going away shows the error page instead.
  await page
    .getByLabel('Donor company')
    .waitFor({ timeout: 10_000 })
    .catch(async () => {
      const heading = await page
        .locator('h1')
        .first()
        .textContent({ timeout: 1000 })
        .catch(() => null);
      throw new Error(`the empty form did not show: the page is headed “${heading?.trim() ?? 'nothing'}”`);
    });
  await page.getByLabel('Donor company').fill('Salesforce');
  await page.getByLabel('Recipient organization').fill('Example Legal Aid Fund');
  await page.getByLabel('What happened').selectOption('REJECTED');
  await page.getByLabel(/^Date/).fill('2019-03');
  await page.getByLabel(/^Amount/).fill('50000');
  await page.getByLabel('The stated reason').fill(`Load test submission ${marker}.`);
  await page.getByLabel('Sources').fill(`https://example.org/loadtest/${marker.slice(1, -1)}`);
  await page.getByRole('button', { name: 'Send for review' }).click();
  const done = page.waitForURL(/\/editor\?submitted=donation/).then(() => true);
  const refused = page
    .locator('form')
    .getByRole('alert')
    .waitFor()
    .then(() => false);
  // The loser of the race times out later: keep its rejection from going unhandled.
  done.catch(() => undefined);
  refused.catch(() => undefined);
  // Neither within the wait: say where the page was left, so that a report tells a hung request
  // from an error page.
  const acknowledged = await Promise.race([done, refused]).catch(async (error: unknown) => {
    const heading = await page
      .locator('h1')
      .first()
      .textContent({ timeout: 1000 })
      .catch(() => null);
    throw new Error(
      `no answer (${String(error).split('\n')[0]?.slice(0, 60)}) at ${page.url()}, headed “${heading?.trim() ?? 'nothing'}”`,
    );
  });
  if (!acknowledged)
    throw new Error(`refused: ${(await page.locator('form').getByRole('alert').first().textContent())?.trim()}`);
  return true;
}

/** Each editor submits in a loop until `until` (on the monotonic clock, `performance.now()`); returns every attempt. */
export async function runEditors(
  editors: Editor[],
  baseUrl: string,
  runId: string,
  until: number,
  first = 0,
): Promise<Submission[]> {
  const submissions: Submission[] = [];
  await Promise.all(
    editors.map(async ({ index, page }) => {
      for (let n = first; performance.now() < until; n += 1) {
        const marker = `[lt-${runId}-${index}-${n}]`;
        const submission: Submission = {
          marker,
          editor: index,
          started: performance.now(),
          finished: 0,
          acknowledged: false,
        };
        submissions.push(submission);
        try {
          submission.acknowledged = await submitOnce(page, baseUrl, marker);
        } catch (error) {
          submission.error = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 160);
          // Give a failing app (or database) a moment before the next attempt.
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        submission.finished = performance.now();
      }
    }),
  );
  return submissions;
}
