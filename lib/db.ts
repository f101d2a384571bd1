import 'server-only';
import { serverEnv } from './env';
import { createDatabaseClient, type Database } from './database/client';

// One client per server process (development hot reloads would otherwise open a pool per
// reload), created on first use so that building the app needs no database.
const globalForDb = globalThis as unknown as { counterweightDb?: Database };

function client(): Database {
  globalForDb.counterweightDb ??= createDatabaseClient(serverEnv().DATABASE_URL);
  return globalForDb.counterweightDb;
}

export const db = new Proxy({} as Database, {
  get: (_target, property) => Reflect.get(client(), property),
});
