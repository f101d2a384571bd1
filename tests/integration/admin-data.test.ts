import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NotAllowed, type SessionUser } from '@/lib/auth/roles';
import {
  changeRole,
  createAccount,
  listAuditEvents,
  mergeCompanies,
  mergedCompanyTarget,
  previewCompanyMerge,
  previewOrganizationMerge,
  previewTermMerge,
  setDisabled,
  setPassword,
  survivingCompanySlug,
} from '@/lib/data/admin';
import { getRecord, listRecords } from '@/lib/data/open-data';
import { companyFamily } from '@/lib/data/company-figures';
import { listRevisions } from '@/lib/data/review';
import { readState } from '@/lib/data/record-state';
import { verifyCredentials, LIMITS } from '@/lib/auth/credentials';
import { auditDetailsLabel } from '@/lib/labels';
import { createUser } from '@/lib/records/users';
import { changeOwnPassword } from '@/lib/data/account';
import { ChangeRejected } from '@/lib/data/changes';
import { incidentList } from '@/lib/public-data';
import { withDemoDatabase } from '../helpers/data-layer';

const database = withDemoDatabase();
let admin: SessionUser;
let editor: SessionUser;

beforeAll(async () => {
  const made = async (key: string, role: 'EDITOR' | 'ADMIN') => {
    const email = `${key}@test.example`;
    const { id } = await createUser(database().client, { email, name: key, role, password: 'a-long-test-password' });
    return { id, email, name: key, role };
  };
  admin = await made('admin', 'ADMIN');
  editor = await made('editor', 'EDITOR');
});

const one = async <T extends Record<string, unknown>>(sql: string, values?: unknown[]) =>
  (await database().query<T>(sql, values))[0] as T;

/** A donation response's form: a rejected gift in US dollars from a company to an organisation, named either way. */
const donationForm = (company: { id: string }, organization: object, fields: Record<string, unknown>) => ({
  company,
  organization,
  date: '2019-03',
  response: 'REJECTED',
  currency: 'USD',
  amountUndisclosed: false,
  ...fields,
});

describe('accounts', () => {
  it('only admins change roles; the change and its author go to the audit log', async () => {
    await expect(changeRole(editor, { userId: admin.id, role: 'EDITOR' })).rejects.toThrow(/Only admins/);
    await changeRole(admin, { userId: editor.id, role: 'REVIEWER', address: '203.0.113.7' });
    expect(await one(`SELECT role FROM users WHERE id = $1`, [editor.id])).toEqual({ role: 'REVIEWER' });
    // With the address it was made from, as a sign-in is: a step taken from a stolen session can be traced.
    expect(
      await one(`SELECT actor_id, ip, details FROM audit_events WHERE kind = 'ROLE_CHANGED' AND user_id = $1`, [
        editor.id,
      ]),
    ).toEqual({
      actor_id: admin.id,
      ip: '203.0.113.7',
      details: { from: 'EDITOR', to: 'REVIEWER' },
    });
    await expect(changeRole(admin, { userId: admin.id, role: 'EDITOR' })).rejects.toThrow(/your own role/);
    // The same role again is refused, and logs nothing.
    await expect(changeRole(admin, { userId: editor.id, role: 'REVIEWER' })).rejects.toThrow(
      'That is the account’s role already (reviewer): nothing was changed.',
    );
    expect(
      await one(`SELECT count(*)::int AS n FROM audit_events WHERE kind = 'ROLE_CHANGED' AND user_id = $1`, [
        editor.id,
      ]),
    ).toEqual({ n: 1 });
    // Admins read the log on their page: the change, on whom, by whom.
    const {
      events: [latest],
    } = await listAuditEvents(admin);
    expect(latest).toMatchObject({ kind: 'ROLE_CHANGED', account: editor.email, actor: admin.email });
    // Narrowed to the changes to accounts, sign-ins are left out; a page past the end is empty.
    expect((await verifyCredentials(editor.email, 'a-long-test-password', 'test-audit')).ok).toBe(true);
    expect((await listAuditEvents(admin)).events[0]).toMatchObject({ kind: 'SIGN_IN', account: editor.email });
    const accounts = await listAuditEvents(admin, { group: 'accounts' });
    expect(accounts.events.length).toBeGreaterThan(0);
    expect(accounts.events.every((event) => event.kind !== 'SIGN_IN')).toBe(true);
    expect(accounts.events.map((event) => event.kind)).toContain('ROLE_CHANGED');
    // A page past the end says how many there are.
    const { n } = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events
       WHERE kind IN ('USER_CREATED', 'ROLE_CHANGED', 'USER_DISABLED', 'USER_ENABLED', 'PASSWORD_CHANGED')`,
    );
    const pages = Math.max(1, Math.ceil(n / 100));
    expect(await listAuditEvents(admin, { group: 'accounts', page: 1000 })).toEqual({
      events: [],
      older: false,
      pages,
    });
    await expect(listAuditEvents(editor)).rejects.toThrow(/Only admins/);
  });

  it('an admin adds an account that signs in with the password chosen; bad input and a taken address change nothing', async () => {
    const accounts = async () => (await one<{ n: number }>('SELECT count(*)::int AS n FROM users')).n;
    const before = await accounts();
    const input = {
      email: ' New.Colleague@Test.example ',
      name: 'New Colleague',
      role: 'REVIEWER',
      password: 'a-long-new-password',
    };
    await expect(createAccount(editor, input)).rejects.toThrow(/Only admins/);
    const refused = async (changes: Record<string, unknown>) => {
      const error = await createAccount(admin, { ...input, ...changes }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ChangeRejected);
      return (error as ChangeRejected).fields;
    };
    expect(await refused({ email: 'not an address' })).toEqual({ email: ['Give a valid email address.'] });
    expect(await refused({ password: 'short' })).toEqual({ password: ['The password needs at least 12 characters.'] });
    // Nothing typed is too short, not 'spaces only' as well.
    expect(await refused({ password: '' })).toEqual({ password: ['The password needs at least 12 characters.'] });
    expect(await refused({ password: ' '.repeat(16) })).toEqual({
      password: ['The password cannot be spaces only: use letters, digits or signs too.'],
    });
    // bcrypt reads only a password's first 72 bytes: a longer one would be checked on its start alone
    // (36 accented letters, or 24 characters of most Asian scripts).
    for (const password of [`${'a'.repeat(72)}-the-rest`, 'é'.repeat(37), '密'.repeat(25)]) {
      expect(await refused({ password }), password).toEqual({
        password: [
          'The password can be at most 72 bytes long (72 plain letters; fewer with accents or other scripts).',
        ],
      });
    }
    // One a guesser tries first, whatever its length: one character again, a word again, a run along the keyboard or the alphabet.
    for (const password of [
      'aaaaaaaaaaaaaaaa',
      'passwordpassword',
      '123456789012',
      'Qwertyuiopas',
      'ZYXWVUTSRQPONM',
      '1qaz2wsx3edc4rfv',
    ]) {
      expect((await refused({ password })).password?.join(' '), password).toMatch(/^The password is too easy to guess/);
    }
    expect(Object.keys(await refused({ role: 'OWNER', name: '' })).sort()).toEqual(['name', 'role']);
    // What PostgreSQL cannot store is refused with a message, never a database error; a password is only hashed.
    expect(await refused({ name: 'New\u0000Colleague' })).toEqual({
      name: ['The name cannot contain NUL bytes or broken characters.'],
    });
    expect(await refused({ name: 'New \uD800 Colleague' })).toEqual({
      name: ['The name cannot contain NUL bytes or broken characters.'],
    });
    expect(await refused({ email: editor.email.toUpperCase() })).toEqual({
      email: ['An account with this email address exists already.'],
    });
    expect(await accounts()).toBe(before);

    await createAccount(admin, input, '203.0.113.8');
    expect(await accounts()).toBe(before + 1);
    const made = await one<{ id: string; role: string; name: string }>(
      'SELECT id, role, name FROM users WHERE email = $1',
      ['new.colleague@test.example'],
    );
    expect(made).toMatchObject({ role: 'REVIEWER', name: 'New Colleague' });
    expect((await verifyCredentials('new.colleague@test.example', 'a-long-new-password', 'test-new')).ok).toBe(true);
    expect(
      await one('SELECT actor_id, ip, details FROM audit_events WHERE kind = $1 AND user_id = $2', [
        'USER_CREATED',
        made.id,
      ]),
    ).toEqual({ actor_id: admin.id, ip: '203.0.113.8', details: { role: 'REVIEWER' } });
  });

  it('a person changes their own password, confirmed by the present one; their sessions end', async () => {
    const email = 'changes-password@test.example';
    const { id } = await createUser(database().client, {
      email,
      name: 'Changer',
      role: 'EDITOR',
      password: 'the-first-password',
    });
    const person = { id, email, name: 'Changer', role: 'EDITOR' as const };
    const hash = async () => (await one<{ h: string }>('SELECT password_hash AS h FROM users WHERE id = $1', [id])).h;
    const first = await hash();
    const refused = async (input: Record<string, string>, address = 'office') => {
      const error = await changeOwnPassword(person, input, address).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ChangeRejected);
      return (error as ChangeRejected).fields;
    };
    const good = { current: 'the-first-password', next: 'the-second-password', repeat: 'the-second-password' };
    expect(await refused({ ...good, current: 'not-the-password' })).toEqual({
      current: ['That is not your present password.'],
    });
    // The message says that wrong ones count as failed sign-ins, before they lock signing in.
    await expect(changeOwnPassword(person, { ...good, current: 'not-the-password' }, 'office')).rejects.toThrow(
      'That is not your present password. Wrong ones count as failed sign-ins: after 5 in 15 minutes, signing in to this account from here waits a quarter of an hour. Nothing was changed.',
    );
    expect(await refused({ ...good, next: 'short', repeat: 'short' })).toEqual({
      next: ['The password needs at least 12 characters.'],
    });
    expect((await refused({ ...good, next: '098765432109', repeat: '098765432109' })).next?.join(' ')).toMatch(
      /too easy to guess/,
    );
    expect(await refused({ ...good, repeat: 'the-second-passwort' })).toEqual({
      repeat: ['The two new passwords differ: type it again.'],
    });
    expect(await refused({ ...good, next: good.current, repeat: good.current })).toEqual({
      next: ['Choose a password other than your present one.'],
    });
    // Guessing the present password meets the sign-in's limits.
    for (let attempt = 0; attempt < LIMITS.perPair; attempt += 1)
      await refused({ ...good, current: 'guess' }, 'elsewhere');
    expect((await refused(good, 'elsewhere')).current?.[0]).toMatch(/^Too many wrong passwords lately/);
    expect(await hash()).toBe(first);

    await changeOwnPassword(person, good, 'office');
    expect(await hash()).not.toBe(first);
    expect((await verifyCredentials(email, 'the-first-password', 'office')).ok).toBe(false);
    expect((await verifyCredentials(email, 'the-second-password', 'office')).ok).toBe(true);
    const after = await one<{ ended: Date | null; actor: string }>(
      `SELECT u.sessions_valid_from AS ended, e.actor_id AS actor FROM users u
       JOIN audit_events e ON e.user_id = u.id AND e.kind = 'PASSWORD_CHANGED' WHERE u.id = $1`,
      [id],
    );
    expect(after).toEqual({ ended: expect.any(Date), actor: id });
  });

  it('an admin sets a new password for someone who forgot theirs; their sessions end', async () => {
    const email = 'forgot-password@test.example';
    const { id } = await createUser(database().client, {
      email,
      name: 'Forgetful',
      role: 'EDITOR',
      password: 'the-forgotten-password',
    });
    const state = async () =>
      one<{ h: string; ended: Date | null }>(
        'SELECT password_hash AS h, sessions_valid_from AS ended FROM users WHERE id = $1',
        [id],
      );
    const before = await state();
    await expect(setPassword(editor, { userId: id, password: 'a-password-from-an-editor' })).rejects.toThrow(
      /Only admins/,
    );
    await expect(setPassword(admin, { userId: id, password: 'short' })).rejects.toMatchObject({
      fields: { password: ['The password needs at least 12 characters.'] },
    });
    await expect(setPassword(admin, { userId: admin.id, password: 'a-new-own-password' })).rejects.toThrow(
      /your account page/,
    );
    await expect(setPassword(admin, { userId: 'no-such-account', password: 'a-long-enough-one' })).rejects.toThrow(
      'No such account.',
    );
    expect(await state()).toEqual(before);
    // They tried what they remembered until the sign-in paused them.
    for (const guess of ['forgotten-1', 'forgotten-2', 'forgotten-3', 'forgotten-4', 'forgotten-5'])
      expect(await verifyCredentials(email, guess, 'office')).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyCredentials(email, 'the-forgotten-password', 'office')).toEqual({
      ok: false,
      reason: 'rate-limited',
    });

    await setPassword(admin, { userId: id, password: 'a-password-to-hand-over' });
    expect((await state()).ended).toBeInstanceOf(Date);
    expect((await verifyCredentials(email, 'the-forgotten-password', 'office')).ok).toBe(false);
    // The new one works at once, not once the pause is over.
    expect((await verifyCredentials(email, 'a-password-to-hand-over', 'office')).ok).toBe(true);
    expect(
      await one(`SELECT actor_id, details FROM audit_events WHERE kind = 'PASSWORD_CHANGED' AND user_id = $1`, [id]),
    ).toEqual({ actor_id: admin.id, details: { failedSignInsCleared: 5 } });
  });

  it('two admins demoting or disabling each other at once leave one admin: the second finds its author no longer one', async () => {
    const made = async (key: string) => {
      const email = `${key}@test.example`;
      const { id } = await createUser(database().client, {
        email,
        name: key,
        role: 'ADMIN',
        password: 'a-long-test-password',
      });
      return { id, email, name: key, role: 'ADMIN' as const };
    };
    const [first, second] = [await made('first-admin'), await made('second-admin')];
    const outcomes = await Promise.allSettled([
      changeRole(first, { userId: second.id, role: 'EDITOR' }),
      changeRole(second, { userId: first.id, role: 'EDITOR' }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(String((outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult).reason)).toMatch(
      /Only admins/,
    );
    const roles = await database().query<{ role: string }>('SELECT role FROM users WHERE id = ANY($1)', [
      [first.id, second.id],
    ]);
    expect(roles.map((row) => row.role).sort()).toEqual(['ADMIN', 'EDITOR']);
    // The one left disables the other's account, who (signed in still) cannot disable theirs back.
    const [kept, demoted] = outcomes[0].status === 'fulfilled' ? [first, second] : [second, first];
    await changeRole(kept, { userId: demoted.id, role: 'ADMIN' });
    const disabling = await Promise.allSettled([
      setDisabled(kept, { userId: demoted.id, disabled: true }),
      setDisabled(demoted, { userId: kept.id, disabled: true }),
    ]);
    expect(disabling.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(
      await one<{ n: number }>(
        `SELECT count(*)::int AS n FROM users WHERE id = ANY($1) AND role = 'ADMIN' AND disabled_at IS NULL`,
        [[first.id, second.id]],
      ),
    ).toEqual({ n: 1 });
  });

  it('a disabled account cannot sign in, with the same message as a wrong password', async () => {
    expect((await verifyCredentials(editor.email, 'a-long-test-password', 'test-1')).ok).toBe(true);
    await setDisabled(admin, { userId: editor.id, disabled: true });
    // Its sessions end with it: enabled again, the account's old cookies stay over.
    const [{ ended }] = (await database().query<{ ended: Date | null }>(
      `SELECT sessions_valid_from AS ended FROM users WHERE id = $1`,
      [editor.id],
    )) as [{ ended: Date | null }];
    expect(ended).toBeInstanceOf(Date);
    // Disabled again (from a page left open), it is refused: the date it was disabled on stays, logged once.
    const disabledOn = async () =>
      one<{ at: Date; n: number }>(
        `SELECT disabled_at AS at, (SELECT count(*)::int FROM audit_events WHERE kind = 'USER_DISABLED' AND user_id = $1) AS n
         FROM users WHERE id = $1`,
        [editor.id],
      );
    const first = await disabledOn();
    await expect(setDisabled(admin, { userId: editor.id, disabled: true })).rejects.toThrow(
      'The account is disabled already: nothing was changed.',
    );
    expect(await disabledOn()).toEqual(first);
    expect(await verifyCredentials(editor.email, 'a-long-test-password', 'test-1')).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await verifyCredentials('nobody@test.example', 'whatever-password', 'test-1')).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await verifyCredentials(editor.email, 'not-the-password', 'test-1')).toEqual({
      ok: false,
      reason: 'invalid',
    });
    // The admins reading the audit log are told why, as the person signing in is not.
    const reasons = await database().query<{ email: string; reason: string }>(
      `SELECT email, details->>'reason' AS reason FROM audit_events
       WHERE kind = 'SIGN_IN_FAILED' AND email IN ($1, 'nobody@test.example') ORDER BY created_at DESC LIMIT 3`,
      [editor.email],
    );
    expect(reasons).toEqual([
      { email: editor.email, reason: 'the account is disabled' },
      { email: 'nobody@test.example', reason: 'no account with this address' },
      { email: editor.email, reason: 'the account is disabled (the password was right)' },
    ]);
    await setDisabled(admin, { userId: editor.id, disabled: false });
    expect((await verifyCredentials(editor.email, 'not-the-password', 'test-1')).ok).toBe(false);
    expect(
      await one(
        `SELECT details->>'reason' AS reason FROM audit_events WHERE kind = 'SIGN_IN_FAILED' AND email = $1
         ORDER BY created_at DESC LIMIT 1`,
        [editor.email],
      ),
    ).toEqual({ reason: 'wrong password' });
    await expect(setDisabled(admin, { userId: editor.id, disabled: false })).rejects.toThrow(
      'The account is enabled already: nothing was changed.',
    );
    expect(
      await one(`SELECT count(*)::int AS n FROM audit_events WHERE kind = 'USER_ENABLED' AND user_id = $1`, [
        editor.id,
      ]),
    ).toEqual({ n: 1 });
    await expect(setDisabled(admin, { userId: 'no-such-account', disabled: true })).rejects.toThrow('No such account.');
  });

  it('rate-limits failed sign-ins per account, address and both, and logs them without the password', async () => {
    const refused = { ok: false, reason: 'rate-limited' };
    const wrong = { ok: false, reason: 'invalid' };
    // The admin signs in from the office: an address the account is known at from now on.
    expect((await verifyCredentials(admin.email, 'a-long-test-password', 'office')).ok).toBe(true);
    // Someone fails as the admin from many addresses, until the account is closed to strangers…
    for (let attempt = 0; attempt < LIMITS.perAccount; attempt += 1) {
      expect(await verifyCredentials(admin.email, 'wrong-password-guess', `stranger-${attempt}`)).toEqual(wrong);
    }
    // … even with the right password, from an address it never signed in from,
    expect(await verifyCredentials(admin.email, 'a-long-test-password', 'stranger-new')).toEqual(refused);
    // but not to its owner at the office,
    expect((await verifyCredentials(admin.email, 'a-long-test-password', 'office')).ok).toBe(true);
    // where a wrong password is refused for the limits all the same, as for any account, known
    // there or not, lest the answer tell which ones are.
    expect(await verifyCredentials(admin.email, 'wrong-password-guess', 'office')).toEqual(refused);
    // Failures from the office itself close it there too, whatever it was known for.
    for (let attempt = 1; attempt < LIMITS.perPair; attempt += 1) {
      expect(await verifyCredentials(admin.email, 'wrong-password-guess', 'office')).toEqual(refused);
    }
    expect(await verifyCredentials(admin.email, 'a-long-test-password', 'office')).toEqual(refused);
    // One address failing for many accounts is closed for any account it has not signed in to.
    for (let attempt = 0; attempt < LIMITS.perAddress; attempt += 1) {
      await verifyCredentials(`guess-${attempt}@test.example`, 'wrong-password-guess', 'sprayer');
    }
    expect(await verifyCredentials(editor.email, 'a-long-test-password', 'sprayer')).toEqual(refused);
    expect((await verifyCredentials(editor.email, 'a-long-test-password', 'test-1')).ok).toBe(true);

    const logged = await database().query<{ text: string }>(`SELECT row_to_json(a)::text AS text FROM audit_events a`);
    expect(
      logged.some((row) => row.text.includes('wrong-password-guess') || row.text.includes('a-long-test-password')),
    ).toBe(false);
  });

  it('answers a wrong password alike at an address closed by the limits, whether its account is known there or not', async () => {
    const refused = { ok: false, reason: 'rate-limited' };
    // The editor signed in from a shared address (an office, a proxy), which someone then sprays.
    expect((await verifyCredentials(editor.email, 'a-long-test-password', 'shared-office')).ok).toBe(true);
    for (let attempt = 0; attempt < LIMITS.perAddress; attempt += 1) {
      await verifyCredentials(`spray-${attempt}@test.example`, 'wrong-password-guess', 'shared-office');
    }
    // A wrong password says nothing of whether the account exists, nor whether it signed in there,
    expect(await verifyCredentials('nobody-here@test.example', 'wrong-password-guess', 'shared-office')).toEqual(
      refused,
    );
    expect(await verifyCredentials(editor.email, 'wrong-password-guess', 'shared-office')).toEqual(refused);
    // Signed in already, its owner confirming a password is told it is wrong: there is nothing to hide.
    expect(await verifyCredentials(editor.email, 'wrong-password-guess', 'shared-office', { signedIn: true })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    // The account's owner, with the right one, still signs in.
    expect((await verifyCredentials(editor.email, 'a-long-test-password', 'shared-office')).ok).toBe(true);
  });

  it('counts attempts sent at once against each other: a burst gets no more guesses than the limit', async () => {
    const results = await Promise.all(
      Array.from({ length: 16 }, () => verifyCredentials('burst@test.example', 'wrong-password-guess', 'burst')),
    );
    const checked = results.filter((result) => !result.ok && result.reason === 'invalid').length;
    // (All of them refused is fine too: each may have counted the others before any was checked.)
    expect(checked).toBeLessThanOrEqual(LIMITS.perPair);
    expect(results.filter((result) => !result.ok && result.reason === 'rate-limited')).toHaveLength(16 - checked);
  });

  it('folds a flood of refused sign-ins from one address onto one line of the audit log, each counted', async () => {
    for (let attempt = 0; attempt < LIMITS.perPair; attempt += 1) {
      await verifyCredentials('flooded@test.example', 'wrong-password-guess', 'flooder');
    }
    const refused = { ok: false, reason: 'rate-limited' };
    for (let attempt = 0; attempt < 20; attempt += 1) {
      expect(await verifyCredentials('flooded@test.example', 'wrong-password-guess', 'flooder')).toEqual(refused);
    }
    // Sent at once, each still counts.
    const burst = await Promise.all(
      Array.from({ length: 10 }, () => verifyCredentials('flooded@test.example', 'wrong-password-guess', 'flooder')),
    );
    expect(burst.every((result) => !result.ok && result.reason === 'rate-limited')).toBe(true);
    const lines = await database().query<{ email: string; details: Record<string, unknown> }>(
      `SELECT email, details FROM audit_events WHERE kind = 'SIGN_IN_BLOCKED' AND details->>'block' = 'flooder'`,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]!.email).toBe('flooded@test.example');
    expect(lines[0]!.details.repeated).toBe(29);
    expect(auditDetailsLabel(lines[0]!.details)).toMatch(
      /^and 29 more from this address, the last at \d\d:\d\d:\d\d UTC$/,
    );
    // Another address gets a line of its own.
    expect(await verifyCredentials('flooded@test.example', 'wrong-password-guess', 'elsewhere')).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('clears attempts older than the limits look back at the next successful sign-in, and keeps the rest', async () => {
    await database().query(
      `INSERT INTO login_attempts (id, email, ip, succeeded, created_at)
       VALUES ('old-attempt-1', 'old@test.example', 'old', false, now() - interval '31 days'),
              ('old-attempt-2', 'old@test.example', 'old', true, now() - interval '40 days'),
              ('kept-attempt', 'old@test.example', 'old', true, now() - interval '29 days')`,
    );
    expect((await verifyCredentials(editor.email, 'wrong-password-guess', 'test-prune')).ok).toBe(false);
    expect(await one(`SELECT count(*)::int AS n FROM login_attempts WHERE email = 'old@test.example'`)).toEqual({
      n: 3,
    });
    expect((await verifyCredentials(editor.email, 'a-long-test-password', 'test-prune')).ok).toBe(true);
    expect(await database().query(`SELECT id FROM login_attempts WHERE email = 'old@test.example'`)).toEqual([
      { id: 'kept-attempt' },
    ]);
  });

  it('an email PostgreSQL cannot store (a NUL byte) is a wrong email or password, not a database failure', async () => {
    // Sign-in said "not possible right now", as when the database is away, and logged an error each time.
    for (const email of [`${editor.email}\u0000`, 'ed\u0000itor@test.example', 'x\uD800@test.example']) {
      expect(await verifyCredentials(email, 'a-long-test-password', 'test-nul'), JSON.stringify(email)).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
  });

  it('counts an IPv6 client by its /64, the block one machine is given: a new address per attempt gets no more guesses', async () => {
    const email = 'ipv6@test.example';
    for (let attempt = 1; attempt <= LIMITS.perPair; attempt += 1) {
      expect(await verifyCredentials(email, 'wrong-password-guess', `2001:db8:5:7::${attempt}`)).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
    expect(await verifyCredentials(email, 'wrong-password-guess', '2001:db8:5:7:ffff:1:2:3')).toEqual({
      ok: false,
      reason: 'rate-limited',
    });
    // Another network is another address; the audit log keeps each address as it was.
    expect((await verifyCredentials(email, 'wrong-password-guess', '2001:db8:5:8::1')).ok).toBe(false);
    expect(
      await one(
        `SELECT count(*)::int AS n FROM audit_events WHERE email = $1 AND kind = 'SIGN_IN_FAILED' AND ip = $2`,
        [email, '2001:db8:5:7::3'],
      ),
    ).toEqual({ n: 1 });
  });
});

describe('merging companies', () => {
  it('moves every link, keeps the old name as an alias, redirects, and keeps both histories', async () => {
    const { client } = database();
    const duplicate = await client.company.create({
      // Its own details: one the survivor has as it is, two it does not.
      data: {
        slug: 'salesforce-com-inc',
        name: 'Salesforce.com, Inc.',
        status: 'PUBLISHED',
        hqCountry: 'US',
        ticker: 'CRM',
        sector: 'Customer relationship software (a test)',
      },
    });
    await client.company.update({ where: { slug: 'salesforce' }, data: { hqCountry: 'US' } });
    const action = await client.employeeAction.findFirstOrThrow({ where: { externalId: '92' } });
    await client.employeeActionCompany.create({ data: { actionId: action.id, companyId: duplicate.id } });
    await client.companyStatement.create({
      data: {
        companyId: duplicate.id,
        date: new Date('2018-07-19T00:00:00Z'),
        kind: 'STATEMENT',
        summary: 'A statement filed under the duplicate.',
        status: 'PUBLISHED',
      },
    });

    // A source both cite: cited once by the survivor after the merge.
    await database().query(
      `INSERT INTO company_sources (company_id, source_id)
       SELECT $1, cs.source_id FROM company_sources cs JOIN companies c ON c.id = cs.company_id WHERE c.slug = 'salesforce' LIMIT 1`,
      [duplicate.id],
    );
    const before = await one<{ actions: string; statements: string }>(`
      SELECT (SELECT count(*) FROM employee_action_companies l JOIN companies c ON c.id = l.company_id WHERE c.slug = 'salesforce')::text AS actions,
             (SELECT count(*) FROM company_statements s JOIN companies c ON c.id = s.company_id WHERE c.slug = 'salesforce')::text AS statements`);

    // Before anything moves the admin sees what would: the shared action is counted as kept once.
    const preview = await previewCompanyMerge(admin, { fromSlug: 'salesforce-com-inc', intoSlug: 'salesforce' });
    expect(preview).toEqual({
      from: { name: 'Salesforce.com, Inc.', slug: 'salesforce-com-inc' },
      into: { name: 'Salesforce', slug: 'salesforce' },
      moves: [
        '1 employee action (1 already names Salesforce, kept once)',
        '1 statement',
        '1 cited source (1 already cited by Salesforce, kept once)',
      ],
      // Not moved, and said so: what the duplicate said of itself that the survivor does not.
      stays: ['sector: Customer relationship software (a test)', 'ticker: CRM'],
      declined: 0,
      outdated: 0,
    });
    // Either named as typed (a name with a slash, in any case) or by another name it goes by, as the
    // lists' company filter reads them.
    expect(
      await previewCompanyMerge(admin, { fromSlug: 'SALESFORCE.COM, INC.', intoSlug: 'Sales Force' }),
    ).toMatchObject({ from: { slug: 'salesforce-com-inc' }, into: { slug: 'salesforce' } });
    // A subsidiary on record is a company of its own: merging it into its parent, or its parent into
    // it, is said to be that before anything moves.
    for (const [fromSlug, intoSlug] of [
      ['youtube', 'google'],
      ['google', 'youtube'],
    ] as const) {
      expect((await previewCompanyMerge(admin, { fromSlug, intoSlug })).related).toMatch(
        /^YouTube is on record as a subsidiary of Google: a company of its own, not another name of it\./,
      );
    }
    await expect(
      previewCompanyMerge(editor, { fromSlug: 'salesforce-com-inc', intoSlug: 'salesforce' }),
    ).rejects.toThrow(/Only admins/);
    // A misspelt address is named, for either side and for both.
    await expect(
      previewCompanyMerge(admin, { fromSlug: 'salesforce-com-inc', intoSlug: 'salesfroce' }),
    ).rejects.toMatchObject({
      message: 'Check the name or address.',
      fields: { into: ['No company is named or at “salesfroce”.'] },
    });
    await expect(previewCompanyMerge(admin, { fromSlug: 'nobody', intoSlug: 'nowhere' })).rejects.toMatchObject({
      message: 'Check both names or addresses.',
      fields: { from: ['No company is named or at “nobody”.'], into: ['No company is named or at “nowhere”.'] },
    });
    await client.company.create({ data: { slug: 'salesforce-draft', name: 'Salesforce Draft', status: 'DRAFT' } });
    await expect(
      previewCompanyMerge(admin, { fromSlug: 'salesforce-com-inc', intoSlug: 'salesforce-draft' }),
    ).rejects.toMatchObject({
      fields: { into: ['“Salesforce Draft” is not published: only a published company can take in another.'] },
    });
    // Either left empty: each field says what it is for, so that the list of problems reads without their names.
    await expect(previewCompanyMerge(admin, { fromSlug: '', intoSlug: '' })).rejects.toMatchObject({
      message: 'Name the duplicate and the one to merge it into.',
      fields: {
        from: ['Name the duplicate: its name, or its address name as in its page’s address (/companies/…).'],
        into: ['Name the one to merge it into: its name, or its address name as in its page’s address (/companies/…).'],
      },
    });
    await expect(previewCompanyMerge(admin, { fromSlug: 'salesforce', intoSlug: '' })).rejects.toMatchObject({
      message: 'Name the other one too.',
    });
    await expect(mergeCompanies(admin, { fromSlug: 'salesforce', intoSlug: 'salesforce' })).rejects.toThrow(
      /two different companies/,
    );
    expect(await one(`SELECT count(*)::int AS n FROM revisions WHERE kind = 'MERGE'`)).toEqual({ n: 0 });
    await expect(mergeCompanies(editor, { fromSlug: 'salesforce-com-inc', intoSlug: 'salesforce' })).rejects.toThrow(
      /Only admins/,
    );
    const versionBefore = await one<{ version: number }>(`SELECT version FROM companies WHERE slug = 'salesforce'`);
    const movedIds = (
      await client.$queryRaw<{ id: string; type: string; version: number }[]>`
        SELECT l.action_id AS id, 'EMPLOYEE_ACTION' AS type, a.version FROM employee_action_companies l
          JOIN employee_actions a ON a.id = l.action_id WHERE l.company_id = ${duplicate.id}
        UNION ALL SELECT id, 'COMPANY_STATEMENT', version FROM company_statements WHERE company_id = ${duplicate.id}`
    ).map((row) => [row.type, row.id, row.version] as const);
    expect(movedIds).toHaveLength(2);
    const mergedAt = new Date();
    expect(await mergeCompanies(admin, { fromSlug: 'salesforce-com-inc', intoSlug: 'salesforce' })).toEqual([
      'salesforce-com-inc',
      'salesforce',
    ]);
    // The survivor changed: a form opened on it before the merge saves against a stale version.
    expect(await one(`SELECT version FROM companies WHERE slug = 'salesforce'`)).toEqual({
      version: versionBefore.version + 1,
    });

    const after = await one<{ actions: string; statements: string }>(`
      SELECT (SELECT count(*) FROM employee_action_companies l JOIN companies c ON c.id = l.company_id WHERE c.slug = 'salesforce')::text AS actions,
             (SELECT count(*) FROM company_statements s JOIN companies c ON c.id = s.company_id WHERE c.slug = 'salesforce')::text AS statements`);
    // The shared action is not doubled; the duplicate's statement moved.
    expect(after).toEqual({ actions: before.actions, statements: String(Number(before.statements) + 1) });
    expect(
      await one(`SELECT count(*)::int AS n FROM employee_action_companies WHERE company_id = $1`, [duplicate.id]),
    ).toEqual({ n: 0 });
    expect(
      await one(
        `SELECT c.slug FROM company_aliases a JOIN companies c ON c.id = a.company_id WHERE a.name = 'Salesforce.com, Inc.'`,
      ),
    ).toEqual({ slug: 'salesforce' });
    expect(await mergedCompanyTarget('salesforce-com-inc')).toBe('salesforce');
    // The open data keeps the old id and slug: the record says where it went, filters follow it.
    expect(await survivingCompanySlug('salesforce-com-inc')).toBe('salesforce');
    expect(await survivingCompanySlug('salesforce')).toBe('salesforce');
    for (const key of ['salesforce-com-inc', duplicate.id]) {
      const record = await getRecord('companies', key);
      expect(record?.mergedInto, key).toMatchObject({ slug: 'salesforce' });
    }
    expect((await listRecords('companies', {}, { limit: 500 })).records.map((record) => record.slug)).not.toContain(
      'salesforce-com-inc',
    );
    expect(
      await one(`SELECT count(*)::int AS n FROM revisions WHERE kind = 'MERGE' AND record_type = 'COMPANY'`),
    ).toEqual({
      n: 2,
    });
    // The records it moved changed then (as the API and the feeds tell), each at a new version (a form
    // opened before is stale), the merge in its history as that version, naming both companies.
    for (const [type, id, version] of movedIds) {
      const table = type === 'EMPLOYEE_ACTION' ? 'employee_actions' : 'company_statements';
      const row = await one<{ updated: Date; version: number }>(
        `SELECT updated_at AS updated, version FROM ${table} WHERE id = $1`,
        [id],
      );
      expect(row.updated.getTime(), type).toBeGreaterThanOrEqual(mergedAt.getTime() - 1000);
      expect(row.version, type).toBe(version + 1);
      const [step] = await listRevisions(type as 'EMPLOYEE_ACTION' | 'COMPANY_STATEMENT', id);
      expect(step?.reason, type).toBe('Salesforce.com, Inc. merged into Salesforce');
      expect(step, type).toMatchObject({ before: { version }, after: { version: version + 1 } });
      // The action named both: its step says so, not that it named the duplicate alone.
      expect(step?.changes, type).toEqual([
        {
          field: type === 'EMPLOYEE_ACTION' ? 'companies' : 'company',
          before: type === 'EMPLOYEE_ACTION' ? 'Salesforce\nSalesforce.com, Inc.' : 'Salesforce.com, Inc.',
          after: 'Salesforce',
        },
      ]);
    }
    // Each history says what the merge changed, in words: where the duplicate went, what came in.
    const [merged] = await listRevisions('COMPANY', duplicate.id);
    // Where it went, not an archiving a reviewer did.
    expect(merged?.changes).toEqual([{ field: 'mergedIntoId', before: null, after: 'Salesforce' }]);
    const [survivor] = await listRevisions(
      'COMPANY',
      (await one<{ id: string }>(`SELECT id FROM companies WHERE slug = 'salesforce'`)).id,
    );
    // What came in, and the name it brought: the duplicate's name is one of the survivor's other names now.
    expect(survivor?.changes.map((line) => line.field)).toEqual(['aliases', 'mergedFrom']);
    expect(survivor?.changes[1]).toEqual({ field: 'mergedFrom', before: null, after: 'Salesforce.com, Inc.' });
    const names = survivor?.changes[0];
    expect(names?.after?.split('\n')).toEqual(
      [...(names?.before?.split('\n') ?? []), 'Salesforce.com, Inc.'].toSorted(),
    );
    await expect(
      mergeCompanies(admin, { fromSlug: 'salesforce-com-inc', intoSlug: 'salesforce' }),
    ).rejects.toMatchObject({
      fields: { from: ['“Salesforce.com, Inc.” was merged into Salesforce (salesforce) already.'] },
    });
  });

  it('merges a company into its own subsidiary without making a loop of parents, and a roll-up of it ends', async () => {
    const client = database().client;
    const make = (slug: string, parentId: string | null) =>
      client.company.create({ data: { slug, name: slug.replace(/-/g, ' '), status: 'PUBLISHED', parentId } });
    const top = await make('loop-top', null);
    const middle = await make('loop-middle', top.id);
    const bottom = await make('loop-bottom', middle.id);
    await mergeCompanies(admin, { fromSlug: 'loop-top', intoSlug: 'loop-bottom' });
    // The survivor takes the duplicate's place: its former parent is now its subsidiary.
    const parents = await client.company.findMany({
      where: { id: { in: [middle.id, bottom.id] } },
      select: { slug: true, parentId: true },
    });
    expect(parents).toEqual(
      expect.arrayContaining([
        { slug: 'loop-bottom', parentId: null },
        { slug: 'loop-middle', parentId: bottom.id },
      ]),
    );
    expect((await companyFamily(bottom.id)).map((member) => member.slug)).toEqual(['loop-bottom', 'loop-middle']);
    // Each company whose parent the merge changed has the step in its history, at a new version.
    const merged = await client.revision.findMany({
      where: { recordType: 'COMPANY', recordId: { in: [middle.id, bottom.id] }, kind: 'MERGE' },
      select: { recordId: true, before: true, after: true },
    });
    expect(merged).toEqual(
      expect.arrayContaining([
        { recordId: middle.id, before: { version: 1, parentId: top.id }, after: { version: 2, parentId: bottom.id } },
        // With the version each step made, which the history names.
        {
          recordId: bottom.id,
          before: { version: 1, aliases: [], parentId: middle.id },
          after: { version: 2, mergedFrom: top.id, aliases: ['loop top'], parentId: null },
        },
      ]),
    );
    expect(merged).toHaveLength(2);
    expect((await client.company.findUniqueOrThrow({ where: { id: middle.id } })).version).toBe(2);
    // Parents in a loop (written by hand: no form makes one) still end the roll-up, each company once.
    await client.company.update({ where: { id: bottom.id }, data: { parentId: middle.id } });
    expect((await companyFamily(bottom.id)).map((member) => member.slug)).toEqual(['loop-bottom', 'loop-middle']);
    await client.company.update({ where: { id: bottom.id }, data: { parentId: null } });
  });
});

describe('a merge’s preview', () => {
  it('counts the duplicate’s other names apart from its own name, which it says becomes one', async () => {
    const client = database().client;
    const { nameKey } = await import('@/lib/text');
    const named = async (slug: string, name: string, others: string[]) =>
      client.company.create({
        data: {
          slug,
          name,
          status: 'PUBLISHED',
          aliases: { create: [name, ...others].map((alias) => ({ name: alias, key: nameKey(alias) })) },
        },
      });
    await named('quillwork-analytics', 'Quillwork Analytics', []);
    await named('quillwork-data-services', 'Quillwork Data Services', ['QDS Federal (a test)']);
    const preview = await previewCompanyMerge(admin, {
      fromSlug: 'quillwork-data-services',
      intoSlug: 'quillwork-analytics',
    });
    expect(preview.moves).toEqual(['1 other name']);
  });
});

describe('a merge of one company named twice', () => {
  it('says a name that is another name of the other one is no other company, at the field that named it so', async () => {
    const { client } = database();
    // The demo data's Amazon goes by "Amazon Web Services" and "AWS" too.
    expect(
      (await client.companyAlias.findMany({ where: { company: { slug: 'amazon' } }, select: { name: true } })).map(
        (alias) => alias.name,
      ),
    ).toEqual(expect.arrayContaining(['Amazon Web Services', 'AWS']));
    // As the form sends them, in lower case: the name is said as the company writes it.
    await expect(
      previewCompanyMerge(admin, { fromSlug: 'amazon web services', intoSlug: 'amazon' }),
    ).rejects.toMatchObject({
      fields: {
        from: ['“Amazon Web Services” is another name of Amazon, not another company: there is nothing to merge.'],
      },
    });
    await expect(previewCompanyMerge(admin, { fromSlug: 'amazon', intoSlug: 'aws' })).rejects.toMatchObject({
      fields: { into: ['“AWS” is another name of Amazon, not another company: there is nothing to merge.'] },
    });
    await expect(
      previewCompanyMerge(admin, { fromSlug: 'aws', intoSlug: 'amazon web services' }),
    ).rejects.toMatchObject({
      fields: {
        into: [
          '“AWS” and “Amazon Web Services” are both other names of Amazon, not two companies: there is nothing to merge.',
        ],
      },
    });
    // Named by its own name written otherwise and by its address, it is the same one, as before.
    const refusal = await previewCompanyMerge(admin, { fromSlug: 'amazon.', intoSlug: 'amazon' }).catch(
      (error: unknown) => error,
    );
    expect(refusal).toMatchObject({ fields: { into: ['The same as the duplicate.'] } });
    expect((refusal as { fields: object }).fields).not.toHaveProperty('from');
  });
});

describe('merges in a chain', () => {
  it('a company merged into one merged in turn leads to the last survivor, its step in its history; the migration mends older chains', async () => {
    const client = database().client;
    const make = (slug: string) =>
      client.company.create({ data: { slug, name: slug.replace(/-/g, ' '), status: 'PUBLISHED' } });
    const [first, second, last] = await Promise.all(['chain-first', 'chain-second', 'chain-last'].map(make));
    await mergeCompanies(admin, { fromSlug: 'chain-first', intoSlug: 'chain-second' });
    await mergeCompanies(admin, { fromSlug: 'chain-second', intoSlug: 'chain-last' });
    expect((await client.company.findUniqueOrThrow({ where: { id: first!.id } })).mergedIntoId).toBe(last!.id);
    // Its old record answers as a single merge's duplicate does, naming the company it is part of now.
    for (const key of ['chain-first', first!.id]) {
      expect((await getRecord('companies', key))?.mergedInto, key).toMatchObject({ slug: 'chain-last' });
    }
    expect(await mergedCompanyTarget('chain-first')).toBe('chain-last');
    const steps = await client.revision.findMany({
      where: { recordType: 'COMPANY', recordId: first!.id, kind: 'MERGE' },
      orderBy: { createdAt: 'asc' },
      select: { reason: true, before: true, after: true },
    });
    expect(steps.at(-1)).toMatchObject({
      reason: 'chain second merged into chain last',
      before: { version: 2, mergedIntoId: second!.id },
      after: { version: 3, mergedIntoId: last!.id },
    });

    // A chain left by the merges before (written by hand here), mended by the migration.
    const older = await make('chain-older');
    await client.company.update({ where: { id: older.id }, data: { mergedIntoId: second!.id, status: 'ARCHIVED' } });
    const sql = fs.readFileSync('prisma/migrations/20261205150000_merge_chains_to_survivor/migration.sql', 'utf8');
    for (const statement of sql.split(/;\s*\n/).filter((text) => text.replace(/--.*$/gm, '').trim()))
      await client.$executeRawUnsafe(statement);
    expect((await client.company.findUniqueOrThrow({ where: { id: older.id } })).mergedIntoId).toBe(last!.id);
    expect((await client.company.findUniqueOrThrow({ where: { id: first!.id } })).mergedIntoId).toBe(last!.id);
  });

  it('an organisation merged into one merged in turn leads to the last survivor', async () => {
    const client = database().client;
    const { mergeOrganizations } = await import('@/lib/data/admin');
    const make = (slug: string) =>
      client.organization.create({ data: { slug, name: slug.replace(/-/g, ' '), status: 'PUBLISHED' } });
    const [first, , last] = await Promise.all(['fund-first', 'fund-second', 'fund-last'].map(make));
    await mergeOrganizations(admin, { fromSlug: 'fund-first', intoSlug: 'fund-second' });
    await mergeOrganizations(admin, { fromSlug: 'fund-second', intoSlug: 'fund-last' });
    expect((await client.organization.findUniqueOrThrow({ where: { id: first!.id } })).mergedIntoId).toBe(last!.id);
    expect((await getRecord('organizations', 'fund-first'))?.mergedInto).toMatchObject({ slug: 'fund-last' });
  });
});

describe('changes waiting for review when a company is merged', () => {
  it('a change waiting on a company whose parent is merged since is published under the survivor, the parent not changed back', async () => {
    const { submitChange, publishChange } = await import('@/lib/data/changes');
    const { getChangeForReview } = await import('@/lib/data/review');
    const { client } = database();
    const [duplicate, survivor] = await Promise.all(
      ['Parentdup Holdings', 'Parentkeep Holdings'].map((name) =>
        client.company.create({ data: { slug: name.toLowerCase().replace(' ', '-'), name, status: 'PUBLISHED' } }),
      ),
    );
    const child = await client.company.create({
      data: { slug: 'parentdup-labs', name: 'Parentdup Labs', status: 'PUBLISHED', parentId: duplicate!.id },
    });
    const { fields, version } = (await readState(client, 'COMPANY', child.id))!;
    expect(fields.parent).toEqual({ id: duplicate!.id });
    const waiting = await submitChange({
      user: editor,
      recordType: 'COMPANY',
      recordId: child.id,
      baseVersion: version,
      payload: { ...fields, sources: [{ url: 'https://example.org/parentdup-labs' }], sector: 'Data analytics' },
    });
    await mergeCompanies(admin, { fromSlug: duplicate!.slug, intoSlug: survivor!.slug });
    // The reviewer reads the sector and the source: not a parent taken back to the company merged away.
    const diff = (await getChangeForReview(admin, waiting.id))?.diff ?? [];
    expect(diff.map((line) => line.field).sort()).toEqual(['sector', 'sources']);
    await publishChange({ user: admin, changeId: waiting.id });
    expect(
      await client.company.findUniqueOrThrow({ where: { id: child.id }, select: { parentId: true, sector: true } }),
    ).toEqual({
      parentId: survivor!.id,
      sector: 'Data analytics',
    });
  });

  it('a correction waiting on a record the merge moved is still published, on the survivor, without undoing the move', async () => {
    const { submitChange, publishChange } = await import('@/lib/data/changes');
    const { client } = database();
    const duplicate = await client.company.create({
      data: { slug: 'salesforce-dup-moved', name: 'Salesforce Dup Moved', status: 'PUBLISHED' },
    });
    const raices = await client.organization.findUniqueOrThrow({ where: { slug: 'raices' } });
    const payload = (reason: string) =>
      donationForm(
        { id: duplicate.id },
        { id: raices.id },
        {
          date: '2019-06',
          amount: '2000',
          reason,
          sources: [{ url: 'https://example.org/news/moved-by-a-merge' }],
        },
      );
    const filed = await submitChange({
      user: editor,
      recordType: 'DONATION_RESPONSE',
      payload: payload('First told.'),
    });
    const { recordId } = await publishChange({ user: admin, changeId: filed.id });
    const { version } = await client.donationResponse.findUniqueOrThrow({ where: { id: recordId } });
    const correction = await submitChange({
      user: editor,
      recordType: 'DONATION_RESPONSE',
      recordId,
      baseVersion: version,
      payload: payload('Told better.'),
    });
    await mergeCompanies(admin, { fromSlug: 'salesforce-dup-moved', intoSlug: 'salesforce' });
    expect((await client.donationResponse.findUniqueOrThrow({ where: { id: recordId } })).version).toBe(version + 1);
    expect((await client.changeRequest.findUniqueOrThrow({ where: { id: correction.id } })).baseVersion).toBe(
      version + 1,
    );
    // The reviewer reads what publishing would change: the reason, not the company the merge moved.
    const { getChangeForReview } = await import('@/lib/data/review');
    expect((await getChangeForReview(admin, correction.id))?.diff).toEqual([
      { field: expect.stringMatching(/reason/i), before: 'First told.', after: 'Told better.' },
    ]);

    await publishChange({ user: admin, changeId: correction.id });
    expect(
      await one(
        `SELECT c.slug, d.reason, d.version FROM donation_responses d JOIN companies c ON c.id = d.company_id WHERE d.id = $1`,
        [recordId],
      ),
    ).toEqual({ slug: 'salesforce', reason: 'Told better.', version: version + 2 });
  });

  it('one naming the duplicate is published on the survivor; one to the duplicate itself is declined, saying where it went', async () => {
    const { submitChange, publishChange } = await import('@/lib/data/changes');
    const { client } = database();
    const duplicate = await client.company.create({
      data: { slug: 'salesforce-inc-pending', name: 'Salesforce Inc Pending', status: 'PUBLISHED' },
    });
    const raices = await client.organization.findUniqueOrThrow({ where: { slug: 'raices' } });
    const naming = await submitChange({
      user: editor,
      recordType: 'DONATION_RESPONSE',
      payload: donationForm(
        { id: duplicate.id },
        { id: raices.id },
        {
          date: '2019-05',
          amount: '1000',
          reason: 'Filed under the duplicate before the merge.',
          sources: [{ url: 'https://example.org/news/filed-under-the-duplicate' }],
        },
      ),
    });
    // The editor's change to a company's name, waiting for review since before the merge.
    const renaming = (company: { id: string; version: number }, name: string) =>
      client.changeRequest.create({
        data: {
          recordType: 'COMPANY',
          recordId: company.id,
          baseVersion: company.version,
          payload: { name },
          authorId: editor.id,
          form: { values: { name } },
        },
      });
    const onDuplicate = await renaming(duplicate, 'Salesforce Inc Pending (renamed)');
    // And one on the survivor, written before the merge: its author revises it first, and the admin is told.
    const salesforce = await client.company.findUniqueOrThrow({ where: { slug: 'salesforce' } });
    const onSurvivor = await renaming(salesforce, 'Salesforce');
    expect(
      await previewCompanyMerge(admin, { fromSlug: 'salesforce-inc-pending', intoSlug: 'salesforce' }),
    ).toMatchObject({ declined: 1, outdated: 1 });
    await mergeCompanies(admin, { fromSlug: 'salesforce-inc-pending', intoSlug: 'salesforce' });

    expect(
      await client.changeRequest.findUniqueOrThrow({
        where: { id: onDuplicate.id },
        select: { status: true, decisionNote: true },
      }),
    ).toEqual({
      status: 'REJECTED',
      decisionNote: 'This record was merged into Salesforce (/companies/salesforce): propose the change there.',
    });
    // Its author is not offered to send it again: its record is gone, so it could only be refused.
    const { listMyChanges } = await import('@/lib/data/review');
    const { ownChange } = await import('@/lib/data/edit-forms');
    const mine = await listMyChanges(editor);
    expect(mine.find((change) => change.id === onDuplicate.id)?.recordGone).toBe(true);
    expect(mine.find((change) => change.id === naming.id)?.recordGone).toBe(false);
    // The survivor's own waiting change is said to be out of date, as the preview told the admin.
    expect((await ownChange(editor, onSurvivor.id))?.outdated).toBe(true);
    await client.changeRequest.delete({ where: { id: onSurvivor.id } });
    // What it proposed is still shown to its author, to take to the survivor.
    expect(await ownChange(editor, onDuplicate.id)).toMatchObject({
      status: 'REJECTED',
      recordGone: true,
      start: null,
      sentValues: { name: 'Salesforce Inc Pending (renamed)' },
    });
    // Not for a change that can be sent again, which reopens its form instead.
    expect((await ownChange(editor, naming.id))?.sentValues).toBeNull();
    // The reviewer reads where the company went, and the change is published there.
    const { getChangeForReview } = await import('@/lib/data/review');
    const review = await getChangeForReview(admin, naming.id);
    expect(review?.diff).toContainEqual(
      expect.objectContaining({ field: 'company', after: 'Salesforce Inc Pending (merged into Salesforce)' }),
    );
    const { recordId } = await publishChange({ user: admin, changeId: naming.id });
    expect(
      await one(`SELECT c.slug FROM donation_responses d JOIN companies c ON c.id = d.company_id WHERE d.id = $1`, [
        recordId,
      ]),
    ).toEqual({ slug: 'salesforce' });
  });
});

describe('importing contracts from the browser', () => {
  it('only reviewers import; a chosen file that is empty is called empty, not missing', async () => {
    const { importUsaspendingUpload } = await import('@/lib/data/usaspending-upload');
    const empty = new File([], 'contracts.csv', { type: 'text/csv' });
    await expect(importUsaspendingUpload(editor, empty)).rejects.toThrow(/Only reviewers/);
    await expect(importUsaspendingUpload(admin, empty)).rejects.toThrow(/The file is empty/);
    // The form sent without a file chosen.
    await expect(importUsaspendingUpload(admin, new File([], ''))).rejects.toMatchObject({
      message: 'Choose a file.',
      fields: { file: ['Choose the CSV file USAspending gave you.'] },
    });
  });

  it('lists the first twenty problems of a refused file, and counts the rest', async () => {
    const { importUsaspendingUpload } = await import('@/lib/data/usaspending-upload');
    const [header, row] = fs.readFileSync('tests/fixtures/usaspending/contracts.csv', 'utf8').split('\r\n');
    // The first row's award date, once in the row, made impossible in each of 30 copies.
    expect(row!.split(',2018-04-26,')).toHaveLength(2);
    const rows = Array.from({ length: 30 }, (_, n) =>
      row!.replaceAll('CONT_AWD_SYNTHETIC0001', `CONT_AWD_SYNTHETIC9${n}`).replace(',2018-04-26,', ',2018-02-30,'),
    );
    const file = new File([[header, ...rows, ''].join('\r\n')], 'contracts.csv', { type: 'text/csv' });
    const refusal = await importUsaspendingUpload(admin, file).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ChangeRejected);
    const { message, fields } = refusal as ChangeRejected;
    expect(message).toBe('The file has 30 problems; nothing was imported.');
    expect(fields.file).toHaveLength(21);
    expect(fields.file?.at(-1)).toBe('… and 10 more (npm run import:usaspending lists up to 100)');
  });

  it('lists the recipients waiting for a company between imports, saying which a company now matches; for reviewers only', async () => {
    const { importUsaspendingUpload, waitingRecipients } = await import('@/lib/data/usaspending-upload');
    await expect(waitingRecipients(editor)).rejects.toThrow(/Only reviewers/);
    expect(await waitingRecipients(admin)).toEqual({
      recipients: [],
      count: 0,
      rows: 0,
      setAside: { recipients: [], count: 0 },
    });
    const fixture = fs.readFileSync('tests/fixtures/usaspending/contracts.csv');
    const report = await importUsaspendingUpload(admin, new File([fixture], 'contracts.csv', { type: 'text/csv' }));
    const waiting = await waitingRecipients(admin);
    // As the import left them: each recipient its rows, those with the most first.
    expect(waiting.count).toBe(report.unmatchedRecipients.length);
    expect(waiting.rows).toBe(report.unmatchedRecipients.reduce((sum, recipient) => sum + recipient.rows, 0));
    expect(waiting.recipients.map(({ name, rows }) => ({ name, rows }))).toEqual(
      report.unmatchedRecipients.map(({ name, rows }) => ({ name, rows })),
    );
    const salesforce = waiting.recipients.find((recipient) => recipient.name === 'SALESFORCE, INC.');
    expect(salesforce).toMatchObject({
      matches: null,
      perhaps: { name: 'Salesforce', slug: 'salesforce', byParent: false },
    });
    expect(salesforce?.permalink).toMatch(/^https:\/\/www\.usaspending\.gov\/award\//);
    // Once a company has its name, it says so (and comes first): importing the file again brings its rows in.
    const company = await one<{ id: string }>(`SELECT id FROM companies WHERE slug = 'salesforce'`);
    await database().client.companyAlias.create({
      data: { companyId: company.id, name: 'SALESFORCE, INC.', key: 'salesforceinc' },
    });
    const after = await waitingRecipients(admin);
    expect(after.recipients[0]).toMatchObject({
      name: 'SALESFORCE, INC.',
      matches: { name: 'Salesforce', slug: 'salesforce' },
    });
    // A company not published would take no rows: nor is it said to match.
    await database().query(`UPDATE companies SET status = 'IN_REVIEW' WHERE id = $1`, [company.id]);
    try {
      const unpublished = (await waitingRecipients(admin)).recipients.find((r) => r.name === 'SALESFORCE, INC.');
      expect(unpublished?.matches).toBeNull();
    } finally {
      await database().query(`UPDATE companies SET status = 'PUBLISHED' WHERE id = $1`, [company.id]);
    }
    await importUsaspendingUpload(admin, new File([fixture], 'contracts.csv', { type: 'text/csv' }));
    const last = await waitingRecipients(admin);
    expect(last.count).toBe(waiting.count - 1);
    expect(last.recipients.some((recipient) => recipient.name === 'SALESFORCE, INC.')).toBe(false);
  });

  it('sets aside a recipient the record does not follow, keeps it aside through later imports, and puts it back; for reviewers only', async () => {
    const { importUsaspendingUpload, setRecipientAside, waitingRecipients } =
      await import('@/lib/data/usaspending-upload');
    const fixture = fs.readFileSync('tests/fixtures/usaspending/contracts.csv');
    const upload = () => importUsaspendingUpload(admin, new File([fixture], 'contracts.csv', { type: 'text/csv' }));
    await upload();
    const before = await waitingRecipients(admin);
    const name = before.recipients.find((recipient) => !recipient.matches)!.name;
    await expect(setRecipientAside(editor, { name, aside: true })).rejects.toThrow(/Only reviewers/);
    await setRecipientAside(admin, { name, aside: true });
    const aside = await waitingRecipients(admin);
    expect(aside.count).toBe(before.count - 1);
    expect(aside.recipients.some((recipient) => recipient.name === name)).toBe(false);
    expect(aside.setAside).toEqual({
      count: 1,
      recipients: [expect.objectContaining({ name, by: { name: admin.name, email: admin.email } })],
    });
    // Sent twice (a second tab): nothing more to do, nothing wrong.
    await setRecipientAside(admin, { name, aside: true });
    // A later file naming it leaves it aside, with its count brought up to date.
    await upload();
    expect((await waitingRecipients(admin)).setAside.recipients.map((recipient) => recipient.name)).toEqual([name]);
    // Put back, it waits again.
    await setRecipientAside(admin, { name, aside: false });
    const back = await waitingRecipients(admin);
    expect([back.count, back.setAside.count]).toEqual([before.count, 0]);
    // A name on neither list, or one no list could hold, is said so and changes nothing.
    for (const unknown of ['NO SUCH RECIPIENT', 'x\u0000y', 'x'.repeat(5000), '']) {
      await expect(setRecipientAside(admin, { name: unknown, aside: true }), unknown.slice(0, 20)).rejects.toThrow(
        /is no longer waiting/,
      );
    }
    expect(await waitingRecipients(admin)).toEqual(back);
  });

  it('lists the spellings of one recipient as one, sets them aside together, and a new spelling joins them', async () => {
    const { importUsaspendingUpload, setRecipientAside, waitingRecipients } =
      await import('@/lib/data/usaspending-upload');
    const fixture = fs.readFileSync('tests/fixtures/usaspending/contracts.csv', 'utf8');
    const upload = (text: string) =>
      importUsaspendingUpload(admin, new File([text], 'contracts.csv', { type: 'text/csv' }));
    await upload(fixture);
    const before = await waitingRecipients(admin);
    const recipient = before.recipients.find((entry) => !entry.matches && /[A-Z]{2}/.test(entry.name))!;
    expect(recipient.spellings).toEqual([]);
    // Another award to it, its name written otherwise (the same key: a company's name or alias matches both).
    const lines = fixture.split('\r\n');
    const line = lines.find((entry) => entry.includes(recipient.name))!;
    const spelledAs = (spelling: string, award: string) =>
      // Its key, and its permalink (the award's own page) with it.
      line.replace(/CONT_AWD_SYNTHETIC\d+/g, `CONT_AWD_SYNTHETIC${award}`).replace(recipient.name, spelling);
    const lower = recipient.name.toLowerCase();
    await upload([...lines.filter(Boolean), spelledAs(lower, '7001'), ''].join('\r\n'));
    const grouped = await waitingRecipients(admin);
    expect(grouped.count).toBe(before.count);
    expect(grouped.rows).toBe(before.rows + 1);
    const one = grouped.recipients.find((entry) =>
      [entry.name, ...entry.spellings.map(({ name }) => name)].includes(lower),
    )!;
    expect([one.name, ...one.spellings.map(({ name }) => name)].sort()).toEqual([recipient.name, lower].sort());
    expect(one.rows).toBe(recipient.rows + 1);
    // Set aside by one spelling, both leave the list together.
    expect(await setRecipientAside(admin, { name: lower, aside: true })).toEqual({ moved: 2 });
    const aside = await waitingRecipients(admin);
    expect(aside.count).toBe(before.count - 1);
    expect(aside.setAside.recipients).toHaveLength(1);
    expect(aside.setAside.recipients[0]?.rows).toBe(recipient.rows + 1);
    // A third spelling in a later file is aside with them.
    const title = recipient.name[0] + recipient.name.slice(1).toLowerCase();
    await upload([...lines.filter(Boolean), spelledAs(lower, '7001'), spelledAs(title, '7002'), ''].join('\r\n'));
    const later = await waitingRecipients(admin);
    expect(later.count).toBe(before.count - 1);
    expect(
      later.setAside.recipients[0]?.spellings
        .map(({ name }) => name)
        .concat(later.setAside.recipients[0]!.name)
        .sort(),
    ).toEqual([recipient.name, lower, title].sort());
    expect(await setRecipientAside(admin, { name: recipient.name, aside: false })).toEqual({ moved: 3 });
    expect((await waitingRecipients(admin)).setAside.count).toBe(0);
  });
});

describe('controlled vocabularies', () => {
  it('a renamed term keeps its old name in the history steps taken before the rename', async () => {
    const { renameTerm } = await import('@/lib/data/admin');
    const { publishChange, submitChange } = await import('@/lib/data/changes');
    const company = await one<{ id: string }>(`SELECT id FROM companies WHERE slug = 'salesforce'`);
    const term = await one<{ id: string; label: string }>(
      `SELECT id, label FROM vocabulary_terms WHERE kind = 'ACTION_FORM' AND slug = 'open-letter'`,
    );
    const sent = await submitChange({
      user: editor,
      recordType: 'EMPLOYEE_ACTION',
      payload: {
        title: 'A letter logged before its form was renamed',
        description: 'd',
        date: '2019',
        companies: [{ id: company.id }],
        formSlugs: ['open-letter'],
        sources: [{ url: 'https://example.org/letter-before-the-rename' }],
      },
    });
    const { recordId } = await publishChange({ user: admin, changeId: sent.id });
    const formsIn = async () =>
      (await listRevisions('EMPLOYEE_ACTION', recordId))
        .flatMap((revision) => revision.changes)
        .filter((line) => line.field === 'formSlugs')
        .map((line) => line.after);
    expect(await formsIn()).toEqual([term.label]);
    await renameTerm(admin, { id: term.id, label: `${term.label} (renamed)` });
    try {
      // The step before the rename says what the action was called then.
      expect(await formsIn()).toEqual([term.label]);
    } finally {
      await renameTerm(admin, { id: term.id, label: term.label });
    }
  });

  it('admins rename a term: the label changes, its address and links stay, both spellings map onto it', async () => {
    const { renameTerm } = await import('@/lib/data/admin');
    const term = async (slug: string) =>
      (
        await database().query<{ id: string; label: string; uses: number }>(
          `SELECT t.id, t.label, (SELECT count(*)::int FROM employee_action_terms l WHERE l.term_id = t.id) AS uses
           FROM vocabulary_terms t WHERE kind = 'TAG' AND slug = $1`,
          [slug],
        )
      )[0];
    const before = await term('cbp');
    expect(before?.uses).toBeGreaterThan(0);
    await expect(renameTerm(editor, { id: before!.id, label: 'Customs and Border Protection' })).rejects.toThrow(
      /Only admins/,
    );
    const updated = () =>
      database().query<{ id: string; updated: Date; version: number }>(
        `SELECT a.id, a.updated_at AS updated, a.version FROM employee_actions a
         WHERE EXISTS (SELECT 1 FROM employee_action_terms l WHERE l.action_id = a.id AND l.term_id = $1) ORDER BY a.id`,
        [before!.id],
      );
    const tagged = await updated();
    const untagged = await one<{ updated: Date }>(
      `SELECT max(updated_at) AS updated FROM employee_actions a
       WHERE NOT EXISTS (SELECT 1 FROM employee_action_terms l WHERE l.action_id = a.id AND l.term_id = $1)`,
      [before!.id],
    );
    await renameTerm(admin, { id: before!.id, label: 'Customs and Border Protection' });
    expect(await term('cbp')).toEqual({ ...before, label: 'Customs and Border Protection' });
    // Its actions read differently in the open data now: updated, their version unchanged; the others untouched.
    const renamed = await updated();
    expect(renamed.map(({ id, version }) => ({ id, version }))).toEqual(
      tagged.map(({ id, version }) => ({ id, version })),
    );
    renamed.forEach((row, index) => expect(row.updated.getTime()).toBeGreaterThan(tagged[index]!.updated.getTime()));
    expect(
      await one(
        `SELECT max(updated_at) AS updated FROM employee_actions a
         WHERE NOT EXISTS (SELECT 1 FROM employee_action_terms l WHERE l.action_id = a.id AND l.term_id = $1)`,
        [before!.id],
      ),
    ).toEqual(untagged);
    expect(
      await one(`SELECT count(*)::int AS n FROM vocabulary_aliases WHERE term_id = $1 AND key = $2`, [
        before!.id,
        'customs-and-border-protection',
      ]),
    ).toEqual({ n: 1 });
    // A filter by the address its new name would have finds it, in the API and on the site, as its own does.
    const { followMergedFilters, knownTermSlug } = await import('@/lib/data/open-data');
    expect(await knownTermSlug('TAG', 'customs-and-border-protection')).toBe('cbp');
    const asked = await followMergedFilters({ tag: 'customs-and-border-protection' });
    const byNewName = await listRecords('actions', asked, { limit: 500 });
    expect(byNewName.records.map((record) => record.id).sort()).toEqual(tagged.map((row) => row.id).sort());
    expect(await knownTermSlug('TAG', 'customs-and-border-patrol')).toBeNull();
    // The site's list says it is another spelling, not a merge.
    expect((await incidentList({ tag: 'customs-and-border-protection' }, { page: 1, perPage: 10 })).terms.tag).toEqual({
      slug: 'cbp',
      label: 'Customs and Border Protection',
      match: 'spelling',
      named: 'Customs and Border Protection',
    });
    // A term is found by the slug its label makes too ("Open letter or petition" is open-letter).
    const openLetter = await one<{ slug: string; label: string }>(
      `SELECT slug, label FROM vocabulary_terms WHERE kind = 'ACTION_FORM' AND slug = 'open-letter'`,
    );
    expect(openLetter.label).toBe('Open letter or petition');
    expect(await knownTermSlug('ACTION_FORM', 'open-letter-or-petition')).toBe('open-letter');
    expect(await one(`SELECT reason FROM revisions WHERE record_id = $1 AND kind = 'UPDATE'`, [before!.id])).toEqual({
      reason: 'Renamed “CBP” to “Customs and Border Protection”',
    });
    // Refused, each at its field: another term's name or other spelling, the same name, no name, no such term.
    const ice = await term('ice');
    await expect(renameTerm(admin, { id: ice!.id, label: 'customs and border protection' })).rejects.toMatchObject({
      fields: { label: ['“Customs and Border Protection” already has that name or spelling: merge the two instead.'] },
    });
    await expect(renameTerm(admin, { id: ice!.id, label: 'cbp' })).rejects.toMatchObject({
      fields: { label: ['“Customs and Border Protection” already has that name or spelling: merge the two instead.'] },
    });
    await expect(renameTerm(admin, { id: ice!.id, label: ice!.label })).rejects.toMatchObject({
      fields: { label: ['That is its name already.'] },
    });
    await expect(renameTerm(admin, { id: 'nonsense', label: ' ' })).rejects.toMatchObject({
      fields: { term: ['Choose a term from the list.'], label: ['Give its new name.'] },
    });
    // Named back, the term takes its first name again.
    await renameTerm(admin, { id: before!.id, label: 'CBP' });
    expect(await term('cbp')).toEqual(before);
    // Its other name, added as a new term, would be a second CBP: refused, naming the term that has it.
    const { addTerm } = await import('@/lib/data/admin');
    await expect(addTerm(admin, { kind: 'TAG', label: 'Customs and border protection' })).rejects.toMatchObject({
      fields: { label: ['This list has it already, as “CBP”.'] },
    });
    expect(await term('customs-and-border-protection')).toBeUndefined();
  });

  it('admins add a term, refuse a spelling of an existing one, and merge two terms keeping every action once', async () => {
    const { addTerm, listTermChanges, mergeTerms } = await import('@/lib/data/admin');
    await expect(addTerm(editor, { kind: 'TAG', label: 'Data centres' })).rejects.toThrow(/Only admins/);
    await addTerm(admin, { kind: 'TAG', label: 'Data centres' });
    // Said once, at the field (the form's summary repeats the field's words).
    await expect(addTerm(admin, { kind: 'TAG', label: 'data_centres' })).rejects.toMatchObject({
      message: 'The term was not added.',
      fields: { label: ['“Data centres” is already in this list.'] },
    });
    // Each problem is named at its field: a label of spaces is no label, and a list must be chosen.
    await expect(addTerm(admin, { kind: '', label: '   ' })).rejects.toMatchObject({
      fields: { kind: ['Choose a list.'], label: ['Give the new term.'] },
    });

    const ids = async (slug: string) =>
      (
        await database().query<{ id: string }>(`SELECT id FROM vocabulary_terms WHERE kind = 'TAG' AND slug = $1`, [
          slug,
        ])
      )[0]!.id;
    const ice = await ids('ice');
    const immigration = await ids('immigration');
    const expected = await one<{ n: number }>(
      `SELECT count(DISTINCT action_id)::int AS n FROM employee_action_terms WHERE term_id IN ($1, $2)`,
      [ice, immigration],
    );
    const preview = await previewTermMerge(admin, { fromId: ice, intoId: immigration });
    expect(preview).toMatchObject({ from: { name: 'ICE' }, into: { name: 'Immigration' } });
    const [iceUses, both] = [
      await one<{ n: number }>(`SELECT count(*)::int AS n FROM employee_action_terms WHERE term_id = $1`, [ice]),
      await one<{ n: number }>(
        `SELECT count(*)::int AS n FROM employee_action_terms a JOIN employee_action_terms b ON b.action_id = a.action_id AND b.term_id = $2 WHERE a.term_id = $1`,
        [ice, immigration],
      ),
    ];
    expect(both.n).toBeGreaterThan(0);
    expect(preview.moves).toEqual([`${iceUses.n} actions (${both.n} already have Immigration, kept once)`]);
    // What the preview says is what the merge does: the survivor gains the actions it did not have.
    const immigrationBefore = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM employee_action_terms WHERE term_id = $1`,
      [immigration],
    );
    expect(immigrationBefore.n + iceUses.n - both.n).toBe(expected.n);
    await expect(previewTermMerge(admin, { fromId: ice, intoId: ice })).rejects.toThrow(/two different/);
    const iceActions = (
      await database().query<{ id: string }>(`SELECT action_id AS id FROM employee_action_terms WHERE term_id = $1`, [
        ice,
      ])
    ).map((row) => row.id);
    const { at } = await one<{ at: Date }>(`SELECT now() AS at`);
    await mergeTerms(admin, { fromId: ice, intoId: immigration });
    // Every action that had the merged term counts as updated (its terms read differently now).
    const { touched } = await one<{ touched: number }>(
      `SELECT count(*)::int AS touched FROM employee_actions WHERE id = ANY($1::text[]) AND updated_at > $2`,
      [iceActions, at],
    );
    expect(touched).toBe(iceActions.length);
    expect(await one(`SELECT count(*)::int AS n FROM employee_action_terms WHERE term_id = $1`, [immigration])).toEqual(
      expected,
    );
    expect(await one(`SELECT count(*)::int AS n FROM employee_action_terms WHERE term_id = $1`, [ice])).toEqual({
      n: 0,
    });
    expect(
      await one(
        `SELECT t.slug FROM vocabulary_aliases a JOIN vocabulary_terms t ON t.id = a.term_id WHERE a.kind = 'TAG' AND a.key = 'ice'`,
      ),
    ).toEqual({ slug: 'immigration' });
    // A list's address with the merged tag is the list of the tag it was merged into, said to be
    // (the page leads to that tag's address, whose menus and title name it).
    const listed = await incidentList({ tag: 'ice' }, { page: 1, perPage: 10 });
    // Named as the tag it was, not by its address name ("ICE", not "ice"), and as the one it went into.
    expect(listed.terms.tag).toMatchObject({
      slug: 'immigration',
      match: 'merged',
      named: 'ICE',
      label: 'Immigration',
    });
    expect(listed.total).toBe((await incidentList({ tag: 'immigration' }, { page: 1, perPage: 10 })).total);
    // Merging it again (a second tab's form, say): the reason stands next to the term it is about.
    await expect(mergeTerms(admin, { fromId: ice, intoId: immigration })).rejects.toMatchObject({
      fields: { from: ['A term merged already.'] },
    });
    await expect(previewTermMerge(admin, { fromId: immigration, intoId: ice })).rejects.toMatchObject({
      fields: { into: ['A term merged already.'] },
    });
    // The merged term's name, added again, would split the actions just gathered: refused.
    await expect(addTerm(admin, { kind: 'TAG', label: 'ICE' })).rejects.toMatchObject({
      fields: { label: ['This list has it already, as “Immigration”.'] },
    });
    // Merged on into a third, the term and the one merged into it before both name the third.
    await addTerm(admin, { kind: 'TAG', label: 'Border enforcement' });
    const { id: border } = await one<{ id: string }>(
      `SELECT id FROM vocabulary_terms WHERE kind = 'TAG' AND slug = 'border-enforcement'`,
    );
    await mergeTerms(admin, { fromId: immigration, intoId: border });
    await expect(addTerm(admin, { kind: 'TAG', label: 'ICE' })).rejects.toMatchObject({
      fields: { label: ['This list has it already, as “Border enforcement”.'] },
    });
    expect(await one(`SELECT count(*)::int AS n FROM vocabulary_terms WHERE merged_into_id = $1`, [border])).toEqual({
      n: 2,
    });
    // Admins see who changed the lists, newest first (no public page shows terms' histories).
    const changes = await listTermChanges(admin);
    expect(changes.slice(0, 3).map((change) => change.what)).toEqual([
      'Merged “Immigration” (tags) into “Border enforcement”',
      'Added “Border enforcement” (tags)',
      'Merged “ICE” (tags) into “Immigration”',
    ]);
    expect(changes[0]?.by).toContain(admin.email);
    await expect(listTermChanges(editor)).rejects.toThrow(/Only admins/);
  });

  it('admins are refused a term spelt like one of the list but for hyphens, spaces and marks, or with no letter or digit, adding nothing', async () => {
    const { addTerm, renameTerm } = await import('@/lib/data/admin');
    const terms = async () => (await one<{ n: number }>(`SELECT count(*)::int AS n FROM vocabulary_terms`)).n;
    const before = await terms();
    for (const label of ['Walk-out', 'WALK OUT', 'walk.out!']) {
      await expect(addTerm(admin, { kind: 'ACTION_FORM', label }), label).rejects.toMatchObject({
        fields: { label: ['“Walkout” is already in this list.'] },
      });
    }
    for (const label of ['!!!', '???']) {
      await expect(addTerm(admin, { kind: 'TAG', label }), label).rejects.toMatchObject({
        fields: { label: [`“${label}” has no letters or digits to recognise it by.`] },
      });
    }
    const strike = await one<{ id: string }>(
      `SELECT id FROM vocabulary_terms WHERE kind = 'ACTION_FORM' AND slug <> 'walkout' AND merged_into_id IS NULL LIMIT 1`,
    );
    await expect(renameTerm(admin, { id: strike.id, label: 'Walk-Out' })).rejects.toMatchObject({
      fields: { label: ['“Walkout” already has that name or spelling: merge the two instead.'] },
    });
    await expect(renameTerm(admin, { id: strike.id, label: '—' })).rejects.toMatchObject({
      fields: { label: ['“—” has no letters or digits to recognise it by.'] },
    });
    // Nor one that would read backwards on every page listing it.
    await expect(addTerm(admin, { kind: 'TAG', label: 'Sit\u202Eni' })).rejects.toMatchObject({
      fields: { label: [expect.stringMatching(/^The term cannot contain invisible text-direction controls/)] },
    });
    expect(await terms()).toBe(before);
  });

  it('admins add terms written in other scripts, each under a slug of its own', async () => {
    const { addTerm } = await import('@/lib/data/admin');
    await addTerm(admin, { kind: 'TAG', label: 'Забастовка' });
    await addTerm(admin, { kind: 'TAG', label: 'Протест' });
    await addTerm(admin, { kind: 'TAG', label: '罢工' });
    expect(
      await database().query(
        `SELECT slug, label FROM vocabulary_terms WHERE kind = 'TAG' AND label IN ('Забастовка', 'Протест', '罢工') ORDER BY slug`,
      ),
    ).toEqual([
      { slug: 'bagong', label: '罢工' },
      { slug: 'protest', label: 'Протест' },
      { slug: 'zabastovka', label: 'Забастовка' },
    ]);
    // The same word again, in capitals, is the term added already.
    await expect(addTerm(admin, { kind: 'TAG', label: 'ЗАБАСТОВКА' })).rejects.toMatchObject({
      fields: { label: ['“Забастовка” is already in this list.'] },
    });
  });
});

describe('account forms given an account id that is none', () => {
  it('refuse it as no such account, not with an error page', async () => {
    for (const userId of ['no-such-account', 'a\u0000b', 'x\uD800y', "' OR 1=1 --"]) {
      for (const [what, work] of [
        ['role', () => changeRole(admin, { userId, role: 'EDITOR' })],
        ['disable', () => setDisabled(admin, { userId, disabled: true })],
        ['password', () => setPassword(admin, { userId, password: 'a-long-enough-password' })],
      ] as const) {
        await expect(work(), `${what} ${JSON.stringify(userId)}`).rejects.toThrow('No such account.');
      }
    }
  });
});

describe('merge forms given text PostgreSQL cannot store', () => {
  it('refuse it with a message on the field, not an error page', async () => {
    const refusal = (work: Promise<unknown>) =>
      work.then(
        () => null,
        (error: unknown) => (error instanceof ChangeRejected ? error.fields : error),
      );
    for (const text of ['sales\u0000force', 'x\uD800y']) {
      for (const preview of [previewCompanyMerge, previewOrganizationMerge, mergeCompanies]) {
        expect(await refusal(preview(admin, { fromSlug: text, intoSlug: 'google' })), preview.name).toEqual({
          from: ['The address cannot contain NUL bytes or broken characters.'],
        });
      }
      const term = await one<{ id: string }>(`SELECT id FROM vocabulary_terms WHERE merged_into_id IS NULL LIMIT 1`);
      for (const fields of [
        { fromId: text, intoId: term.id },
        { fromId: term.id, intoId: text },
      ]) {
        const field = fields.fromId === text ? 'from' : 'into';
        expect(await refusal(previewTermMerge(admin, fields))).toMatchObject({
          [field]: ['Choose a term from the list.'],
        });
      }
    }
    // Neither term chosen: both fields are said at once.
    expect(await refusal(previewTermMerge(admin, { fromId: '', intoId: '' }))).toEqual({
      from: ['Choose a term from the list.'],
      into: ['Choose the term to merge it into.'],
    });
  });
});

describe('merging organizations', () => {
  it('publishes a proposal that named a new organisation, created and merged meanwhile, on the survivor', async () => {
    const { mergeOrganizations } = await import('@/lib/data/admin');
    const { publishChange, submitChange } = await import('@/lib/data/changes');
    const { client } = database();
    const company = await client.company.findUniqueOrThrow({ where: { slug: 'google' } });
    const proposed = await submitChange({
      user: editor,
      recordType: 'DONATION_RESPONSE',
      payload: donationForm(
        { id: company.id },
        { newName: 'Relief Fund Duplicate' },
        {
          amount: '500',
          sources: [{ url: 'https://example.org/relief-fund-duplicate' }],
        },
      ),
    });
    await client.organization.create({
      data: { slug: 'relief-fund-duplicate', name: 'Relief Fund Duplicate', status: 'PUBLISHED' },
    });
    await mergeOrganizations(admin, { fromSlug: 'relief-fund-duplicate', intoSlug: 'raices' });
    const published = await publishChange({ user: admin, changeId: proposed.id });
    const survivor = await client.organization.findUniqueOrThrow({ where: { slug: 'raices' } });
    expect(await one(`SELECT organization_id FROM donation_responses WHERE id = $1`, [published.recordId])).toEqual({
      organization_id: survivor.id,
    });
  });

  it('moves donation responses and citations to the survivor and archives the duplicate', async () => {
    const { mergeOrganizations } = await import('@/lib/data/admin');
    const { client } = database();
    const duplicate = await client.organization.create({
      data: { slug: 'raices-texas', name: 'RAICES Texas', status: 'PUBLISHED' },
    });
    const company = await client.company.findUniqueOrThrow({ where: { slug: 'google' } });
    const moved = await client.donationResponse.create({
      data: {
        companyId: company.id,
        organizationId: duplicate.id,
        response: 'RETURNED',
        amountUndisclosed: true,
        status: 'PUBLISHED',
      },
    });
    await expect(mergeOrganizations(editor, { fromSlug: 'raices-texas', intoSlug: 'raices' })).rejects.toThrow(
      /Only admins/,
    );
    expect(await previewOrganizationMerge(admin, { fromSlug: 'raices-texas', intoSlug: 'raices' })).toEqual({
      from: { name: 'RAICES Texas', slug: 'raices-texas' },
      into: { name: 'Refugee and Immigrant Center for Education and Legal Services', slug: 'raices' },
      moves: ['1 donation response'],
      stays: [],
      declined: 0,
      outdated: 0,
    });
    // Named by its name, as the admin reads it on its page (the form's text comes in lower case).
    expect(await previewOrganizationMerge(admin, { fromSlug: 'raices texas', intoSlug: 'raices' })).toMatchObject({
      from: { slug: 'raices-texas' },
      into: { slug: 'raices' },
    });
    // Or by its acronym, as the incident forms find it.
    const acronymed = await client.organization.create({
      data: { slug: 'texas-relief-network', name: 'Texas Relief Network', acronym: 'TRN', status: 'PUBLISHED' },
    });
    expect(await previewOrganizationMerge(admin, { fromSlug: 'trn', intoSlug: 'RAICES' })).toMatchObject({
      from: { slug: 'texas-relief-network' },
      into: { slug: 'raices' },
    });
    // Named twice, once by its acronym, it is said to be one organisation.
    await expect(
      previewOrganizationMerge(admin, { fromSlug: 'trn', intoSlug: 'texas-relief-network' }),
    ).rejects.toMatchObject({
      fields: {
        from: ['“TRN” is another name of Texas Relief Network, not another organization: there is nothing to merge.'],
      },
    });
    await client.organization.delete({ where: { id: acronymed.id } });
    // One record named twice, by its name and its address, is not merged into itself.
    await expect(
      previewOrganizationMerge(admin, { fromSlug: 'raices texas', intoSlug: 'raices-texas' }),
    ).rejects.toMatchObject({
      fields: { into: ['The same as the duplicate.'] },
    });
    // A name two records share does not choose between them.
    const twin = await client.organization.create({
      data: { slug: 'raices-texas-2', name: 'RAICES Texas', status: 'PUBLISHED' },
    });
    await expect(
      previewOrganizationMerge(admin, { fromSlug: 'raices texas', intoSlug: 'raices' }),
    ).rejects.toMatchObject({
      fields: {
        from: ['More than one organization is named “raices texas”: give the address name of the one you mean.'],
      },
    });
    await client.organization.delete({ where: { id: twin.id } });
    await expect(previewOrganizationMerge(admin, { fromSlug: 'raices', intoSlug: 'raices-tx' })).rejects.toMatchObject({
      fields: { into: ['No organization is named or at “raices-tx”.'] },
    });
    expect(await mergeOrganizations(admin, { fromSlug: 'raices-texas', intoSlug: 'raices' })).toEqual([
      'raices-texas',
      'raices',
    ]);
    expect(
      await one(`SELECT count(*)::int AS n FROM donation_responses WHERE organization_id = $1`, [duplicate.id]),
    ).toEqual({ n: 0 });
    // The response moved is at a new version, the merge's, which its history names in words.
    expect(await one(`SELECT version FROM donation_responses WHERE id = $1`, [moved.id])).toEqual({
      version: moved.version + 1,
    });
    const [step] = await listRevisions('DONATION_RESPONSE', moved.id);
    expect(step).toMatchObject({ kind: 'MERGE', after: { version: moved.version + 1 } });
    expect(step?.changes).toEqual([
      {
        field: 'organization',
        before: 'RAICES Texas',
        after: 'Refugee and Immigrant Center for Education and Legal Services',
      },
    ]);
    expect(
      await one(
        `SELECT o.status, m.slug FROM organizations o JOIN organizations m ON m.id = o.merged_into_id WHERE o.id = $1`,
        [duplicate.id],
      ),
    ).toEqual({
      status: 'ARCHIVED',
      slug: 'raices',
    });
    // The duplicate's name now names the survivor in the forms, as a merged company's name does.
    const { resolveOrganizationName } = await import('@/lib/data/form-lookups');
    const survivor = await client.organization.findUniqueOrThrow({ where: { slug: 'raices' } });
    expect(await resolveOrganizationName('RAICES Texas')).toEqual({ id: survivor.id });
    expect(await resolveOrganizationName('raices texas')).toEqual({ id: survivor.id });
  });
});

describe('restoring a record merged into since', () => {
  it('a version from before a merge, restored, keeps the sources the merge brought in', async () => {
    const { publishChange, revertRecord, submitChange } = await import('@/lib/data/changes');
    const company = async (name: string, url: string) => {
      const sent = await submitChange({
        user: editor,
        recordType: 'COMPANY',
        payload: { name, confirmNew: true, hqCountry: '', website: '', sources: [{ url }] },
      });
      return (await publishChange({ user: admin, changeId: sent.id })).recordId;
    };
    const keeper = await company('Restorewind Holdings', 'https://example.org/restorewind');
    await company('Restorewind Holdings Duplicate', 'https://example.org/restorewind-duplicate');
    const first = await one<{ id: string }>(
      `SELECT id FROM revisions WHERE record_id = $1 AND kind = 'PUBLISH' ORDER BY created_at LIMIT 1`,
      [keeper],
    );
    const slug = (await one<{ slug: string }>('SELECT slug FROM companies WHERE id = $1', [keeper])).slug;
    const sources = async () =>
      (
        await database().query<{ url: string }>(
          'SELECT s.url FROM company_sources l JOIN sources s ON s.id = l.source_id WHERE l.company_id = $1 ORDER BY s.url',
          [keeper],
        )
      ).map((row) => row.url);
    // A correction, then the duplicate merged in with its source.
    const { fields, version } = (await readState(database().client, 'COMPANY', keeper))!;
    const corrected = await submitChange({
      user: editor,
      recordType: 'COMPANY',
      recordId: keeper,
      baseVersion: version,
      payload: { ...fields, sources: [{ url: 'https://example.org/restorewind' }], sector: 'Biometrics' },
    });
    await publishChange({ user: admin, changeId: corrected.id });
    const duplicateSlug = (
      await one<{ slug: string }>(`SELECT slug FROM companies WHERE name = 'Restorewind Holdings Duplicate'`)
    ).slug;
    await mergeCompanies(admin, { fromSlug: duplicateSlug, intoSlug: slug });
    expect(await sources()).toEqual(['https://example.org/restorewind', 'https://example.org/restorewind-duplicate']);
    // The survivor's history says the merge brought a source in, as a change of its form would.
    const sourceId = async (url: string) => ({
      sourceId: (await one<{ id: string }>('SELECT id FROM sources WHERE url = $1', [url])).id,
    });
    const own = await sourceId('https://example.org/restorewind');
    const brought = await sourceId('https://example.org/restorewind-duplicate');
    const [mergeStep] = await listRevisions('COMPANY', keeper);
    expect(mergeStep).toMatchObject({
      kind: 'MERGE',
      before: { sources: [own] },
      after: { sources: [own, brought].sort((a, b) => (a.sourceId < b.sourceId ? -1 : 1)) },
    });
    // The first version restored: its sector, and the merged source stays.
    const now = (await readState(database().client, 'COMPANY', keeper))!;
    await revertRecord({
      user: admin,
      revisionId: first.id,
      side: 'after',
      baseVersion: now.version,
      reason: 'A test.',
    });
    expect(
      (await one<{ sector: string | null }>('SELECT sector FROM companies WHERE id = $1', [keeper])).sector,
    ).toBeNull();
    expect(await sources()).toEqual(['https://example.org/restorewind', 'https://example.org/restorewind-duplicate']);
  });
});

describe('the latest merges on the admin page', () => {
  it('lists company and organisation merges newest first, each once, with the admin who made them; for admins only', async () => {
    const { listMerges, mergeOrganizations, MERGES_SHOWN } = await import('@/lib/data/admin');
    const { client } = database();
    const duplicate = await client.company.create({
      data: { slug: 'google-llc', name: 'GOOGLE LLC', status: 'PUBLISHED' },
    });
    // A subsidiary the merge moves gets a MERGE step of its own, which is no merge of its own.
    const subsidiary = await client.company.create({
      data: { slug: 'google-llc-cloud', name: 'GOOGLE LLC Cloud', status: 'PUBLISHED', parentId: duplicate.id },
    });
    const google = await client.company.findUniqueOrThrow({ where: { slug: 'google' } });
    await mergeCompanies(admin, { fromSlug: 'google-llc', intoSlug: 'google' });
    const fund = await client.organization.create({
      data: { slug: 'raices-relief-fund', name: 'RAICES Relief Fund', status: 'PUBLISHED' },
    });
    const raices = await client.organization.findUniqueOrThrow({ where: { slug: 'raices' } });
    await mergeOrganizations(admin, { fromSlug: 'raices-relief-fund', intoSlug: 'raices' });

    const merges = await listMerges(admin);
    expect(merges.length).toBeLessThanOrEqual(MERGES_SHOWN);
    expect(merges.slice(0, 2)).toEqual([
      {
        id: expect.any(String),
        kind: 'organization',
        from: { id: fund.id, name: 'RAICES Relief Fund', history: `/history/organization/${fund.id}` },
        into: {
          id: raices.id,
          name: 'Refugee and Immigrant Center for Education and Legal Services',
          href: '/organizations/raices',
          history: `/history/organization/${raices.id}`,
        },
        by: `admin (${admin.email})`,
        at: expect.any(Date),
      },
      {
        id: expect.any(String),
        kind: 'company',
        from: { id: duplicate.id, name: 'GOOGLE LLC', history: `/history/company/${duplicate.id}` },
        into: { id: google.id, name: 'Google', href: '/companies/google', history: `/history/company/${google.id}` },
        by: `admin (${admin.email})`,
        at: expect.any(Date),
      },
    ]);
    expect(merges[0]!.at.getTime()).toBeGreaterThanOrEqual(merges[1]!.at.getTime());
    // Each merge once: not again for the duplicate's own step, nor for the subsidiary it moved.
    const named = (id: string) => merges.filter((merge) => merge.from.id === id || merge.into.id === id);
    expect(named(duplicate.id)).toHaveLength(1);
    expect(named(fund.id)).toHaveLength(1);
    expect(named(subsidiary.id)).toEqual([]);

    await expect(listMerges(editor)).rejects.toThrow(NotAllowed);
    await expect(listMerges(editor)).rejects.toThrow(/Only admins/);
  });
});
