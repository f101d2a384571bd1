import type pg from 'pg';
import { BackupError, INSERT_ROWS, type BackupTable, type Row } from './backup-file';

/* The database side of backups: its tables in foreign-key order, and rows cast back into them. */

export const MIGRATIONS_TABLE = '_prisma_migrations';

export interface ColumnInfo {
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

export async function describeSchema(client: pg.Client): Promise<SchemaInfo> {
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
export function orderTables(schema: SchemaInfo): BackupTable[] {
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
export async function insertRows(client: pg.Client, table: BackupTable, columns: Map<string, ColumnInfo>, rows: Row[]) {
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
export async function restoreDeferred(
  client: pg.Client,
  table: BackupTable,
  columns: Map<string, ColumnInfo>,
  values: Row[],
) {
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

export function quoted(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
