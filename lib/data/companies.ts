import 'server-only';
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import type { DatePrecision } from '../generated/prisma/enums';
import { contractStatusText, statusFactsSelect } from '../contract-status';
import { formatPreciseDate, isoPreciseDate } from '../dates';
import { nameKey } from '../text';
import { cite, citations, type Citation } from './sources';

const PUBLISHED = 'PUBLISHED' as const;

export interface CompanySummary {
  slug: string;
  name: string;
  sector: string | null;
  actionCount: number;
  contractCount: number;
}

/** A row of the companies list: the summary and when the latest employee action against it was. */
export interface CompanyListRow extends CompanySummary {
  /** Written at the precision its sources give ("June 2018"), with the machine-readable form. */
  lastAction: { text: string; iso: string } | null;
}

export const COMPANIES_PER_PAGE = 60;

export interface CompanyListOptions {
  page?: number;
  sort?: 'name' | 'actions' | 'contracts' | 'recent';
  /** Only companies with at least one published record of this kind. */
  has?: 'contracts' | 'actions' | 'donations';
}

const summarySelect = {
  slug: true,
  name: true,
  sector: true,
  _count: {
    select: { actions: { where: { action: { status: PUBLISHED } } }, contracts: { where: { status: PUBLISHED } } },
  },
} as const;

function toSummary(row: {
  slug: string;
  name: string;
  sector: string | null;
  _count: { actions: number; contracts: number };
}): CompanySummary {
  return {
    slug: row.slug,
    name: row.name,
    sector: row.sector,
    actionCount: row._count.actions,
    contractCount: row._count.contracts,
  };
}

const SORTS = {
  name: Prisma.sql`c.name ASC`,
  actions: Prisma.sql`actions DESC, c.name ASC`,
  contracts: Prisma.sql`contracts DESC, c.name ASC`,
  recent: Prisma.sql`latest.start_date DESC NULLS LAST, c.name ASC`,
} as const;

const HAS = {
  contracts: Prisma.sql`EXISTS (SELECT 1 FROM government_contracts k WHERE k.company_id = c.id AND k.status = 'PUBLISHED')`,
  actions: Prisma.sql`EXISTS (SELECT 1 FROM employee_action_companies l JOIN employee_actions a ON a.id = l.action_id
                              WHERE l.company_id = c.id AND a.status = 'PUBLISHED')`,
  donations: Prisma.sql`EXISTS (SELECT 1 FROM donation_responses d WHERE d.company_id = c.id AND d.status = 'PUBLISHED')`,
} as const;

/** Published companies with their counts of published actions and contracts, sorted and filtered, one page at a time. */
export async function listCompanies({ page = 1, sort = 'name', has }: CompanyListOptions = {}): Promise<{
  companies: CompanyListRow[];
  total: number;
  pages: number;
}> {
  const where = Prisma.sql`c.status = 'PUBLISHED' AND c.merged_into_id IS NULL ${has ? Prisma.sql`AND ${HAS[has]}` : Prisma.empty}`;
  const rows = await db.$queryRaw<
    {
      slug: string;
      name: string;
      sector: string | null;
      actions: bigint;
      contracts: bigint;
      last_action: Date | null;
      last_precision: DatePrecision | null;
      total: bigint;
    }[]
  >`
    SELECT c.slug, c.name, c.sector, counts.actions, counts.contracts,
           latest.start_date AS last_action, latest.date_precision AS last_precision, count(*) OVER () AS total
    FROM companies c
    CROSS JOIN LATERAL (
      SELECT (SELECT count(*) FROM employee_action_companies l JOIN employee_actions a ON a.id = l.action_id
              WHERE l.company_id = c.id AND a.status = 'PUBLISHED') AS actions,
             (SELECT count(*) FROM government_contracts k WHERE k.company_id = c.id AND k.status = 'PUBLISHED') AS contracts
    ) counts
    LEFT JOIN LATERAL (
      SELECT a.start_date, a.date_precision FROM employee_action_companies l JOIN employee_actions a ON a.id = l.action_id
      WHERE l.company_id = c.id AND a.status = 'PUBLISHED'
      ORDER BY a.start_date DESC, a.date_precision, a.id LIMIT 1
    ) latest ON true
    WHERE ${where}
    ORDER BY ${SORTS[sort]}
    LIMIT ${COMPANIES_PER_PAGE} OFFSET ${(page - 1) * COMPANIES_PER_PAGE}`;
  // A page past the end has no row to carry the total: it is counted apart (only then).
  const total =
    rows.length > 0 || page === 1
      ? Number(rows[0]?.total ?? 0)
      : Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM companies c WHERE ${where}`)[0]?.n ?? 0);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / COMPANIES_PER_PAGE)),
    companies: rows.map((row) => ({
      slug: row.slug,
      name: row.name,
      sector: row.sector,
      actionCount: Number(row.actions),
      contractCount: Number(row.contracts),
      lastAction:
        row.last_action && row.last_precision
          ? {
              text: formatPreciseDate(row.last_action, row.last_precision),
              iso: isoPreciseDate(row.last_action, row.last_precision),
            }
          : null,
    })),
  };
}

export interface CompanyIdentity {
  id: string;
  slug: string;
  name: string;
  aliases: string[];
  sector: string | null;
  hqCountry: string | null;
  website: string | null;
  ticker: string | null;
  description: string | null;
  parent: { slug: string; name: string } | null;
  subsidiaries: { slug: string; name: string }[];
  sources: Citation[];
}

/** Who a published company is: names, family, sector, sources. Null when there is no such company. */
export async function getCompanyBySlug(slug: string): Promise<CompanyIdentity | null> {
  const company = await db.company.findFirst({
    where: { slug, status: PUBLISHED },
    select: {
      id: true,
      slug: true,
      name: true,
      sector: true,
      hqCountry: true,
      website: true,
      ticker: true,
      description: true,
      aliases: { select: { name: true }, orderBy: { name: 'asc' } },
      parent: { select: { slug: true, name: true, status: true } },
      subsidiaries: { where: { status: PUBLISHED }, select: { slug: true, name: true }, orderBy: { name: 'asc' } },
      sources: cite,
    },
  });
  if (!company) return null;
  const ownKey = nameKey(company.name);
  return {
    ...company,
    aliases: [...new Set(company.aliases.map((alias) => alias.name).filter((name) => nameKey(name) !== ownKey))],
    parent: company.parent?.status === PUBLISHED ? { slug: company.parent.slug, name: company.parent.name } : null,
    sources: citations(company.sources),
  };
}

/**
 * The address of the published company that an address names by another of its names
 * (/companies/aws: Amazon's), as the comparison and the lists' company filter read one; null for none.
 */
export async function companyCalled(slug: string): Promise<string | null> {
  const alias = await db.companyAlias.findUnique({
    where: { key: nameKey(slug) },
    select: { company: { select: { slug: true, status: true, mergedIntoId: true } } },
  });
  const company = alias?.company;
  return company && company.status === PUBLISHED && company.mergedIntoId === null && company.slug !== slug
    ? company.slug
    : null;
}

export interface ContractRow {
  id: string;
  title: string;
  company: { slug: string; name: string };
  agency: { slug: string; name: string; acronym: string | null };
  subAgency: { slug: string; name: string; acronym: string | null } | null;
  obligatedAmount: string | null;
  potentialAmount: string | null;
  currency: string;
  awardDate: Date | null;
  awardDatePrecision: DatePrecision;
  periodStart: Date | null;
  periodEnd: Date | null;
  contractStatus: string;
  /** The status in words, dated (lib/contract-status.ts): "Active (as reported 19 July 2018)". */
  statusText: string;
  sources: Citation[];
}

/** The published contracts of these companies, newest award first (undated last), at most `limit`. */
export async function listContractsOfCompanies(ids: string[], { limit = 25 }: { limit?: number } = {}): Promise<ContractRow[]> {
  const agencySelect = { select: { slug: true, name: true, acronym: true } } as const;
  const contracts = await db.governmentContract.findMany({
    where: { companyId: { in: ids }, status: PUBLISHED },
    // Ties as the contracts' export and API break them (the latest entered first), so the table and its file list alike.
    orderBy: [{ awardDate: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
    take: limit,
    select: {
      id: true,
      title: true,
      company: { select: { slug: true, name: true } },
      agency: agencySelect,
      subAgency: agencySelect,
      obligatedAmount: true,
      potentialAmount: true,
      currency: true,
      awardDate: true,
      awardDatePrecision: true,
      periodStart: true,
      ...statusFactsSelect,
      sources: cite,
    },
  });
  return contracts.map((contract) => {
    const sources = citations(contract.sources);
    return {
      ...contract,
      obligatedAmount: contract.obligatedAmount?.toString() ?? null,
      potentialAmount: contract.potentialAmount?.toString() ?? null,
      statusText: contractStatusText({ ...contract, sources }),
      sources,
    };
  });
}

/** The published companies among these slugs, in the order given (unknown slugs are left out). */
export async function listCompaniesBySlugs(
  slugs: string[],
): Promise<(CompanySummary & { actionsOnContracts: number })[]> {
  const [rows, onContracts] = await Promise.all([
    db.company.findMany({
      where: { slug: { in: slugs }, status: PUBLISHED, mergedIntoId: null },
      select: summarySelect,
    }),
    // Of its employee actions, those the record ties to one of its government contracts: most
    // actions are about pay, organising or ethics, not a contract, and a count of all of them
    // beside its contracts would read as resistance to them.
    db.$queryRaw<{ slug: string; n: number }[]>`
      SELECT c.slug, count(DISTINCT l.action_id)::int AS n
        FROM employee_action_contracts l
        JOIN government_contracts k ON k.id = l.contract_id AND k.status = 'PUBLISHED'
        JOIN companies c ON c.id = k.company_id
        JOIN employee_actions a ON a.id = l.action_id AND a.status = 'PUBLISHED'
        -- Counted among its actions too, as the profile counts them (lib/data/company-figures.ts).
        JOIN employee_action_companies m ON m.action_id = a.id AND m.company_id = c.id
       WHERE c.slug = ANY(${slugs})
       GROUP BY c.slug`,
  ]);
  const onContractsBySlug = new Map(onContracts.map((row) => [row.slug, row.n]));
  const bySlug = new Map(
    rows.map((row) => [row.slug, { ...toSummary(row), actionsOnContracts: onContractsBySlug.get(row.slug) ?? 0 }]),
  );
  return slugs.flatMap((slug) => bySlug.get(slug) ?? []);
}
