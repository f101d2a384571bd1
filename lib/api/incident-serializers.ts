import type { Prisma } from '../generated/prisma/client';
import { donationTitle } from '../data/incident-index';
import type { ActionRecord, ContractRecord, DonationRecord, StatementRecord } from './schemas';
import {
  PUBLISHED,
  acronymLink,
  acronymOf,
  cite,
  citations,
  companyLink,
  day,
  dayOf,
  link,
  money,
  precisionOf,
  published,
  versioned,
  versionTimes,
  visibleContract,
} from './serializers';

/* Employee actions, contracts, donation responses and statements: see serializers.ts. */

export const actionSelect = {
  id: true,
  title: true,
  description: true,
  startDate: true,
  datePrecision: true,
  participantsMin: true,
  participantsMax: true,
  participantsText: true,
  demands: true,
  outcome: true,
  outcomeDate: true,
  outcomePrecision: true,
  outcomeNote: true,
  online: true,
  externalSource: true,
  externalId: true,
  terms: {
    select: { term: { select: { kind: true, slug: true, label: true } } },
    orderBy: [{ term: { label: 'asc' } }, { term: { slug: 'asc' } }],
  },
  locations: {
    select: { label: true, city: true, region: true, country: true },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
  },
  companies: {
    where: { company: { status: PUBLISHED } },
    select: { company: link },
    orderBy: [{ company: { name: 'asc' } }, { company: { slug: 'asc' } }],
  },
  organizations: {
    where: { organization: { status: PUBLISHED } },
    select: { organization: acronymLink },
    orderBy: [{ organization: { name: 'asc' } }, { organization: { slug: 'asc' } }],
  },
  contracts: { where: { contract: visibleContract }, select: { contractId: true }, orderBy: { contractId: 'asc' } },
  ...versioned,
  sources: cite,
} as const satisfies Prisma.EmployeeActionSelect;
export type ActionPayload = Prisma.EmployeeActionGetPayload<{ select: typeof actionSelect }>;

export function toAction({ terms, companies, organizations, contracts, sources, ...row }: ActionPayload): ActionRecord {
  const of = (kind: string) =>
    terms.filter((link) => link.term.kind === kind).map(({ term }) => ({ slug: term.slug, label: term.label }));
  return {
    ...row,
    startDate: dayOf(row.startDate),
    outcomeDate: day(row.outcomeDate),
    outcomePrecision: precisionOf(row.outcomeDate, row.outcomePrecision),
    forms: of('ACTION_FORM'),
    issues: of('ISSUE'),
    tags: of('TAG'),
    employmentTypes: of('EMPLOYMENT_TYPE'),
    companies: companies.map((entry) => companyLink(entry.company)),
    organizations: organizations.map((entry) => acronymOf(entry.organization)),
    contractIds: contracts.map((entry) => entry.contractId),
    ...versionTimes(row),
    sources: citations(sources),
  };
}

export const contractSelect = {
  id: true,
  title: true,
  purpose: true,
  piid: true,
  awardKey: true,
  company: link,
  agency: acronymLink,
  subAgency: acronymLink,
  obligatedAmount: true,
  potentialAmount: true,
  currency: true,
  awardDate: true,
  awardDatePrecision: true,
  periodStart: true,
  periodEnd: true,
  contractStatus: true,
  statusChangedAt: true,
  statusChangedPrecision: true,
  statusRecordedAt: true,
  ...versioned,
  sources: cite,
} as const satisfies Prisma.GovernmentContractSelect;

export function toContract({
  company,
  agency,
  subAgency,
  sources,
  ...row
}: Prisma.GovernmentContractGetPayload<{ select: typeof contractSelect }>): ContractRecord {
  return {
    ...row,
    company: companyLink(company),
    agency: acronymOf(agency),
    subAgency: subAgency && acronymOf(subAgency),
    obligatedAmount: money(row.obligatedAmount),
    potentialAmount: money(row.potentialAmount),
    awardDate: day(row.awardDate),
    awardDatePrecision: precisionOf(row.awardDate, row.awardDatePrecision),
    periodStart: day(row.periodStart),
    periodEnd: day(row.periodEnd),
    statusChangedAt: day(row.statusChangedAt),
    statusChangedPrecision: precisionOf(row.statusChangedAt, row.statusChangedPrecision),
    statusRecordedAt: day(row.statusRecordedAt),
    ...versionTimes(row),
    sources: citations(sources),
  };
}

export const donationSelect = {
  id: true,
  company: link,
  organization: acronymLink,
  date: true,
  datePrecision: true,
  amount: true,
  currency: true,
  amountUndisclosed: true,
  response: true,
  reason: true,
  quote: true,
  quoteAttribution: true,
  contracts: { where: { contract: visibleContract }, select: { contractId: true }, orderBy: { contractId: 'asc' } },
  ...versioned,
  sources: cite,
} as const satisfies Prisma.DonationResponseSelect;

export function toDonation({
  company,
  organization,
  contracts,
  sources,
  ...row
}: Prisma.DonationResponseGetPayload<{ select: typeof donationSelect }>): DonationRecord {
  const recipient = published(organization);
  return {
    ...row,
    title: donationTitle({ ...row, company, organization: recipient }),
    company: companyLink(company),
    organization: recipient && acronymOf(recipient),
    date: day(row.date),
    datePrecision: precisionOf(row.date, row.datePrecision),
    amount: money(row.amount),
    contractIds: contracts.map((entry) => entry.contractId),
    ...versionTimes(row),
    sources: citations(sources),
  };
}

const idIfPublished = { select: { id: true, status: true } } as const;

export const statementSelect = {
  id: true,
  company: link,
  date: true,
  datePrecision: true,
  kind: true,
  summary: true,
  quote: true,
  speaker: true,
  action: idIfPublished,
  contract: { select: { id: true, status: true, company: { select: { status: true } } } },
  donationResponse: { select: { id: true, status: true, company: { select: { status: true } } } },
  ...versioned,
  sources: cite,
} as const satisfies Prisma.CompanyStatementSelect;

export function toStatement({
  company,
  action,
  contract,
  donationResponse,
  sources,
  ...row
}: Prisma.CompanyStatementGetPayload<{ select: typeof statementSelect }>): StatementRecord {
  // A linked contract or donation response is named only when public: published, of a published company.
  const visible = contract?.status === PUBLISHED && contract.company.status === PUBLISHED;
  const donationVisible = donationResponse?.status === PUBLISHED && donationResponse.company.status === PUBLISHED;
  return {
    ...row,
    company: companyLink(company),
    date: dayOf(row.date),
    actionId: action?.status === PUBLISHED ? action.id : null,
    contractId: visible ? contract.id : null,
    donationId: donationVisible ? donationResponse.id : null,
    ...versionTimes(row),
    sources: citations(sources),
  };
}
