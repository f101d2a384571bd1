import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client';
import { ListenedClient } from './listened-client';

export type Database = PrismaClient;

/** A Prisma client on the pg driver adapter (Prisma 7 has no built-in driver). */
export function createDatabaseClient(
  connectionString: string,
  options: { max?: number; onQuery?: () => void } = {},
): PrismaClient {
  // Fail fast when the database is unreachable rather than waiting on a dead connection.
  const pool = new pg.Pool({
    Client: ListenedClient,
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // Search finds a name by one of its words with a typo in it ("custms" for U.S. Customs and Border
    // Protection: 0.57 alike, under pg_trgm's default of 0.6), through the names' trigram indexes,
    // which the operator (<%) reads this threshold for (lib/data/search.ts). Set on each new
    // connection before the pool hands it out: not as a startup option, which poolers such as
    // PgBouncer refuse and a DATABASE_URL's own ?options= would replace. Where it does not hold (a
    // pooler sharing connections between transactions), search keeps the default, and nothing fails.
    onConnect: async (connection) => {
      await connection.query('SET pg_trgm.word_similarity_threshold = 0.5').catch((error: unknown) => {
        console.warn(`Search keeps pg_trgm's default threshold: ${error instanceof Error ? error.message : error}`);
      });
    },
  });
  // The pool ends with the client ($disconnect), as the adapter's own would.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  if (!options.onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', options.onQuery);
  return client;
}
