import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startDemoApp, type DemoApp } from '../helpers/demo-app';

/*
 * GitHub sign-in, through the real Auth.js flow in Chromium, against a GitHub Enterprise Server
 * address (AUTH_GITHUB_ENTERPRISE_URL) served by this test: github.com cannot be reached from here.
 * The stand-in speaks the few endpoints of GitHub's OAuth web flow that the sign-in uses (authorize,
 * access_token, /api/v3/user and /api/v3/user/emails) and signs in whoever the test says.
 */

let github: Server;
let githubUrl: string;
let app: DemoApp;
let browser: Browser;
/**
 * The GitHub user the stand-in signs in next: email null means "no public email" (Auth.js then takes
 * the primary one from /user/emails); `unverified` lists addresses its owner never confirmed.
 */
let nextUser: { login: string; email: string | null; emails: string[]; unverified?: string[] } = {
  login: '',
  email: null,
  emails: [],
};
const codes = new Map<string, typeof nextUser>();
const tokens = new Map<string, typeof nextUser>();
const seen: string[] = [];

beforeAll(async () => {
  github = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://github.test');
    seen.push(`${request.method} ${url.pathname}`);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === '/login/oauth/authorize') {
      // The user agrees at once: back to the app with a code and the state it sent.
      expect(url.searchParams.get('client_id')).toBe('test-client-id');
      const code = `code-${codes.size + 1}`;
      codes.set(code, nextUser);
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      response.writeHead(302, { location: back.toString() });
      response.end();
      return;
    }
    if (url.pathname === '/login/oauth/access_token' && request.method === 'POST') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const form = new URLSearchParams(body);
        const user = codes.get(form.get('code') ?? '');
        if (!user) return json(400, { error: 'bad_verification_code' });
        codes.delete(form.get('code') ?? '');
        const token = `token-${tokens.size + 1}`;
        tokens.set(token, user);
        json(200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' });
      });
      return;
    }
    const user = tokens.get((request.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!user) return json(401, { message: 'Bad credentials' });
    if (url.pathname === '/api/v3/user') {
      return json(200, { id: 4242, login: user.login, name: null, email: user.email, avatar_url: null });
    }
    if (url.pathname === '/api/v3/user/emails') {
      return json(
        200,
        user.emails.map((email, index) => ({
          email,
          primary: index === 0,
          verified: !user.unverified?.includes(email),
        })),
      );
    }
    json(404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => github.listen(0, '127.0.0.1', resolve));
  githubUrl = `http://127.0.0.1:${(github.address() as AddressInfo).port}`;
  [app, browser] = await Promise.all([
    startDemoApp({
      AUTH_GITHUB_ID: 'test-client-id',
      AUTH_GITHUB_SECRET: 'test-client-secret',
      AUTH_GITHUB_ENTERPRISE_URL: githubUrl,
    }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await new Promise((resolve) => github?.close(resolve));
});

/** The app by the name its own links use (Auth.js builds GitHub's return address from the host). */
const appUrl = () => app.url.replace('127.0.0.1', 'localhost');

async function signInWithGitHub() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${appUrl()}/sign-in`);
  await page.getByRole('button', { name: /Sign in with GitHub/ }).click();
  await page.waitForURL(
    (url) => url.pathname === '/editor' || (url.pathname === '/sign-in' && url.search.includes('error')),
  );
  return { context, page };
}

describe('GitHub sign-in', () => {
  it('signs in a person whose GitHub email an admin gave an account (found through /user/emails)', async () => {
    nextUser = { login: 'demo-editor', email: null, emails: ['Editor@Counterweight.example', 'other@example.org'] };
    const { context, page } = await signInWithGitHub();
    expect(new URL(page.url()).pathname).toBe('/editor');
    await page.getByText(/Signed in as Demo Editor/).waitFor();
    expect(seen).toEqual(
      expect.arrayContaining([
        'GET /login/oauth/authorize',
        'POST /login/oauth/access_token',
        'GET /api/v3/user',
        'GET /api/v3/user/emails',
      ]),
    );
    await context.close();
  });

  it('refuses an address its owner never verified on GitHub, even one an admin gave an account', async () => {
    nextUser = {
      login: 'impostor',
      email: 'admin@counterweight.example',
      emails: ['admin@counterweight.example'],
      unverified: ['admin@counterweight.example'],
    };
    const { context, page } = await signInWithGitHub();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page
      .getByRole('alert')
      .getByText(/That GitHub account has no Counterweight account/)
      .waitFor();
    await context.close();
  });

  it('refuses a GitHub account without a Counterweight account, and says why', async () => {
    nextUser = { login: 'stranger', email: 'stranger@example.org', emails: [] };
    const { context, page } = await signInWithGitHub();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page
      .getByRole('alert')
      .getByText(/That GitHub account has no Counterweight account/)
      .waitFor();
    // No session: the editor pages send the visitor back to sign in.
    await page.goto(`${appUrl()}/editor`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await context.close();
  });

  it("says the sign-in did not go through when Auth.js's error address is opened without a known reason", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${appUrl()}/api/auth/error`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByRole('alert').getByText('The sign-in did not go through. Please try again.').waitFor();
    // Nor is a code that names what every object has taken for one of its own (it failed the page).
    for (const code of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const response = await fetch(`${appUrl()}/sign-in?error=${code}`);
      expect(response.status, code).toBe(200);
      expect(await response.text(), code).toContain('The sign-in did not go through. Please try again.');
    }
    // A plain visit to the sign-in page raises no alarm.
    await page.goto(`${appUrl()}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByText(/did not go through/).count()).toBe(0);
    await context.close();
  });
});
