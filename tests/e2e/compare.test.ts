import { describe, expect, it } from 'vitest';
import { withDemoAppAndBrowser } from '../helpers/demo-app';

describe('a visitor comparing companies', () => {
  const running = withDemoAppAndBrowser();

  it('picks Salesforce, Google, Microsoft and Amazon, sees the chart, and finds the figures of their profiles', async () => {
    const page = await running.browser.newPage();
    await page.goto(`${running.app.url}/compare`);
    for (const name of ['Salesforce', 'Google', 'Microsoft', 'Amazon']) {
      await page.getByLabel(/Add a company/).fill(name);
      await page.getByRole('button', { name: 'Find' }).click();
      await page.getByRole('link', { name: `Add ${name}`, exact: true }).click();
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

    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Employee actions', exact: true }) });
    const compared = await row.getByRole('cell').allTextContents();
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

    // Removing a company is one click, and the CSV has the same figures.
    await page.getByRole('link', { name: 'Remove Amazon from the comparison' }).click();
    await page.waitForURL(/companies=salesforce,google,microsoft$/);
    const csv = await (
      await fetch(`${running.app.url}/compare/csv?companies=salesforce,google,microsoft,amazon`)
    ).text();
    for (const [index, slug] of ['salesforce', 'google', 'microsoft', 'amazon'].entries()) {
      const shown = compared[index] as string;
      expect(csv).toMatch(
        new RegExp(
          `^Employee actions,Employee actions,[^,]+,${slug},${shown.replace(/,/g, '')},"?${shown}"?,false$`,
          'm',
        ),
      );
    }
    await page.close();
  });

  it('says which companies are unknown and how many can be compared', async () => {
    const page = await running.browser.newPage();
    await page.goto(`${running.app.url}/compare?companies=salesforce,nope,google,google,microsoft,amazon,uber`);
    const alert = page.getByRole('alert');
    await alert.getByText(/No company is on record as “nope”/).waitFor();
    await alert.getByText(/At most 4 companies can be compared at once; uber left out/).waitFor();
    expect(await page.getByRole('link', { name: /^Remove / }).count()).toBe(4);
    await page.goto(`${running.app.url}/compare`);
    await page.getByRole('link', { name: /The four companies of the 2018 report/ }).waitFor();
    await page.close();
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
