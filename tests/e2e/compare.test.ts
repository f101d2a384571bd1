import { describe, expect, it } from 'vitest';
import { holdScripts, hydrated } from '../helpers/browser';
import { withDemoAppAndBrowser } from '../helpers/demo-app';

describe('a visitor comparing companies', () => {
  const running = withDemoAppAndBrowser();

  it('picks Salesforce, Google, Microsoft and Amazon, sees the chart, and finds the figures of their profiles', async () => {
    const page = await running.browser.newPage();
    await page.goto(`${running.app.url}/compare`);
    // A name as it is on record is added at once; part of one is offered to choose from.
    for (const [typed, name] of [
      ['Salesforce', 'Salesforce'],
      ['goog', 'Google'],
      ['Microsoft', 'Microsoft'],
      ['amaz', 'Amazon'],
    ] as const) {
      await page.getByLabel(/Add a company/).fill(typed);
      await page.getByRole('button', { name: 'Find' }).click();
      if (typed !== name) await page.getByRole('link', { name: `Add ${name}`, exact: true }).click();
      await page.getByRole('columnheader').filter({ hasText: name }).first().waitFor();
    }
    expect(page.url()).toMatch(/companies=salesforce,google,microsoft,amazon$/);
    await page.getByRole('img', { name: /Employee actions per year/ }).waitFor();
    expect(
      await page
        .getByRole('img', { name: /Employee actions per year/ })
        .locator('path')
        .count(),
    ).toBe(4);

    // A share of met demands says what it rests on, and one resting on a few known outcomes is not in bold.
    const share = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Share of the actions/ }) });
    const shares = share.getByRole('cell');
    await shares
      .filter({ hasText: /^\d+% of \d+ with a known outcome \(of [\d,]+ actions?\)$/ })
      .first()
      .waitFor();
    expect(
      await shares.evaluateAll((cells) => cells.filter((cell) => cell.classList.contains('font-bold')).length),
    ).toBe(0);
    await page
      .getByText(/a share of met demands is in bold only where it rests on at least 10 actions with a known outcome/)
      .waitFor();

    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Employee actions', exact: true }) });
    // Seen on the page: what a screen reader is told besides ("the largest") is not.
    const compared = (await row.getByRole('cell').allTextContents()).map((text) =>
      text.replace(/ \((?:tied for )?the largest\)$/, ''),
    );
    expect(compared).toHaveLength(4);

    for (const [index, slug] of ['salesforce', 'google', 'microsoft', 'amazon'].entries()) {
      const profile = await running.browser.newPage();
      await profile.goto(`${running.app.url}/companies/${slug}`);
      const card = profile
        .locator('div', { has: profile.getByRole('heading', { name: 'Employee actions', exact: true }) })
        .last();
      expect(await card.locator('p').first().textContent(), slug).toBe(compared[index]);
      await profile.close();
    }

    // Printed, the charts' figures are there as tables, and the picker is not.
    const tables = page.locator('details[data-print="open"]');
    expect(await tables.count()).toBeGreaterThan(0);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await tables.evaluateAll((all) => all.every((details) => (details as HTMLDetailsElement).open))).toBe(true);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    expect(await tables.evaluateAll((all) => all.some((details) => (details as HTMLDetailsElement).open))).toBe(false);

    // Removing a company is one click, and the CSV has the same figures.
    await page.getByRole('link', { name: 'Remove Amazon from the comparison' }).click();
    await page.waitForURL(/companies=salesforce,google,microsoft#table$/);
    const csv = await (
      await fetch(`${running.app.url}/compare/csv?companies=salesforce,google,microsoft,amazon`)
    ).text();
    for (const [index, slug] of ['salesforce', 'google', 'microsoft', 'amazon'].entries()) {
      const shown = compared[index] as string;
      expect(csv).toMatch(
        new RegExp(
          `^Employee actions,Employee actions,[^,]+,${slug},${shown.replace(/,/g, '')},,"?${shown}"?,false,,count$`,
          'm',
        ),
      );
    }
    await page.close();
  });

  it('offers companies while the visitor types, chosen with the keyboard, and misspellings forgiven', async () => {
    const page = await running.browser.newPage();
    await page.goto(`${running.app.url}/compare?companies=salesforce`);
    const box = page.getByRole('combobox', { name: 'Add a company' });
    await box.pressSequentially('microsfot');
    const option = page.getByRole('option', { name: /^Microsoft/ });
    await page.getByRole('status').filter({ hasText: 'like “microsfot”' }).waitFor();
    await option.waitFor();
    // Companies already compared are not offered again.
    await box.fill('salesforce');
    await page
      .getByRole('status')
      .getByText(/No other company on record is like “salesforce”\. Salesforce is already compared\./)
      .waitFor();
    expect(await page.getByRole('option').count()).toBe(0);
    await box.fill('microsfot');
    await option.waitFor();
    await box.press('ArrowDown');
    expect(await option.getAttribute('aria-selected')).toBe('true');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    await box.press('Enter');
    await page.waitForURL(/\/compare\?companies=salesforce,microsoft$/);
    await page.getByRole('columnheader').filter({ hasText: 'Microsoft' }).first().waitFor();
    expect(await box.inputValue()).toBe('');
    // Escape closes the list and leaves the typed name for Find.
    await box.pressSequentially('amaz');
    // (The answer for the whole of what was typed: one for a part of it may come first.)
    await page.getByRole('status').filter({ hasText: 'like “amaz”' }).waitFor();
    await page.getByRole('option', { name: 'Amazon', exact: true }).waitFor();
    // In forced colours (a high contrast theme) the option chosen is still told apart: the theme's highlight.
    await box.press('ArrowDown');
    await page.emulateMedia({ forcedColors: 'active' });
    const backgroundOf = (name: string) =>
      page.getByRole('option', { name, exact: true }).evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(await backgroundOf('Amazon')).not.toBe(await backgroundOf('Amazon Mechanical Turk'));
    await page.emulateMedia({ forcedColors: 'none' });
    await box.press('Escape');
    expect(await page.getByRole('listbox', { includeHidden: true }).isHidden()).toBe(true);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('link', { name: 'Add Amazon', exact: true }).click();
    await page.waitForURL(/companies=salesforce,microsoft,amazon$/);
    // A name compared already, typed again, is said to be, beside the others like it.
    await box.pressSequentially('amazon');
    await page
      .getByRole('status')
      .filter({ hasText: 'like “amazon”' })
      .filter({ hasText: 'Amazon is already compared.' })
      .waitFor();
    expect(await page.getByRole('option', { name: 'Amazon', exact: true }).count()).toBe(0);
    await box.press('Enter');
    await page.waitForURL(/add=amazon/);
    await page.getByText('Amazon is already compared.', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Add Amazon Mechanical Turk' }).waitFor();
    await page.goto(`${running.app.url}/compare?companies=salesforce,microsoft,amazon`);
    // The fourth, chosen with the keyboard, fills the comparison: the box takes no more but keeps the focus.
    await box.pressSequentially('goog');
    await page.getByRole('status').filter({ hasText: 'like “goog”' }).waitFor();
    await page.getByRole('option', { name: /^Google/ }).waitFor();
    await box.press('ArrowDown');
    await box.press('Enter');
    await page.waitForURL(/companies=salesforce,microsoft,amazon,google$/);
    const full = page.getByRole('combobox', { name: 'Already 4 companies: remove one to add another' });
    await full.waitFor();
    await expect.poll(() => full.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await full.getAttribute('aria-disabled')).toBe('true');
    await page.close();
  });

  it('offers names for what was typed before the page’s scripts ran, once they run', async () => {
    const page = await running.browser.newPage();
    // The scripts are held back until the name is typed, as on a slow phone.
    const release = await holdScripts(page);
    await page.goto(`${running.app.url}/compare?companies=salesforce`, { waitUntil: 'commit' });
    const box = page.getByRole('combobox', { name: 'Add a company' });
    await box.pressSequentially('microsfot');
    release();
    await page.getByRole('option', { name: /^Microsoft/ }).waitFor();
    expect(await box.inputValue()).toBe('microsfot');
    await box.press('ArrowDown');
    await box.press('Enter');
    await page.waitForURL(/\/compare\?companies=salesforce,microsoft$/);
    await page.close();
  });

  it('on a phone, keeps each link reached with the keyboard in view beside the measures column, its focus ring too', async () => {
    for (const width of [375, 320]) {
      const page = await running.browser.newPage({ viewport: { width, height: 667 } });
      await page.goto(`${running.app.url}/compare?companies=salesforce,google,microsoft,amazon`);
      await page.getByRole('link', { name: 'Remove Amazon from the comparison' }).focus();
      // Backwards through the companies' links: the table scrolls back under the column kept in place.
      for (let step = 0; step < 7; step += 1) {
        await page.keyboard.press('Shift+Tab');
        const { name, left, covered } = await page.evaluate(() => {
          const focused = document.activeElement as HTMLElement;
          const measures = document.querySelector('thead th')!.getBoundingClientRect();
          const box = focused.getBoundingClientRect();
          return {
            name: focused.getAttribute('aria-label') ?? focused.textContent,
            left: box.left,
            covered: measures.right,
          };
        });
        // The ring is drawn 2 px outside the link, 3 px wide.
        expect(left - 5, `${name} at ${width} px`).toBeGreaterThanOrEqual(covered);
      }
      // Scrolled down to its last row, the table keeps the companies' names in view over it.
      const inView = await page.getByRole('region', { name: 'The table of figures, scrollable' }).evaluate((box) => {
        box.scrollTo({ top: box.scrollHeight });
        const edges = box.getBoundingClientRect();
        const name = box.querySelector('thead th:nth-child(2)')!.getBoundingClientRect();
        const last = [...box.querySelectorAll('tbody tr')].at(-1)!.getBoundingClientRect();
        return (
          box.scrollTop > 0 && name.top >= edges.top - 1 && name.bottom <= last.top && last.bottom <= edges.bottom + 1
        );
      });
      expect(inView, `at ${width} px`).toBe(true);
      await page.close();
    }
  });

  it('works without JavaScript: find, add, remove and switch', async () => {
    const context = await running.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${running.app.url}/compare`);
    for (const name of ['Salesforce', 'Google']) {
      await page.getByLabel('Add a company').fill(name.toLowerCase().slice(0, 5));
      await page.getByRole('button', { name: 'Find' }).click();
      await page.getByRole('link', { name: `Add ${name}`, exact: true }).click();
    }
    expect(page.url()).toMatch(/\/compare\?companies=salesforce,google$/);
    // A name typed as it is on record (in any case, or another of its names) is added at once, and
    // the focus is back in the box, for the next one.
    await page.getByLabel('Add a company').fill('MICROSOFT');
    await page.getByLabel('Add a company').press('Enter');
    await page.waitForURL(/\/compare\?companies=salesforce,google,microsoft#compare-add$/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('compare-add');
    // Removed with the keyboard, the next Tab goes on in the table, not from the top of the page.
    await page.getByRole('link', { name: 'Remove Microsoft from the comparison' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/compare\?companies=salesforce,google#table$/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('table');
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => Boolean(document.activeElement?.closest('section[aria-labelledby="table"]'))),
    ).toBe(true);
    // A switch leaves the focus on itself, for the next Tab to go on from there.
    await page.getByRole('link', { name: 'Include subsidiaries' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/compare\?companies=salesforce,google&subsidiaries=1#subsidiaries-switch$/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Count each company alone');
    await page.getByRole('link', { name: 'Remove Google from the comparison' }).click();
    expect(page.url()).toMatch(/\/compare\?companies=salesforce&subsidiaries=1#table$/);
    await page.getByText('Add at least one more company to compare.').waitFor();
    // With one company there is nothing to compare, so nothing is said to be in bold.
    expect(await page.getByText(/in bold/).count()).toBe(0);
    // The last one removed, the focus is in the box that adds another.
    await page.getByRole('link', { name: 'Remove Salesforce from the comparison' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/compare\?subsidiaries=1#compare-add$/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('compare-add');
    await context.close();
  });

  it('says what to do when a name looked for is like no company, the box ready to type it otherwise', async () => {
    const page = await running.browser.newPage();
    await page.goto(`${running.app.url}/compare?companies=salesforce`);
    await hydrated(page);
    await page.getByLabel('Add a company').fill('zzzz');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.waitForURL(/\/compare\?companies=salesforce&add=zzzz$/);
    await page.getByRole('heading', { name: 'No company is like “zzzz”' }).waitFor();
    const everyCompany = page.getByRole('link', { name: 'every company' });
    expect(await everyCompany.getAttribute('href')).toBe('/companies');
    // The focus is back in the box, which the answer describes, not at the top of the page.
    const box = page.getByLabel('Add a company');
    await expect.poll(() => box.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await box.getAttribute('aria-describedby')).toBe('compare-found');
    expect(await page.locator('#compare-found').innerText()).toContain('Check its spelling');
    // A comparison without a name looked for leaves the focus where a page's load puts it.
    await page.goto(`${running.app.url}/compare?companies=salesforce,google`);
    await hydrated(page);
    expect(await page.getByLabel('Add a company').evaluate((element) => element === document.activeElement)).toBe(
      false,
    );
    await page.close();
  });

  it('suggests names as JSON for the name boxes, and answers a bad question with a 4xx', async () => {
    const ask = async (path: string) => {
      const response = await fetch(`${running.app.url}/suggestions/${path}`);
      return {
        status: response.status,
        body: (await response.json()) as { names?: { slug: string; also: string | null }[] },
      };
    };
    expect((await ask('companies?q=sales%20force')).body.names?.[0]?.slug).toBe('salesforce');
    expect((await ask('organizations?q=raices')).body.names?.[0]).toMatchObject({ slug: 'raices', also: 'RAICES' });
    expect(await ask('companies?q=')).toEqual({ status: 200, body: { names: [] } });
    expect(await ask(`companies?q=${'x'.repeat(101)}`)).toMatchObject({ status: 400 });
    expect(await ask('companies?q=a&q=b')).toMatchObject({ status: 400 });
    expect(await ask('users?q=a')).toMatchObject({ status: 404 });
    expect(await ask('constructor?q=a')).toMatchObject({ status: 404 });
  });

  it('adds a company by a name it is on record as, and sends anything else to the page to choose or to say what is wrong', async () => {
    const goes = async (query: string) => {
      const response = await fetch(`${running.app.url}/compare/add?${query}`, { redirect: 'manual' });
      expect(response.status, query).toBe(303);
      return response.headers.get('location');
    };
    // Back at the box, for the next one.
    expect(await goes('add=facebook')).toBe('/compare?companies=meta#compare-add');
    expect(await goes('companies=google&add=Salesforce.com')).toBe('/compare?companies=google,salesforce#compare-add');
    expect(await goes('companies=salesforce&subsidiaries=1&add=Salesforce.com')).toBe(
      '/compare?companies=salesforce&subsidiaries=1&add=Salesforce.com',
    );
    expect(await goes('companies=salesforce&per=year&add=%20google%20')).toBe(
      '/compare?companies=salesforce,google&per=year#compare-add',
    );
    expect(await goes('add=sales')).toBe('/compare?add=sales');
    expect(await goes('add=google&add=amazon')).toBe('/compare?add=google&add=amazon');
    expect(await goes('companies=salesforce,google,microsoft,amazon&add=meta')).toBe(
      '/compare?companies=salesforce,google,microsoft,amazon&add=meta',
    );
    expect(await goes(`add=${'g'.repeat(101)}`)).toBe(`/compare?add=${'g'.repeat(101)}`);
    // A list with an entry that can be no company's name goes to the page, which says so; a name
    // not on record is one more for the page to say is unknown.
    expect(await goes('companies=%3C%3E&add=google')).toBe('/compare?companies=%3C%3E&add=google');
    expect(await goes('companies=%3Cscript%3E&add=google')).toBe('/compare?companies=%3Cscript%3E,google#compare-add');
  });

  it('says which companies are unknown and how many can be compared', async () => {
    const page = await running.browser.newPage();
    await page.goto(`${running.app.url}/compare?companies=salesforce,nope,google,google,microsoft,amazon,uber`);
    const alert = page.getByRole('alert');
    await alert.getByText(/No company is on record as “nope”/).waitFor();
    await alert.getByText(/At most 4 companies can be compared at once; Uber left out/).waitFor();
    expect(await page.getByRole('link', { name: /^Remove / }).count()).toBe(4);
    // A company named twice is compared once, and the page says so.
    await page.getByText('“google” is named more than once in the address: compared once.').waitFor();
    // A fifth name sent from the box (the plain form) is not dropped without a word.
    await page.goto(`${running.app.url}/compare/add?companies=salesforce,google,microsoft,amazon&add=Meta`);
    await page
      .getByRole('alert')
      .getByText('At most 4 companies can be compared at once: remove one to add “Meta”.')
      .waitFor();
    // Companies given one by one in a hand-made address are compared as a list.
    const oneByOne = await page.goto(`${running.app.url}/compare?companies=salesforce&companies=google`);
    expect(oneByOne?.status()).toBe(200);
    expect(await page.getByRole('link', { name: /^Remove / }).count()).toBe(2);
    // A long list: the companies among its first 24 names are compared, and the rest said to be unread.
    const names = [...Array.from({ length: 20 }, (_, i) => `nope-${i}`), 'salesforce', 'google', 'x', 'y', 'z', 'w'];
    const long = await page.goto(`${running.app.url}/compare?companies=${names.join(',')}`);
    expect(long?.status()).toBe(200);
    await page
      .getByRole('alert')
      .getByText('Only the first 24 names in the address are read: 2 more were not.')
      .waitFor();
    expect(await page.getByRole('link', { name: /^Remove / }).count()).toBe(2);
    // With subsidiaries, a compared subsidiary counted in its parent's column too is said to be.
    await page.goto(`${running.app.url}/compare?companies=google,youtube&subsidiaries=1`);
    await page
      .getByText(
        'YouTube is a subsidiary of Google: with subsidiaries included, its records are counted in both columns.',
      )
      .waitFor();
    await page.goto(`${running.app.url}/compare`);
    await page.getByRole('link', { name: /The four companies of the 2018 report/ }).waitFor();
    await page.close();
  });

  it('says which of the address’s settings it cannot read, and shows the comparison without them', async () => {
    const page = await running.browser.newPage();
    const response = await page.goto(
      `${running.app.url}/compare?companies=salesforce,google&per=month&subsidiaries=yes&add=a&add=b`,
    );
    expect(response?.status()).toBe(200);
    const alert = page.getByRole('alert').filter({ hasText: 'left out' });
    for (const field of ['per', 'subsidiaries', 'add']) await alert.getByText(new RegExp(`“${field}”`)).waitFor();
    expect(await alert.textContent()).toContain('“per” can only be year. It is left out.');
    expect(await page.getByRole('link', { name: /^Remove / }).count()).toBe(2);
    // Its links and its one address go without them.
    expect(await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href')).toBe(
      '/compare/csv?companies=salesforce,google',
    );
    expect(await page.locator('link[rel=canonical]').getAttribute('href')).toMatch(
      /\/compare\?companies=salesforce,google$/,
    );
    // A column's header is its company: what removes it is not read out with every figure under it.
    expect(await page.getByRole('columnheader', { name: 'Salesforce', exact: true }).count()).toBe(1);
    // The largest value of a row is said to be, not only set in bold; values tied at the top, to share it.
    expect(await page.locator('td').filter({ hasText: '(the largest)' }).count()).toBeGreaterThan(0);
    const tied = await page
      .locator('tr')
      .filter({ has: page.locator('td', { hasText: '(tied for the largest)' }) })
      .all();
    for (const row of tied) {
      expect(await row.locator('td', { hasText: '(tied for the largest)' }).count()).toBeGreaterThan(1);
      expect(await row.locator('td', { hasText: /\(the largest\)/ }).count()).toBe(0);
    }
    // Invisible characters are left out of a name the page says back: no sentence turned backwards.
    await page.goto(`${running.app.url}/compare?companies=%E2%80%AEelgoog-ton!,google%E2%80%8B,amazon`);
    await page
      .getByRole('alert')
      .getByText('No company is on record as “elgoog-ton!”; the others are shown.')
      .waitFor();
    expect(await page.getByRole('link', { name: /^Remove / }).count()).toBe(2);
    // The seed report's contracts have no value on record: the chart says so, not that nothing is.
    await page.getByText('No contract value in US dollars is on record for these companies.').waitFor();
    await page.close();
  });

  it('refuses, with the reason, a CSV the page would show with a message: nothing is left out of a file without a word', async () => {
    // A file, or a refusal as every export answers one: JSON with the reason.
    const csv = async (query: string) => {
      const response = await fetch(`${running.app.url}/compare/csv?${query}`);
      const body = await response.text();
      if (response.ok) return { status: response.status, text: body };
      expect(response.headers.get('content-type'), query).toMatch(/^application\/json/);
      expect(response.headers.get('access-control-allow-origin'), query).toBe('*');
      return {
        status: response.status,
        text: `${(JSON.parse(body) as { error: { message: string } }).error.message}\n`,
      };
    };
    expect(await csv('companies=nope,amazon')).toEqual({
      status: 400,
      text: 'No company is on record as “nope”: /compare/csv?companies=amazon compares the others.\n',
    });
    expect(await csv('companies=nope')).toEqual({ status: 400, text: 'No company is on record as “nope”.\n' });
    // The parameter at fault is named among the issues, as any other's is.
    const named = (await (await fetch(`${running.app.url}/compare/csv?companies=google,nope`)).json()) as {
      error: { issues: { path: string[]; message: string }[] };
    };
    expect(named.error.issues).toEqual([
      {
        path: ['companies'],
        message: 'No company is on record as “nope”: /compare/csv?companies=google compares the others.',
      },
    ]);
    // Several, as alternatives.
    expect(await csv('companies=zzz,yyy,xxx')).toEqual({
      status: 400,
      text: 'No company is on record as “zzz”, “yyy” or “xxx”.\n',
    });
    expect(await csv(`companies=${Array.from({ length: 25 }, (_, i) => `c${i}`).join(',')}`)).toEqual({
      status: 400,
      text: 'At most four companies are compared, and the file reads no more than 24 names: 1 more was given.\n',
    });
    expect((await csv('companies=salesforce,google,microsoft,amazon,uber')).text).toBe(
      'At most four companies are compared; Uber would be left out: /compare/csv?companies=salesforce,google,microsoft,amazon compares the first four.\n',
    );
    expect(await csv('companies=amazon,microsoft&subsidiaries=yes')).toEqual({
      status: 400,
      text: 'subsidiaries: must be 1 or true (included), or 0 or false.\n',
    });
    // A switch given twice is refused, as the page refuses it, not read as its last value.
    for (const query of ['subsidiaries=0&subsidiaries=1', 'per=year&per=year']) {
      const twice = await fetch(`${running.app.url}/compare/csv?companies=amazon,microsoft&${query}`);
      const key = query.replace(/=.*/, '');
      expect(twice.status, query).toBe(400);
      expect(await twice.json(), query).toEqual({
        error: {
          message: `${key}: given more than once; give it once.`,
          issues: [{ path: [key], message: 'given more than once; give it once' }],
        },
      });
    }
    // Each parameter that is wrong is also named in the issues, as the API's and the exports' refusals name them.
    const wrongPer = await fetch(`${running.app.url}/compare/csv?companies=amazon,microsoft&per=month`);
    expect(await wrongPer.json()).toEqual({
      error: {
        message: 'per: the one value it takes is year.',
        issues: [{ path: ['per'], message: 'the one value it takes is year' }],
      },
    });
    expect(await csv('companies=amazon&x=1')).toMatchObject({
      status: 400,
      text: expect.stringMatching(/^Unknown parameter x/),
    });
    // Given twice, it is still unknown, and not to be given once.
    const unknownTwice = await csv('companies=amazon&x=1&x=2');
    expect(unknownTwice).toMatchObject({ status: 400, text: expect.stringMatching(/^Unknown parameter x/) });
    expect(unknownTwice.text).not.toContain('more than once');
    // Blank, it is still unknown (a blank known one is left off).
    expect(await csv('companies=amazon&x=')).toMatchObject({
      status: 400,
      text: expect.stringMatching(/^Unknown parameter x/),
    });
    // Companies given one by one too often, or named at length: said in words, not as "invalid input".
    const often = Array.from({ length: 101 }, (_, n) => `companies=c${n}`).join('&');
    expect(await csv(often)).toEqual({
      status: 400,
      text: 'companies: given at most 100 times (four companies are compared).\n',
    });
    expect(await csv(`companies=amazon&companies=${'a'.repeat(101)}`)).toEqual({
      status: 400,
      text: 'companies: each company is named in at most 100 characters, by its address name such as salesforce.\n',
    });
    expect(await csv(`companies=${'a,'.repeat(5001)}`)).toEqual({
      status: 400,
      text: 'companies: the companies are named in at most 10,000 characters, such as companies=salesforce,google.\n',
    });
    // No companies, or a blank list: the one parameter the file cannot do without.
    for (const query of ['', 'companies=', 'companies=%20&per=year'])
      expect(await csv(query), query).toEqual({
        status: 400,
        text: 'companies: name the companies to compare, such as companies=salesforce,google.\n',
      });
    expect(await csv('companies=,,')).toMatchObject({
      status: 400,
      text: expect.stringMatching(/^Name the companies/),
    });
    // A switch given empty is left off, as on every other address.
    expect(await csv('companies=amazon,microsoft&subsidiaries=&per=')).toEqual(await csv('companies=amazon,microsoft'));
    // Given one by one, as the page reads them: both compared.
    const file = await fetch(`${running.app.url}/compare/csv?companies=amazon,microsoft`);
    expect([file.headers.get('access-control-allow-origin'), file.headers.get('cache-control')]).toEqual([
      '*',
      'public, max-age=60',
    ]);
    const both = await csv('companies=amazon&companies=microsoft');
    expect(both.status).toBe(200);
    expect(both.text).toContain(',Amazon,amazon,');
    expect(both.text).toContain(',Microsoft,microsoft,');
    // Each file is named for what it holds.
    for (const [query, name] of [
      ['companies=amazon,microsoft', 'counterweight-amazon-microsoft.csv'],
      [
        'companies=amazon,microsoft&subsidiaries=1&per=year',
        'counterweight-amazon-microsoft-with-subsidiaries-per-year.csv',
      ],
    ]) {
      const response = await fetch(`${running.app.url}/compare/csv?${query}`);
      expect(response.headers.get('content-disposition'), query).toBe(`attachment; filename="${name}"`);
    }
  });

  it('names the compared companies in a shared link’s title and preview, and lists comparisons in the sitemap', async () => {
    const html = await (await fetch(`${running.app.url}/compare?companies=salesforce,google`)).text();
    expect(html).toContain('<title>Salesforce and Google compared · Counterweight</title>');
    expect(html).toContain('<meta property="og:title" content="Salesforce and Google compared · Counterweight"/>');
    const sitemap = await (await fetch(`${running.app.url}/sitemap.xml`)).text();
    expect(sitemap).toMatch(/<loc>[^<]*\/compare<\/loc>/);
    expect(sitemap).toMatch(/<loc>[^<]*\/compare\?companies=salesforce,google,microsoft,amazon<\/loc>/);
  });
});
