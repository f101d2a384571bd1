import 'server-only';
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import type { AuditKind, Role } from '../generated/prisma/enums';
import { hashPassword } from '../auth/credentials';
import { NotAllowed, hasRole, type SessionUser } from '../auth/roles';
import { historyPath } from '../history-paths';
import { revisionRow } from '../records/revisions';
import { createUser, newUserSchema, ROLES } from '../records/users';
import { equalsIgnoringCase, nameKey, plural, typedTextProblem, UNSTORABLE } from '../text';
import { CUID, fieldErrors } from '../validation/records';
import { termSlug } from '../vocabulary';
import { sourceIds } from './record-state';
import { lockPendingChanges, lockRecords } from './record-lock';
import { ChangeRejected } from './changes';

function requireAdmin(user: SessionUser) {
  if (!hasRole(user, 'ADMIN')) throw new NotAllowed('Only admins manage accounts, vocabularies and merges.');
}

export async function listUsers(user: SessionUser) {
  requireAdmin(user);
  return db.user.findMany({ orderBy: { email: 'asc' }, select: { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true } });
}

/** What the audit log can be narrowed to: routine sign-ins soon outnumber the rest. */
export const AUDIT_GROUPS = {
  accounts: ['USER_CREATED', 'ROLE_CHANGED', 'USER_DISABLED', 'USER_ENABLED', 'PASSWORD_CHANGED'],
  refused: ['SIGN_IN_FAILED', 'SIGN_IN_BLOCKED'],
  signIns: ['SIGN_IN'],
} as const satisfies Record<string, AuditKind[]>;
export type AuditGroup = keyof typeof AUDIT_GROUPS;
export const AUDIT_PAGE_SIZE = 100;

/**
 * Security events (sign-ins, refusals, blocks, account changes), newest first, with who did them:
 * a page of them, all or of one group, and whether there are older ones.
 */
export async function listAuditEvents(user: SessionUser, { group, page = 1 }: { group?: AuditGroup; page?: number } = {}) {
  requireAdmin(user);
  const where = group ? { kind: { in: [...AUDIT_GROUPS[group]] } } : {};
  const found = await db.auditEvent.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE + 1,
    select: { id: true, kind: true, userId: true, actorId: true, email: true, ip: true, details: true, createdAt: true },
  });
  const events = found.slice(0, AUDIT_PAGE_SIZE);
  // A page past the end (an address kept, or typed) says how many there are, to go back to the last.
  if (events.length === 0 && page > 1) {
    const total = await db.auditEvent.count({ where });
    return { events: [], older: false, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
  }
  const ids = [...new Set(events.flatMap((event) => [event.userId, event.actorId]).filter((id): id is string => Boolean(id)))];
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((row) => [row.id, row.email]),
  );
  return {
    events: events.map((event) => ({
      ...event,
      account: (event.userId && users.get(event.userId)) ?? event.email,
      actor: event.actorId ? (users.get(event.actorId) ?? null) : null,
    })),
    older: found.length > AUDIT_PAGE_SIZE,
    pages: undefined,
  };
}

/**
 * Locks the acting admin's account and the one they change (in id order, so that two such changes
 * never wait on each other) and checks that the actor is still an enabled admin: two admins
 * demoting or disabling each other at the same moment cannot leave the site without one, since the
 * second change then finds its author no longer an admin. The changed account as it is now.
 */
async function lockAccounts(tx: Prisma.TransactionClient, actor: SessionUser, userId: string) {
  // The page sends an account's id; anything else names no account (and could not be looked up).
  if (!CUID.test(userId)) throw new ChangeRejected('No such account.');
  const rows = await tx.$queryRaw<{ id: string; role: Role; disabled: boolean }[]>`
    SELECT id, role, disabled_at IS NOT NULL AS disabled FROM users WHERE id IN (${actor.id}, ${userId}) ORDER BY id FOR UPDATE`;
  const self = rows.find((row) => row.id === actor.id);
  if (!self || self.role !== 'ADMIN' || self.disabled) throw new NotAllowed('Only admins manage accounts, vocabularies and merges.');
  const account = rows.find((row) => row.id === userId);
  if (!account) throw new ChangeRejected('No such account.');
  return account;
}

/**
 * Makes an account for a colleague, with the password the admin chose for them (stored hashed;
 * nobody reads it back), logged with the admin who made it. An address already used is refused.
 */
export async function createAccount(user: SessionUser, input: Record<string, unknown>, address?: string): Promise<{ id: string }> {
  requireAdmin(user);
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) throw new ChangeRejected('Check the fields marked below: nothing was saved.', fieldErrors(parsed.error));
  return db.$transaction(async (tx) => {
    await lockAccounts(tx, user, user.id);
    if (await tx.user.findUnique({ where: { email: parsed.data.email }, select: { id: true } })) {
      throw new ChangeRejected('That email address has an account already: nothing was saved.', {
        email: ['An account with this email address exists already.'],
      });
    }
    return createUser(tx, parsed.data, { actorId: user.id, ip: address });
  });
}

/**
 * Gives an account a new password, for someone who forgot theirs: the admin chooses it and gives
 * it to them, and they change it on their account page. Every session of the account ends (whoever
 * signed in with the old one is out). Logged with the admin who set it. An admin's own password is
 * changed on their account page, confirmed by the present one.
 */
export async function setPassword(
  user: SessionUser,
  { userId, password, address }: { userId: string; password: string; address?: string },
): Promise<void> {
  requireAdmin(user);
  if (userId === user.id) throw new ChangeRejected('Change your own password on your account page (/editor/account).');
  const parsed = newUserSchema.shape.password.safeParse(password);
  if (!parsed.success) {
    throw new ChangeRejected('Check the password: nothing was changed.', { password: parsed.error.issues.map((issue) => issue.message) });
  }
  const passwordHash = await hashPassword(parsed.data);
  await db.$transaction(async (tx) => {
    await lockAccounts(tx, user, userId);
    const { email } = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, sessionsValidFrom: new Date() },
      select: { email: true },
    });
    // Whoever forgot their password has often tried it until the sign-in paused them: the new one
    // works at once, not a quarter of an hour later. (Failures of other accounts from their
    // address still count against it.)
    const { count } = await tx.loginAttempt.deleteMany({ where: { email, succeeded: false } });
    await tx.auditEvent.create({
      data: {
        kind: 'PASSWORD_CHANGED',
        userId,
        actorId: user.id,
        ip: address ?? null,
        ...(count > 0 && { details: { failedSignInsCleared: count } }),
      },
    });
  });
}

/** Changes an account's role. Takes effect on the account's next request: roles are read from the database every time. */
export async function changeRole(user: SessionUser, { userId, role, address }: { userId: string; role: Role; address?: string }): Promise<void> {
  requireAdmin(user);
  if (!(ROLES as readonly string[]).includes(role)) throw new ChangeRejected('Unknown role.', { role: ['Choose editor, reviewer or admin.'] });
  if (userId === user.id) throw new ChangeRejected('You cannot change your own role; ask another admin.');
  await db.$transaction(async (tx) => {
    const before = await lockAccounts(tx, user, userId);
    // Sent again (a second tab, a second press), it would log a change that changed nothing.
    if (before.role === role) throw new ChangeRejected(`That is the account’s role already (${role.toLowerCase()}): nothing was changed.`);
    await tx.user.update({ where: { id: userId }, data: { role } });
    await tx.auditEvent.create({
      data: { kind: 'ROLE_CHANGED', userId, actorId: user.id, ip: address ?? null, details: { from: before.role, to: role } },
    });
  });
}

/** Disables or re-enables an account; a disabled account is signed out on its next request. */
export async function setDisabled(
  user: SessionUser,
  { userId, disabled, address }: { userId: string; disabled: boolean; address?: string },
): Promise<void> {
  requireAdmin(user);
  if (userId === user.id) throw new ChangeRejected('You cannot disable your own account.');
  await db.$transaction(async (tx) => {
    const before = await lockAccounts(tx, user, userId);
    // Sent twice (a second tab, a page left open), the second would move the date it was disabled
    // on and log it again.
    if (before.disabled === disabled) {
      throw new ChangeRejected(`The account is ${disabled ? 'disabled' : 'enabled'} already: nothing was changed.`);
    }
    // Disabling ends the account's sessions too, so that enabling it again does not bring them back.
    const now = new Date();
    await tx.user.update({ where: { id: userId }, data: disabled ? { disabledAt: now, sessionsValidFrom: now } : { disabledAt: null } });
    await tx.auditEvent.create({ data: { kind: disabled ? 'USER_DISABLED' : 'USER_ENABLED', userId, actorId: user.id, ip: address ?? null } });
  });
}

/** What a merge would do, shown to the admin before it is made (there is no undo). */
export interface MergePreview {
  from: { name: string; slug: string };
  into: { name: string; slug: string };
  /** What moves to the survivor, in words ("3 contracts"); empty when the duplicate holds nothing. */
  moves: string[];
  /**
   * The duplicate's own details that the survivor does not have (“sector: Software”): not moved (the
   * survivor's are what stays public), kept in the duplicate's history.
   */
  stays: string[];
  /** How many changes waiting for review on the duplicate are declined (they could never be published). */
  declined: number;
  /**
   * When the two are on record as parent and subsidiary: two companies, not one under two names,
   * which the admin is asked to be sure of (a profile's subsidiaries switch counts them together).
   */
  related?: string;
  /**
   * How many changes waiting for review on the survivor were written before the merge: their
   * authors revise them first (publishing one as written would drop what the merge brought in).
   */
  outdated: number;
}

type Client = Pick<typeof db, 'company' | 'companyAlias' | 'organization' | 'vocabularyTerm'>;

const PAIR_SELECT = {
  id: true,
  name: true,
  slug: true,
  status: true,
  mergedInto: { select: { name: true, slug: true } },
} as const;

interface PairMember {
  id: string;
  name: string;
  status: string;
  mergedInto: { name: string; slug: string } | null;
}

/**
 * What is wrong with the two records named for a merge, in the admin's words, as a refusal that
 * marks the field at fault (null when nothing is): an address that names nothing, one merged
 * already, a survivor not yet published, one record named twice. `namedBy`: the other name (an
 * alias, an acronym) each field found that one record by, if it was not its own name or address.
 */
function pairProblems(what: string, fromSlug: string, intoSlug: string, from: Named<PairMember>, into: Named<PairMember>, namedBy?: OtherNames): ChangeRejected | null {
  const merged = (member: PairMember) => `“${member.name}” was merged into ${member.mergedInto!.name} (${member.mergedInto!.slug}) already.`;
  const unclear = (text: string) => `More than one ${what} is named “${text}”: give the address name of the one you mean.`;
  const same = from !== AMBIGUOUS && into !== AMBIGUOUS && from && into && from.id === into.id ? into : null;
  // Named once by another name of it ("Amazon Web Services", Amazon's), it is said to be that, at
  // the field that named it so: the admin may have taken the other name for another company.
  const sameOne = !same
    ? null
    : namedBy?.from && namedBy.into && namedBy.from !== namedBy.into
      ? `“${namedBy.from}” and “${namedBy.into}” are both other names of ${same.name}, not two ${what === 'company' ? 'companies' : 'organizations'}: there is nothing to merge.`
      : namedBy?.from || namedBy?.into
        ? `“${namedBy.from || namedBy.into}” is another name of ${same.name}, not another ${what}: there is nothing to merge.`
        : 'The same as the duplicate.';
  const sameAtFrom = Boolean(namedBy?.from && !namedBy.into);
  const fromProblem = !from ? `No ${what} is named or at “${fromSlug}”.` : from === AMBIGUOUS ? unclear(fromSlug) : from.mergedInto ? merged(from) : sameAtFrom ? sameOne : null;
  const intoProblem = !into
    ? `No ${what} is named or at “${intoSlug}”.`
    : into === AMBIGUOUS
      ? unclear(intoSlug)
      : into.mergedInto
        ? merged(into)
        : sameOne
          ? sameAtFrom
            ? null
            : sameOne
          : into.status !== 'PUBLISHED'
            ? `“${into.name}” is not published: only a published ${what} can take in another.`
            : null;
  if (!fromProblem && !intoProblem) return null;
  const fields = { ...(fromProblem && { from: [fromProblem] }), ...(intoProblem && { into: [intoProblem] }) };
  return new ChangeRejected(fromProblem && intoProblem ? 'Check both names or addresses.' : 'Check the name or address.', fields);
}

const AMBIGUOUS = 'ambiguous';
/** The other name (an alias, an acronym) each field of a merge found its record by, or null: its own name or address. */
interface OtherNames {
  from: string | null;
  into: string | null;
}
/** A record a merge names, none, or several that share the name given. */
type Named<T> = T | null | typeof AMBIGUOUS;

/**
 * The record an admin named for a merge: the one at that address name, or else the one with that
 * name (any case) that was not merged already, or a merged one to say so; several such: ambiguous.
 */
async function findNamed<T extends { mergedInto: unknown }>(
  text: string,
  atSlug: (slug: string) => Promise<T | null>,
  withName: (name: string) => Promise<T[]>,
  withOtherName?: (name: string) => Promise<T | null>,
): Promise<Named<T>> {
  const found = await atSlug(text.toLowerCase());
  if (found) return found;
  const all = await withName(text);
  const live = all.filter((row) => !row.mergedInto);
  if (live.length > 1) return AMBIGUOUS;
  // Another name it goes by only when no record has this name or address: a merged company's
  // name is its survivor's other name, and names the merged one here.
  return live[0] ?? all[0] ?? (withOtherName ? await withOtherName(text) : null);
}

/**
 * What the merge form says of a name left empty: each field's own words, so that the list of
 * problems above the form reads without the fields' names (the duplicate, the one it goes into).
 * `path`: the pages' folder (companies, organizations), or none while what to merge is not chosen.
 */
export const mergeNameMissing = (path?: 'companies' | 'organizations') => {
  const address = `its address name as in its page’s address${path ? ` (/${path}/…)` : ''}`;
  return { from: `Name the duplicate: its name, or ${address}.`, into: `Name the one to merge it into: its name, or ${address}.` };
};

/** Both addresses given, and different ones. */
function namedTwo(what: string, fromSlug: string, intoSlug: string): void {
  const missing = mergeNameMissing(what === 'company' ? 'companies' : 'organizations');
  if (!fromSlug || !intoSlug) {
    throw new ChangeRejected(fromSlug || intoSlug ? 'Name the other one too.' : 'Name the duplicate and the one to merge it into.', {
      ...(!fromSlug && { from: [missing.from] }),
      ...(!intoSlug && { into: [missing.into] }),
    });
  }
  if (fromSlug.toLowerCase() === intoSlug.toLowerCase()) throw new ChangeRejected(`Choose two different ${what === 'company' ? 'companies' : 'organizations'}.`, { into: ['The same as the duplicate.'] });
  // Looked up as they are, they would be a database error (an error page, the form lost).
  const unstorable = 'The address cannot contain NUL bytes or broken characters.';
  if (UNSTORABLE.test(fromSlug) || UNSTORABLE.test(intoSlug)) {
    throw new ChangeRejected('Check the name or address.', { ...(UNSTORABLE.test(fromSlug) && { from: [unstorable] }), ...(UNSTORABLE.test(intoSlug) && { into: [unstorable] }) });
  }
}

/** The duplicate and the survivor of a company merge, or the reason they cannot be merged. */
async function companyPair(client: Client, fromSlug: string, intoSlug: string) {
  namedTwo('company', fromSlug, intoSlug);
  const select = { ...PAIR_SELECT, parentId: true };
  const find = (text: string) =>
    findNamed(
      text,
      (slug) => client.company.findUnique({ where: { slug }, select }),
      (name) => client.company.findMany({ where: { name: equalsIgnoringCase(name) }, select, take: 5 }),
      // "salesforce.com", "Sales Force": one of its other names, as the lists' company filter reads them.
      async (name) => {
        const key = nameKey(name);
        return key ? ((await client.companyAlias.findUnique({ where: { key }, select: { company: { select } } }))?.company ?? null) : null;
      },
    );
  const [from, into] = await Promise.all([find(fromSlug), find(intoSlug)]);
  // One company named twice: by which of its other names, if either, as the company stores it ("Amazon Web Services").
  const otherName = async (text: string, member: { name: string; slug: string }) => {
    const key = nameKey(text);
    if (text === member.slug || key === nameKey(member.name)) return null;
    return (key && (await client.companyAlias.findUnique({ where: { key }, select: { name: true } }))?.name) || text;
  };
  const namedBy =
    from && into && from !== AMBIGUOUS && into !== AMBIGUOUS && from.id === into.id
      ? { from: await otherName(fromSlug, from), into: await otherName(intoSlug, into) }
      : undefined;
  const refused = pairProblems('company', fromSlug, intoSlug, from, into, namedBy);
  if (refused || !from || !into || from === AMBIGUOUS || into === AMBIGUOUS) throw refused ?? new ChangeRejected('Choose two companies.');
  return { from, into };
}

/**
 * Two columns of a preview's counts for one link table: the duplicate's links (as `total`), and how
 * many of them the survivor has already (as `shared`: a merge keeps those once). Table and column
 * names are this file's constants, never input.
 */
function linkCounts(table: string, owner: string, other: string, fromId: string, intoId: string, total: string, shared: string): Prisma.Sql {
  const [t, o, x] = [table, owner, other].map((name) => Prisma.raw(name));
  return Prisma.sql`(SELECT count(*) FROM ${t} WHERE ${o} = ${fromId})::int AS ${Prisma.raw(`"${total}"`)},
    (SELECT count(*) FROM ${t} l WHERE l.${o} = ${fromId}
       AND EXISTS (SELECT 1 FROM ${t} s WHERE s.${x} = l.${x} AND s.${o} = ${intoId}))::int AS ${Prisma.raw(`"${shared}"`)}`;
}

/** The details of a merge's two records, the duplicate's first, as their forms hold them. */
async function detailsOf(
  table: 'companies' | 'organizations',
  fromId: string,
  intoId: string,
): Promise<[Record<string, string | null>, Record<string, string | null>]> {
  const select =
    table === 'companies'
      ? { id: true, sector: true, hqCountry: true, website: true, ticker: true, description: true }
      : { id: true, acronym: true, country: true, website: true, description: true };
  const rows: Record<string, string | null>[] =
    table === 'companies'
      ? await db.company.findMany({ where: { id: { in: [fromId, intoId] } }, select })
      : await db.organization.findMany({ where: { id: { in: [fromId, intoId] } }, select });
  const of = (id: string) => rows.find((row) => row.id === id) ?? {};
  return [of(fromId), of(intoId)];
}

/** The changes waiting for review on a record, as a subquery of a preview's counts. */
const pendingCount = (recordType: 'COMPANY' | 'ORGANIZATION', recordId: string) =>
  Prisma.sql`(SELECT count(*) FROM change_requests WHERE record_type = ${recordType}::"RecordType" AND record_id = ${recordId} AND status = 'PENDING')::int`;

/**
 * What merging one company into another would move, for the admin to check before merging: the
 * same checks as mergeCompanies, nothing written.
 */
export async function previewCompanyMerge(user: SessionUser, { fromSlug, intoSlug }: { fromSlug: string; intoSlug: string }): Promise<MergePreview> {
  requireAdmin(user);
  const { from, into } = await companyPair(db, fromSlug, intoSlug);
  const [counts] = await db.$queryRaw<Record<'contracts' | 'responses' | 'statements' | 'subsidiaries' | 'actions' | 'shared' | 'aliases' | 'sources' | 'sharedSources' | 'pending' | 'outdated', number>[]>`
    SELECT (SELECT count(*) FROM government_contracts WHERE company_id = ${from.id})::int AS contracts,
           (SELECT count(*) FROM donation_responses WHERE company_id = ${from.id})::int AS responses,
           (SELECT count(*) FROM company_statements WHERE company_id = ${from.id})::int AS statements,
           (SELECT count(*) FROM companies WHERE parent_id = ${from.id} AND id <> ${into.id})::int AS subsidiaries,
           ${linkCounts('employee_action_companies', 'company_id', 'action_id', from.id, into.id, 'actions', 'shared')},
           -- Its own name, which the merge makes one of the survivor's other names, is said apart.
           (SELECT count(*) FROM company_aliases WHERE company_id = ${from.id} AND key <> ${nameKey(from.name)})::int AS aliases,
           ${linkCounts('company_sources', 'company_id', 'source_id', from.id, into.id, 'sources', 'sharedSources')},
           ${pendingCount('COMPANY', from.id)} AS pending,
           ${pendingCount('COMPANY', into.id)} AS outdated`;
  const { contracts, responses, statements, subsidiaries, actions, shared, aliases, sources, sharedSources, pending, outdated } = counts!;
  const [parent, child] = from.parentId === into.id ? [into, from] : into.parentId === from.id ? [from, into] : [null, null];
  return {
    declined: pending,
    ...(parent && {
      related: `${child.name} is on record as a subsidiary of ${parent.name}: a company of its own, not another name of it. Merge only if the record is wrong about that; to count a subsidiary's records with its parent's, the parent's profile does so (“Include its subsidiaries”) without a merge.`,
    }),
    outdated,
    from: { name: from.name, slug: from.slug },
    into: { name: into.name, slug: into.slug },
    stays: detailsThatStay(...(await detailsOf('companies', from.id, into.id)), {
      sector: 'sector',
      hqCountry: 'headquarters country',
      website: 'website',
      ticker: 'ticker',
      description: 'description',
    }),
    moves: [
      contracts && plural(contracts, 'contract', 'contracts'),
      actions && plural(actions, 'employee action', 'employee actions') + (shared ? ` (${shared} already ${shared === 1 ? 'names' : 'name'} ${into.name}, kept once)` : ''),
      responses && plural(responses, 'donation response', 'donation responses'),
      statements && plural(statements, 'statement', 'statements'),
      subsidiaries && plural(subsidiaries, 'subsidiary', 'subsidiaries'),
      aliases && plural(aliases, 'other name', 'other names'),
      sources && plural(sources, 'cited source', 'cited sources') + alsoCited(sharedSources, into.name),
    ].filter((move): move is string => Boolean(move)),
  };
}

/** The duplicate's details, in words, that the survivor does not have as they are. */
function detailsThatStay(
  from: Record<string, string | null>,
  into: Record<string, string | null>,
  labels: Record<string, string>,
): string[] {
  return Object.entries(labels).flatMap(([field, label]) => {
    const value = from[field]?.trim();
    if (!value || value === into[field]?.trim()) return [];
    return [`${label}: ${value.length > 80 ? `${value.slice(0, 79)}…` : value}`];
  });
}

/** After a count of sources, how many of them the survivor cites already. */
const alsoCited = (shared: number, name: string) => (shared ? ` (${shared} already cited by ${name}, kept once)` : '');

/**
 * Merges a duplicate company into another: every contract, action, donation response, statement,
 * subsidiary, alias and citation moves to the survivor; the duplicate's name becomes an alias;
 * the duplicate is archived and points to the survivor, so its old address redirects; both keep
 * their histories (a MERGE revision on each). Returns the slugs whose pages changed.
 */
export async function mergeCompanies(user: SessionUser, { fromSlug, intoSlug }: { fromSlug: string; intoSlug: string }): Promise<string[]> {
  requireAdmin(user);
  return db.$transaction(async (tx) => {
    const found = await companyPair(tx, fromSlug, intoSlug);
    // No publish or restore of either runs meanwhile; then both are read again as they are now.
    await lockPendingChanges(tx, 'COMPANY', found.from.id);
    await lockRecords(tx, ['COMPANY', found.from.id], ['COMPANY', found.into.id]);
    const { from, into } = await companyPair(tx, fromSlug, intoSlug);
    await declinePending(tx, user, 'COMPANY', from.id, `${into.name} (/companies/${into.slug})`);
    const actions = await tx.employeeActionCompany.findMany({ where: { companyId: from.id }, select: { actionId: true } });
    // Every company those actions name, before the move: their history says what they named, all of it.
    const actionLinks = await tx.employeeActionCompany.findMany({
      where: { actionId: { in: actions.map((link) => link.actionId) } },
      select: { actionId: true, companyId: true },
    });

    // Each moved record is at a new version (the MERGE step in its history): a form opened on it before
    // the merge is stale, and the version a citation gives names the company it names now.
    const move = {
      where: { companyId: from.id },
      data: { companyId: into.id, updatedAt: new Date(), version: { increment: 1 } },
      select: { id: true, version: true },
    } as const;
    const contracts = await tx.governmentContract.updateManyAndReturn(move);
    const responses = await tx.donationResponse.updateManyAndReturn(move);
    const statements = await tx.companyStatement.updateManyAndReturn(move);
    // A survivor inside the duplicate's family (its subsidiary, at any depth) takes the duplicate's
    // place in the tree first: the subsidiaries moved to it must not end up among its parents.
    const [{ inside } = { inside: false }] = await tx.$queryRaw<{ inside: boolean }[]>`
      WITH RECURSIVE up AS (
        SELECT id, parent_id FROM companies WHERE id = ${into.id}
        UNION
        SELECT c.id, c.parent_id FROM companies c JOIN up ON c.id = up.parent_id
      ) SELECT EXISTS (SELECT 1 FROM up WHERE id = ${from.id}) AS inside`;
    if (inside) await tx.company.update({ where: { id: into.id }, data: { parentId: from.parentId } });
    // The duplicate's subsidiaries are the survivor's now, each at a new version with the step in its history.
    const subsidiaries = await tx.company.updateManyAndReturn({
      where: { parentId: from.id, id: { not: into.id } },
      data: { parentId: into.id, updatedAt: new Date(), version: { increment: 1 } },
      select: { id: true, version: true },
    });
    // Companies merged into the duplicate before lead to the survivor now, in one step from their
    // old addresses, API records and histories (which follow a single merge).
    const earlier = await tx.company.updateManyAndReturn({
      where: { mergedIntoId: from.id },
      data: { mergedIntoId: into.id, updatedAt: new Date(), version: { increment: 1 } },
      select: { id: true, version: true },
    });
    // Links that the survivor already has are dropped rather than doubled.
    await tx.$executeRaw`INSERT INTO employee_action_companies (action_id, company_id)
      SELECT action_id, ${into.id} FROM employee_action_companies WHERE company_id = ${from.id} ON CONFLICT DO NOTHING`;
    await tx.employeeActionCompany.deleteMany({ where: { companyId: from.id } });
    // The survivor's sources before and after, for its history, as a change of the form records them.
    const citedBy = async (companyId: string) =>
      sourceIds(await tx.companySource.findMany({ where: { companyId }, select: { sourceId: true } }));
    const sourcesBefore = await citedBy(into.id);
    await tx.$executeRaw`INSERT INTO company_sources (company_id, source_id)
      SELECT ${into.id}, source_id FROM company_sources WHERE company_id = ${from.id} ON CONFLICT DO NOTHING`;
    const sourcesAfter = await citedBy(into.id);
    const sourcesMoved = sourcesAfter.length > sourcesBefore.length;
    // The survivor's other names before and after, for its history: the duplicate's name and its
    // other names join them.
    const otherNames = async () =>
      (await tx.companyAlias.findMany({ where: { companyId: into.id }, select: { name: true, key: true }, orderBy: { name: 'asc' } }))
        .filter((alias) => alias.key !== nameKey(into.name))
        .map((alias) => alias.name);
    const aliasesBefore = await otherNames();
    await tx.companyAlias.updateMany({ where: { companyId: from.id }, data: { companyId: into.id } });
    await tx.companyAlias.createMany({ data: [{ companyId: into.id, name: from.name, key: nameKey(from.name) }], skipDuplicates: true });
    const aliasesAfter = await otherNames();
    const { version: fromVersion } = await tx.company.update({
      where: { id: from.id },
      data: { mergedIntoId: into.id, status: 'ARCHIVED', version: { increment: 1 } },
      select: { version: true },
    });
    // The survivor changed too (its sources, other names, links): a form opened on it before the
    // merge is now stale, and would otherwise save the sources it showed over those merged in.
    const { version: intoVersion } = await tx.company.update({
      where: { id: into.id },
      data: { version: { increment: 1 } },
      select: { version: true },
    });

    // Each step with the version it made (its history's "version N"), as the records it moved have.
    const snapshot = { id: from.id, name: from.name, slug: from.slug, parentId: from.parentId, status: from.status };
    await tx.revision.createMany({
      data: [
        // What changed, not what was left out: the duplicate keeps its name and address, and points to the survivor.
        revisionRow({ recordType: 'COMPANY', recordId: from.id, kind: 'MERGE', userId: user.id, reason: `Merged into ${into.name}`, before: { version: fromVersion - 1, ...snapshot }, after: { version: fromVersion, ...snapshot, mergedIntoId: into.id, status: 'ARCHIVED' } }),
        revisionRow({
          recordType: 'COMPANY',
          recordId: into.id,
          kind: 'MERGE',
          userId: user.id,
          reason: `${from.name} merged into this company`,
          // Inside the duplicate's family, the survivor took its place in the tree: said with the rest.
          before: { version: intoVersion - 1, aliases: aliasesBefore, ...(sourcesMoved ? { sources: sourcesBefore } : {}), ...(inside ? { parentId: into.parentId } : {}) },
          after: { version: intoVersion, mergedFrom: from.id, aliases: aliasesAfter, ...(sourcesMoved ? { sources: sourcesAfter } : {}), ...(inside ? { parentId: from.parentId } : {}) },
        }),
      ],
    });
    const byCompany = { before: { company: { id: from.id } }, after: { company: { id: into.id } } };
    await markMoved(tx, user, `${from.name} merged into ${into.name}`, [
      { recordType: 'COMPANY', rows: subsidiaries, before: { parentId: from.id }, after: { parentId: into.id } },
      { recordType: 'COMPANY', rows: earlier, before: { mergedIntoId: from.id }, after: { mergedIntoId: into.id } },
      { recordType: 'CONTRACT', rows: contracts, ...byCompany },
      { recordType: 'DONATION_RESPONSE', rows: responses, ...byCompany },
      { recordType: 'COMPANY_STATEMENT', rows: statements, ...byCompany },
      {
        recordType: 'EMPLOYEE_ACTION',
        rows: movedLists(
          await movedActions(tx, actions),
          'companies',
          actionLinks.map((link) => ({ actionId: link.actionId, id: link.companyId })),
          from.id,
          into.id,
        ),
      },
    ]);
    return [from.slug, into.slug];
  });
}

/**
 * Each moved action with the whole list of companies or organisations it named before the merge
 * and after it (the duplicate's place taken by the survivor, once): its history says what it
 * named, all of it, by the form's field.
 */
function movedLists(
  rows: { id: string; version: number }[],
  field: 'companies' | 'organizations',
  links: { actionId: string; id: string }[],
  from: string,
  into: string,
) {
  const list = (ids: string[]) => [...new Set(ids)].sort().map((id) => ({ id }));
  return rows.map((row) => {
    const named = links.filter((link) => link.actionId === row.id).map((link) => link.id);
    return {
      ...row,
      before: { [field]: list(named) },
      after: { [field]: list(named.map((id) => (id === from ? into : id))) },
    };
  });
}

/**
 * The actions a merge moved a link of (a row of its own, which leaves the action as it was) at a
 * new version too, and changed now, so that the API's `updatedAt`, the feeds and copies kept up to
 * date by them see the move.
 */
async function movedActions(tx: Prisma.TransactionClient, links: { actionId: string }[]) {
  return tx.employeeAction.updateManyAndReturn({
    where: { id: { in: links.map((link) => link.actionId) } },
    data: { updatedAt: new Date(), version: { increment: 1 } },
    select: { id: true, version: true },
  });
}

/**
 * The records a merge moved from the duplicate to the survivor, each at the version the move made
 * (`rows`), get a MERGE step in their history that is that version: what it named before and after,
 * by the form's fields (so the history names the company or organisation), with the versions, so
 * that the history tells the merge's version from the one before it, which names the duplicate.
 */
async function markMoved(
  tx: Prisma.TransactionClient,
  user: SessionUser,
  reason: string,
  moved: {
    recordType: 'COMPANY' | 'ORGANIZATION' | 'CONTRACT' | 'DONATION_RESPONSE' | 'COMPANY_STATEMENT' | 'EMPLOYEE_ACTION';
    /** Each moved record; with its own before and after where they differ from record to record. */
    rows: { id: string; version: number; before?: object; after?: object }[];
    before?: object;
    after?: object;
  }[],
) {
  // A change waiting for review on a moved record, proposed on the version before the move, is on
  // the merge's version now: publishing it names the survivor for the duplicate anyway, so the move
  // it would otherwise be refused as stale for is one it keeps.
  for (const { recordType, rows } of moved) {
    if (rows.length === 0) continue;
    await tx.$executeRaw`UPDATE change_requests c SET base_version = m.version
      FROM unnest(${rows.map((row) => row.id)}::text[], ${rows.map((row) => row.version)}::int[]) AS m(id, version)
      WHERE c.record_type = ${recordType}::"RecordType" AND c.record_id = m.id AND c.status = 'PENDING'
        AND c.base_version = m.version - 1`;
  }
  await tx.revision.createMany({
    data: moved.flatMap(({ recordType, rows, before, after }) =>
      rows.map((row) =>
        revisionRow({
          recordType,
          recordId: row.id,
          kind: 'MERGE',
          userId: user.id,
          reason,
          before: { version: row.version - 1, ...(row.before ?? before) },
          after: { version: row.version, ...(row.after ?? after) },
        }),
      ),
    ),
  });
}

/**
 * The changes waiting for review on a merged duplicate can never be published (it left the public
 * pages): declined, telling their authors where the record lives on. (Changes to other records
 * that name the duplicate follow it to the survivor when they are published.)
 */
async function declinePending(tx: Prisma.TransactionClient, user: SessionUser, recordType: 'COMPANY' | 'ORGANIZATION', recordId: string, survivor: string) {
  await tx.changeRequest.updateMany({
    where: { recordType, recordId, status: 'PENDING' },
    data: { status: 'REJECTED', reviewerId: user.id, decisionNote: `This record was merged into ${survivor}: propose the change there.`, decidedAt: new Date() },
  });
}

/** Where a merged company's old address now leads; null when the company was not merged. */
export async function mergedCompanyTarget(slug: string): Promise<string | null> {
  const company = await db.company.findUnique({ where: { slug }, select: { mergedInto: { select: { slug: true, mergedIntoId: true } } } });
  return company?.mergedInto?.slug ?? null;
}

/**
 * The slug a company's records are filed under now: its own, or, once it was merged, the slug of
 * the company it was merged into (followed through later merges). Old addresses and filters of
 * the open data keep working.
 */
export const survivingCompanySlug = (slug: string) => survivingSlug(slug, mergedCompanyTarget);

/**
 * The slug a company's or organisation's old address leads to now: its own, or the survivor's once
 * it was merged, merges of merges followed (`targetOf`: where one merge leads, null for none).
 */
export async function survivingSlug(slug: string, targetOf: (slug: string) => Promise<string | null>): Promise<string> {
  let current = slug;
  for (let hop = 0; hop < 5; hop += 1) {
    const target = await targetOf(current);
    if (!target) break;
    current = target;
  }
  return current;
}

const VOCABULARY_KINDS = ['ACTION_FORM', 'ISSUE', 'TAG', 'EMPLOYMENT_TYPE'] as const;
type VocabularyKindName = (typeof VOCABULARY_KINDS)[number];

/** The controlled lists with how often each term is used, for the admins' page. */
/** The survivor of a merge just made, for the admin page to name and link to; null when there is none (a forged address). */
export async function mergeSurvivor(
  user: SessionUser,
  kind: 'company' | 'organization',
  slug: string,
): Promise<{ name: string; href: string } | null> {
  requireAdmin(user);
  const where = { slug, status: 'PUBLISHED' as const, mergedIntoId: null };
  const found =
    kind === 'company'
      ? await db.company.findFirst({ where, select: { name: true } })
      : await db.organization.findFirst({ where, select: { name: true } });
  return found ? { name: found.name, href: `/${kind === 'company' ? 'companies' : 'organizations'}/${slug}` } : null;
}

export async function listVocabulary(user: SessionUser) {
  requireAdmin(user);
  const rows = await db.vocabularyTerm.findMany({
    where: { mergedIntoId: null },
    orderBy: [{ kind: 'asc' }, { label: 'asc' }],
    select: { id: true, kind: true, slug: true, label: true, _count: { select: { actions: true } } },
  });
  return rows.map((row) => ({ id: row.id, kind: row.kind, slug: row.slug, label: row.label, uses: row._count.actions }));
}

/** How many of the latest changes to the lists the administration page shows. */
export const TERM_CHANGES_SHOWN = 20;

const TERM_LIST_LABEL: Record<VocabularyKindName, string> = {
  ACTION_FORM: 'action forms',
  ISSUE: 'issues',
  TAG: 'tags',
  EMPLOYMENT_TYPE: 'employment types',
};

/**
 * The latest changes admins made to the controlled vocabularies, newest first: who added, renamed
 * or merged which term, and when (their revisions, which no public page shows). Imports' and the
 * seed's terms are not among them.
 */
export async function listTermChanges(user: SessionUser) {
  requireAdmin(user);
  const rows = await db.revision.findMany({
    where: { recordType: 'VOCABULARY_TERM', userId: { not: null } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: TERM_CHANGES_SHOWN,
    select: { id: true, kind: true, reason: true, before: true, after: true, createdAt: true, user: { select: { name: true, email: true } } },
  });
  return rows.map((row) => {
    const term = (row.after ?? row.before) as { label?: unknown; kind?: unknown } | null;
    const kind = typeof term?.kind === 'string' && Object.hasOwn(TERM_LIST_LABEL, term.kind) ? (term.kind as VocabularyKindName) : undefined;
    const list = kind ? TERM_LIST_LABEL[kind] : 'a list';
    const named = `“${typeof term?.label === 'string' ? term.label : 'a term'}” (${list})`;
    const into = row.reason?.startsWith('Merged into ') ? row.reason.slice('Merged into '.length) : undefined;
    const what =
      row.kind === 'CREATE'
        ? `Added ${named}`
        : row.kind === 'MERGE'
          ? `Merged ${named} into “${into ?? 'another term'}”`
          : row.reason
            ? `${row.reason} (${list})`
            : `Changed ${named}`;
    return { id: row.id, what, by: byWhom(row.user), at: row.createdAt };
  });
}

/** A term's label as typed, or the message that goes next to the field. */
function termLabel(label: string): { clean: string; problem?: string } {
  const clean = label.replace(/\s+/g, ' ').trim();
  if (!clean) return { clean, problem: 'Give the new term.' };
  if (clean.length > 80) return { clean, problem: 'A term can be at most 80 characters.' };
  const typed = typedTextProblem('The term', clean);
  if (typed) return { clean, problem: typed };
  // Terms are told apart by their letters and digits: one without any would be the same as every other such term.
  if (!nameKey(clean)) return { clean, problem: `“${clean}” has no letters or digits to recognise it by.` };
  return { clean };
}

/**
 * The term of a list, other than `except`, that a label names already, and whether by its own name:
 * one whose label or slug reads as the label does, compared as names are ("Walk-out" is "Walkout"),
 * or one a spelling of it is mapped onto (a term renamed or merged away keeps its old spelling, which
 * imports read); a term merged away is named by the term it lives on in. The slug is compared as
 * well, since two terms of a list cannot share one.
 */
async function termNamed(kind: VocabularyKindName, label: string, except?: string): Promise<{ id: string; label: string; own: boolean } | null> {
  const key = nameKey(label);
  const slug = termSlug(label);
  const [terms, aliases] = await Promise.all([
    db.vocabularyTerm.findMany({ where: { kind }, select: { id: true, slug: true, label: true, mergedInto: { select: { id: true, label: true } } } }),
    db.vocabularyAlias.findMany({ where: { kind }, select: { key: true, term: { select: { id: true, label: true } } } }),
  ]);
  const holders = [
    ...terms
      .filter((term) => term.slug === slug || nameKey(term.label) === key || nameKey(term.slug) === key)
      .map((term) => (term.mergedInto ? { ...term.mergedInto, own: false } : { id: term.id, label: term.label, own: true })),
    ...aliases.filter((alias) => alias.key === slug || nameKey(alias.key) === key).map((alias) => ({ ...alias.term, own: false })),
  ];
  return holders.find((holder) => holder.id !== except) ?? null;
}

/** Adds a term to a controlled list; a label that names a term of the list already is refused. */
export async function addTerm(user: SessionUser, { kind, label }: { kind: string; label: string }): Promise<void> {
  requireAdmin(user);
  const { clean, problem } = termLabel(label);
  const fields: Record<string, string[]> = {};
  if (!VOCABULARY_KINDS.includes(kind as VocabularyKindName)) fields.kind = ['Choose a list.'];
  if (problem) fields.label = [problem];
  if (Object.keys(fields).length) throw new ChangeRejected('The term was not added.', fields);
  const slug = termSlug(clean);
  const holder = await termNamed(kind as VocabularyKindName, clean);
  if (holder?.own) throw new ChangeRejected('The term was not added.', { label: [`“${holder.label}” is already in this list.`] });
  if (holder) throw new ChangeRejected('The term was not added.', { label: [`This list has it already, as “${holder.label}”.`] });
  const term = await db.vocabularyTerm.create({ data: { kind: kind as VocabularyKindName, slug, label: clean } });
  await db.revision.create({ data: revisionRow({ recordType: 'VOCABULARY_TERM', recordId: term.id, kind: 'CREATE', userId: user.id, after: term }) });
}

/**
 * An admin renames a term: its new label shows wherever the term does. Its slug (the value of the
 * filters in shared addresses) and its links stay; imports map both spellings onto it.
 */
export async function renameTerm(user: SessionUser, { id, label }: { id: string; label: string }): Promise<void> {
  requireAdmin(user);
  const { clean, problem } = termLabel(label);
  const term = CUID.test(id)
    ? await db.vocabularyTerm.findUnique({ where: { id }, select: { id: true, kind: true, slug: true, label: true, mergedIntoId: true } })
    : null;
  const fields: Record<string, string[]> = {};
  if (!term || term.mergedIntoId) fields.term = ['Choose a term from the list.'];
  if (problem) fields.label = [problem.replace('the new term', 'its new name')];
  else if (term && clean === term.label) fields.label = ['That is its name already.'];
  if (Object.keys(fields).length || !term) throw new ChangeRejected('The term was not renamed.', fields);
  // Another term of the list with that spelling, as its own or as one merged or mapped onto it.
  const slug = termSlug(clean);
  const holder = await termNamed(term.kind, clean, term.id);
  if (holder) {
    throw new ChangeRejected('The term was not renamed.', { label: [`“${holder.label}” already has that name or spelling: merge the two instead.`] });
  }
  await db.$transaction(async (tx) => {
    await lockRecords(tx, ['VOCABULARY_TERM', term.id]);
    const before = await tx.vocabularyTerm.findUniqueOrThrow({ where: { id: term.id } });
    const after = await tx.vocabularyTerm.update({ where: { id: term.id }, data: { label: clean } });
    await touchActionsOf(tx, term.id);
    // The new spelling, when it reduces to another slug, maps onto the term in imports too.
    if (slug !== term.slug) await tx.vocabularyAlias.createMany({ data: [{ kind: term.kind, key: slug, termId: term.id }], skipDuplicates: true });
    await tx.revision.create({
      data: revisionRow({ recordType: 'VOCABULARY_TERM', recordId: term.id, kind: 'UPDATE', userId: user.id, reason: `Renamed “${before.label}” to “${clean}”`, before, after }),
    });
  });
}

/**
 * The actions a term is on read differently once it is renamed or merged (the open data gives each
 * action's terms by name): they count as updated, for whoever keeps a copy up to date by `updatedAt`.
 * Their version stays: nothing an editor wrote changed.
 */
async function touchActionsOf(tx: Prisma.TransactionClient, termId: string) {
  // The app's clock, as Prisma's @updatedAt uses for every other change.
  await tx.$executeRaw`UPDATE employee_actions SET updated_at = ${new Date()}
    WHERE id IN (SELECT action_id FROM employee_action_terms WHERE term_id = ${termId})`;
}

/** A term merge refused, the reason shown next to the term it is about. */
function refuseTerms(field: 'from' | 'into', reason: string): never {
  throw new ChangeRejected('Choose two different, unmerged terms of the same list.', { [field]: [reason] });
}

/** The two terms of a merge, or the reason they cannot be merged. */
async function termPair(client: Client, fromId: string, intoId: string) {
  // The form sends ids from its lists; anything else names no term (and could not be looked up).
  const find = (id: string) =>
    CUID.test(id) ? client.vocabularyTerm.findUnique({ where: { id }, select: { id: true, kind: true, slug: true, label: true, mergedIntoId: true } }) : null;
  const [from, into] = await Promise.all([find(fromId), find(intoId)]);
  // Neither chosen: both said at once, as a form's messages are.
  if (!from && !into) {
    throw new ChangeRejected('Choose two different, unmerged terms of the same list.', {
      from: ['Choose a term from the list.'],
      into: ['Choose the term to merge it into.'],
    });
  }
  if (!from) refuseTerms('from', 'Choose a term from the list.');
  if (!into) refuseTerms('into', 'Choose a term from the list.');
  if (from.mergedIntoId) refuseTerms('from', 'A term merged already.');
  if (from.id === into.id) refuseTerms('into', 'The same as the term to merge.');
  if (from.kind !== into.kind) refuseTerms('into', 'A term of another list.');
  if (into.mergedIntoId) refuseTerms('into', 'A term merged already.');
  return { from, into };
}

/** What merging one term into another would move; the same checks as mergeTerms. */
export async function previewTermMerge(user: SessionUser, { fromId, intoId }: { fromId: string; intoId: string }): Promise<MergePreview> {
  requireAdmin(user);
  const { from, into } = await termPair(db, fromId, intoId);
  const [counts] = await db.$queryRaw<Record<'actions' | 'shared', number>[]>`
    SELECT ${linkCounts('employee_action_terms', 'term_id', 'action_id', from.id, into.id, 'actions', 'shared')}`;
  const { actions, shared } = counts!;
  return {
    declined: 0,
    outdated: 0,
    stays: [],
    from: { name: from.label, slug: from.slug },
    into: { name: into.label, slug: into.slug },
    moves: actions
      ? [plural(actions, 'action', 'actions') + (shared ? ` (${shared} already ${shared === 1 ? 'has' : 'have'} ${into.label}, kept once)` : '')]
      : [],
  };
}

/**
 * Merges one term into another of the same list ("coworker solidarity" and its duplicate):
 * every action moves to the survivor, the merged term's slug becomes an alias (so imports map it
 * too), and the merged term points at the survivor.
 */
export async function mergeTerms(user: SessionUser, { fromId, intoId }: { fromId: string; intoId: string }): Promise<void> {
  requireAdmin(user);
  await db.$transaction(async (tx) => {
    // Both terms locked first (in id order), then read: a second merge of either (A into B while B
    // goes into A) waits and then finds one merged already; an action being published with either
    // (lockedSurvivingTerms) is written first, its link then moved, or waits and follows the merge.
    const ids = [fromId, intoId].filter((id) => CUID.test(id)).sort();
    await tx.$queryRaw`SELECT id FROM vocabulary_terms WHERE id = ANY(${ids}) ORDER BY id FOR UPDATE`;
    const { from, into } = await termPair(tx, fromId, intoId);
    await touchActionsOf(tx, from.id);
    await tx.$executeRaw`INSERT INTO employee_action_terms (action_id, term_id)
      SELECT action_id, ${into.id} FROM employee_action_terms WHERE term_id = ${from.id} ON CONFLICT DO NOTHING`;
    await tx.employeeActionTerm.deleteMany({ where: { termId: from.id } });
    await tx.vocabularyAlias.updateMany({ where: { termId: from.id }, data: { termId: into.id } });
    await tx.vocabularyAlias.createMany({ data: [{ kind: from.kind, key: from.slug, termId: into.id }], skipDuplicates: true });
    // Terms merged into the duplicate before are the survivor's now, in one step, as companies' are.
    await tx.vocabularyTerm.updateMany({ where: { mergedIntoId: from.id }, data: { mergedIntoId: into.id } });
    await tx.vocabularyTerm.update({ where: { id: from.id }, data: { mergedIntoId: into.id } });
    await tx.revision.create({
      data: revisionRow({ recordType: 'VOCABULARY_TERM', recordId: from.id, kind: 'MERGE', userId: user.id, reason: `Merged into ${into.label}`, before: from, after: { ...from, mergedIntoId: into.id } }),
    });
  });
}

/** The duplicate and the survivor of an organisation merge, or the reason they cannot be merged. */
async function organizationPair(client: Client, fromSlug: string, intoSlug: string) {
  namedTwo('organization', fromSlug, intoSlug);
  const select = { ...PAIR_SELECT, acronym: true };
  const find = (text: string) =>
    findNamed(
      text,
      (slug) => client.organization.findUnique({ where: { slug }, select }),
      (name) =>
        // By its name or its acronym (RAICES), as the incident forms and the suggestions find it.
        client.organization.findMany({
          where: { OR: [{ name: equalsIgnoringCase(name) }, { acronym: equalsIgnoringCase(name) }] },
          select,
          take: 5,
        }),
    );
  const [from, into] = await Promise.all([find(fromSlug), find(intoSlug)]);
  // One organisation named twice, once by its acronym: said so, as the organisation writes it.
  const otherName = (text: string, member: { name: string; slug: string; acronym: string | null }) =>
    text === member.slug || text.toLowerCase() === member.name.toLowerCase() ? null : (member.acronym ?? text);
  const namedBy =
    from && into && from !== AMBIGUOUS && into !== AMBIGUOUS && from.id === into.id
      ? { from: otherName(fromSlug, from), into: otherName(intoSlug, into) }
      : undefined;
  const refused = pairProblems('organization', fromSlug, intoSlug, from, into, namedBy);
  if (refused || !from || !into || from === AMBIGUOUS || into === AMBIGUOUS) throw refused ?? new ChangeRejected('Choose two organizations.');
  return { from, into };
}

/** What merging one organisation into another would move; the same checks as mergeOrganizations. */
export async function previewOrganizationMerge(user: SessionUser, { fromSlug, intoSlug }: { fromSlug: string; intoSlug: string }): Promise<MergePreview> {
  requireAdmin(user);
  const { from, into } = await organizationPair(db, fromSlug, intoSlug);
  const [counts] = await db.$queryRaw<Record<'responses' | 'actions' | 'shared' | 'sources' | 'sharedSources' | 'pending' | 'outdated', number>[]>`
    SELECT (SELECT count(*) FROM donation_responses WHERE organization_id = ${from.id})::int AS responses,
           ${linkCounts('employee_action_organizations', 'organization_id', 'action_id', from.id, into.id, 'actions', 'shared')},
           ${linkCounts('organization_sources', 'organization_id', 'source_id', from.id, into.id, 'sources', 'sharedSources')},
           ${pendingCount('ORGANIZATION', from.id)} AS pending,
           ${pendingCount('ORGANIZATION', into.id)} AS outdated`;
  const { responses, actions, shared, sources, sharedSources, pending, outdated } = counts!;
  return {
    declined: pending,
    outdated,
    from: { name: from.name, slug: from.slug },
    into: { name: into.name, slug: into.slug },
    stays: detailsThatStay(...(await detailsOf('organizations', from.id, into.id)), {
      acronym: 'acronym',
      country: 'country',
      website: 'website',
      description: 'description',
    }),
    moves: [
      responses && plural(responses, 'donation response', 'donation responses'),
      actions && plural(actions, 'joined action', 'joined actions') + (shared ? ` (${shared} already joined by ${into.name}, kept once)` : ''),
      sources && plural(sources, 'cited source', 'cited sources') + alsoCited(sharedSources, into.name),
    ].filter((move): move is string => Boolean(move)),
  };
}

/**
 * Merges a duplicate organisation into another, as mergeCompanies does for companies: donation
 * responses, joined actions and citations move (without doubling), the duplicate is archived and
 * points to the survivor, and both keep a MERGE revision. Returns the slugs whose pages changed.
 */
export async function mergeOrganizations(user: SessionUser, { fromSlug, intoSlug }: { fromSlug: string; intoSlug: string }): Promise<string[]> {
  requireAdmin(user);
  return db.$transaction(async (tx) => {
    const found = await organizationPair(tx, fromSlug, intoSlug);
    await lockPendingChanges(tx, 'ORGANIZATION', found.from.id);
    await lockRecords(tx, ['ORGANIZATION', found.from.id], ['ORGANIZATION', found.into.id]);
    const { from, into } = await organizationPair(tx, fromSlug, intoSlug);
    await declinePending(tx, user, 'ORGANIZATION', from.id, `${into.name} (/organizations/${into.slug})`);
    const actions = await tx.employeeActionOrganization.findMany({ where: { organizationId: from.id }, select: { actionId: true } });
    // Every organisation those actions name, before the move: their history says what they named, all of it.
    const actionLinks = await tx.employeeActionOrganization.findMany({
      where: { actionId: { in: actions.map((link) => link.actionId) } },
      select: { actionId: true, organizationId: true },
    });
    // Each moved record is at a new version, as a company's merge leaves them (mergeCompanies).
    const responses = await tx.donationResponse.updateManyAndReturn({
      where: { organizationId: from.id },
      data: { organizationId: into.id, updatedAt: new Date(), version: { increment: 1 } },
      select: { id: true, version: true },
    });
    // Organisations merged into the duplicate before lead to the survivor now (as companies do).
    const earlier = await tx.organization.updateManyAndReturn({
      where: { mergedIntoId: from.id },
      data: { mergedIntoId: into.id, updatedAt: new Date(), version: { increment: 1 } },
      select: { id: true, version: true },
    });
    await tx.$executeRaw`INSERT INTO employee_action_organizations (action_id, organization_id)
      SELECT action_id, ${into.id} FROM employee_action_organizations WHERE organization_id = ${from.id} ON CONFLICT DO NOTHING`;
    await tx.employeeActionOrganization.deleteMany({ where: { organizationId: from.id } });
    const citedBy = async (organizationId: string) =>
      sourceIds(await tx.organizationSource.findMany({ where: { organizationId }, select: { sourceId: true } }));
    const sourcesBefore = await citedBy(into.id);
    await tx.$executeRaw`INSERT INTO organization_sources (organization_id, source_id)
      SELECT ${into.id}, source_id FROM organization_sources WHERE organization_id = ${from.id} ON CONFLICT DO NOTHING`;
    const sourcesAfter = await citedBy(into.id);
    // Said in its history when the merge brought sources in, as mergeCompanies says them.
    const sources = sourcesAfter.length > sourcesBefore.length ? { before: { sources: sourcesBefore }, after: { sources: sourcesAfter } } : null;
    const { version: fromVersion } = await tx.organization.update({
      where: { id: from.id },
      data: { mergedIntoId: into.id, status: 'ARCHIVED', version: { increment: 1 } },
      select: { version: true },
    });
    // The survivor changed too: a form opened on it before the merge is now stale.
    const { version: intoVersion } = await tx.organization.update({
      where: { id: into.id },
      data: { version: { increment: 1 } },
      select: { version: true },
    });
    const snapshot = { id: from.id, name: from.name, slug: from.slug, status: from.status };
    await tx.revision.createMany({
      data: [
        revisionRow({ recordType: 'ORGANIZATION', recordId: from.id, kind: 'MERGE', userId: user.id, reason: `Merged into ${into.name}`, before: { version: fromVersion - 1, ...snapshot }, after: { version: fromVersion, ...snapshot, mergedIntoId: into.id, status: 'ARCHIVED' } }),
        revisionRow({ recordType: 'ORGANIZATION', recordId: into.id, kind: 'MERGE', userId: user.id, reason: `${from.name} merged into this organization`, before: { version: intoVersion - 1, ...sources?.before }, after: { version: intoVersion, mergedFrom: from.id, ...sources?.after } }),
      ],
    });
    await markMoved(tx, user, `${from.name} merged into ${into.name}`, [
      { recordType: 'DONATION_RESPONSE', rows: responses, before: { organization: { id: from.id } }, after: { organization: { id: into.id } } },
      {
        recordType: 'EMPLOYEE_ACTION',
        rows: movedLists(
          await movedActions(tx, actions),
          'organizations',
          actionLinks.map((link) => ({ actionId: link.actionId, id: link.organizationId })),
          from.id,
          into.id,
        ),
      },
      { recordType: 'ORGANIZATION', rows: earlier, before: { mergedIntoId: from.id }, after: { mergedIntoId: into.id } },
    ]);
    return [from.slug, into.slug];
  });
}

/** Who took a step, as the administration page's tables name them: name and address, or "—" for the system. */
const byWhom = (user: { name: string; email: string } | null) => (user ? `${user.name} (${user.email})` : '—');

/** How many of the latest merges of companies and organisations the administration page shows. */
export const MERGES_SHOWN = 20;

/**
 * The latest merges of companies and organisations, newest first: which was merged into which, by
 * whom and when (there is no undo, and no public page lists them). Each is read from the survivor's
 * MERGE step, the one that names the duplicate (`mergedFrom`): the duplicate's own step and those of
 * the records the merge moved are the same merge, not counted again. Both records are named as they
 * are now, as their pages and histories name them; the survivor's page is linked while it leads
 * somewhere (published, or merged on, its address leading to the last survivor). One query.
 */
export async function listMerges(user: SessionUser) {
  requireAdmin(user);
  const rows = await db.$queryRaw<{ id: string; type: 'COMPANY' | 'ORGANIZATION'; fromId: string; fromName: string; intoId: string; intoName: string; intoSlug: string; intoShown: boolean; userName: string | null; userEmail: string | null; at: Date }[]>`
    SELECT r.id, r.record_type::text AS type, r.created_at AS at,
           r.after->>'mergedFrom' AS "fromId", COALESCE(fc.name, fo.name) AS "fromName",
           r.record_id AS "intoId", COALESCE(ic.name, io.name) AS "intoName", COALESCE(ic.slug, io.slug) AS "intoSlug",
           COALESCE(ic.status = 'PUBLISHED' OR ic.merged_into_id IS NOT NULL, io.status = 'PUBLISHED' OR io.merged_into_id IS NOT NULL, false) AS "intoShown",
           u.name AS "userName", u.email AS "userEmail"
    FROM revisions r
    LEFT JOIN companies ic ON r.record_type = 'COMPANY' AND ic.id = r.record_id
    LEFT JOIN companies fc ON r.record_type = 'COMPANY' AND fc.id = r.after->>'mergedFrom'
    LEFT JOIN organizations io ON r.record_type = 'ORGANIZATION' AND io.id = r.record_id
    LEFT JOIN organizations fo ON r.record_type = 'ORGANIZATION' AND fo.id = r.after->>'mergedFrom'
    LEFT JOIN users u ON u.id = r.user_id
    WHERE r.kind = 'MERGE' AND r.record_type IN ('COMPANY', 'ORGANIZATION') AND r.after->>'mergedFrom' IS NOT NULL
    ORDER BY r.created_at DESC, r.id DESC
    LIMIT ${MERGES_SHOWN}`;
  return rows.map((row) => ({
    id: row.id,
    kind: row.type === 'COMPANY' ? ('company' as const) : ('organization' as const),
    from: { id: row.fromId, name: row.fromName, history: historyPath(row.type, row.fromId) },
    into: {
      id: row.intoId,
      name: row.intoName,
      href: row.intoShown ? `/${row.type === 'COMPANY' ? 'companies' : 'organizations'}/${row.intoSlug}` : null,
      history: historyPath(row.type, row.intoId),
    },
    by: byWhom(row.userEmail === null ? null : { name: row.userName ?? '', email: row.userEmail }),
    at: row.at,
  }));
}
