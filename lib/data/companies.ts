import 'server-only';
import { db } from '../db';
import type { DatePrecision } from '../generated/prisma/enums';
import { nameKey } from '../text';
import { citationSelect, citations, type Citation } from './sources';

const PUBLISHED = 'PUBLISHED' as const;
const cite = { select: { source: { select: citationSelect } } } as const;

export interface CompanySummary {
  slug: string;
  name: string;
  sector: string | null;
  actionCount: number;
  contractCount: number;
}

export const COMPANIES_PER_PAGE = 60;

const summarySelect = {
  slug: true,
  name: true,
  sector: true,
  _count: {
    select: { actions: { where: { action: { status: PUBLISHED } } }, contracts: { where: { status: PUBLISHED } } },
  },
} as const;

function toSummary(row: { slug: string; name: string; sector: string | null; _count: { actions: number; contracts: number } }): CompanySummary {
  return { slug: row.slug, name: row.name, sector: row.sector, actionCount: row._count.actions, contractCount: row._count.contracts };
}

/** Published companies A to Z with how many actions and contracts each has, one page at a time. */
export async function listCompanies({ page = 1 }: { page?: number } = {}): Promise<{ companies: CompanySummary[]; total: number; pages: number }> {
  const where = { status: PUBLISHED, mergedIntoId: null };
  const [total, rows] = await Promise.all([
    db.company.count({ where }),
    db.company.findMany({
      where,
      orderBy: { name: 'asc' },
      skip: (page - 1) * COMPANIES_PER_PAGE,
      take: COMPANIES_PER_PAGE,
      select: summarySelect,
    }),
  ]);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / COMPANIES_PER_PAGE)),
    companies: rows.map(toSummary),
  };
}

export interface CompanyProfile {
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
  contracts: {
    id: string;
    title: string;
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
    sources: Citation[];
  }[];
  actions: {
    id: string;
    title: string;
    description: string;
    startDate: Date;
    datePrecision: DatePrecision;
    participantsMin: number | null;
    participantsMax: number | null;
    participantsText: string | null;
    outcome: string;
    forms: string[];
    sources: Citation[];
  }[];
  donationResponses: {
    id: string;
    response: string;
    organization: { slug: string; name: string; acronym: string | null } | null;
    date: Date | null;
    datePrecision: DatePrecision;
    amount: string | null;
    currency: string;
    amountUndisclosed: boolean;
    reason: string | null;
    quote: string | null;
    quoteAttribution: string | null;
    sources: Citation[];
  }[];
  statements: {
    id: string;
    kind: string;
    date: Date;
    datePrecision: DatePrecision;
    summary: string;
    quote: string | null;
    speaker: string | null;
    sources: Citation[];
  }[];
}

/** A published company with everything published about it, newest first; null when there is none. */
export async function getCompanyBySlug(slug: string): Promise<CompanyProfile | null> {
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

  const agencySelect = { select: { slug: true, name: true, acronym: true } } as const;
  const [contracts, actions, donationResponses, statements] = await Promise.all([
    db.governmentContract.findMany({
      where: { companyId: company.id, status: PUBLISHED },
      orderBy: [{ awardDate: { sort: 'desc', nulls: 'last' } }, { title: 'asc' }],
      select: {
        id: true,
        title: true,
        agency: agencySelect,
        subAgency: agencySelect,
        obligatedAmount: true,
        potentialAmount: true,
        currency: true,
        awardDate: true,
        awardDatePrecision: true,
        periodStart: true,
        periodEnd: true,
        contractStatus: true,
        sources: cite,
      },
    }),
    db.employeeAction.findMany({
      where: { status: PUBLISHED, companies: { some: { companyId: company.id } } },
      orderBy: [{ startDate: 'desc' }, { title: 'asc' }],
      select: {
        id: true,
        title: true,
        description: true,
        startDate: true,
        datePrecision: true,
        participantsMin: true,
        participantsMax: true,
        participantsText: true,
        outcome: true,
        terms: { where: { term: { kind: 'ACTION_FORM' } }, select: { term: { select: { label: true } } } },
        sources: cite,
      },
    }),
    db.donationResponse.findMany({
      where: { companyId: company.id, status: PUBLISHED },
      orderBy: [{ date: { sort: 'desc', nulls: 'last' } }],
      select: {
        id: true,
        response: true,
        organization: { select: { slug: true, name: true, acronym: true } },
        date: true,
        datePrecision: true,
        amount: true,
        currency: true,
        amountUndisclosed: true,
        reason: true,
        quote: true,
        quoteAttribution: true,
        sources: cite,
      },
    }),
    db.companyStatement.findMany({
      where: { companyId: company.id, status: PUBLISHED },
      orderBy: [{ date: 'desc' }],
      select: { id: true, kind: true, date: true, datePrecision: true, summary: true, quote: true, speaker: true, sources: cite },
    }),
  ]);

  const ownKey = nameKey(company.name);
  return {
    id: company.id,
    slug: company.slug,
    name: company.name,
    aliases: [...new Set(company.aliases.map((alias) => alias.name).filter((name) => nameKey(name) !== ownKey))],
    sector: company.sector,
    hqCountry: company.hqCountry,
    website: company.website,
    ticker: company.ticker,
    description: company.description,
    parent: company.parent?.status === PUBLISHED ? { slug: company.parent.slug, name: company.parent.name } : null,
    subsidiaries: company.subsidiaries,
    sources: citations(company.sources),
    contracts: contracts.map((contract) => ({
      ...contract,
      obligatedAmount: contract.obligatedAmount?.toString() ?? null,
      potentialAmount: contract.potentialAmount?.toString() ?? null,
      sources: citations(contract.sources),
    })),
    actions: actions.map(({ terms, ...action }) => ({
      ...action,
      forms: terms.map((link) => link.term.label),
      sources: citations(action.sources),
    })),
    donationResponses: donationResponses.map((response) => ({
      ...response,
      amount: response.amount?.toString() ?? null,
      sources: citations(response.sources),
    })),
    statements: statements.map((statement) => ({ ...statement, sources: citations(statement.sources) })),
  };
}

/** The published companies among these slugs, in the order given (unknown slugs are left out). */
export async function listCompaniesBySlugs(slugs: string[]): Promise<CompanySummary[]> {
  const rows = await db.company.findMany({
    where: { slug: { in: slugs }, status: PUBLISHED, mergedIntoId: null },
    select: summarySelect,
  });
  const bySlug = new Map(rows.map((row) => [row.slug, toSummary(row)]));
  return slugs.flatMap((slug) => bySlug.get(slug) ?? []);
}
