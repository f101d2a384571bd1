import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accessibilityViolations, widerThanScreen } from '../helpers/accessibility';
import { hydrated } from '../helpers/browser';
import { withDemoAppAndBrowser } from '../helpers/demo-app';

describe('a visitor', () => {
  const running = withDemoAppAndBrowser();

  it('searches "Salesforce", opens the profile and finds the RAICES rejection with its source and the chart', async () => {
    const page = await running.browser.newPage();
    await page.goto(`${running.app.url}/`);
    await page.getByRole('searchbox', { name: 'Search the record' }).fill('Salesforce');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=Salesforce$/);
    await page
      .getByRole('region', { name: 'Companies' })
      .getByRole('link', { name: 'Salesforce', exact: true })
      .click();
    await page.waitForURL(/\/companies\/salesforce$/);
    // Who the company is, its country by name.
    await page
      .getByRole('definition')
      .filter({ hasText: /^United States$/ })
      .waitFor();

    const rejection = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'RAICES rejected $250,000 from Salesforce' }) });
    await rejection.waitFor();
    await rejection.getByRole('list', { name: 'Sources' }).getByText('BuzzFeed News').waitFor();

    const chart = page.getByRole('img', { name: /Activity of Salesforce per year/ });
    await chart.waitFor();
    expect(await chart.locator('rect').count()).toBeGreaterThan(0);
    // Its feeds are in sight, not only in the page's head.
    expect(await page.getByRole('link', { name: 'Atom feed' }).getAttribute('href')).toBe(
      '/feeds/companies/salesforce.atom',
    );
    expect(await page.getByRole('link', { name: 'JSON Feed' }).getAttribute('href')).toBe(
      '/feeds/companies/salesforce.json',
    );

    // The letter's source link goes to the publisher.
    const letter = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'Open letter involving Salesforce' }) });
    expect(await letter.getByRole('link', { name: /bloomberg\.com/ }).getAttribute('href')).toMatch(
      /^https:\/\/www\.bloomberg\.com\//,
    );

    // The timeline narrowed to a kind and a year comes as data too: the same records.
    await page.goto(`${running.app.url}/companies/salesforce?kind=action&year=2018`);
    const entries = Number((await page.getByText(/^\d+ entr(y|ies), newest first\.$/).textContent())?.split(' ')[0]);
    const json = await page.getByRole('link', { name: 'Employee actions as JSON' }).getAttribute('href');
    expect(json).toBe('/exports/actions.json?company=salesforce&from=2018&to=2018');
    const exported = (await (await fetch(`${running.app.url}${json}`)).json()) as { data: unknown[] };
    expect(exported.data).toHaveLength(entries);
    await page.close();
  });

  it('names the feeds of a company’s and an agency’s records in their pages, and the feeds of everything elsewhere', async () => {
    for (const [path, feed, query = ''] of [
      ['/companies/salesforce', '/feeds/companies/salesforce'],
      // Read with its subsidiaries, a profile offers their records' feed with them (when it has some).
      ['/companies/alphabet?subsidiaries=1', '/feeds/companies/alphabet', '?subsidiaries=1'],
      ['/companies/palantir?subsidiaries=1', '/feeds/companies/palantir'],
      ['/agencies/dhs', '/feeds/agencies/dhs'],
      ['/companies', '/feeds/all'],
    ] as const) {
      const html = await (await fetch(`${running.app.url}${path}`)).text();
      const head = html.slice(0, html.indexOf('</head>'));
      for (const [type, extension] of [
        ['application/atom+xml', 'atom'],
        ['application/feed+json', 'json'],
      ] as const) {
        const link = new RegExp(
          `<link rel="alternate" type="${type.replace(/[+.]/g, '\\$&')}"[^>]* href="[^"]*${feed}\\.${extension}${query.replace('?', '\\?')}"`,
        );
        expect(head, `${path}: ${type}`).toMatch(link);
        const linked = await fetch(`${running.app.url}${feed}.${extension}${query}`);
        expect(linked.status, `${feed}.${extension}`).toBe(200);
        await linked.arrayBuffer();
      }
    }
  });

  it('offers the agencies and the organisations as data, every one of them', async () => {
    for (const kind of ['agencies', 'organizations'] as const) {
      const html = await (await fetch(`${running.app.url}/${kind}`)).text();
      const listed = Number(/(\d+) (?:agenc(?:y|ies)|organizations?), /.exec(html)?.[1]);
      expect(listed, kind).toBeGreaterThan(0);
      for (const format of ['csv', 'json'] as const) {
        expect(html, `${kind}.${format}`).toContain(`href="/exports/${kind}.${format}"`);
      }
      const exported = (await (await fetch(`${running.app.url}/exports/${kind}.json`)).json()) as { data: unknown[] };
      expect(exported.data.length, kind).toBe(listed);
    }
  });

  it('cites a record as it stands: its version, its address and the day, with that version in its history', async () => {
    const page = await running.browser.newPage();
    await page.goto(`${running.app.url}/companies/salesforce`);
    await page.getByRole('link', { name: 'RAICES rejected $250,000 from Salesforce' }).click();
    await page.waitForURL(/\/donations\/[a-z0-9]+$/);
    const citation = page.getByRole('region', { name: 'Cite this record' });
    const text = (await citation.getByText(/^Counterweight\./).textContent()) ?? '';
    const day = /\d{1,2} [A-Z][a-z]+ \d{4}/.source;
    expect(text).toMatch(
      new RegExp(
        `^Counterweight\\. “RAICES rejected \\$250,000 from Salesforce\\.” Version (\\d+), last changed ${day}\\. ` +
          `http\\S+/donations/[a-z0-9]+, read on ${day}\\.$`,
      ),
    );
    expect(text).toContain(page.url().replace(/^https?:\/\/[^/]+/, ''));
    const version = text.match(/Version (\d+)/)?.[1];
    await citation.getByRole('link', { name: 'the record’s history' }).click();
    await page.waitForURL(new RegExp(`/history/donation/[a-z0-9]+#version-${version}$`));
    expect(await page.locator(`#version-${version}`).textContent()).toContain(`(version ${version})`);

    // An action from the imported data set too: its version is in its history.
    await page.goto(`${running.app.url}/companies/salesforce`);
    await page.getByRole('link', { name: 'Open letter involving Salesforce' }).click();
    await page.waitForURL(/\/actions\/[a-z0-9]+$/);
    const imported = page.getByRole('region', { name: 'Cite this record' });
    const cited = (await imported.getByText(/^Counterweight\./).textContent())?.match(/Version (\d+)/)?.[1];
    await imported.getByRole('link', { name: 'the record’s history' }).click();
    await page.waitForURL(new RegExp(`/history/action/[a-z0-9]+#version-${cited}$`));
    expect(await page.locator(`#version-${cited}`).textContent()).toContain(`(version ${cited})`);

    // A profile, which gathers records, is cited by its address and the day.
    await page.goto(`${running.app.url}/companies/salesforce`);
    expect(
      await page
        .getByRole('region', { name: 'Cite this page' })
        .getByText(/^Counterweight\./)
        .textContent(),
    ).toMatch(new RegExp(`^Counterweight\\. “Salesforce\\.” \\S+/companies/salesforce, read on ${day}\\.$`));
    await page.close();
  });

  it('tells apart in their titles the records that share a title and a day, and the contracts that share a title', async () => {
    const { url } = running.app;
    const titleOf = async (path: string) =>
      /<title>([^<]*)<\/title>/.exec(await (await fetch(`${url}${path}`)).text())?.[1];
    type Listed = { id: string; title: string; startDate: string; company?: { slug: string } };
    const actions = (
      (await (await fetch(`${url}/api/v1/actions?company=amazon&from=2021&to=2021&limit=100`)).json()) as {
        data: Listed[];
      }
    ).data.filter(
      (action) => action.startDate === '2021-03-29' && action.title === 'Protest and strike involving Amazon',
    );
    // The strikes in Germany and in Italy on the same day.
    expect(actions).toHaveLength(2);
    const actionTitles = await Promise.all(actions.map((action) => titleOf(`/actions/${action.id}`)));
    expect(new Set(actionTitles).size, actionTitles.join(' / ')).toBe(2);
    for (const title of actionTitles)
      expect(title).toMatch(/^Protest and strike involving Amazon \(29 March 2021\): \S/);
    // Their histories, with their date as their pages give it (many actions share a title).
    expect(await titleOf(`/history/action/${actions[0]!.id}`)).toBe(
      'History of Protest and strike involving Amazon (29 March 2021) · Counterweight',
    );
    // Amazon's and Microsoft's contracts with ICE: their histories say whose they are.
    const contracts = (
      (await (await fetch(`${url}/api/v1/contracts?agency=ice&limit=100`)).json()) as { data: Listed[] }
    ).data;
    const byCompany = (slug: string) => contracts.find((contract) => contract.company?.slug === slug)!;
    expect(byCompany('amazon').title).toBe(byCompany('microsoft').title);
    expect(await titleOf(`/history/contract/${byCompany('amazon').id}`)).toBe(
      `History of Amazon: ${byCompany('amazon').title} · Counterweight`,
    );
    expect(await titleOf(`/history/contract/${byCompany('microsoft').id}`)).toBe(
      `History of Microsoft: ${byCompany('microsoft').title} · Counterweight`,
    );
  });

  it('says a statement once: a summary of one sentence is its heading, not repeated below it', async () => {
    const { data } = (await (await fetch(`${running.app.url}/api/v1/statements?company=salesforce`)).json()) as {
      data: { id: string; summary: string }[];
    };
    expect(data.length).toBeGreaterThan(1);
    for (const statement of data) {
      const html = await (await fetch(`${running.app.url}/statements/${statement.id}`)).text();
      const heading = html.match(/<h1[^>]*>([^<]*)<\/h1>/)?.[1] ?? '';
      expect(heading.replace(/&#x27;|&rsquo;/g, '’').replace(/&amp;/g, '&'), statement.id).toContain(
        statement.summary.replace(/^Salesforce /, ''),
      );
      expect(html, statement.id).not.toContain('What it says');
      // Its title, for a tab and a shared link's card, is short whatever the summary's length.
      const title = html.match(/<title>([^<]*)<\/title>/)?.[1] ?? '';
      expect(title.length, title).toBeLessThanOrEqual(120);
    }
  });

  it('makes the server answer only the pages it opens: no link in view is prefetched, a click loads the page itself', async () => {
    // next/link would ask for every link in view (two requests each, 24 to 34 for one page of this
    // site), none of which the page cache answers (docs/decisions/011-plain-links.md).
    const page = await running.browser.newPage();
    const routerRequests: string[] = [];
    const documents: string[] = [];
    page.on('request', (request) => {
      const headers = request.headers();
      if (headers.rsc || headers['next-router-prefetch']) routerRequests.push(request.url());
      if (request.resourceType() === 'document') documents.push(new URL(request.url()).pathname);
    });
    for (const path of ['/', '/companies/salesforce', '/search?q=strike']) {
      await page.goto(`${running.app.url}${path}`, { waitUntil: 'networkidle' });
      for (let screen = 0; screen < 6; screen += 1) {
        await page.mouse.wheel(0, 800);
        await page.waitForTimeout(150);
      }
      await page.waitForLoadState('networkidle');
    }
    await page
      .getByRole('region', { name: 'Incidents' })
      .getByRole('heading', { level: 3 })
      .first()
      .getByRole('link')
      .click();
    await page.waitForURL(/\/actions\//);
    expect(routerRequests).toEqual([]);
    expect(documents).toEqual(['/', '/companies/salesforce', '/search', documents[3]]);
    expect(documents[3]).toMatch(/^\/actions\/[a-z0-9]+$/);
    await page.close();
  });

  it('lists a company’s incidents with its subsidiaries’, as its profile counts them, and downloads the same', async () => {
    const page = await running.browser.newPage();
    await page.goto(`${running.app.url}/incidents?company=alphabet&kind=action`);
    const count = async () =>
      Number(
        (
          /^([\d,]+) incidents? match/.exec(
            (await page.getByText(/incidents? match(?:es)? these filters/).textContent()) ?? '',
          )?.[1] ?? ''
        ).replace(/,/g, ''),
      );
    const own = await count();
    await page.getByRole('checkbox', { name: 'Include the company’s subsidiaries' }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/[?&]subsidiaries=1/);
    await page.getByText('(Alphabet and its subsidiaries)', { exact: false }).waitFor();
    const family = await count();
    // Google's and YouTube's actions with Alphabet's own, as the profile with its subsidiaries counts them.
    expect(family).toBeGreaterThan(own + 50);
    expect(await page.title()).toMatch(/^Employee actions: Alphabet and subsidiaries/);
    const json = await page.getByRole('link', { name: 'JSON' }).getAttribute('href');
    expect(json).toBe('/exports/actions.json?company=alphabet&subsidiaries=1');
    // A company with no subsidiaries on record is not said to have some.
    for (const path of ['/incidents?company=youtube&subsidiaries=1', '/contracts?company=youtube&subsidiaries=1']) {
      const html = await (await fetch(`${running.app.url}${path}`)).text();
      expect(html, path).toMatch(/YouTube/);
      // (The page's data for its scripts repeats the address's words: read without it.)
      const shown = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
      expect(shown, path).not.toMatch(/subsidiaries\)|YouTube and (its )?subsidiaries/);
    }
    const exported = (await (await fetch(`${running.app.url}${json}`)).json()) as { data: unknown[] };
    expect(exported.data).toHaveLength(family);
    const profile = await (await fetch(`${running.app.url}/companies/alphabet?subsidiaries=1`)).text();
    expect(profile).toContain(`>${family}<`);
    // The profile with its subsidiaries offers the same download as the list.
    await page.goto(`${running.app.url}/companies/alphabet?subsidiaries=1&kind=action`);
    expect(await page.getByRole('link', { name: 'Employee actions as JSON' }).getAttribute('href')).toBe(json);
    await page.close();
  });

  it('finds an agency by another name it goes by, and says so', async () => {
    const page = await running.browser.newPage();
    await page.goto(`${running.app.url}/search?q=pentagon`);
    const found = page.getByRole('region', { name: 'Agencies' });
    await found.getByText('Department of Defense (DoD) (as “Pentagon”)').waitFor();
    await found.getByRole('link', { name: 'Department of Defense (DoD)' }).click();
    await page.waitForURL(/\/agencies\/dod$/);
    await page.getByText('Also known as Pentagon').waitFor();
    await page.close();
  });

  it('puts right a misspelt company name among the words, says so, and leads to the incidents with them put right', async () => {
    const page = await running.browser.newPage();
    await page.goto(`${running.app.url}/search?q=Mircosoft%20ICE`);
    await page
      .getByText(
        'No incident has the words “Mircosoft ICE”; these have “Microsoft ICE”, reading “Mircosoft” as Microsoft.',
      )
      .waitFor();
    await page.getByRole('region', { name: 'Companies' }).getByRole('link', { name: 'Microsoft' }).waitFor();
    expect(await page.getByRole('region', { name: 'Incidents' }).getByRole('listitem').count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Every incident with these words' }).click();
    await page.waitForURL(/\/incidents\?q=Microsoft\+ICE$/);
    // A name alone, put right, is not named twice.
    await page.goto(`${running.app.url}/search?q=salesfroce`);
    await page
      .getByText('No incident has the word “salesfroce”; these have “Salesforce”, the name as written on record.')
      .waitFor();
    // An address written in Latin-1 (é as %E9), which no browser sends but a hand or a script may: said so.
    await page.goto(`${running.app.url}/search?q=caf%E9`);
    await page
      .getByRole('alert')
      .getByText(/could not carry \(it was not written as UTF-8\)/)
      .waitFor();
    expect(await page.getByRole('heading', { name: 'Incidents' }).count()).toBe(0);
    // The box holds the words without it: sent again, they are searched.
    expect(await page.getByRole('searchbox', { name: /^Search companies/ }).inputValue()).toBe('caf');
    await page.close();
  });

  it('goes from a search to every incident with its words, and from a tag to every action with it, each downloaded', async () => {
    const page = await running.browser.newPage();
    // A phrase in its own quotation marks is shown once quoted, and found as the phrase.
    await page.goto(`${running.app.url}/search?q=${encodeURIComponent('“open letter”')}`);
    await page.getByText('Results for “open letter”.', { exact: true }).waitFor();
    await page.goto(`${running.app.url}/search?q=ICE`);
    await page.getByText('Results for “ICE”.', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Every incident with these words' }).click();
    await page.waitForURL(/\/incidents\?q=ICE$/);
    expect(await page.getByLabel('Words').inputValue()).toBe('ICE');
    await page.getByLabel('Kind').selectOption('action');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/\/incidents\?kind=action&q=ICE/);
    const summary = await page.getByText(/incidents? match(?:es)? these filters/).textContent();
    // The download links leave no gap before the punctuation after them ("JSON; contracts").
    expect(await page.getByRole('link', { name: 'JSON' }).evaluate((link) => getComputedStyle(link).paddingRight)).toBe(
      '0px',
    );
    const json = await page.getByRole('link', { name: 'JSON' }).getAttribute('href');
    expect(json).toBe('/exports/actions.json?q=ICE');
    const exported = (await (await fetch(`${running.app.url}${json}`)).json()) as { data: unknown[] };
    expect(`${exported.data.length}`).toBe(/^(\d+)/.exec(summary ?? '')?.[1]);
    expect(exported.data.length).toBeGreaterThan(10);

    // A tag on an action's page leads to every action with that tag.
    const [tagged] = (
      (await (await fetch(`${running.app.url}/api/v1/actions?tag=ice&limit=1`)).json()) as {
        data: { id: string }[];
      }
    ).data;
    await page.goto(`${running.app.url}/actions/${tagged!.id}`);
    await page.getByRole('definition').getByRole('link', { name: /^ice$/i }).click();
    await page.waitForURL(/\/incidents\?kind=action&tag=ice$/);
    expect(await page.getByLabel('Tag').inputValue()).toBe('ice');
    const tagSummary = await page.getByText(/incidents? match(?:es)? these filters/).textContent();
    const tagJson = await page.getByRole('link', { name: 'JSON' }).getAttribute('href');
    expect(tagJson).toBe('/exports/actions.json?tag=ice');
    const tagExport = (await (await fetch(`${running.app.url}${tagJson}`)).json()) as { data: unknown[] };
    expect(`${tagExport.data.length}`).toBe(/^(\d+)/.exec(tagSummary ?? '')?.[1]);
    await page.close();
  });

  it('narrows the incidents to open letters of 2018 and shares the address', async () => {
    const page = await running.browser.newPage();
    await page.goto(`${running.app.url}/incidents`);
    // Each form says how many published actions it has; a form with none is not offered.
    const form = page.getByLabel('Action form');
    const letters = (await form.locator('option').allTextContents()).find((label) =>
      label.startsWith('Open letter or petition ('),
    );
    expect(letters).toMatch(/^Open letter or petition \(\d+\)$/);
    expect((await form.locator('option').allTextContents()).filter((label) => / \(0\)$/.test(label))).toEqual([]);
    await form.selectOption({ label: letters! });
    await page.getByLabel('From year').fill('2018');
    await page.getByLabel('To year').fill('2018');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/form=open-letter/);
    const shared = page.url();
    // Led to the results, which a phone shows below the filters, the focus with it (not on the page's body).
    expect(new URL(shared).hash).toBe('#results');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('results');
    // Only the filters chosen, not the form's untouched fields.
    expect(new URL(shared).search).not.toMatch(/=(&|$)/);
    expect(shared).toMatch(/from=2018/);
    expect(shared).toMatch(/to=2018/);
    const summary = await page.getByText(/incidents? match(?:es)? these filters/).textContent();
    const titles = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(titles).toContain('Open letter involving Salesforce');
    // The same list as data: the download link carries the filters.
    // The download links leave no gap before the punctuation after them ("JSON; contracts").
    expect(await page.getByRole('link', { name: 'JSON' }).evaluate((link) => getComputedStyle(link).paddingRight)).toBe(
      '0px',
    );
    const json = await page.getByRole('link', { name: 'JSON' }).getAttribute('href');
    expect(json).toBe('/exports/actions.json?from=2018&to=2018&form=open-letter');
    // Back on the whole list, its filters show the whole list's, not those chosen before leaving it.
    await page.goBack();
    await page.waitForURL(/\/incidents$/);
    await hydrated(page);
    await expect.poll(() => page.getByLabel('From year').inputValue()).toBe('');
    expect(await page.getByLabel('To year').inputValue()).toBe('');
    expect(await page.getByLabel('Action form').inputValue()).toBe('');
    await page.goForward();
    await page.waitForURL(/form=open-letter/);
    await hydrated(page);
    await expect.poll(() => page.getByLabel('From year').inputValue()).toBe('2018');
    const exported = (await (await fetch(`${running.app.url}${json}`)).json()) as { data: unknown[] };
    expect(`${exported.data.length}`).toBe(/^(\d+)/.exec(summary ?? '')?.[1]);

    // Someone else opens the shared address and sees the same list.
    const other = await running.browser.newPage();
    await other.goto(shared);
    // Its tab, and a bookmark of it, say which list it is.
    expect(await other.title()).toBe('Incidents: Open letter or petition · 2018 · Counterweight');
    expect(await other.getByText(/incidents? match(?:es)? these filters/).textContent()).toBe(summary);
    expect(await other.getByRole('heading', { level: 2 }).allTextContents()).toEqual(titles);
    // With the filters kept, the open letters' count is the list's own (the menu counts what a choice finds).
    const chosen = await other.getByLabel('Action form').locator('option:checked').textContent();
    expect(chosen).toBe(`Open letter or petition (${/^(\d+)/.exec(summary ?? '')?.[1]})`);
    // The pages lead to the results too.
    await other.goto(`${running.app.url}/incidents?kind=action`);
    expect(
      await other
        .getByRole('navigation', { name: 'Incident pages' })
        .getByRole('link', { name: /Next/ })
        .getAttribute('href'),
    ).toBe('/incidents?kind=action&page=2#results');
    await page.close();
    await other.close();
  });

  it('puts a list’s filters back as its address asks when Back shows it again, the company box too', async () => {
    const page = await running.browser.newPage();
    await page.goto(`${running.app.url}/incidents?kind=action`);
    await hydrated(page);
    await page.getByLabel('Company (a name, such as Salesforce)').fill('Salesforce');
    await page.getByLabel('From year').fill('2018');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/company=Salesforce/);
    await page.goBack();
    await page.waitForURL(/\/incidents\?kind=action$/);
    await hydrated(page);
    await expect.poll(() => page.getByLabel('Company (a name, such as Salesforce)').inputValue()).toBe('');
    expect(await page.getByLabel('From year').inputValue()).toBe('');
    // Shown again from the browser's memory of the page (its back-forward cache), as it was left:
    // the company box, whose text is the page script's, is put back too.
    await page.getByLabel('Company (a name, such as Salesforce)').fill('Amazon');
    await page.getByLabel('From year').fill('2019');
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })));
    await expect.poll(() => page.getByLabel('Company (a name, such as Salesforce)').inputValue()).toBe('');
    expect(await page.getByLabel('From year').inputValue()).toBe('');
    // Still a box to type in: what is typed next is what is sent.
    await page.getByLabel('Company (a name, such as Salesforce)').fill('Google');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/company=Google/);
    await page.close();
  });

  it('finds nothing wrong in an automated WCAG 2.2 AA audit of every kind of public page, on a desktop and on a phone, and none wider than the screen', async () => {
    // One record page of each kind, as the profile links them.
    const profile = await (await fetch(`${running.app.url}/companies/salesforce`)).text();
    const recordPages = ['actions', 'contracts', 'donations', 'statements'].map((kind) => {
      const path = new RegExp(`href="(/${kind}/[a-z0-9]+)"`).exec(profile)?.[1];
      expect(path, `a link to one of ${kind} on the profile`).toBeDefined();
      return path!;
    });
    const everyKind = [
      '/',
      '/companies?sort=actions',
      '/companies/salesforce',
      '/incidents?form=open-letter&from=2018&to=2018',
      '/contracts',
      '/agencies',
      '/agencies/cbp',
      '/organizations',
      '/organizations/raices',
      '/search',
      '/search?q=salesfroce',
      '/compare',
      '/compare?companies=salesforce,google,microsoft,amazon',
      '/history/company/salesforce',
      '/about',
      '/api-docs',
      '/sign-in',
      '/no-such-page',
      ...recordPages,
    ];
    const onPhone = ['/', '/companies?sort=actions', '/companies/salesforce', '/incidents', '/search?q=salesfroce'];
    onPhone.push('/compare?companies=salesforce,google,microsoft,amazon', recordPages[0]!);
    // A filter's chip holding one long word (an award's key pasted in) wraps inside the screen.
    onPhone.push('/contracts?q=CONT_AWD_70B04C18F00001_7014_GS35F0119Y_4732');
    const audits: [{ width: number; height: number }, string[]][] = [
      [{ width: 1280, height: 900 }, everyKind],
      [{ width: 375, height: 740 }, onPhone],
    ];
    for (const [viewport, paths] of audits) {
      // The phone as a phone: a touch screen.
      const phone = viewport.width < 500;
      const page = await running.browser.newPage({ viewport, hasTouch: phone, isMobile: phone });
      for (const path of paths) {
        await page.goto(`${running.app.url}${path}`);
        expect(await accessibilityViolations(page), `${path} at ${viewport.width} px`).toEqual([]);
        // Nothing makes the page itself wider than the screen: wide tables and charts scroll in their own box.
        expect(await widerThanScreen(page), `${path} at ${viewport.width} px: pixels wider than the screen`).toBe(0);
        // On a touch screen no field's text is under 16 pixels, which a phone's browser zooms into on focus.
        if (phone)
          expect(
            await page.evaluate(() =>
              [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                .filter((field) => parseFloat(getComputedStyle(field).fontSize) < 16)
                .map((field) => field.getAttribute('name') ?? field.id),
            ),
            `${path}: fields under 16 px`,
          ).toEqual([]);
      }
      await page.close();
    }
  });

  it.each([
    ['/companies/salesforce', /Activity of Salesforce per year, 2018–2019/, ['2018', '2019']],
    // Shipt's and Target's actions, all in 2020: the one year's points were out of view at the left.
    ['/compare?companies=shipt,target', /Employee actions per year/, ['2020']],
  ])(
    'draws a chart of few years as narrow as they need: on a phone it is in view whole, at 1:1 (%s)',
    async (path, name, expected) => {
      const page = await running.browser.newPage({ viewport: { width: 375, height: 740 } });
      await page.goto(`${running.app.url}${path}`);
      const seen = await page.getByRole('img', { name }).evaluate((svg) => {
        const box = svg.closest('[role="region"]')!.getBoundingClientRect();
        const inView = (element: Element) => {
          const rect = element.getBoundingClientRect();
          return rect.left >= box.left && rect.right <= box.right;
        };
        const years = [...svg.querySelectorAll('text')].filter((text) => /^\d{4}$/.test(text.textContent ?? ''));
        return {
          years: years.map((text) => text.textContent),
          allInView: years.every(inView) && inView(svg),
          scale: svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width,
        };
      });
      expect(seen).toEqual({ years: expected, allInView: true, scale: 1 });
      await page.close();
    },
  );

  it('sets a chart of few years at the left of its box on a wide screen, not at the right', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${running.app.url}/companies/salesforce`);
    const chart = page.getByRole('img', { name: /Activity of Salesforce per year/ });
    const gap = await chart.evaluate((svg) => {
      const box = svg.closest('[role="region"]')!.getBoundingClientRect();
      const drawn = svg.getBoundingClientRect();
      return { left: drawn.left - box.left, right: box.right - drawn.right };
    });
    // Within the box's room for a focus ring on the left; the box's free width on the right.
    expect(gap.left).toBeLessThanOrEqual(6);
    expect(gap.right).toBeGreaterThan(100);
    await page.close();
  });

  it.each([
    ['/companies/microsoft', /Activity of Microsoft per year/],
    ['/compare?companies=salesforce,google', /Employee actions per year/],
  ])('opens a chart on a phone at its latest years, its labels readable (%s)', async (path, name) => {
    const page = await running.browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(`${running.app.url}${path}`);
    const chart = page.getByRole('img', { name });
    const seen = await chart.evaluate((svg) => {
      const box = svg.closest('[role="region"]')!.getBoundingClientRect();
      const years = [...svg.querySelectorAll('text')].filter((text) => /^\d{4}$/.test(text.textContent ?? ''));
      const last = years.at(-1)!.getBoundingClientRect();
      const first = years[0]!.getBoundingClientRect();
      return {
        // The latest year's label is in view; the first is scrolled out of it, to the left.
        lastInView: last.left >= box.left && last.right <= box.right,
        firstInView: first.left >= box.left && first.right <= box.right,
        // The counts are labelled on the right too, in view at once.
        axisInView: [...svg.querySelectorAll('text:not([text-anchor])')].some((text) => {
          const label = text.getBoundingClientRect();
          return label.left >= box.left && label.right <= box.right;
        }),
        // The labels' size in the drawing's units, scaled as the drawing is.
        labelPixels:
          (Number(years[0]!.getAttribute('font-size')) * svg.getBoundingClientRect().width) /
          (svg as SVGSVGElement).viewBox.baseVal.width,
      };
    });
    expect(seen).toEqual({ lastInView: true, firstInView: false, axisInView: true, labelPixels: expect.any(Number) });
    expect(seen.labelPixels).toBeGreaterThanOrEqual(11);
    // The keyboard still scrolls it, back towards the first years.
    const region = page.getByRole('region', { name: 'The chart, scrollable' }).first();
    await expect.poll(() => region.getAttribute('tabindex')).toBe('0');
    await region.focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeLessThan(0);
    await page.close();
  });

  async function tabThrough(page: Page, limit: number): Promise<Set<string>> {
    const reached = new Set<string>();
    for (let i = 0; i < limit; i += 1) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return null;
        return element.dataset.e2eId ?? null;
      });
      if (id) reached.add(id);
    }
    return reached;
  }

  it('stops the Tab key on a wide table only where it must be scrolled: on a phone, not on a desktop', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 800 } });
    // An agency's table of the actions against its contracts keeps its columns on a phone, and scrolls there.
    await page.goto(`${running.app.url}/agencies/dhs`);
    const table = page.getByRole('region', { name: 'Employee actions', exact: true });
    await expect.poll(() => table.getAttribute('tabindex')).toBeNull();
    await page.setViewportSize({ width: 360, height: 740 });
    await expect.poll(() => table.getAttribute('tabindex')).toBe('0');
    await page.close();
  });

  it('leaves the keyboard where it was after a list’s order, filters and pages, and a profile’s switch: not at the top', async () => {
    const page = await running.browser.newPage();
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
    await page.goto(`${running.app.url}/companies`);
    await hydrated(page);
    await page.getByLabel('Sort by').selectOption('actions');
    await page.getByRole('button', { name: 'Apply' }).press('Enter');
    await page.waitForURL(/\/companies\?sort=actions#results$/);
    await expect.poll(focused).toBe('results');
    await page.getByRole('link', { name: /^Next/ }).first().press('Enter');
    await page.waitForURL(/\/companies\?sort=actions&page=2#results$/);
    await expect.poll(focused).toBe('results');
    await page.goto(`${running.app.url}/agencies`);
    await hydrated(page);
    await page.getByRole('link', { name: 'Most contracts', exact: true }).press('Enter');
    await page.waitForURL(/\/agencies\?sort=.*#results$/);
    await expect.poll(focused).toBe('results');
    // A company's switch to its subsidiaries' records leaves the focus on the switch, which now undoes it.
    await page.goto(`${running.app.url}/companies/alphabet`);
    await hydrated(page);
    await page.getByRole('link', { name: 'Include its subsidiaries' }).press('Enter');
    await page.waitForURL(/\/companies\/alphabet\?subsidiaries=1#subsidiaries-switch$/);
    await expect.poll(focused).toBe('subsidiaries-switch');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Show Alphabet alone');
    await page.close();
  });

  it('lets a keyboard reach the phone menu without a focused link dimmed by its fade or cut off at its edge', async () => {
    const page = await running.browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(`${running.app.url}/`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    const mask = () => nav.evaluate((element) => getComputedStyle(element).maskImage);
    expect(await mask()).toMatch(/linear-gradient/);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    // The site's name, a link home, comes before the menu, beside it rather than in it.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Counterweight');
    // The focused link and its outline (3 px, 2 px off) lie wholly inside the menu's box, forwards and back.
    const focusedInside = () =>
      page.evaluate(() => {
        const link = document.activeElement as HTMLElement;
        const box = link.closest('nav')?.getBoundingClientRect();
        const { left, right } = link.getBoundingClientRect();
        return { name: link.textContent, inside: !!box && left - 5 >= box.left && right + 5 <= box.right };
      });
    const names = await nav.getByRole('link').allTextContents();
    expect(names).toHaveLength(8);
    for (const name of names) {
      await page.keyboard.press('Tab');
      expect(await focusedInside()).toEqual({ name, inside: true });
      expect(await mask()).toBe('none');
    }
    for (const name of names.slice(0, -1).reverse()) {
      await page.keyboard.press('Shift+Tab');
      expect(await focusedInside()).toEqual({ name, inside: true });
    }
    await page.close();
    // Without the page's script, the menu shows every link, on more lines, while one has the focus.
    const context = await running.browser.newContext({
      viewport: { width: 375, height: 740 },
      javaScriptEnabled: false,
    });
    const plain = await context.newPage();
    await plain.goto(`${running.app.url}/`);
    await plain.keyboard.press('Tab');
    await plain.keyboard.press('Tab');
    for (const name of names) {
      await plain.keyboard.press('Tab');
      const { text, inside } = await plain.evaluate(() => {
        const link = document.activeElement as HTMLElement;
        const { left, right } = link.getBoundingClientRect();
        return { text: link.textContent, inside: left >= 0 && right <= window.innerWidth };
      });
      expect({ text, inside }).toEqual({ text: name, inside: true });
    }
    await context.close();
  });

  it('marks the section a page is in, and on a phone brings it into view clear of the menu’s fade', async () => {
    const page = await running.browser.newPage({ viewport: { width: 375, height: 740 } });
    const nav = page.getByRole('navigation', { name: 'Main' });
    const marked = () =>
      nav.evaluate((element) =>
        [...element.querySelectorAll('a[aria-current]')].map((link) => {
          const box = element.getBoundingClientRect();
          const { left, right } = link.getBoundingClientRect();
          // In view clear of the fades (the menu's first 1 rem and last 2.5 rem).
          const clear = left >= box.left + 16 && right <= box.right - 40;
          return `${link.textContent}: ${link.getAttribute('aria-current')}${clear ? '' : ' (out of view)'}`;
        }),
      );
    const action = await (await fetch(`${running.app.url}/api/v1/actions?limit=1`)).json();
    const home = page.getByRole('banner').getByRole('link', { name: 'Counterweight' });
    // On the narrowest phones the menu has a line of its own, below the name.
    for (const width of [320, 375]) {
      await page.setViewportSize({ width, height: 740 });
      for (const [path, expected] of [
        ['/', []],
        ['/companies', ['Companies: page']],
        ['/companies/salesforce', ['Companies: true']],
        [`/actions/${(action as { data: { id: string }[] }).data[0]!.id}`, ['Incidents: true']],
        ['/organizations/raices', ['Organizations: true']],
        ['/about', ['About: page']],
        ['/search?q=strike', []],
      ] as const) {
        await page.goto(`${running.app.url}${path}`);
        await expect.poll(marked, { message: `${path} at ${width} px` }).toEqual(expected);
        expect(await home.getAttribute('aria-current'), path).toBe(path === '/' ? 'page' : null);
      }
    }
    // Told apart by more than colour: bold.
    await page.goto(`${running.app.url}/about`);
    // Scrolled to it, the menu fades at its left edge too, over the word cut off there.
    await expect.poll(() => nav.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    // The site's name, beside the menu, stays in view however far the menu is scrolled.
    const name = await home.boundingBox();
    expect(name!.x).toBeGreaterThanOrEqual(0);
    expect(name!.x + name!.width).toBeLessThanOrEqual((await nav.boundingBox())!.x);
    expect(await nav.evaluate((element) => getComputedStyle(element).maskImage)).toMatch(
      /^linear-gradient\((to right|90deg), (transparent|rgba\(0, 0, 0, 0\)), rgb\(0, 0, 0\) 16px/,
    );
    expect(await nav.getByRole('link', { name: 'About' }).evaluate((link) => getComputedStyle(link).fontWeight)).toBe(
      '600',
    );
    await page.close();
  });

  it('fits the header in the page at every width, the site’s name and every section in view', async () => {
    const page = await running.browser.newPage({ viewport: { width: 320, height: 740 } });
    for (const width of [320, 375, 640, 768, 1024, 1280]) {
      await page.setViewportSize({ width, height: 740 });
      await page.goto(`${running.app.url}/about`);
      const { pageWidth, name, sections, scrolls } = await page.evaluate(() => {
        const nav = document.querySelector('nav[aria-label="Main"]')!;
        const inView = (element: Element) => {
          const { left, right } = element.getBoundingClientRect();
          return left >= 0 && right <= window.innerWidth;
        };
        return {
          pageWidth: document.documentElement.scrollWidth,
          name: inView(document.querySelector('header a[href="/"]')!),
          sections: [...nav.querySelectorAll('a')].filter((link) => !inView(link)).map((link) => link.textContent),
          scrolls: nav.scrollWidth > nav.clientWidth,
        };
      });
      expect({ width, pageWidth, name }).toEqual({ width, pageWidth: width, name: true });
      // Where the menu does not scroll (from 640 px), every section is in view.
      if (width >= 640) expect({ width, sections, scrolls }).toEqual({ width, sections: [], scrolls: false });
    }
    await page.close();
  });

  it('prints a profile’s wide contracts table and chart within the page, not cut off at its edge', async () => {
    // About the printable width of A4 with the browser's default margins.
    const page = await running.browser.newPage({ viewport: { width: 700, height: 1000 } });
    // A chart of many years, drawn at full width (Salesforce's two years make a narrow one).
    await page.goto(`${running.app.url}/companies/microsoft`);
    const overflowing = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('main [role="region"]')]
          .filter((box) => box.scrollWidth > box.clientWidth + 1)
          .map((box) => box.getAttribute('aria-label')),
      );
    // On screen the table and the chart scroll sideways at this width; on paper they fit.
    expect((await overflowing()).sort()).toEqual(['Contracts', 'The chart, scrollable']);
    await page.emulateMedia({ media: 'print' });
    expect(await overflowing()).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(700);
    await page.close();
  });

  it('shows a table’s key columns on a phone, without sideways scrolling', async () => {
    const page = await running.browser.newPage({ viewport: { width: 375, height: 740 } });
    for (const [path, region, columns] of [
      ['/companies', 'Companies', ['Company', 'Employee actions', 'Contracts', 'Latest action']],
      ['/contracts', /^Government contracts, page/, ['Contract', 'Company', 'Obligated', 'Status']],
      ['/companies/salesforce', 'Contracts', ['Contract', 'Value', 'Status']],
      ['/agencies/ice', 'Contracts', ['Contract', 'Company', 'Status', 'Value']],
      ['/agencies', 'Agencies', ['Agency', 'Contracts', 'Obligated']],
      ['/agencies/dhs', 'Contractors', ['Company', 'Contracts', 'Obligated', 'Potential']],
      ['/organizations', 'Organizations', ['Organization', 'Donation responses', 'Actions joined']],
    ] as const) {
      await page.goto(`${running.app.url}${path}`);
      const box = page.getByRole('region', { name: region, exact: true });
      // The columns a phone shows (the others are left out, not pushed off the screen), all within its box.
      const shown = await box
        .locator('thead th')
        .evaluateAll((headers) =>
          headers.filter((header) => header.getClientRects().length > 0).map((header) => header.textContent?.trim()),
        );
      expect(shown, path).toEqual(columns);
      expect(await box.evaluate((element) => element.scrollWidth - element.clientWidth), path).toBeLessThanOrEqual(1);
    }
    await page.close();
  });

  it.each(['/incidents', '/companies/salesforce'])('reaches every control of %s with the keyboard', async (path) => {
    const page = await running.browser.newPage();
    await page.goto(`${running.app.url}${path}`);
    const total = await page.evaluate(() => {
      const focusable = [
        ...document.querySelectorAll<HTMLElement>('a[href], button, input, select, summary, textarea'),
      ].filter((element) => !element.hasAttribute('disabled') && element.tabIndex >= 0);
      focusable.forEach((element, index) => (element.dataset.e2eId = String(index)));
      return focusable.length;
    });
    const reached = await tabThrough(page, total + 5);
    expect(reached.size).toBe(total);
    await page.close();
  });

  it('titles a filtered list by what it holds, with the names the page shows, and a list it cannot filter plainly', async () => {
    /** The page's title and its Open Graph title (what a shared link's preview shows). */
    const titles = async (path: string) => {
      const html = await (await fetch(`${running.app.url}${path}`)).text();
      const og = /<meta property="og:title" content="([^"]*)"/.exec(html)?.[1] ?? null;
      return { title: /<title>([^<]*)<\/title>/.exec(html)?.[1], og: og?.replace(/&amp;/g, '&') ?? null };
    };
    // A company asked for by another of its names is titled by its name on record, in a link's preview too.
    expect(await titles('/incidents?company=aws&kind=action&from=2018&to=2020&page=1')).toEqual({
      title: 'Employee actions: Amazon · 2018–2020 · Counterweight',
      og: 'Employee actions: Amazon · 2018–2020 · Counterweight',
    });
    expect((await titles('/incidents?form=open-letter&issue=ethics&order=oldest&page=2')).title).toBe(
      'Incidents: Open letter or petition · Ethics · oldest first · page 2 · Counterweight',
    );
    expect(await titles('/contracts?company=Sales+Force&agency=dhs&sort=value')).toEqual({
      title: 'Government contracts: Salesforce · DHS · smallest obligated value first · Counterweight',
      og: 'Government contracts: Salesforce · DHS · smallest obligated value first · Counterweight',
    });
    expect((await titles('/companies?has=actions&sort=contracts&page=2')).title).toBe(
      'Companies with employee actions: most contracts first · page 2 · Counterweight',
    );
    expect((await titles('/agencies?sort=value')).title).toBe(
      'Agencies: largest obligated value in US dollars first · Counterweight',
    );
    // No agency of the demo has a contract of known value: the list says how it is ordered instead.
    expect(await (await fetch(`${running.app.url}/agencies?sort=value`)).text()).toMatch(
      /\d+ agencies, A to Z, as none has an obligated value in US dollars on record\./,
    );
    expect((await titles('/organizations?page=2')).title).toBe('Organizations: page 2 · Counterweight');
    // Clearing the filters keeps the order chosen, which narrows nothing (and alone offers no clearing).
    const html = async (path: string) => (await fetch(`${running.app.url}${path}`)).text();
    expect(await html('/incidents?form=open-letter&order=oldest')).toContain(
      'href="/incidents?order=oldest">Clear filters',
    );
    expect(await html('/incidents?order=oldest')).not.toContain('Clear filters');
    expect(await html('/contracts?agency=dhs&sort=value')).toContain('href="/contracts?sort=value">Clear filters');
    expect(await html('/contracts?sort=value')).not.toContain('Clear filters');
    // A tag named as an agency is ("ICE") is said to be a tag; a timeline's later page is told apart.
    expect((await titles('/incidents?tag=ice')).title).toBe('Incidents: tagged ICE · Counterweight');
    expect((await titles('/incidents?agency=ice')).title).toBe('Incidents: ICE · Counterweight');
    // The agency's list finds actions through the contracts they name, and says where the others are.
    const byAgency = await (await fetch(`${running.app.url}/incidents?agency=ice`)).text();
    expect(byAgency.replace(/<!-- -->/g, '')).toContain(
      'An employee action is listed for ICE when its record names a contract of the agency.',
    );
    expect(byAgency).toContain(
      `href="/search?q=${encodeURIComponent('ICE or "U.S. Immigration and Customs Enforcement"')}"`,
    );
    const contractsByAgency = await (await fetch(`${running.app.url}/incidents?agency=ice&kind=contract`)).text();
    expect(contractsByAgency).not.toContain('An employee action is listed for');
    expect((await titles('/companies/google?page=2')).title).toBe('Google: timeline page 2 · Counterweight');
    // With its subsidiaries, a profile is titled so, and shared so.
    expect(await titles('/companies/alphabet?subsidiaries=1')).toEqual({
      title: 'Alphabet and its subsidiaries · Counterweight',
      og: 'Alphabet and its subsidiaries · Counterweight',
    });
    expect(await (await fetch(`${running.app.url}/companies/alphabet?subsidiaries=1`)).text()).toMatch(
      /<meta property="og:url" content="[^"]*\/companies\/alphabet\?subsidiaries=1"/,
    );
    // A list is shared, and known to search engines, as the list it is: its own filters, sort and
    // page, in the order the page writes them, the usual order, page 1 and unknown parameters left out.
    const addresses = async (path: string) => {
      const html = await (await fetch(`${running.app.url}${path}`)).text();
      const local = (pattern: RegExp) =>
        pattern
          .exec(html)?.[1]
          // The origin alone (Next.js writes the home page's address so) is the home page.
          ?.replace(/^https?:\/\/[^/]+(\/|$)/, '/')
          .replace(/&amp;/g, '&');
      return {
        canonical: local(/<link rel="canonical" href="([^"]*)"/),
        og: local(/<meta property="og:url" content="([^"]*)"/),
        feeds: /<link rel="alternate" type="application\/atom\+xml" href="[^"]*\/feeds\/all\.atom"/.test(html),
      };
    };
    for (const [path, own] of [
      ['/incidents?from=2018&form=open-letter&page=1&utm_source=x', '/incidents?form=open-letter&from=2018'],
      ['/contracts?sort=value&agency=dhs&page=2', '/contracts?agency=dhs&sort=value&page=2'],
      ['/companies?sort=name&has=actions&page=1', '/companies?has=actions'],
      ['/agencies?page=2&sort=contracts', '/agencies?sort=contracts&page=2'],
      ['/organizations?sort=name', '/organizations'],
    ]) {
      expect(await addresses(path!), path).toEqual({ canonical: own, og: own, feeds: true });
    }
    expect(await addresses('/companies?sort=bogus')).toEqual({ canonical: undefined, og: undefined, feeds: true });
    expect(await addresses('/incidents?subsidiaries=1')).toMatchObject({ canonical: '/incidents', og: '/incidents' });
    // A page naming its own address keeps the site's feeds, and is shared by the same address.
    for (const [path, own] of [
      ['/', '/'],
      ['/compare?companies=google,salesforce', '/compare?companies=google,salesforce'],
      ['/organizations/raices', '/organizations/raices'],
    ])
      expect(await addresses(path!), path).toEqual({ canonical: own, og: own, feeds: true });
    // A profile's later timeline page holds other entries: its own address, titled so when shared;
    // its first page, whatever its kind and year, is the profile's.
    expect(await addresses('/companies/google?page=2&kind=action')).toMatchObject({
      canonical: '/companies/google?kind=action&page=2',
      og: '/companies/google?kind=action&page=2',
    });
    expect((await titles('/companies/google?page=2')).og).toBe('Google: timeline page 2 · Counterweight');
    expect(await addresses('/companies/google?kind=action')).toMatchObject({
      canonical: '/companies/google',
      og: '/companies/google',
    });
    // The bare list, a name not on record and a malformed filter keep the plain title.
    for (const path of ['/incidents', '/incidents?company=no-such-company&from=2018', '/incidents?from=20x8'])
      expect((await titles(path)).title, path).toBe('Incidents · Counterweight');
    expect(await titles('/contracts?agency=no-such-agency')).toEqual({
      title: 'Government contracts · Counterweight',
      og: 'Government contracts · Counterweight',
    });
    // A record's page keeps the site's name and says what kind of page it is, in a link's preview.
    for (const [path, type] of [
      ['/companies/salesforce', 'profile'],
      ['/agencies/dhs', 'website'],
      ['/compare?companies=salesforce,google', 'website'],
      ['/incidents', 'website'],
    ]) {
      const html = await (await fetch(`${running.app.url}${path}`)).text();
      expect(/<meta property="og:site_name" content="([^"]*)"/.exec(html)?.[1], path).toBe('Counterweight');
      expect(/<meta property="og:type" content="([^"]*)"/.exec(html)?.[1], path).toBe(type);
    }
  });

  it('says what a list’s address asks that the list cannot read, with the way back to the list', async () => {
    const page = await running.browser.newPage();
    for (const [path, message, every] of [
      [
        '/companies?sort=bogus&has=contracts',
        '“sort” must be one of name, actions, contracts, recent.',
        'every company',
      ],
      ['/agencies?sort=value&page=0', '“page” must be a page number.', 'every agency'],
      ['/organizations?sort=a&sort=b', '“sort” is given more than once: give it once.', 'every organization'],
    ] as const) {
      const response = await page.goto(`${running.app.url}${path}`);
      expect(response?.status(), path).toBe(200);
      await page.getByRole('alert').getByText(message).waitFor();
      expect(await page.locator('meta[name="robots"]').getAttribute('content'), path).toMatch(/noindex/);
      await page.getByRole('link', { name: `See ${every}` }).click();
      await page.waitForURL(new RegExp(`${path.split('?')[0]}$`));
    }
    // Filters sent in the wrong order: the focus goes to what is wrong (not back to the top of the
    // page), and the fields it is about are marked so and described by it; the others are not.
    for (const [list, from, to] of [
      ['incidents', 'From year', 'To year'],
      ['contracts', 'Awarded from year', 'Awarded to year'],
    ] as const) {
      await page.goto(`${running.app.url}/${list}`);
      await page.getByLabel(from).fill('2030');
      await page.getByLabel(to).fill('1990');
      await page.getByLabel(to).press('Enter');
      await page.waitForURL(/from=2030&to=1990.*#results$/);
      await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'alert');
      expect(await page.evaluate(() => document.activeElement?.textContent), list).toContain('must not be after the');
      const marks = (label: string) =>
        page
          .getByLabel(label, { exact: true })
          .evaluate((field) => [field.getAttribute('aria-invalid'), field.getAttribute('aria-describedby')]);
      expect((await marks(to))[0], list).toBe('true');
      expect((await marks(to))[1], list).toMatch(/(^| )filter-problems$/);
      // The only field marked (the problem is reported on the second year).
      expect(await page.locator('[aria-invalid="true"]').count(), list).toBe(1);
    }
    await page.close();
  });

  it('says which parameters of a list’s address it did not apply: a filter misspelt, or one of the API’s', async () => {
    // The page's text, as a reader sees it: no tags, no scripts (the payload repeats the text), entities read.
    const text = async (path: string) =>
      (await (await fetch(`${running.app.url}${path}`)).text())
        .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&')
        .replace(/&#x27;|&#39;/g, "'")
        .replace(/&quot;/g, '"');
    const incidents = await text('/incidents?kind=action&employmentType=contract-workers&compnay=google&utm_source=x');
    expect(incidents).toContain(
      'Not applied (the list shows the incidents of the other filters): employmentType is a filter of the open data’s lists (see the API), not of this list. compnay is a filter this list does not have: did you mean company?',
    );
    // The count is of what the list read: every action, as the address without them.
    const count = (page: string) => /([\d,]+) incidents match this filter/.exec(page)?.[1];
    expect(count(incidents)).toBeDefined();
    expect(count(incidents)).toBe(count(await text('/incidents?kind=action')));
    const contracts = await text('/contracts?Status=active&limit=5');
    expect(contracts).toContain(
      'Not applied (the list shows the contracts of the other filters): Status is a filter this list does not have: did you mean status? limit is a filter of the open data’s lists (see the API), not of this list.',
    );
    // Parameters no page takes, nor one like them (a share's tracking), are left unsaid.
    expect(await text('/incidents?utm_source=newsletter&fbclid=abc&src=x&date=2019')).not.toContain('Not applied');
    // Those of the site's other pages are said, with what the list reads instead; so is the
    // subsidiaries switch without a company, which the form offers beside an empty name.
    expect(await text('/incidents?year=2018&sort=date&subsidiaries=1')).toContain(
      'Not applied (the list shows the incidents of the other filters): year is a parameter of the site’s other pages, not of this list, which reads from and to instead. sort is a parameter of the site’s other pages, not of this list, which reads order instead. subsidiaries goes with company: give the company whose subsidiaries to include.',
    );
    expect(await text('/contracts?kind=action')).toContain(
      'Not applied (the list shows the contracts of the other filters): kind is a parameter of the site’s other pages, not of this list.',
    );
  });

  it('filters contracts by a company’s name as typed, and suggests one for a misspelling', async () => {
    const page = await running.browser.newPage();
    await page.goto(`${running.app.url}/contracts`);
    await page.getByRole('combobox', { name: /^Company/ }).fill('Sales Force');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/\/contracts\?company=Sales\+Force(&sort=-date)?#results$/);
    await page.getByText(/^1 contract matches this filter\b/).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Company: Salesforce' }).waitFor();
    expect(await page.getByRole('link', { name: 'Contracts as CSV' }).getAttribute('href')).toBe(
      '/exports/contracts.csv?company=salesforce',
    );
    await page.goto(`${running.app.url}/contracts?company=salesfroce`);
    await page.getByText(/There is no published company “salesfroce” on record/).waitFor();
    await page.getByRole('link', { name: 'Salesforce', exact: true }).click();
    await page.waitForURL(/\/contracts\?company=Salesforce#results$/);
    await page.getByText(/^1 contract matches this filter\b/).waitFor();
    await page.close();
  });

  it('lists a parent company’s contracts with its subsidiaries’ when asked, as its profile counts them', async () => {
    const page = await running.browser.newPage();
    await page.goto(`${running.app.url}/contracts`);
    await page.getByRole('combobox', { name: /^Company/ }).fill('Alphabet');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/\/contracts\?company=Alphabet(&sort=-date)?#results$/);
    await page.getByText('Alphabet has no government contract on record yet.').waitFor();
    // The empty list offers the subsidiaries, as the box below does.
    expect(await page.getByRole('link', { name: 'Include Alphabet’s subsidiaries' }).getAttribute('href')).toMatch(
      /^\/contracts\?company=Alphabet&subsidiaries=1/,
    );
    // Google's Pentagon contract is Alphabet's through its subsidiary.
    await page.getByRole('checkbox', { name: 'Include the company’s subsidiaries' }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/\/contracts\?company=Alphabet&subsidiaries=1(&sort=-date)?#results$/);
    await page.getByText(/^1 contract matches this filter\b/).waitFor();
    await page.getByRole('link', { name: 'Drone technology contract with the Pentagon' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Company: Alphabet and its subsidiaries' }).waitFor();
    expect(await page.title()).toBe('Government contracts: Alphabet and subsidiaries · Counterweight');
    expect(await page.getByRole('checkbox', { name: 'Include the company’s subsidiaries' }).isChecked()).toBe(true);
    expect(await page.getByRole('link', { name: 'Contracts as CSV' }).getAttribute('href')).toBe(
      '/exports/contracts.csv?company=alphabet&subsidiaries=1',
    );
    // Removing the company removes the switch with it.
    await page.getByRole('link', { name: /^Remove filter Company: Alphabet/ }).click();
    await page.waitForURL(/\/contracts#results$/);
    // The incidents list offers them as well, where it finds none of the parent's own.
    await page.goto(`${running.app.url}/incidents?company=Alphabet&kind=contract`);
    await page.getByRole('link', { name: 'Include Alphabet’s subsidiaries' }).click();
    await page.waitForURL((url) => url.pathname === '/incidents' && url.searchParams.get('subsidiaries') === '1');
    expect(new URL(page.url()).searchParams.get('kind')).toBe('contract');
    await page
      .getByRole('link', { name: /Drone technology contract with the Pentagon/ })
      .first()
      .waitFor();
    await page.close();
  });

  it('filters contracts by the words of their titles and purposes', async () => {
    const page = await running.browser.newPage();
    await page.goto(`${running.app.url}/contracts`);
    await page.getByRole('searchbox', { name: 'Words' }).fill('drone');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/\/contracts\?q=drone(&sort=-date)?#results$/);
    await page.getByText(/^1 contract matches this filter\b/).waitFor();
    await page.getByRole('link', { name: 'Drone technology contract with the Pentagon' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Words: “drone”' }).waitFor();
    expect(await page.title()).toBe('Government contracts: “drone” · Counterweight');
    expect(await page.getByRole('link', { name: 'Contracts as CSV' }).getAttribute('href')).toBe(
      '/exports/contracts.csv?q=drone',
    );
    // Words that are all common words find nothing, and the page says why.
    await page.goto(`${running.app.url}/contracts?q=the+of`);
    await page.getByText('hold nothing the search can look for').waitFor();
    await page.close();
  });

  it('says why a list is empty once, with advice that fits the filters, and the order a list is really in', async () => {
    const text = async (path: string) =>
      (await (await fetch(`${running.app.url}${path}`)).text())
        .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
        .replace(/<!-- -->/g, '');
    // One filter, naming no company: no "fewer filters", nothing to share.
    for (const path of ['/incidents?company=Salesfroce', '/incidents?company=Nobody+Inc']) {
      const page = await text(path);
      expect(page, path).toMatch(/There is no company “[^”]+” on record\./);
      expect(page, path).not.toContain('Try fewer filters');
      expect(page, path).not.toContain('share it to share this list');
      expect(page, path).toContain('<a href="/incidents">See every incident</a>');
    }
    // Words that find nothing: said once.
    const words = await text('/incidents?q=zzzzqqq');
    expect(words.match(/No incident matches/g)).toHaveLength(1);
    expect(words).not.toMatch(/\b0 incidents\b/);
    expect(words).toContain('Try other words.');
    // A company on record with no contract is said to have none, not to need a wider year range.
    const apple = await text('/contracts?company=Apple');
    expect(apple).toContain('Apple has no government contract on record yet.');
    expect(apple).not.toContain('wider year range');
    expect(apple).toContain('<a href="/contracts">See every contract</a>');
    // The count reads as a sentence.
    expect(await text('/companies')).toMatch(/\d+ companies, by name from A to Z\./);
    // The demo's contracts have no award date: the list does not claim to be newest award first, and
    // says the order it is in (the latest entered first, as its file); oldest first, by title.
    expect(await text('/contracts')).toMatch(
      /\d+ contracts?, the latest entered first, as none has an award date on record\./,
    );
    expect(await text('/contracts?sort=date')).toMatch(
      /\d+ contracts?, by title, as none has an award date on record\./,
    );
    // A timeline with nothing of a kind in a year says so, and offers each way to widen it.
    const timeline = await text('/companies/salesforce?kind=statement&year=1999');
    expect(timeline).not.toMatch(/\b0 entries\b/);
    expect(timeline).toContain('No statements in 1999.');
    expect(timeline).toContain('href="/companies/salesforce?kind=statement#timeline">statements of every year</a>');
    expect(timeline).toContain('href="/companies/salesforce?year=1999#timeline">everything in 1999</a>');
  });

  it('gets the security headers on pages, static pages and the API', async () => {
    for (const path of ['/', '/about', '/companies/salesforce', '/api/v1/companies?limit=1']) {
      const response = await fetch(`${running.app.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('permissions-policy'), path).toContain('camera=()');
      expect(response.headers.get('x-powered-by'), path).toBeNull();
      expect(response.headers.get('x-request-id'), path).toMatch(/^[\w.-]{8,100}$/);
    }
  });

  it('gets a 404 with a clear page for bad addresses, never an error', async () => {
    // The page as a browser without JavaScript (or a crawler) shows it: the markup, not the payload.
    const visible = (html: string) => html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
    for (const path of [
      `/companies/${'x'.repeat(5000)}`,
      // Well-formed addresses of records that do not exist.
      '/companies/no-such-company',
      '/agencies/no-such-agency',
      '/organizations/no-such-organization',
      '/actions/abcdefghijabcdefghijabcd',
      '/history/company/abcdefghijabcdefghijabcd',
      '/history/agency/no-such-agency',
      // Only companies, agencies and organisations have slugs.
      '/history/action/salesforce',
    ]) {
      const unknown = await fetch(`${running.app.url}${path}`);
      expect(unknown.status, path).toBe(404);
      const html = await unknown.text();
      expect(visible(html), path).toMatch(/<h1[^>]*>Page not found<\/h1>/);
      expect(html, path).toMatch(/<meta name="robots" content="noindex"/);
      expect(html.match(/<meta name="robots"/g), path).toHaveLength(1);
    }
    // A name in another case is the page's one address, kept with its settings.
    const capitalised = await fetch(`${running.app.url}/companies/SalesForce?subsidiaries=1`, { redirect: 'manual' });
    expect(capitalised.status).toBe(308);
    expect(capitalised.headers.get('location')).toMatch(/\/companies\/salesforce\?subsidiaries=1$/);
    // A history named by its record's slug is the history of that record.
    const bySlug = await fetch(`${running.app.url}/history/company/salesforce`, { redirect: 'manual' });
    expect(bySlug.status).toBe(307);
    const historyAddress = new URL(bySlug.headers.get('location')!, running.app.url).pathname;
    expect(historyAddress).toMatch(/^\/history\/company\/[a-z0-9]{20,40}$/);
    expect(await (await fetch(`${running.app.url}${historyAddress}`)).text()).toContain('History of Salesforce');
    // Named as its page may be: in another case, or by another name it goes by.
    const historyOf = async (path: string) => {
      const response = await fetch(`${running.app.url}${path}`, { redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status !== 307 || !location) return `${response.status}`;
      return (/<title>([^<]*)<\/title>/.exec(await (await fetch(new URL(location, running.app.url))).text()) ?? [])[1];
    };
    expect(await historyOf('/history/company/SalesForce')).toBe('History of Salesforce · Counterweight');
    expect(await historyOf('/history/company/aws')).toBe('History of Amazon · Counterweight');
    expect(await historyOf('/history/organization/RAICES')).toMatch(/^History of Refugee and Immigrant Center/);
    expect(await historyOf('/history/agency/pentagon')).toMatch(/^History of Department of Defense/);
    expect(await historyOf('/history/agency/no-such-agency')).toBe('404');
    // Another of a company's names leads to its page, with the settings asked for.
    const otherName = await fetch(`${running.app.url}/companies/aws?subsidiaries=1`, { redirect: 'manual' });
    expect(otherName.status).toBe(307);
    expect(otherName.headers.get('location')).toMatch(/\/companies\/amazon\?subsidiaries=1$/);
    // A redirect's body (read by a client that does not follow it) is not titled "not found".
    const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
    expect(titleOf(await otherName.text())).toBe('Redirecting · Counterweight');
    // An agency's too: the seed report's Pentagon is the Department of Defense.
    const pentagon = await fetch(`${running.app.url}/agencies/pentagon`, { redirect: 'manual' });
    expect(pentagon.status).toBe(307);
    expect(pentagon.headers.get('location')).toMatch(/\/agencies\/dod$/);
    expect(titleOf(await pentagon.text())).toBe('Redirecting · Counterweight');
    // The page of no company at all keeps the not-found page's own.
    expect(titleOf(await (await fetch(`${running.app.url}/companies/no-such-company`)).text())).toBe(
      'Page not found · Counterweight',
    );
    // A company's profile given a timeline filter it cannot read says so, and shows the profile
    // with the rest, for no search engine: not a page that is not there.
    for (const [path, said, shown] of [
      [
        '/companies/salesforce?year=abc',
        '“year” must be a year from 1900 to 2100, such as 2018.',
        '/companies/salesforce',
      ],
      [
        '/companies/salesforce?kind=sideways&year=2018',
        '“kind” must be one of action, contract, donation, statement.',
        '/companies/salesforce?year=2018',
      ],
      ['/companies/salesforce?page=-1', '“page” must be a page number.', '/companies/salesforce'],
    ] as const) {
      const response = await fetch(`${running.app.url}${path}`);
      expect(response.status, path).toBe(200);
      // (Without the markers React puts between a text's parts.)
      const html = visible(await response.text()).replaceAll('<!-- -->', '');
      expect(html, path).toContain('This address asks for filters the profile cannot apply:');
      expect(html, path).toContain(said);
      expect(html, path).toContain(`Shown without it below, at <a href="${shown.replace('&', '&amp;')}">`);
      expect(html, path).toMatch(/<h1[^>]*>Salesforce<\/h1>/);
      expect(html, path).toMatch(/<meta name="robots" content="noindex"/);
    }
    // Two searches at once are one too many, and said to be.
    const twice = await fetch(`${running.app.url}/search?q=strike&q=walkout`);
    expect(twice.status).toBe(200);
    expect(visible(await twice.text())).toContain(
      'The address asks for 2 searches at once (q is given 2 times): search for one.',
    );
    // A blank second one is no search; invisible controls are not words, nor written back.
    const blankSecond = await fetch(`${running.app.url}/search?q=salesforce&q=`);
    const blankSecondHtml = await blankSecond.text();
    expect(blankSecondHtml).toContain('<title>Search: salesforce');
    expect(visible(blankSecondHtml)).toMatch(/<a href="\/companies\/salesforce"[^>]*>Salesforce<\/a>/);
    const controls = await (await fetch(`${running.app.url}/search?q=%E2%80%AEstrike%E2%80%8B%00`)).text();
    expect(controls).toContain('<title>Search: strike ·');
    expect(visible(controls)).toContain('Results for “strike”.');
    expect(visible(controls)).not.toMatch(/[\u202E\u200B\u0000]/);
    // A record's address cut back to its kind leads to that kind's list, with the query it had.
    for (const [path, list] of [
      ['/actions', '/incidents?kind=action'],
      ['/donations?company=salesforce', '/incidents?company=salesforce&kind=donation'],
      ['/statements', '/incidents?kind=statement'],
      // And the menu's "Open data" by its name.
      ['/open-data', '/api-docs'],
    ]) {
      const cut = await fetch(`${running.app.url}${path}`, { redirect: 'manual' });
      expect(cut.status, path).toBe(307);
      expect(new URL(cut.headers.get('location') ?? '', running.app.url).href, path).toBe(`${running.app.url}${list}`);
      await cut.arrayBuffer();
    }
    // The subsidiaries switch written off (0, false) or as true is read, not refused as malformed.
    for (const path of [
      '/companies/google?subsidiaries=0',
      '/companies/alphabet?subsidiaries=true',
      '/compare?companies=google,microsoft&subsidiaries=0',
      '/compare/csv?companies=google,microsoft&subsidiaries=false',
    ]) {
      const read = await fetch(`${running.app.url}${path}`);
      expect(read.status, path).toBe(200);
      await read.arrayBuffer();
    }
    // In a browser, a profile's settings it could not understand are named above it, with its
    // address without them.
    const browsing = await running.browser.newPage();
    await browsing.goto(`${running.app.url}/companies/salesforce?year=1800&kind=contract`);
    await browsing.getByRole('alert').getByText('“year” must be a year from 1900 to 2100, such as 2018.').waitFor();
    await browsing.getByRole('heading', { name: 'Salesforce', level: 1 }).waitFor();
    await hydrated(browsing, 'main h1');
    await browsing.getByRole('link', { name: '/companies/salesforce?kind=contract', exact: true }).click();
    await browsing.waitForURL(`${running.app.url}/companies/salesforce?kind=contract`);
    await browsing.getByRole('heading', { name: 'Salesforce', level: 1 }).waitFor();
    expect(await browsing.getByText(/cannot apply/).count()).toBe(0);
    // An unknown record's address without settings is offered the list it would be in instead.
    await browsing.goto(`${running.app.url}/agencies/dhss`);
    await browsing.getByRole('heading', { name: 'Page not found' }).waitFor();
    await hydrated(browsing, 'main h1');
    expect(await browsing.getByText(/without them/).count()).toBe(0);
    await browsing.getByRole('link', { name: 'the list of agencies' }).click();
    await browsing.getByRole('heading', { name: 'Agencies', level: 1 }).waitFor();
    // A company's address mistyped offers the companies once, then the home page.
    await browsing.goto(`${running.app.url}/companies/no-such-company`);
    await browsing.getByRole('heading', { name: 'Page not found' }).waitFor();
    await hydrated(browsing, 'main h1');
    await browsing.getByRole('link', { name: 'the list of companies' }).waitFor();
    expect(await browsing.locator('main a[href="/companies"]').count()).toBe(1);
    expect(await browsing.locator('main').getByText('Or go to the home page.').count()).toBe(1);
    await browsing.goto(`${running.app.url}/no-such-page`);
    await browsing.getByRole('heading', { name: 'Page not found' }).waitFor();
    await hydrated(browsing, 'main h1');
    expect(await browsing.getByText(/the list of/).count()).toBe(0);
    expect(await browsing.locator('main').getByRole('link', { name: 'Browse the companies' }).count()).toBe(1);
    await browsing.close();
    // A list's page past its end says so, and leads back to the first page.
    for (const [path, longer] of [
      ['/companies?page=99', true],
      ['/incidents?page=999', true],
      ['/contracts?page=99', false],
      ['/agencies?page=99', false],
      ['/organizations?page=99', false],
    ] as const) {
      const response = await fetch(`${running.app.url}${path}`);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      // Not for search engines to list, in the head where they read it.
      expect(html.slice(0, html.indexOf('</head>')), path).toMatch(/<meta name="robots" content="noindex"\/?>/);
      const said = visible(html).match(/There is no page 99\d? of this list: it has (one page|\d+ pages)\./);
      expect(said, path).not.toBeNull();
      // The demo's companies and incidents fill several pages, and the page says how many.
      if (longer) expect(said?.[1], path).toMatch(/^([2-9]|\d\d+) pages$/);
    }
    // A timeline's kind in any case, as the lists read theirs.
    const upper = await fetch(`${running.app.url}/companies/google?kind=ACTION`);
    expect(upper.status).toBe(200);
    expect(await upper.text()).toMatch(/<option value="action" selected="">/);
    // A company's timeline past its end is headed by the company, and leads to its timeline.
    const pastTimeline = await (await fetch(`${running.app.url}/companies/google?kind=action&page=99`)).text();
    expect(pastTimeline).toMatch(/<h1[^>]*>Google<\/h1>/);
    expect(pastTimeline).toMatch(/<meta name="robots" content="noindex"\/?>/);
    expect(visible(pastTimeline)).toMatch(/There is no page 99 of this timeline: it has (one page|\d+ pages)\./);
    expect(pastTimeline).toMatch(
      /<a href="\/companies\/google\?kind=action#timeline">(Go to the timeline|the first)<\/a>/,
    );
    // Its links keep the list's filters: the last page of the strikes, not of everything.
    const pastStrikes = await (await fetch(`${running.app.url}/incidents?kind=action&form=strike&page=99`)).text();
    expect(pastStrikes).toMatch(/<a href="\/incidents\?kind=action&amp;form=strike&amp;page=\d+">the last page<\/a>/);
    expect(pastStrikes).toContain('<a href="/incidents?kind=action&amp;form=strike">the first</a>');
    // Filters typed wrong in the incidents form: what is wrong, and the form to correct it.
    for (const [path, message] of [
      ['/incidents?from=abc', 'must be a year of four digits'],
      ['/incidents?from=2020&to=2010', 'must not be after'],
      ['/incidents?kind=nonsense', 'The kind must be one of'],
      ['/incidents?company=%00', 'The company is given by its name'],
      // A form or issue on no list is named, not answered with an empty list.
      ['/incidents?form=open-letters', 'There is no action form “open-letters” on record.'],
      ['/incidents?issue=ethic', 'There is no issue “ethic” on record.'],
      // Words with nothing full text can look for are said to be such, not just found in nothing.
      ['/incidents?q=the', 'The words “the” hold nothing the search can look for'],
      ['/incidents?tag=no-such-tag', 'There is no tag “no-such-tag” on record.'],
    ] as const) {
      const response = await fetch(`${running.app.url}${path}`);
      expect(response.status, path).toBe(200);
      const html = visible(await response.text());
      expect(html, path).toContain(message);
      expect(html, path).toContain('aria-label="Filter incidents"');
    }
    // What was typed stays in the form to be corrected, on /contracts as on /incidents.
    for (const path of ['/incidents', '/contracts']) {
      const refused = await (
        await fetch(`${running.app.url}${path}?company=Microsoft&from=2020&to=2010&q=cloud`)
      ).text();
      expect(visible(refused), path).toContain('must not be after');
      for (const [name, value] of [
        ['company', 'Microsoft'],
        ['from', '2020'],
        ['to', '2010'],
        ['q', 'cloud'],
      ]) {
        expect(refused, `${path} ${name}`).toMatch(
          new RegExp(`<input[^>]*name="${name}"[^>]*value="${value}"|<input[^>]*value="${value}"[^>]*name="${name}"`),
        );
      }
    }
    // The search box says the same of such words, and tells them from words that match nothing.
    const common = visible(await (await fetch(`${running.app.url}/search?q=on`)).text());
    expect(common).toContain('The words “on” hold nothing the search can look for');
    const unmatched = visible(await (await fetch(`${running.app.url}/search?q=zqxwvj`)).text());
    expect(unmatched).toContain('Nothing matches “zqxwvj”. Try another spelling or fewer words.');
    // A name found, but no incident with the words: said so, not left as results of the words.
    const nameAlone = visible(await (await fetch(`${running.app.url}/search?q=RAICES%20Texas`)).text());
    expect(nameAlone).toContain('<a href="/organizations/raices"');
    // (React's text separators aside.)
    expect(nameAlone.replace(/<!-- -->/g, '')).toContain(
      'Results for “RAICES Texas”. No incident has the words “RAICES Texas”: the page of each name found lists its incidents.',
    );
    // (What the page says, its links' tags and React's text separators aside.)
    expect(unmatched.replace(/<[^>]*>/g, '')).toContain(
      'Or browse the record: every company, every incident, the agencies, the organizations.',
    );
    // Words that only leave things out rank nothing: what is shown is said to be the newest without them.
    const without = visible(await (await fetch(`${running.app.url}/search?q=-google`)).text());
    expect(without).toContain('The 25 newest incidents without those words; more may be on record.');
    expect(without).not.toContain('most relevant');
    // Asked for contracts, the menus of forms and issues give no numbers: none would be what a choice finds.
    const contractsOnly = visible(await (await fetch(`${running.app.url}/incidents?kind=contract`)).text());
    expect(contractsOnly).toContain('<option value="strike">Strike</option>');
    // A company named as a visitor types it.
    const named = visible(await (await fetch(`${running.app.url}/incidents?company=SALESFORCE`)).text());
    expect(named).toMatch(/incidents? match(?:es)? this filter \(company: Salesforce\)/);
    // Words naming a company misspelt are put right, as the search box puts them.
    const typo = visible(await (await fetch(`${running.app.url}/incidents?q=gogle&kind=action`)).text());
    expect(typo.replace(/<!-- -->/g, '')).toMatch(
      /Did you mean <a href="\/incidents\?kind=action&amp;q=Google#results">“Google”<\/a> \(reading <span>“gogle” as Google<\/span>\)\?/,
    );
    const misspelt = visible(await (await fetch(`${running.app.url}/incidents?company=Salesfroce`)).text());
    expect(misspelt).toContain('There is no company “Salesfroce” on record');
    expect(misspelt).toMatch(
      /Did you mean[\s\S]{0,40}<a href="\/incidents\?company=salesforce#results">Salesforce<\/a>/,
    );
    const known = await fetch(`${running.app.url}/companies/salesforce`);
    expect(known.status).toBe(200);
    expect(await known.text()).toContain('RAICES');

    const long = await fetch(`${running.app.url}/search?q=${'x'.repeat(5000)}`);
    expect(long.status).toBe(200);
    expect(await long.text()).toContain('Searches are limited to 200 characters');
  });
});
