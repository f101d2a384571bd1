import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyMigrationsUpTo, BackupError, restoreBackup, verifyBackup, writeBackup } from '@/lib/database/backup';
import { applyMigrations, readMigrations } from '@/lib/database/schema-engine';
import { createUser } from '@/lib/records/users';
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from '../helpers/database';

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Every table's row count and the md5 of its rows in order: equal fingerprints, equal contents. */
async function fingerprint(url: string): Promise<Record<string, string>> {
  return withClient(url, async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
    );
    const result: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ n: number; md5: string }>(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM "${name}" t`,
      );
      result[name] = `${rows[0]?.n} rows, md5 ${rows[0]?.md5}`;
    }
    return result;
  });
}

async function migrationsOf(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ found: boolean }>(
      `SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS found`,
    );
    if (!rows[0]?.found) return [];
    const applied = await client.query<{ name: string }>(
      'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1',
    );
    return applied.rows.map((row) => row.name);
  });
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'counterweight-backup-test-'));
const backupFile = path.join(folder, 'demo.jsonl.gz');
let source: TestDatabase;
let sourcePrint: Record<string, string>;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  source = await createTestDatabase({ demo: true });
  // Values that are easy to lose: a parent stored long after its child (a forward self-reference,
  // more than one insert batch away: ids are dumped in order), text with quotes, a backslash, a line
  // break and non-Latin letters, the largest Decimal, JSON, milliseconds.
  const child = await source.client.company.create({
    data: {
      id: 'c000000000000000000000child',
      slug: 'zz-child',
      name: 'Child "Co"\\\nÉtoile 東京 ✓',
      description: 'tab\there, null-ish "NULL"',
    },
  });
  await source.client.company.createMany({
    data: Array.from({ length: 1500 }, (_, n) => ({ slug: `zz-filler-${n}`, name: `Filler ${n}` })),
  });
  const parent = await source.client.company.create({
    data: { id: 'czzzzzzzzzzzzzzzzzzzparent', slug: 'zz-parent', name: 'Parent' },
  });
  await source.client.company.update({ where: { id: child.id }, data: { parentId: parent.id } });
  const agency = await source.client.agency.findFirstOrThrow();
  await source.client.governmentContract.create({
    data: {
      companyId: child.id,
      agencyId: agency.id,
      title: 'Largest amount',
      obligatedAmount: '9999999999999999.99',
      potentialAmount: '0.01',
      awardDate: new Date('1999-12-31T00:00:00Z'),
    },
  });
  await source.client.revision.create({
    data: {
      recordType: 'COMPANY',
      recordId: child.id,
      kind: 'UPDATE',
      actor: 'test',
      before: { nested: { list: [1, 2.5, null, 'x'] }, amount: '1.10' },
      after: { emoji: '✊🏽', quote: '"' },
      createdAt: new Date('2020-02-29T23:59:59.123Z'),
    },
  });
  sourcePrint = await fingerprint(source.url);
  await writeBackup(source.url, backupFile);
}, 120_000);

afterEach(async () => {
  while (cleanup.length) await (cleanup.pop() as () => Promise<void>)();
});

afterAll(async () => {
  await source.drop();
  fs.rmSync(folder, { recursive: true, force: true });
});

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  cleanup.push(database.drop);
  return database;
}

async function emptyDatabase(): Promise<string> {
  const database = await createEmptyDatabase();
  cleanup.push(database.drop);
  return database.url;
}

/** The backup file decompressed into lines, changed by `edit`, and compressed again under another name. */
function rewritten(name: string, edit: (lines: string[]) => string[]): string {
  const lines = gunzipSync(fs.readFileSync(backupFile)).toString('utf8').split('\n');
  expect(lines.pop()).toBe('');
  const file = path.join(folder, name);
  fs.writeFileSync(file, gzipSync(`${edit(lines).join('\n')}\n`));
  return file;
}

describe('backing up and restoring the whole database', () => {
  it('writes a header with the format, the applied migrations and the time, and every table', async () => {
    const header = await verifyBackup(backupFile);
    expect(header).toMatchObject({ format: 'counterweight-backup', version: 1 });
    expect(Date.now() - Date.parse(header.createdAt)).toBeLessThan(5 * 60_000);
    expect(header.migrations.map((migration) => migration.name)).toEqual(await migrationsOf(source.url));
    expect(header.migrations.map((migration) => migration.name)).toEqual(
      readMigrations().migrationDirectories.map((directory) => directory.path),
    );
    expect(header.tables.map((table) => table.name).sort()).toEqual(Object.keys(sourcePrint).sort());
    const order = header.tables.map((table) => table.name);
    // Foreign-key order: a table comes after the tables it refers to.
    expect(order.indexOf('companies')).toBeLessThan(order.indexOf('government_contracts'));
    expect(order.indexOf('agencies')).toBeLessThan(order.indexOf('government_contracts'));
    expect(order.indexOf('sources')).toBeLessThan(order.indexOf('employee_action_sources'));
    expect(header.tables.find((table) => table.name === 'companies')?.deferred.sort()).toEqual([
      'merged_into_id',
      'parent_id',
    ]);
  });

  it('refuses a folder, or a path under a file, as its file, saying so before it reads anything', async () => {
    await expect(writeBackup(source.url, os.tmpdir())).rejects.toThrow(
      new BackupError(`${os.tmpdir()} is a folder: name the backup's file (or leave it out for one in .data/backups).`),
    );
    await expect(writeBackup(source.url, path.join(backupFile, 'inside.jsonl.gz'))).rejects.toThrow(
      /^Cannot write .*inside\.jsonl\.gz: a file is in the way of its folder .*demo\.jsonl\.gz\.$/,
    );
  });

  it('restores into a freshly migrated database: every table equal, row for row', async () => {
    const target = await freshDatabase();
    const summary = await restoreBackup(target.url, backupFile);
    expect(summary.rows).toBeGreaterThan(5000);
    expect(summary.appliedMigrations).toEqual([]);
    expect(await fingerprint(target.url)).toEqual(sourcePrint);
    // And the app reads it: the self-reference and the exact values came back.
    const child = await target.client.company.findUniqueOrThrow({
      where: { slug: 'zz-child' },
      include: { parent: true },
    });
    expect(child.name).toBe('Child "Co"\\\nÉtoile 東京 ✓');
    expect(child.parent?.slug).toBe('zz-parent');
    const contract = await target.client.governmentContract.findFirstOrThrow({ where: { companyId: child.id } });
    expect(contract.obligatedAmount?.toFixed(2)).toBe('9999999999999999.99');
    const google = await target.client.company.findUniqueOrThrow({
      where: { slug: 'google' },
      include: { parent: true },
    });
    expect(google.parent?.name).toBe('Alphabet');
  });

  it('restores into an empty database, applying the migrations first', async () => {
    const url = await emptyDatabase();
    const summary = await restoreBackup(url, backupFile);
    expect(summary.appliedMigrations).toEqual(readMigrations().migrationDirectories.map((directory) => directory.path));
    expect(await migrationsOf(url)).toEqual(await migrationsOf(source.url));
    expect(await fingerprint(url)).toEqual(sourcePrint);
  });

  it('refuses a database that holds data, and replaces it with --force, saying what it replaces', async () => {
    const target = await freshDatabase();
    await target.client.company.create({ data: { slug: 'already-here', name: 'Already here' } });
    const before = await fingerprint(target.url);
    await expect(restoreBackup(target.url, backupFile)).rejects.toThrow(
      /The database is not empty: it holds companies \(1\)\. Restore into an empty database, or add --force/,
    );
    expect(await fingerprint(target.url)).toEqual(before);

    const printed: string[] = [];
    const summary = await restoreBackup(target.url, backupFile, { force: true, print: (line) => printed.push(line) });
    expect(summary.replaced).toEqual({ companies: 1 });
    expect(printed.join('\n')).toMatch(
      /--force: replacing the database's current contents, if the backup goes in whole: companies \(1\)/,
    );
    expect(await fingerprint(target.url)).toEqual(sourcePrint);
  });

  describe('refuses a damaged file with a clear message and writes nothing', () => {
    const refusedEverywhere = async (file: string, message: RegExp) => {
      const migrated = await freshDatabase();
      await expect(restoreBackup(migrated.url, file)).rejects.toThrow(message);
      for (const [table, print] of Object.entries(await fingerprint(migrated.url))) {
        expect(print, table).toMatch(/^0 rows/);
      }
      // Not even the migrations are applied to an empty database.
      const empty = await emptyDatabase();
      await expect(restoreBackup(empty, file)).rejects.toBeInstanceOf(BackupError);
      expect(await migrationsOf(empty)).toEqual([]);
      expect(await fingerprint(empty)).toEqual({});
    };

    it('an empty file, said to be empty', async () => {
      const file = path.join(folder, 'nothing.jsonl.gz');
      fs.writeFileSync(file, '');
      await refusedEverywhere(
        file,
        /nothing\.jsonl\.gz is not a complete Counterweight backup: it is empty \(0 bytes\)/,
      );
    });

    it('a file cut short', async () => {
      const bytes = fs.readFileSync(backupFile);
      const file = path.join(folder, 'cut.jsonl.gz');
      fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      await refusedEverywhere(file, /cut\.jsonl\.gz is not a complete Counterweight backup: it is truncated/);
    });

    it('a file whose last lines are missing (cut, then compressed again)', async () => {
      const file = rewritten('short.jsonl.gz', (lines) => lines.slice(0, -40));
      await refusedEverywhere(
        file,
        /short\.jsonl\.gz is not a complete Counterweight backup: it is truncated: it stops in the table "\w+" after \d+ of its \d+ rows/,
      );
    });

    it('a file cut between two tables, or before its closing line, saying so', async () => {
      const header = await verifyBackup(backupFile);
      const last = header.tables.at(-1)!.name;
      await refusedEverywhere(
        rewritten('no-end.jsonl.gz', (lines) => lines.slice(0, -1)),
        new RegExp(
          `it is truncated: it stops after the rows of its last table, "${last}", without the closing line that checks them`,
        ),
      );
      const [first, second] = header.tables;
      await refusedEverywhere(
        rewritten('between.jsonl.gz', (lines) =>
          lines.slice(0, lines.indexOf(JSON.stringify({ table: second!.name }))),
        ),
        new RegExp(
          `it is truncated: it stops after the table "${first!.name}" \\(${first!.rows === 1 ? '1 row' : `${first!.rows} rows`}\\), before the table "${second!.name}"`,
        ),
      );
    });

    it('a corrupted byte', async () => {
      const bytes = Buffer.from(fs.readFileSync(backupFile));
      const at = Math.floor(bytes.length / 2);
      bytes[at] = (bytes[at] as number) ^ 0xff;
      const file = path.join(folder, 'corrupt.jsonl.gz');
      fs.writeFileSync(file, bytes);
      await refusedEverywhere(
        file,
        /corrupt\.jsonl\.gz is not a complete Counterweight backup: (it is damaged|line \d+ is not)/,
      );
    });

    it('a value changed by hand', async () => {
      const file = rewritten('edited.jsonl.gz', (lines) =>
        lines.map((line) => (line.includes('"zz-parent"') ? line.replace('"Parent"', '"Someone else"') : line)),
      );
      await refusedEverywhere(file, /its checksum does not match its contents/);
    });

    it('a value the database refuses, its checksum made to match, naming the table', async () => {
      const file = rewritten('impossible.jsonl.gz', (lines) => {
        const rows = lines
          .slice(0, -1)
          .map((line) => (line.includes('"zz-parent"') ? line.replace(/"\d{4}-\d{2}-\d{2} /, '"2031-02-30 ') : line));
        expect(rows.find((line) => line.includes('"zz-parent"'))).toContain('"2031-02-30 ');
        const trailer = JSON.parse(lines.at(-1) as string) as { sha256: string };
        const hash = createHash('sha256');
        for (const line of rows) hash.update(`${line}\n`);
        return [...rows, JSON.stringify({ ...trailer, sha256: hash.digest('hex') })];
      });
      const migrated = await freshDatabase();
      await expect(restoreBackup(migrated.url, file)).rejects.toThrow(
        /^The table "companies" of the backup holds a value the database refuses \(.*2031-02-30.*\): nothing was restored\.$/,
      );
      for (const [table, print] of Object.entries(await fingerprint(migrated.url)))
        expect(print, table).toMatch(/^0 rows/);
    });

    /** The backup with its second migration's checksum replaced, and its own checksum made to match. */
    const withSecondChecksum = (name: string, checksum: string) =>
      rewritten(name, (lines) => {
        const header = JSON.parse(lines[0] as string) as { migrations: { name: string; checksum: string }[] };
        const changed = {
          ...header,
          migrations: header.migrations.map((m, i) => (i === 1 ? { ...m, checksum } : m)),
        };
        const rows = [JSON.stringify(changed), ...lines.slice(1, -1)];
        const trailer = JSON.parse(lines.at(-1) as string) as { sha256: string };
        const hash = createHash('sha256');
        for (const line of rows) hash.update(`${line}\n`);
        return [...rows, JSON.stringify({ ...trailer, sha256: hash.digest('hex') })];
      });

    it('a backup made at a migration written otherwise than this checkout’s, its checksum made to match', async () => {
      const second = readMigrations().migrationDirectories[1]!.path;
      await refusedEverywhere(
        withSecondChecksum('edited-migration.jsonl.gz', 'f'.repeat(64)),
        new RegExp(`^The backup was made at migration\\(s\\) ${second} as written otherwise than in this checkout`),
      );
    });

    it('but not one whose database ran the same migration with CRLF line ends, as Prisma accepts it', async () => {
      const content = readMigrations().migrationDirectories[1]!.migrationFile.content;
      expect(content.tag).toBe('ok');
      const crlf = createHash('sha256')
        .update(content.value.replace(/\r\n/g, '\n').replace(/\n/g, '\r\n'))
        .digest('hex');
      const file = withSecondChecksum('crlf-migration.jsonl.gz', crlf);
      const empty = await emptyDatabase();
      await restoreBackup(empty, file);
      expect(await fingerprint(empty)).toEqual(sourcePrint);
    });

    it('a row with a missing value', async () => {
      const file = rewritten('narrow.jsonl.gz', (lines) =>
        lines.map((line) => (line.includes('"zz-parent"') ? JSON.stringify(JSON.parse(line).slice(1)) : line)),
      );
      await refusedEverywhere(file, /line \d+ is not a row of \d+ values of "companies"/);
    });

    it('a file that is not a backup at all', async () => {
      const text = path.join(folder, 'notes.txt');
      fs.writeFileSync(text, 'not a backup\n');
      await refusedEverywhere(
        text,
        /notes\.txt is not a complete Counterweight backup: it is not compressed with gzip, as every backup npm run db:backup writes is \(a \.jsonl\.gz file\)\. Nothing was restored\./,
      );
      const other = path.join(folder, 'other.json.gz');
      fs.writeFileSync(other, gzipSync('{"hello": "world"}\n'));
      await refusedEverywhere(other, /its first line is not a backup header/);
    });
  });

  it('restores a backup made at an earlier migration at that migration; later ones apply afterwards', async () => {
    const local = readMigrations().migrationDirectories.map((directory) => directory.path);
    const first = local.slice(0, 1);
    const old = await emptyDatabase();
    expect(await applyMigrationsUpTo(old, first)).toEqual(first);
    await withClient(old, (client) =>
      client.query(
        `INSERT INTO companies (id, slug, name, status, updated_at) VALUES ('cold0000000000000000000001', 'old', 'Old Co', 'PUBLISHED', now())`,
      ),
    );
    const file = path.join(folder, 'old.jsonl.gz');
    await writeBackup(old, file);
    expect((await verifyBackup(file)).migrations.map((migration) => migration.name)).toEqual(first);

    const target = await emptyDatabase();
    const summary = await restoreBackup(target, file);
    expect(summary.appliedMigrations).toEqual(first);
    expect(summary.laterMigrations).toEqual(local.slice(1));
    expect(await migrationsOf(target)).toEqual(first);
    expect(await fingerprint(target)).toEqual(await fingerprint(old));
    await applyMigrations(target);
    expect(await migrationsOf(target)).toEqual(local);
    const names = await withClient(target, (client) => client.query<{ name: string }>('SELECT name FROM companies'));
    expect(names.rows).toEqual([{ name: 'Old Co' }]);

    // A database already past the backup's migrations (as `npm start` leaves an empty one) is
    // refused, --force too, saying how to restore it instead.
    const newer = await freshDatabase();
    if (local.length > 1) {
      for (const force of [false, true]) {
        await expect(restoreBackup(newer.url, file, { force })).rejects.toThrow(
          /^The database has migrations the backup was not made with \(.+\), which --force does not undo: restore into an empty database instead \(the embedded one: stop npm start, move the data folder's postgres folder \(\.data\/postgres\) aside, restore, then npm start, which applies the later migrations\)\.$/,
        );
      }
    }
  });
});

/** A command run as `npm run` runs it, on the database given (or the embedded one in COUNTERWEIGHT_DATA_DIR). */
function command(script: string, args: string[], env: { DATABASE_URL?: string; COUNTERWEIGHT_DATA_DIR?: string }) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...rest, ...env },
  });
}

describe('a backup of nothing', () => {
  it('is refused when the data folder holds no database, and makes none', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterweight-backup-none-'));
    const file = path.join(folder, 'never-made.jsonl.gz');
    try {
      const result = command('scripts/db-backup.ts', [file], { COUNTERWEIGHT_DATA_DIR: dataDir });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `There is no database in ${path.join(dataDir, 'postgres')}, so nothing to back up: ` +
          'start the app once (npm start), or set COUNTERWEIGHT_DATA_DIR to the folder that holds it (or DATABASE_URL).\n',
      );
      expect(fs.readdirSync(dataDir)).toEqual([]);
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a backup that cannot be written', () => {
  it('to a folder it may not write in: one line saying so, no stack trace', async () => {
    // sysfs: a folder where no one may make a file, root included.
    const file = '/sys/counterweight-test.jsonl.gz';
    await expect(writeBackup(source.url, file)).rejects.toThrow(
      new BackupError(`Cannot write ${file}: permission denied. Nothing was written.`),
    );
    const result = command('scripts/db-backup.ts', [file], { DATABASE_URL: source.url });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`Cannot write ${file}: permission denied. Nothing was written.\n`);
  });

  it('on a full disk: says so, and leaves no partial file, nor the folder it made for it', async () => {
    const target = path.join(folder, 'full', 'demo.jsonl.gz');
    const open = fs.createWriteStream;
    // The partial file is made, then every write to it fails as on a disk that has filled up.
    const full = (...args: unknown[]) => {
      const callback = args.at(-1) as (error: Error) => void;
      callback(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    };
    const spy = vi
      .spyOn(fs, 'createWriteStream')
      .mockImplementation(((file: string, options: object) =>
        open(file, { ...options, fs: { ...fs, write: full, writev: full } })) as typeof fs.createWriteStream);
    try {
      await expect(writeBackup(source.url, target)).rejects.toThrow(
        new BackupError(`Cannot write ${target}: the disk is full. Nothing was written.`),
      );
    } finally {
      spy.mockRestore();
    }
    expect(fs.existsSync(path.dirname(target))).toBe(false);
  });

  it('over a file already there: refused unless asked (--force), the file left as it was', async () => {
    const target = path.join(folder, 'taken', 'notes.csv');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, 'a,b\n1,2\n');
    const refusal = `${target} exists already: name another file, or add --force to replace it. Nothing was written.`;
    await expect(writeBackup(source.url, target)).rejects.toThrow(new BackupError(refusal));
    const result = command('scripts/db-backup.ts', [target], { DATABASE_URL: source.url });
    expect([result.status, result.stderr]).toEqual([1, `${refusal}\n`]);
    expect(fs.readFileSync(target, 'utf8')).toBe('a,b\n1,2\n');
    const forced = command('scripts/db-backup.ts', [target, '--force'], { DATABASE_URL: source.url });
    expect(forced.status).toBe(0);
    expect((await verifyBackup(target)).tables.length).toBeGreaterThan(0);
  });

  it('two backups to the same file at once both finish, each whole, and leave only the file', async () => {
    const target = path.join(folder, 'twice', 'demo.jsonl.gz');
    await Promise.all([writeBackup(source.url, target), writeBackup(source.url, target)]);
    expect(fs.readdirSync(path.dirname(target))).toEqual(['demo.jsonl.gz']);
    expect((await verifyBackup(target)).tables.length).toBeGreaterThan(0);
  });
});

describe('a restore ends every session', () => {
  it("sets every account's start of valid sessions to the restore, so sessions before and after the backup are over", async () => {
    const made = await freshDatabase();
    const { id } = await createUser(made.client, {
      email: 'kept@test.example',
      name: 'Kept',
      role: 'EDITOR',
      password: 'a-long-test-password',
    });
    const file = path.join(folder, 'accounts.jsonl.gz');
    await writeBackup(made.url, file);
    const validFrom = async (url: string) =>
      withClient(url, async (client) => {
        const { rows } = await client.query<{ from: Date | null }>(
          'SELECT sessions_valid_from AS "from" FROM users WHERE id = $1',
          [id],
        );
        return rows[0]?.from ?? null;
      });
    expect(await validFrom(made.url)).toBeNull();

    // Into an empty database, then again with --force over it (a sign-out since the backup forgotten).
    const target = await freshDatabase();
    for (const force of [false, true]) {
      const before = Date.now();
      const summary = await restoreBackup(target.url, file, { force });
      expect(summary.sessionsEnded).toBe(1);
      expect((await validFrom(target.url))?.getTime()).toBeGreaterThanOrEqual(before);
    }
  });
});

describe('the restore command', () => {
  it('checks the file before it makes a database: a missing or damaged file in a fresh data folder is refused in one line', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterweight-restore-data-'));
    const damaged = path.join(folder, 'damaged.jsonl.gz');
    fs.writeFileSync(damaged, gzipSync('{"format": "counterweight-backup", "version": 1}\n'));
    const unversioned = path.join(folder, 'unversioned.jsonl.gz');
    fs.writeFileSync(unversioned, gzipSync('{"format": "counterweight-backup"}\n'));
    try {
      for (const [file, message] of [
        [path.join(folder, 'missing.jsonl.gz'), `There is no file ${path.join(folder, 'missing.jsonl.gz')}.`],
        [folder, `Cannot read ${folder}: it is a folder, not a file.`],
        [
          damaged,
          'damaged.jsonl.gz is not a complete Counterweight backup: its header is malformed. Nothing was restored.',
        ],
        [
          unversioned,
          'unversioned.jsonl.gz is not a complete Counterweight backup: its header has no format version. Nothing was restored.',
        ],
      ] as const) {
        const result = command('scripts/db-restore.ts', [file], { COUNTERWEIGHT_DATA_DIR: dataDir });
        expect(result.status).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe(`${message}\n`);
        expect(fs.readdirSync(dataDir)).toEqual([]);
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('on DATABASE_URL: says that everyone signs in again, and to restart the server on that database', async () => {
    const target = await freshDatabase();
    const result = command('scripts/db-restore.ts', [backupFile], { DATABASE_URL: target.url });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Ended every session \(\d+ accounts?\): everyone signs in again\.$/m);
    expect(result.stdout).toMatch(/^Restart the app's server on this database so that it shows the restored data\.$/m);
    // Only a backup holding the demo accounts (whose passwords are public) is warned about: this one has none.
    expect(result.stdout).not.toMatch(/demo account/);
  });
});
