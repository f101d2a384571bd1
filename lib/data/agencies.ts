import 'server-only';
import { AGENCY_SORTS } from '../validation/public-params';
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import type { ActionOutcome, AgencyLevel, ContractStatus, DatePrecision } from '../generated/prisma/enums';
import { contractStatusText, statusFactsSelect } from '../contract-status';
import { cite, citations, type Citation } from './sources';
import { nameKey, statementHeadline } from '../text';
import { usDollarsFirst } from '../money';
import { donationTitleSelect, titleOfDonation } from './incident-index';

const PUBLISHED = 'PUBLISHED' as const;

/** A sum of money in one currency; `amount` is the Decimal's string ("3500000.5"), never a float. */
export interface MoneyTotal {
  currency: string;
  amount: string;
}

export interface AgencyLink {
  slug: string;
  name: string;
  acronym: string | null;
}

export interface AgencySummary extends AgencyLink {
  level: AgencyLevel;
  parent: AgencyLink | null;
  /** Published contracts whose awarding agency or awarding sub-agency is this agency. */
  contractCount: number;
  /** Their obligated amounts summed per currency, US dollars first; empty when none is known. */
  obligated: MoneyTotal[];
  /** How many of them have no known obligated amount (left out of `obligated`). */
  contractsWithoutAmount: number;
}

export const AGENCIES_PER_PAGE = 50;
export { AGENCY_SORTS } from '../validation/public-params';
export type AgencySort = (typeof AGENCY_SORTS)[number];

export interface AgencyListOptions {
  page?: number;
  /** name: A to Z; contracts: most contracts first; value: largest obligated total in US dollars first. */
  sort?: AgencySort;
}

const SORTS: Record<AgencySort, Prisma.Sql> = {
  name: Prisma.sql`a.name ASC, a.slug ASC`,
  contracts: Prisma.sql`contracts DESC, a.name ASC, a.slug ASC`,
  value: Prisma.sql`usd_obligated DESC NULLS LAST, a.name ASC, a.slug ASC`,
};

/*
 * The contracts public pages count: published, of a published company (an unpublished company's
 * contract would show its name). Shared by the list and the profile so that their figures agree.
 */
const visibleContract = { status: PUBLISHED, company: { status: PUBLISHED } } as const;

/** Published agencies with their contract counts and obligated totals, sorted, one page at a time. Two queries. */
export async function listAgencies({ page = 1, sort = 'name' }: AgencyListOptions = {}): Promise<{
  agencies: AgencySummary[];
  total: number;
  pages: number;
}> {
  const [total, rows] = await Promise.all([
    db.agency.count({ where: { status: PUBLISHED } }),
    db.$queryRaw<
      {
        slug: string;
        name: string;
        acronym: string | null;
        level: AgencyLevel;
        parent_slug: string | null;
        parent_name: string | null;
        parent_acronym: string | null;
        contracts: bigint;
        without_amount: bigint;
        obligated: MoneyTotal[];
      }[]
    >`
      WITH visible AS (
        SELECT k.id, k.agency_id, k.sub_agency_id, k.obligated_amount, k.currency
        FROM government_contracts k JOIN companies c ON c.id = k.company_id
        WHERE k.status = 'PUBLISHED' AND c.status = 'PUBLISHED'
      ),
      -- Each (agency, contract) pair once, even when a contract names the same agency twice.
      links AS (
        SELECT agency_id AS agency, id, obligated_amount, currency FROM visible
        UNION
        SELECT sub_agency_id, id, obligated_amount, currency FROM visible WHERE sub_agency_id IS NOT NULL
      ),
      counts AS (
        SELECT agency, count(*) AS contracts, count(*) FILTER (WHERE obligated_amount IS NULL) AS without_amount
        FROM links GROUP BY agency
      ),
      per_currency AS (
        SELECT agency, currency, sum(obligated_amount) AS amount
        FROM links WHERE obligated_amount IS NOT NULL GROUP BY agency, currency
      ),
      totals AS (
        SELECT agency,
               json_agg(json_build_object('currency', currency, 'amount', trim_scale(amount)::text)
                        ORDER BY currency <> 'USD', currency) AS obligated,
               sum(amount) FILTER (WHERE currency = 'USD') AS usd_obligated
        FROM per_currency GROUP BY agency
      )
      SELECT a.slug, a.name, a.acronym, a.level::text AS level,
             p.slug AS parent_slug, p.name AS parent_name, p.acronym AS parent_acronym,
             coalesce(n.contracts, 0) AS contracts, coalesce(n.without_amount, 0) AS without_amount,
             coalesce(t.obligated, '[]'::json) AS obligated, t.usd_obligated
      FROM agencies a
      LEFT JOIN agencies p ON p.id = a.parent_id AND p.status = 'PUBLISHED'
      LEFT JOIN counts n ON n.agency = a.id
      LEFT JOIN totals t ON t.agency = a.id
      WHERE a.status = 'PUBLISHED'
      ORDER BY ${SORTS[sort]}
      LIMIT ${AGENCIES_PER_PAGE} OFFSET ${(page - 1) * AGENCIES_PER_PAGE}`,
  ]);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / AGENCIES_PER_PAGE)),
    agencies: rows.map((row) => ({
      slug: row.slug,
      name: row.name,
      acronym: row.acronym,
      level: row.level,
      parent:
        row.parent_slug !== null && row.parent_name !== null
          ? { slug: row.parent_slug, name: row.parent_name, acronym: row.parent_acronym }
          : null,
      contractCount: Number(row.contracts),
      obligated: row.obligated,
      contractsWithoutAmount: Number(row.without_amount),
    })),
  };
}

export interface AgencyContractor {
  slug: string;
  name: string;
  contractCount: number;
  /** Summed per currency, US dollars first; contracts without an amount are left out (and counted). */
  obligated: MoneyTotal[];
  potential: MoneyTotal[];
  obligatedUnknown: number;
  potentialUnknown: number;
}

export interface AgencyContract {
  id: string;
  title: string;
  company: { slug: string; name: string };
  agency: AgencyLink & { published: boolean };
  subAgency: (AgencyLink & { published: boolean }) | null;
  contractStatus: ContractStatus;
  /** The status in words, dated (lib/contract-status.ts): "Active (as reported 19 July 2018)". */
  statusText: string;
  obligatedAmount: string | null;
  potentialAmount: string | null;
  currency: string;
  awardDate: Date | null;
  awardDatePrecision: DatePrecision;
  sources: Citation[];
}

export interface AgencyAction {
  id: string;
  title: string;
  startDate: Date;
  datePrecision: DatePrecision;
  outcome: ActionOutcome;
  /** The companies whose contracts with this agency the action targeted. */
  companies: { slug: string; name: string }[];
}

export interface AgencyProfile {
  id: string;
  slug: string;
  name: string;
  acronym: string | null;
  /** Other names it goes by ("Pentagon"). */
  aliases: string[];
  level: AgencyLevel;
  country: string;
  website: string | null;
  parent: AgencyLink | null;
  subAgencies: AgencyLink[];
  sources: Citation[];
  /** Companies with published contracts from this agency or any agency under it, most contracts first. */
  contractors: AgencyContractor[];
  /** Those contracts, newest award first (undated last). */
  contracts: AgencyContract[];
  /** Published employee actions against those contracts, newest first. */
  actions: AgencyAction[];
  /** Published donation responses and company statements that name those contracts, newest first (undated last). */
  responses: AgencyResponse[];
}

/** A donation response or a company statement naming one of an agency's contracts. */
export interface AgencyResponse {
  kind: 'donation' | 'statement';
  id: string;
  title: string;
  date: Date | null;
  datePrecision: DatePrecision;
}

const agencyLink = { select: { slug: true, name: true, acronym: true, status: true } } as const;
const linkOf = (agency: AgencyLink & { status: string }) => ({
  slug: agency.slug,
  name: agency.name,
  acronym: agency.acronym,
  published: agency.status === PUBLISHED,
});

/**
 * A published agency with its family, contractors, contracts, the employee actions against them,
 * the donation responses and statements about them, and its sources; null when there is no such
 * published agency. Six queries, whatever its size: the agency with the agencies under it, then
 * contracts, per-company sums, actions, donation responses and statements at once (the records the
 * agency's feed and its exports' `agency` filter hold).
 */
export async function getAgencyBySlug(slug: string): Promise<AgencyProfile | null> {
  const agency = await db.agency.findFirst({
    where: { slug, status: PUBLISHED },
    select: {
      id: true,
      slug: true,
      name: true,
      acronym: true,
      aliases: true,
      level: true,
      country: true,
      website: true,
      parent: agencyLink,
      subAgencies: {
        where: { status: PUBLISHED },
        orderBy: [{ name: 'asc' }, { slug: 'asc' }],
        select: { slug: true, name: true, acronym: true },
      },
      sources: cite,
    },
  });
  if (!agency) return null;

  // Its contracts as every other page, list, filter and export counts them: those it awarded as the
  // agency or as the sub-agency. A contract names a department and the agency under it (the contract
  // form refuses another awarding agency), so a department's take in its sub-agencies' contracts.
  const contractWhere = {
    ...visibleContract,
    OR: [{ agencyId: agency.id }, { subAgencyId: agency.id }],
  } satisfies Prisma.GovernmentContractWhereInput;

  const [contracts, sums, actions, donations, statements] = await Promise.all([
    db.governmentContract.findMany({
      where: contractWhere,
      // Ties as the contracts' export and API break them (the latest entered first), so the page and its file list alike.
      orderBy: [{ awardDate: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
      select: {
        id: true,
        title: true,
        company: { select: { id: true, slug: true, name: true } },
        agency: agencyLink,
        subAgency: agencyLink,
        ...statusFactsSelect,
        obligatedAmount: true,
        potentialAmount: true,
        currency: true,
        awardDate: true,
        awardDatePrecision: true,
        sources: cite,
      },
    }),
    db.governmentContract.groupBy({
      by: ['companyId', 'currency'],
      where: contractWhere,
      orderBy: [{ companyId: 'asc' }, { currency: 'asc' }],
      // Counting a column counts its values: the contracts without one are the rest.
      _count: { _all: true, obligatedAmount: true, potentialAmount: true },
      _sum: { obligatedAmount: true, potentialAmount: true },
    }),
    db.employeeAction.findMany({
      where: { status: PUBLISHED, contracts: { some: { contract: contractWhere } } },
      orderBy: [{ startDate: 'desc' }, { title: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        title: true,
        startDate: true,
        datePrecision: true,
        outcome: true,
        contracts: {
          where: { contract: contractWhere },
          select: { contract: { select: { company: { select: { slug: true, name: true } } } } },
        },
      },
    }),
    db.donationResponse.findMany({
      where: { status: PUBLISHED, company: { status: PUBLISHED }, contracts: { some: { contract: contractWhere } } },
      orderBy: [{ date: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
      select: { ...donationTitleSelect, date: true, datePrecision: true },
    }),
    db.companyStatement.findMany({
      where: { status: PUBLISHED, company: { status: PUBLISHED }, contract: contractWhere },
      orderBy: [{ date: 'desc' }, { id: 'asc' }],
      select: { id: true, date: true, datePrecision: true, summary: true, company: { select: { name: true } } },
    }),
  ]);

  const companyOf = new Map(contracts.map((contract) => [contract.company.id, contract.company]));
  const contractors = new Map<string, AgencyContractor>();
  for (const sum of sums) {
    const company = companyOf.get(sum.companyId);
    if (!company) continue; // published between the two reads: shown on the next one
    const contractor = contractors.get(sum.companyId) ?? {
      slug: company.slug,
      name: company.name,
      contractCount: 0,
      obligated: [],
      potential: [],
      obligatedUnknown: 0,
      potentialUnknown: 0,
    };
    contractor.contractCount += sum._count._all;
    contractor.obligatedUnknown += sum._count._all - sum._count.obligatedAmount;
    contractor.potentialUnknown += sum._count._all - sum._count.potentialAmount;
    if (sum._sum.obligatedAmount)
      contractor.obligated.push({ currency: sum.currency, amount: sum._sum.obligatedAmount.toString() });
    if (sum._sum.potentialAmount)
      contractor.potential.push({ currency: sum.currency, amount: sum._sum.potentialAmount.toString() });
    contractors.set(sum.companyId, contractor);
  }
  const collator = new Intl.Collator('en');

  return {
    id: agency.id,
    slug: agency.slug,
    name: agency.name,
    acronym: agency.acronym,
    aliases: agency.aliases,
    level: agency.level,
    country: agency.country,
    website: agency.website,
    parent:
      agency.parent?.status === PUBLISHED
        ? { slug: agency.parent.slug, name: agency.parent.name, acronym: agency.parent.acronym }
        : null,
    subAgencies: agency.subAgencies,
    sources: citations(agency.sources),
    contractors: [...contractors.values()]
      .map((contractor) => ({
        ...contractor,
        obligated: contractor.obligated.sort(usDollarsFirst),
        potential: contractor.potential.sort(usDollarsFirst),
      }))
      .sort((a, b) => b.contractCount - a.contractCount || collator.compare(a.name, b.name)),
    contracts: contracts.map((contract) => ({
      id: contract.id,
      title: contract.title,
      company: { slug: contract.company.slug, name: contract.company.name },
      agency: linkOf(contract.agency),
      subAgency: contract.subAgency ? linkOf(contract.subAgency) : null,
      contractStatus: contract.contractStatus,
      statusText: contractStatusText({ ...contract, sources: citations(contract.sources) }),
      obligatedAmount: contract.obligatedAmount?.toString() ?? null,
      potentialAmount: contract.potentialAmount?.toString() ?? null,
      currency: contract.currency,
      awardDate: contract.awardDate,
      awardDatePrecision: contract.awardDatePrecision,
      sources: citations(contract.sources),
    })),
    actions: actions.map((action) => {
      const companies = new Map(action.contracts.map(({ contract }) => [contract.company.slug, contract.company]));
      return {
        id: action.id,
        title: action.title,
        startDate: action.startDate,
        datePrecision: action.datePrecision,
        outcome: action.outcome,
        companies: [...companies.values()].sort((a, b) => collator.compare(a.name, b.name)),
      };
    }),
    responses: [
      ...donations.map((donation) => ({
        kind: 'donation' as const,
        id: donation.id,
        title: titleOfDonation(donation),
        date: donation.date,
        datePrecision: donation.datePrecision,
      })),
      ...statements.map((statement) => ({
        kind: 'statement' as const,
        id: statement.id,
        title: statementHeadline(statement.company.name, statement.summary),
        date: statement.date,
        datePrecision: statement.datePrecision,
      })),
    ].sort((a, b) => (b.date?.getTime() ?? -Infinity) - (a.date?.getTime() ?? -Infinity) || a.id.localeCompare(b.id)),
  };
}

/**
 * The slug of the published agency an address names by its acronym or another name it goes by
 * (/agencies/pentagon, /agencies/ice when its page is at another slug), for the page to lead there;
 * null when none does, or several would.
 */
export async function agencyCalled(slug: string): Promise<string | null> {
  const key = nameKey(slug);
  if (!key) return null;
  // Names compared as names are everywhere (accents, "&" for "and"): a few hundred agencies at most.
  const agencies = await db.agency.findMany({
    where: { status: PUBLISHED, slug: { not: slug } },
    select: { slug: true, acronym: true, aliases: true },
  });
  const found = agencies.filter((agency) =>
    [agency.acronym ?? '', ...agency.aliases].some((name) => name !== '' && nameKey(name) === key),
  );
  return found.length === 1 ? found[0]!.slug : null;
}
