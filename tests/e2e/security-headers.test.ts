import http from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hydrated } from '../helpers/browser';
import { withDemoAppAndBrowser } from '../helpers/demo-app';
import { demoAccount } from '../helpers/sign-in';

/** HTML pages of every kind, with the status each answers. */
const PAGES: [string, number][] = [
  ['/', 200],
  ['/about', 200],
  ['/companies', 200],
  ['/companies/salesforce', 200],
  ['/incidents', 200],
  ['/search?q=strike', 200],
  ['/compare?companies=salesforce,google', 200],
  ['/sign-in', 200],
  ['/api-docs', 200],
  // A well-formed slug nobody has: the not-found page with 404 (lib/page-status.ts).
  ['/companies/no-such-company-xyz', 404],
  // A list's page past its end: a page that says so.
  ['/incidents?page=999', 200],
  // Malformed addresses: rewritten by proxy.ts to the not-found page with a 404.
  [`/companies/${'x'.repeat(200)}`, 404],
  // A profile's timeline filter given wrong: the profile says so and shows the rest.
  ['/companies/salesforce?year=abc', 200],
  // A list's filters or order given wrong: the list says what is wrong (the comparison shows the rest).
  ['/compare?companies=salesforce&per=month', 200],
  ['/incidents?from=abc', 200],
  ['/companies?sort=sideways', 200],
  // No route at all, and an address the proxy's matcher once left out.
  ['/no-such-page', 404],
  ['/favicon.ico', 404],
  ['/_next/staticfoo', 404],
  ['/_next/imagefoo/bar', 404],
  // The image optimiser, off: it had fetched whatever path of the site it was given.
  ['/_next/image?url=%2Fabout&w=64&q=75', 404],
];

/** The policy's directives by name. */
function directives(policy: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const directive of policy.split(';')) {
    const [name, ...values] = directive.trim().split(/\s+/);
    if (name) found.set(name, values);
  }
  return found;
}

/** Checks the response's headers and returns the nonce of its script-src. */
function checkHeaders(response: Response, label: string): string {
  const policy = response.headers.get('content-security-policy');
  expect(policy, label).toBeTruthy();
  // Two Content-Security-Policy headers would be joined with a comma here.
  expect(policy, label).not.toContain(',');
  const found = directives(policy as string);
  const scriptSrc = found.get('script-src') ?? [];
  expect(scriptSrc, label).toContain("'strict-dynamic'");
  expect(scriptSrc, label).not.toContain("'unsafe-inline'");
  expect(scriptSrc, label).not.toContain("'unsafe-eval'");
  expect(found.get('default-src'), label).toEqual(["'self'"]);
  expect(found.get('frame-ancestors'), label).toEqual(["'none'"]);
  expect(found.get('object-src'), label).toEqual(["'none'"]);
  expect(found.get('base-uri'), label).toEqual(["'self'"]);
  expect(found.get('form-action'), label).toEqual(["'self'"]);
  // The same policy over http and https (the page cache serves a page again to either; every
  // address in the pages is relative, so there is nothing to upgrade).
  expect(found.has('upgrade-insecure-requests'), label).toBe(false);
  const nonces = scriptSrc.filter((source) => source.startsWith("'nonce-"));
  expect(nonces, label).toHaveLength(1);
  const nonce = (nonces[0] as string).slice("'nonce-".length, -1);
  // At least 128 random bits, base64.
  expect(nonce, label).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
  expect(Buffer.from(nonce, 'base64').length, label).toBeGreaterThanOrEqual(16);

  expect(response.headers.get('x-content-type-options'), label).toBe('nosniff');
  expect(response.headers.get('x-frame-options'), label).toBe('DENY');
  expect(response.headers.get('referrer-policy'), label).toBe('strict-origin-when-cross-origin');
  expect(response.headers.get('permissions-policy'), label).toContain('camera=()');
  expect(response.headers.get('strict-transport-security'), label).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  expect(response.headers.get('cross-origin-opener-policy'), label).toBe('same-origin');
  return nonce;
}

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

/** A context whose pages record every policy violation in window.__violations, before any script of theirs runs. */
async function watchedContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const violations: Violation[] = [];
    (window as unknown as { __violations: Violation[] }).__violations = violations;
    document.addEventListener(
      'securitypolicyviolation',
      (event) =>
        violations.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample }),
      true,
    );
  });
  return context;
}

function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);
}

/** Console messages about the policy (Chromium reports blocked scripts there too). */
function policyMessages(page: Page): string[] {
  const messages: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) messages.push(message.text());
  });
  return messages;
}

describe('security headers and the script policy', () => {
  const running = withDemoAppAndBrowser();

  it('gives every HTML page a fresh nonce policy and the nonce to every one of its scripts', async () => {
    const seen = new Set<string>();
    for (const [path, status] of PAGES) {
      const response = await fetch(`${running.app.url}${path}`);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      const nonce = checkHeaders(response, path);
      expect(seen.has(nonce), `${path} reuses a nonce`).toBe(false);
      seen.add(nonce);

      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(` nonce="${nonce}"`);
      // No inline event handlers, which no nonce can allow.
      expect(html, path).not.toMatch(/<[^>]+\son[a-z]+=/i);
    }

    // The same page twice: two nonces.
    const [first, second] = await Promise.all([fetch(`${running.app.url}/about`), fetch(`${running.app.url}/about`)]);
    expect(checkHeaders(first, 'first /about')).not.toBe(checkHeaders(second, 'second /about'));
    const firstHtml = await first.text();
    const secondHtml = await second.text();
    expect(firstHtml).toContain(`nonce="${checkHeaders(first, 'first /about')}"`);
    expect(secondHtml).not.toContain(`nonce="${checkHeaders(first, 'first /about')}"`);
  });

  it('ignores a policy the client sends, and answers https requests with the same policy', async () => {
    const forged = await fetch(`${running.app.url}/about`, {
      headers: { 'content-security-policy': "script-src 'nonce-chosenbytheclient'" },
    });
    const nonce = checkHeaders(forged, 'forged');
    expect(nonce).not.toBe('chosenbytheclient');
    expect(await forged.text()).not.toContain('chosenbytheclient');

    for (const path of ['/about', '/sign-in']) {
      const https = await fetch(`${running.app.url}${path}`, { headers: { 'x-forwarded-proto': 'https' } });
      checkHeaders(https, `${path} over https`);
    }
  });

  it('sends the headers on the JSON API, its errors and the robots file too', async () => {
    for (const [path, status] of [
      ['/api/v1/companies', 200],
      ['/api/v1/companies?limit=1', 200],
      ['/api/health', 200],
      ['/api/v1/companies?limit=nonsense', 400],
      // Refused by proxy.ts itself.
      ['/exports/%', 400],
      ['/robots.txt', 200],
    ] as const) {
      const response = await fetch(`${running.app.url}${path}`);
      expect(response.status, path).toBe(status);
      checkHeaders(response, path);
      expect(response.headers.get('x-request-id'), path).toMatch(/^[\w.-]{8,100}$/);
    }
  });

  it('sends an address with repeated slashes or a backslash to its clean form with the headers, CORS under the open data', async () => {
    // Sent as typed: fetch would turn a backslash into a slash itself.
    const raw = (path: string) =>
      new Promise<{ status: number; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
        const { hostname, port } = new URL(running.app.url);
        const request = http.get({ hostname, port, path, headers: { origin: 'https://example.org' } });
        request.on('response', (response) => {
          response.resume();
          resolve({ status: response.statusCode ?? 0, headers: response.headers });
        });
        request.on('error', reject);
      });
    for (const [path, clean, cors] of [
      ['/api/v1//actions?company=google', '/api/v1/actions?company=google', true],
      ['//feeds//all.atom', '/feeds/all.atom', true],
      ['/exports\\actions.csv?q=a//b', '/exports/actions.csv?q=a//b', true],
      ['/companies//salesforce', '/companies/salesforce', false],
    ] as const) {
      const { status, headers } = await raw(path);
      expect(status, path).toBe(308);
      expect(headers.location, path).toBe(clean);
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(headers['x-request-id'], path).toMatch(/^[\w.-]{8,100}$/);
      expect(headers['access-control-allow-origin'], path).toBe(cors ? '*' : undefined);
      expect((await fetch(`${running.app.url}${clean}`)).status, clean).toBe(200);
    }
  });

  it('leads a kind’s address, "open-data" and a plural history address to their pages with the headers, its query kept', async () => {
    for (const [path, location] of [
      ['/actions?company=google', '/incidents?company=google&kind=action'],
      ['/donations', '/incidents?kind=donation'],
      ['/statements?kind=action', '/incidents?kind=statement'],
      ['/open-data', '/api-docs'],
    ] as const) {
      const response = await fetch(`${running.app.url}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(307);
      expect(new URL(response.headers.get('location')!, running.app.url).href, path).toBe(
        `${running.app.url}${location}`,
      );
      checkHeaders(response, path);
      expect(response.headers.get('x-request-id'), path).toMatch(/^[\w.-]{8,100}$/);
    }
    // A history address written with the record page's plural: the history's own, for good.
    for (const [path, location] of [
      ['/history/contracts/abc123?x=1', '/history/contract/abc123?x=1'],
      ['/history/companies/salesforce', '/history/company/salesforce'],
    ] as const) {
      const response = await fetch(`${running.app.url}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(308);
      expect(new URL(response.headers.get('location')!, running.app.url).href, path).toBe(
        `${running.app.url}${location}`,
      );
    }
    expect((await fetch(`${running.app.url}/history/things/abc123`, { redirect: 'manual' })).status).toBe(404);
  });

  it('refuses a router state it cannot read as a bad request, logging no error, and reads a real one', async () => {
    const logged = running.app.output().length;
    for (const state of ['%%%', '[1]', encodeURIComponent('{"children":1}')]) {
      const response = await fetch(`${running.app.url}/about`, {
        headers: { rsc: '1', 'next-router-state-tree': state },
      });
      expect(response.status, state).toBe(400);
      expect(await response.text(), state).toMatch(/router state this request sent cannot be read/);
      // The server's own answer (Next.js hides the header from the proxy): its headers, without a page's policy.
      expect(response.headers.get('x-content-type-options'), state).toBe('nosniff');
      expect(response.headers.get('cross-origin-opener-policy'), state).toBe('same-origin');
      expect(response.headers.get('x-request-id'), state).toMatch(/^[\w.-]{8,100}$/);
    }
    // A navigation's own state, as the page's script sends it.
    const real = encodeURIComponent(JSON.stringify(['', { children: ['__PAGE__', {}] }]));
    const response = await fetch(`${running.app.url}/about`, { headers: { rsc: '1', 'next-router-state-tree': real } });
    expect(response.status).not.toBe(400);
    expect(response.status).toBeLessThan(500);
    expect(running.app.output().slice(logged)).not.toMatch(/"level":"error"/);
  });

  it('writes what Next.js itself reports as log lines: one JSON line each, with the request’s id', async () => {
    // An action no build has: Next.js refuses it and reports it, with a stack, over several lines.
    const response = await fetch(`${running.app.url}/`, {
      method: 'POST',
      headers: {
        'next-action': '0'.repeat(42),
        'content-type': 'text/plain;charset=UTF-8',
        'x-request-id': 'chosen-by-the-client',
      },
      body: '[]',
    });
    // No front proxy is trusted here: the id is the server's, not one a client chose to pass for another's.
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[\w-]{36}$/);
    await response.arrayBuffer();
    await expect
      .poll(() =>
        running.app
          .output()
          .split('\n')
          .filter((line) => line.includes('Failed to find Server Action')),
      )
      .not.toEqual([]);
    const reported = running.app
      .output()
      .split('\n')
      .filter((line) => line.includes('Failed to find Server Action') || line.includes('older or newer deployment'));
    for (const line of reported) {
      expect(JSON.parse(line), line).toMatchObject({
        level: expect.stringMatching(/^(warn|error)$/),
        requestId,
        source: 'next',
      });
    }
    // Its stack is in the same line, not in lines of its own.
    expect(running.app.output()).not.toMatch(/^\s+at .*\.js:\d+/m);
  });

  it('runs the pages in Chromium without a single violation, and they hydrate', async () => {
    const context = await watchedContext(running.browser);
    for (const path of [
      '/',
      '/companies/salesforce',
      '/incidents',
      '/compare?companies=salesforce,google',
      '/search?q=strike',
      '/sign-in',
      '/companies/no-such-company-xyz',
      '/companies?page=-1',
    ]) {
      const page = await context.newPage();
      const messages = policyMessages(page);
      const response = await page.goto(`${running.app.url}${path}`);
      await hydrated(page);
      // Public pages were requested before (above): the browser gets them from the page cache, whose
      // nonce was replaced with a fresh one, and they still hydrate without a violation.
      if (['/', '/companies/salesforce', '/incidents'].includes(path)) {
        expect(response?.headers()['x-counterweight-cache'], path).toBe('hit');
      }
      // A "not found" answer is never kept (it was requested before too).
      if (path === '/companies/no-such-company-xyz') {
        expect(response?.headers()['x-counterweight-cache'], path).toBeUndefined();
      }
      // A header link loads its page as a new document (plain links, docs/decisions/011), which
      // hydrates under its own policy too.
      await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About' }).click();
      await page.waitForURL(/\/about$/);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await hydrated(page);
      expect(
        await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
        path,
      ).toBeUndefined();
      expect(await violations(page), path).toEqual([]);
      expect(messages, path).toEqual([]);
      await page.close();
    }
    await context.close();
  });

  it('lets the sign-in form work under the policy: a refusal in place, then the redirect to the editor', async () => {
    const context = await watchedContext(running.browser);
    const page = await context.newPage();
    const messages = policyMessages(page);
    await page.goto(`${running.app.url}/sign-in`);
    await hydrated(page);
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    await page.getByLabel('Email').fill('nobody@example.org');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'The email or password is not right, or an administrator has disabled the account.' })
      .waitFor();
    // The Server Action answered in place (useActionState), so the page was not loaded again.
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    const editor = demoAccount('EDITOR');
    await page.getByLabel('Email').fill(editor.email);
    await page.getByLabel('Password').fill(editor.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/editor$/);
    await page.getByText(/Signed in as/).waitFor();
    expect(await violations(page)).toEqual([]);
    expect(messages).toEqual([]);
    await context.close();
  });

  it('blocks a script, an event handler and a javascript: link that found their way into the page', async () => {
    const context = await watchedContext(running.browser);
    const page = await context.newPage();
    const messages = policyMessages(page);
    // As if stored text had reached the page as markup: the server's page and headers, with this added.
    const injected =
      '<script>window.__injected = 1;</script><img alt="" src="/no-such-image.png" onerror="window.__handler = 1">';
    await page.route(`${running.app.url}/companies/salesforce`, async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      expect(html).toContain('</main>');
      await route.fulfill({ response, body: html.replace('</main>', `${injected}</main>`) });
    });
    await page.goto(`${running.app.url}/companies/salesforce`);
    await hydrated(page);
    // A javascript: link is refused however it got there (React would not write one).
    await page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<a id="injected-link" href="javascript:window.__link = 1">a</a>');
      document.getElementById('injected-link')?.click();
    });
    await page.waitForFunction(
      () => (window as unknown as { __violations: Violation[] }).__violations.length >= 3,
      null,
      { timeout: 10_000 },
    );
    const state = await page.evaluate(() => {
      const globals = window as unknown as { __injected?: number; __handler?: number; __link?: number };
      return { injected: globals.__injected, handler: globals.__handler, link: globals.__link };
    });
    expect(state).toEqual({ injected: undefined, handler: undefined, link: undefined });
    const recorded = await violations(page);
    expect(recorded.map((violation) => violation.directive).sort()).toEqual([
      'script-src-attr',
      'script-src-elem',
      'script-src-elem',
    ]);
    expect(recorded.every((violation) => violation.blocked === 'inline')).toBe(true);
    expect(messages.length).toBeGreaterThanOrEqual(3);
    // Not tested: a script element made by running script (document.createElement) runs, nonce or
    // not, because 'strict-dynamic' trusts what trusted scripts load. The policy stops markup.
    await context.close();
  });
});
