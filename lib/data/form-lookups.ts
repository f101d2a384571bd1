import 'server-only';
import { db } from '../db';
import type { VocabularyKind } from '../generated/prisma/enums';
import { citationLabel } from './sources';
import { byLabel, equalsIgnoringCase, nameKey } from '../text';
import { UNSTORABLE } from '../validation/records';

/** A company named in a form: the one whose name or alias it is, else a new one (confirmed or not). */
export async function resolveCompanyName(name: string, confirmNew: boolean): Promise<{ id: string } | { newName: string; confirmNew: boolean } | null> {
  const trimmed = name.trim();
  if (!trimmed) return null;
  // A NUL byte cannot be looked up in PostgreSQL, and a name without a letter or digit names
  // nothing: leave both to the form's validation to refuse.
  if (UNSTORABLE.test(trimmed) || !nameKey(trimmed)) return { newName: trimmed.slice(0, 200), confirmNew };
  const alias = await db.companyAlias.findUnique({ where: { key: nameKey(trimmed) }, select: { company: { select: { id: true, status: true } } } });
  if (alias?.company.status === 'PUBLISHED') return { id: alias.company.id };
  return { newName: trimmed.slice(0, 200), confirmNew };
}

/** An organisation named in a form, by name or acronym (case-insensitive), else a new one. */
export async function resolveOrganizationName(
  name: string,
  confirmNew = false,
): Promise<{ id: string } | { newName: string; confirmNew: boolean } | null> {
  const trimmed = name.trim();
  if (!trimmed) return null;
  if (UNSTORABLE.test(trimmed) || !nameKey(trimmed)) return { newName: trimmed.slice(0, 200), confirmNew };
  // A merged organisation's name still names the one it was merged into (as a company's old name,
  // kept as an alias, does).
  const candidates = await db.organization.findMany({
    where: {
      OR: [
        { status: 'PUBLISHED', mergedIntoId: null },
        { mergedInto: { status: 'PUBLISHED', mergedIntoId: null } },
      ],
      AND: {
        OR: [{ name: equalsIgnoringCase(trimmed) }, { acronym: equalsIgnoringCase(trimmed) }],
      },
    },
    select: { id: true, name: true, mergedIntoId: true },
    orderBy: { id: 'asc' },
  });
  // A name says more than an acronym ("ACLU" the organisation named so before one abbreviated so),
  // and an organisation of its own more than a merged one.
  const rank = (candidate: (typeof candidates)[number]) =>
    (candidate.name.toLowerCase() === trimmed.toLowerCase() ? 0 : 2) + (candidate.mergedIntoId ? 1 : 0);
  const existing = candidates.sort((a, b) => rank(a) - rank(b))[0];
  return existing ? { id: existing.mergedIntoId ?? existing.id } : { newName: trimmed.slice(0, 200), confirmNew };
}

/** The terms editors choose from (forms, issues, tags, employment types), for the action form. */
export async function termOptions(): Promise<TermOptions> {
  const terms = await db.vocabularyTerm.findMany({ where: { mergedIntoId: null }, select: { kind: true, slug: true, label: true } });
  terms.sort(byLabel);
  const of = (kind: VocabularyKind) => terms.filter((term) => term.kind === kind).map((term) => [term.slug, term.label] as const);
  return { forms: of('ACTION_FORM'), issues: of('ISSUE'), tags: of('TAG'), employmentTypes: of('EMPLOYMENT_TYPE') };
}

export type TermOptions = Record<'forms' | 'issues' | 'tags' | 'employmentTypes', (readonly [string, string])[]>;

/**
 * Agencies for the contract form: departments as the awarding agency, and the sub-agencies, each
 * named with its parent. `awarding`, a contract's awarding agency, is offered too when it has been
 * given a parent since: the form opens with it chosen, rather than empty; `sub`, its sub-agency, likewise.
 */
export async function agencyOptions({ awarding, sub }: { awarding?: string; sub?: string } = {}) {
  const agencies = await db.agency.findMany({
    where: { status: 'PUBLISHED' },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, acronym: true, parentId: true },
  });
  const label = (agency: { name: string; acronym: string | null }) => (agency.acronym ? `${agency.name} (${agency.acronym})` : agency.name);
  const parentName = (agency: (typeof agencies)[number]) =>
    label(agencies.find((parent) => parent.id === agency.parentId) ?? { name: '?', acronym: null });
  const withParent = (agency: (typeof agencies)[number]) => `${label(agency)}, part of ${parentName(agency)}`;
  // A contract's sub-agency as recorded, though not under its awarding agency on record (an import
  // names both as USAspending's file does): offered under that agency, so that saving the form keeps
  // it rather than dropping it unasked (lib/data/change-apply.ts accepts it as kept).
  const recorded = sub ? agencies.find((agency) => agency.id === sub) : undefined;
  const strayed = recorded && awarding && recorded.parentId !== awarding ? recorded : undefined;
  const awardingName = label(agencies.find((agency) => agency.id === awarding) ?? { name: '?', acronym: null });
  const subAgencies = agencies.filter((agency) => agency.parentId && agency.id !== strayed?.id);
  return {
    agencies: agencies
      .filter((agency) => !agency.parentId || agency.id === awarding)
      .map((agency) => [agency.id, agency.parentId ? withParent(agency) : label(agency)] as const),
    // Grouped under their agency, which the contract form narrows them to once one is chosen.
    subAgencies: [
      ...(strayed
        ? [
            [
              strayed.id,
              `${label(strayed)}, as recorded (not under ${awardingName} on record)`,
              `Under ${awardingName}`,
            ] as const,
          ]
        : []),
      ...subAgencies.map((agency) => [agency.id, withParent(agency), `Under ${parentName(agency)}`] as const),
    ],
    parentOf: Object.fromEntries([
      ...subAgencies.map((agency) => [agency.id, agency.parentId as string]),
      ...(strayed && awarding ? [[strayed.id, awarding]] : []),
    ]),
  };
}

/**
 * Sources without a web address (a printed report, a letter quoted by a newspaper) that a form can
 * cite by choosing them, labelled by title, publisher and date; the latest first, at most 500.
 * Some are cited by no public record yet: pages offer them to signed-in people only
 * (`sourcesToOffer`, lib/auth/form-sources.ts).
 */
export async function sourcesWithoutAddress(): Promise<(readonly [string, string])[]> {
  const rows = await db.source.findMany({
    where: { url: null },
    orderBy: [{ publishedAt: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
    take: 500,
    select: { id: true, title: true, publisher: true, publishedAt: true, publishedPrecision: true },
  });
  return rows.map((row) => [row.id, citationLabel(row)] as const);
}

/**
 * Why an agency's department cannot change as freely as another's, said on its form, and the
 * departments the form may offer besides the one it has; null when any may be chosen. It has
 * agencies under it (it is a department), or contracts name it as the sub-agency of theirs: then
 * only their department, when it is not under it yet (lib/data/change-apply.ts refuses the rest).
 */
export async function agencyParentFixed(id: string): Promise<{ reason: string; offered: string[] } | null> {
  const [below, agency, departments] = await Promise.all([
    db.agency.count({ where: { parentId: id } }),
    db.agency.findUnique({ where: { id }, select: { parentId: true } }),
    db.governmentContract.findMany({
      where: { subAgencyId: id },
      distinct: ['agencyId'],
      select: { agencyId: true, agency: { select: { name: true } } },
    }),
  ]);
  if (below) return { reason: 'It has agencies under it: it is a department, part of none.', offered: [] };
  const [only] = departments;
  if (!only) return null;
  if (departments.length === 1 && only.agencyId !== agency?.parentId) {
    return {
      reason: `Contracts awarded by ${only.agency.name} name it as their sub-agency: it can be put under ${only.agency.name}, and no other department.`,
      offered: [only.agencyId],
    };
  }
  return {
    reason: `Contracts name it as the sub-agency of ${departments.map((department) => department.agency.name).join(' and ')}: its department stays as it is.`,
    offered: [],
  };
}
