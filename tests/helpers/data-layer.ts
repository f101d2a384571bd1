import { afterAll, beforeAll } from 'vitest';
import type { SessionUser } from '@/lib/auth/roles';
import { createUser } from '@/lib/records/users';
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

/**
 * One account per role (editor, reviewer, admin) in the test file's database, made before its
 * tests run, as the sessions the data layer is given; `prefix` keeps their emails apart.
 */
export function withRoleUsers(database: () => TestDatabase, prefix: string) {
  const users = {} as Record<'editor' | 'reviewer' | 'admin', SessionUser>;
  beforeAll(async () => {
    for (const [key, role] of [
      ['editor', 'EDITOR'],
      ['reviewer', 'REVIEWER'],
      ['admin', 'ADMIN'],
    ] as const) {
      const email = `${prefix}-${key}@test.example`;
      const { id } = await createUser(database().client, { email, name: key, role, password: 'a-long-test-password' });
      users[key] = { id, email, name: key, role };
    }
  });
  return users;
}

/** A company's form with nothing but its name and a source filled in. */
export const companyForm = (name: string, url: string, overrides: Record<string, unknown> = {}) => ({
  name,
  sector: '',
  hqCountry: '',
  website: '',
  ticker: '',
  description: '',
  sources: [{ url }],
  ...overrides,
});
