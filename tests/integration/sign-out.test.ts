import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { createUser } from '@/lib/records/users';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/*
 * Signing out ends every session of the person (docs/decisions/008), whichever way it is done: the
 * site's own button, or the sign-out page Auth.js serves itself at /api/auth/signout, which anyone
 * who knows Auth.js may use. Driven here through Auth.js's own route handler, as a browser would.
 */

const SECRET = randomBytes(32).toString('hex');
const COOKIE = 'authjs.session-token';
let database: TestDatabase;
let userId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = SECRET;
  ({ id: userId } = await createUser(database.client, {
    email: 'leaving@test.example',
    name: 'Leaving',
    role: 'EDITOR',
    password: 'a-long-test-password',
  }));
});

afterAll(async () => {
  const { db } = await import('../../lib/db');
  await db.$disconnect();
  await database.drop();
});

/** A session cookie as Auth.js writes it after a sign-in at `signedInAt`. */
const sessionCookie = (signedInAt: number) =>
  encode({ secret: SECRET, salt: COOKIE, token: { sub: userId, uid: userId, signedInAt }, maxAge: 8 * 60 * 60 });

/** Auth.js's sign-out form sent with this session: its CSRF cookie (a token and its hash) and the token. */
async function signOutWith(session: string) {
  const { handlers } = await import('../../lib/auth');
  const csrf = randomBytes(32).toString('hex');
  const hash = createHash('sha256').update(`${csrf}${SECRET}`).digest('hex');
  const response = await handlers.POST(
    new NextRequest('http://localhost/api/auth/signout', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `${COOKIE}=${session}; authjs.csrf-token=${csrf}|${hash}`,
      },
      body: new URLSearchParams({ csrfToken: csrf }).toString(),
    }),
  );
  // The cookie is cleared in any case.
  expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith(`${COOKIE}=;`))).toBe(true);
}

const sessionsValidFrom = async () =>
  (
    await database.query<{ from: Date | null }>('SELECT sessions_valid_from AS "from" FROM users WHERE id = $1', [
      userId,
    ])
  )[0]?.from ?? null;

describe('signing out through Auth.js’s own sign-out page', () => {
  it('ends every session of the person, as the site’s button does', async () => {
    const signedInAt = Date.now() - 60_000;
    await signOutWith(await sessionCookie(signedInAt));
    const from = await sessionsValidFrom();
    expect(from).not.toBeNull();
    // A copy of that session kept elsewhere began before this: it counts for nothing (lib/auth/session.ts).
    expect(from!.getTime()).toBeGreaterThan(signedInAt);
  });

  it('a copy of a session that has ended already signs nobody out', async () => {
    const ended = new Date(Date.now() - 60_000);
    await database.query('UPDATE users SET sessions_valid_from = $2 WHERE id = $1', [userId, ended]);
    await signOutWith(await sessionCookie(ended.getTime() - 1000));
    expect(await sessionsValidFrom()).toEqual(ended);
  });
});

describe('Auth.js’s own sign-out page', () => {
  it('is not served: it leads to the editors’ page, whose header signs out', async () => {
    const { handlers } = await import('../../lib/auth');
    const response = await handlers.GET(new NextRequest('http://localhost/api/auth/signout'));
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get('location') ?? '', 'http://localhost').pathname).toBe('/editor');
  });
});
