import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabaseClient } from '../../lib/database/client';
import { ListenedClient } from '../../lib/database/listened-client';
import { isDatabaseUnavailable } from '../../lib/database/unavailable';
import type { PrismaClient } from '../../lib/generated/prisma/client';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/*
 * The database going away in the middle of a write, as the load test's outage makes it: the
 * connection a transaction holds is ended by the server. Whatever step of the transaction reports
 * it (the statement, or the rollback Prisma then tries on the same connection), the error is taken
 * for an outage, so that the form says "try again in a minute" and keeps what was typed, instead of
 * an error page.
 */
let database: TestDatabase;
let client: PrismaClient;

beforeAll(async () => {
  database = await createTestDatabase();
  client = createDatabaseClient(database.url);
});
afterAll(async () => {
  await client.$disconnect();
  await database.drop();
});

/** Runs a transaction whose connection the server ends after its first statement; returns what it threw. */
async function cutOff(next: (tx: Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]) => Promise<unknown>) {
  return client
    .$transaction(async (tx) => {
      const [held] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      await database.query('SELECT pg_terminate_backend($1)', [held!.pid]);
      await next(tx);
    })
    .then(
      () => null,
      (error: unknown) => error,
    );
}

describe('a connection lost in the middle of a transaction', () => {
  it('is taken for an outage when the next statement finds it gone', async () => {
    const error = await cutOff((tx) => tx.$queryRaw`SELECT 1`);
    expect(error).not.toBeNull();
    expect(isDatabaseUnavailable(error), String(error)).toBe(true);
  });

  it('is taken for an outage when a write finds it gone, the write undone', async () => {
    const error = await cutOff((tx) =>
      tx.company.create({ data: { slug: 'cut-off', name: 'Cut off', status: 'PUBLISHED' } }),
    );
    expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    expect(await client.company.count({ where: { slug: 'cut-off' } })).toBe(0);
  });

  it('is taken for an outage when the statement after a caught failure finds the connection unusable', async () => {
    const error = await cutOff(async (tx) => {
      await tx.$queryRaw`SELECT 1`.catch(() => undefined);
      await tx.$executeRaw`SELECT 1`;
    });
    expect(isDatabaseUnavailable(error), String(error)).toBe(true);
  });

  it('never throws the error a connection the database ends emits, its queries failing as an outage', async () => {
    const connection = new ListenedClient({ connectionString: database.url });
    await connection.connect();
    const uncaught: unknown[] = [];
    const keep = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', keep);
    try {
      const { rows } = await connection.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // The connection is idle, its pool's listener (if it had one) gone: the database ends it.
      await database.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(uncaught).toEqual([]);
      const error = await connection.query('SELECT 1').then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    } finally {
      process.off('uncaughtException', keep);
      await connection.end().catch(() => undefined);
    }
  });

  it('leaves the client serving: the pool drops the dead connection', async () => {
    expect(await client.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });
});
