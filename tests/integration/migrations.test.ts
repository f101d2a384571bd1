import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { applyMigrations } from '@/lib/database/schema-engine';

const committed = fs
  .readdirSync(path.join('prisma', 'migrations'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('migrations', () => {
  const name = `empty_${Date.now()}`;
  const serverUrl = () => inject('postgresServerUrl');
  const url = () => serverUrl().replace(/\/postgres$/, `/${name}`);
  let client: pg.Client;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
  });

  afterAll(async () => {
    await client?.end();
    const admin = new pg.Client({ connectionString: serverUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('builds the whole schema on an empty database and records it as prisma migrate would', async () => {
    expect(await applyMigrations(url())).toEqual(committed);

    client = new pg.Client({ connectionString: url() });
    await client.connect();
    const recorded = await client.query(
      'SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(recorded.rows.map((row) => row.migration_name)).toEqual(committed);
    expect(recorded.rows.every((row) => row.finished_at !== null && row.rolled_back_at === null)).toBe(true);

    const tables = await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables.rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining([
        'companies',
        'agencies',
        'organizations',
        'government_contracts',
        'employee_actions',
        'donation_responses',
        'company_statements',
        'sources',
        'vocabulary_terms',
        'revisions',
        'users',
      ]),
    );
    const extension = await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`);
    expect(extension.rowCount).toBe(1);
  });

  it('applies nothing the second time', async () => {
    expect(await applyMigrations(url())).toEqual([]);
  });
});
