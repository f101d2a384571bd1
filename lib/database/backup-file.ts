import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { cannotRead } from '../file-refusal';

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
/** Rows restored per statement, and the most text one statement carries. */
export const INSERT_ROWS = 1000;
const INSERT_BYTES = 8 << 20;

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

/** Reads the whole file, checking its structure, row counts and checksum; returns its header. */
export async function verifyBackup(file: string): Promise<BackupHeader> {
  return readBackup(file, {});
}

export type Row = (string | null)[];

interface BackupVisitor {
  onTable?: (table: BackupTable) => Promise<void>;
  /** Rows in batches; values of deferred columns are already set aside (null here). */
  onRows?: (table: BackupTable, rows: Row[]) => Promise<void>;
  /** After a table's rows: its deferred values, as [primary key values..., deferred values...]. */
  onTableEnd?: (table: BackupTable, deferred: Row[]) => Promise<void>;
}

/** Streams a backup file, checking everything as it goes; any defect throws a BackupError. */
export async function readBackup(file: string, visitor: BackupVisitor): Promise<BackupHeader> {
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
      !table
        ? 'it is truncated: it stops after its header'
        : tableRows < table.rows
          ? `it is truncated: it stops in the table "${table.name}" after ${tableRows} of its ${table.rows} rows`
          : tableIndex < header.tables.length - 1
            ? `it is truncated: it stops after the table "${table.name}" (${table.rows === 1 ? '1 row' : `${table.rows} rows`}), before the table "${header.tables[tableIndex + 1]?.name}"`
            : `it is truncated: it stops after the rows of its last table, "${table.name}", without the closing line that checks them`,
    );
  }
  return header;
}

function checkHeader(value: unknown, damaged: (why: string) => BackupError): BackupHeader {
  if (!isObject(value) || value.format !== BACKUP_FORMAT) throw damaged('its first line is not a backup header');
  // A header without a version number is damaged, not from a newer Counterweight.
  if (typeof value.version !== 'number' || !Number.isInteger(value.version))
    throw damaged('its header has no format version');
  if (value.version > BACKUP_VERSION) {
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
  let source: fs.ReadStream | undefined;
  try {
    await fsp.access(file, fs.constants.R_OK);
    // A folder can be opened, and fails only once read: said as what it is.
    const found = await fsp.stat(file);
    if (found.isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
    if (found.size > 0) source = fs.createReadStream(file);
  } catch (error) {
    throw new BackupError(cannotRead(file, error));
  }
  // A backup job that wrote nothing: said so, not "truncated".
  if (!source) throw damaged('it is empty (0 bytes): the backup that wrote it wrote nothing');
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
    // Not gzip from its first bytes: another file altogether, such as an uncompressed one.
    if (code === 'Z_DATA_ERROR' && (error as Error).message === 'incorrect header check') {
      throw damaged('it is not compressed with gzip, as every backup npm run db:backup writes is (a .jsonl.gz file)');
    }
    throw damaged(`it is damaged (${(error as Error).message})`);
  } finally {
    source.destroy();
  }
  if (rest !== '') throw damaged('it is truncated (its last line is cut off)');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
