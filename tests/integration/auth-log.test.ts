import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';

/*
 * Auth.js's errors are written as the app's own log lines (lib/auth/index.ts): what the line says
 * happened, then what Auth.js says went wrong. Driven through Auth.js's own route handler with a
 * session cookie nobody signed, which Auth.js reports as an error of its own, and the app as a
 * warning: anyone can send one.
 */

afterEach(() => {
  vi.restoreAllMocks();
});

/** What the app writes to stderr from now on (with a fresh AUTH_SECRET), and its JSON lines read. */
function capturedLog() {
  process.env.AUTH_SECRET = randomBytes(32).toString('hex');
  const written: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  const entries = () =>
    written
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { written, entries };
}

describe("Auth.js's errors in the log", () => {
  it("say a session cookie nobody signed as a warning with Auth.js's type for it, the cookie never written", async () => {
    const { written, entries } = capturedLog();
    const { handlers } = await import('../../lib/auth');
    await handlers.GET(
      new NextRequest('http://localhost/api/auth/session', {
        headers: { cookie: 'authjs.session-token=not-a-token-anyone-signed' },
      }),
    );
    // The logger writes when its import of next/headers has settled.
    await vi.waitFor(() => expect(written.join('')).toContain('Session cookie refused by Auth.js'));
    expect(entries().find((entry) => entry.message === 'Session cookie refused by Auth.js')).toMatchObject({
      level: 'warn',
      type: 'JWTSessionError',
      cause: expect.any(String),
    });
    expect(entries().filter((entry) => entry.level === 'error')).toEqual([]);
    expect(written.join('')).not.toContain('not-a-token-anyone-signed');
  });

  it('say what a request brought on itself (a form without its CSRF token) as a warning, not an error', async () => {
    const { written, entries } = capturedLog();
    const { handlers } = await import('../../lib/auth');
    await handlers.POST(
      new NextRequest('http://localhost/api/auth/callback/credentials', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=someone%40example.org&password=whatever',
      }),
    );
    await vi.waitFor(() => expect(written.join('')).toContain('Sign-in request refused by Auth.js'));
    expect(entries().find((entry) => entry.message === 'Sign-in request refused by Auth.js')).toMatchObject({
      level: 'warn',
      type: 'MissingCSRF',
    });
    expect(entries().filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('say a refusal that the server brought on itself (the sign-in check threw) as an error, with its cause', async () => {
    const { written, entries } = capturedLog();
    const { logAuthError } = await import('../../lib/auth');
    const { AccessDenied, InvalidCheck } = await import('@auth/core/errors');
    // What Auth.js throws when the signIn callback throws (a GitHub sign-in with the database away),
    // and when it refuses (no account for that email): only the first is the server's.
    // (Its types say a string; at run time it passes the error thrown.)
    logAuthError(new AccessDenied(new Error("Can't reach database server") as unknown as string));
    logAuthError(new AccessDenied('AccessDenied'));
    // A stale tab's missing state cookie: Auth.js wraps what it found in InvalidCheck, the client's doing.
    logAuthError(new InvalidCheck('state value could not be parsed.', { cause: new Error('cookie was missing') }));
    await vi.waitFor(() => expect(entries()).toHaveLength(3));
    expect(written.join('')).toContain('Sign-in failed in Auth.js');
    expect(entries()).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'Sign-in failed in Auth.js',
        type: 'AccessDenied',
        cause: "Can't reach database server",
      }),
      expect.objectContaining({ level: 'warn', message: 'Sign-in request refused by Auth.js', type: 'AccessDenied' }),
      expect.objectContaining({ level: 'warn', message: 'Sign-in request refused by Auth.js', type: 'InvalidCheck' }),
    ]);
  });

  it('say a session cookie that does not decrypt as a warning, and a session read that failed otherwise as an error', async () => {
    const { entries } = capturedLog();
    const { logAuthError } = await import('../../lib/auth');
    const { JWTSessionError } = await import('@auth/core/errors');
    // As the token library throws them: made up ("Invalid Compact JWE"), or sealed with another
    // secret; then the database away.
    const tokenError = (message: string, code: string) => Object.assign(new Error(message), { code });
    logAuthError(new JWTSessionError(tokenError('Invalid Compact JWE', 'ERR_JWE_INVALID') as unknown as string));
    logAuthError(
      new JWTSessionError(tokenError('decryption operation failed', 'ERR_JWE_DECRYPTION_FAILED') as unknown as string),
    );
    logAuthError(new JWTSessionError(new Error("Can't reach database server") as unknown as string));
    await vi.waitFor(() => expect(entries()).toHaveLength(3));
    expect(entries()).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: 'Session cookie refused by Auth.js',
        cause: 'Invalid Compact JWE',
      }),
      expect.objectContaining({ level: 'warn', message: 'Session cookie refused by Auth.js' }),
      expect.objectContaining({
        level: 'error',
        message: 'Sign-in failed in Auth.js',
        cause: "Can't reach database server",
      }),
    ]);
  });
});
