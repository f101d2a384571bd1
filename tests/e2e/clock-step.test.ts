import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withDemoAppAndBrowser } from '../helpers/demo-app';
import { signedIn } from '../helpers/sign-in';

/*
 * The system clock stepped while the app ran (tests/helpers/stepped-clock.mjs): a reviewer's change
 * must still show at once. Next.js stamps cached data with the monotonic clock and Next.js's page
 * store expired tags with the wall clock; with the wall clock behind, data read in the seconds
 * before a write outlived it (lib/data-cache-handler.mjs).
 */

const STEPPED_CLOCK = path.resolve('tests/helpers/stepped-clock.mjs');

describe.each([
  ['20 s behind', -20_000, 'microsoft'],
  ['20 s ahead', 20_000, 'google'],
])('with the wall clock %s the monotonic one', (_, step, company) => {
  const running = withDemoAppAndBrowser({
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${STEPPED_CLOCK}`.trim(),
    STEPPED_CLOCK_MS: String(step),
  });

  /** Archives the first incident the page lists, moments after a visitor read both; then reads them again. */
  async function archiveFirstIncidentOf(address: string) {
    const listing = `${running.app.url}${address}`;
    const visitor = await running.browser.newPage();
    await visitor.goto(listing);
    const href = (await visitor.locator('main a[href^="/actions/"]').first().getAttribute('href'))!;
    expect((await visitor.goto(`${running.app.url}${href}`))?.status()).toBe(200);
    await visitor.close();

    const reviewer = await signedIn(running.browser, running.app.url, 'REVIEWER');
    await reviewer.page.goto(`${running.app.url}${href}`);
    await reviewer.page.getByRole('link', { name: 'History of this record' }).click();
    await reviewer.page.getByText('Archive this record').click();
    await reviewer.page.getByLabel(/Why archive it/).fill('Reported twice: a duplicate of another record.');
    await reviewer.page.getByRole('button', { name: 'Archive it' }).click();
    await reviewer.page.waitForURL(/\?archived=1/);
    await reviewer.context.close();

    const next = await running.browser.newPage();
    await next.goto(listing);
    expect(await next.locator(`main a[href="${href}"]`).count(), `the archived incident on ${address}`).toBe(0);
    expect((await next.goto(`${running.app.url}${href}`))?.status(), 'the archived incident’s page').toBe(410);
    await next.close();
  }

  it('an incident archived moments after a visitor read it leaves the company’s profile and its page at once', async () => {
    await archiveFirstIncidentOf(`/companies/${company}`);
  });

  it('one archived from the home page’s latest incidents leaves the home page at once', async () => {
    await archiveFirstIncidentOf('/');
  });
});
