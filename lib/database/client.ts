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
    // Search finds a name by one of its words with a typo in it ("custms" for U.S. Customs and Border
    // Protection: 0.57 alike, under pg_trgm's default of 0.6), through the names' trigram indexes,
    // which the operator (<%) reads this threshold for (lib/data/search.ts).
    options: '-c pg_trgm.word_similarity_threshold=0.5',
  });
  if (!options.onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', options.onQuery);
  return client;
}
