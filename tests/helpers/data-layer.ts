import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database';

/**
 * For tests of lib/data: a database of this test file's own with the demo data (a clone of the
 * database the global setup seeded as `npm start` seeds an empty one), which the data
 * layer's `db` (lib/db.ts, configured by DATABASE_URL) uses. Vitest loads modules afresh for each
 * test file, so each file's data layer talks to its own database.
 */
export function withDemoDatabase(): () => TestDatabase {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
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
