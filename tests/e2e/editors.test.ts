import fs from 'node:fs';
import type { BrowserContextOptions, Page, Route } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { decode, encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import {
  accessibilityViolations,
  errorLinksAstray,
  widerThanScreen,
  wordsBrokenAcrossLines,
} from '../helpers/accessibility';
import { demoAccount, signedIn as signIn, signInOn as signInOnPage } from '../helpers/sign-in';
import { holdScripts, hydrated } from '../helpers/browser';
import { withDemoAppAndBrowser } from '../helpers/demo-app';
import { companyNameFromFile } from '@/lib/text';

/** What the browser's drafts hold in the field `field`, one per draft. */
function draftsOf(page: Page, field: string): Promise<(string | undefined)[]> {
  return page.evaluate(
    (name) =>
      Object.entries(localStorage)
        .filter(([key]) => key.startsWith('counterweight:draft:'))
        .map(([, value]) => (JSON.parse(value) as { values: Record<string, string> }).values[name]),
    field,
  );
}

/**
 * Waits until the name box offers `name` for the whole of what was typed (the answer for a part of
 * it, typed with a pause, may come first, and the last answer would then start the list again).
 */
async function offered(page: Page, typed: string, name: string): Promise<void> {
  await page
    .getByRole('status')
    .filter({ hasText: `like “${typed}”` })
    .waitFor();
  await page.getByRole('option', { name, exact: true }).waitFor();
}

describe('editors and reviewers', () => {
  // The secret that signs session cookies, known here so that a test can write a cookie of its own.
  const authSecret = randomBytes(32).toString('hex');
  const running = withDemoAppAndBrowser({ AUTH_SECRET: authSecret });
  const SESSION_COOKIE = 'authjs.session-token';

  const signedIn = (role: string, options?: BrowserContextOptions) =>
    signIn(running.browser, running.app.url, role, options);
  const signInOn = (page: Page, role: string) => signInOnPage(page, running.app.url, role);

  /** Submits a form and waits for the confirmation, failing with the form's own message if it was refused. */
  async function sendForReview(page: Page, done: RegExp) {
    await page.getByRole('button', { name: 'Send for review' }).click();
    const refused = page.locator('form').getByRole('alert');
    await Promise.race([page.waitForURL(done), refused.waitFor()]);
    if (!done.test(page.url())) throw new Error(`the form was refused: ${await refused.textContent()}`);
  }

  /** An admin changes a company's ticker (and more) and a reviewer publishes it: someone else's change, published meanwhile. */
  async function tickerPublishedMeanwhile(
    slug: string,
    name: string,
    ticker: string,
    more: Record<string, string> = {},
  ) {
    const admin = await signedIn('ADMIN');
    await admin.page.goto(`${running.app.url}/editor/companies/${slug}`);
    await admin.page.getByLabel('Ticker').fill(ticker);
    for (const [label, value] of Object.entries(more)) await admin.page.getByLabel(label).fill(value);
    await sendForReview(admin.page, /\/editor\?submitted=company/);
    await admin.context.close();
    const reviewer = await signedIn('REVIEWER');
    await reviewer.page.goto(`${running.app.url}/review`);
    await reviewer.page.getByRole('link', { name, exact: true }).click();
    await reviewer.page.getByRole('button', { name: 'Publish' }).click();
    await reviewer.page.waitForURL(/\/review\?published=[a-z]+&record=/);
    await reviewer.context.close();
  }

  it('a session lasts eight hours from the last signed-in page, not from the sign-in', async () => {
    // The cookie as it would be seven hours after the last visit: an hour left.
    const editor = await signedIn('EDITOR');
    const sessionCookie = async () =>
      (await editor.context.cookies()).find((candidate) => candidate.name === SESSION_COOKIE)!;
    const hourLeft = Date.now() / 1000 + 60 * 60;
    await editor.context.addCookies([{ ...(await sessionCookie()), expires: hourLeft }]);
    expect((await sessionCookie()).expires).toBeLessThan(hourLeft + 1);
    // Opening a signed-in page gives it eight hours again.
    await editor.page.goto(`${running.app.url}/editor`);
    await expect
      .poll(async () => (await sessionCookie()).expires - Date.now() / 1000, { timeout: 10_000 })
      .toBeGreaterThan(7.9 * 60 * 60);
    await editor.context.close();
  });

  it('a session ends seven days after its sign-in, however busy it has been', async () => {
    // The editor's session cookie, written again as for sign-ins 6 and 8 days ago (each still within
    // its eight hours since the last visit). No session of the account has ended yet.
    const editor = await signedIn('EDITOR');
    const cookie = (await editor.context.cookies()).find((candidate) => candidate.name === SESSION_COOKIE)!;
    await editor.context.close();
    const token = (await decode({ secret: authSecret, salt: SESSION_COOKIE, token: cookie.value }))!;
    const begunDaysAgo = async (days: number) => {
      const context = await running.browser.newContext();
      const value = await encode({
        secret: authSecret,
        salt: SESSION_COOKIE,
        token: { ...token, signedInAt: Date.now() - days * 24 * 60 * 60 * 1000 },
        maxAge: 8 * 60 * 60,
      });
      await context.addCookies([{ ...cookie, value }]);
      const page = await context.newPage();
      await page.goto(`${running.app.url}/editor`);
      // Auth.js's own session endpoint says the same.
      const session = await fetch(`${running.app.url}/api/auth/session`, {
        headers: { cookie: `${SESSION_COOKIE}=${value}` },
      });
      return { context, page, session: (await session.json()) as { user?: { email?: string } } | null };
    };
    const recent = await begunDaysAgo(6);
    await recent.page.getByText(/Signed in as Demo Editor/).waitFor();
    expect(recent.session?.user?.email).toBe(demoAccount('EDITOR').email);
    await recent.context.close();
    const old = await begunDaysAgo(8);
    await old.page.waitForURL(/\/sign-in\?next=%2Feditor$/);
    expect(old.session?.user).toBeUndefined();
    await old.context.close();
  });

  it('an editor logs a donation response with a new source and a new organisation; a reviewer publishes it; a visitor sees it, and the history shows both steps', async () => {
    const editor = await signedIn('EDITOR');
    await editor.page.getByRole('link', { name: 'A donation response' }).click();
    // The name box offers the company on record, misspelt or not; the keyboard chooses it.
    const company = editor.page.getByRole('combobox', { name: 'Donor company' });
    await company.pressSequentially('salesfroce');
    await editor.page.getByRole('option', { name: 'Salesforce', exact: true }).waitFor();
    // Every state a page reaches passes the same automated audit as the public pages.
    expect(await accessibilityViolations(editor.page), 'the form, its suggestions open').toEqual([]);
    await company.press('ArrowDown');
    await company.press('Enter');
    expect(await company.inputValue()).toBe('Salesforce');
    expect(editor.page.url()).toMatch(/\/editor\/new\/donation$/);
    await editor.page.getByLabel('Recipient organization').fill('Example Legal Aid Fund');
    await editor.page.getByLabel('What happened').selectOption('REJECTED');
    await editor.page.getByLabel(/^Date/).fill('2019-03');
    await editor.page.getByLabel(/^Amount/).fill('50000');
    await editor.page.getByLabel('The stated reason').fill('The fund would not take money tied to the CBP contract.');
    await editor.page
      .getByLabel(/^Sources/)
      .fill('https://example.org/news/legal-aid-fund-rejects-gift?utm_source=feed');
    // Why, for the reviewer and, the field says, for the public history once published.
    const why = editor.page.getByLabel('Why this change');
    expect(await why.getAttribute('aria-describedby')).toBeTruthy();
    await editor.page.getByText(/shown with the change on the record’s public history/).waitFor();
    await why.fill('The fund announced it in its newsletter.');
    await sendForReview(editor.page, /\/editor\?submitted=donation/);
    await editor.page.getByText('Waiting for review').first().waitFor();
    // My work says it is a new record, not a correction of one.
    await editor.page
      .getByText(/^New: donation response · sent .+ · Waiting for review$/)
      .first()
      .waitFor();
    await editor.context.close();

    // Not public before review, on the site or in the API (asked twice: the second from the cache).
    const donationsApi = `${running.app.url}/api/v1/donations?company=salesforce`;
    expect(await (await fetch(`${running.app.url}/companies/salesforce`)).text()).not.toContain(
      'Example Legal Aid Fund',
    );
    expect(await (await fetch(donationsApi)).text()).not.toContain('Example Legal Aid Fund');
    const kept = await fetch(donationsApi);
    expect(kept.headers.get('x-counterweight-cache')).toBe('hit');
    expect(await kept.text()).not.toContain('Example Legal Aid Fund');

    const reviewer = await signedIn('REVIEWER');
    await reviewer.page.goto(`${running.app.url}/review`);
    expect(await accessibilityViolations(reviewer.page), 'the review queue').toEqual([]);
    // Named as the public pages will name it.
    await reviewer.page
      .getByRole('link', { name: 'Example Legal Aid Fund rejected $50,000 from Salesforce', exact: true })
      .click();
    await reviewer.page
      .getByRole('cell', { name: 'The fund would not take money tied to the CBP contract.' })
      .waitFor();
    await reviewer.page.getByText(/Why: The fund announced it in its newsletter\./).waitFor();
    expect(await reviewer.page.title()).toBe(
      'New donation response: Example Legal Aid Fund rejected $50,000 from Salesforce · Counterweight',
    );
    expect(await accessibilityViolations(reviewer.page), 'the change to review').toEqual([]);
    await reviewer.page.getByRole('button', { name: 'Publish' }).click();
    await reviewer.page.waitForURL(/\/review\?published=donation&record=[a-z0-9]+$/);
    // The focus starts at the confirmation, which a screen reader reads first.
    await expect
      .poll(() => reviewer.page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toMatch(/^Published: the public pages show it now\./);
    // The queue links to what was published, as the public sees it.
    expect(
      await reviewer.page
        .getByRole('status')
        .getByRole('link', { name: 'See Example Legal Aid Fund rejected $50,000 from Salesforce' })
        .getAttribute('href'),
    ).toMatch(/^\/donations\/[a-z0-9]+$/);
    await reviewer.context.close();

    // Publishing emptied the caches: the API has it at once.
    const published = await fetch(donationsApi);
    expect(published.headers.get('x-counterweight-cache')).toBeNull();
    expect(await published.text()).toContain('Example Legal Aid Fund');

    const visitor = await running.browser.newPage();
    await visitor.goto(`${running.app.url}/companies/salesforce`);
    const entry = visitor.getByRole('link', { name: 'Example Legal Aid Fund rejected $50,000 from Salesforce' });
    await entry.waitFor();
    const href = await entry.getAttribute('href');
    const donationId = href?.split('/').pop();
    expect(await visitor.getByRole('link', { name: /example\.org\/news\/legal-aid-fund-rejects-gift$/ }).count()).toBe(
      1,
    );

    await visitor.goto(`${running.app.url}/history/donation/${donationId}`);
    // Named, and linked back to the record.
    await visitor
      .getByRole('heading', { name: 'History of Example Legal Aid Fund rejected $50,000 from Salesforce', level: 1 })
      .waitFor();
    expect(await visitor.title()).toBe(
      'History of Example Legal Aid Fund rejected $50,000 from Salesforce · Counterweight',
    );
    expect(await visitor.getByRole('link', { name: 'See it as the public sees it now' }).getAttribute('href')).toBe(
      `/donations/${donationId}`,
    );
    await visitor.getByText(/Published by Demo Reviewer/).waitFor();
    await visitor.getByText(/proposed by Demo Editor: The fund announced it in its newsletter\./).waitFor();
    // What the step changed, in words: the new organisation by name.
    const changes = visitor.getByRole('table', { name: /^Step \d+: what it changed, field by field$/ }).first();
    await changes.getByRole('rowheader', { name: 'Organization', exact: true }).waitFor();
    expect(await changes.getByRole('cell', { name: /Example Legal Aid Fund/ }).count()).toBeGreaterThan(0);
    expect(await accessibilityViolations(visitor), 'the history page').toEqual([]);
    await visitor.close();
  });

  it('an editor corrects a published donation response; the citation without a url and the contract it cites are kept', async () => {
    const visitor = await running.browser.newPage();
    await visitor.goto(`${running.app.url}/companies/salesforce`);
    await visitor.getByRole('link', { name: 'RAICES rejected $250,000 from Salesforce' }).click();
    await visitor.waitForURL(/\/donations\/[a-z0-9]+$/);
    const donationUrl = visitor.url();
    await visitor.close();

    const editor = await signedIn('EDITOR');
    await editor.page.goto(donationUrl);
    await editor.page.getByRole('link', { name: 'Propose a correction' }).click();
    expect(await editor.page.getByLabel('Donor company').inputValue()).toBe('Salesforce');
    // Its title names the record, as every correction's does: two tabs are told apart.
    expect(await editor.page.title()).toBe(
      'Propose a correction to the response of Refugee and Immigrant Center for Education and Legal Services to Salesforce · Counterweight',
    );
    expect(await editor.page.getByLabel(/^Date/).inputValue()).toBe('2018-07');
    expect(await editor.page.getByLabel('Contracts it was about').inputValue()).toMatch(/^\/contracts\/[a-z0-9]+$/);
    // The report without a web address it cites is chosen in the list of such sources.
    const chosen = await editor.page
      .getByRole('group', { name: /^Citations without a web address/ })
      .evaluate((group) =>
        [...group.querySelectorAll<HTMLInputElement>('input:checked')].map((box) => box.closest('label')?.textContent),
      );
    expect(chosen).toEqual([expect.stringContaining('BuzzFeed News')]);
    await editor.page
      .getByLabel('The stated reason')
      .fill('RAICES would not take money from a company working for CBP.');
    await sendForReview(editor.page, /\/editor\?submitted=donation/);
    await editor.context.close();

    const reviewer = await signedIn('REVIEWER');
    await reviewer.page.goto(`${running.app.url}/review`);
    await reviewer.page.getByRole('link', { name: /^RAICES rejected \$250,000 from Salesforce$/ }).click();
    await reviewer.page.getByRole('button', { name: 'Publish' }).click();
    await reviewer.page.waitForURL(/\/review\?published=[a-z]+&record=/);
    await reviewer.context.close();

    const after = await running.browser.newPage();
    await after.goto(donationUrl);
    await after.getByText('RAICES would not take money from a company working for CBP.').waitFor();
    await after.getByText('BuzzFeed News').first().waitFor();
    await after
      .getByRole('link', { name: /Software and technical services for U.S. Customs and Border Protection/ })
      .first()
      .waitFor();
    await after.close();
  });

  it('an editor cites a printed report without a web address: refused until whole, then published and cited on the company’s page', async () => {
    const editor = await signedIn('EDITOR');
    await editor.page.goto(`${running.app.url}/editor/new/statement`);
    await editor.page.getByLabel(/^Company/).fill('Microsoft');
    await editor.page.getByLabel(/^What the company said or did/).selectOption('STATEMENT');
    await editor.page.getByLabel(/^Date/).fill('2018-06');
    await editor.page
      .getByLabel(/^Summary/)
      .fill(
        'Microsoft told its staff in a memo that its ICE contract did not cover separating children from their parents.',
      );
    // Folded away until wanted, and opened by keyboard.
    await editor.page.getByText('Add a citation without a web address').focus();
    await editor.page.keyboard.press('Enter');
    await editor.page.getByLabel('Publisher').fill('The Daily Planet');
    await editor.page.getByLabel('Heading').fill('Microsoft memo answers staff on ICE');
    // Kept in the browser, and put back unfolded: a draft's citation is never sent unseen.
    await expect.poll(() => draftsOf(editor.page, 'citationTitle')).toContain('Microsoft memo answers staff on ICE');
    await editor.page.goto(`${running.app.url}/editor/new/statement`);
    await editor.page.getByRole('button', { name: 'Restore the draft' }).click();
    expect(await editor.page.getByLabel('Heading').isVisible()).toBe(true);
    expect(await editor.page.getByLabel('Publisher').inputValue()).toBe('The Daily Planet');
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    // The part left out is named, and its link leads to it, unfolding the part of the form it is in
    // if it was folded away meanwhile; what was typed stays.
    await editor.page.locator('form').getByRole('alert').waitFor();
    await editor.page.getByText('Add a citation without a web address').click();
    expect(await editor.page.getByLabel('Heading').isVisible()).toBe(false);
    await editor.page
      .locator('form')
      .getByRole('alert')
      .getByRole('link', { name: /publication date is required/ })
      .click();
    const published = editor.page.getByLabel('Publication date');
    await expect.poll(() => published.evaluate((field) => field === document.activeElement)).toBe(true);
    expect(await editor.page.getByLabel('Publisher').inputValue()).toBe('The Daily Planet');
    expect(await errorLinksAstray(editor.page)).toEqual([]);
    await published.fill('June 2018');
    // (The refusal's message is still on the page until the answer comes.)
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    await editor.page.waitForURL(/\/editor\?submitted=statement/);
    await editor.context.close();

    const reviewer = await signedIn('REVIEWER');
    await reviewer.page.goto(`${running.app.url}/review`);
    await reviewer.page.getByRole('link', { name: /^Microsoft told its staff in a memo/ }).click();
    await reviewer.page.getByText('Microsoft memo answers staff on ICE · The Daily Planet · June 2018').waitFor();
    await reviewer.page.getByRole('button', { name: 'Publish' }).click();
    await reviewer.page.waitForURL(/\/review\?published=[a-z]+&record=/);
    await reviewer.context.close();

    const visitor = await running.browser.newPage();
    await visitor.goto(`${running.app.url}/companies/microsoft`);
    const entry = visitor.getByRole('listitem').filter({ hasText: 'told its staff in a memo' });
    await entry.locator('cite', { hasText: 'Microsoft memo answers staff on ICE' }).first().waitFor();
    const statement = await entry.locator('a[href^="/statements/"]').first().getAttribute('href');
    await visitor.close();

    // Archived since, it is not said to be published in its author's work as if it still were.
    const archiving = await signedIn('REVIEWER');
    await archiving.page.goto(`${running.app.url}${statement}`);
    await archiving.page.getByRole('link', { name: 'History of this record' }).click();
    await archiving.page.getByText('Archive this record').click();
    await archiving.page.getByLabel(/Why archive it/).fill('Logged here by mistake: the memo is another company’s.');
    await archiving.page.getByRole('button', { name: 'Archive it' }).click();
    await archiving.page.waitForURL(/\?archived=1/);
    await archiving.context.close();
    const author = await signedIn('EDITOR');
    await author.page.goto(`${running.app.url}/editor`);
    await author.page
      .getByRole('listitem')
      .filter({ hasText: 'Microsoft told its staff in a memo' })
      .getByText('No longer on the public pages: archived or merged into another record since (or its company was).')
      .waitFor();
    await author.context.close();
  });

  it('an editor takes every tag and employment type off an imported action, and the change reopens with none ticked', async () => {
    const editor = await signedIn('EDITOR');
    await editor.page.goto(`${running.app.url}/incidents?tag=ai&kind=action`);
    const entry = await editor.page.locator('main a[href^="/actions/"]').first().getAttribute('href');
    const form = `${running.app.url}/editor/actions/${entry?.split('/').pop()}`;
    await editor.page.goto(form);
    const ticked = (name: RegExp) => editor.page.getByRole('group', { name }).getByRole('checkbox', { checked: true });
    expect(await ticked(/^Tags/).count()).toBeGreaterThan(0);
    for (const group of [/^Tags/, /^Employment types/]) {
      while ((await ticked(group).count()) > 0) await ticked(group).first().uncheck();
    }
    await sendForReview(editor.page, /\/editor\?submitted=action/);
    // Its form, opened again, is the change waiting, with nothing ticked: not the action's own put back.
    await editor.page.goto(form);
    await editor.page.waitForURL(/\/editor\/changes\/[a-z0-9]+$/);
    await editor.page.getByRole('group', { name: /^Tags/ }).waitFor();
    expect(await ticked(/^Tags/).count(), 'tags').toBe(0);
    expect(await ticked(/^Employment types/).count(), 'employment types').toBe(0);
    // Withdrawn, it leaves the queue to the tests after.
    await editor.page.getByRole('button', { name: 'Withdraw it' }).click();
    await editor.page.waitForURL(/\/editor\?withdrawn=action/);
    await editor.context.close();
  });

  it('an editor logs an employee action naming its companies from the suggestions, by keyboard', async () => {
    const editor = await signedIn('EDITOR', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await editor.page.goto(`${running.app.url}/editor/new/action`);
    await editor.page.getByLabel('Title').fill('Walkout against a drone contract');
    await editor.page.getByLabel('What happened').fill('Workers walked out over the company’s drone contract.');
    await editor.page.getByLabel(/^Start date/).fill('2019-04');
    // A misspelt name is offered as on record and added as a line of the list; twice, each once.
    const adder = editor.page.getByRole('combobox', { name: 'Add a company on record to the list' });
    for (const [typed, name] of [
      ['palantr', 'Palantir'],
      ['amazon', 'Amazon'],
      ['palantir', 'Palantir'],
    ] as const) {
      await adder.pressSequentially(typed);
      await offered(editor.page, typed, name);
      await adder.press('ArrowDown');
      await adder.press('Enter');
      expect(await adder.inputValue()).toBe('');
    }
    // A name typed in full is added by Enter alone, as the suggestion it is.
    await adder.pressSequentially('microsoft');
    await offered(editor.page, 'microsoft', 'Microsoft');
    await adder.press('Enter');
    expect(await adder.inputValue()).toBe('');
    expect(await editor.page.getByLabel('Companies targeted').inputValue()).toBe('Palantir\nAmazon\nMicrosoft');
    // Enter with no suggestion chosen does not send the form (a form is sent as a POST).
    const posts: string[] = [];
    editor.page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    await adder.fill('Not a company');
    await adder.press('Escape');
    await adder.press('Enter');
    await adder.fill('');
    // Anything Enter had sent would have left before the suggestions' next request.
    await adder.pressSequentially('amaz');
    await offered(editor.page, 'amaz', 'Amazon');
    await adder.press('Escape');
    await adder.fill('');
    expect(posts).toEqual([]);
    // The organisations that took part, found by acronym and added the same way.
    const organizations = editor.page.getByRole('combobox', { name: 'Add an organization on record to the list' });
    await organizations.pressSequentially('RAICES');
    await offered(editor.page, 'RAICES', 'Refugee and Immigrant Center for Education and Legal Services (RAICES)');
    await organizations.press('ArrowDown');
    await organizations.press('Enter');
    expect(await organizations.inputValue()).toBe('');
    expect(await editor.page.getByLabel('Organizations that took part').inputValue()).toBe(
      'Refugee and Immigrant Center for Education and Legal Services',
    );
    const forms = editor.page.getByRole('group', { name: /^Forms of action/ });
    await forms.getByRole('checkbox', { name: 'Protest', exact: true }).check();
    await forms.getByRole('checkbox', { name: 'Strike', exact: true }).check();
    // Who took part, and the record's tags, ticked the same way.
    const workers = editor.page.getByRole('group', { name: /^Employment types/ });
    const tags = editor.page.getByRole('group', { name: /^Tags/ });
    await workers.getByRole('checkbox', { name: 'White-collar workers', exact: true }).check();
    await tags.getByRole('checkbox', { name: 'Military contracts', exact: true }).check();
    // Where it took place, a place a line.
    await editor.page.getByLabel(/^Places/).fill('Seattle, Washington, USA\nNairobi, Kenya');
    await editor.page.getByLabel(/^Sources/).fill('https://example.org/news/drone-walkout');
    expect(await accessibilityViolations(editor.page), 'the action form on a phone').toEqual([]);
    expect(await widerThanScreen(editor.page), 'the action form on a phone').toBe(0);
    // A name typed there and never chosen goes with the form too, as a line of the list, and leaves
    // the box: the "did you mean" taken for it mends the list, and the next send is not refused again.
    await adder.fill('Gogle');
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    await editor.page.getByRole('button', { name: 'Use Google' }).click();
    expect(await adder.inputValue()).toBe('');
    expect(await editor.page.getByLabel('Companies targeted').inputValue()).toBe('Palantir\nAmazon\nMicrosoft\nGoogle');
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    await editor.page.waitForURL(/\/editor\?submitted=action/);
    await editor.page
      .getByRole('link', { name: /Revise or withdraw.*Walkout against a drone contract/ })
      .first()
      .click();
    expect(await editor.page.getByLabel('Companies targeted').inputValue()).toBe('Palantir\nAmazon\nMicrosoft\nGoogle');
    expect(await editor.page.getByLabel('Organizations that took part').inputValue()).toBe(
      'Refugee and Immigrant Center for Education and Legal Services',
    );
    expect(await editor.page.getByLabel(/^Places/).inputValue()).toBe('Seattle, Washington, USA\nNairobi, Kenya');
    expect(
      await workers.getByRole('checkbox', { name: 'White-collar workers', exact: true }).isChecked(),
      'the employment type ticked',
    ).toBe(true);
    expect(
      await tags.getByRole('checkbox', { name: 'Military contracts', exact: true }).isChecked(),
      'the tag ticked',
    ).toBe(true);
    expect(await tags.getByRole('checkbox', { checked: true }).count(), 'no other tag').toBe(1);
    // Both taken off again, the change revised keeps none, and reopens with none ticked.
    await workers.getByRole('checkbox', { name: 'White-collar workers', exact: true }).uncheck();
    await tags.getByRole('checkbox', { name: 'Military contracts', exact: true }).uncheck();
    await sendForReview(editor.page, /\/editor\?submitted=action/);
    await editor.page
      .getByRole('link', { name: /Revise or withdraw.*Walkout against a drone contract/ })
      .first()
      .click();
    await workers.waitFor();
    expect(await workers.getByRole('checkbox', { checked: true }).count(), 'no employment type').toBe(0);
    expect(await tags.getByRole('checkbox', { checked: true }).count(), 'no tag').toBe(0);
    await editor.context.close();
  });

  it('a stale save takes the organisation published meanwhile into its name box, so the second save does not undo it', async () => {
    const visitor = await running.browser.newPage();
    await visitor.goto(`${running.app.url}/companies/salesforce`);
    const entry = visitor.getByRole('link', { name: 'Example Legal Aid Fund rejected $50,000 from Salesforce' });
    const form = `${running.app.url}/editor/donations/${(await entry.getAttribute('href'))?.split('/').pop()}`;
    await visitor.close();

    const editor = await signedIn('EDITOR');
    await editor.page.goto(form);
    // Typed once the form is live: text typed into the server's page before it is, the page's script
    // may find beside the value it renders.
    await hydrated(editor.page, '#reason');
    await editor.page.getByLabel('The stated reason').fill('Tied to the CBP contract, the fund said.');
    // Meanwhile the recipient is corrected and published.
    const admin = await signedIn('ADMIN');
    await admin.page.goto(form);
    await admin.page.getByLabel('Recipient organization').fill('RAICES');
    await sendForReview(admin.page, /\/editor\?submitted=donation/);
    await admin.context.close();
    const reviewer = await signedIn('REVIEWER');
    await reviewer.page.goto(`${running.app.url}/review`);
    // (Named by what it proposes.)
    await reviewer.page.getByRole('link', { name: 'RAICES rejected $50,000 from Salesforce' }).click();
    await reviewer.page.getByRole('button', { name: 'Publish' }).click();
    await reviewer.page.waitForURL(/\/review\?published=[a-z]+&record=/);

    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    const alert = editor.page.locator('form').getByRole('alert');
    await alert.getByRole('link', { name: 'Recipient organization: now their value' }).waitFor();
    expect(await editor.page.getByLabel('Recipient organization').inputValue()).toMatch(
      /^Refugee and Immigrant Center/,
    );
    expect(await editor.page.getByLabel('The stated reason').inputValue()).toBe(
      'Tied to the CBP contract, the fund said.',
    );
    // (The refusal's alert is still on the page: wait for the confirmation itself.)
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    await editor.page.waitForURL(/\/editor\?submitted=donation/);
    await editor.context.close();

    await reviewer.page.goto(`${running.app.url}/review`);
    await reviewer.page.getByRole('link', { name: 'RAICES rejected $50,000 from Salesforce' }).click();
    const diff = reviewer.page.getByRole('table');
    await diff.getByText('Tied to the CBP contract, the fund said.').waitFor();
    expect(await diff.getByRole('rowheader', { name: 'Organization' }).count()).toBe(0);
    await reviewer.context.close();
  });

  it('an editor links an employee action to the contract it opposed; the contract’s page shows it', async () => {
    const visitor = await running.browser.newPage();
    await visitor.goto(`${running.app.url}/contracts?company=amazon`);
    await visitor.locator('table a[href^="/contracts/"]').first().click();
    await visitor.waitForURL(/\/contracts\/[a-z0-9]+$/);
    const contract = new URL(visitor.url()).pathname;
    await visitor.goto(`${running.app.url}/incidents?kind=action&company=amazon&order=oldest`);
    const action = visitor.getByRole('heading', { level: 2 }).first();
    const title = (await action.textContent()) as string;
    await action.getByRole('link').click();
    await visitor.waitForURL(/\/actions\/[a-z0-9]+$/);
    const actionUrl = visitor.url();
    await visitor.close();

    const editor = await signedIn('EDITOR');
    await editor.page.goto(actionUrl);
    await editor.page.getByRole('link', { name: 'Propose a correction' }).click();
    await editor.page.getByLabel('Contracts it opposed').fill(`${running.app.url}${contract}`);
    await sendForReview(editor.page, /\/editor\?submitted=action/);
    await editor.context.close();

    const reviewer = await signedIn('REVIEWER');
    await reviewer.page.goto(`${running.app.url}/review`);
    await reviewer.page.getByRole('link', { name: title, exact: true }).first().click();
    await reviewer.page.getByRole('button', { name: 'Publish' }).click();
    await reviewer.page.waitForURL(/\/review\?published=[a-z]+&record=/);
    await reviewer.context.close();

    const after = await running.browser.newPage();
    await after.goto(`${running.app.url}${contract}`);
    await after.getByRole('link', { name: title }).first().waitFor();
    await after.close();
  });

  it('a reviewer restores the version before that correction from the history page', async () => {
    const visitor = await running.browser.newPage();
    await visitor.goto(`${running.app.url}/companies/salesforce`);
    await visitor.getByRole('link', { name: 'RAICES rejected $250,000 from Salesforce' }).click();
    await visitor.waitForURL(/\/donations\/[a-z0-9]+$/);
    const donationUrl = visitor.url();
    await visitor.getByRole('link', { name: 'History of this record' }).click();
    // Visitors read the history; only reviewers are offered to restore.
    await visitor
      .getByText(/Published by Demo Reviewer/)
      .first()
      .waitFor();
    expect(await visitor.getByText(/^Restore version/).count()).toBe(0);
    const historyUrl = visitor.url();
    await visitor.close();

    const reviewer = await signedIn('REVIEWER');
    await reviewer.page.goto(historyUrl);
    // The same page in another tab, opened before the restore.
    const other = await reviewer.context.newPage();
    await other.goto(historyUrl);
    await reviewer.page.getByText('Restore version 1').first().click();
    // Without a reason, the form says so and nothing changes.
    await reviewer.page.getByRole('button', { name: 'Restore version 1' }).click();
    // The problem is said at the top of the form, linked to its field, and under the field.
    const problem = reviewer.page.getByRole('alert').getByRole('link', { name: 'Give a reason.' });
    await problem.waitFor();
    const target = (await problem.getAttribute('href'))!.slice(1);
    expect(await reviewer.page.locator(`[id="${target}"]`).getAttribute('aria-invalid')).toBe('true');
    expect(await accessibilityViolations(reviewer.page), 'the history page, the restore refused').toEqual([]);
    await reviewer.page.getByLabel('Why restore version 1').fill('The original wording is the article’s.');
    await reviewer.page.getByRole('button', { name: 'Restore version 1' }).click();
    await reviewer.page.waitForURL(/\?restored=3$/);
    await reviewer.page.getByText(/Restored an earlier version by Demo Reviewer/).waitFor();
    await reviewer.page.getByText(/Restored version 1: The original wording is the article’s\./).waitFor();
    // The other tab restores it too: refused, and said so, though version 1, now the record's own, has
    // no form any more to say it in; the reason typed is given back.
    await other.getByText('Restore version 1').first().click();
    await other.getByLabel('Why restore version 1').fill('Back to the article.');
    await other.getByRole('button', { name: 'Restore version 1' }).click();
    const refusal = other
      .getByRole('alert')
      .filter({ hasText: 'Someone changed this record after this page was opened: nothing was done.' });
    await refusal.waitFor();
    await other.getByText('The reason you gave, not used: “Back to the article.”').waitFor();
    expect(await other.getByRole('button', { name: 'Restore version 1' }).count()).toBe(0);
    await expect.poll(() => refusal.evaluate((alert) => alert.contains(document.activeElement))).toBe(true);
    expect(await accessibilityViolations(other), 'the history page, a restore refused as stale').toEqual([]);
    await reviewer.context.close();

    const after = await running.browser.newPage();
    await after.goto(donationUrl);
    expect(await after.getByText('RAICES would not take money from a company working for CBP.').count()).toBe(0);
    await after.getByText('BuzzFeed News').first().waitFor();
    await after.close();
  });

  it('an editor adds an organisation and corrects an agency; a reviewer publishes both', async () => {
    const editor = await signedIn('EDITOR');
    await editor.page.getByRole('link', { name: 'An organization' }).click();
    // One on record already, by its acronym written out: "did you mean", with it to open, and nothing sent.
    await editor.page.getByRole('textbox', { name: /^Name/ }).fill('R.A.I.C.E.S.');
    await editor.page.getByLabel('Kind').selectOption('LEGAL_AID');
    await editor.page.getByLabel(/^Sources/).fill('https://example.org/immigrant-defense');
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    await editor.page
      .getByRole('alert')
      .getByText(/Did you mean Refugee and Immigrant Center for Education and Legal Services \(RAICES\)\?/)
      .first()
      .waitFor();
    expect(await editor.page.getByRole('textbox', { name: /^Name/ }).inputValue()).toBe('R.A.I.C.E.S.');
    await editor.page.getByRole('textbox', { name: /^Name/ }).fill('Example Immigrant Defense Project');
    // (The refusal's message stays on the page until the answer to this sending replaces it.)
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    await editor.page.waitForURL(/\/editor\?submitted=organization/);
    await editor.page.goto(`${running.app.url}/agencies/cbp`);
    await editor.page.getByRole('link', { name: 'Propose a correction' }).click();
    // By role: the page navigated from stays in the document, hidden, after a client-side navigation.
    expect(await editor.page.getByRole('combobox', { name: 'Part of' }).inputValue()).not.toBe('');
    // A long address with no place to break a line, which the agency's page wraps on a phone (below).
    await editor.page
      .getByRole('textbox', { name: 'Website' })
      .fill(
        'https://www.cbp.gov/document/CBPAnnualReportFiscalYear2018SummaryOfPerformanceAndFinancialInformation.pdf',
      );
    await editor.page.getByRole('textbox', { name: /^Other names/ }).fill('Customs and Border Protection');
    await editor.page.getByRole('textbox', { name: /^Sources/ }).fill('https://www.cbp.gov/about');
    await sendForReview(editor.page, /\/editor\?submitted=agency/);
    await editor.context.close();

    const reviewer = await signedIn('REVIEWER');
    // The queue narrowed to each: new organisations, then changes to agencies, both by the editor.
    for (const [type, what, name, other] of [
      ['ORGANIZATION', 'new', 'Example Immigrant Defense Project', 'U.S. Customs and Border Protection'],
      ['AGENCY', 'change', 'U.S. Customs and Border Protection', 'Example Immigrant Defense Project'],
    ] as const) {
      await reviewer.page.goto(`${running.app.url}/review`);
      const filters = reviewer.page.getByRole('form', { name: 'Filter the queue' });
      await filters.getByLabel('Kind').selectOption(type);
      await filters.getByLabel('New or changed').selectOption(what);
      const author = await filters.getByRole('option', { name: /^Demo Editor \(\d+\)$/ }).getAttribute('value');
      await filters.getByLabel('Submitted by').selectOption(author!);
      await filters.getByRole('button', { name: 'Show' }).click();
      await reviewer.page.waitForURL(new RegExp(`/review\\?type=${type}&what=${what}&by=${author}$`));
      await reviewer.page
        .getByRole('status')
        .getByText(/^(\d+ of the \d+ changes|The one change|All \d+ changes) waiting for review match/)
        .waitFor();
      expect(await reviewer.page.getByRole('link', { name: other }).count()).toBe(0);
      await reviewer.page.getByRole('link', { name }).click();
      await reviewer.page.getByRole('link', { name: 'Back to the filtered queue' }).waitFor();
      await reviewer.page.getByRole('button', { name: 'Publish' }).click();
      // Back to the queue as it was narrowed, which says what was published.
      await reviewer.page.waitForURL(
        new RegExp(`/review\\?type=${type}&what=${what}&by=${author}&published=[a-z]+&record=[a-z0-9]+$`),
      );
      expect(await reviewer.page.getByRole('form', { name: 'Filter the queue' }).getByLabel('Kind').inputValue()).toBe(
        type,
      );
    }
    // The agency's other name is on its page and in its history.
    await reviewer.page.goto(`${running.app.url}/agencies/cbp`);
    await reviewer.page.getByText('Also known as Customs and Border Protection').waitFor();
    const phone = await reviewer.context.newPage();
    await phone.setViewportSize({ width: 375, height: 740 });
    await phone.goto(`${running.app.url}/agencies/cbp`);
    await phone.getByRole('link', { name: /FinancialInformation\.pdf$/ }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await phone.close();
    await reviewer.page.getByRole('link', { name: 'History of this record' }).click();
    await reviewer.page
      .getByRole('row', { name: /^Other names\s+none\s+Customs and Border Protection$/ })
      .first()
      .waitFor();
    // A filter the queue cannot apply is named, with the form to choose again.
    const refused = await reviewer.page.goto(`${running.app.url}/review?type=PARTY&page=0`);
    expect(refused?.status()).toBe(200);
    // Each kind by its name, as the queue's menu says it, beside the code the address takes.
    await reviewer.page
      .getByRole('alert')
      .getByText(/The kind must be one of Donation response \(DONATION_RESPONSE\), Employee action \(EMPLOYEE_ACTION\)/)
      .waitFor();
    await reviewer.page
      .getByRole('alert')
      .getByText(/The page must be a whole number/)
      .waitFor();
    await reviewer.page.getByRole('form', { name: 'Filter the queue' }).waitFor();
    await reviewer.context.close();

    const visitor = await running.browser.newPage();
    const organization = await visitor.goto(`${running.app.url}/organizations/example-immigrant-defense-project`);
    expect(organization?.status()).toBe(200);
    await visitor.getByRole('heading', { name: 'Example Immigrant Defense Project' }).waitFor();
    await visitor.goto(`${running.app.url}/agencies/cbp`);
    await visitor
      .getByRole('link', { name: /cbp\.gov\/about/ })
      .first()
      .waitFor();
    await visitor.close();
  });

  it('refuses a second editor’s stale save and keeps what they typed', async () => {
    const first = await signedIn('EDITOR');
    const second = await signedIn('ADMIN');
    await first.page.goto(`${running.app.url}/editor/companies/microsoft`);
    await second.page.goto(`${running.app.url}/editor/companies/microsoft`);

    await first.page.getByLabel('Sector').fill('Software, cloud and games');
    await sendForReview(first.page, /\/editor\?submitted=company/);

    await second.page.getByLabel('Sector').fill('Cloud computing');
    await second.page.getByRole('button', { name: 'Send for review' }).click();
    const alert = second.page.locator('form').getByRole('alert');
    await alert.getByText(/Demo Editor has already proposed a change to this record/).waitFor();
    await alert.getByText(/Software, cloud and games/).waitFor();
    expect(await second.page.getByLabel('Sector').inputValue()).toBe('Cloud computing');
    expect(await accessibilityViolations(second.page), 'the stale save refused').toEqual([]);
    // Opened now, the form says so before anything is typed.
    const later = await second.context.newPage();
    await later.goto(`${running.app.url}/editor/companies/microsoft`);
    const notice = later
      .getByRole('status')
      .getByText(/^Demo Editor proposed a change to this record on .+, still waiting for review\. Yours can be sent/);
    await notice.waitFor();
    // Sent all the same, refused for that change, which still waits: the notice stays.
    await later.getByLabel('Sector').fill('Cloud computing and games');
    await later.getByRole('button', { name: 'Send for review' }).click();
    await later
      .locator('form')
      .getByRole('alert')
      .getByText(/Demo Editor has already proposed a change/)
      .waitFor();
    expect(await notice.isVisible()).toBe(true);
    await first.context.close();
    await second.context.close();
  });

  it('shows a stale save the change published meanwhile, merged into the form, and a second save proposes the editor’s text without undoing it', async () => {
    const editor = await signedIn('EDITOR');
    await editor.page.goto(`${running.app.url}/editor/companies/amazon`);
    await editor.page.getByLabel('Sector').fill('Retail, cloud and logistics');
    await editor.page.getByLabel('Ticker').fill('AMZN.O');
    await tickerPublishedMeanwhile('amazon', 'Amazon', 'AMZN2', { Website: 'https://www.aboutamazon.com' });

    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    const alert = editor.page.locator('form').getByRole('alert');
    await alert.getByText(/changed this record after you began this change/).waitFor();
    await alert.getByText(/proposed by Demo Admin/).waitFor();
    await alert.getByText(/^Ticker: AMZN2$/m).waitFor();
    // What the editor changed stays; the website they left alone is the one published meanwhile; the
    // ticker both changed keeps the editor's, with the other beside it.
    expect(await editor.page.getByLabel('Sector').inputValue()).toBe('Retail, cloud and logistics');
    expect(await editor.page.getByLabel('Website').inputValue()).toMatch(/^https:\/\/www\.aboutamazon\.com\/?$/);
    expect(await editor.page.getByLabel('Ticker').inputValue()).toBe('AMZN.O');
    await alert.getByRole('link', { name: 'Website: now their value' }).waitFor();
    await alert.getByRole('link', { name: 'Ticker: you both changed it' }).click();
    await editor.page.getByText(/changed this too, to “AMZN2”\. Yours is kept here/).waitFor();
    expect(await editor.page.evaluate(() => document.activeElement?.id)).toBe('ticker');
    expect(await accessibilityViolations(editor.page), 'the stale save merged').toEqual([]);
    // Having seen it, the editor saves again: proposed for review against the version now published.
    // (The first refusal's alert is still on the page: wait for the confirmation itself.)
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    await editor.page.waitForURL(/\/editor\?submitted=company/);
    await editor.context.close();

    // The reviewer sees only the editor's own changes: the website published meanwhile stays.
    const reviewer = await signedIn('REVIEWER');
    await reviewer.page.goto(`${running.app.url}/review`);
    await reviewer.page.getByRole('link', { name: 'Amazon', exact: true }).click();
    const diff = reviewer.page.getByRole('table');
    await diff.getByText('AMZN.O').waitFor();
    await diff.getByText('Retail, cloud and logistics').waitFor();
    expect(await diff.getByText(/aboutamazon/).count()).toBe(0);
    await reviewer.context.close();
  });

  it('takes down the notice of a change waiting when the form opened once a save finds it published', async () => {
    const first = await signedIn('EDITOR');
    await first.page.goto(`${running.app.url}/editor/companies/oracle`);
    await first.page.getByLabel('Sector').fill('Databases and cloud');
    await sendForReview(first.page, /\/editor\?submitted=company/);
    await first.context.close();
    const second = await signedIn('ADMIN');
    await second.page.goto(`${running.app.url}/editor/companies/oracle`);
    const waiting = second.page.getByRole('status').getByText(/still waiting for review/);
    await waiting.waitFor();
    await second.page.getByLabel('Ticker').fill('ORCL');
    const reviewer = await signedIn('REVIEWER');
    await reviewer.page.goto(`${running.app.url}/review`);
    await reviewer.page.getByRole('link', { name: 'Oracle', exact: true }).click();
    await reviewer.page.getByRole('button', { name: 'Publish' }).click();
    await reviewer.page.waitForURL(/\/review\?published=[a-z]+&record=/);
    await reviewer.context.close();
    await second.page.getByRole('button', { name: 'Send for review' }).click();
    await second.page
      .locator('form')
      .getByRole('alert')
      .getByText(/changed this record after you began this change/)
      .waitFor();
    // It waits no more: the form says what was published instead.
    expect(await waiting.isVisible()).toBe(false);
    expect(await second.page.getByLabel('Sector').inputValue()).toBe('Databases and cloud');
    await second.context.close();
  });

  it('an editor revises their change while it waits, a reviewer sees it revised; rejected, it is put right and sent again, then withdrawn', async () => {
    const editor = await signedIn('EDITOR');
    const form = `${running.app.url}/editor/companies/google`;
    await editor.page.goto(form);
    await editor.page.getByLabel('Sector').fill('Search and advertising');
    await sendForReview(editor.page, /\/editor\?submitted=company/);
    // The record's form, opened again, leads to the change waiting: it is revised, not doubled.
    await editor.page.goto(form);
    await editor.page.waitForURL(/\/editor\/changes\/[a-z0-9]+$/);
    await editor.page.getByRole('heading', { name: 'Revise your change to Google' }).waitFor();
    expect(await editor.page.title()).toBe('Revise your change to Google · Counterweight');
    expect(await editor.page.getByLabel('Sector').inputValue()).toBe('Search and advertising');
    expect(await accessibilityViolations(editor.page), 'a change to revise').toEqual([]);
    // It fits a phone, as every form does.
    await editor.page.setViewportSize({ width: 375, height: 740 });
    expect(await widerThanScreen(editor.page), 'a change to revise, on a phone').toBe(0);
    await editor.page.setViewportSize({ width: 1280, height: 800 });
    await editor.page.getByLabel('Sector').fill('Search, advertising and cloud');
    // Long words (an address pasted whole, a name without spaces) the reviewer's table must wrap on a phone.
    await editor.page
      .getByLabel('Description')
      .fill(`Described at https://example.org/${'about-google'.repeat(12)} as ${'SearchAdvertisingCloud'.repeat(4)}`);
    await sendForReview(editor.page, /\/editor\?submitted=company/);
    expect(await editor.page.getByRole('link', { name: /Revise or withdraw.*Google/ }).count()).toBe(1);

    const reviewer = await signedIn('REVIEWER');
    await reviewer.page.goto(`${running.app.url}/review`);
    await reviewer.page.getByRole('link', { name: 'Google', exact: true }).click();
    await reviewer.page.getByText(/, revised on /).waitFor();
    await reviewer.page.getByRole('table').getByText('Search, advertising and cloud', { exact: true }).waitFor();
    // What the change adds is marked by more than a tint (bold; what it removes is struck through).
    const added = reviewer.page.getByRole('table').locator('ins', { hasText: 'Search, advertising and cloud' });
    expect(await added.evaluate((mark) => Number(getComputedStyle(mark).fontWeight))).toBeGreaterThanOrEqual(600);
    await reviewer.page.setViewportSize({ width: 375, height: 740 });
    const region = reviewer.page.getByRole('region', { name: 'What the change does, field by field' });
    expect(
      await region.evaluate((box) => box.scrollWidth - box.clientWidth),
      'the change on a phone: its words wrap',
    ).toBeLessThanOrEqual(1);
    await reviewer.page.setViewportSize({ width: 1280, height: 800 });
    // Revised again while the reviewer reads it: the decision is refused, and the page then shows
    // the change as it now is, so that the next decision (what was seen goes with it) is taken.
    await editor.page.getByRole('link', { name: /Revise or withdraw.*Google/ }).click();
    await editor.page
      .getByLabel('Description')
      .fill(`Described again at https://example.org/${'about-google'.repeat(12)}`);
    await sendForReview(editor.page, /\/editor\?submitted=company/);
    // Another window left open on the change, to be revised once the reviewer has decided.
    const late = await signedIn('EDITOR');
    const changeHref = await editor.page.getByRole('link', { name: /Revise or withdraw.*Google/ }).getAttribute('href');
    await late.page.goto(`${running.app.url}${changeHref}`);
    await late.page.getByRole('heading', { name: 'Revise your change to Google' }).waitFor();
    await reviewer.page.getByLabel(/Why it cannot be published/).fill('Cite where the sector comes from.');
    await reviewer.page.getByRole('button', { name: 'Reject' }).click();
    await reviewer.page
      .getByRole('alert')
      .getByText(/revised this change while you were reading it/)
      .waitFor();
    await expect.poll(() => reviewer.page.getByRole('table').textContent()).toContain('Described again at');
    expect(await reviewer.page.getByLabel(/Why it cannot be published/).inputValue()).toBe(
      'Cite where the sector comes from.',
    );
    await reviewer.page.getByRole('button', { name: 'Reject' }).click();
    await reviewer.page.waitForURL(/\/review\?rejected=1/);
    await reviewer.context.close();

    // The revision sent from that window is told what became of the change, and led to it; what was typed stays.
    await late.page.getByLabel('Sector').fill('Typed after the decision');
    await late.page.getByRole('button', { name: 'Send for review' }).click();
    const told = late.page.getByRole('alert');
    await told
      .getByText(/rejected this change meanwhile \(“Cite where the sector comes from\.”\): nothing was saved/)
      .waitFor();
    expect(
      await told.getByRole('link', { name: 'Open the change as it is now (in a new tab)' }).getAttribute('href'),
    ).toBe(changeHref);
    expect(await late.page.getByLabel('Sector').inputValue()).toBe('Typed after the decision');
    await late.context.close();

    await editor.page.goto(`${running.app.url}/editor`);
    await editor.page.getByText(`From ${demoAccount('REVIEWER').name}: Cite where the sector comes from.`).waitFor();
    await editor.page.getByRole('link', { name: /Put it right and send it again.*Google/ }).click();
    await editor.page.getByRole('heading', { name: 'Send your change to Google again' }).waitFor();
    expect(await editor.page.getByLabel('Sector').inputValue()).toBe('Search, advertising and cloud');
    const sources = editor.page.getByLabel(/^Sources/);
    await sources.fill(`${await sources.inputValue()}\nhttps://abc.xyz/investor/`);
    await sendForReview(editor.page, /\/editor\?submitted=company/);
    // The rejected one says it went again, since it offers no way on any more.
    await editor.page
      .getByRole('listitem')
      .filter({ hasText: /Rejected on .+ · sent again as a new change/ })
      .getByText(`From ${demoAccount('REVIEWER').name}: Cite where the sector comes from.`)
      .waitFor();
    // The reviewer sees it was rejected before, why, and what was put right since.
    const again = await signedIn('REVIEWER');
    await again.page.goto(`${running.app.url}/review`);
    await again.page.getByRole('link', { name: 'Google', exact: true }).click();
    const earlier = again.page.getByRole('region', { name: 'Sent again' });
    await earlier
      .getByText(
        /^An earlier sending was rejected by Demo Reviewer on .+, because: “Cite where the sector comes from\.”$/,
      )
      .waitFor();
    const since = earlier.getByRole('table', { name: 'What the editor changed since' });
    await since.getByText(/abc\.xyz\/investor/).waitFor();
    expect(await since.getByRole('row').count()).toBe(2);
    await again.context.close();

    // Sent again, it waits as a new change; withdrawn, it leaves the queue and can be sent once more.
    // Reopened as sent (its sources on two lines, sent by the browser as CRLF), the form keeps no
    // draft until something is typed.
    await editor.page.getByRole('link', { name: /Revise or withdraw.*Google/ }).click();
    await editor.page.getByRole('heading', { name: 'Revise your change to Google' }).waitFor();
    await hydrated(editor.page, '#sector');
    await editor.page.waitForTimeout(800);
    const drafts = () =>
      editor.page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('counterweight:draft:')));
    expect(await drafts()).toEqual([]);
    // What was typed into it and not sent goes with it: the browser's draft is forgotten.
    await editor.page.getByLabel('Sector').fill('Typed, then withdrawn');
    await expect.poll(drafts).toHaveLength(1);
    // Even when the server takes its time: leaving the field for the button fires its change event,
    // which must not keep the draft again as unsent while the withdrawal is under way.
    const slowly = async (route: Route) => {
      if (route.request().method() === 'POST') await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    };
    await editor.page.route('**/editor/**', slowly);
    await editor.page.getByRole('button', { name: 'Withdraw it' }).click();
    await editor.page.waitForURL(/\/editor\?withdrawn=company&draft=sent&record=[a-z0-9]+$/);
    await editor.page.unroute('**/editor/**', slowly);
    await editor.page.getByText(/Withdrawn: it has left the review queue/).waitFor();
    await expect.poll(drafts).toEqual([]);
    expect(await editor.page.getByRole('link', { name: /Revise or withdraw.*Google/ }).count()).toBe(0);
    // The withdrawn one can be sent again (nothing was wrong with it); the rejected one was, once,
    // and is not offered again.
    expect(await editor.page.getByRole('link', { name: /Put it right and send it again.*Google/ }).count()).toBe(0);
    await editor.page.getByRole('link', { name: /^Send it again.*Google/ }).click();
    await editor.page.getByRole('heading', { name: 'Send your change to Google again' }).waitFor();
    expect(await editor.page.getByLabel('Sector').inputValue()).toBe('Search, advertising and cloud');
    expect(await editor.page.getByText(/This browser kept a draft/).count()).toBe(0);
    // My work comes in pages; an address asking for a page that is not there says so.
    await editor.page.goto(`${running.app.url}/editor?page=0`);
    await editor.page
      .getByRole('alert')
      .getByText(/The page must be a whole number/)
      .waitFor();
    await editor.page.goto(`${running.app.url}/editor?page=99`);
    await editor.page.getByText(/There is no page 99 of this list/).waitFor();
    await editor.context.close();
  });

  it('keeps an unsent change to a record; restored after the record changed, it is shown that change before it is saved', async () => {
    const editor = await signedIn('EDITOR');
    const form = `${running.app.url}/editor/companies/palantir`;
    await editor.page.goto(form);
    const published = await editor.page.getByLabel('Sector').inputValue();
    await editor.page.getByLabel('Sector').fill('Data analytics for governments');
    await expect.poll(() => draftsOf(editor.page, 'sector')).toEqual(['Data analytics for governments']);
    await editor.page.close();

    // Meanwhile another change to the record is published.
    await tickerPublishedMeanwhile('palantir', 'Palantir', 'PLTR9');

    const again = await editor.context.newPage();
    // A link made to look like the confirmation of this form's change forgets nothing: nothing was sent.
    const palantir = (await (await fetch(`${running.app.url}/api/v1/companies/palantir`)).json()) as {
      data: { id: string };
    };
    await again.goto(`${running.app.url}/editor?submitted=company&draft=sent&record=${palantir.data.id}`);
    await again.getByText('Sent for review.').waitFor();
    await hydrated(again, 'main h1');
    await again.waitForTimeout(300);
    expect(
      await again.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('counterweight:draft:'))),
    ).toHaveLength(1);
    await again.goto(form);
    await again.getByText(/This browser kept a draft of this form you had not sent/).waitFor();
    await again.getByText(/The record has changed since/).waitFor();
    expect(await again.getByLabel('Sector').inputValue()).toBe(published);
    expect(await again.getByLabel('Ticker').inputValue()).toBe('PLTR9');
    await again.getByRole('button', { name: 'Restore the draft' }).click();
    expect(await again.getByLabel('Sector').inputValue()).toBe('Data analytics for governments');
    // Refused first for another reason (a name left empty), the draft still goes against its version.
    const name = again.getByLabel(/^Name/).first();
    const typedName = await name.inputValue();
    await name.fill('');
    await again.getByRole('button', { name: 'Send for review' }).click();
    await again.locator('form').getByRole('alert').first().waitFor();
    expect(await again.getByText(/changed this record after you began this change/).count()).toBe(0);
    await name.fill(typedName);
    // The draft was typed before the new ticker: sent, it is refused and the change shown.
    await again.getByRole('button', { name: 'Send for review' }).click();
    const alert = again.locator('form').getByRole('alert');
    await alert.getByText(/changed this record after you began this change/).waitFor();
    await alert.getByText(/^Ticker: PLTR9$/m).waitFor();
    expect(await again.getByLabel('Sector').inputValue()).toBe('Data analytics for governments');
    // The draft kept what the record held when it was typed: the ticker it left alone takes the new one.
    expect(await again.getByLabel('Ticker').inputValue()).toBe('PLTR9');
    await again.getByRole('button', { name: 'Send for review' }).click();
    await again.waitForURL(/\/editor\?submitted=company&draft=sent&record=[a-z0-9]+$/);
    await again.getByText('Sent for review.').waitFor();
    // Sent, the draft is forgotten.
    await again.goto(form);
    await hydrated(again, '#sector');
    await again.waitForTimeout(300);
    expect(await again.getByText(/This browser kept a draft/).count()).toBe(0);
    await editor.context.close();
  });

  it('restores a draft into the change another tab sent since, keeping the fields the draft did not touch', async () => {
    const editor = await signedIn('EDITOR');
    const form = `${running.app.url}/editor/companies/cisco`;
    // One tab types a sector and is left unsent; another, opened on the record too, sends a ticker.
    await editor.page.goto(form);
    await editor.page.getByLabel('Sector').fill('Networking equipment');
    await expect.poll(() => draftsOf(editor.page, 'sector')).toContain('Networking equipment');
    const other = await editor.context.newPage();
    await other.goto(form);
    await other.getByLabel('Ticker').fill('CSCO');
    await sendForReview(other, /\/editor\?submitted=company/);
    // The first tab's save is refused (one change per record at a time); its draft stays.
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    await editor.page
      .locator('form')
      .getByRole('alert')
      .getByText(/You already have a change to this record waiting for review/)
      .waitFor();
    await editor.page.close();
    // Revising the change, the draft is offered; restored, it sets the sector and leaves the ticker sent.
    await other.getByRole('link', { name: /Revise or withdraw.*Cisco/ }).click();
    await other.getByText(/This browser kept a draft of this form you had not sent/).waitFor();
    await other.getByRole('button', { name: 'Restore the draft' }).click();
    expect(await other.getByLabel('Sector').inputValue()).toBe('Networking equipment');
    expect(await other.getByLabel('Ticker').inputValue()).toBe('CSCO');
    await sendForReview(other, /\/editor\?submitted=company/);
    const revise = (await other.getByRole('link', { name: /Revise or withdraw.*Cisco/ }).getAttribute('href'))!;
    // A draft typed on the change (its description), left; the change revised since in another tab
    // (its ticker): restored, the draft puts back its description only, not the ticker it opened with.
    const first = await editor.context.newPage();
    await first.goto(`${running.app.url}${revise}`);
    await first.getByLabel('Description').fill('Makes routers and switches.');
    await expect.poll(() => draftsOf(first, 'description')).toContain('Makes routers and switches.');
    await first.close();
    const second = await editor.context.newPage();
    await second.goto(`${running.app.url}${revise}`);
    // (The first tab's draft is offered here, and left waiting.)
    await second.getByRole('button', { name: 'Restore the draft' }).waitFor();
    await second.getByLabel('Ticker').fill('CSCO2');
    await sendForReview(second, /\/editor\?submitted=company/);
    await second.goto(`${running.app.url}${revise}`);
    await second.getByRole('button', { name: 'Restore the draft' }).click();
    expect(await second.getByLabel('Description').inputValue()).toBe('Makes routers and switches.');
    expect(await second.getByLabel('Ticker').inputValue()).toBe('CSCO2');
    await second.getByRole('button', { name: 'Withdraw it' }).click();
    await second.waitForURL(/\/editor\?withdrawn=company/);
    await editor.context.close();
  });

  it('a file too large to upload is refused on the page, with or without its script, sent whole or in chunks', async () => {
    const large = { name: 'large.csv', mimeType: 'text/csv', buffer: Buffer.alloc(12.5 * 1024 * 1024, 'a') };
    const refusedHere = async (page: Page) => {
      await page.waitForURL(/\/review\/import\?refused=too-large$/);
      const refusal = page.getByRole('alert').filter({ hasText: 'The file is too large to upload.' });
      await refusal.getByText('Files over 9 MB are imported on the server').waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('import-refusal');
      const box = page.getByLabel(/Prime Award Summaries file/);
      expect(await box.getAttribute('aria-describedby')).toContain('import-refusal');
      expect(
        await page
          .getByRole('status')
          .filter({ hasText: /rows read/ })
          .count(),
      ).toBe(0);
    };
    // Without the page's script, nothing checks the size before the browser sends it.
    const unscripted = await signedIn('REVIEWER', { javaScriptEnabled: false });
    await unscripted.page.goto(`${running.app.url}/review/import`);
    await unscripted.page.getByLabel(/Prime Award Summaries file/).setInputFiles(large);
    await unscripted.page.getByRole('button', { name: 'Import' }).click();
    await refusedHere(unscripted.page);
    // The same form sent in chunks, without a length: measured, not cut off into a broken form.
    const fields = new FormData();
    for (const input of await unscripted.page.locator('form input[type=hidden]').all()) {
      fields.append((await input.getAttribute('name'))!, (await input.getAttribute('value')) ?? '');
    }
    fields.append('file', new Blob([large.buffer], { type: 'text/csv' }), large.name);
    const encoded = new Response(fields);
    const cookie = (await unscripted.context.cookies()).map(({ name, value }) => `${name}=${value}`).join('; ');
    const chunked = await fetch(`${running.app.url}/review/import`, {
      method: 'POST',
      headers: { cookie, 'content-type': encoded.headers.get('content-type')! },
      body: encoded.body,
      duplex: 'half',
      redirect: 'manual',
    } as RequestInit);
    expect(chunked.status).toBe(303);
    expect(chunked.headers.get('location')).toMatch(/\/review\/import\?refused=too-large$/);
    await unscripted.context.close();

    // With it, the size is said beside the field as soon as the file is chosen; sent anyway (the
    // browser's check undone), the page says so as well, not an error page.
    const reviewer = await signedIn('REVIEWER');
    await reviewer.page.goto(`${running.app.url}/review/import`);
    await hydrated(reviewer.page, '#file');
    const box = reviewer.page.getByLabel(/Prime Award Summaries file/);
    await box.setInputFiles(large);
    await reviewer.page
      .locator('#file-too-large')
      .getByText(/This file is over 9 MB, too large to upload/)
      .waitFor();
    expect(await box.getAttribute('aria-describedby')).toBe('file-hint file-too-large');
    await box.evaluate((input: HTMLInputElement) => input.setCustomValidity(''));
    await reviewer.page.getByRole('button', { name: 'Import' }).click();
    await refusedHere(reviewer.page);
    await reviewer.context.close();
  });

  it('a reviewer imports a USAspending file from the browser, a wrong file is refused, an editor cannot import', async () => {
    const reviewer = await signedIn('REVIEWER');
    await reviewer.page.goto(`${running.app.url}/review/import`);
    // A file over the limit is said to be so when chosen, and not sent (the server would cut it off).
    const box = reviewer.page.getByLabel(/Prime Award Summaries file \(CSV, up to 9 MB\)/);
    await hydrated(reviewer.page, '#file');
    // No file chosen: said in the page's own message, which takes the focus, as every form's missing field is.
    await reviewer.page.getByRole('button', { name: 'Import' }).click();
    const noFile = reviewer.page.getByRole('alert').filter({ hasText: 'Choose a file.' });
    await noFile.getByText('Choose the CSV file USAspending gave you.').waitFor();
    await expect.poll(() => noFile.evaluate((alert) => alert === document.activeElement)).toBe(true);
    await box.setInputFiles({ name: 'large.csv', mimeType: 'text/csv', buffer: Buffer.alloc(9.5 * 1024 * 1024, 'a') });
    expect(await box.evaluate((input: HTMLInputElement) => input.validationMessage)).toBe(
      'This file is over 9 MB, too large to upload: ask whoever runs the site to import it on the server (npm run import:usaspending).',
    );
    await reviewer.page
      .getByLabel(/Prime Award Summaries file/)
      .setInputFiles('tests/fixtures/usaspending/not-usaspending.csv');
    await reviewer.page.getByRole('button', { name: 'Import' }).click();
    await reviewer.page
      .getByRole('alert')
      .filter({ hasText: /nothing|not a|Prime Award/i })
      .first()
      .waitFor();
    // A damaged file (a row one field short): the problem is said once, listed, and the refusal takes the focus.
    const fixture = fs.readFileSync('tests/fixtures/usaspending/contracts.csv', 'utf8');
    const damaged = fixture.replace(',,1250000.50,3000000,', ',1250000.50,3000000,');
    expect(damaged).not.toBe(fixture);
    await reviewer.page
      .getByLabel(/Prime Award Summaries file/)
      .setInputFiles({ name: 'damaged.csv', mimeType: 'text/csv', buffer: Buffer.from(damaged) });
    await reviewer.page.getByRole('button', { name: 'Import' }).click();
    const refusal = reviewer.page.getByRole('alert').filter({ hasText: /nothing was imported/ });
    await refusal.waitFor();
    expect(await refusal.getByRole('listitem').count()).toBe(1);
    // The problem itself once, in the list, not also run into the message above it.
    expect((await refusal.textContent())?.match(/line 2: the row has/g)).toHaveLength(1);
    expect(await reviewer.page.evaluate(() => document.activeElement?.id)).toBe('import-refusal');
    expect(await reviewer.page.getByLabel(/Prime Award Summaries file/).getAttribute('aria-invalid')).toBe('true');

    await reviewer.page
      .getByLabel(/Prime Award Summaries file/)
      .setInputFiles('tests/fixtures/usaspending/contracts.csv');
    // Checked first: what importing it would do, said as the import says it, and nothing written.
    await reviewer.page.getByRole('button', { name: 'Check only' }).click();
    const checked = reviewer.page.getByRole('status').filter({ hasText: /Checked only: nothing was imported/ });
    await checked.waitFor();
    // The report takes the focus (the button pressed was disabled while the file was read).
    await expect.poll(() => checked.evaluate((box) => box === document.activeElement)).toBe(true);
    const wouldGive = (await checked.textContent())!.match(/8 rows read: (\d+) contracts created/);
    expect(wouldGive).not.toBeNull();
    await checked.getByText(/recipients match no company: importing the file puts them on the list/).waitFor();
    await checked.getByRole('listitem').filter({ hasText: 'SALESFORCE, INC.' }).waitFor();
    expect(await accessibilityViolations(reviewer.page), 'the report of a check').toEqual([]);
    // The file checked stays chosen, to be imported as it is.
    await expect.poll(() => box.evaluate((input: HTMLInputElement) => input.files?.[0]?.name)).toBe('contracts.csv');
    await reviewer.page.getByRole('button', { name: 'Import' }).click();
    const report = reviewer.page.getByRole('status').filter({ hasText: /rows read/ });
    await report.waitFor();
    await expect.poll(() => report.textContent()).not.toMatch(/Checked only/);
    // The check created nothing: the import creates what the check said it would.
    expect(await report.textContent()).toContain(`8 rows read: ${wouldGive![1]} contracts created`);
    expect(await report.textContent()).toMatch(/8 rows read: \d+ contracts created/);
    // The recipients that matched no company wait on a list kept between imports (the page's own,
    // brought up to date with the answer), each leading to the form that links it, filled in.
    await report
      .getByText(/recipients match no company: they are on the list of recipients waiting for a company/)
      .waitFor();
    const waiting = reviewer.page.getByRole('region', { name: 'Recipients waiting for a company' });
    const salesforce = waiting.getByRole('listitem').filter({ hasText: 'SALESFORCE, INC.' });
    expect(
      await salesforce.getByRole('link', { name: 'Salesforce: add it to its other names' }).getAttribute('href'),
    ).toBe('/editor/companies/salesforce?alias=SALESFORCE%2C+INC.');
    // The summary adds up to the rows read: the rows not imported are counted, with why.
    const summary = (await report.textContent())!.match(
      /(\d+) rows read: (\d+) contracts created, (\d+) updated, (\d+) unchanged, (\d+) not imported \((\d+) whose recipient matches no company, 1 whose values contradict each other\)\./,
    );
    const [read, created, updated, unchanged, notImported, unmatched] = summary!.slice(1).map(Number);
    expect(created! + updated! + unchanged! + notImported!).toBe(read);
    expect(notImported).toBe(unmatched! + 1);
    // Which company imported rows went to is listed only when some were (none of the demo's names
    // is the file's recipients'; the integration tests list them).
    expect(await report.getByText('Recipients imported, and the company each one’s rows went to:').count()).toBe(
      read! > notImported! ? 1 : 0,
    );
    // The row not imported for its values says which and why.
    await report.getByText(/^Line \d+, award CONT_AWD_SYNTHETIC\d+_[^:]+: ./).waitFor();
    expect(await accessibilityViolations(reviewer.page), 'the import report').toEqual([]);
    // The list is there for whoever comes next; its links open the forms filled in.
    await reviewer.page.goto(`${running.app.url}/review/import`);
    await salesforce.getByRole('link', { name: 'Salesforce: add it to its other names' }).click();
    await reviewer.page.waitForURL(/\/editor\/companies\/salesforce\?alias=/);
    expect(await reviewer.page.getByLabel(/^Other names to add/).inputValue()).toBe('SALESFORCE, INC.');
    expect(await reviewer.page.getByLabel(/^Name/).inputValue()).toBe('Salesforce');
    await reviewer.page.goto(`${running.app.url}/review/import`);
    const first = waiting.getByRole('listitem').first();
    const recipient = (await first.locator('.font-medium').textContent())!;
    await first.getByRole('link', { name: /add (the|a) company/ }).click();
    await reviewer.page.waitForURL(/\/editor\/new\/company\?name=/);
    // Named as a page writes it, the file's spelling kept among its other names for the rows to find it.
    expect(await reviewer.page.getByLabel(/^Name/).inputValue()).toBe(companyNameFromFile(recipient));
    expect(await reviewer.page.getByLabel(/^Other names to add/).inputValue()).toBe(
      companyNameFromFile(recipient) === recipient ? '' : recipient,
    );
    expect(await reviewer.page.getByLabel(/^Sources/).inputValue()).toMatch(
      /^https:\/\/www\.usaspending\.gov\/award\//,
    );
    // A recipient the record does not follow is set aside, off the list of work to do, and put back.
    await reviewer.page.goto(`${running.app.url}/review/import`);
    await waiting.getByRole('button', { name: `Set aside: not followed (${recipient})` }).click();
    // Said, where the lists are, and the focus there (the button left with the line it moved).
    const said = waiting.getByRole('status').filter({ hasText: `“${recipient}” set aside` });
    await said.waitFor();
    expect(await said.evaluate((box) => box === document.activeElement)).toBe(true);
    const setAside = waiting.getByRole('list', { name: 'Set aside: recipients the record does not follow' });
    await setAside
      .getByRole('listitem')
      .filter({ hasText: recipient })
      .getByText(/set aside .* by /)
      .waitFor();
    expect(await waiting.getByRole('button', { name: `Set aside: not followed (${recipient})` }).count()).toBe(0);
    await setAside.getByRole('button', { name: `Put back on the list (${recipient})` }).click();
    await waiting.getByRole('button', { name: `Set aside: not followed (${recipient})` }).waitFor();
    expect(await setAside.count()).toBe(0);
    // A file imported since brings the lists up to date: what was said of them before is taken down.
    await waiting
      .getByRole('status')
      .filter({ hasText: `“${recipient}” put back` })
      .waitFor();
    await reviewer.page
      .getByLabel(/Prime Award Summaries file/)
      .setInputFiles('tests/fixtures/usaspending/contracts.csv');
    await reviewer.page.getByRole('button', { name: 'Import' }).click();
    await report.waitFor();
    await waiting
      .getByRole('status')
      .filter({ hasText: /put back/ })
      .waitFor({ state: 'detached' });
    await reviewer.context.close();

    // An editor may not import.
    const editor = await signedIn('EDITOR');
    const refused = await editor.page.goto(`${running.app.url}/review/import`);
    expect(refused?.status()).toBe(403);
    await editor.page
      .getByRole('alert')
      .getByText(/Only reviewers and administrators can open this page/)
      .waitFor();
    expect(await editor.page.getByRole('button', { name: /Import/ }).count()).toBe(0);
    // A correction page for a record nobody has: the not-found page, with its 404.
    const missing = await editor.page.goto(`${running.app.url}/editor/companies/no-such-company-xyz`);
    expect(missing?.status()).toBe(404);
    await editor.page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await editor.context.close();
  });

  it('a role change takes effect at once on an open session', async () => {
    const reviewer = await signedIn('REVIEWER');
    await reviewer.page.goto(`${running.app.url}/review`);
    await reviewer.page.getByRole('heading', { name: 'Review queue' }).waitFor();

    const admin = await signedIn('ADMIN');
    await admin.page.goto(`${running.app.url}/admin`);
    await admin.page.getByLabel(`Role of ${demoAccount('REVIEWER').email}`).selectOption('EDITOR');
    await admin.page
      .getByRole('row', { name: new RegExp(demoAccount('REVIEWER').email) })
      .getByRole('button', { name: 'Change role' })
      .click();
    await admin.page.waitForURL(/\/admin\?saved=role&account=[a-z0-9]+#accounts$/);
    // Said among the accounts, where the page opens, naming whose role it was.
    const roleSaid = admin.page
      .getByRole('region', { name: 'Accounts', exact: true })
      .getByRole('status')
      .getByText(
        `Demo Reviewer (${demoAccount('REVIEWER').email}): Role changed. It takes effect on the account’s next page.`,
      );
    await roleSaid.waitFor();
    await expect.poll(() => roleSaid.evaluate((status) => status === document.activeElement)).toBe(true);
    expect(await accessibilityViolations(admin.page), 'the administration page').toEqual([]);
    // The same role sent again changes nothing, and says so where it was sent; the confirmation of
    // the change before goes, not to be read beside the refusal.
    const reviewerRow = admin.page.getByRole('row', { name: new RegExp(demoAccount('REVIEWER').email) });
    await reviewerRow.getByRole('button', { name: 'Change role' }).click();
    await reviewerRow
      .getByRole('alert')
      .getByText('That is the account’s role already (editor): nothing was changed.')
      .waitFor();
    expect(await roleSaid.count()).toBe(0);
    // A change that leads to the same address again is confirmed again.
    for (const role of ['ADMIN', 'EDITOR']) {
      await reviewerRow.getByRole('combobox').selectOption(role);
      await reviewerRow.getByRole('button', { name: 'Change role' }).click();
      await roleSaid.waitFor();
      expect(await reviewerRow.getByRole('combobox').inputValue()).toBe(role);
    }
    // A term already on record is refused, with what was typed kept; a new one is added and said so.
    await admin.page.getByRole('combobox', { name: /^List/ }).selectOption('ISSUE');
    await admin.page.getByRole('textbox', { name: /^New term/ }).fill('Ethics');
    await admin.page.getByRole('button', { name: 'Add', exact: true }).click();
    await admin.page
      .locator('form')
      .filter({ has: admin.page.getByRole('textbox', { name: /^New term/ }) })
      .getByRole('alert')
      .waitFor();
    expect(await roleSaid.count()).toBe(0);
    expect(await admin.page.getByRole('textbox', { name: /^New term/ }).inputValue()).toBe('Ethics');
    expect(await admin.page.getByRole('combobox', { name: /^List/ }).inputValue()).toBe('ISSUE');
    await admin.page.getByRole('textbox', { name: /^New term/ }).fill('Surveillance');
    await admin.page.getByRole('button', { name: 'Add', exact: true }).click();
    await admin.page.waitForURL(/\/admin\?saved=term#vocabulary$/);
    // Said in the vocabularies' part, which the page opens at, not at its top.
    const termSaid = admin.page
      .getByRole('region', { name: 'Controlled vocabularies', exact: true })
      .getByRole('status')
      .getByText('Term added. Editors can choose it now.');
    await termSaid.waitFor();
    await expect.poll(() => termSaid.evaluate((status) => status.getBoundingClientRect().top > 0)).toBe(true);
    expect(await admin.page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    // Said among the latest changes to the lists, with who made it.
    const changes = admin.page.getByRole('region', { name: 'Latest changes to the lists' });
    await changes.getByRole('row', { name: /Added “Surveillance” \(issues\).*Demo Admin/ }).waitFor();
    expect(await accessibilityViolations(admin.page), 'the administration page with its changes to the lists').toEqual(
      [],
    );
    // A tag too is one the editors' forms offer, and is said to be.
    await admin.page.getByRole('combobox', { name: /^List/ }).selectOption('TAG');
    await admin.page.getByRole('textbox', { name: /^New term/ }).fill('Facial recognition');
    await admin.page.getByRole('button', { name: 'Add', exact: true }).click();
    // The address and the confirmation are those of the term before: the term's own line says it was added.
    await changes.getByRole('row', { name: /Added “Facial recognition” \(tags\).*Demo Admin/ }).waitFor();
    await admin.page.getByRole('status').getByText('Term added. Editors can choose it now.').waitFor();
    // A term of one long word (as long as a term may be) wraps in the forms' lists of choices, on a phone too.
    const longWord = 'Counterintelligencesurveillanceprocurementtransparencyaccountabilityoversight'.slice(0, 80);
    await admin.page.getByRole('combobox', { name: /^List/ }).selectOption('ISSUE');
    await admin.page.getByRole('textbox', { name: /^New term/ }).fill(longWord);
    await admin.page.getByRole('button', { name: 'Add', exact: true }).click();
    await changes.getByRole('row', { name: new RegExp(`Added “${longWord}” \\(issues\\)`) }).waitFor();
    const phone = await admin.context.newPage();
    await phone.setViewportSize({ width: 375, height: 740 });
    await phone.goto(`${running.app.url}/editor/new/action`);
    await phone
      .getByRole('group', { name: /^Issues/ })
      .getByRole('checkbox', { name: longWord })
      .waitFor();
    expect(await widerThanScreen(phone), 'the action form with a long term, on a phone').toBe(0);
    await phone.close();
    // The audit log narrowed to changes to accounts: the role change, none of the sign-ins.
    const audit = admin.page.getByRole('region', { name: 'Audit log' });
    await audit.getByLabel('Show').selectOption('accounts');
    await audit.getByRole('button', { name: 'Show' }).click();
    await admin.page.waitForURL(/\/admin\?audit=accounts#audit$/);
    const kinds = await audit.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(kinds.some((kind) => kind.startsWith('Role changed'))).toBe(true);
    // Said in words, not as stored (from: REVIEWER, to: EDITOR).
    expect(kinds).toContain('Role changedfrom reviewer to editor');
    expect(kinds.filter((kind) => kind.startsWith('Signed in'))).toEqual([]);

    const response = await reviewer.page.goto(`${running.app.url}/review`);
    await reviewer.page
      .getByRole('alert')
      .getByText(/Only reviewers and administrators can open this page/)
      .waitFor();
    expect(await reviewer.page.getByRole('form', { name: 'Filter the queue' }).count()).toBe(0);
    expect(response?.status()).toBe(403);
    await reviewer.context.close();
    await admin.context.close();
  });

  it('an admin adds an account in the browser; its owner signs in with the password chosen, then changes it; forgotten, an admin sets a new one', async () => {
    const admin = await signedIn('ADMIN');
    await admin.page.goto(`${running.app.url}/admin`);
    const form = admin.page
      .locator('form')
      .filter({ has: admin.page.getByRole('button', { name: 'Create the account' }) });
    await form.getByLabel(/^Email address/).fill('new.colleague@example.org');
    await form.getByLabel(/^Name/).fill('New Colleague');
    await form.getByLabel(/^Role/).selectOption('REVIEWER');
    await form.getByLabel(/^Password/).fill('too short');
    await form.getByRole('button', { name: 'Create the account' }).click();
    // Refused next to the field, with what was typed kept but the password, which is never sent back.
    await form.locator('#account-password-error').getByText('The password needs at least 12 characters.').waitFor();
    expect(await form.getByLabel(/^Email address/).inputValue()).toBe('new.colleague@example.org');
    expect(await form.getByLabel(/^Role/).inputValue()).toBe('REVIEWER');
    expect(await form.getByLabel(/^Password/).inputValue()).toBe('');
    expect(await form.getByLabel(/^Password/).getAttribute('autocomplete')).toBe('new-password');
    await form.getByLabel(/^Password/).fill('a-long-chosen-password');
    await form.getByRole('button', { name: 'Create the account' }).click();
    await admin.page.waitForURL(/\/admin\?saved=account&account=[a-z0-9]+#accounts$/);
    // Said of the account it was, by name and address.
    await admin.page
      .getByRole('status')
      .getByText('New Colleague (new.colleague@example.org): Account created.', { exact: false })
      .waitFor();
    const accounts = admin.page.getByRole('table', { name: 'Accounts', exact: true });
    expect(await accounts.getByRole('row', { name: /new\.colleague@example\.org/ }).count()).toBe(1);
    await admin.context.close();

    const colleague = await running.browser.newContext();
    const page = await colleague.newPage();
    await page.goto(`${running.app.url}/sign-in`);
    // No email is sent by the record: the page says who replaces a forgotten password.
    await page.getByText('Forgotten your password? An administrator of the record sets a new one.').waitFor();
    await page.getByLabel('Email').fill('new.colleague@example.org');
    await page.getByLabel('Password').fill('a-long-chosen-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/editor$/);
    await page.goto(`${running.app.url}/review`);
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();

    // They change the password they were given: a wrong present one is refused, then they are signed out.
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByLabel(/^Your present password/).fill('not-the-password');
    await page.getByLabel(/^New password/).fill('a-password-of-their-own');
    await page.getByLabel(/^The new password again/).fill('a-password-of-their-own');
    await page.getByRole('button', { name: 'Change the password' }).click();
    await page.locator('#current-error').getByText('That is not your present password.').waitFor();
    expect(await page.getByLabel(/^New password/).inputValue()).toBe('');
    await page.getByLabel(/^Your present password/).fill('a-long-chosen-password');
    await page.getByLabel(/^New password/).fill('a-password-of-their-own');
    await page.getByLabel(/^The new password again/).fill('a-password-of-their-own');
    await page.getByRole('button', { name: 'Change the password' }).click();
    await page.waitForURL(/\/sign-in\?changed=password$/);
    await page
      .getByRole('status')
      .getByText(/Your password is changed/)
      .waitFor();
    // (The account page stays in the document, hidden, for the browser's Back button: its password boxes too.)
    await page.getByLabel('Email', { exact: true }).fill('new.colleague@example.org');
    await page.getByLabel('Password', { exact: true }).fill('a-password-of-their-own');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/editor$/);

    // Forgotten later: an admin sets a new one, which signs them out; they sign in with it.
    const again = await signedIn('ADMIN');
    await again.page.goto(`${running.app.url}/admin`);
    const row = again.page
      .getByRole('table', { name: 'Accounts', exact: true })
      .getByRole('row', { name: /new\.colleague@example\.org/ });
    await row.getByText('Set a new password…').click();
    await row.getByLabel(/^New password for New Colleague/).fill('a-password-handed-over');
    await row.getByRole('button', { name: 'Set the password' }).click();
    await again.page.waitForURL(/\/admin\?saved=password&account=[a-z0-9]+#accounts$/);
    await again.page
      .getByRole('status')
      .getByText(/Password set/)
      .waitFor();
    await again.context.close();
    await page.goto(`${running.app.url}/editor`);
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('Email', { exact: true }).fill('new.colleague@example.org');
    await page.getByLabel('Password', { exact: true }).fill('a-password-handed-over');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/editor');
    await colleague.close();
  });

  it('does not say whether an account exists, and sends anonymous visitors to sign in', async () => {
    const page = await running.browser.newPage();
    for (const email of ['nobody@counterweight.example', demoAccount('EDITOR').email]) {
      await page.goto(`${running.app.url}/sign-in`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('wrong-password-123');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page
        .getByRole('alert')
        .getByText('The email or password is not right, or an administrator has disabled the account.')
        .waitFor();
      // The focus is on why, and the next Tab on the email, to correct it (not lost to the page).
      await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'alert');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
    }
    // A wrong password is no server error: the audit log keeps it, the server's log stays quiet.
    expect(running.app.output()).not.toMatch(/CredentialsSignin|wrong-password-123/);
    // An empty field is said in the lasting message, not the browser's passing bubble, and what was
    // typed stays.
    await page.getByLabel('Email').fill('');
    await page.getByLabel('Password').fill('');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Type your email and your password.').waitFor();
    await page.getByLabel('Email').fill('nobody@counterweight.example');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Type your password.').waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe('nobody@counterweight.example');
    // The field the message is about is marked so, and described by it when it is reached again; the other is not.
    const marks = (label: string) =>
      page
        .getByLabel(label, { exact: true })
        .evaluate((field) => [field.getAttribute('aria-invalid'), field.getAttribute('aria-describedby')]);
    expect(await marks('Password')).toEqual(['true', 'sign-in-problem']);
    expect(await marks('Email')).toEqual([null, null]);
    expect(await page.locator('#sign-in-problem').textContent()).toBe('Type your password.');
    // One live region: the message is in no other that would read it out again.
    expect(await page.locator('[aria-live] [role="alert"]').count()).toBe(0);
    // A stranger at a signed-in page signs in and lands on it, its filters kept, not back on the sign-in form.
    await page.goto(`${running.app.url}/review?type=COMPANY`);
    await page.waitForURL(/\/sign-in\?next=%2Freview%3Ftype%3DCOMPANY$/);
    // (The admin: the demo reviewer is an editor since the role change above.)
    await page.getByLabel('Email').fill(demoAccount('ADMIN').email);
    await page.getByLabel('Password').fill(demoAccount('ADMIN').password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/review\?type=COMPANY$/);
    await page.getByRole('form', { name: 'Filter the queue' }).waitFor();
    await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
    expect(await page.getByLabel('Kind').inputValue()).toBe('COMPANY');
    await hydrated(page, 'main h1');
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/\/review\?type=COMPANY$/);
    await page.close();
  });

  it('signing out ends the session: a copy of its cookie gets nothing after', async () => {
    const editor = await signedIn('EDITOR');
    // A copy of the session, as a cookie left on another computer or taken would be.
    const copy = await running.browser.newContext();
    await copy.addCookies(await editor.context.cookies());
    const elsewhere = await copy.newPage();
    await elsewhere.goto(`${running.app.url}/editor`);
    await elsewhere.getByText(/Signed in as Demo Editor/).waitFor();

    const sessionOf = async (context: typeof copy) => {
      const cookies = (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
      return (await (await fetch(`${running.app.url}/api/auth/session`, { headers: { cookie: cookies } })).json()) as {
        user?: { email?: string };
      } | null;
    };
    /** Auth.js's session update (a POST with its CSRF token, as its client sends it): its status and answer. */
    const updatedOf = async (context: typeof copy) => {
      const cookies = (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
      const csrf = await fetch(`${running.app.url}/api/auth/csrf`, { headers: { cookie: cookies } });
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const csrfCookie = csrf.headers
        .getSetCookie()
        .map((cookie) => cookie.split(';')[0])
        .join('; ');
      const updated = await fetch(`${running.app.url}/api/auth/session`, {
        method: 'POST',
        headers: { cookie: [cookies, csrfCookie].filter(Boolean).join('; '), 'content-type': 'application/json' },
        body: JSON.stringify({ csrfToken, data: {} }),
      });
      return { status: updated.status, session: (await updated.json()) as { user?: { email?: string } } | null };
    };
    expect((await sessionOf(copy))?.user?.email).toBe(demoAccount('EDITOR').email);
    const live = await updatedOf(copy);
    expect(live.status).toBe(200);
    expect(live.session?.user?.email).toBe(demoAccount('EDITOR').email);

    await editor.page.getByRole('button', { name: 'Sign out' }).click();
    await editor.page.waitForURL(`${running.app.url}/`);
    await elsewhere.goto(`${running.app.url}/editor`);
    await elsewhere.waitForURL(/\/sign-in\?next=%2Feditor$/);
    // Auth.js's own session endpoint says the same of the copy, asked to read it or to update it.
    expect(await sessionOf(copy)).toBeNull();
    expect(await updatedOf(copy)).toEqual({ status: 200, session: null });
    // And a browser without scripts is sent to sign in too, not left on a blank page.
    const plain = await running.browser.newContext({ javaScriptEnabled: false });
    await plain.addCookies(await copy.cookies());
    const noScript = await plain.newPage();
    await noScript.goto(`${running.app.url}/editor/account`);
    await noScript.waitForURL(/\/sign-in\?next=%2Feditor%2Faccount$/);
    await plain.close();
    await copy.close();
    await editor.context.close();
    // Signing in again begins a new session.
    const again = await signedIn('EDITOR');
    await again.page.getByText(/Signed in as Demo Editor/).waitFor();

    // Disabled, then enabled again, the account's session does not come back with it. A form sent
    // meanwhile says why it was refused (signing in again would be too), and keeps what was typed.
    await again.page.goto(`${running.app.url}/editor/new/organization`);
    await again.page.getByRole('textbox', { name: /^Name/ }).fill('Example Disabled Meanwhile Fund');
    const account = await again.context.newPage();
    await account.goto(`${running.app.url}/editor/account`);
    const admin = await signedIn('ADMIN');
    await admin.page.goto(`${running.app.url}/admin`);
    const row = admin.page.getByRole('row', { name: /editor@counterweight\.example/ });
    // Disabling takes a second step, which says what it does.
    await row.getByText('Disable…').click();
    await row.getByText(/is signed out everywhere and cannot sign in until enabled again/).waitFor();
    await row.getByRole('button', { name: /^Disable / }).click();
    await admin.page.waitForURL(/\/admin\?saved=disabled&account=[a-z0-9]+#accounts$/);
    await row.getByText('Disabled: cannot sign in.').waitFor();
    await again.page.getByRole('button', { name: 'Send for review' }).click();
    await again.page
      .getByRole('alert')
      .getByText(/An administrator has disabled your account: nothing was sent/)
      .waitFor();
    expect(await again.page.getByRole('textbox', { name: /^Name/ }).inputValue()).toBe(
      'Example Disabled Meanwhile Fund',
    );
    // Its password form says so too, rather than "sign in again", which would be refused.
    await account.getByLabel('Your present password').fill(demoAccount('EDITOR').password);
    await account.getByLabel(/^New password/).fill('a new password, long enough 2026');
    await account.getByLabel('The new password again').fill('a new password, long enough 2026');
    await account.getByRole('button', { name: 'Change the password' }).click();
    await account
      .getByRole('alert')
      .getByText(/An administrator has disabled your account: the password was not changed/)
      .waitFor();
    await row.getByRole('button', { name: 'Enable' }).click();
    await admin.page.waitForURL(/\/admin\?saved=enabled&account=[a-z0-9]+#accounts$/);
    await admin.context.close();
    await again.page.goto(`${running.app.url}/editor`);
    await again.page.waitForURL(/\/sign-in\?next=%2Feditor$/);
    await again.context.close();
  });

  it('a reviewer archives an incident with a reason: it leaves the profile, its address says why with 410; brought back, it shows again', async () => {
    // An administrator reviews too (the demo reviewer was made an editor by the role test above).
    const reviewer = await signedIn('ADMIN');
    const profile = `${running.app.url}/companies/microsoft`;
    await reviewer.page.goto(profile);
    const link = reviewer.page.locator('main a[href^="/actions/"]').first();
    const href = (await link.getAttribute('href'))!;
    const title = (await link.textContent())!.trim();
    // Its sources' histories show what they say while a record the public sees cites them.
    type Source = { id: string; url: string };
    const { data: action } = (await (await fetch(`${running.app.url}/api/v1${href}`)).json()) as {
      data: { sources: Source[] };
    };
    const sourceHistory = async (source: Source) =>
      (await fetch(`${running.app.url}/history/source/${source.id}`)).text();
    for (const source of action.sources) expect(await sourceHistory(source)).toContain(source.url);
    // An editor's correction waits for review meanwhile.
    const editor = await signedIn('EDITOR');
    await editor.page.goto(`${running.app.url}/editor/actions/${href.split('/').pop()}`);
    await editor.page.getByLabel('Title').fill(`${title} (corrected)`);
    await sendForReview(editor.page, /\/editor\?submitted=action/);
    await link.click();
    await reviewer.page.getByRole('link', { name: 'History of this record' }).click();
    // A reviewer is led back to the queue from a history; the public is not.
    expect(await reviewer.page.getByRole('link', { name: 'Back to the review queue' }).getAttribute('href')).toBe(
      '/review',
    );
    expect(await (await fetch(reviewer.page.url())).text()).not.toContain('Back to the review queue');
    await reviewer.page.getByText('Archive this record').click();
    expect(await accessibilityViolations(reviewer.page), 'a history with the archive form').toEqual([]);
    await reviewer.page.getByRole('button', { name: 'Archive it' }).click();
    await reviewer.page.getByText('Give a reason.').first().waitFor();
    await reviewer.page.getByLabel(/Why archive it/).fill('Reported twice: a duplicate of another record.');
    await reviewer.page.getByRole('button', { name: 'Archive it' }).click();
    await reviewer.page.waitForURL(/\?archived=1&declined=1$/);
    await reviewer.page
      .getByText(/Archived\. It has left the public pages.* 1 change waiting for review on it was declined/)
      .waitFor();
    // Its reviewer still reads whose history it is, though the public no longer has its name.
    await reviewer.page.getByRole('heading', { level: 1, name: /^History of \S/ }).waitFor({ timeout: 5000 });
    // The correction, which could never be published now, is declined: its author reads why.
    await editor.page.goto(`${running.app.url}/editor`);
    await editor.page.getByText('The record was archived: Reported twice: a duplicate of another record.').waitFor();
    // Its correction form says it was archived, and where its history is, not that there is no such page.
    await editor.page.goto(`${running.app.url}/editor${href}`);
    await editor.page.getByRole('heading', { name: 'This employee action was archived' }).waitFor();
    await editor.page.getByText(/An archived record is not corrected: a reviewer can bring it back/).waitFor();
    expect(await editor.page.getByRole('link', { name: 'its history' }).getAttribute('href')).toBe(
      `/history/action/${href.split('/').pop()}`,
    );
    await editor.context.close();

    // A visitor: not on the profile; its address says when, why, and where its history is.
    const visitor = await running.browser.newPage();
    await visitor.goto(profile);
    expect(await visitor.locator(`main a[href="${href}"]`).count()).toBe(0);
    const gone = await visitor.goto(`${running.app.url}${href}`);
    expect(gone?.status()).toBe(410);
    // A link checker asking for the headers only is told the same.
    expect((await fetch(`${running.app.url}${href}`, { method: 'HEAD' })).status).toBe(410);
    // So is a program that saved its address in the API.
    const api = `${running.app.url}/api/v1${href}`;
    const goneFromApi = await fetch(api);
    expect(goneFromApi.status).toBe(410);
    const { error } = (await goneFromApi.json()) as { error: { message: string; archived: Record<string, unknown> } };
    expect(error.message).toMatch(/^The employee action ".+" was archived on \d{4}-\d{2}-\d{2}: Reported twice/);
    expect(error.archived).toEqual({
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      reason: 'Reported twice: a duplicate of another record.',
      history: expect.stringMatching(new RegExp(`/history/action/${href.split('/').pop()}$`)),
    });
    // A copy kept from the lists or the feeds learns it from the list of archived records, which says the same.
    const archivedList = async () =>
      ((await (await fetch(`${running.app.url}/api/v1/archived`)).json()) as { data: Record<string, unknown>[] }).data;
    expect(await archivedList()).toContainEqual({
      kind: 'actions',
      id: href.split('/').pop(),
      archivedAt: error.archived.at,
      reason: error.archived.reason,
      url: expect.stringMatching(new RegExp(`/api/v1${href}$`)),
      history: error.archived.history,
    });
    await visitor.getByRole('heading', { name: 'This employee action was archived' }).waitFor();
    expect(await visitor.title()).toBe('Archived employee action · Counterweight');
    await visitor.getByText(/Why: Reported twice: a duplicate of another record\./).waitFor();
    expect(await accessibilityViolations(visitor), 'an archived record').toEqual([]);
    await visitor.getByRole('link', { name: 'its history' }).click();
    await visitor.getByText(/^Archived by /).waitFor();
    // What it said stays with reviewers: the visitor sees the steps, not the versions.
    await visitor.getByText(/What its versions said is shown to reviewers only/).waitFor();
    expect(await visitor.getByRole('table').count()).toBe(0);
    expect(await visitor.getByRole('button', { name: /Archive it|Bring it back/ }).count()).toBe(0);
    // A source no other public record cites has left the public pages with it: the API and its history alike.
    const onlyHere: Source[] = [];
    for (const source of action.sources) {
      if ((await fetch(`${running.app.url}/api/v1/sources/${source.id}`)).status === 404) onlyHere.push(source);
    }
    expect(onlyHere.length).toBeGreaterThan(0);
    for (const source of onlyHere) expect(await sourceHistory(source)).not.toContain(source.url);

    await reviewer.page.getByText('Bring it back to the public pages').click();
    await reviewer.page.getByLabel(/Why bring it back/).fill('Not a duplicate: two separate letters.');
    await reviewer.page.getByRole('button', { name: 'Bring it back' }).click();
    await reviewer.page.waitForURL(/\?returned=1$/);
    await visitor.goto(profile);
    await visitor.locator(`main a[href="${href}"]`).first().waitFor();
    expect((await visitor.goto(`${running.app.url}${href}`))?.status()).toBe(200);
    expect((await fetch(api)).status).toBe(200);
    expect((await archivedList()).map((record) => record.id)).not.toContain(href.split('/').pop());
    for (const source of onlyHere) expect(await sourceHistory(source)).toContain(source.url);
    await visitor.getByRole('heading', { name: title }).waitFor();
    // Its history names the step for what it did (not "Restored", as a restored version's reads).
    await visitor.getByRole('link', { name: 'History of this record' }).click();
    await visitor.getByText(/^Brought back to the public pages by /).waitFor();
    await visitor.close();
    await reviewer.context.close();
  });

  it('gives a long paste back whole once refused, one longer still cut and said to be, and counts what it gives back', async () => {
    const editor = await signedIn('EDITOR');
    await editor.page.goto(`${running.app.url}/editor/new/action`);
    await hydrated(editor.page, 'form');
    const description = editor.page.getByLabel('What happened');
    const said = editor.page.locator('#description-length');
    const send = async (text: string) => {
      await description.fill(text);
      await editor.page.getByRole('button', { name: 'Send for review' }).click();
      await editor.page.getByText('The description must be at most 10,000 characters.').first().waitFor();
    };
    // Three times the limit comes back whole, its end included.
    const pasted = `${'x'.repeat(29_990)} THE-END!!`;
    await send(pasted);
    expect(await description.inputValue()).toBe(pasted);
    await expect.poll(() => said.textContent()).toContain('20,000 characters too long');
    // Past what a form is given back with: cut, and said so; the count is of what the box holds now.
    const huge = `${'y'.repeat(129_990)} THE-END!!`;
    await send(huge);
    await editor.page
      .getByText('This held 130,000 characters when it was sent: only the first 100,000 are given back here.')
      .waitFor();
    expect(await description.inputValue()).toBe(huge.slice(0, 100_000));
    await expect.poll(() => said.textContent()).toContain('90,000 characters too long');
    await editor.context.close();
  });

  it('keeps a text pasted past a field’s limit whole, says by how much it is over, and the refusal keeps it', async () => {
    const editor = await signedIn('EDITOR');
    await editor.page.goto(`${running.app.url}/editor/new/action`);
    await hydrated(editor.page, 'form');
    const long = `${'Workers walked out over the contract. '.repeat(270)}END`;
    const description = editor.page.getByLabel('What happened');
    await description.fill(long);
    // All of it, its end included: a maxlength would have dropped the end without a word.
    expect(await description.inputValue()).toBe(long);
    const over = (long.trim().length - 10_000).toLocaleString('en-US');
    const said = editor.page.locator('#description-length');
    await editor.page
      .getByText(`${over} characters too long: this takes at most 10,000. Shorten it before sending.`)
      .waitFor();
    expect(await description.getAttribute('aria-describedby')).toContain('description-length');
    await editor.page.getByLabel('Title').fill('A walkout told at length');
    await editor.page.getByLabel(/^Start date/).fill('2019-04');
    await editor.page.getByLabel('Companies targeted').fill('Palantir');
    await editor.page.getByLabel(/^Sources/).fill('https://example.org/news/long-walkout');
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    await editor.page.getByText('The description must be at most 10,000 characters.').first().waitFor();
    expect(await editor.page.getByLabel('What happened').inputValue()).toBe(long);
    await editor.page.getByText(`${over} characters too long`).waitFor();
    // Said once beside the field, by how much (the list of problems above names it too).
    expect(await editor.page.locator('#description-error').count()).toBe(0);
    expect(await editor.page.getByLabel('What happened').getAttribute('aria-invalid')).toBe('true');
    // Shortened, it says nothing more: nor does the server's message of the text as it was sent.
    await editor.page.getByLabel('What happened').fill(long.slice(0, 9_990));
    await expect.poll(() => said.textContent()).toBe('');
    expect(await editor.page.locator('#description-error').count()).toBe(0);
    // Its line breaks count one character each, as the form counts them, though a browser sends
    // them as two: 9,999 characters in 476 lines are taken.
    const lines = `${'Line of the walkout.\n'.repeat(476)}END`;
    expect(lines.length).toBe(9_999);
    await editor.page.getByLabel('What happened').fill(lines);
    expect(await said.textContent()).toBe('');
    await editor.page
      .getByRole('group', { name: /^Forms of action/ })
      .getByRole('checkbox', { name: 'Walkout', exact: true })
      .check();
    // (The refusal before is still on the page: the new answer is the address it leads to.)
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    await editor.page.waitForURL(/\/editor\?submitted=action/);
    await editor.context.close();
  });

  it('keeps what was typed before the page’s script ran', async () => {
    const editor = await signedIn('EDITOR');
    // The page arrives and can be typed into; its scripts are held back until the reason is typed.
    const release = await holdScripts(editor.page);
    const form = `${running.app.url}/editor/new/donation`;
    await editor.page.goto(form, { waitUntil: 'domcontentloaded' });
    await editor.page.getByLabel('The stated reason').fill('Typed before the script ran.');
    expect(await editor.page.evaluate(() => 'next' in window)).toBe(false);
    release();
    await hydrated(editor.page, '#reason');
    await expect.poll(() => draftsOf(editor.page, 'reason')).toEqual(['Typed before the script ran.']);

    await editor.page.goto(form);
    await editor.page.getByText(/This browser kept a draft of this form you had not sent/).waitFor();
    await editor.page.getByRole('button', { name: 'Discard it' }).click();
    await editor.context.close();
  });

  it('sends a form once on a double click, the button saying so until the answer comes', async () => {
    const editor = await signedIn('EDITOR');
    await editor.page.goto(`${running.app.url}/editor/new/company`);
    await hydrated(editor.page, '#name');
    await editor.page.locator('#name').fill('Example Double Click Holdings');
    // The answer takes two seconds: long enough to see the button while it waits.
    const posts: string[] = [];
    await editor.page.route('**/editor/new/company', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posts.push(route.request().url());
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await route.continue();
    });
    const button = editor.page.getByRole('button', { name: 'Send for review' });
    await button.dblclick();
    const sending = editor.page.getByRole('button', { name: 'Sending…' });
    for (let look = 0; look < 3; look++) {
      expect(await sending.isDisabled()).toBe(true);
      await editor.page.waitForTimeout(400);
    }
    // Refused (no source): answered in place, nothing written, and sent once.
    await editor.page.locator('#sources-error').waitFor();
    expect(await button.isEnabled()).toBe(true);
    expect(posts).toHaveLength(1);
    await editor.context.close();
  });

  it('keeps what was typed before the scripts ran into a text area the server filled, and into a form sent back', async () => {
    const editor = await signedIn('EDITOR');
    // A failed hydration is reported, and the page rebuilt from its script, losing what was typed.
    const problems: string[] = [];
    editor.page.on('pageerror', (error) => problems.push(error.message));
    editor.page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });

    // React puts a text area back to the text it was served with; what was typed comes back.
    let release = await holdScripts(editor.page);
    await editor.page.goto(`${running.app.url}/editor/companies/salesforce`, { waitUntil: 'commit' });
    const description = editor.page.getByLabel('Description');
    await description.waitFor();
    const typed = `${await description.inputValue()} Typed before the script ran.`;
    await description.fill(typed);
    release();
    await hydrated(editor.page, '#description');
    // Put back by an effect, just after React has taken the box over.
    await expect.poll(() => description.inputValue()).toBe(typed);
    await expect.poll(() => draftsOf(editor.page, 'description')).toEqual([typed]);
    await editor.page
      .getByRole('button', { name: /Send for review|Save/ })
      .first()
      .waitFor();
    await editor.page.evaluate(() => localStorage.clear());

    // Sent before the scripts ran, the form comes back refused; put right before the answer's
    // scripts run, it stays put right once they do.
    release = await holdScripts(editor.page);
    await editor.page.goto(`${running.app.url}/editor/new/company`, { waitUntil: 'commit' });
    await editor.page.locator('#name').fill('Slowphone Holdings');
    await editor.page.getByLabel('Description').fill('First text.');
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    await editor.page.locator('#sources-error').waitFor();
    await editor.page.locator('#name').fill('Slowphone Holdings Inc');
    await editor.page.locator('#sources').fill('https://example.org/slowphone');
    release();
    await hydrated(editor.page, '#sources');
    expect(await editor.page.locator('#name').inputValue()).toBe('Slowphone Holdings Inc');
    await expect.poll(() => editor.page.locator('#sources').inputValue()).toBe('https://example.org/slowphone');
    expect(await editor.page.getByLabel('Description').inputValue()).toBe('First text.');
    await expect.poll(() => draftsOf(editor.page, 'sources')).toEqual(['https://example.org/slowphone']);
    expect(problems).toEqual([]);
    await editor.context.close();
  });

  it('answers forms sent without the page’s script: messages shown, what was typed kept', async () => {
    const context = await running.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const editor = demoAccount('EDITOR');
    await page.goto(`${running.app.url}/sign-in`);
    await page.getByLabel('Email').fill(editor.email);
    await page.getByLabel('Password').fill('wrong-password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .getByText('The email or password is not right, or an administrator has disabled the account.')
      .waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe(editor.email);
    await page.getByLabel('Password').fill(editor.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/editor$/);

    // A company without a source is refused: the message is next to the field, the rest is as typed.
    await page.goto(`${running.app.url}/editor/new/company`);
    await page.locator('#name').fill('Unscripted Holdings');
    await page.getByLabel('Description').fill('Typed in a browser that runs no script.');
    await page.getByRole('button', { name: 'Send for review' }).click();
    await page.waitForLoadState();
    await page.locator('#sources-error').waitFor();
    expect(await page.locator('#sources').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#name').inputValue()).toBe('Unscripted Holdings');
    expect(await page.getByLabel('Description').inputValue()).toBe('Typed in a browser that runs no script.');
    // The page comes back at its top, which says so and leads to the form.
    await page.getByRole('main').getByRole('link', { name: 'Go to the form' }).first().waitFor();

    // Sent once the session has ended, the form comes back as typed, not lost on the way to sign in.
    await context.clearCookies();
    await page.getByLabel('Description').fill('Typed while signed out.');
    await page.getByRole('button', { name: 'Send for review' }).click();
    await page.waitForLoadState();
    await page
      .getByText(
        'Your session has ended. Sign in again in another tab (the link below), then send this again: what you typed is kept here.',
      )
      .first()
      .waitFor();
    // The link opens the sign-in page in a new tab: this one keeps what was typed.
    const signIn = page.locator('form').getByRole('alert').getByRole('link', { name: 'Sign in again (in a new tab)' });
    expect(await signIn.getAttribute('href')).toBe('/sign-in');
    expect(await signIn.getAttribute('target')).toBe('_blank');
    expect(new URL(page.url()).pathname).toBe('/editor/new/company');
    expect(await page.getByLabel('Description').inputValue()).toBe('Typed while signed out.');
    await context.close();
  });

  it('keeps an unsent new record in the browser, offers it back, and forgets it once sent', async () => {
    const form = `${running.app.url}/editor/new/donation`;
    // On a phone, a name tapped among the suggestions is kept as chosen, not as typed.
    const phone = await signedIn('EDITOR', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.page.goto(form);
    const donor = phone.page.getByRole('combobox', { name: 'Donor company' });
    await donor.pressSequentially('micro');
    await phone.page.getByRole('option', { name: 'Microsoft', exact: true }).tap();
    expect(await donor.inputValue()).toBe('Microsoft');
    await expect.poll(() => draftsOf(phone.page, 'company')).toEqual(['Microsoft']);
    await phone.page.goto(`${running.app.url}/editor`);
    await phone.page.goto(form);
    await phone.page.getByRole('button', { name: 'Restore the draft' }).click();
    expect(await donor.inputValue()).toBe('Microsoft');
    await phone.context.close();

    const editor = await signedIn('EDITOR');
    await editor.page.goto(form);
    await editor.page.getByRole('combobox', { name: 'Donor company' }).fill('Microsoft');
    await editor.page.getByLabel('What happened').selectOption('RETURNED');
    await editor.page.getByLabel('The stated reason').fill('Returned over the ICE contract.');
    await editor.page.getByLabel('The amount was not disclosed').check();
    await editor.page.getByLabel(/^Sources/).fill('https://example.org/news/gift-returned-over-ice');
    // The tab is closed before anything is sent.
    await expect
      .poll(() => draftsOf(editor.page, 'sources'))
      .toEqual(['https://example.org/news/gift-returned-over-ice']);
    await editor.page.close();

    const again = await editor.context.newPage();
    // A link made to look like the confirmation of a sent form forgets nothing: nothing was sent.
    await again.goto(`${running.app.url}/editor?submitted=donation&draft=sent`);
    await again.getByText('Sent for review.').waitFor();
    await hydrated(again, 'main h1');
    await again.waitForTimeout(300);
    await again.goto(form);
    await again.getByText(/This browser kept a draft of this form you had not sent/).waitFor();
    expect(await again.getByLabel('The stated reason').inputValue()).toBe('');
    await again.getByRole('button', { name: 'Restore the draft' }).click();
    // The button is gone with its notice: a keyboard goes on from the form's first field.
    expect(
      await again.evaluate(
        () => document.activeElement?.closest('form') !== null && document.activeElement?.tagName !== 'BUTTON',
      ),
    ).toBe(true);
    expect(await again.getByRole('combobox', { name: 'Donor company' }).inputValue()).toBe('Microsoft');
    expect(await again.getByLabel('What happened').inputValue()).toBe('RETURNED');
    expect(await again.getByLabel('The stated reason').inputValue()).toBe('Returned over the ICE contract.');
    expect(await again.getByLabel(/^Sources/).inputValue()).toBe('https://example.org/news/gift-returned-over-ice');
    expect(await again.getByLabel('The amount was not disclosed').isChecked()).toBe(true);
    await again.getByLabel(/^Date/).fill('2019-05');
    await sendForReview(again, /\/editor\?submitted=donation&draft=sent/);
    await again.getByText('Sent for review.').waitFor();
    await again.goto(form);
    await hydrated(again, '#company');
    await again.waitForTimeout(300);
    expect(await again.getByText(/This browser kept a draft/).count()).toBe(0);
    await editor.context.close();
  });

  it('keeps a draft per tab of the same form: an open tab’s is never offered elsewhere, a closed one’s is, latest first', async () => {
    const editor = await signedIn('EDITOR');
    const form = `${running.app.url}/editor/new/organization`;
    const name = (page: Page) => page.getByRole('textbox', { name: /^Name/ });
    const first = editor.page;
    await first.goto(form);
    await name(first).fill('Example First Tab Fund');
    await expect.poll(() => draftsOf(first, 'name')).toEqual(['Example First Tab Fund']);

    // A second tab of the form, the first still open: nothing is offered, and what it is typed is
    // kept beside the first tab's draft, not over it.
    const second = await editor.context.newPage();
    await second.goto(form);
    await hydrated(second, '#name');
    await name(second).fill('Example Second Tab Fund');
    await expect
      .poll(async () => (await draftsOf(second, 'name')).sort())
      .toEqual(['Example First Tab Fund', 'Example Second Tab Fund']);
    expect(await second.getByText(/This browser kept a draft/).count()).toBe(0);
    // Typing on in the first tab changes its own draft only; reloaded, a tab finds its own.
    await name(first).fill('Example First Tab Fund, typed on');
    await expect
      .poll(async () => (await draftsOf(first, 'name')).sort())
      .toEqual(['Example First Tab Fund, typed on', 'Example Second Tab Fund']);
    await first.reload();
    await first.getByText(/This browser kept a draft of this form you had not sent/).waitFor();
    await first.getByRole('button', { name: 'Restore the draft' }).click();
    expect(await name(first).inputValue()).toBe('Example First Tab Fund, typed on');
    await first.close();
    await second.close();

    // Both tabs closed: a third offers the latest draft, then, discarded, the older one.
    const third = await editor.context.newPage();
    await third.goto(form);
    const notice = third.getByText(/This browser kept a draft of this form you had not sent/);
    await notice.waitFor();
    await third.getByText(/One more draft of this form waits after it/).waitFor();
    // While one tab offers a closed tab's draft, another does not offer the same one.
    const fourth = await editor.context.newPage();
    await fourth.goto(form);
    await hydrated(fourth, '#name');
    await fourth.waitForTimeout(1000);
    expect(await fourth.getByText(/This browser kept a draft/).count()).toBe(0);
    await fourth.close();
    // What is typed meanwhile is kept too, as this tab's own.
    await name(third).fill('Example Third Tab Fund');
    await expect
      .poll(async () => (await draftsOf(third, 'name')).sort())
      .toEqual(['Example First Tab Fund, typed on', 'Example Second Tab Fund', 'Example Third Tab Fund']);
    await third.getByRole('button', { name: 'Discard it' }).click();
    await third.getByText(/it is offered in its place/).waitFor();
    expect(await third.getByText(/more draft/).count()).toBe(0);
    await third.getByRole('button', { name: 'Restore the draft' }).click();
    expect(await name(third).inputValue()).toBe('Example Second Tab Fund');
    // Taken by this tab: kept once, as this tab's; what was typed here before is kept apart, not lost.
    await expect
      .poll(async () => (await draftsOf(third, 'name')).sort())
      .toEqual(['Example Second Tab Fund', 'Example Third Tab Fund']);
    await editor.context.close();
  });

  it('signing out with unsent drafts asks whether to keep them in this browser or remove them', async () => {
    const editor = await signedIn('EDITOR');
    const form = `${running.app.url}/editor/new/organization`;
    await editor.page.goto(form);
    // Signing out at once after typing, before the draft's pause: what was typed counts.
    await editor.page.getByRole('textbox', { name: /^Name/ }).fill('Example Unsent Drafts Fund');
    const signOut = editor.page.getByRole('button', { name: 'Sign out' });
    await signOut.click();
    const question = editor.page.getByRole('group', { name: /This browser keeps a draft you have not sent/ });
    await question.waitFor();
    // The question takes the focus, so a keyboard or a screen reader is there at once; staying
    // (Escape, or the button) gives it back to the sign-out button.
    const focused = (locator: typeof signOut) => locator.evaluate((element) => element === document.activeElement);
    await expect.poll(() => focused(question)).toBe(true);
    await editor.page.keyboard.press('Escape');
    await expect.poll(() => focused(signOut)).toBe(true);
    await editor.page.keyboard.press('Enter');
    await editor.page.getByRole('button', { name: 'Stay signed in' }).focus();
    await editor.page.keyboard.press('Enter');
    await expect.poll(() => focused(signOut)).toBe(true);
    await editor.page.goto(`${running.app.url}/editor`);
    await signOut.click();
    await editor.page.getByRole('button', { name: 'Sign out, keep it' }).click();
    await editor.page.waitForURL(`${running.app.url}/`);

    // Kept: offered back on the next sign-in here; removed: gone from the browser.
    const again = await signInOn(editor.page, 'EDITOR');
    await again.goto(form);
    await again.getByText(/This browser kept a draft of this form you had not sent/).waitFor();
    await again.goto(`${running.app.url}/editor`);
    await again.getByRole('button', { name: 'Sign out' }).click();
    await again.getByRole('button', { name: 'Sign out and remove it' }).click();
    await again.waitForURL(`${running.app.url}/`);
    expect(
      await again.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('counterweight:draft:'))),
    ).toEqual([]);

    // With nothing kept, signing out asks nothing.
    const last = await signInOn(again, 'EDITOR');
    await last.goto(`${running.app.url}/editor`);
    await last.getByRole('button', { name: 'Sign out' }).click();
    await last.waitForURL(`${running.app.url}/`);
    await editor.context.close();
  });

  it('the contract form offers the sub-agencies of the awarding agency chosen', async () => {
    const { context, page } = await signedIn('EDITOR');
    await page.goto(`${running.app.url}/editor/new/contract`);
    const agency = page.getByLabel(/^Awarding agency/);
    const subAgency = page.getByLabel(/^Awarding sub-agency/);
    // A status has a default that says 'not known': no 'Choose…' beside it, as a required choice has.
    const texts = (select: ReturnType<Page['getByLabel']>) =>
      select.evaluate((element: HTMLSelectElement) => [...element.options].map((option) => option.text));
    expect(await texts(page.getByLabel(/^Status$/))).toEqual([
      'Unknown',
      'Active',
      'Completed',
      'Cancelled',
      'Not renewed',
    ]);
    expect((await texts(agency))[0]).toBe('Choose…');
    const offered = () =>
      subAgency.evaluate((select: HTMLSelectElement) =>
        [...select.options].filter((option) => option.value).map((option) => option.text),
      );
    const choose = async (name: string) => {
      const value = await agency.evaluate(
        (select: HTMLSelectElement, start) =>
          [...select.options].find((option) => option.text.startsWith(start))?.value,
        name,
      );
      await agency.selectOption(value!);
    };
    // Before a choice, every sub-agency, grouped under its agency.
    await expect
      .poll(offered)
      .toEqual(expect.arrayContaining([expect.stringMatching(/^U\.S\. Customs and Border Protection/)]));
    expect(await page.locator('optgroup[label^="Under Department of Homeland Security"]').count()).toBe(1);
    await choose('Department of Defense');
    await expect.poll(offered).toEqual([]);
    await page.getByText('The agency chosen has no sub-agency on record.').waitFor();
    await choose('Department of Homeland Security');
    await expect
      .poll(offered)
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^U\.S\. Customs and Border Protection/),
          expect.stringMatching(/^U\.S\. Immigration and Customs Enforcement/),
        ]),
      );
    // A sub-agency chosen, then another agency: it is taken off, and the hint says so.
    await subAgency.selectOption({ label: (await offered()).find((name) => name.startsWith('U.S. Immigration'))! });
    await choose('Department of Defense');
    await page
      .getByText(/^U\.S\. Immigration and Customs Enforcement.*, chosen before, is not under the agency chosen/)
      .waitFor();
    await page
      .getByRole('status')
      .getByText(/^U\.S\. Immigration and Customs Enforcement.* was taken off the awarding sub-agency/)
      .waitFor({ state: 'attached' });
    expect(await subAgency.inputValue()).toBe('');
    // On a phone the closed box cuts a long choice short: it is written out whole under it.
    await page.setViewportSize({ width: 375, height: 740 });
    await choose('Department of Homeland Security');
    const cbp = (await offered()).find((name) => name.startsWith('U.S. Customs and Border Protection'))!;
    expect(cbp).toMatch(/, part of Department of Homeland Security/);
    await subAgency.selectOption({ label: cbp });
    const inFull = page.locator('[data-chosen-in-full]');
    await expect.poll(() => inFull.allTextContents()).toContain(cbp);
    // Taken off with its agency, it is written out no more.
    await choose('Department of Defense');
    await expect.poll(() => inFull.allTextContents()).not.toContain(cbp);
    await context.close();
  });

  it('every form fits a phone and passes the accessibility audit there', async () => {
    const { context, page } = await signedIn('ADMIN', {
      viewport: { width: 375, height: 740 },
    });
    // A title holding an address pasted whole, listed in My work and the queue: it wraps there too.
    await page.goto(`${running.app.url}/editor/new/action`);
    await page.getByLabel(/^Title/).fill(`Walkout reported at https://example.org/${'walkoutreport'.repeat(12)}`);
    await page.getByLabel(/^What happened/).fill('Workers walked out.');
    await page.getByLabel(/^Start date/).fill('2020');
    await page.getByLabel(/^Companies targeted/).fill('Lyft');
    await page.getByLabel('Strike', { exact: true }).check();
    await page.getByLabel(/^Sources/).fill('https://example.org/lyft-walkout');
    await sendForReview(page, /\/editor\?submitted=action/);
    const kinds = ['company', 'agency', 'organization', 'contract', 'action', 'donation', 'statement'];
    for (const path of [
      '/editor',
      ...kinds.map((kind) => `/editor/new/${kind}`),
      '/editor/companies/salesforce',
      '/editor/account',
      '/review',
      '/review/import',
      '/admin',
    ]) {
      await page.goto(`${running.app.url}${path}`);
      expect(await accessibilityViolations(page), path).toEqual([]);
      expect(await widerThanScreen(page), `${path}: pixels wider than the screen`).toBe(0);
    }
    // Every incident's form adds a company not yet on record with the incident, the statement's too.
    for (const kind of ['contract', 'donation', 'statement']) {
      await page.goto(`${running.app.url}/editor/new/${kind}`);
      await page.getByRole('checkbox', { name: /is a different company: add it$/ }).waitFor();
    }
    await context.close();
  });

  it('every list of problems leads to its fields, on the record forms, the account page and the administration page', async () => {
    const { context, page } = await signedIn('ADMIN');
    const refused = async (form: ReturnType<Page['locator']>, button: string | RegExp) => {
      await form.getByRole('button', { name: button }).click();
      await form.getByRole('alert').getByRole('link').first().waitFor();
    };
    const kinds = ['company', 'agency', 'organization', 'contract', 'action', 'donation', 'statement'];
    for (const kind of kinds) {
      await page.goto(`${running.app.url}/editor/new/${kind}`);
      await refused(
        page.locator('form').filter({ has: page.getByRole('button', { name: 'Send for review' }) }),
        'Send for review',
      );
      expect(await errorLinksAstray(page), `/editor/new/${kind}`).toEqual([]);
    }
    await page.goto(`${running.app.url}/editor/account`);
    await refused(page.locator('form').filter({ hasText: 'Your present password' }), 'Change the password');
    expect(await errorLinksAstray(page), '/editor/account').toEqual([]);

    // The administration page holds several forms, whose fields share names ("from", "password").
    await page.goto(`${running.app.url}/admin`);
    const formWith = (button: string) =>
      page.locator('form').filter({ has: page.getByRole('button', { name: button, exact: true }) });
    await refused(formWith('Create the account'), 'Create the account');
    const row = page.getByRole('row', { name: new RegExp(demoAccount('EDITOR').email) });
    await row.getByText('Set a new password…').click();
    await refused(
      row.locator('form').filter({ has: page.getByRole('button', { name: 'Set the password' }) }),
      'Set the password',
    );
    await formWith('Add').getByRole('combobox', { name: /^List/ }).selectOption('ISSUE');
    await formWith('Add')
      .getByRole('textbox', { name: /^New term/ })
      .fill('Ethics');
    await refused(formWith('Add'), 'Add');
    // The same term twice.
    const terms = page.locator('form').filter({ has: page.getByLabel(/^Merge this term/) });
    const term = await terms
      .getByLabel(/^Merge this term/)
      .locator('option:not([value=""])')
      .first()
      .getAttribute('value');
    await terms.getByLabel(/^Merge this term/).selectOption(term!);
    await terms.getByLabel(/^into this one/).selectOption(term!);
    await refused(terms, 'Check the merge');
    const companies = page.locator('form').filter({ has: page.getByLabel(/^What to merge/) });
    await companies.getByLabel(/^What to merge/).selectOption('company');
    await companies.getByLabel(/^The duplicate/).fill('salesforce');
    await companies.getByLabel(/^Merge it into/).fill('salesforce');
    await refused(companies, 'Check the merge');
    expect(await page.locator('form [role="alert"] a').count()).toBeGreaterThanOrEqual(7);
    expect(await errorLinksAstray(page), '/admin').toEqual([]);

    // On a phone, a field reached from the list shows its label, above a hint of several lines.
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${running.app.url}/editor/new/action`);
    await refused(
      page.locator('form').filter({ has: page.getByRole('button', { name: 'Send for review' }) }),
      'Send for review',
    );
    await page
      .getByRole('alert')
      .getByRole('link', { name: /^Add at least one source/ })
      .click();
    const sources = page.getByLabel(/^Sources/);
    await expect.poll(() => sources.evaluate((field) => field === document.activeElement)).toBe(true);
    const label = await page.locator('label', { hasText: /^Sources/ }).boundingBox();
    expect(label!.y).toBeGreaterThanOrEqual(0);
    await context.close();
  });

  it('offers the company a misspelt name means, and puts it in the box with one click', async () => {
    const editor = await signedIn('EDITOR');
    await editor.page.getByRole('link', { name: 'A donation response' }).click();
    const company = editor.page.getByRole('combobox', { name: 'Donor company' });
    await company.fill('Salesfroce');
    await editor.page.getByLabel('What happened').selectOption('ACCEPTED');
    await editor.page.getByLabel(/^Date/).fill('2019-04');
    await editor.page.getByLabel(/^Amount/).fill('1000');
    await editor.page.getByLabel(/^Sources/).fill('https://example.org/news/salesforce-gift-accepted');
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    await editor.page
      .locator('form')
      .getByRole('alert')
      .getByText(/Did you mean Salesforce/)
      .first()
      .waitFor();
    expect(await accessibilityViolations(editor.page), 'the form with a name to choose').toEqual([]);
    await editor.page.getByRole('button', { name: 'Use Salesforce', exact: true }).click();
    expect(await company.inputValue()).toBe('Salesforce');
    expect(await company.evaluate((box) => box === document.activeElement)).toBe(true);
    // What else was typed is still there.
    expect(await editor.page.getByLabel(/^Sources/).inputValue()).toBe(
      'https://example.org/news/salesforce-gift-accepted',
    );
    // The browser's draft of the form holds the name put in the box, as if typed.
    await expect
      .poll(() =>
        editor.page.evaluate(() => {
          // This tab's draft of the form: its name is the form's, then the tab's own (#…).
          const key = Object.keys(localStorage).find((name) => /:donation#[a-z0-9]+$/.test(name));
          return (
            key && (JSON.parse(localStorage.getItem(key) ?? '{}') as { values?: { company?: string } }).values?.company
          );
        }),
      )
      .toBe('Salesforce');
    // (The refusal's message stays until the answer comes: the address says it was sent.)
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    await editor.page.waitForURL(/\/editor\?submitted=donation/);
    await editor.context.close();
  });

  it('an admin sees what a merge would move before making it; the duplicate’s address then leads to the survivor', async () => {
    const admin = await signedIn('ADMIN');
    await admin.page.goto(`${running.app.url}/admin`);
    // Reached from the top of the page in a Tab or two, not past every account's controls.
    await admin.page
      .getByRole('navigation', { name: 'On this page' })
      .getByRole('link', { name: 'Merge duplicates' })
      .focus();
    await admin.page.keyboard.press('Enter');
    await admin.page.waitForURL(/\/admin#merge$/);
    await admin.page.keyboard.press('Tab');
    expect(await admin.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('kind');
    const form = admin.page.getByRole('region', { name: 'Merge duplicate companies or organizations' });
    // Sent empty, it is answered by the server's lasting messages beside the fields (the browser's own
    // passing bubble is not relied on).
    await form.getByRole('button', { name: 'Check the merge' }).click();
    await form.getByRole('alert').waitFor();
    expect(await form.getByLabel(/^The duplicate/).getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel('What to merge').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('What to merge').selectOption('organization');
    await form.getByLabel(/^The duplicate/).fill('example-immigrant-defens');
    await form.getByLabel(/^Merge it into/).fill('example-legal-aid-fund');
    await form.getByRole('button', { name: 'Check the merge' }).click();
    // A misspelt address is named; what was typed stays.
    // The message leads to the field at fault.
    await form
      .getByRole('alert')
      .getByRole('link', { name: 'No organization is named or at “example-immigrant-defens”.' })
      .waitFor();
    expect(await form.getByLabel(/^The duplicate/).getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel(/^Merge it into/).inputValue()).toBe('example-legal-aid-fund');
    expect(await form.getByLabel('What to merge').inputValue()).toBe('organization');

    await form.getByLabel(/^The duplicate/).fill('example-immigrant-defense-project');
    await form.getByRole('button', { name: 'Check the merge' }).click();
    const question = form.getByRole('heading', {
      name: 'Merge Example Immigrant Defense Project into Example Legal Aid Fund?',
    });
    await question.waitFor();
    await expect.poll(() => question.evaluate((heading) => heading === document.activeElement)).toBe(true);
    await form.getByText(/leads to \/organizations\/example-legal-aid-fund/).waitFor();
    expect(await form.getByRole('listitem').allTextContents()).toEqual(['1 cited source']);
    expect(await accessibilityViolations(admin.page), 'a merge to confirm').toEqual([]);
    // Nothing has moved yet.
    const visitor = await running.browser.newPage();
    expect((await visitor.goto(`${running.app.url}/organizations/example-immigrant-defense-project`))?.status()).toBe(
      200,
    );
    // "Change" goes back to the fields as they were typed.
    await form.getByRole('button', { name: 'Change the addresses' }).click();
    await form.getByLabel(/^The duplicate/).waitFor();
    expect(await form.getByLabel(/^The duplicate/).inputValue()).toBe('example-immigrant-defense-project');
    await expect
      .poll(() => form.getByLabel('What to merge').evaluate((box) => box === document.activeElement))
      .toBe(true);

    await form.getByRole('button', { name: 'Check the merge' }).click();
    await form
      .getByRole('button', { name: 'Merge Example Immigrant Defense Project into Example Legal Aid Fund' })
      .click();
    // Back on the administration page, which says so, with the survivor a click away.
    await admin.page.waitForURL(/\/admin\?merged=organization&into=example-legal-aid-fund#merge$/);
    await admin.page.getByRole('status').getByRole('link', { name: 'see Example Legal Aid Fund' }).click();
    await admin.page.waitForURL(/\/organizations\/example-legal-aid-fund$/);
    await visitor.close();

    // An editor's correction to the company about to be merged away, waiting for review.
    const editor = await signedIn('EDITOR');
    await editor.page.goto(`${running.app.url}/editor/companies/bosch-io`);
    await editor.page.getByRole('textbox', { name: 'Description' }).fill('A correction sent before the merge.');
    await sendForReview(editor.page, /\/editor\?submitted=company/);

    // A company (here a subsidiary folded into its parent): its name becomes one of the parent's.
    await admin.page.goto(`${running.app.url}/admin#merge`);
    await form.getByLabel('What to merge').selectOption('company');
    // Its page's address pasted whole is read as its address name.
    await form.getByLabel(/^The duplicate/).fill(`${running.app.url}/companies/Bosch-IO`);
    await form.getByLabel(/^Merge it into/).fill('bosch');
    await form.getByRole('button', { name: 'Check the merge' }).click();
    await form.getByRole('heading', { name: 'Merge Bosch.IO into Bosch?' }).waitFor();
    expect(await form.getByRole('listitem').allTextContents()).toContainEqual(
      expect.stringMatching(/^1 employee action/),
    );
    await form.getByText('“Bosch.IO” becomes an alias of Bosch').waitFor();
    await form.getByRole('button', { name: 'Merge Bosch.IO into Bosch' }).click();
    await admin.page.waitForURL(/\/admin\?merged=company&into=bosch#merge$/);
    // The editor's correction is turned back, with the way to the survivor and to what was sent,
    // to be proposed there.
    await editor.page.goto(`${running.app.url}/editor`);
    const turnedBack = editor.page.getByRole('listitem').filter({ hasText: 'propose the change there' });
    await turnedBack.getByRole('link', { name: '/companies/bosch' }).waitFor();
    await turnedBack.getByRole('link', { name: /^See what you sent/ }).click();
    await editor.page.waitForURL(/\/editor\/changes\/[a-z0-9]+$/);
    await editor.page.getByText('A correction sent before the merge.').waitFor();
    await editor.context.close();
    await admin.page
      .getByRole('status')
      .getByText(/^Merged\. The duplicate’s records, links, names and sources now belong to Bosch, and its address/)
      .waitFor();
    // The old addresses answer with a permanent redirect to the survivors, for browsers and for links alike.
    for (const [old, survivor] of [
      ['/organizations/example-immigrant-defense-project', '/organizations/example-legal-aid-fund'],
      ['/companies/bosch-io', '/companies/bosch'],
    ]) {
      const response = await fetch(`${running.app.url}${old}`, { redirect: 'manual' });
      expect(response.status, old).toBe(308);
      expect(new URL(response.headers.get('location') ?? '', running.app.url).pathname, old).toBe(survivor);
      // Its body, for a client that does not follow it, is not titled "not found".
      expect(/<title>([^<]*)<\/title>/.exec(await response.text())?.[1], old).toBe('Redirecting · Counterweight');
    }
    // With what the old address asked of the profile, but a page of a timeline that is another one now.
    const asked = await fetch(`${running.app.url}/companies/bosch-io?subsidiaries=1&kind=action&page=2`, {
      redirect: 'manual',
    });
    expect(asked.headers.get('location')).toMatch(/\/companies\/bosch\?subsidiaries=1&kind=action$/);
    // Its feed too, for a feed reader and for a page on another origin alike (each hop of a CORS request
    // must allow it), with the query it was asked with, which the survivor's feed then judges.
    const feed = await fetch(`${running.app.url}/feeds/companies/bosch-io.json?since=2018`, {
      redirect: 'manual',
      headers: { Origin: 'https://example.org' },
    });
    expect(feed.status).toBe(308);
    expect(feed.headers.get('access-control-allow-origin')).toBe('*');
    expect(feed.headers.get('location')).toBe('/feeds/companies/bosch.json?since=2018');
    // Both histories stay: the survivor's merge step leads to the duplicate's, which keeps its name
    // and says where it went.
    const merged = (await (await fetch(`${running.app.url}/api/v1/companies/bosch-io`)).json()) as {
      data: { id: string };
    };
    await admin.page.goto(`${running.app.url}/companies/bosch`);
    await admin.page.getByRole('link', { name: 'History of this profile' }).click();
    await admin.page.getByText('Bosch.IO merged into this company').waitFor();
    await admin.page.getByRole('link', { name: 'History of Bosch.IO' }).click();
    await admin.page.waitForURL((url) => url.pathname === `/history/company/${merged.data.id}`);
    await admin.page.getByRole('heading', { name: 'History of Bosch.IO', level: 1 }).waitFor();
    await admin.page
      .getByText('Merged into Bosch, where its records are now.')
      .getByRole('link', { name: 'Bosch' })
      .waitFor();
    // A correction asked for under the old name is proposed to the survivor, which says why.
    await admin.page.goto(`${running.app.url}/editor/companies/bosch-io`);
    await admin.page.waitForURL(/\/editor\/companies\/bosch\?merged=bosch-io$/);
    await admin.page
      .getByRole('status')
      .getByText('The company at /companies/bosch-io was merged into Bosch: a correction to it goes here.')
      .waitFor();
    // A name to add (from the recipients waiting for a company) goes along to the survivor's form.
    await admin.page.goto(`${running.app.url}/editor/companies/bosch-io?alias=${encodeURIComponent('BOSCH.IO GMBH')}`);
    await admin.page.waitForURL(/\/editor\/companies\/bosch\?merged=bosch-io&alias=BOSCH\.IO\+GMBH$/);
    expect(await admin.page.getByLabel(/^Other names to add/).inputValue()).toMatch(/(^|\n)BOSCH\.IO GMBH$/);
    // Said only when it is so.
    await admin.page.goto(`${running.app.url}/editor/companies/bosch?merged=salesforce`);
    await admin.page.getByRole('heading', { name: 'Propose a correction to Bosch' }).waitFor();
    expect(await admin.page.getByText(/was merged into Bosch/).count()).toBe(0);
    await admin.context.close();
  });

  it('the administration page reads on a phone: a term of one long word wraps in its table, addresses break at their "@" and dots only', async () => {
    const { context, page } = await signedIn('ADMIN', { viewport: { width: 375, height: 740 } });
    await page.goto(`${running.app.url}/admin`);
    // 80 letters without a space, as the form takes them.
    const term = `Phonewidthtest${'x'.repeat(66)}`;
    const add = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add', exact: true }) });
    await add.getByRole('combobox', { name: /^List/ }).selectOption('TAG');
    await add.getByRole('textbox', { name: /^New term/ }).fill(term);
    await add.getByRole('button', { name: 'Add', exact: true }).click();
    await page.waitForURL(/\/admin\?saved=term#vocabulary$/);
    // The page as it opens, as the test of every form on a phone audits it.
    await page.goto(`${running.app.url}/admin`);
    const changes = page.getByRole('region', { name: 'Latest changes to the lists' });
    await changes.getByRole('row').filter({ hasText: term }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await widerThanScreen(page), 'pixels wider than the screen').toBe(0);
    // The table fits its box: it neither scrolls sideways nor squeezes the account's column to a few letters.
    expect(await changes.evaluate((box) => box.scrollWidth - box.clientWidth)).toBe(0);
    // Every account's address, and who made each change and merge (the test before merged two companies).
    const accounts = page.getByRole('region', { name: 'Accounts table' }).getByRole('rowheader');
    const merges = page.getByRole('region', { name: 'Latest merges' }).getByRole('row');
    expect(await merges.count()).toBeGreaterThan(1);
    for (const cell of [
      ...(await accounts.all()),
      ...(await merges.locator('td:last-child').all()),
      ...(await changes.locator('td:last-child').all()),
    ]) {
      expect(await wordsBrokenAcrossLines(cell), (await cell.textContent()) ?? '').toEqual([]);
    }
    await context.close();
  });

  it('an editor names the company a company is part of, taking the "did you mean" for a misspelt one', async () => {
    const editor = await signedIn('EDITOR');
    // Its form opens with its parent: YouTube is part of Google.
    await editor.page.goto(`${running.app.url}/editor/companies/youtube`);
    expect(await editor.page.getByRole('combobox', { name: /^Part of/ }).inputValue()).toBe('Google');
    await editor.page.goto(`${running.app.url}/editor/companies/ibm`);
    const parent = editor.page.getByRole('combobox', { name: /^Part of/ });
    expect(await parent.inputValue()).toBe('');
    await parent.fill('Alphabett');
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    await editor.page
      .locator('form')
      .getByRole('alert')
      .getByText(/No company on record is called “Alphabett”; did you mean Alphabet/)
      .first()
      .waitFor();
    await editor.page.getByRole('button', { name: 'Use Alphabet', exact: true }).click();
    expect(await parent.inputValue()).toBe('Alphabet');
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    await editor.page.waitForURL(/\/editor\?submitted=company/);
    // (Its change, among the many the other tests leave waiting.)
    const mine = await editor.page
      .getByRole('link', { name: /Revise or withdraw.*IBM/ })
      .first()
      .getAttribute('href');
    await editor.context.close();

    // The reviewer reads the change by name (an admin: the demo reviewer was made an editor above).
    const reviewer = await signedIn('ADMIN');
    await reviewer.page.goto(`${running.app.url}/review/${mine?.split('/').pop()}`);
    await reviewer.page.getByRole('row', { name: /^Part of\b.*Alphabet/ }).waitFor();
    await reviewer.context.close();
  });

  it('a reviewer is told which companies on record a new one confirmed as new is like', async () => {
    const editor = await signedIn('EDITOR');
    await editor.page.goto(`${running.app.url}/editor/new/company`);
    await editor.page.getByRole('textbox', { name: /^Name/ }).fill('Salesforse Analytics');
    await editor.page.getByRole('textbox', { name: /^Sources/ }).fill('https://example.org/salesforse-analytics');
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    await editor.page
      .locator('form')
      .getByRole('alert')
      .getByText(/Did you mean .*Salesforce/)
      .first()
      .waitFor();
    await editor.page.getByLabel('This is a different company from the ones with similar names').check();
    // (The refusal's message stays until the answer comes: the address says it was sent.)
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    await editor.page.waitForURL(/\/editor\?submitted=company/);
    await editor.context.close();

    const reviewer = await signedIn('ADMIN');
    await reviewer.page.goto(`${running.app.url}/review`);
    await reviewer.page
      .getByRole('link', { name: /Salesforse Analytics/ })
      .first()
      .click();
    const notice = reviewer.page.getByRole('status').filter({ hasText: 'confirmed a name as new' });
    await notice.getByText(/“Salesforse Analytics”, confirmed as a new company, is like/).waitFor();
    expect(await notice.getByRole('link', { name: 'Salesforce', exact: true }).getAttribute('href')).toBe(
      '/companies/salesforce',
    );
    expect(await accessibilityViolations(reviewer.page), 'a change naming a company like another').toEqual([]);
    // Not a different company after all: rejected, with a note for its editor.
    await reviewer.page.getByLabel(/Why it cannot be published/).fill('This is Salesforce: name it instead.');
    await reviewer.page.getByRole('button', { name: 'Reject' }).click();
    await reviewer.page.waitForURL(/\/review\?rejected=1/);
    await reviewer.context.close();
  });
});
