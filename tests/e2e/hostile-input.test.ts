import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signedIn as signIn } from '../helpers/sign-in';
import { withDemoAppAndBrowser } from '../helpers/demo-app';
import { FORGED_NOT_FOUND, oversizedBody, stringInputs, XSS_PAYLOADS } from '../helpers/hostile-inputs';

/*
 * The hostile-input corpus against the running production app: in addresses and query parameters
 * of every public route and API endpoint (never a 5xx, never a server error hidden in a streamed
 * page), through the real donation form, and stored as a published record that every page showing
 * it must render as text, never as markup.
 */

/** Percent-encodes like encodeURIComponent, but keeps going on a lone surrogate (as a browser would, with U+FFFD). */
function encode(value: string): string {
  return encodeURIComponent(
    value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );
}

/** Runs `work` over `items`, `concurrency` at a time. */
async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

/**
 * Digests of errors React streamed into a page after its 200 status, in the markup or in the
 * payload the browser renders them from (`c:E{\"digest\":\"4242985042\"}`); not-found and
 * redirects are expected.
 */
const hiddenErrors = (html: string) =>
  [...html.matchAll(/data-dgst="([^"]*)"|:E\{\\"digest\\":\\"([^"\\]*)\\"/g)]
    .map((match) => (match[1] ?? match[2])!)
    .filter((digest) => !digest.startsWith('NEXT_'));

/** The server's log lines at level error (lib/log.ts writes one JSON object per line), the last ten. */
const serverErrors = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.includes('"level":"error"') || /\b(Error|error)\b/.test(line))
    .slice(-10)
    .map((line) => `\nserver: ${line.slice(0, 600)}`)
    .join('');

describe('hostile input against the running app', () => {
  const running = withDemoAppAndBrowser();

  const signedIn = (role: string) => signIn(running.browser, running.app.url, role);

  it('says in words that an address is too long to read, where Node refuses it before the app', async () => {
    const response = await fetch(`${running.app.url}/incidents?company=${'a'.repeat(20_000)}`);
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toMatch(/^This address is too long for the server to read\./);
    // Under the open data, in its JSON and with its CORS headers, which a script on another site needs to read it.
    for (const path of ['/api/v1/actions', '/exports/actions.csv', '/feeds/all.atom']) {
      const refused = await fetch(`${running.app.url}${path}?q=${'a'.repeat(20_000)}`, {
        headers: { origin: 'https://example.org' },
      });
      expect(refused.status, path).toBe(431);
      expect(refused.headers.get('content-type'), path).toBe('application/json');
      expect(refused.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(((await refused.json()) as { error: { message: string } }).error.message, path).toMatch(
        /^This address is too long for the server to read \(more than 16 KB\)\./,
      );
    }
    // Headers past the limit with a short address (a browser's cookies) are said to be the headers.
    for (const path of ['/about', '/api/v1/actions']) {
      const heavy = await fetch(`${running.app.url}${path}`, { headers: { cookie: `crumbs=${'a'.repeat(20_000)}` } });
      expect(heavy.status, path).toBe(431);
      expect(await heavy.text(), path).toMatch(/The headers of this request are too large .* cookies/);
    }
    // The server goes on serving.
    expect((await fetch(`${running.app.url}/incidents?company=salesforce`)).status).toBe(200);
  });

  it('refuses a body larger than the server reads, where it had passed the first 10 MB on, cut off', async () => {
    const body = `email=${'a'.repeat(11 * 1024 * 1024)}`;
    for (const path of ['/api/auth/callback/credentials', '/sign-in']) {
      const response = await fetch(`${running.app.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      expect(response.status, path).toBe(413);
      expect(await response.text(), path).toMatch(/larger than the server reads \(10 MB\): nothing was changed/);
    }
    // Sent in chunks, without its length: measured, and refused alike.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let part = 0; part < 11; part += 1) controller.enqueue(new Uint8Array(1024 * 1024).fill(97));
        controller.close();
      },
    });
    const chunked = await fetch(`${running.app.url}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    // Under the open data, in its JSON and with its CORS header, as its other errors.
    const api = await fetch(`${running.app.url}/api/v1/actions`, { method: 'POST', body });
    expect(api.status).toBe(413);
    expect(api.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await api.json()) as { error: { message: string } }).error.message).toMatch(
      /larger than the server reads/,
    );
  });

  it('never answers a hostile address or query with a server error', async () => {
    const inputs = stringInputs('script', 'url', 'sql', 'unicode', 'path', 'number', 'date', 'long').filter(
      ({ value }) => value.length <= 10_001,
    );
    const encoded = (template: string) =>
      inputs.map(({ label, value }) => ({ label, path: template.replace('X', encode(value)) }));
    // Path tricks also travel unencoded, as a client might send them.
    const raw = (template: string) =>
      stringInputs('path').map(({ label, value }) => ({ label: `${label} (raw)`, path: template.replace('X', value) }));
    const templates = [
      '/companies/X',
      '/companies?sort=X',
      '/companies/salesforce?kind=X',
      '/incidents?kind=X',
      '/incidents?company=X',
      '/incidents?from=X',
      '/incidents?page=X',
      '/incidents?q=X',
      '/search?q=X',
      '/compare?companies=X',
      '/compare?companies=salesforce,X',
      '/compare?add=X',
      '/compare/add?companies=salesforce&add=X',
      '/suggestions/companies?q=X',
      '/suggestions/organizations?q=X',
      '/suggestions/X?q=salesforce',
      '/organizations/X',
      '/donations/X',
      '/api/v1/actions?company=X',
      '/api/v1/actions?limit=X',
      '/api/v1/actions?cursor=X',
      '/api/v1/actions?q=X',
      '/api/v1/companies/X',
      '/api/v1/X',
      '/exports/X',
      '/exports/actions.csv?company=X',
      '/feeds/companies/X.atom',
      '/history/company/X',
      '/history/X/X',
    ];
    const requests = templates.flatMap((template) => [...encoded(template), ...raw(template)]);
    const failures: string[] = [];
    await pool(requests, 6, async ({ label, path }) => {
      const response = await fetch(`${running.app.url}${path}`, { redirect: 'manual' }).catch(
        (error: unknown) => error as Error,
      );
      if (response instanceof Error) return void failures.push(`${path.slice(0, 120)} (${label}): ${response.message}`);
      const body = await response.text();
      if (response.status >= 500) failures.push(`${response.status} ${path.slice(0, 120)} (${label})`);
      const errors = hiddenErrors(body);
      if (errors.length) failures.push(`streamed error ${errors.join(',')} in ${path.slice(0, 120)} (${label})`);
    });
    // A failure comes with what the server logged as errors, to tell why.
    const logged = failures.length ? serverErrors(running.app.output()) : '';
    expect(failures.join('\n') + logged).toBe('');
    expect(requests.length).toBeGreaterThan(3000);
    // Thousands of requests: about two minutes here, and the machine's speed varies from hour to hour.
  }, 600_000);

  it('answers 404 for a history address whose kind of record is not one, whatever object names it borrows', async () => {
    const { url } = running.app;
    const salesforce = (await (await fetch(`${url}/api/v1/companies/salesforce`)).json()) as { data: { id: string } };
    const id = salesforce.data.id;
    expect((await fetch(`${url}/history/company/${id}`)).status).toBe(200);
    for (const type of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'Company', 'company%20']) {
      const response = await fetch(`${url}/history/${type}/${id}`, { redirect: 'manual' });
      const body = await response.text();
      expect(response.status, type).toBe(404);
      expect(body, type).not.toContain('Salesforce');
    }
    // Nor more or fewer parts than a kind and an id.
    for (const path of [`/history/company/${id}/more`, `/history/company`, `/history/company/${id.toUpperCase()}`]) {
      expect((await fetch(`${url}${path}`, { redirect: 'manual' })).status, path).toBe(404);
    }
  });

  it('answers requests Auth.js could not make sense of with a 4xx, and logs no error for them', async () => {
    const { url } = running.app;
    const before = running.app.output().length;
    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    const requests: [string, RequestInit, number][] = [
      ['/api/auth/callback/nope', {}, 404],
      ['/api/auth/signin/nope', form({}), 404],
      [
        '/api/auth/session',
        { method: 'POST', headers: { origin: url, 'content-type': 'application/json' }, body: '{' },
        400,
      ],
      [
        '/api/auth/callback/credentials',
        form({ callbackUrl: `${url}.evil.example/`, email: 'x@y.example', password: 'x' }),
        400,
      ],
    ];
    for (const [path, init, status] of requests) {
      const response = await fetch(`${url}${path}`, { ...init, redirect: 'manual' });
      await response.arrayBuffer();
      expect(response.status, path).toBe(status);
    }
    // Auth.js's own addresses still answer as before.
    expect((await fetch(`${url}/api/auth/providers`)).status).toBe(200);
    expect(serverErrors(running.app.output().slice(before))).toBe('');
  });

  it('a sign-in on this machine is not taken for a request through an untrusted proxy', async () => {
    // Next.js renders the page a sign-in redirects to with a request of its own carrying X-Forwarded-For.
    const editor = await signedIn('EDITOR');
    await editor.context.close();
    expect(running.app.output()).not.toContain('COUNTERWEIGHT_PROXY_HOPS=0 does not believe');
  });

  it('refuses oversized bodies with a 4xx and stays up', async () => {
    const body = oversizedBody(5);
    const targets: [string, Record<string, string>][] = [
      ['/api/v1/actions', { 'Content-Type': 'application/json' }],
      ['/api/v1/companies/salesforce', { 'Content-Type': 'application/json' }],
      ['/exports/actions.csv', { 'Content-Type': 'text/plain' }],
      ['/editor/new/donation', { 'Content-Type': 'text/plain;charset=UTF-8', 'Next-Action': '0'.repeat(42) }],
      ['/sign-in', { 'Content-Type': 'application/x-www-form-urlencoded', 'Next-Action': 'f'.repeat(42) }],
    ];
    for (const [path, headers] of targets) {
      const response = await fetch(`${running.app.url}${path}`, { method: 'POST', headers, body, redirect: 'manual' });
      await response.arrayBuffer();
      expect(response.status, `POST ${path}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `POST ${path}`).toBeLessThan(500);
    }
    expect((await fetch(`${running.app.url}/api/health`)).status).toBe(200);
  });

  it('refuses with a 400 a post naming a cached function as its action, or a form that arrives broken: nothing runs', async () => {
    // The build's own list of what can be posted as an action, cached functions among them.
    const manifest = JSON.parse(
      await readFile(path.join(process.cwd(), '.next/server/server-reference-manifest.json'), 'utf8'),
    ) as { node: Record<string, { exportedName: string }> };
    const cached = Object.entries(manifest.node).filter(([, entry]) =>
      entry.exportedName.startsWith('$$RSC_SERVER_CACHE'),
    );
    expect(cached.length).toBeGreaterThan(0);
    const logged = running.app.output().length;
    const post = async (body: BodyInit, headers: Record<string, string> = {}) => {
      const response = await fetch(`${running.app.url}/`, { method: 'POST', headers, body, redirect: 'manual' });
      return { status: response.status, text: await response.text() };
    };
    for (const [id] of cached) {
      // As the page's script would post it,
      const called = await post('["salesforce"]', { 'next-action': id, 'content-type': 'text/plain;charset=UTF-8' });
      expect(called.status, id).toBe(400);
      expect(called.text, id).not.toContain('Salesforce');
      // and as a form without the script, the action named in a field's name,
      const form = new FormData();
      form.set(`$ACTION_ID_${id}`, '');
      form.set('1', 'salesforce');
      expect((await post(form)).status, id).toBe(400);
      // or in the JSON a reference points to, under any key,
      const referred = new FormData();
      referred.set('$ACTION_REF_x', '');
      referred.set('$ACTION_x:0', JSON.stringify({ id, bound: '$@1' }));
      referred.set('$ACTION_x:1', JSON.stringify(['salesforce']));
      expect((await post(referred)).status, id).toBe(400);
    }
    // however long the form (Next.js reads up to 10 MB as an action).
    const padded = new FormData();
    padded.set(`$ACTION_ID_${cached[0]![0]}`, '');
    padded.set('padding', 'x'.repeat(2_000_000));
    expect((await post(padded)).status).toBe(400);
    const broken = await post('--x\r\n\r\n--x--', { 'content-type': 'multipart/form-data; boundary=x' });
    expect(broken).toEqual({ status: 400, text: expect.stringContaining('nothing was changed') });
    // An action of the app's called with arguments that are not the JSON a page's script sends.
    const [action] = Object.entries(manifest.node).find(([, entry]) => !entry.exportedName.startsWith('$$RSC_')) ?? [];
    expect(action).toBeDefined();
    const garbled = await post('garbage{', { 'next-action': action!, 'content-type': 'text/plain;charset=UTF-8' });
    expect(garbled).toEqual({ status: 400, text: expect.stringContaining('nothing was changed') });
    // Nor JSON: every action here takes its form, which a page's script sends as a multipart form.
    for (const body of ['[{},1]', '[{},"x"]', '[{},{"$K":1},"$Q1"]']) {
      const json = await post(body, { 'next-action': action!, 'content-type': 'text/plain;charset=UTF-8' });
      expect(json, body).toEqual({ status: 400, text: expect.stringContaining('nothing was changed') });
      // Nor the same arguments as a multipart form, without a form among them.
      const multipart = new FormData();
      multipart.set('0', body);
      expect(await post(multipart, { 'next-action': action! }), body).toEqual({
        status: 400,
        text: expect.stringContaining('nothing was changed'),
      });
    }
    expect(serverErrors(running.app.output().slice(logged))).toBe('');
  });

  it("refuses a form another site's page sends in a signed-in editor's name, and stores nothing", async () => {
    const { url } = running.app;
    const editor = await signedIn('EDITOR');
    const fund = `Cross Site Relief Fund ${Date.now()}`;
    await editor.page.goto(`${url}/editor/new/donation`);
    await editor.page.getByLabel('Donor company').fill('Salesforce');
    await editor.page.getByLabel('Recipient organization').fill(fund);
    await editor.page.getByLabel('What happened').selectOption('REJECTED');
    await editor.page.getByLabel(/^Date/).fill('2019-05');
    await editor.page.getByLabel(/^Amount/).fill('4321');
    await editor.page.getByLabel(/^Sources/).fill('https://example.org/news/cross-site');
    // The form's own request, kept and stopped: sent again below from another site, then from this one.
    const sent = new Promise<{ headers: Record<string, string>; body: Buffer }>((resolve) => {
      void editor.page.route('**/editor/new/donation', async (route) => {
        const request = route.request();
        if (request.method() !== 'POST') return route.continue();
        const all = await request.allHeaders();
        const headers = Object.fromEntries(
          ['content-type', 'next-action', 'next-router-state-tree', 'accept'].flatMap((name) =>
            all[name] ? [[name, all[name]]] : [],
          ),
        );
        resolve({ headers, body: request.postDataBuffer() ?? Buffer.alloc(0) });
        await route.abort();
      });
    });
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    const { headers, body } = await sent;
    const post = (origin: string) =>
      editor.context.request.post(`${url}/editor/new/donation`, {
        headers: { ...headers, origin },
        data: body,
        maxRedirects: 0,
      });
    const myChanges = async () => {
      const page = await editor.context.newPage();
      await page.goto(`${url}/editor`);
      const text = await page.locator('main').innerText();
      await page.close();
      return text;
    };
    for (const origin of ['https://attacker.example', 'null', `${new URL(url).protocol}//evil.${new URL(url).host}`]) {
      const refused = await post(origin);
      expect(refused.status(), origin).toBe(403);
      expect(await refused.text()).toMatch(/can only be sent from a page of this site\. Nothing was changed/);
    }
    expect(await myChanges()).not.toContain(fund);
    // The very same request from this site's own page is taken: the refusals were its origin's doing.
    const own = await post(new URL(url).origin);
    expect(own.status()).toBeLessThan(400);
    expect(await myChanges()).toContain(fund);
    await editor.context.close();
  });

  it('the donation form answers hostile text with a message or acceptance, never a server error', async () => {
    const editor = await signedIn('EDITOR');
    const serverErrors: string[] = [];
    editor.page.on('response', (response) => {
      if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.url()}`);
    });
    const texts = [
      ...stringInputs('script').slice(0, 4),
      ...stringInputs('sql').slice(0, 2),
      ...stringInputs('unicode').filter(({ label }) =>
        /NUL byte$|lone high|right-to-left override$|skin tone|zero-width joiner/.test(label),
      ),
      ...stringInputs('long').filter(({ label }) => /^long: (2,001|10,001) /.test(label)),
    ];
    const outcomes: string[] = [];
    for (const [index, { label, value }] of texts.entries()) {
      await editor.page.goto(`${running.app.url}/editor/new/donation`);
      await editor.page.getByLabel('Donor company').fill('Salesforce');
      // The organisation's name is hostile too: it is looked up before it is validated.
      await editor.page.getByLabel('Recipient organization').fill(value.slice(0, 200));
      await editor.page.getByLabel('What happened').selectOption('REJECTED');
      await editor.page.getByLabel(/^Date/).fill('2019-03');
      await editor.page.getByLabel(/^Amount/).fill(String(1000 + index));
      // Past the fields' maxlength, as a script (not a browser) would send it.
      for (const name of ['reason', 'quote', 'quoteAttribution']) {
        await editor.page.locator(`[name="${name}"]`).evaluate((element, text) => {
          element.removeAttribute('maxlength');
          (element as HTMLInputElement).value = text;
        }, value);
      }
      await editor.page.getByLabel(/^Sources/).fill('https://example.org/news/hostile');
      await editor.page.getByRole('button', { name: 'Send for review' }).click();
      const refused = editor.page.locator('form').getByRole('alert');
      await Promise.race([
        editor.page.waitForURL(/\/editor\?submitted=donation/, { timeout: 15_000 }),
        refused.first().waitFor({ timeout: 15_000 }),
      ]).catch(async () => {
        throw new Error(
          `no answer to ${label}: ${editor.page.url()} ${(await editor.page.locator('body').innerText()).slice(0, 500)}`,
        );
      });
      outcomes.push(
        `${label}: ${/submitted/.test(editor.page.url()) ? 'accepted' : [...(await refused.allTextContents()), ...(await editor.page.locator('form [id$="-error"]').allTextContents())].join(' | ')}`,
      );
    }
    await editor.context.close();
    expect(serverErrors).toEqual([]);
    // The NUL byte and the text past the limits are refused with a message; script and SQL are kept as text.
    expect(outcomes.find((line) => line.startsWith('unicode: NUL byte'))).toMatch(/cannot contain NUL/);
    expect(outcomes.find((line) => line.startsWith('long: 2,001'))).toMatch(/at most/);
    expect(outcomes.find((line) => line.startsWith('unicode: right-to-left override:'))).toMatch(
      /text-direction controls/,
    );
    expect(outcomes.find((line) => line.startsWith('script: script tag:'))).toMatch(/accepted$/);
  });

  it('a published record full of script payloads is shown as text on every page, and no script runs', async () => {
    const amount = '31337';
    const editor = await signedIn('EDITOR');
    await editor.page.getByRole('link', { name: 'A donation response' }).click();
    await editor.page.getByLabel('Donor company').fill('Salesforce');
    await editor.page.getByLabel('Recipient organization').fill(XSS_PAYLOADS.organization);
    await editor.page.getByLabel('What happened').selectOption('REJECTED');
    await editor.page.getByLabel(/^Date/).fill('2019-04');
    await editor.page.getByLabel(/^Amount/).fill(amount);
    // With notFound()'s digest in a long text: the pages that show it still answer 200.
    await editor.page.getByLabel('The stated reason').fill(`${XSS_PAYLOADS.reason} ${FORGED_NOT_FOUND}`);
    await editor.page.getByLabel('A short quote').fill(XSS_PAYLOADS.quote);
    await editor.page.getByLabel('Who said it').fill(XSS_PAYLOADS.attribution);
    await editor.page.getByLabel(/^Sources/).fill('https://example.org/news/xss-fund');
    await editor.page.getByRole('button', { name: 'Send for review' }).click();
    await editor.page.waitForURL(/\/editor\?submitted=donation/);
    await editor.context.close();

    const reviewer = await signedIn('REVIEWER');
    const dialogs: string[] = [];
    reviewer.context.on('page', (page) =>
      page.on('dialog', (dialog) => void (dialogs.push(dialog.message()), dialog.dismiss())),
    );
    reviewer.page.on('dialog', (dialog) => void (dialogs.push(dialog.message()), dialog.dismiss()));

    /** Visits a page and checks that no payload ran and none became an element. */
    const visited: string[] = [];
    async function check(page: Page, path: string, shows: string[] = [], status?: number) {
      const response = await page.goto(`${running.app.url}${path}`);
      expect(response?.status(), path).toBeLessThan(500);
      if (status) expect(response?.status(), path).toBe(status);
      await page.waitForLoadState('load');
      visited.push(path);
      expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned), path).toBeUndefined();
      expect(await page.locator('img[src="x"], svg[onload], a[href^="javascript:"]').count(), path).toBe(0);
      const text = await page.locator('body').innerText();
      for (const payload of shows) expect(text, `${path} shows the text`).toContain(payload);
    }

    await reviewer.page.goto(`${running.app.url}/review`);
    // Named as the public pages will name it, the amount as money.
    const link = reviewer.page.getByRole('link', {
      name: new RegExp(`rejected \\$${Number(amount).toLocaleString('en-US')} from Salesforce`),
    });
    const reviewPath = new URL((await link.getAttribute('href'))!, running.app.url).pathname;
    await check(reviewer.page, '/review');
    await check(reviewer.page, reviewPath, [XSS_PAYLOADS.reason, XSS_PAYLOADS.quote], 200);
    await reviewer.page.getByRole('button', { name: 'Publish' }).click();
    await reviewer.page.waitForURL(/\/review\?published=[a-z]+&record=/);

    const page = reviewer.page;
    await check(page, '/companies/salesforce');
    const entry = page.getByRole('link', { name: new RegExp(`rejected \\$31,337 from Salesforce`) });
    const donationPath = (await entry.getAttribute('href'))!;
    const donationId = donationPath.split('/').pop()!;
    await check(
      page,
      donationPath,
      [XSS_PAYLOADS.reason, FORGED_NOT_FOUND.trim(), XSS_PAYLOADS.quote, XSS_PAYLOADS.attribution],
      200,
    );
    const organizationPath = (await page.locator('a[href^="/organizations/"]').first().getAttribute('href'))!;
    expect(organizationPath).toMatch(/^\/organizations\/[a-z0-9-]+$/);
    await check(page, organizationPath, [XSS_PAYLOADS.organization]);
    await check(page, '/organizations');
    await check(page, '/incidents');
    await check(page, '/incidents?company=salesforce');
    await check(page, `/search?q=${encode('onerror')}`);
    await check(page, `/search?q=${encode(XSS_PAYLOADS.organization)}`);
    await check(page, `/history/donation/${donationId}`);
    await check(page, reviewPath);
    await check(page, '/');
    for (const feed of ['/feeds/all.atom', '/feeds/companies/salesforce.atom']) {
      const xml = await (await fetch(`${running.app.url}${feed}`)).text();
      expect(xml, feed).not.toContain('<script>window.__pwned');
      expect(xml, feed).not.toContain('<img src=x');
      await check(page, feed);
    }
    for (const api of [`/api/v1/donations/${donationId}`, '/exports/donations.json']) {
      const response = await fetch(`${running.app.url}${api}`);
      expect(response.headers.get('content-type'), api).toMatch(/^application\/json/);
      expect(await response.text(), api).toContain('window.__pwned');
    }
    // Archived with a reason that carries the payloads and the attribute that sets a page's status:
    // its address shows the reason as text, with the archive's 410, not the 403 the text names.
    const forged = `${XSS_PAYLOADS.reason} data-http-status="403"`;
    await page.goto(`${running.app.url}/history/donation/${donationId}`);
    await page.getByText('Archive this record').click();
    await page.getByLabel(/Why archive it/).fill(forged);
    await page.getByRole('button', { name: 'Archive it' }).click();
    await page.waitForURL(/\?archived=1$/);
    await check(page, donationPath, [forged]);
    expect((await fetch(`${running.app.url}${donationPath}`)).status).toBe(410);
    await check(page, `/history/donation/${donationId}`, [forged]);
    await reviewer.context.close();
    expect(dialogs).toEqual([]);
    expect(visited.length).toBeGreaterThan(12);
  });
});
