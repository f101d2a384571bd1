import 'server-only';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { serverEnv } from '../env';
import { ServerBusy } from '../server-busy';
import { CopyRows } from './copy-frames';

/*
 * The exports of the largest lists (employee actions, sources) as one statement each, in which
 * PostgreSQL writes every record's JSON text, streamed with COPY (docs/decisions/006, addenda).
 * The statements are in lib/data/action-export.ts and lib/data/source-export.ts.
 */

/** Date formats of the records' JSON, as lib/api/serializers.ts writes them. */
export const ISO_DAY = `'YYYY-MM-DD'`;
/** A date's precision, said only when there is a date (`precisionOf` in lib/api/serializers.ts). */
export const precisionIfDated = (date: string, precision: string) =>
  `CASE WHEN ${date} IS NULL THEN NULL ELSE ${precision} END`;
export const ISO_TIME = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * The WHERE conditions of an export's statement and the values of their `$n` parameters (written
 * in as literals when the statement runs, see `withLiterals`; the API's lists with words send the
 * same conditions to PostgreSQL with real parameters, lib/data/open-data.ts).
 */
export class Conditions {
  readonly list: string[];
  readonly values: string[] = [];

  constructor(...always: string[]) {
    this.list = [...always];
  }

  /** `$n` for the value, which becomes the statement's next parameter. */
  param(value: string): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  add(condition: string): void {
    this.list.push(condition);
  }

  /**
   * The condition that a company slug column is the filters' company, or with its subsidiaries
   * (`family`, the slugs of the company and of those under it) one of them; null without a company.
   */
  companySlug(column: string, { company, family }: { company?: string; family?: string[] }): string | null {
    // Slugs hold no comma: the family is one parameter, whatever its size.
    if (family?.length) return `${column} = ANY(string_to_array(${this.param(family.join(','))}, ','))`;
    return company ? `${column} = ${this.param(company)}` : null;
  }

  /** The filters' years on a date column: from 1 January of `from` to before 1 January after `to`. */
  years(column: string, { from, to }: { from?: number; to?: number }): void {
    if (from !== undefined) this.add(`${column} >= ${this.param(`${from}-01-01`)}::date`);
    if (to !== undefined) this.add(`${column} < ${this.param(`${to + 1}-01-01`)}::date`);
  }
}

/**
 * A source row `s` as a citation (`citationSchema`): its fields, in order; source-export.ts writes
 * the same fields and the timestamps.
 */
export const CITATION_FIELDS: [name: string, sql: string][] = [
  ['id', 's.id'],
  ['url', 's.url'],
  ['publisher', 's.publisher'],
  ['title', 's.title'],
  ['publishedAt', `to_char(s.published_at, ${ISO_DAY})`],
  ['publishedPrecision', precisionIfDated('s.published_at', 's.published_precision')],
  ['archiveUrl', 's.archive_url'],
];

/** JSON of the fields, named as given: `json_build_object('name', sql, …)`. */
export const jsonObject = (fields: [name: string, sql: string][]) =>
  `json_build_object(${fields.map(([name, sql]) => `'${name}', ${sql}`).join(', ')})`;

/** A source row `s` as a citation's JSON. */
export const CITATION_JSON = jsonObject(CITATION_FIELDS);

/**
 * A CTE body: the citations of each listed record, in the order of their source ids (`cite` in
 * lib/api/serializers.ts), as `list` per `column` of the record's link table; of every record that
 * has links when `listed` (a statement of the listed ids) is null.
 */
export const citationLists = (linkTable: string, column: string, listed: string | null) => `
  SELECT x.${column}, json_agg(${CITATION_JSON} ORDER BY x.source_id) AS list
  FROM ${linkTable} x JOIN sources s ON s.id = x.source_id
  ${listed === null ? '' : `WHERE x.${column} IN (${listed})`} GROUP BY x.${column}`;

/** Exports running at once; more wait for a free connection, up to CONNECT_TIMEOUT_MS, then get 503. */
const MAX_EXPORTS = 3;
const CONNECT_TIMEOUT_MS = 10_000;
/** A reader that leaves a batch unread this long ends its export (and frees the connection). */
const idleReaderMs = () => (Number(process.env.COUNTERWEIGHT_EXPORT_IDLE_SECONDS) || 300) * 1000;
const EXPORT_WORK_MEM = '32MB';
/** The longest wait for the database's next rows (the first ones of a large export take seconds). */
const DATABASE_SILENCE_MS = 120_000;

const globalForExports = globalThis as unknown as { counterweightExportPool?: pg.Pool };

function pool(): pg.Pool {
  if (!globalForExports.counterweightExportPool) {
    const created = new pg.Pool({
      connectionString: serverEnv().DATABASE_URL,
      max: MAX_EXPORTS,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
      application_name: 'counterweight-export',
      // A connection whose database went away unannounced is noticed, not waited on for hours.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    // An idle connection the server closed (a restart, an outage) is dropped, not fatal.
    created.on('error', () => undefined);
    globalForExports.counterweightExportPool = created;
  }
  return globalForExports.counterweightExportPool;
}

/** Closes the export connections (tests, before their database is dropped). */
export async function closeExportPool(): Promise<void> {
  const current = globalForExports.counterweightExportPool;
  globalForExports.counterweightExportPool = undefined;
  await current?.end();
}

/**
 * The export's records as JSON texts, in batches of what arrived together (a network read, tens of
 * records). The statement runs as `COPY … TO STDOUT (FORMAT binary)`: PostgreSQL streams its rows
 * as fast as the reader takes them and no faster (the socket is read only when the reader asks),
 * and a row's text is passed on from the bytes it came in, so that no batch of rows waits in memory
 * for its turn. A single statement sees one snapshot of the record. The connection goes back to the
 * pool after the last row; it is closed (which ends the statement) when the reader stops early (the
 * generator's `return`), on any error, and when the reader leaves a batch unread for
 * COUNTERWEIGHT_EXPORT_IDLE_SECONDS (300): a stalled download then fails instead of holding one of
 * the few export connections for as long as its socket stays open.
 */
export async function* exportTexts(
  statement: { text: string; values: unknown[] },
  { patient = false }: ExportWait = {},
): AsyncGenerator<string[], void, undefined> {
  const client = await connect(patient);
  // A connection the server ends while checked out (an outage) fails the statement; without a
  // listener its 'error' event would end the process.
  const ignore = () => undefined;
  client.on('error', ignore);
  let broken: Error | undefined;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    client.off('error', ignore);
    client.release(broken);
  };
  const idleMs = idleReaderMs();
  const rows = new CopyRows();
  let copy: ReturnType<typeof copyTo> | undefined;
  let whole = false;
  try {
    // Set on the session (the pool is the exports' alone), not as startup options, which poolers
    // such as PgBouncer refuse. Room for the hash aggregates and the sort of a large list
    // (PostgreSQL's default is 4 MB): 0.45 s less on 100,000 actions, for at most MAX_EXPORTS
    // statements at once. Exports only read. No parallel workers: each would build the statement's
    // hash tables again, on the cores the server needs to pass the rows on (the actions' export took
    // a sixth longer with two).
    await client.query(
      `SET work_mem = '${EXPORT_WORK_MEM}'; SET default_transaction_read_only = on; SET max_parallel_workers_per_gather = 0`,
    );
    copy = client.query(copyTo(`COPY (${withLiterals(statement.text, statement.values)}) TO STDOUT (FORMAT binary)`));
    // The connection's end after an early stop reaches the stream as an error once it is destroyed;
    // while it is read, `for await` rethrows what the stream reports.
    copy.on('error', () => undefined);
    const chunks = (copy as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    for (;;) {
      // A database that stops sending (gone without closing the connection) ends the export too.
      const silence = setTimeout(
        () => copy?.destroy(new Error(`the database sent nothing for ${DATABASE_SILENCE_MS / 1000} s`)),
        DATABASE_SILENCE_MS,
      );
      silence.unref();
      let step: IteratorResult<Buffer>;
      try {
        step = await chunks.next();
      } finally {
        clearTimeout(silence);
      }
      if (step.done) break;
      const texts = rows.push(step.value);
      if (texts.length === 0) continue;
      const stalled = setTimeout(() => {
        broken = new Error(`the reader left the export unread for ${idleMs / 1000} s`);
        copy?.destroy();
        release();
      }, idleMs);
      stalled.unref();
      try {
        yield texts;
      } finally {
        clearTimeout(stalled);
      }
      if (released) throw broken;
    }
    rows.end();
    whole = true;
  } catch (error) {
    broken ??= error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    // A statement still running is ended with its connection.
    if (!whole) {
      broken ??= new Error('the export stopped before its end');
      copy?.destroy();
    }
    release();
  }
}

export interface ExportWait {
  /**
   * Wait for a free export connection however long it takes, instead of answering that the server
   * is busy: for a part of the full dump, whose download has already begun.
   */
  patient?: boolean;
}

/** pg-pool's message when every connection stayed taken for the whole wait. */
const POOL_FULL = 'timeout exceeded when trying to connect';
/** How long a part of the full dump waits for a free export connection before the download fails. */
const PATIENT_MS = 5 * 60_000;

async function connect(patient: boolean): Promise<pg.PoolClient> {
  // On the monotonic clock: a system clock stepped meanwhile neither shortens nor lengthens the wait.
  const deadline = performance.now() + PATIENT_MS;
  for (;;) {
    try {
      return await pool().connect();
    } catch (error) {
      // Any other failure (the database unreachable) is not a busy server.
      if (!(error instanceof Error && error.message === POOL_FULL)) throw error;
      if (!patient || performance.now() > deadline) {
        throw new ServerBusy(`${MAX_EXPORTS} exports are running already; try again in a minute.`, 60);
      }
    }
  }
}

/**
 * The statement with its parameters written in as quoted literals: COPY takes no parameters. The
 * values are the filters' strings (slugs, years, an outcome, and free words), each quoted by
 * node-postgres's `escapeLiteral`, which doubles quotes and backslashes; what is written in is not
 * read again for parameters (one pass), so a value holding "$2" stays text.
 */
function withLiterals(text: string, values: unknown[]): string {
  return text.replace(/\$(\d+)\b/g, (_match, index: string) => {
    const value = values[Number(index) - 1];
    if (typeof value !== 'string') throw new TypeError(`Parameter $${index} of the export is not a string.`);
    return pg.escapeLiteral(value);
  });
}

/** The export pool's connections: checked out by an export, or idle in the pool (tests). */
export function exportConnections(): { checkedOut: number; idle: number } {
  const current = globalForExports.counterweightExportPool;
  return current ? { checkedOut: current.totalCount - current.idleCount, idle: current.idleCount } : { checkedOut: 0, idle: 0 };
}
