import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth, committedMigrations, type RawQuery } from '../../lib/health';
import { formatLogLine, redact } from '../../lib/log';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let database: TestDatabase;
let pool: pg.Pool;
const query: RawQuery = async <T>(sql: string) => (await pool.query(sql)).rows as T[];

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

describe('health checks', () => {
  it('reports ok when the database answers and every committed migration finished', async () => {
    expect(committedMigrations().length).toBeGreaterThan(0);
    const { report } = await checkHealth(query);
    expect(report).toEqual({ status: 'ok', database: 'reachable', migrations: 'current' });
  });

  it('reports the migrations behind, by name, when one is missing or was rolled back', async () => {
    const [first, last] = [committedMigrations()[0], committedMigrations().at(-1)];
    const [saved] = await database.query(`SELECT * FROM _prisma_migrations WHERE migration_name = $1`, [last]);
    await database.query(`DELETE FROM _prisma_migrations WHERE migration_name = $1`, [last]);
    await database.query(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1`, [first]);
    try {
      const { report } = await checkHealth(query);
      expect(report).toEqual({
        status: 'unavailable',
        database: 'reachable',
        migrations: 'behind',
        missing: [first, last],
      });
    } finally {
      await database.query(`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = $1`, [first]);
      const columns = Object.keys(saved as object);
      await database.query(
        `INSERT INTO _prisma_migrations (${columns.join(', ')}) VALUES (${columns.map((_c, i) => `$${i + 1}`).join(', ')})`,
        Object.values(saved as object),
      );
    }
    expect((await checkHealth(query)).report.status).toBe('ok');
  });

  it('reports a database without the migrations table as behind on all of them', async () => {
    const { report } = await checkHealth(async <T>(sql: string) => {
      if (sql.includes('_prisma_migrations')) {
        throw Object.assign(new Error('relation "_prisma_migrations" does not exist'), { code: '42P01' });
      }
      return [] as T[];
    });
    expect(report.migrations).toBe('behind');
    expect(report.missing).toEqual(committedMigrations());
  });

  it("reads the committed migrations from the app's folder the server serves, not the folder it was started in", async () => {
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'counterweight-app-'));
    fs.cpSync(path.resolve('prisma', 'migrations'), path.join(app, 'prisma', 'migrations'), { recursive: true });
    fs.mkdirSync(path.join(app, 'prisma', 'migrations', '29991231000000_not_applied_here'));
    process.env.COUNTERWEIGHT_APP_DIR = app;
    try {
      const { report } = await checkHealth(query);
      expect(report).toEqual({
        status: 'unavailable',
        database: 'reachable',
        migrations: 'behind',
        missing: ['29991231000000_not_applied_here'],
      });
    } finally {
      delete process.env.COUNTERWEIGHT_APP_DIR;
      fs.rmSync(app, { recursive: true, force: true });
    }
  });

  it('fails closed when the committed migrations cannot be read, or there are none', async () => {
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'counterweight-app-'));
    try {
      const missing = await checkHealth(query, { root: app });
      expect(missing.report).toEqual({
        status: 'unavailable',
        database: 'reachable',
        migrations: 'unknown',
        reason: "The app's committed migrations (prisma/migrations) cannot be read (ENOENT).",
      });
      expect(missing.error).toBeDefined();
      fs.mkdirSync(path.join(app, 'prisma', 'migrations'), { recursive: true });
      const empty = await checkHealth(query, { root: app });
      expect(empty.report).toEqual({
        status: 'unavailable',
        database: 'reachable',
        migrations: 'unknown',
        reason: "The app's folder of committed migrations (prisma/migrations) holds none.",
      });
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });

  it('reports an unreachable database quickly, without throwing', async () => {
    const closed = new pg.Pool({
      connectionString: 'postgresql://u:p@127.0.0.1:1/none',
      connectionTimeoutMillis: 1000,
    });
    const started = performance.now();
    const { report, error } = await checkHealth(async <T>(sql: string) => (await closed.query(sql)).rows as T[]);
    await closed.end();
    expect(report).toEqual({ status: 'unavailable', database: 'unreachable', migrations: 'unknown' });
    expect(error).toBeDefined();
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('gives up on a database that does not answer after the timeout', async () => {
    const started = performance.now();
    const { report } = await checkHealth(() => new Promise(() => undefined), { timeoutMs: 300 });
    expect(report.database).toBe('unreachable');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('structured logs', () => {
  it('writes one JSON line with time, level, message, request id and context', () => {
    const line = formatLogLine('error', 'health check failed', { route: '/api/health' }, 'req-1');
    expect(line).not.toContain('\n');
    const entry = JSON.parse(line) as Record<string, unknown>;
    expect(entry).toMatchObject({
      level: 'error',
      message: 'health check failed',
      requestId: 'req-1',
      route: '/api/health',
    });
    expect(new Date(entry.time as string).toString()).not.toBe('Invalid Date');
  });

  it('removes secret keys at any depth and passwords in connection strings', () => {
    const line = formatLogLine('info', 'connecting to postgresql://me:hunter2@db.example.org:5432/cw', {
      password: 'p1',
      user: { passwordHash: '$2b$12$abc', email: 'a@b.c', sessionToken: 't' },
      headers: { Authorization: 'Bearer x', Cookie: 'authjs.session-token=y', accept: 'text/html' },
      env: { DATABASE_URL: 'postgres://u:pw@h/d', CLIENT_SECRET: 's' },
      error: new Error('connect to postgres://app:s3cret@10.0.0.1/db failed'),
      list: ['postgresql://x:y@z/w'],
    });
    for (const secret of [
      'p1',
      'hunter2',
      '$2b$12$abc',
      'Bearer x',
      'session-token=y',
      'pw@',
      's3cret',
      'x:y@',
      '"t"',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('a@b.c');
    expect(line).toContain('text/html');
    expect(line).toContain('postgresql://me:[redacted]@db.example.org:5432/cw');
    expect(redact({ nested: { token: 1 } })).toEqual({ nested: { token: '[redacted]' } });
  });
});
