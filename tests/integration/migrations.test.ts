import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { applyMigrations } from '@/lib/database/schema-engine';
import { normalizeSourceUrl } from '@/lib/urls';

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

  it('keeps with every migration the schema it brings the database to, the last one the schema of the code', () => {
    // What `npm run db:migration:create` diffs against: a migration written by hand carries one too.
    for (const migration of committed) {
      expect(fs.existsSync(path.join('prisma', 'migrations', migration, 'schema.snapshot.prisma')), migration).toBe(
        true,
      );
    }
    const last = path.join('prisma', 'migrations', committed.at(-1)!, 'schema.snapshot.prisma');
    expect(fs.readFileSync(last, 'utf8')).toBe(fs.readFileSync(path.join('prisma', 'schema.prisma'), 'utf8'));
  });

  it('applies nothing the second time', async () => {
    expect(await applyMigrations(url())).toEqual([]);
  });

  it('brings stored source addresses to the form typing one now takes, as lib/urls.ts does', async () => {
    // Each address of the data set as it was stored before (the normalisation of lib/urls.ts then).
    const file = JSON.parse(fs.readFileSync('data/collective-action-tech/actions.json', 'utf8')) as {
      sources: string[];
    }[];
    const storedBefore = (raw: string) => {
      const url = new URL(raw.trim());
      url.hash = '';
      for (const name of [...url.searchParams.keys()]) {
        if (/^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|cmpid|ocid|smid|sref)$/i.test(name)) url.searchParams.delete(name);
      }
      if (!url.search) url.search = '';
      const text = url.toString();
      return text.endsWith('/') && !url.search ? text.slice(0, -1) : text;
    };
    // (Less those whose path's closing slash a query follows: a later migration's, tested below.)
    const stored = [
      ...new Set(
        file
          .flatMap((record) => record.sources)
          .flatMap((raw) => (normalizeSourceUrl(raw).ok ? [storedBefore(raw)] : []))
          .filter((url) => !CLOSING_SLASH_BEFORE_QUERY.test(url)),
      ),
      'https://example.org/view?page=2&id=1',
      'https://example.org/held',
      'https://example.org/held?guccounter=1',
    ];
    const withQuery = stored.filter((url) => url.includes('?'));
    for (const [n, url] of stored.entries()) {
      await client.query(
        `INSERT INTO sources (id, url, created_at, updated_at) VALUES ($1, $2, now() + $3 * interval '1 ms', now())`,
        [`migrated-${n}`, url, n],
      );
    }
    const migration = path.join('prisma', 'migrations', '20261205040000_source_url_parameters', 'migration.sql');
    await client.query(fs.readFileSync(migration, 'utf8'));

    const rows = await client.query<{ id: string; url: string }>(
      `SELECT id, url FROM sources WHERE id LIKE 'migrated-%'`,
    );
    const after = new Map(rows.rows.map((row) => [Number(row.id.slice('migrated-'.length)), row.url]));
    const expected = (url: string) => {
      const result = normalizeSourceUrl(url);
      if (!result.ok) throw new Error(result.reason);
      return result.url;
    };
    // Two addresses that now read the same stay two sources: the first stored takes the new form.
    const first = new Map<string, number>();
    for (const [n, url] of stored.entries()) if (!first.has(expected(url))) first.set(expected(url), n);
    const held = new Set(stored);
    let changed = 0;
    for (const [n, url] of stored.entries()) {
      const target = expected(url);
      const moves = target !== url && !held.has(target) && first.get(target) === n;
      expect(after.get(n), url).toBe(moves ? target : url);
      if (moves) changed += 1;
    }
    expect(changed).toBeGreaterThan(40);
    expect(withQuery.length).toBeGreaterThan(changed);
    expect(after.get(stored.indexOf('https://example.org/view?page=2&id=1'))).toBe(
      'https://example.org/view?id=1&page=2',
    );
    expect(after.get(stored.indexOf('https://example.org/held?guccounter=1'))).toBe(
      'https://example.org/held?guccounter=1',
    );

    // Each change is in the source's history; a second run changes nothing more.
    const history = await client.query(
      `SELECT before->>'url' AS before, after->>'url' AS after FROM revisions WHERE record_type = 'SOURCE'`,
    );
    expect(history.rowCount).toBe(changed);
    expect(history.rows.every((row) => row.after === expected(row.before))).toBe(true);
    await client.query(fs.readFileSync(migration, 'utf8'));
    const again = await client.query(`SELECT count(*)::int AS n FROM revisions WHERE record_type = 'SOURCE'`);
    expect(again.rows[0].n).toBe(changed);
  });

  it('takes the closing slash off a stored address’s path before its query, as lib/urls.ts does', async () => {
    const stored = [
      'https://example.org/news/a-historic-collective/?lang=en',
      'https://example.org/twice/?a=1',
      'https://example.org/twice?a=1',
      'https://example.org/?s=1',
      'https://example.org/app#!/x/?y=1',
      'https://example.org/plain/',
    ];
    for (const [n, url] of stored.entries()) {
      await client.query(
        `INSERT INTO sources (id, url, created_at, updated_at) VALUES ($1, $2, now() + $3 * interval '1 ms', now())`,
        [`slashed-${n}`, url, n],
      );
    }
    const migration = path.join('prisma', 'migrations', '20261206230000_source_url_closing_slash', 'migration.sql');
    const steps = `SELECT record_id, before->>'url' AS before, after->>'url' AS after FROM revisions WHERE record_id LIKE 'slashed-%'`;
    await client.query(fs.readFileSync(migration, 'utf8'));
    const rows = await client.query<{ id: string; url: string }>(
      `SELECT id, url FROM sources WHERE id LIKE 'slashed-%' ORDER BY id`,
    );
    expect(rows.rows.map((row) => row.url)).toEqual([
      // As typing it finds it now;
      'https://example.org/news/a-historic-collective?lang=en',
      // one whose new form is stored already stays as it is, a source of its own;
      'https://example.org/twice/?a=1',
      'https://example.org/twice?a=1',
      // the root's slash, and an address whose page is its fragment, are kept (as typed, they are so stored).
      'https://example.org/?s=1',
      'https://example.org/app#!/x/?y=1',
      'https://example.org/plain/',
    ]);
    expect(normalizeSourceUrl(stored[0]!)).toEqual({ ok: true, url: rows.rows[0]!.url });
    expect((await client.query(steps)).rows).toEqual([
      { record_id: 'slashed-0', before: stored[0], after: rows.rows[0]!.url },
    ]);
    // A second run changes nothing more.
    await client.query(fs.readFileSync(migration, 'utf8'));
    expect((await client.query(steps)).rowCount).toBe(1);
  });
});

/** A path's closing slash with a query after it, which stored addresses lost on 6 December. */
const CLOSING_SLASH_BEFORE_QUERY = /^[a-z]+:\/\/[^/?#]+\/[^?#]*[^/?#]\/\?/;

describe('migrations the database refuses', () => {
  const name = `refusing_${Date.now()}`;
  const role = `no_create_${Date.now()}`;
  const serverUrl = () => inject('postgresServerUrl');
  const as = async (url: string, sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await as(serverUrl(), `CREATE DATABASE "${name}"`);
    await as(serverUrl(), `CREATE ROLE "${role}" LOGIN PASSWORD 'a-role-password'`);
    // A role that may connect but not create tables, as a hosted database may give.
    await as(serverUrl().replace(/\/postgres$/, `/${name}`), 'REVOKE CREATE ON SCHEMA public FROM PUBLIC');
  });

  afterAll(async () => {
    await as(serverUrl(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await as(serverUrl(), `DROP ROLE IF EXISTS "${role}"`);
  });

  it('are said in one line by the commands, what PostgreSQL said without the engine’s trace, and no password', () => {
    const url = new URL(serverUrl().replace(/\/postgres$/, `/${name}`));
    url.username = role;
    url.password = 'a-role-password';
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    for (const script of ['scripts/migrate.ts', 'scripts/seed.ts']) {
      const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...rest, DATABASE_URL: url.toString() },
      });
      expect(result.status, script).toBe(1);
      expect(result.stderr.trim(), script).toBe(
        'The database refused the migrations: ERROR: permission denied for schema public.',
      );
      expect(result.stdout + result.stderr, script).not.toContain('a-role-password');
    }
  });
});
