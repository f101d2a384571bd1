import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../lib/records/users';

/** The demo account of a role (created for the embedded demo database). */
export function demoAccount(role: string) {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role);
  if (!account) throw new Error(`no demo account for ${role}`);
  return account;
}

/** A fresh browser context (with `options`, a phone's viewport for one) signed in through the real sign-in form as the demo account of a role. */
export async function signedIn(
  browser: Browser,
  baseUrl: string,
  role: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signInOn(page, baseUrl, role);
  return { context, page };
}

/** Signs the demo account of a role in on a page, through the real sign-in form: a browser someone used before keeps what they left in it. */
export async function signInOn(page: Page, baseUrl: string, role: string): Promise<Page> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(demoAccount(role).email);
  await page.getByLabel('Password').fill(demoAccount(role).password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/editor$/);
  return page;
}
