import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabaseClient, type Database } from '../../lib/database/client';

export interface TestDatabase {
  url: string;
  name: string;
  client: Database;
  /** Runs raw SQL on this database (for independent counts and checks). */
  query: <T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, values?: unknown[]) => Promise<T[]>;
  drop: () => Promise<void>;
}

/**
 * A fresh, migrated database of its own, cloned from the template the global setup migrated, or
 * with `{ demo: true }` from the one it also seeded with the demo data.
 */
export async function createTestDatabase({ demo = false }: { demo?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = inject('postgresServerUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const template = inject(demo ? 'demoTemplateDatabase' : 'templateDatabase');
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  const url = serverUrl.replace(/\/postgres$/, `/${name}`);
  const client = createDatabaseClient(url, { max: 4 });
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    url,
    name,
    client,
    query: async (sql, values) => (await pool.query(sql, values)).rows,
    drop: async () => {
      await client.$disconnect();
      await pool.end();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      try {
        // The clients' connections close after their ends resolve: dropped with FORCE meanwhile, one
        // still closing is told "terminating connection due to administrator command", an error
        // nothing is left to handle. Their going is waited for (a few seconds at most) first.
        for (let waited = 0; waited < 5_000; waited += 50) {
          const { rows } = await dropper.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
            [name],
          );
          if (rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** A database with nothing in it, not even the migrations (as on a new server). */
export async function createEmptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = inject('postgresServerUrl');
  const name = `empty_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: serverUrl.replace(/\/postgres$/, `/${name}`),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}
