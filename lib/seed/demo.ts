import fs from 'node:fs/promises';
import path from 'node:path';
import { onOffSetting } from '../env';
import type { PrismaClient } from '../generated/prisma/client';
import { parseCollectiveActionFile } from '../import/collective-action-file';
import { importCollectiveActionsIn, type ImportReport } from '../import/collective-action-import';
import { createDemoAccounts } from '../records/users';
import { seedArticleFacts, seedArticleStored } from './seed-article';

export const DEMO_DATASET = path.resolve('data', 'collective-action-tech', 'actions.json');

/**
 * Whether an empty database gets the demo data on its first start: yes unless COUNTERWEIGHT_DEMO_DATA
 * is off (or false, no, 0). A value that is neither on nor off is refused by the start before this.
 */
export function demoDataWanted(): boolean {
  return onOffSetting('COUNTERWEIGHT_DEMO_DATA') !== false;
}

export type DemoSeedResult =
  /** `demoData`: whether the records it holds include the demo data (a start after the first), or are others. */
  { seeded: false; companies: number; demoData: boolean } | { seeded: true; report: ImportReport; durationMs: number };

/**
 * Loads the demo data into an empty database: the actions of the Collective Action in Tech data
 * set, then the facts of the seed report (which link to some of those actions), and, for the
 * embedded demo database only, one account per role. A database
 * that already holds companies is left alone, so restarting never adds or resets anything.
 */
/** What a start or `npm run db:seed` says of a database that held records of its own, not the demo data: none was loaded. */
export function demoDataNotLoaded(result: DemoSeedResult): string | null {
  if (result.seeded || result.demoData) return null;
  return `The database holds records already (${result.companies.toLocaleString('en-US')} ${result.companies === 1 ? 'company' : 'companies'}), so the demo data was not loaded: it goes only into an empty database.`;
}

export async function seedDemoData(
  client: PrismaClient,
  { demoAccounts = false }: { demoAccounts?: boolean } = {},
): Promise<DemoSeedResult> {
  const companies = await client.company.count();
  if (companies > 0) return { seeded: false, companies, demoData: await seedArticleStored(client) };
  const started = performance.now();
  const file = parseCollectiveActionFile(await fs.readFile(DEMO_DATASET, 'utf8'));
  // One transaction: a start stopped half-way (Ctrl-C during the first start) leaves the database
  // empty, to be filled whole by the next start, never with companies but without the seed
  // report's facts or the demo accounts, which no later start would add.
  const report = await client.$transaction(
    async (tx) => {
      // Imported as `npm run import:cat` imports it: its history names the data set.
      const imported = await importCollectiveActionsIn(tx, file);
      await seedArticleFacts(tx);
      if (demoAccounts) await createDemoAccounts(tx);
      return imported;
    },
    { timeout: 180_000, maxWait: 10_000 },
  );
  const durationMs = Math.round(performance.now() - started);
  return { seeded: true, report: { ...report, durationMs }, durationMs };
}
