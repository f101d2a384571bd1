import 'server-only';
import { db } from '../db';
import type { Prisma } from '../generated/prisma/client';
import type { ContractStatus, DatePrecision } from '../generated/prisma/enums';
import { contractStatusText, sourceDates, sourceDatesSelect, statusFactsSelect } from '../contract-status';
import { DEFAULT_CONTRACT_SORT, type ContractSort } from '../validation/contract-filters';
import { familySlugs } from './company-figures';
import { contractConditions, CONTRACTS_LISTED } from './contract-export';

const PUBLISHED = 'PUBLISHED' as const;

export const CONTRACTS_PER_PAGE = 50;

export interface ContractListOptions {
  page?: number;
  /** -date (default): newest award first; date: oldest first; -value / value: by obligated amount. Undated or unvalued last. */
  sort?: ContractSort;
  /** An agency's slug: contracts it awarded as agency or as sub-agency. */
  agency?: string;
  /** A company's slug. */
  company?: string;
  /** With `company`: its subsidiaries' contracts too, at every depth, as its profile counts them ('1'). */
  subsidiaries?: '1';
  /** The slugs of the company and its subsidiaries, which listContracts reads from the two above. */
  family?: string[];
  status?: ContractStatus;
  /** Award years, inclusive; a contract without an award date is left out when either is given. */
  from?: number;
  to?: number;
  /** Words its title or purpose holds, as /search reads them. */
  q?: string;
}

export interface AgencyName {
  slug: string;
  name: string;
  acronym: string | null;
}

export interface ContractListRow {
  id: string;
  title: string;
  company: { slug: string; name: string };
  agency: AgencyName & { published: boolean };
  subAgency: (AgencyName & { published: boolean }) | null;
  awardDate: Date | null;
  awardDatePrecision: DatePrecision;
  /** The Decimal's string ("250000.5"); null when not known. */
  obligatedAmount: string | null;
  currency: string;
  contractStatus: ContractStatus;
  /** The status in words, dated (lib/contract-status.ts): "Active (as reported 19 July 2018)". */
  statusText: string;
}

export interface ContractList {
  contracts: ContractListRow[];
  total: number;
  pages: number;
  /** The agency and company the filters name, when they are published; null when not asked or not found. */
  agency: AgencyName | null;
  /** `subsidiaries`: how many published subsidiaries it has (an empty list offers to include them). */
  company: { slug: string; name: string; subsidiaries: number } | null;
  /** Filters naming nothing on record: "agency", "company". The list is then empty. */
  unknown: ('agency' | 'company')[];
}

/** The orders Prisma can give; the others (by value, which compares within a currency) come from ORDER_SQL. */
const ORDER: Partial<Record<ContractSort, Prisma.GovernmentContractOrderByWithRelationInput[]>> = {
  // Newest first breaks ties as the export and the API do (the latest entered first): the page and its file list alike.
  '-date': [{ awardDate: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
  date: [{ awardDate: { sort: 'asc', nulls: 'last' } }],
};

const agencySelect = { select: { slug: true, name: true, acronym: true, status: true } } as const;

/** The `where` of the published contracts of published companies matching the filters. */
export function contractWhere(options: ContractListOptions): Prisma.GovernmentContractWhereInput {
  const awardDate: Prisma.DateTimeNullableFilter = {};
  if (options.from !== undefined) awardDate.gte = new Date(Date.UTC(options.from, 0, 1));
  if (options.to !== undefined) awardDate.lt = new Date(Date.UTC(options.to + 1, 0, 1));
  return {
    status: PUBLISHED,
    company: {
      status: PUBLISHED,
      ...(options.family?.length
        ? { slug: { in: options.family } }
        : options.company !== undefined && { slug: options.company }),
    },
    ...(options.agency !== undefined && {
      OR: [
        { agency: { slug: options.agency, status: PUBLISHED } },
        { subAgency: { slug: options.agency, status: PUBLISHED } },
      ],
    }),
    ...(options.status !== undefined && { contractStatus: options.status }),
    ...((options.from !== undefined || options.to !== undefined) && { awardDate }),
  };
}

/**
 * Every order in SQL, for a list with words and for the orders by value. Amounts are compared within
 * a currency only (a million yen is not more than half a million dollars): US dollars first, then
 * each other currency A to Z, and the contracts of unknown value last.
 */
const ORDER_SQL: Record<ContractSort, string> = {
  '-date': 'k.award_date DESC NULLS LAST, k.id DESC',
  date: 'k.award_date ASC NULLS LAST',
  '-value': `k.obligated_amount IS NULL, k.currency <> 'USD', k.currency, k.obligated_amount DESC`,
  value: `k.obligated_amount IS NULL, k.currency <> 'USD', k.currency, k.obligated_amount ASC`,
};

/**
 * The ids of a page of the list, in its order, and how many match, for what Prisma cannot ask: a
 * full-text match, an order within currencies. They come from the conditions the contracts' export
 * and API read (the same filters), and the page's rows then by id.
 */
async function pageInSql(options: ContractListOptions, sort: ContractSort, page: number) {
  const where = contractConditions(options);
  const conditions = where.list.join(' AND ');
  const [rows, [count]] = await Promise.all([
    db.$queryRawUnsafe<{ id: string }[]>(
      `SELECT k.id FROM ${CONTRACTS_LISTED} WHERE ${conditions} ORDER BY ${ORDER_SQL[sort]}, k.title, k.id
       LIMIT ${CONTRACTS_PER_PAGE} OFFSET ${(page - 1) * CONTRACTS_PER_PAGE}`,
      ...where.values,
    ),
    db.$queryRawUnsafe<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM ${CONTRACTS_LISTED} WHERE ${conditions}`,
      ...where.values,
    ),
  ]);
  return { ids: rows.map((row) => row.id), total: count?.total ?? 0 };
}

/**
 * Published contracts (of published companies), filtered, sorted, one page at a time. At most four
 * queries, run together, whatever the filters: the page, the count, and the named agency and company
 * (with words or by value, the page's ids and the count first, then its rows; with subsidiaries, the
 * company's family first).
 */
export async function listContracts(asked: ContractListOptions = {}): Promise<ContractList> {
  const family = asked.company !== undefined && asked.subsidiaries ? await familySlugs(asked.company) : undefined;
  const options = { ...asked, family };
  const { page = 1, sort = DEFAULT_CONTRACT_SORT, q } = options;
  const prismaOrder = q ? undefined : ORDER[sort];
  const inSql = prismaOrder ? null : await pageInSql(options, sort, page);
  const where = inSql ? { id: { in: inSql.ids } } : contractWhere(options);
  const [found, total, agency, company] = await Promise.all([
    db.governmentContract.findMany({
      relationLoadStrategy: 'join',
      where,
      ...(prismaOrder && {
        orderBy: [...prismaOrder, { title: 'asc' as const }, { id: 'asc' as const }],
        skip: (page - 1) * CONTRACTS_PER_PAGE,
        take: CONTRACTS_PER_PAGE,
      }),
      select: {
        id: true,
        title: true,
        company: { select: { slug: true, name: true } },
        agency: agencySelect,
        subAgency: agencySelect,
        awardDate: true,
        awardDatePrecision: true,
        obligatedAmount: true,
        currency: true,
        ...statusFactsSelect,
        ...sourceDatesSelect,
      },
    }),
    inSql?.total ?? db.governmentContract.count({ where }),
    options.agency === undefined
      ? null
      : db.agency.findFirst({
          where: { slug: options.agency, status: PUBLISHED },
          select: { slug: true, name: true, acronym: true },
        }),
    options.company === undefined
      ? null
      : db.company
          .findFirst({
            where: { slug: options.company, status: PUBLISHED },
            select: {
              slug: true,
              name: true,
              _count: { select: { subsidiaries: { where: { status: PUBLISHED, mergedIntoId: null } } } },
            },
          })
          .then((row) => row && { slug: row.slug, name: row.name, subsidiaries: row._count.subsidiaries }),
  ]);
  // Read by id, the page's rows take the order SQL gave their ids.
  const position = new Map(inSql?.ids.map((id, index) => [id, index]));
  const rows = inSql ? found.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0)) : found;
  const published = (row: { slug: string; name: string; acronym: string | null; status: string }) => ({
    slug: row.slug,
    name: row.name,
    acronym: row.acronym,
    published: row.status === PUBLISHED,
  });
  return {
    total,
    pages: Math.max(1, Math.ceil(total / CONTRACTS_PER_PAGE)),
    agency,
    company,
    unknown: [
      ...(options.agency !== undefined && !agency ? (['agency'] as const) : []),
      ...(options.company !== undefined && !company ? (['company'] as const) : []),
    ],
    contracts: rows.map((row) => ({
        ...row,
        statusText: contractStatusText({ ...row, sources: sourceDates(row.sources) }),
        agency: published(row.agency),
        subAgency: row.subAgency && published(row.subAgency),
        obligatedAmount: row.obligatedAmount?.toString() ?? null,
      })),
  };
}

/** Published agencies that awarded at least one listed contract (as agency or sub-agency), A to Z: the filter menu. One query. */
export async function listContractAgencyOptions(): Promise<AgencyName[]> {
  const listed = { status: PUBLISHED, company: { status: PUBLISHED } } as const;
  return db.agency.findMany({
    where: {
      status: PUBLISHED,
      OR: [{ contracts: { some: listed } }, { subAgencyContracts: { some: listed } }],
    },
    orderBy: [{ name: 'asc' }, { slug: 'asc' }],
    select: { slug: true, name: true, acronym: true },
  });
}
