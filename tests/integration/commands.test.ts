import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from '../helpers/database';

/*
 * The npm commands run for real, on a database of the test server (DATABASE_URL) or on a data folder
 * of their own: what an operator's mistake gets, in one line, with a failing exit code and nothing
 * made that no one asked for.
 */

/** A command as `npm run` runs it, with only the settings given (no DATABASE_URL of the run's). */
function command(script: string, args: string[], env: Record<string, string>) {
  const { DATABASE_URL: _url, COUNTERWEIGHT_PASSWORD: _password, ...rest } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...rest, ...env },
  });
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'counterweight-commands-'));
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('npm run user:create', { timeout: 120_000 }, () => {
  it('refuses a data folder that holds no database, and makes none there', () => {
    const dataDir = path.join(folder, 'mistyped');
    const result = command('scripts/create-user.ts', ['--email', 'boss@example.org', '--role', 'admin'], {
      COUNTERWEIGHT_DATA_DIR: dataDir,
      COUNTERWEIGHT_PASSWORD: 'a-long-enough-password',
    });
    expect([result.status, result.stdout, result.stderr]).toEqual([
      1,
      '',
      `There is no database in ${path.join(dataDir, 'postgres')}, so nothing to add an account to: ` +
        'start the app once (npm start), or set COUNTERWEIGHT_DATA_DIR to the folder that holds it (or DATABASE_URL).\n',
    ]);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('says that it applied the migrations first to a database new to Counterweight', async () => {
    const empty = await createEmptyDatabase();
    try {
      const result = command('scripts/create-user.ts', ['--email', 'first-admin@example.org', '--role', 'admin'], {
        DATABASE_URL: empty.url,
        COUNTERWEIGHT_PASSWORD: 'a-long-enough-password',
      });
      expect([result.status, result.stderr]).toEqual([0, '']);
      expect(result.stdout).toMatch(
        /^Applied \d+ migrations to the database first \(it was empty, or behind this version of Counterweight\)\.\nCreated admin first-admin@example\.org\.\n$/,
      );
    } finally {
      await empty.drop();
    }
  });

  it('says a database that does not exist on a server that answers is to be created, not that the server is down', () => {
    const missing = new URL(database.url);
    missing.pathname = '/no_such_database_here';
    const result = command('scripts/create-user.ts', ['--email', 'boss@example.org', '--role', 'admin'], {
      DATABASE_URL: missing.href,
      COUNTERWEIGHT_PASSWORD: 'a-long-enough-password',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /database no_such_database_here\): database "no_such_database_here" does not exist\. Create it \(an empty database, as the README says\), or correct its name in DATABASE_URL\.\n$/,
    );
    expect(result.stderr).not.toContain(missing.password || '\u0000');
  });

  it('says an email is taken before it asks for a password, and a password too short in one line', async () => {
    const env = { DATABASE_URL: database.url };
    const created = command('scripts/create-user.ts', ['--email', 'first@example.org', '--role', 'admin'], {
      ...env,
      COUNTERWEIGHT_PASSWORD: 'a-long-enough-password',
    });
    expect([created.status, created.stdout.trim()]).toEqual([0, 'Created admin first@example.org.']);
    // No password given, and none can be asked for here (not a terminal): the email is what is wrong.
    const taken = command('scripts/create-user.ts', ['--email', 'first@example.org'], env);
    expect([taken.status, taken.stderr]).toEqual([1, 'An account for first@example.org exists already.\n']);
    const short = command('scripts/create-user.ts', ['--email', 'second@example.org'], {
      ...env,
      COUNTERWEIGHT_PASSWORD: 'short',
    });
    expect(short.status).toBe(1);
    expect(short.stderr.trim().split('\n')).toHaveLength(1);
    expect(short.stderr).toMatch(/^password: /);
    expect(short.stderr).not.toContain('short');
    expect(await database.query('SELECT email FROM users ORDER BY email')).toEqual([{ email: 'first@example.org' }]);
  });
});

describe('npm run db:backup', { timeout: 120_000 }, () => {
  const name = `never_migrated_${Date.now()}`;
  const serverUrl = () => inject('postgresServerUrl');
  const as = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl() });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  beforeAll(() => as(`CREATE DATABASE "${name}"`));
  afterAll(() => as(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

  it('refuses a database the app never migrated (DATABASE_URL naming another), and writes no file, nor the folders it named', () => {
    const file = path.join(folder, 'never', 'made', 'nothing.jsonl.gz');
    const result = command('scripts/db-backup.ts', [file], {
      DATABASE_URL: serverUrl().replace(/\/postgres$/, `/${name}`),
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'The database holds no Counterweight record (no migration was ever applied to it), so nothing to back up: check DATABASE_URL. Nothing was written.',
    );
    expect(fs.existsSync(path.join(folder, 'never'))).toBe(false);
  });

  it('refuses a name inside the project that git would commit (a backup holds password hashes), before opening the database', () => {
    // "..site.dump" is a file of the project's own folder, not of the one above it.
    for (const named of ['backups/site.dump', '..site.dump']) {
      const result = command('scripts/db-backup.ts', [named], {
        DATABASE_URL: serverUrl().replace(/\/postgres$/, `/${name}`),
      });
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(
        `A backup holds every account's email and password hash, and git would not leave ${named} out of a commit. ` +
          'Inside the project, give it a name ending in .jsonl.gz (which git ignores), or write it outside the project.',
      );
    }
    expect(fs.existsSync('backups')).toBe(false);
    expect(fs.existsSync('..site.dump')).toBe(false);
    // Another copy's data folder (.data-2/), which git ignores, takes any name: the database is asked.
    const elsewhere = command('scripts/db-backup.ts', ['.data-never/site.dump'], {
      DATABASE_URL: serverUrl().replace(/\/postgres$/, `/${name}`),
    });
    expect(elsewhere.stderr).toMatch(/no Counterweight record/);
    expect(fs.existsSync('.data-never')).toBe(false);
    fs.rmSync('.data-never', { recursive: true, force: true });
  });
});

describe('the import commands', { timeout: 120_000 }, () => {
  it('fail on a USAspending file with its header but no rows, saying so', () => {
    const fixture = fs.readFileSync('tests/fixtures/usaspending/contracts.csv', 'utf8');
    const file = path.join(folder, 'header-only.csv');
    fs.writeFileSync(file, `${fixture.slice(0, fixture.indexOf('\r\n'))}\r\n`);
    const result = command('scripts/import-usaspending.ts', [file], { DATABASE_URL: database.url });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /^The file has its header but no rows, so nothing was imported: was the download cut short\?\n/,
    );
  });

  it('check a USAspending file with --check, saying what importing it would do and writing nothing', async () => {
    const count = async () =>
      Number((await database.query<{ n: string }>('SELECT count(*) AS n FROM government_contracts'))[0]!.n);
    const before = await count();
    const result = command('scripts/import-usaspending.ts', ['tests/fixtures/usaspending/contracts.csv', '--check'], {
      DATABASE_URL: database.url,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Read 8 rows; checked in [\d.]+ s\. Checked only: nothing was written\./m);
    expect(result.stdout).toMatch(/^Created: \d+ contracts?,/m);
    expect(await count()).toBe(before);
  });

  it('check nothing on a database behind this version, applying none of its migrations either', async () => {
    const empty = await createEmptyDatabase();
    try {
      const result = command('scripts/import-usaspending.ts', ['tests/fixtures/usaspending/contracts.csv', '--check'], {
        DATABASE_URL: empty.url,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        /^The database is behind this version of Counterweight \(\d+ migrations not applied\), and a check writes nothing, not even them/m,
      );
      const client = new pg.Client({ connectionString: empty.url });
      await client.connect();
      try {
        const { rows } = await client.query(`SELECT to_regclass('_prisma_migrations') AS migrations`);
        expect(rows).toEqual([{ migrations: null }]);
      } finally {
        await client.end();
      }
    } finally {
      await empty.drop();
    }
  });

  it('name the record and field of a NUL byte in the data set, in lines, without a stack trace', async () => {
    const records = JSON.parse(fs.readFileSync('data/collective-action-tech/actions.json', 'utf8')) as {
      id: number;
      description: string;
    }[];
    const file = path.join(folder, 'nul.json');
    const [first, second] = records;
    fs.writeFileSync(file, JSON.stringify([first, { ...second, description: `${second!.description}\u0000` }]));
    const result = command('scripts/import-cat.ts', [file], { DATABASE_URL: database.url });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `record 2 (id ${second!.id}), field "description": holds a NUL byte or a broken character, which cannot be stored`,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await database.query('SELECT count(*)::int AS n FROM employee_actions')).toEqual([{ n: 0 }]);
  });
});

describe('the data folder', () => {
  it('is .data when COUNTERWEIGHT_DATA_DIR is set empty, not the project folder', () => {
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "console.log((await import('./lib/database/local.ts')).DATA_DIR)",
      ],
      { encoding: 'utf8', timeout: 60_000, env: { ...process.env, COUNTERWEIGHT_DATA_DIR: '' } },
    );
    expect(result.stdout.trim()).toBe(path.resolve('.data'));
  });
});
