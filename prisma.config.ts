import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma 7's CLI looks for a native schema engine before every command and tries to download it.
// `generate`, `validate` and `format` never run it, so any existing executable satisfies the check
// and keeps them offline. The app applies migrations through the WASM engine instead
// (scripts/migrate.ts; see docs/decisions/002-offline-migrations.md). The commands that do run the
// engine (`prisma migrate …`, `prisma db …`, `prisma studio`) get the real one, downloaded.
const ENGINE_COMMANDS = new Set(['migrate', 'db', 'studio']);
const command = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
if (!ENGINE_COMMANDS.has(command ?? '')) process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
process.env.CHECKPOINT_DISABLE ??= '1';

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  // `env()` from prisma/config throws when the variable is unset, even for `generate`.
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
