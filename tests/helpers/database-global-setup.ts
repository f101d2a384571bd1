import fs from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabaseIfMissing, makeTemporaryDataDir, startEmbeddedPostgres } from '../../lib/database/embedded';
import { applyMigrations } from '../../lib/database/schema-engine';

export const TEMPLATE_DATABASE = 'counterweight_template';

/**
 * One real PostgreSQL for the integration run: a throw-away embedded server whose template
 * database holds the migrated schema. Each test file clones it (tests/helpers/database.ts).
 */
export default async function setup(project: TestProject) {
  const dataDir = await makeTemporaryDataDir('counterweight-test-');
  const server = await startEmbeddedPostgres({ dataDir, database: TEMPLATE_DATABASE, persistent: false });
  await createDatabaseIfMissing(server.serverUrl('postgres'), TEMPLATE_DATABASE);
  await applyMigrations(server.url);
  project.provide('postgresServerUrl', server.serverUrl('postgres'));
  project.provide('templateDatabase', TEMPLATE_DATABASE);
  return async () => {
    await server.stop();
    await fs.rm(path.dirname(dataDir), { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresServerUrl: string;
    templateDatabase: string;
  }
}
