import 'server-only';
import { db } from '../db';
import type { Role } from '../generated/prisma/enums';
import { NotAllowed, hasRole, type SessionUser } from '../auth/roles';
import { revisionRow } from '../records/revisions';
import { nameKey } from '../text';
import { termSlug } from '../vocabulary';
import { lockRecords } from './record-lock';
import { ChangeRejected } from './changes';

function requireAdmin(user: SessionUser) {
  if (!hasRole(user, 'ADMIN')) throw new NotAllowed('Only admins manage accounts and merges.');
}

export async function listUsers(user: SessionUser) {
  requireAdmin(user);
  return db.user.findMany({ orderBy: { email: 'asc' }, select: { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true } });
}

/** The latest security events (sign-ins, refusals, blocks, account changes), newest first, with who did them. */
export async function listAuditEvents(user: SessionUser, take = 100) {
  requireAdmin(user);
  const events = await db.auditEvent.findMany({
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    select: { id: true, kind: true, userId: true, actorId: true, email: true, ip: true, details: true, createdAt: true },
  });
  const ids = [...new Set(events.flatMap((event) => [event.userId, event.actorId]).filter((id): id is string => Boolean(id)))];
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((row) => [row.id, row.email]),
  );
  return events.map((event) => ({
    ...event,
    account: (event.userId && users.get(event.userId)) ?? event.email,
    actor: event.actorId ? (users.get(event.actorId) ?? null) : null,
  }));
}

/** Changes an account's role. Takes effect on the account's next request: roles are read from the database every time. */
export async function changeRole(user: SessionUser, { userId, role }: { userId: string; role: Role }): Promise<void> {
  requireAdmin(user);
  if (!['EDITOR', 'REVIEWER', 'ADMIN'].includes(role)) throw new ChangeRejected('Unknown role.', { role: ['Choose editor, reviewer or admin.'] });
  if (userId === user.id) throw new ChangeRejected('You cannot change your own role; ask another admin.');
  const before = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
  if (!before) throw new ChangeRejected('No such account.');
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { role } }),
    db.auditEvent.create({ data: { kind: 'ROLE_CHANGED', userId, actorId: user.id, details: { from: before.role, to: role } } }),
  ]);
}

/** Disables or re-enables an account; a disabled account is signed out on its next request. */
export async function setDisabled(user: SessionUser, { userId, disabled }: { userId: string; disabled: boolean }): Promise<void> {
  requireAdmin(user);
  if (userId === user.id) throw new ChangeRejected('You cannot disable your own account.');
  const { count } = await db.user.updateMany({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } });
  if (count === 0) throw new ChangeRejected('No such account.');
  await db.auditEvent.create({ data: { kind: disabled ? 'USER_DISABLED' : 'USER_ENABLED', userId, actorId: user.id } });
}

/**
 * Merges a duplicate company into another: every contract, action, donation response, statement,
 * subsidiary, alias and citation moves to the survivor; the duplicate's name becomes an alias;
 * the duplicate is archived and points to the survivor, so its old address redirects; both keep
 * their histories (a MERGE revision on each). Returns the slugs whose pages changed.
 */
export async function mergeCompanies(user: SessionUser, { fromSlug, intoSlug }: { fromSlug: string; intoSlug: string }): Promise<string[]> {
  requireAdmin(user);
  if (fromSlug === intoSlug) throw new ChangeRejected('Choose two different companies.');
  return db.$transaction(async (tx) => {
    const [from, into] = await Promise.all([
      tx.company.findFirst({ where: { slug: fromSlug, mergedIntoId: null }, select: { id: true, name: true, slug: true, parentId: true } }),
      tx.company.findFirst({ where: { slug: intoSlug, mergedIntoId: null, status: 'PUBLISHED' }, select: { id: true, name: true, slug: true } }),
    ]);
    if (!from || !into) throw new ChangeRejected('Both companies must exist, and neither may already be merged.');
    if (from.id === into.id) throw new ChangeRejected('Choose two different companies.');
    // No publish or restore of either runs meanwhile; then check again that neither was merged.
    await lockRecords(tx, ['COMPANY', from.id], ['COMPANY', into.id]);
    const unmerged = await tx.company.count({ where: { id: { in: [from.id, into.id] }, mergedIntoId: null } });
    if (unmerged !== 2) throw new ChangeRejected('Both companies must exist, and neither may already be merged.');

    await tx.governmentContract.updateMany({ where: { companyId: from.id }, data: { companyId: into.id } });
    await tx.donationResponse.updateMany({ where: { companyId: from.id }, data: { companyId: into.id } });
    await tx.companyStatement.updateMany({ where: { companyId: from.id }, data: { companyId: into.id } });
    // A survivor inside the duplicate's family (its subsidiary, at any depth) takes the duplicate's
    // place in the tree first: the subsidiaries moved to it must not end up among its parents.
    const [{ inside } = { inside: false }] = await tx.$queryRaw<{ inside: boolean }[]>`
      WITH RECURSIVE up AS (
        SELECT id, parent_id FROM companies WHERE id = ${into.id}
        UNION
        SELECT c.id, c.parent_id FROM companies c JOIN up ON c.id = up.parent_id
      ) SELECT EXISTS (SELECT 1 FROM up WHERE id = ${from.id}) AS inside`;
    if (inside) await tx.company.update({ where: { id: into.id }, data: { parentId: from.parentId } });
    await tx.company.updateMany({ where: { parentId: from.id, id: { not: into.id } }, data: { parentId: into.id } });
    // Links that the survivor already has are dropped rather than doubled.
    await tx.$executeRaw`INSERT INTO employee_action_companies (action_id, company_id)
      SELECT action_id, ${into.id} FROM employee_action_companies WHERE company_id = ${from.id} ON CONFLICT DO NOTHING`;
    await tx.employeeActionCompany.deleteMany({ where: { companyId: from.id } });
    await tx.$executeRaw`INSERT INTO company_sources (company_id, source_id)
      SELECT ${into.id}, source_id FROM company_sources WHERE company_id = ${from.id} ON CONFLICT DO NOTHING`;
    await tx.companyAlias.updateMany({ where: { companyId: from.id }, data: { companyId: into.id } });
    await tx.companyAlias.createMany({ data: [{ companyId: into.id, name: from.name, key: nameKey(from.name) }], skipDuplicates: true });
    await tx.company.update({ where: { id: from.id }, data: { mergedIntoId: into.id, status: 'ARCHIVED', version: { increment: 1 } } });

    await tx.revision.createMany({
      data: [
        // What changed, not what was left out: the duplicate keeps its name and address, and points to the survivor.
        revisionRow({ recordType: 'COMPANY', recordId: from.id, kind: 'MERGE', userId: user.id, reason: `Merged into ${into.name}`, before: from, after: { ...from, mergedIntoId: into.id, status: 'ARCHIVED' } }),
        revisionRow({ recordType: 'COMPANY', recordId: into.id, kind: 'MERGE', userId: user.id, reason: `${from.name} merged into this company`, after: { mergedFrom: from.id } }),
      ],
    });
    return [from.slug, into.slug];
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
export async function survivingCompanySlug(slug: string): Promise<string> {
  let current = slug;
  for (let hop = 0; hop < 5; hop += 1) {
    const target = await mergedCompanyTarget(current);
    if (!target) break;
    current = target;
  }
  return current;
}

const VOCABULARY_KINDS = ['ACTION_FORM', 'ISSUE', 'TAG', 'EMPLOYMENT_TYPE'] as const;
type VocabularyKindName = (typeof VOCABULARY_KINDS)[number];

/** The controlled lists with how often each term is used, for the admins' page. */
export async function listVocabulary(user: SessionUser) {
  requireAdmin(user);
  const rows = await db.vocabularyTerm.findMany({
    where: { mergedIntoId: null },
    orderBy: [{ kind: 'asc' }, { label: 'asc' }],
    select: { id: true, kind: true, slug: true, label: true, _count: { select: { actions: true } } },
  });
  return rows.map((row) => ({ id: row.id, kind: row.kind, slug: row.slug, label: row.label, uses: row._count.actions }));
}

/** Adds a term to a controlled list; a label that reduces to an existing slug is refused. */
export async function addTerm(user: SessionUser, { kind, label }: { kind: string; label: string }): Promise<void> {
  requireAdmin(user);
  if (!VOCABULARY_KINDS.includes(kind as VocabularyKindName)) throw new ChangeRejected('Choose a list.', { kind: ['Choose a list.'] });
  const clean = label.replace(/\s+/g, ' ').trim();
  if (!clean || clean.length > 80) throw new ChangeRejected('Give a label of at most 80 characters.', { label: ['Give a label of at most 80 characters.'] });
  const slug = termSlug(clean);
  const taken = await db.vocabularyTerm.findUnique({ where: { kind_slug: { kind: kind as VocabularyKindName, slug } }, select: { label: true } });
  if (taken) throw new ChangeRejected(`“${taken.label}” is already in this list.`, { label: [`“${taken.label}” is already in this list.`] });
  const term = await db.vocabularyTerm.create({ data: { kind: kind as VocabularyKindName, slug, label: clean } });
  await db.revision.create({ data: revisionRow({ recordType: 'VOCABULARY_TERM', recordId: term.id, kind: 'CREATE', userId: user.id, after: term }) });
}

/**
 * Merges one term into another of the same list ("coworker solidarity" and its duplicate):
 * every action moves to the survivor, the merged term's slug becomes an alias (so imports map it
 * too), and the merged term points at the survivor.
 */
export async function mergeTerms(user: SessionUser, { fromId, intoId }: { fromId: string; intoId: string }): Promise<void> {
  requireAdmin(user);
  await db.$transaction(async (tx) => {
    const [from, into] = await Promise.all([
      tx.vocabularyTerm.findUnique({ where: { id: fromId }, select: { id: true, kind: true, slug: true, label: true, mergedIntoId: true } }),
      tx.vocabularyTerm.findUnique({ where: { id: intoId }, select: { id: true, kind: true, label: true, mergedIntoId: true } }),
    ]);
    if (!from || !into || from.id === into.id || from.kind !== into.kind || from.mergedIntoId || into.mergedIntoId) {
      throw new ChangeRejected('Choose two different, unmerged terms of the same list.');
    }
    await tx.$executeRaw`INSERT INTO employee_action_terms (action_id, term_id)
      SELECT action_id, ${into.id} FROM employee_action_terms WHERE term_id = ${from.id} ON CONFLICT DO NOTHING`;
    await tx.employeeActionTerm.deleteMany({ where: { termId: from.id } });
    await tx.vocabularyAlias.updateMany({ where: { termId: from.id }, data: { termId: into.id } });
    await tx.vocabularyAlias.createMany({ data: [{ kind: from.kind, key: from.slug, termId: into.id }], skipDuplicates: true });
    await tx.vocabularyTerm.update({ where: { id: from.id }, data: { mergedIntoId: into.id } });
    await tx.revision.create({
      data: revisionRow({ recordType: 'VOCABULARY_TERM', recordId: from.id, kind: 'MERGE', userId: user.id, reason: `Merged into ${into.label}`, before: from, after: { ...from, mergedIntoId: into.id } }),
    });
  });
}

/**
 * Merges a duplicate organisation into another, as mergeCompanies does for companies: donation
 * responses, joined actions and citations move (without doubling), the duplicate is archived and
 * points to the survivor, and both keep a MERGE revision. Returns the slugs whose pages changed.
 */
export async function mergeOrganizations(user: SessionUser, { fromSlug, intoSlug }: { fromSlug: string; intoSlug: string }): Promise<string[]> {
  requireAdmin(user);
  if (fromSlug === intoSlug) throw new ChangeRejected('Choose two different organizations.');
  return db.$transaction(async (tx) => {
    const [from, into] = await Promise.all([
      tx.organization.findFirst({ where: { slug: fromSlug, mergedIntoId: null }, select: { id: true, name: true, slug: true } }),
      tx.organization.findFirst({ where: { slug: intoSlug, mergedIntoId: null, status: 'PUBLISHED' }, select: { id: true, name: true, slug: true } }),
    ]);
    if (!from || !into) throw new ChangeRejected('Both organizations must exist, and neither may already be merged.');
    await lockRecords(tx, ['ORGANIZATION', from.id], ['ORGANIZATION', into.id]);
    const unmerged = await tx.organization.count({ where: { id: { in: [from.id, into.id] }, mergedIntoId: null } });
    if (unmerged !== 2) throw new ChangeRejected('Both organizations must exist, and neither may already be merged.');
    await tx.donationResponse.updateMany({ where: { organizationId: from.id }, data: { organizationId: into.id } });
    await tx.$executeRaw`INSERT INTO employee_action_organizations (action_id, organization_id)
      SELECT action_id, ${into.id} FROM employee_action_organizations WHERE organization_id = ${from.id} ON CONFLICT DO NOTHING`;
    await tx.employeeActionOrganization.deleteMany({ where: { organizationId: from.id } });
    await tx.$executeRaw`INSERT INTO organization_sources (organization_id, source_id)
      SELECT ${into.id}, source_id FROM organization_sources WHERE organization_id = ${from.id} ON CONFLICT DO NOTHING`;
    await tx.organization.update({ where: { id: from.id }, data: { mergedIntoId: into.id, status: 'ARCHIVED', version: { increment: 1 } } });
    await tx.revision.createMany({
      data: [
        revisionRow({ recordType: 'ORGANIZATION', recordId: from.id, kind: 'MERGE', userId: user.id, reason: `Merged into ${into.name}`, before: from, after: { ...from, mergedIntoId: into.id, status: 'ARCHIVED' } }),
        revisionRow({ recordType: 'ORGANIZATION', recordId: into.id, kind: 'MERGE', userId: user.id, reason: `${from.name} merged into this organization`, after: { mergedFrom: from.id } }),
      ],
    });
    return [from.slug, into.slug];
  });
}
