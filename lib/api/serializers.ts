import type { Prisma } from '../generated/prisma/client';
import { nameKey } from '../text';
import type { AgencyRecord, Citation, CompanyRecord, OrganizationRecord, SourceRecord } from './schemas';

/*
 * What the open-data interface reads of each kind of record (explicit selects) and how it turns
 * Prisma's rows into the plain records of lib/api/schemas.ts: dates as "YYYY-MM-DD" with their
 * precision, money as exact decimal strings, links to other records only when those are published.
 * Companies, agencies, organizations and sources here; the incidents in incident-serializers.ts.
 */

export const PUBLISHED = 'PUBLISHED' as const;
/** A contract the public may see: published, of a published company (as on agency pages). */
export const visibleContract = { status: PUBLISHED, company: { status: PUBLISHED } } as const;

const citationFields = {
  id: true,
  url: true,
  publisher: true,
  title: true,
  publishedAt: true,
  publishedPrecision: true,
  archiveUrl: true,
} as const;
/** A record's sources, in the order they were first stored (their ids are time-ordered). */
export const cite = { select: { source: { select: citationFields } }, orderBy: { sourceId: 'asc' } } as const;
export const stamps = { createdAt: true, updatedAt: true } as const;
/** A record's stamps with its version (a source has none: it has no history of its own). */
export const versioned = { version: true, ...stamps } as const;
export const link = { select: { slug: true, name: true, status: true } } as const;
export const acronymLink = { select: { slug: true, name: true, acronym: true, status: true } } as const;

type Link = { slug: string; name: string; status: string };
type AcronymLink = Link & { acronym: string | null };
type CitationRow = Prisma.SourceGetPayload<{ select: typeof citationFields }>;

export const day = (date: Date | null): string | null => date?.toISOString().slice(0, 10) ?? null;
export const dayOf = (date: Date): string => date.toISOString().slice(0, 10);
/** A date's precision, said only when there is a date. */
export const precisionOf = <P extends string>(date: Date | null, precision: P): P | null => (date ? precision : null);
export const money = (amount: { toFixed(digits: number): string } | null) => amount?.toFixed(2) ?? null;
export const published = <T extends Link>(row: T | null) => (row && row.status === PUBLISHED ? row : null);
export const companyLink = (row: Link) => ({ slug: row.slug, name: row.name });
export const acronymOf = (row: AcronymLink) => ({ slug: row.slug, name: row.name, acronym: row.acronym });

function citation(row: CitationRow): Citation {
  return {
    ...row,
    publishedAt: day(row.publishedAt),
    publishedPrecision: precisionOf(row.publishedAt, row.publishedPrecision),
  };
}
export const citations = (rows: { source: CitationRow }[]) => rows.map((row) => citation(row.source));
export const times = (row: { createdAt: Date; updatedAt: Date }) => ({
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
/** A versioned record's stamps, its version first. */
export const versionTimes = (row: { version: number; createdAt: Date; updatedAt: Date }) => ({
  version: row.version,
  ...times(row),
});

export const companySelect = {
  id: true,
  slug: true,
  name: true,
  sector: true,
  hqCountry: true,
  website: true,
  ticker: true,
  description: true,
  aliases: { select: { name: true }, orderBy: { name: 'asc' } },
  parent: link,
  mergedInto: link,
  ...versioned,
  sources: cite,
  // Its own published records of each kind, as the list of companies counts them.
  _count: {
    select: {
      actions: { where: { action: { status: PUBLISHED } } },
      contracts: { where: { status: PUBLISHED } },
      donationResponses: { where: { status: PUBLISHED } },
      statements: { where: { status: PUBLISHED } },
    },
  },
} as const satisfies Prisma.CompanySelect;

export function toCompany(row: Prisma.CompanyGetPayload<{ select: typeof companySelect }>): CompanyRecord {
  const own = nameKey(row.name);
  const parent = published(row.parent);
  const mergedInto = published(row.mergedInto);
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    aliases: [...new Set(row.aliases.map((alias) => alias.name).filter((name) => nameKey(name) !== own))],
    sector: row.sector,
    hqCountry: row.hqCountry,
    website: row.website,
    ticker: row.ticker,
    description: row.description,
    parent: parent && companyLink(parent),
    mergedInto: mergedInto && companyLink(mergedInto),
    counts: {
      employeeActions: row._count.actions,
      contracts: row._count.contracts,
      donationResponses: row._count.donationResponses,
      statements: row._count.statements,
    },
    ...versionTimes(row),
    sources: citations(row.sources),
  };
}

export const agencySelect = {
  id: true,
  slug: true,
  name: true,
  acronym: true,
  aliases: true,
  level: true,
  country: true,
  website: true,
  parent: acronymLink,
  ...versioned,
  sources: cite,
} as const satisfies Prisma.AgencySelect;

export function toAgency({
  parent,
  sources,
  ...row
}: Prisma.AgencyGetPayload<{ select: typeof agencySelect }>): AgencyRecord {
  const shown = published(parent);
  return { ...row, parent: shown && acronymOf(shown), ...versionTimes(row), sources: citations(sources) };
}

export const organizationSelect = {
  id: true,
  slug: true,
  name: true,
  acronym: true,
  kind: true,
  country: true,
  website: true,
  description: true,
  mergedInto: acronymLink,
  ...versioned,
  sources: cite,
} as const satisfies Prisma.OrganizationSelect;

export function toOrganization({
  mergedInto,
  sources,
  ...row
}: Prisma.OrganizationGetPayload<{ select: typeof organizationSelect }>): OrganizationRecord {
  const shown = published(mergedInto);
  return { ...row, mergedInto: shown && acronymOf(shown), ...versionTimes(row), sources: citations(sources) };
}

export const sourceSelect = { ...citationFields, ...stamps } as const satisfies Prisma.SourceSelect;

export function toSource(row: Prisma.SourceGetPayload<{ select: typeof sourceSelect }>): SourceRecord {
  return { ...citation(row), ...times(row) };
}
