import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, startEmbeddedPostgres } from '@/lib/database/embedded';
import { processesMentioning, startApp, waitForOutput, type AppProcess } from '../helpers/app-process';
import { launchBrowser } from '../helpers/browser';

// The newcomer's path: `npm start` on an empty data folder, the pages, Ctrl-C, start again.
describe('npm start on a fresh machine', () => {
  let dataDir: string;
  let port: number;
  let app: AppProcess | undefined;
  let browser: Browser;
  const base = () => `http://127.0.0.1:${port}`;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'counterweight-e2e-'));
    port = await findFreePort();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    if (app && app.child.exitCode === null) await app.interrupt().catch(() => undefined);
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  const start = (options: { throughShell?: boolean } = {}) =>
    startApp({ COUNTERWEIGHT_DATA_DIR: dataDir, PORT: String(port) }, options);

  it('starts with the demo data on an embedded database and serves the home page', async () => {
    app = start();
    const [, seconds] = await waitForOutput(app, /running at http:\/\/localhost:\d+ \(ready ([\d.]+) s/, 220_000);
    console.log(`first start: ready ${seconds} s after the start command`);
    expect(app.output()).toMatch(/Loaded the demo data .*506 actions/);

    const response = await fetch(`${base()}/`);
    expect(response.status).toBe(200);
    const home = await response.text();
    expect(home).toContain('Latest incidents');
    // How far the data set reaches, so that no reader takes its end for the end of events.
    expect(home).toMatch(/Collective Action in Tech data set run to(?:<!-- -->)? ?<time dateTime="2022-04-29">/);
  });

  it('refuses a second start on the same port at once, instead of taking the other server for its own', async () => {
    const second = start();
    const code = await new Promise<number | null>((resolve) => second.child.once('exit', resolve));
    expect(code).toBe(1);
    // The same folder too: both said at once, not one after the other.
    expect(second.output()).toMatch(
      new RegExp(`Port ${port} is in use, by another npm start \\(process \\d+\\) on the data folder`),
    );
    expect(second.output()).toContain(`-2 PORT=${port + 1} npm start`);
    expect(second.output()).not.toMatch(/running at|Building/);
    // The first one serves on.
    expect((await fetch(`${base()}/`)).status).toBe(200);
  });

  it('refuses a switch neither on nor off before any work, rather than read a mistyped "off" as on', async () => {
    const refused = startApp({ COUNTERWEIGHT_DATA_DIR: dataDir, PORT: String(port), COUNTERWEIGHT_DEMO_DATA: 'flase' });
    const code = await new Promise<number | null>((resolve) => refused.child.once('exit', resolve));
    expect(code).toBe(1);
    expect(refused.output()).toContain(
      'COUNTERWEIGHT_DEMO_DATA must be on or off (or true or false, yes or no, 1 or 0), not "flase".',
    );
    expect(refused.output()).not.toMatch(/Port|Building|database/);
  });

  it('refuses a second start on the same data folder, on another port, rather than share a database that stops with the first', async () => {
    const otherPort = await findFreePort();
    const second = startApp({ COUNTERWEIGHT_DATA_DIR: dataDir, PORT: String(otherPort) });
    const code = await new Promise<number | null>((resolve) => second.child.once('exit', resolve));
    expect(code).toBe(1);
    expect(second.output()).toMatch(/Another npm start \(process \d+\) is running on the data folder/);
    expect(second.output()).toContain(`-2 PORT=${otherPort} npm start`);
    expect(second.output()).not.toMatch(/running at|Building|Database:/);
    expect((await fetch(`${base()}/`)).status).toBe(200);
  });

  it('shows a visitor the Salesforce page with the CBP contract, the RAICES rejection and the open letter', async () => {
    const page = await browser.newPage();
    await page.goto(`${base()}/`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Companies' }).click();
    await page.waitForURL(/\/companies$/);
    await page.getByRole('heading', { level: 1, name: 'Companies' }).waitFor();

    await page.getByRole('banner').getByRole('link', { name: 'Counterweight' }).click();
    await page.waitForURL(`${base()}/`);
    // Each company's actions, and how many of them the record ties to its contracts.
    const story = page.locator('section', { has: page.getByRole('heading', { name: 'Where the record begins' }) });
    // What the report says of Google: it would not renew the contract, which still ran (not that it had lapsed).
    await story.getByText(/Google had just said it would not renew its Pentagon drone contract/).waitFor();
    await story.getByText(/^1 contract · 3 employee actions, [1-3] tied to its contracts$/).waitFor();
    await story
      .getByText(/^\d+ contracts? · 108 employee actions, (none tied to a contract|\d+ tied to its contracts)$/)
      .waitFor();
    await page
      .locator('section', { has: page.getByRole('heading', { name: 'Where the record begins' }) })
      .getByRole('link', { name: 'Salesforce' })
      .click();
    await page.waitForURL(/\/companies\/salesforce$/);
    expect(await page.title()).toBe('Salesforce · Counterweight');
    const contracts = page.getByRole('region', { name: /Government contracts/ });
    await contracts
      .getByRole('link', { name: 'Software and technical services for U.S. Customs and Border Protection' })
      .waitFor();
    await contracts.getByRole('cell', { name: 'Active (as reported 19 July 2018)' }).waitFor();

    const timeline = page.getByRole('region', { name: 'Timeline' });
    const rejection = timeline
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'RAICES rejected $250,000 from Salesforce' }) });
    await rejection.getByText('BuzzFeed News').waitFor();

    const letter = timeline
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'Open letter involving Salesforce' }) });
    await letter.locator('time[datetime="2018-06-25"]').waitFor();
    await letter.getByText(/650 participants/).waitFor();
    await expect(letter.getByRole('link', { name: /bloomberg\.com/ }).count()).resolves.toBe(1);
    await page.close();
  });

  it('lets a keyboard user skip to the content and reach the navigation', async () => {
    const page = await browser.newPage();
    await page.goto(`${base()}/companies/salesforce`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Counterweight');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Companies');
    await page.close();
  });

  it('answers a malformed address with a friendly 404', async () => {
    for (const url of [`/companies/${'x'.repeat(5000)}`, '/contracts/not-a-record-id']) {
      const response = await fetch(`${base()}${url}`);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).toContain('Page not found');
    }
    // An unknown record's address, asked for its headers only: the 404 a GET gets.
    expect((await fetch(`${base()}/companies/no-such-company`, { method: 'HEAD' })).status).toBe(404);
    // Rendered in place, not fetched again over HTTP from the server itself (which warned of a leak).
    expect(app?.output()).not.toMatch(/MaxListenersExceededWarning/);
  });

  it('stops everything on Ctrl-C, then starts again keeping everything and adding nothing', async () => {
    const countsPage = async () => (await (await fetch(`${base()}/companies`)).text()).match(/(\d+) companies,/)?.[1];
    const companiesBefore = await countsPage();
    expect(Number(companiesBefore)).toBeGreaterThan(150);

    expect(await app?.interrupt()).toBe(0);
    expect(processesMentioning(dataDir)).toEqual([]);
    await expect(fetch(`${base()}/`)).rejects.toThrow();
    // Said once, when all of it has stopped.
    expect(app?.output().match(/Counterweight stopped: its server and its database are down\./g)).toHaveLength(1);

    app = start();
    const [, seconds] = await waitForOutput(app, /running at http:\/\/localhost:\d+ \(ready ([\d.]+) s/, 120_000);
    console.log(`second start: ready ${seconds} s after the start command`);
    expect(app.output()).not.toMatch(/Loaded the demo data|Building the app/);
    expect(await countsPage()).toBe(companiesBefore);
    expect(await app.interrupt()).toBe(0);
    expect(processesMentioning(dataDir)).toEqual([]);

    // The data folder, opened directly: the demo data once, nothing doubled.
    const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), database: 'counterweight' });
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT (SELECT count(*) FROM employee_actions)::int AS actions,
                (SELECT count(*) FROM employee_actions WHERE external_source = 'collective-action-tech')::int AS imported,
                (SELECT count(*) FROM companies)::int AS companies`,
      );
      expect(rows[0]).toEqual({ actions: 508, imported: 506, companies: Number(companiesBefore) });
    } finally {
      await client.end();
      await server.stop();
    }
  });

  it('after a hard kill, its server stops by itself, and the next start stops the database left running', async () => {
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    app = start();
    await waitForOutput(app, /running at http:\/\/localhost:\d+/, 120_000);
    const lock = await fs.readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8');
    const postmaster = Number(lock.split('\n')[0]);
    expect(alive(postmaster)).toBe(true);
    // SIGKILL: no shutdown of its own runs.
    process.kill(app.child.pid as number, 'SIGKILL');
    const deadline = performance.now() + 15_000;
    let serving = true;
    while (serving && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      serving = await fetch(`${base()}/api/health`).then(
        () => true,
        () => false,
      );
    }
    expect(serving, 'the server still answers after its npm start was killed').toBe(false);
    // PostgreSQL outlived it; the next start stops it, then starts its own, which its Ctrl-C stops.
    expect(alive(postmaster)).toBe(true);
    app = start();
    await waitForOutput(app, /running at http:\/\/localhost:\d+/, 120_000);
    expect(app.output()).toContain(
      `Stopping the database an earlier npm start left running when it was killed (process ${postmaster})`,
    );
    expect(alive(postmaster)).toBe(false);
    expect((await fetch(`${base()}/`)).status).toBe(200);
    expect(await app.interrupt()).toBe(0);
    expect(processesMentioning(dataDir)).toEqual([]);
  });

  it('stops everything when the npm that ran it is stopped, as a process manager stops it, its shell passing no signal on', async () => {
    app = start({ throughShell: true });
    await waitForOutput(app, /running at http:\/\/localhost:\d+/, 120_000);
    // SIGTERM to the shell alone (npm ends so too): the app is left to another parent.
    process.kill(app.child.pid as number, 'SIGTERM');
    const deadline = performance.now() + 20_000;
    while (processesMentioning(dataDir).length > 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(processesMentioning(dataDir)).toEqual([]);
    await expect(fetch(`${base()}/api/health`)).rejects.toThrow();
  });

  it('stops cleanly on a Ctrl-C while the first start loads the demo data, and loads all of it on the next', async () => {
    const freshDir = await fs.mkdtemp(path.join(os.tmpdir(), 'counterweight-e2e-interrupted-'));
    try {
      const first = startApp({ COUNTERWEIGHT_DATA_DIR: freshDir, PORT: String(port) });
      // The demo data loads right after the migrations, for a few seconds.
      await waitForOutput(first, /Applied migrations/, 120_000);
      expect(await first.interrupt()).toBe(0);
      // Stopped, not failed: no error of the work it cut short.
      expect(first.output()).not.toMatch(/Invalid|error|failed/i);
      expect(processesMentioning(freshDir)).toEqual([]);

      // The next start finds an empty record and loads all of it: the seed report's facts and the
      // demo accounts too, which a start finding the actions alone would never have added.
      app = startApp({ COUNTERWEIGHT_DATA_DIR: freshDir, PORT: String(port) });
      await waitForOutput(app, /running at http:\/\/localhost:\d+/, 120_000);
      expect(app.output()).toMatch(/Loaded the demo data .*506 actions/);
      expect(await (await fetch(`${base()}/contracts`)).text()).toContain(
        'Software and technical services for U.S. Customs and Border Protection',
      );
      expect(await app.interrupt()).toBe(0);
      const server = await startEmbeddedPostgres({
        dataDir: path.join(freshDir, 'postgres'),
        database: 'counterweight',
      });
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT count(*)::int AS n FROM users');
        expect(rows[0]).toEqual({ n: 3 });
      } finally {
        await client.end();
        await server.stop();
      }
    } finally {
      await fs.rm(freshDir, { recursive: true, force: true });
    }
  });

  it('starts an empty record with COUNTERWEIGHT_DEMO_DATA=off, which npm run db:seed fills as npm start would', async () => {
    const emptyDir = await fs.mkdtemp(path.join(os.tmpdir(), 'counterweight-e2e-empty-'));
    try {
      app = startApp({ COUNTERWEIGHT_DATA_DIR: emptyDir, PORT: String(port), COUNTERWEIGHT_DEMO_DATA: 'off' });
      await waitForOutput(app, /running at http:\/\/localhost:\d+/, 120_000);
      // Naming the data folder, without which the command would work on .data.
      expect(app.output()).toContain(
        `No demo data (COUNTERWEIGHT_DEMO_DATA=off). Create the first admin with: COUNTERWEIGHT_DATA_DIR=${emptyDir} npm run user:create`,
      );
      expect(app.output()).not.toMatch(/Loaded the demo data/);
      expect(await (await fetch(`${base()}/`)).text()).toContain('Nothing has been published yet.');
      expect(await app.interrupt()).toBe(0);

      // The first admin, as the start says; a second account with that email is refused, and says so.
      const env = { ...process.env, DATABASE_URL: '', COUNTERWEIGHT_DATA_DIR: emptyDir };
      const command = (script: string, args: string[] = [], extra: Record<string, string> = {}) =>
        spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
          env: { ...env, ...extra },
          encoding: 'utf8',
          timeout: 120_000,
        });
      // A mistyped role or email is named before any password is asked for (none is set here).
      const misspelt = command('scripts/create-user.ts', ['--email', 'first@counterweight.example', '--role', 'admn']);
      // A command misused ends with 2, as the other commands' do.
      expect([misspelt.status, misspelt.stderr.split('\n')[0]]).toEqual([
        2,
        'role: The role is editor, reviewer or admin.',
      ]);
      const noEmail = command('scripts/create-user.ts', ['--role', 'admin']);
      expect([noEmail.status, noEmail.stderr.split('\n')[0]]).toEqual([
        2,
        'Give the account’s email address: --email <email>',
      ]);
      const admin = ['--email', 'first@counterweight.example', '--role', 'admin'];
      const password = { COUNTERWEIGHT_PASSWORD: 'a-long-enough-password' };
      const created = command('scripts/create-user.ts', admin, password);
      expect([created.status, created.stdout.trim()]).toEqual([0, 'Created admin first@counterweight.example.']);
      const again = command('scripts/create-user.ts', admin, password);
      expect([again.status, again.stderr.trim()]).toEqual([
        1,
        'An account for first@counterweight.example exists already.',
      ]);

      // Seeded afterwards, the embedded database gets the demo accounts too.
      const seed = command('scripts/seed.ts');
      expect(seed.stdout).toMatch(/Loaded the demo data .*506 actions/);
      const server = await startEmbeddedPostgres({
        dataDir: path.join(emptyDir, 'postgres'),
        database: 'counterweight',
      });
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT email FROM users ORDER BY email');
        expect(rows.map((row: { email: string }) => row.email)).toEqual([
          'admin@counterweight.example',
          'editor@counterweight.example',
          'first@counterweight.example',
          'reviewer@counterweight.example',
        ]);
      } finally {
        await client.end();
        await server.stop();
      }
    } finally {
      await fs.rm(emptyDir, { recursive: true, force: true });
    }
  });
});
