import 'server-only';
import { serverEnv } from './env';
import { createDatabaseClient, type Database } from './database/client';

// One client per server process (development hot reloads would otherwise open a pool per
// reload), created on first use so that building the app needs no database.
const globalForDb = globalThis as unknown as { counterweightDb?: Database; counterweightQueries?: number };

function client(): Database {
  // COUNTERWEIGHT_COUNT_QUERIES=1 counts every query, so tests can check that a page's number of
  // queries does not grow with the size of the record.
  const onQuery =
    process.env.COUNTERWEIGHT_COUNT_QUERIES === '1'
      ? () => (globalForDb.counterweightQueries = (globalForDb.counterweightQueries ?? 0) + 1)
      : undefined;
  globalForDb.counterweightDb ??= createDatabaseClient(serverEnv().DATABASE_URL, { onQuery });
  return globalForDb.counterweightDb;
}

/** How many queries this process has sent (only counted under COUNTERWEIGHT_COUNT_QUERIES=1). */
export function queriesSent(): number {
  return globalForDb.counterweightQueries ?? 0;
}

export const db = new Proxy({} as Database, {
  get: (_target, property) => Reflect.get(client(), property),
});
