import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';

/*
 * Prisma 7's CLI downloads a native schema engine before `migrate` can run, which fails offline.
 * Prisma publishes the same engine compiled to WebAssembly; driving it through the pg driver
 * adapter applies `prisma/migrations` exactly as `prisma migrate deploy` would, recording them in
 * `_prisma_migrations`. These APIs are not documented: every package involved is pinned exactly
 * and this module is the only place that touches them (docs/decisions/002-offline-migrations.md).
 */

const MIGRATIONS_DIR = path.resolve('prisma', 'migrations');
const SCHEMA_FILE = path.resolve('prisma', 'schema.prisma');
const NO_FILTERS = { externalTables: [], externalEnums: [] };

let loaded = false;
function loadEngine(): void {
  if (loaded) return;
  const require = createRequire(import.meta.url);
  const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
  const wasmModule = new WebAssembly.Module(fs.readFileSync(wasmPath));
  const imports: Record<string, unknown> = { ...engineBindings };
  for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    // The engine arms a 10 s timer after each call; unref it so scripts and tests exit promptly.
    imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
  }
  const instance = new WebAssembly.Instance(wasmModule, {
    './schema_engine_bg.js': imports as WebAssembly.ModuleImports,
  });
  // The engine reports panics through this global before it throws.
  const globals = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message: (m: string) => void } };
  globals.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: () => undefined };
  engineBindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  loaded = true;
}

async function withEngine<T>(connectionString: string, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  loadEngine();
  // Our own pool, so that its connections close when we are done (a template database cannot be
  // cloned while anyone is connected to it, and open connections keep a process alive).
  const pool = new pg.Pool({ connectionString, max: 2 });
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  const schema = fs.readFileSync(SCHEMA_FILE, 'utf8');
  const engine = await engineBindings.SchemaEngine.new(
    { datamodels: [[SCHEMA_FILE, schema]] },
    () => undefined,
    adapter,
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
    await pool.end();
  }
}

export function readMigrations(): MigrationList {
  const names = fs.existsSync(MIGRATIONS_DIR)
    ? fs
        .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const lockPath = path.join(MIGRATIONS_DIR, 'migration_lock.toml');
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: {
      path: 'migration_lock.toml',
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: names.map((name) => {
      const file = path.join(MIGRATIONS_DIR, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: fs.existsSync(file)
            ? { tag: 'ok' as const, value: fs.readFileSync(file, 'utf8') }
            : { tag: 'error' as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

/**
 * The database refused the migrations (a role without the right to create tables, an extension the
 * server lacks): what PostgreSQL said, in one line, without the engine's trace of where it was.
 */
export class MigrationsRefused extends Error {
  override name = 'MigrationsRefused';
}

/**
 * Applies the migrations before a command's work, and says so when it applied any (a database new
 * to Counterweight, or behind this version): a DATABASE_URL pointing at the wrong empty database is
 * seen at once.
 */
export async function applyMigrationsSaying(connectionString: string): Promise<void> {
  const applied = await applyMigrations(connectionString);
  if (applied.length) {
    console.log(
      `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to the database first (it was empty, or behind this version of Counterweight).`,
    );
  }
}

/** Applies every committed migration the database has not seen yet; returns their names. */
export async function applyMigrations(connectionString: string): Promise<string[]> {
  try {
    return await withEngine(connectionString, async (engine) => {
      const result = await engine.applyMigrations({ migrationsList: readMigrations(), filters: NO_FILTERS });
      return result.appliedMigrationNames;
    });
  } catch (error) {
    // The engine's own errors: PostgreSQL's message, then the frames of the engine that met it.
    if (error instanceof Error && error.name === 'SchemaConnectorError') {
      // What it said, up to the trace (a failed migration's name, which `prisma migrate resolve`
      // needs, may follow on the next line).
      const lines = error.message.split('\n');
      const trace = lines.findIndex((line) => /^\s+\d+: /.test(line));
      const said =
        (trace < 0 ? lines : lines.slice(0, trace))
          .map((line) => line.trim())
          .filter(Boolean)
          .join(' ')
          .replace(/\.$/, '') || 'no reason given';
      throw new MigrationsRefused(`The database refused the migrations: ${said}.`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** The copy of the schema each migration was made from, kept beside its migration.sql. */
export const SNAPSHOT_FILE = 'schema.snapshot.prisma';

/**
 * The SQL that takes the schema of the last migration (its snapshot) to the current schema.
 * Diffing two datamodels needs no database content, but the engine still connects to one.
 */
export async function diffLastMigrationToSchema(connectionString: string): Promise<string> {
  const last = readMigrations().migrationDirectories.at(-1);
  const snapshot = last ? path.join(MIGRATIONS_DIR, last.path, SNAPSHOT_FILE) : null;
  if (snapshot && !fs.existsSync(snapshot)) throw new Error(`${snapshot} is missing`);
  return withEngine(connectionString, async (engine) => {
    const result = await engine.diff({
      from: snapshot
        ? { tag: 'schemaDatamodel', files: [{ path: snapshot, content: fs.readFileSync(snapshot, 'utf8') }] }
        : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_FILE, content: fs.readFileSync(SCHEMA_FILE, 'utf8') }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? '';
  });
}
