import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type Database = PrismaClient;

/** A Prisma client on the pg driver adapter (Prisma 7 has no built-in driver). */
export function createDatabaseClient(
  connectionString: string,
  options: { max?: number; onQuery?: () => void } = {},
): PrismaClient {
  // Fail fast when the database is unreachable rather than waiting on a dead connection.
  const adapter = new PrismaPg({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  if (!options.onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', options.onQuery);
  return client;
}
