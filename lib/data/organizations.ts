import 'server-only';
import { ORGANIZATION_SORTS } from '../validation/public-params';
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import type { ActionOutcome, DatePrecision, DonationResponseKind, OrganizationKind } from '../generated/prisma/enums';
import { cite, citations, type Citation } from './sources';

const PUBLISHED = 'PUBLISHED' as const;

export interface OrganizationSummary {
  slug: string;
  name: string;
  acronym: string | null;
  kind: OrganizationKind;
  /** Published donation responses naming it as recipient (of published companies). */
  donationCount: number;
  /** Published employee actions it joined. */
  actionCount: number;
}

export const ORGANIZATIONS_PER_PAGE = 50;
export { ORGANIZATION_SORTS } from '../validation/public-params';
export type OrganizationSort = (typeof ORGANIZATION_SORTS)[number];

export interface OrganizationListOptions {
  page?: number;
  /** name: A to Z; donations: most donation responses first; actions: most actions joined first. */
  sort?: OrganizationSort;
}

const SORTS: Record<OrganizationSort, Prisma.Sql> = {
  name: Prisma.sql`o.name ASC, o.slug ASC`,
  donations: Prisma.sql`donations DESC, o.name ASC, o.slug ASC`,
  actions: Prisma.sql`actions DESC, o.name ASC, o.slug ASC`,
};

// A merged organization lives on under the survivor's name: lists leave it out.
const listed = { status: PUBLISHED, mergedIntoId: null } as const;

/** Published organizations with their counts of donation responses and actions joined, one page at a time. Two queries. */
export async function listOrganizations({ page = 1, sort = 'name' }: OrganizationListOptions = {}): Promise<{
  organizations: OrganizationSummary[];
  total: number;
  pages: number;
}> {
  const [total, rows] = await Promise.all([
    db.organization.count({ where: listed }),
    db.$queryRaw<
      { slug: string; name: string; acronym: string | null; kind: OrganizationKind; donations: bigint; actions: bigint }[]
    >`
      SELECT o.slug, o.name, o.acronym, o.kind::text AS kind,
             (SELECT count(*) FROM donation_responses d JOIN companies c ON c.id = d.company_id
              WHERE d.organization_id = o.id AND d.status = 'PUBLISHED' AND c.status = 'PUBLISHED') AS donations,
             (SELECT count(*) FROM employee_action_organizations l JOIN employee_actions a ON a.id = l.action_id
              WHERE l.organization_id = o.id AND a.status = 'PUBLISHED') AS actions
      FROM organizations o
      WHERE o.status = 'PUBLISHED' AND o.merged_into_id IS NULL
      ORDER BY ${SORTS[sort]}
      LIMIT ${ORGANIZATIONS_PER_PAGE} OFFSET ${(page - 1) * ORGANIZATIONS_PER_PAGE}`,
  ]);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / ORGANIZATIONS_PER_PAGE)),
    organizations: rows.map((row) => ({
      slug: row.slug,
      name: row.name,
      acronym: row.acronym,
      kind: row.kind,
      donationCount: Number(row.donations),
      actionCount: Number(row.actions),
    })),
  };
}

export interface OrganizationDonationResponse {
  id: string;
  company: { slug: string; name: string };
  response: DonationResponseKind;
  /** The Decimal's string ("250000"); null when not known. */
  amount: string | null;
  currency: string;
  amountUndisclosed: boolean;
  date: Date | null;
  datePrecision: DatePrecision;
  reason: string | null;
  quote: string | null;
  quoteAttribution: string | null;
  sources: Citation[];
}

export interface OrganizationAction {
  id: string;
  title: string;
  startDate: Date;
  datePrecision: DatePrecision;
  outcome: ActionOutcome;
  companies: { slug: string; name: string }[];
}

export interface OrganizationProfile {
  id: string;
  slug: string;
  name: string;
  acronym: string | null;
  kind: OrganizationKind;
  country: string | null;
  website: string | null;
  description: string | null;
  /** Set when this organization was merged into another published one: its page points there. */
  mergedInto: { slug: string; name: string } | null;
  /** Newest first, undated last. */
  donationResponses: OrganizationDonationResponse[];
  /** Published employee actions it joined, newest first. */
  actions: OrganizationAction[];
  sources: Citation[];
}

/** Where a merged organization's old address now leads; null when it was not merged. */
export async function mergedOrganizationTarget(slug: string): Promise<string | null> {
  const organization = await db.organization.findUnique({ where: { slug }, select: { mergedInto: { select: { slug: true } } } });
  return organization?.mergedInto?.slug ?? null;
}

/**
 * A published organization with its donation responses, the actions it joined and its sources;
 * null when there is no such published organization. One query.
 */
export async function getOrganizationBySlug(slug: string): Promise<OrganizationProfile | null> {
  const organization = await db.organization.findFirst({
    where: { slug, status: PUBLISHED },
    select: {
      id: true,
      slug: true,
      name: true,
      acronym: true,
      kind: true,
      country: true,
      website: true,
      description: true,
      mergedInto: { select: { slug: true, name: true, status: true } },
      sources: cite,
      donationResponses: {
        where: { status: PUBLISHED, company: { status: PUBLISHED } },
        orderBy: [{ date: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
        select: {
          id: true,
          company: { select: { slug: true, name: true } },
          response: true,
          amount: true,
          currency: true,
          amountUndisclosed: true,
          date: true,
          datePrecision: true,
          reason: true,
          quote: true,
          quoteAttribution: true,
          sources: cite,
        },
      },
      actions: {
        where: { action: { status: PUBLISHED } },
        orderBy: [{ action: { startDate: 'desc' } }, { actionId: 'asc' }],
        select: {
          action: {
            select: {
              id: true,
              title: true,
              startDate: true,
              datePrecision: true,
              outcome: true,
              companies: {
                where: { company: { status: PUBLISHED } },
                orderBy: { company: { name: 'asc' } },
                select: { company: { select: { slug: true, name: true } } },
              },
            },
          },
        },
      },
    },
  });
  if (!organization) return null;
  return {
    id: organization.id,
    slug: organization.slug,
    name: organization.name,
    acronym: organization.acronym,
    kind: organization.kind,
    country: organization.country,
    website: organization.website,
    description: organization.description,
    mergedInto:
      organization.mergedInto?.status === PUBLISHED
        ? { slug: organization.mergedInto.slug, name: organization.mergedInto.name }
        : null,
    donationResponses: organization.donationResponses.map((donation) => ({
      ...donation,
      amount: donation.amount?.toString() ?? null,
      sources: citations(donation.sources),
    })),
    actions: organization.actions.map(({ action }) => ({
      ...action,
      companies: action.companies.map((link) => link.company),
    })),
    sources: citations(organization.sources),
  };
}
