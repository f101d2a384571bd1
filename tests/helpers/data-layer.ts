import { afterAll, beforeAll } from 'vitest';
import { seedDemoData } from '../../lib/seed/demo';
import { createTestDatabase, type TestDatabase } from './database';

/**
 * For tests of lib/data: a database of this test file's own with the demo data, which the data
 * layer's `db` (lib/db.ts, configured by DATABASE_URL) uses. Vitest loads modules afresh for each
 * test file, so each file's data layer talks to its own database.
 */
export function withDemoDatabase(): () => TestDatabase {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoData(database.client);
    process.env.DATABASE_URL = database.url;
  });
  afterAll(async () => {
    const { db } = await import('../../lib/db');
    const { closeExportPool } = await import('../../lib/data/copy-export');
    await Promise.all([db.$disconnect(), closeExportPool()]);
    await database.drop();
  });
  return () => database;
}
