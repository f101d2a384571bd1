import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { applyMigrations, readMigrations } from './schema-engine';

/*
 * A logical backup of the whole database, readable without pg_dump (which the embedded PostgreSQL
 * package does not ship): gzip-compressed JSON lines.
 *
 *   line 1               the header: format, version, creation time, applied migrations, tables
 *   {"table": "..."}     then, for each table of the public schema in foreign-key order, its rows:
 *   ["id", null, ...]    one JSON array per row, every value as PostgreSQL's own text form
 *   last line            {"end": ..., "rows": n, "sha256": ...}: a checksum of every line before it
 *
 * Values are cast to text in SQL and cast back on restore, so Decimals, dates, timestamps and JSON
 * survive exactly. See docs/decisions/007-usaspending-and-backups.md.
 */

export const BACKUP_FORMAT = 'counterweight-backup';
export const BACKUP_VERSION = 1;
const MIGRATIONS_TABLE = '_prisma_migrations';
const FETCH_ROWS = 2000;
const INSERT_ROWS = 1000;
const INSERT_BYTES = 8 << 20;

/** Settings under which every value's text form reads back to the same value. */
const SESSION_SETTINGS = `SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET TimeZone = 'UTC';
  SET extra_float_digits = 3; SET bytea_output = 'hex'; SET client_encoding = 'UTF8'`;

export interface BackupTable {
  name: string;
  columns: string[];
  primaryKey: string[];
  /** Columns referring to the same table: restored after the table's rows, as a row may point at a later one. */
  deferred: string[];
  rows: number;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  postgres: string;
  migrations: { name: string; checksum: string }[];
  tables: BackupTable[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
}

/** The backup cannot be made or restored; the message says why and what to do. Nothing was written. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
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
export async function writeBackup(connectionString: string, file: string): Promise<BackupSummary> {
  const started = performance.now();
  const client = new pg.Client({ connectionString });
  await client.connect();
  const partial = `${file}.partial`;
  await fsp.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  try {
    await client.query(SESSION_SETTINGS);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const migrations = await appliedMigrations(client, { withChecksums: true });
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
    const finished = once(out, 'close');
    const failed = new Promise<never>((_, reject) => {
      gzip.on('error', reject);
      out.on('error', reject);
    });
    failed.catch(() => undefined);
    const hash = createHash('sha256');
    const write = async (text: string) => {
      hash.update(text);
      if (!gzip.write(text)) await Promise.race([once(gzip, 'drain'), failed]);
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
    await Promise.race([finished, failed]);
    await client.query('COMMIT');
    await fsp.rename(partial, file);
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
  durationMs: number;
}

export interface RestoreOptions {
  /** Replace what a non-empty database holds. */
  force?: boolean;
  print?: (line: string) => void;
}

/**
 * Restores a backup into an empty (or freshly migrated) database: the file is checked whole first,
 * the migrations the backup was made at are applied, then every row is inserted in one transaction.
 * A database holding data is refused unless `force`, which replaces its contents (and says so).
 */
export async function restoreBackup(
  connectionString: string,
  file: string,
  { force = false, print = () => undefined }: RestoreOptions = {},
): Promise<RestoreSummary> {
  const started = performance.now();
  const header = await verifyBackup(file);

  const local = readMigrations().migrationDirectories.map((directory) => directory.path);
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

  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(SESSION_SETTINGS);
    const applied = (await appliedMigrations(client, { withChecksums: false })).map((migration) => migration.name);
    if (applied.some((name, index) => wanted[index] !== name)) {
      throw new BackupError(
        `The database has migrations the backup was not made with (${applied.filter((name, index) => wanted[index] !== name).join(', ')}): ` +
          'restore into an empty database, or into one migrated by the version that made the backup.',
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
    if (held.length) print(`--force: replacing the database's current contents: ${held.join(', ')}.`);

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
          await insertRows(client, table, target.tables.get(table.name) as Map<string, ColumnInfo>, rows);
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
      await client.query('COMMIT');
      return {
        tables: header.tables.length,
        rows: total,
        replaced,
        appliedMigrations: appliedNow,
        laterMigrations: local.slice(wanted.length),
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

/** Reads the whole file, checking its structure, row counts and checksum; returns its header. */
export async function verifyBackup(file: string): Promise<BackupHeader> {
  return readBackup(file, {});
}

type Row = (string | null)[];

interface BackupVisitor {
  onTable?: (table: BackupTable) => Promise<void>;
  /** Rows in batches; values of deferred columns are already set aside (null here). */
  onRows?: (table: BackupTable, rows: Row[]) => Promise<void>;
  /** After a table's rows: its deferred values, as [primary key values..., deferred values...]. */
  onTableEnd?: (table: BackupTable, deferred: Row[]) => Promise<void>;
}

/** Streams a backup file, checking everything as it goes; any defect throws a BackupError. */
async function readBackup(file: string, visitor: BackupVisitor): Promise<BackupHeader> {
  const name = path.basename(file);
  const damaged = (why: string) =>
    new BackupError(`${name} is not a complete Counterweight backup: ${why}. Nothing was restored.`);

  let header: BackupHeader | null = null;
  const hash = createHash('sha256');
  let tableIndex = -1;
  let table: BackupTable | null = null;
  let tableRows = 0;
  let total = 0;
  let ended = false;
  let batch: Row[] = [];
  let batchBytes = 0;
  let deferred: Row[] = [];
  let deferredAt: number[] = [];
  let keyAt: number[] = [];

  const flush = async () => {
    if (table && batch.length && visitor.onRows) await visitor.onRows(table, batch);
    batch = [];
    batchBytes = 0;
  };
  const closeTable = async () => {
    if (!table) return;
    await flush();
    if (tableRows !== table.rows) {
      throw damaged(`the table "${table.name}" has ${tableRows} rows where the header announces ${table.rows}`);
    }
    if (visitor.onTableEnd) await visitor.onTableEnd(table, deferred);
    deferred = [];
  };

  let lineNumber = 0;
  for await (const line of readLines(file, damaged)) {
    lineNumber += 1;
    if (ended) {
      if (line === '') continue;
      throw damaged(`line ${lineNumber} follows the closing line`);
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw damaged(`line ${lineNumber} is not valid JSON`);
    }

    if (!header) {
      header = checkHeader(value, damaged);
      hash.update(`${line}\n`);
      continue;
    }
    if (Array.isArray(value)) {
      if (!table) throw damaged(`line ${lineNumber} holds a row before any table`);
      if (value.length !== table.columns.length || !value.every((v) => v === null || typeof v === 'string')) {
        throw damaged(`line ${lineNumber} is not a row of ${table.columns.length} values of "${table.name}"`);
      }
      hash.update(`${line}\n`);
      const row = value as Row;
      if (deferredAt.length) {
        const set = deferredAt.map((at) => row[at] ?? null);
        if (set.some((v) => v !== null)) deferred.push([...keyAt.map((at) => row[at] ?? null), ...set]);
        for (const at of deferredAt) row[at] = null;
      }
      batch.push(row);
      batchBytes += line.length;
      tableRows += 1;
      total += 1;
      if (batch.length >= INSERT_ROWS || batchBytes >= INSERT_BYTES) await flush();
      continue;
    }
    if (isObject(value) && typeof value.table === 'string') {
      await closeTable();
      tableIndex += 1;
      table = header.tables[tableIndex] ?? null;
      if (!table || table.name !== value.table)
        throw damaged(`line ${lineNumber} starts an unexpected table "${value.table}"`);
      hash.update(`${line}\n`);
      tableRows = 0;
      keyAt = table.primaryKey.map((column) => table?.columns.indexOf(column) as number);
      deferredAt = table.deferred.map((column) => table?.columns.indexOf(column) as number);
      if (visitor.onTable) await visitor.onTable(table);
      continue;
    }
    if (isObject(value) && value.end === BACKUP_FORMAT) {
      await closeTable();
      if (tableIndex !== header.tables.length - 1) {
        throw damaged(`it ends after ${tableIndex + 1} of its ${header.tables.length} tables`);
      }
      if (value.rows !== total)
        throw damaged(`the closing line counts ${String(value.rows)} rows, the file holds ${total}`);
      if (value.sha256 !== hash.digest('hex'))
        throw damaged('its checksum does not match its contents (the file was altered)');
      ended = true;
      continue;
    }
    throw damaged(`line ${lineNumber} is neither a table, a row nor the closing line`);
  }

  if (!header) throw damaged('it is empty');
  if (!ended) {
    throw damaged(
      table
        ? `it is truncated: it stops in the table "${table.name}" after ${tableRows} of its ${table.rows} rows`
        : 'it is truncated: it stops after its header',
    );
  }
  return header;
}

function checkHeader(value: unknown, damaged: (why: string) => BackupError): BackupHeader {
  if (!isObject(value) || value.format !== BACKUP_FORMAT) throw damaged('its first line is not a backup header');
  if (typeof value.version !== 'number' || value.version > BACKUP_VERSION) {
    throw new BackupError(
      `The backup is in format version ${String(value.version)}; this version of Counterweight reads version ${BACKUP_VERSION}. Update the code, then restore.`,
    );
  }
  const header = value as unknown as BackupHeader;
  const valid =
    Array.isArray(header.migrations) &&
    header.migrations.every((m) => isObject(m) && typeof m.name === 'string') &&
    Array.isArray(header.sequences) &&
    Array.isArray(header.tables) &&
    header.tables.every(
      (t) =>
        isObject(t) &&
        typeof t.name === 'string' &&
        typeof t.rows === 'number' &&
        [t.columns, t.primaryKey, t.deferred].every(
          (list) => Array.isArray(list) && list.every((c) => typeof c === 'string' && t.columns.includes(c)),
        ),
    );
  if (!valid) throw damaged('its header is malformed');
  return header;
}

/** The lines of a gzip file; a damaged or cut-off gzip stream becomes a BackupError. */
async function* readLines(file: string, damaged: (why: string) => BackupError): AsyncGenerator<string> {
  let source: fs.ReadStream;
  try {
    await fsp.access(file, fs.constants.R_OK);
    source = fs.createReadStream(file);
  } catch (error) {
    throw new BackupError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  const gunzip = createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      rest += decoder.decode(chunk, { stream: true });
      let start = 0;
      for (let end = rest.indexOf('\n'); end !== -1; end = rest.indexOf('\n', start)) {
        yield rest.slice(start, end);
        start = end + 1;
      }
      rest = rest.slice(start);
    }
    rest += decoder.decode();
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR') throw damaged('it is truncated (the compressed data stops early)');
    if (code === 'ERR_ENCODING_INVALID_ENCODED_DATA') throw damaged('it holds text that is not UTF-8');
    throw damaged(`it is damaged (${(error as Error).message})`);
  } finally {
    source.destroy();
  }
  if (rest !== '') throw damaged('it is truncated (its last line is cut off)');
}

interface ColumnInfo {
  type: string;
  identity: boolean;
}

interface SchemaInfo {
  /** Tables of the public schema (but the migrations table) and their columns. */
  tables: Map<string, Map<string, ColumnInfo>>;
  primaryKeys: Map<string, string[]>;
  foreignKeys: { table: string; references: string; columns: string[] }[];
  sequences: string[];
}

async function describeSchema(client: pg.Client): Promise<SchemaInfo> {
  const { rows: columns } = await client.query<{ table: string; column: string; type: string; identity: string }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attidentity AS identity
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> $1
      ORDER BY c.relname, a.attnum`,
    [MIGRATIONS_TABLE],
  );
  const tables = new Map<string, Map<string, ColumnInfo>>();
  for (const row of columns) {
    const table = tables.get(row.table) ?? new Map<string, ColumnInfo>();
    table.set(row.column, { type: row.type, identity: row.identity === 'a' });
    tables.set(row.table, table);
  }
  const { rows: keys } = await client.query<{ table: string; columns: string[] }>(
    `SELECT c.relname AS table, array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indisprimary AND n.nspname = 'public'
      GROUP BY c.relname`,
  );
  const { rows: foreign } = await client.query<{ table: string; references: string; columns: string[] }>(
    `SELECT c.relname AS table, r.relname AS references,
            ARRAY(SELECT a.attname::text FROM unnest(k.conkey) AS u(attnum)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum) AS columns
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_class r ON r.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_namespace rn ON rn.oid = r.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND rn.nspname = 'public'`,
  );
  const { rows: sequences } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
  );
  return {
    tables,
    primaryKeys: new Map(keys.map((key) => [key.table, key.columns])),
    foreignKeys: foreign.filter((key) => tables.has(key.table) && tables.has(key.references)),
    sequences: sequences.map((sequence) => sequence.name),
  };
}

/**
 * The tables in an order where every table comes after the tables it refers to. A table referring
 * to itself (a company's parent) has those columns deferred: restored once all its rows exist.
 */
function orderTables(schema: SchemaInfo): BackupTable[] {
  const dependsOn = new Map<string, Set<string>>();
  for (const name of schema.tables.keys()) dependsOn.set(name, new Set());
  const deferred = new Map<string, string[]>();
  for (const key of schema.foreignKeys) {
    if (key.table === key.references) deferred.set(key.table, [...(deferred.get(key.table) ?? []), ...key.columns]);
    else dependsOn.get(key.table)?.add(key.references);
  }
  const ordered: string[] = [];
  const done = new Set<string>();
  while (ordered.length < dependsOn.size) {
    const ready = [...dependsOn.keys()]
      .filter((name) => !done.has(name) && [...(dependsOn.get(name) as Set<string>)].every((other) => done.has(other)))
      .sort();
    if (ready.length === 0) {
      const stuck = [...dependsOn.keys()].filter((name) => !done.has(name));
      throw new BackupError(
        `The tables ${stuck.join(', ')} refer to each other in a cycle: the backup cannot order them.`,
      );
    }
    for (const name of ready) {
      ordered.push(name);
      done.add(name);
    }
  }
  return ordered.map((name) => {
    const primaryKey = schema.primaryKeys.get(name) ?? [];
    const later = [...new Set(deferred.get(name) ?? [])];
    if (later.length && primaryKey.length === 0) {
      throw new BackupError(`The table ${name} refers to itself but has no primary key: the backup cannot restore it.`);
    }
    return {
      name,
      columns: [...(schema.tables.get(name) as Map<string, ColumnInfo>).keys()],
      primaryKey,
      deferred: later,
      rows: 0,
    };
  });
}

/** Inserts rows given as text, cast to the column types of the database restored into. */
async function insertRows(client: pg.Client, table: BackupTable, columns: Map<string, ColumnInfo>, rows: Row[]) {
  const names = table.columns.map(quoted);
  const casts = table.columns.map((column, index) => `u.c${index}::${(columns.get(column) as ColumnInfo).type}`);
  const unnest = table.columns.map((_, index) => `$${index + 1}::text[]`).join(', ');
  const aliases = table.columns.map((_, index) => `c${index}`).join(', ');
  const overriding = table.columns.some((column) => columns.get(column)?.identity) ? ' OVERRIDING SYSTEM VALUE' : '';
  await client.query(
    `INSERT INTO ${quoted(table.name)} (${names.join(', ')})${overriding} SELECT ${casts.join(', ')} FROM unnest(${unnest}) AS u(${aliases})`,
    table.columns.map((_, index) => rows.map((row) => row[index] ?? null)),
  );
}

/** Sets the self-referring columns of a table once all of its rows exist. */
async function restoreDeferred(client: pg.Client, table: BackupTable, columns: Map<string, ColumnInfo>, values: Row[]) {
  if (values.length === 0) return;
  const keys = table.primaryKey;
  const all = [...keys, ...table.deferred];
  const typeOf = (column: string) => (columns.get(column) as ColumnInfo).type;
  const set = table.deferred.map((column, index) => `${quoted(column)} = u.d${index}::${typeOf(column)}`);
  const match = keys.map((column, index) => `t.${quoted(column)} = u.k${index}::${typeOf(column)}`);
  const aliases = [...keys.map((_, index) => `k${index}`), ...table.deferred.map((_, index) => `d${index}`)];
  for (let at = 0; at < values.length; at += INSERT_ROWS) {
    const part = values.slice(at, at + INSERT_ROWS);
    await client.query(
      `UPDATE ${quoted(table.name)} AS t SET ${set.join(', ')}
         FROM unnest(${all.map((_, index) => `$${index + 1}::text[]`).join(', ')}) AS u(${aliases.join(', ')})
        WHERE ${match.join(' AND ')}`,
      all.map((_, index) => part.map((row) => row[index] ?? null)),
    );
  }
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

function quoted(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
