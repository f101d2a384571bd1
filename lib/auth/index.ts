import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import { z } from 'zod';
import { db } from '../db';
import { verifyCredentials } from './credentials';
import { githubSignIn, verifiedGithubEmails } from './github';
import { endSessionsOnSignOut } from './sign-out';
import { clientAddressIn } from '../client-address';
import { logger as appLog } from '../log';

const github = githubSignIn();

class RateLimited extends CredentialsSignin {
  code = 'rate-limited';
}

class Unavailable extends CredentialsSignin {
  code = 'unavailable';
}

/** A session with the moment it began (the JWT's `signedInAt`). */
export type SessionWithStart = { signedInAt?: number };

/**
 * However busy, a session ends this long after its sign-in (the cookie's own life, eight hours,
 * starts again as a signed-in page is used: components/forms/session-renewal.tsx): a cookie
 * copied or taken is not good for ever. The jwt callback below ends it, so `auth()` (and
 * `currentUser`, lib/auth/session.ts) find no session.
 */
export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** Auth.js's errors that a request brings on itself (its `type`s). */
const REQUEST_ERRORS = new Set([
  'MissingCSRF',
  'UnknownAction',
  'InvalidProvider',
  'InvalidCallbackUrl',
  'InvalidCheck',
  'AccessDenied',
]);

/**
 * One of Auth.js's errors as the app's log line. What a client sent wrong (no CSRF token, an
 * unknown provider or action, a sign-in refused) is no fault of the server's, and anyone can send
 * it: a warning, not an error to be woken for; but an AccessDenied carrying an error of the
 * server's own (the signIn callback threw: the database or GitHub away) is one.
 */
export function logAuthError(error: Error): void {
  if ((error as { type?: string }).type === 'CredentialsSignin') return;
  // Auth.js keeps the error behind its own in `cause.err`; others keep theirs in `cause`.
  const cause = error.cause as { err?: unknown } | Error | undefined;
  const inner = cause instanceof Error ? cause : cause?.err instanceof Error ? cause.err : undefined;
  // Auth.js's own name for what failed: the production build shortens class names.
  const type = (error as { type?: string }).type ?? error.name;
  // (Only AccessDenied: Auth.js wraps a client's missing or stale cookie in InvalidCheck with a cause too.)
  if (REQUEST_ERRORS.has(type) && !(type === 'AccessDenied' && inner))
    return void appLog.warn('Sign-in request refused by Auth.js', { type, detail: error.message });
  // A session cookie that does not decrypt (made up, cut short, or sealed with a secret since
  // changed) is the client's to send and anyone's to make: the request goes on signed out. Its
  // cookie is never logged. The session read failing for another cause (the database away) is an error.
  if (type === 'JWTSessionError' && unreadableToken(inner))
    return void appLog.warn('Session cookie refused by Auth.js', { type, cause: inner?.message });
  void appLog.error('Sign-in failed in Auth.js', { type, detail: error.message, cause: inner?.message });
}

/** Whether the error is the token's (jose's codes for a JWT or JWE that does not read, or no key for it). */
function unreadableToken(error: Error | undefined): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    (typeof code === 'string' && /^ERR_(JWE|JWT|JWS|JOSE)_/.test(code)) ||
    error?.message === 'no matching decryption secret'
  );
}

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });

/*
 * Auth.js v5. Email and password always; GitHub (or a GitHub Enterprise Server) when
 * AUTH_GITHUB_ID and AUTH_GITHUB_SECRET are set (lib/auth/github.ts), only for people an admin
 * has already given an account with that email. Sessions are
 * JWTs holding the user id only: the role and whether the account is disabled are read from the
 * database on every check (lib/auth/session.ts), so a change takes effect at once.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  // Auth.js's own pages are not used: refusals (an OAuth account without a Counterweight account)
  // come back to the sign-in form; its sign-out page leads to the editors' page, whose header signs out.
  pages: { signIn: '/sign-in', error: '/sign-in', signOut: '/editor' },
  // Auth.js's messages as the app's own log lines (with the request id). A refused sign-in (a wrong
  // password, a limit reached) is no error of the server's: the audit log keeps it, and it is not
  // written out with a stack trace every time.
  logger: {
    error: logAuthError,
    warn(code) {
      void appLog.warn('Auth.js warning', { code });
    },
    debug() {},
  },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        // The address the request came from, as the production server worked it out (lib/client-address.ts).
        const address = clientAddressIn(request.headers);
        // The database being away is not a wrong password: say so, on the sign-in form.
        const result = await verifyCredentials(parsed.data.email, parsed.data.password, address).catch(
          (error: unknown) => {
            // Said on the form as "unavailable"; what went wrong is for the log (the logger below leaves refusals out).
            void appLog.error('Sign-in could not check the password', { error });
            throw new Unavailable();
          },
        );
        if (!result.ok && result.reason === 'rate-limited') throw new RateLimited();
        return result.ok ? result.user : null;
      },
    }),
    ...(github ? [GitHub(github.enterprise ? { enterprise: { baseUrl: github.baseUrl } } : {})] : []),
  ],
  events: {
    // Every way of signing out ends the person's sessions everywhere, Auth.js's own sign-out page too.
    async signOut(message) {
      if ('token' in message) await endSessionsOnSignOut(message.token);
    },
  },
  callbacks: {
    async signIn({ user, account }) {
      if (account?.provider === 'credentials') return true;
      // Only an address GitHub says its owner verified may match an account.
      const email = user.email?.toLowerCase();
      const verified =
        account?.provider === 'github' && account.access_token && email
          ? (await verifiedGithubEmails(account.access_token)).includes(email)
          : false;
      const existing =
        email && verified
          ? await db.user.findUnique({ where: { email }, select: { id: true, disabledAt: true } })
          : null;
      const allowed = Boolean(existing && !existing.disabledAt);
      await db.auditEvent.create({
        data: {
          kind: allowed ? 'SIGN_IN' : 'SIGN_IN_FAILED',
          userId: existing?.id ?? null,
          email: user.email ?? null,
          details: { provider: account?.provider, ...(email && !verified ? { reason: 'email not verified' } : {}) },
        },
      });
      return allowed;
    },
    async jwt({ token, user, account }) {
      const began = typeof token.signedInAt === 'number' ? token.signedInAt : 0;
      if (!user && Date.now() - began > SESSION_LIFETIME_MS) return null;
      // When the session began, to the millisecond: sign-out ends the sessions begun before it (lib/auth/session.ts).
      if (user) token.signedInAt = Date.now();
      if (user && account?.provider === 'credentials') token.uid = user.id;
      else if (user?.email && account) {
        const existing = await db.user.findUnique({ where: { email: user.email.toLowerCase() }, select: { id: true } });
        token.uid = existing?.id;
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === 'string') session.user.id = token.uid;
      if (typeof token.signedInAt === 'number') (session as SessionWithStart).signedInAt = token.signedInAt;
      return session;
    },
  },
});
