import fs from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '../generated/prisma/client';
import { parseCollectiveActionFile } from '../import/collective-action-file';
import { importCollectiveActions, type ImportReport } from '../import/collective-action-import';
import { createDemoAccounts } from '../records/users';
import { seedArticleFacts } from './seed-article';

export const DEMO_DATASET = path.resolve('data', 'collective-action-tech', 'actions.json');

/** Whether an empty database gets the demo data on its first start: yes unless COUNTERWEIGHT_DEMO_DATA=off. */
export function demoDataWanted(): boolean {
  return process.env.COUNTERWEIGHT_DEMO_DATA?.trim().toLowerCase() !== 'off';
}

export type DemoSeedResult = { seeded: false } | { seeded: true; report: ImportReport; durationMs: number };

/**
 * Loads the demo data into an empty database: the actions of the Collective Action in Tech data
 * set, then the facts of the seed report (which link to some of those actions), and, for the
 * embedded demo database only, one account per role. A database
 * that already holds companies is left alone, so restarting never adds or resets anything.
 */
export async function seedDemoData(
  client: PrismaClient,
  { demoAccounts = false }: { demoAccounts?: boolean } = {},
): Promise<DemoSeedResult> {
  if ((await client.company.count()) > 0) return { seeded: false };
  const started = performance.now();
  const report = await importCollectiveActions(
    client,
    parseCollectiveActionFile(await fs.readFile(DEMO_DATASET, 'utf8')),
    {
      actor: 'seed',
    },
  );
  await seedArticleFacts(client);
  if (demoAccounts) await createDemoAccounts(client);
  return { seeded: true, report, durationMs: Math.round(performance.now() - started) };
}
