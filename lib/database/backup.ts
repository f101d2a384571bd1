import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupError, readBackup, verifyBackup, type BackupHeader } from './backup-file';
import { FILE_REFUSALS, shownPath } from '../file-refusal';
import { BACKUP_DIR, CLUSTER_DIR } from './local';
import {
  describeSchema,
  insertRows,
  MIGRATIONS_TABLE,
  orderTables,
  quoted,
  restoreDeferred,
  type ColumnInfo,
} from './backup-schema';
import { applyMigrations, readMigrations } from './schema-engine';

export { BackupError, verifyBackup, type BackupHeader } from './backup-file';

/*
 * Backups of the whole database and their restore. The file's format and its reading are in
 * backup-file.ts; what is read of the database's tables and how rows go back in, in backup-schema.ts.
 * See docs/decisions/007-usaspending-and-backups.md.
 */

const FETCH_ROWS = 2000;

/** Settings under which every value's text form reads back to the same value. */
const SESSION_SETTINGS = `SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET TimeZone = 'UTC';
  SET extra_float_digits = 3; SET bytea_output = 'hex'; SET client_encoding = 'UTF8'`;

/** Why the file system refused to write the backup's file, in words (other codes as they are). */
const WRITE_REFUSALS: Record<string, string> = {
  ...FILE_REFUSALS,
  ENOENT: 'its folder cannot hold files',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
};

function cannotWrite(file: string, error: unknown): BackupError {
  const { code, message } = error as NodeJS.ErrnoException;
  return new BackupError(
    `Cannot write ${file}: ${WRITE_REFUSALS[code ?? ''] ?? code ?? message}. Nothing was written.`,
  );
}

/**
 * What a failed backup or restore says, in one line: a BackupError's own message, and any other
 * error (the database going away halfway) by its message, without a stack trace.
 */
export function failureLine(error: unknown, what: 'backup' | 'restore'): string {
  if (error instanceof BackupError) return error.message;
  // A connection refused on every address is an AggregateError without a message of its own.
  const { message, code } =
    error instanceof Error ? (error as NodeJS.ErrnoException) : { message: String(error), code: undefined };
  return `The ${what} failed: ${(message || code || 'an unknown error').replace(/\s+/g, ' ').trim()}.`;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  tables: number;
  rows: number;
  migrations: string[];
  durationMs: number;
}

/**
 * Writes a backup of every table of the public schema (but the migrations table, whose list goes
 * in the header) from one consistent snapshot. The file appears under its name only when complete.
 */
export async function writeBackup(
  connectionString: string,
  file: string,
  options: { replace?: boolean } = {},
): Promise<BackupSummary> {
  // Where it goes, checked before any work: a folder, or a path under a file, is said as such.
  const parent = path.dirname(path.resolve(file));
  const made = await fsp.mkdir(parent, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new BackupError(
      error.code === 'EEXIST' || error.code === 'ENOTDIR'
        ? `Cannot write ${file}: a file is in the way of its folder ${parent}.`
        : `Cannot write ${file}: its folder cannot be made (${error.code ?? error.message}).`,
    );
  });
  try {
    return await writeInto(connectionString, file, options);
  } catch (error) {
    // A backup refused or failed leaves no empty folder behind that it made for itself.
    if (made) await removeEmptyFolders(parent, made);
    throw error;
  }
}

/** Removes `deepest` and the folders above it up to `top`, each only while it is empty. */
async function removeEmptyFolders(deepest: string, top: string): Promise<void> {
  for (let folder = deepest; ; folder = path.dirname(folder)) {
    // rmdir refuses a folder that holds anything: then everything above it stays too.
    if (
      !(await fsp.rmdir(folder).then(
        () => true,
        () => false,
      ))
    )
      return;
    if (path.resolve(folder) === path.resolve(top) || path.dirname(folder) === folder) return;
  }
}

async function writeInto(
  connectionString: string,
  file: string,
  { replace = false }: { replace?: boolean },
): Promise<BackupSummary> {
  const started = performance.now();
  const existing = await fsp.stat(file).catch(() => null);
  if (existing?.isDirectory()) {
    throw new BackupError(
      `${file} is a folder: name the backup's file (or leave it out for one in ${shownPath(BACKUP_DIR)}).`,
    );
  }
  // An earlier backup, or any other file, is not written over unasked.
  if (existing && !replace) {
    throw new BackupError(
      `${file} exists already: name another file, or add --force to replace it. Nothing was written.`,
    );
  }
  const client = new pg.Client({ connectionString });
  await client.connect();
  // A name of its own, beside the file (so that the rename is atomic): two backups to the same
  // file at once would otherwise write, and rename, one partial file between them.
  const partial = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
  try {
    await client.query(SESSION_SETTINGS);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const migrations = await appliedMigrations(client, { withChecksums: true });
    // A database the app never migrated (DATABASE_URL naming another one) holds no record to keep.
    if (migrations.length === 0) {
      throw new BackupError(
        'The database holds no Counterweight record (no migration was ever applied to it), so nothing to back up: check DATABASE_URL. Nothing was written.',
      );
    }
    const schema = await describeSchema(client);
    const tables = orderTables(schema);
    for (const table of tables) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoted(table.name)}`);
      table.rows = Number(rows[0]?.n);
    }
    const sequences: BackupHeader['sequences'] = [];
    for (const name of schema.sequences) {
      const { rows } = await client.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value::text, is_called FROM ${quoted(name)}`,
      );
      if (rows[0]) sequences.push({ name, lastValue: rows[0].last_value, isCalled: rows[0].is_called });
    }
    const { rows: version } = await client.query<{ server_version: string }>('SHOW server_version');
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      postgres: version[0]?.server_version ?? 'unknown',
      migrations,
      tables,
      sequences,
    };

    const gzip = createGzip();
    const out = fs.createWriteStream(partial, { mode: 0o600 });
    gzip.pipe(out);
    // Settled by the first of: the file written and closed, or an error (which comes before the
    // close that follows it). A refusal of the file system (no permission, a full disk) says so.
    const finished = new Promise<void>((resolve, reject) => {
      gzip.on('error', reject);
      out.on('error', (error) => reject(cannotWrite(file, error)));
      out.on('close', resolve);
    });
    // Awaited once everything is written; an error before then must not end the process unhandled.
    finished.catch(() => undefined);
    const hash = createHash('sha256');
    const write = async (text: string) => {
      hash.update(text);
      if (!gzip.write(text)) await Promise.race([once(gzip, 'drain'), finished]);
    };

    await write(`${JSON.stringify(header)}\n`);
    let total = 0;
    for (const table of tables) {
      await write(`${JSON.stringify({ table: table.name })}\n`);
      const order = (table.primaryKey.length ? table.primaryKey : table.columns).map(quoted).join(', ');
      const select = table.columns.map((column) => `${quoted(column)}::text`).join(', ');
      await client.query(
        `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT ${select} FROM ${quoted(table.name)} ORDER BY ${order}`,
      );
      let count = 0;
      for (;;) {
        const batch = await client.query<unknown[]>({ text: `FETCH ${FETCH_ROWS} FROM backup_rows`, rowMode: 'array' });
        if (batch.rows.length === 0) break;
        count += batch.rows.length;
        await write(batch.rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
      }
      await client.query('CLOSE backup_rows');
      if (count !== table.rows) throw new Error(`${table.name}: counted ${table.rows} rows but read ${count}`);
      total += count;
    }
    const trailer = { end: BACKUP_FORMAT, rows: total, sha256: hash.digest('hex') };
    gzip.end(`${JSON.stringify(trailer)}\n`);
    await finished;
    await client.query('COMMIT');
    await fsp.rename(partial, file).catch((error: unknown) => {
      throw cannotWrite(file, error);
    });
    const { size } = await fsp.stat(file);
    return {
      file,
      bytes: size,
      tables: tables.length,
      rows: total,
      migrations: migrations.map((migration) => migration.name),
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    await fsp.rm(partial, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface RestoreSummary {
  tables: number;
  rows: number;
  /** Rows per table that were in the database before and were replaced (--force). */
  replaced: Record<string, number>;
  appliedMigrations: string[];
  /** Migrations of this checkout newer than the backup: the next `npm start` or `npm run db:migrate` applies them. */
  laterMigrations: string[];
  /** The accounts whose sessions the restore ended; null when the backup's schema cannot end them. */
  sessionsEnded: number | null;
  durationMs: number;
}

export interface RestoreOptions {
  /** Replace what a non-empty database holds. */
  force?: boolean;
  print?: (line: string) => void;
  /** The file's header, when the caller has just verified the whole file (verifyBackup): not read twice. */
  verified?: BackupHeader;
}

/**
 * Restores a backup into an empty database, or one migrated no further than the backup: the file
 * is checked whole first, the migrations the backup was made at are applied, then every row is
 * inserted in one transaction, which also ends every session. A database holding data is refused
 * unless `force`, which replaces its contents (and says so).
 */
export async function restoreBackup(
  connectionString: string,
  file: string,
  { force = false, print = () => undefined, verified }: RestoreOptions = {},
): Promise<RestoreSummary> {
  const started = performance.now();
  const header = verified ?? (await verifyBackup(file));

  const directories = readMigrations().migrationDirectories;
  const local = directories.map((directory) => directory.path);
  const wanted = header.migrations.map((migration) => migration.name);
  const unknown = wanted.filter((name) => !local.includes(name));
  if (unknown.length) {
    throw new BackupError(
      `The backup was made by a newer version of Counterweight: this checkout lacks its migration(s) ${unknown.join(', ')}. Update the code, then restore.`,
    );
  }
  if (wanted.some((name, index) => local[index] !== name)) {
    throw new BackupError(
      `The backup's migrations (${wanted.join(', ')}) are not the first migrations of this checkout (${local.join(', ')}).`,
    );
  }
  // A migration of the same name whose text differs made another schema than this checkout's would
  // (its checksum is the database's record of the file it ran, as prisma migrate deploy keeps it).
  // Its line ends aside, as Prisma itself compares them: a database first migrated from a checkout
  // with CRLF line ends keeps their checksums.
  const edited = header.migrations.filter(({ checksum }, index) => {
    const content = directories[index]?.migrationFile.content;
    return checksum && content?.tag === 'ok' && !checksumsOf(content.value).includes(checksum);
  });
  if (edited.length) {
    throw new BackupError(
      `The backup was made at migration(s) ${edited.map((migration) => migration.name).join(', ')} as written otherwise than in this checkout: ` +
        'its tables may not be the ones this checkout makes. Restore it with the version of Counterweight that made it.',
    );
  }

  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(SESSION_SETTINGS);
    const applied = (await appliedMigrations(client, { withChecksums: false })).map((migration) => migration.name);
    if (applied.some((name, index) => wanted[index] !== name)) {
      // As `npm start` leaves an empty database: migrated by this checkout, past an older backup.
      throw new BackupError(
        `The database has migrations the backup was not made with (${applied.filter((name, index) => wanted[index] !== name).join(', ')}), which --force does not undo: ` +
          `restore into an empty database instead (the embedded one: stop npm start, move the data folder's postgres folder (${shownPath(CLUSTER_DIR)}) aside, restore, then npm start, which applies the later migrations).`,
      );
    }

    const before = await describeSchema(client);
    const replaced: Record<string, number> = {};
    for (const table of before.tables.keys()) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoted(table)}`);
      const count = Number(rows[0]?.n);
      if (count > 0) replaced[table] = count;
    }
    const held = Object.entries(replaced).map(([table, count]) => `${table} (${count})`);
    if (held.length && !force) {
      throw new BackupError(
        `The database is not empty: it holds ${held.join(', ')}. Restore into an empty database, or add --force to replace all of it.`,
      );
    }
    if (held.length)
      print(`--force: replacing the database's current contents, if the backup goes in whole: ${held.join(', ')}.`);

    let appliedNow: string[] = [];
    if (applied.length < wanted.length) {
      appliedNow = await applyMigrationsUpTo(connectionString, wanted);
    }

    // The tables the backup holds must exist here with every column it holds.
    const target = await describeSchema(client);
    for (const table of header.tables) {
      const columns = target.tables.get(table.name);
      if (!columns) throw new BackupError(`The database has no table "${table.name}", which the backup holds.`);
      const missing = table.columns.filter((column) => !columns.has(column));
      if (missing.length) {
        throw new BackupError(
          `The table "${table.name}" here lacks the column(s) ${missing.join(', ')} the backup holds.`,
        );
      }
    }

    await client.query('BEGIN');
    try {
      const everything = [...target.tables.keys()].map(quoted);
      if (held.length && everything.length) await client.query(`TRUNCATE ${everything.join(', ')}`);
      let total = 0;
      await readBackup(file, {
        onRows: async (table, rows) => {
          // A value the database refuses (a date that does not exist, edited in by hand) names its table.
          await insertRows(client, table, target.tables.get(table.name) as Map<string, ColumnInfo>, rows).catch(
            (error: unknown) => {
              if (error instanceof pg.DatabaseError) {
                throw new BackupError(
                  `The table "${table.name}" of the backup holds a value the database refuses (${error.message}): nothing was restored.`,
                );
              }
              throw error;
            },
          );
          total += rows.length;
        },
        onTableEnd: async (table, deferredValues) => {
          await restoreDeferred(
            client,
            table,
            target.tables.get(table.name) as Map<string, ColumnInfo>,
            deferredValues,
          );
        },
      });
      for (const sequence of header.sequences) {
        await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [
          quoted(sequence.name),
          sequence.lastValue,
          sequence.isCalled,
        ]);
      }
      const sessionsEnded = await endEverySession(client, target.tables);
      await client.query('COMMIT');
      return {
        tables: header.tables.length,
        rows: total,
        replaced,
        appliedMigrations: appliedNow,
        laterMigrations: local.slice(wanted.length),
        sessionsEnded,
        durationMs: Math.round(performance.now() - started),
      };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Ends every session at the restore (docs/decisions/008): a session is a signed cookie the database
 * cannot recall, and the restored accounts have forgotten the sign-outs since the backup, while the
 * sessions begun after it would go on. Everyone signs in again. Null when the backup predates the
 * column (its later migration adds it empty).
 */
async function endEverySession(client: pg.Client, tables: Map<string, Map<string, ColumnInfo>>) {
  if (!tables.get('users')?.has('sessions_valid_from')) return null;
  const { rowCount } = await client.query('UPDATE users SET sessions_valid_from = $1', [new Date()]);
  return rowCount ?? 0;
}

async function appliedMigrations(
  client: pg.Client,
  { withChecksums }: { withChecksums: boolean },
): Promise<{ name: string; checksum: string }[]> {
  const { rows: exists } = await client.query<{ found: boolean }>(
    `SELECT to_regclass('public.${MIGRATIONS_TABLE}') IS NOT NULL AS found`,
  );
  if (!exists[0]?.found) return [];
  const { rows } = await client.query<{ name: string; checksum: string }>(
    `SELECT migration_name AS name, ${withChecksums ? 'checksum' : "''"} AS checksum FROM ${quoted(MIGRATIONS_TABLE)}
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows;
}

/**
 * Applies this checkout's first migrations, up to the backup's last one. The schema engine applies
 * every migration it finds in `prisma/migrations` (lib/database/schema-engine.ts), so when this
 * checkout has later ones, it runs in a child process whose working folder holds only the wanted ones.
 */
export async function applyMigrationsUpTo(connectionString: string, wanted: string[]): Promise<string[]> {
  const local = readMigrations().migrationDirectories.map((directory) => directory.path);
  if (wanted.some((name, index) => local[index] !== name)) {
    throw new BackupError(`${wanted.join(', ')} are not the first migrations of this checkout.`);
  }
  if (wanted.length === local.length) return applyMigrations(connectionString);
  const folder = await fsp.mkdtemp(path.join(os.tmpdir(), 'counterweight-restore-'));
  try {
    const source = path.resolve('prisma');
    const target = path.join(folder, 'prisma');
    await fsp.mkdir(path.join(target, 'migrations'), { recursive: true });
    await fsp.copyFile(path.join(source, 'schema.prisma'), path.join(target, 'schema.prisma'));
    const lock = path.join(source, 'migrations', 'migration_lock.toml');
    if (fs.existsSync(lock)) await fsp.copyFile(lock, path.join(target, 'migrations', 'migration_lock.toml'));
    for (const name of wanted) {
      await fsp.mkdir(path.join(target, 'migrations', name));
      await fsp.copyFile(
        path.join(source, 'migrations', name, 'migration.sql'),
        path.join(target, 'migrations', name, 'migration.sql'),
      );
    }
    const require = createRequire(import.meta.url);
    const engine = pathToFileURL(path.resolve('lib', 'database', 'schema-engine.ts')).href;
    const code = `const { applyMigrations } = await import(${JSON.stringify(engine)});
      console.log(JSON.stringify(await applyMigrations(process.env.RESTORE_DATABASE_URL)));`;
    const child = spawn(
      process.execPath,
      ['--import', pathToFileURL(require.resolve('tsx')).href, '--input-type=module', '-e', code],
      {
        cwd: folder,
        env: { ...process.env, RESTORE_DATABASE_URL: connectionString },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code_] = (await once(child, 'close')) as [number | null];
    if (code_ !== 0) throw new BackupError(`Applying the backup's migrations failed:\n${stderr.slice(-2000)}`);
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]') as string[];
  } finally {
    await fsp.rm(folder, { recursive: true, force: true });
  }
}

/**
 * The checksums a migration's text may have been recorded with, as Prisma accepts them: of the text
 * as it is, with LF line ends and with CRLF ones; each in hexadecimal, and as Prisma's older
 * versions wrote it (a byte below 16 in one digit).
 */
function checksumsOf(text: string): string[] {
  const lf = text.replace(/\r\n/g, '\n');
  return [text, lf, lf.replace(/\n/g, '\r\n')].flatMap((variant) => {
    const digest = createHash('sha256').update(variant).digest();
    return [digest.toString('hex'), [...digest].map((byte) => byte.toString(16)).join('')];
  });
}
