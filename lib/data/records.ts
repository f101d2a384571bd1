import 'server-only';
import { db } from '../db';
import type { Prisma } from '../generated/prisma/client';
import type {
  ActionOutcome,
  ContractStatus,
  DatePrecision,
  DonationResponseKind,
  StatementKind,
  VocabularyKind,
} from '../generated/prisma/enums';
import { COLLECTIVE_ACTION_SOURCE } from '../import/collective-action-import';
import { contractStatusText } from '../contract-status';
import { donationTitle } from './incident-index';
import { cite, citations, type Citation } from './sources';

/*
 * One published record of each kind, for its own page (/actions/<id>, /contracts/<id>,
 * /donations/<id>, /statements/<id>). Each getter is one query whatever the size of the record
 * (nested selects joined by the database: relationLoadStrategy 'join'). What a record links to is
 * shown only when it is public too: published, and, for contracts, donation responses and
 * statements, of a published company (as on the agency and organization pages). Agencies and
 * organizations a public record names are given with `published`, so that pages link to them only
 * when they have a page.
 */

const PUBLISHED = 'PUBLISHED' as const;
const JOIN = 'join' as const;
const companyLink = { select: { slug: true, name: true } } as const;
const agencySelect = { select: { slug: true, name: true, acronym: true, status: true } } as const;
const organizationSelect = { select: { slug: true, name: true, acronym: true, status: true } } as const;
/** A contract, donation response or statement is public when it and its company are published. */
const visible = { status: PUBLISHED, company: { status: PUBLISHED } } as const;
/**
 * The contracts a record cites that are public, or were and a reviewer archived: an archived one is
 * counted apart, by its address alone (which says when and why; what it said is for reviewers only,
 * docs/decisions/008), so that a record citing it does not read as citing nothing.
 */
const citedContracts = {
  where: { contract: { status: { in: [PUBLISHED, 'ARCHIVED' as const] }, company: { status: PUBLISHED } } },
  orderBy: { contract: { title: 'asc' as const } },
  select: { contract: { select: { id: true, title: true, status: true, company: { select: { slug: true, name: true } } } } },
};
/** Those public, and those archived, as their pages list them. */
function splitCited(links: { contract: ContractLink & { status: string } }[]): {
  contracts: ContractLink[];
  archivedContracts: ArchivedLink[];
} {
  const link = ({ status: _status, ...contract }: ContractLink & { status: string }) => contract;
  return {
    contracts: links.filter(({ contract }) => contract.status === PUBLISHED).map(({ contract }) => link(contract)),
    archivedContracts: links
      .filter(({ contract }) => contract.status !== PUBLISHED)
      .map(({ contract }) => ({ kind: 'contract', href: `/contracts/${contract.id}` })),
  };
}
const versioned = { version: true, updatedAt: true } as const;

/** Which state of a record a page shows, for citing it: the version its history numbers, and when it last changed. */
export interface Versioned {
  version: number;
  updatedAt: Date;
}

export interface CompanyLink {
  slug: string;
  name: string;
}

/** An agency or organization a record names; `published` says whether it has a page to link to. */
export interface NamedLink {
  slug: string;
  name: string;
  acronym: string | null;
  published: boolean;
}

export interface ContractLink {
  id: string;
  title: string;
  company: CompanyLink;
}

/** A record a reviewer has archived: its address only (which says when and why). */
export interface ArchivedLink {
  /** "contract", "employee action", "donation response". */
  kind: string;
  /** Its address, which says when and why it was archived. */
  href: string;
}

export interface ActionLink {
  id: string;
  title: string;
  startDate: Date;
  datePrecision: DatePrecision;
}

export interface DonationResponseLink {
  id: string;
  /** "RAICES rejected $250,000 from Salesforce". */
  title: string;
  date: Date | null;
  datePrecision: DatePrecision;
}

export interface StatementLink {
  id: string;
  kind: StatementKind;
  date: Date;
  datePrecision: DatePrecision;
  summary: string;
  company: CompanyLink;
}

const contractLinkSelect = { select: { id: true, title: true, company: companyLink } } as const;
const actionLinkSelect = { select: { id: true, title: true, startDate: true, datePrecision: true } } as const;
const statementLinkSelect = {
  id: true,
  kind: true,
  date: true,
  datePrecision: true,
  summary: true,
  company: companyLink,
} as const;
const donationLinkSelect = {
  id: true,
  response: true,
  amount: true,
  currency: true,
  date: true,
  datePrecision: true,
  company: companyLink,
  organization: organizationSelect,
} as const;
/** Statements answering a record, newest first. */
const answeringStatements = {
  where: visible,
  orderBy: [{ date: 'desc' }, { id: 'asc' }] as Prisma.CompanyStatementOrderByWithRelationInput[],
  select: statementLinkSelect,
};

function named(row: { slug: string; name: string; acronym: string | null; status: string }): NamedLink {
  return { slug: row.slug, name: row.name, acronym: row.acronym, published: row.status === PUBLISHED };
}

function donationLink(row: {
  id: string;
  response: string;
  amount: { toString(): string } | null;
  currency: string;
  date: Date | null;
  datePrecision: DatePrecision;
  company: CompanyLink;
  organization: { name: string; acronym: string | null } | null;
}): DonationResponseLink {
  return { id: row.id, title: donationTitle(row), date: row.date, datePrecision: row.datePrecision };
}

// ---------------------------------------------------------------------------------------------
// Employee actions

export interface EmployeeActionRecord extends Versioned {
  id: string;
  title: string;
  description: string;
  startDate: Date;
  datePrecision: DatePrecision;
  /** Vocabulary labels by kind, A to Z (a merged term shows as the term it was merged into). */
  forms: string[];
  issues: string[];
  tags: string[];
  employmentTypes: string[];
  /** The slug of each form, issue and tag label above: the incidents list filters by it. */
  termSlugs: Record<'form' | 'issue' | 'tag', Record<string, string>>;
  participantsMin: number | null;
  participantsMax: number | null;
  participantsText: string | null;
  online: boolean | null;
  /** Place labels in the order the record gives them. */
  locations: string[];
  demands: string | null;
  outcome: ActionOutcome;
  outcomeDate: Date | null;
  outcomePrecision: DatePrecision;
  outcomeNote: string | null;
  /** Published companies it targeted, A to Z. */
  companies: CompanyLink[];
  /** Public contracts it targeted, by title. */
  contracts: ContractLink[];
  /** Contracts it cites that a reviewer has archived since (their addresses say why). */
  archivedContracts: ArchivedLink[];
  /** Published organizations that joined it, A to Z. */
  organizations: NamedLink[];
  /** Public company statements answering it, newest first. */
  statements: StatementLink[];
  sources: Citation[];
  /** Set when the record was imported from the Collective Action in Tech data set: its id there. */
  datasetRecordId: string | null;
}

const TERM_GROUP: Record<VocabularyKind, 'forms' | 'issues' | 'tags' | 'employmentTypes'> = {
  ACTION_FORM: 'forms',
  ISSUE: 'issues',
  TAG: 'tags',
  EMPLOYMENT_TYPE: 'employmentTypes',
};

/** A published employee action with everything its page shows; null when there is none. One query. */
export async function getEmployeeAction(id: string): Promise<EmployeeActionRecord | null> {
  const action = await db.employeeAction.findFirst({
    relationLoadStrategy: JOIN,
    where: { id, status: PUBLISHED },
    select: {
      id: true,
      ...versioned,
      externalSource: true,
      externalId: true,
      title: true,
      description: true,
      startDate: true,
      datePrecision: true,
      participantsMin: true,
      participantsMax: true,
      participantsText: true,
      online: true,
      demands: true,
      outcome: true,
      outcomeDate: true,
      outcomePrecision: true,
      outcomeNote: true,
      terms: {
        select: {
          term: {
            select: { kind: true, slug: true, label: true, mergedInto: { select: { kind: true, slug: true, label: true } } },
          },
        },
      },
      locations: { orderBy: [{ position: 'asc' }, { label: 'asc' }], select: { label: true } },
      companies: {
        where: { company: { status: PUBLISHED } },
        orderBy: { company: { name: 'asc' } },
        select: { company: companyLink },
      },
      contracts: citedContracts,
      organizations: {
        where: { organization: { status: PUBLISHED } },
        orderBy: { organization: { name: 'asc' } },
        select: { organization: organizationSelect },
      },
      statements: answeringStatements,
      sources: cite,
    },
  });
  if (!action) return null;

  const groups = { forms: new Set<string>(), issues: new Set<string>(), tags: new Set<string>(), employmentTypes: new Set<string>() };
  const termSlugs: EmployeeActionRecord['termSlugs'] = { form: {}, issue: {}, tag: {} };
  const FILTERED = { ACTION_FORM: 'form', ISSUE: 'issue', TAG: 'tag' } as const;
  for (const { term } of action.terms) {
    const shown = term.mergedInto ?? term;
    groups[TERM_GROUP[shown.kind]].add(shown.label);
    if (shown.kind !== 'EMPLOYMENT_TYPE') termSlugs[FILTERED[shown.kind]][shown.label] = shown.slug;
  }
  const sorted = (labels: Set<string>) => [...labels].sort((a, b) => a.localeCompare(b, 'en'));

  return {
    id: action.id,
    version: action.version,
    updatedAt: action.updatedAt,
    title: action.title,
    description: action.description,
    startDate: action.startDate,
    datePrecision: action.datePrecision,
    forms: sorted(groups.forms),
    issues: sorted(groups.issues),
    tags: sorted(groups.tags),
    employmentTypes: sorted(groups.employmentTypes),
    termSlugs,
    participantsMin: action.participantsMin,
    participantsMax: action.participantsMax,
    participantsText: action.participantsText,
    online: action.online,
    locations: action.locations.map((location) => location.label),
    demands: action.demands,
    outcome: action.outcome,
    outcomeDate: action.outcomeDate,
    outcomePrecision: action.outcomePrecision,
    outcomeNote: action.outcomeNote,
    companies: action.companies.map((link) => link.company),
    ...splitCited(action.contracts),
    organizations: action.organizations.map((link) => named(link.organization)),
    statements: action.statements,
    sources: citations(action.sources),
    datasetRecordId: action.externalSource === COLLECTIVE_ACTION_SOURCE ? action.externalId : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Government contracts

export interface ContractRecord extends Versioned {
  id: string;
  title: string;
  company: CompanyLink;
  agency: NamedLink;
  subAgency: NamedLink | null;
  purpose: string | null;
  piid: string | null;
  awardKey: string | null;
  /** The Decimal's string ("250000.5"); null when not known. */
  obligatedAmount: string | null;
  potentialAmount: string | null;
  currency: string;
  awardDate: Date | null;
  awardDatePrecision: DatePrecision;
  periodStart: Date | null;
  periodEnd: Date | null;
  contractStatus: ContractStatus;
  statusChangedAt: Date | null;
  statusChangedPrecision: DatePrecision;
  /** The status in words, dated (lib/contract-status.ts): "Active (as reported 19 July 2018)". */
  statusText: string;
  /** Published employee actions that targeted it, newest first. */
  actions: ActionLink[];
  /** Public donation responses whose reason cites it, newest first (undated last). */
  donationResponses: DonationResponseLink[];
  /** Public company statements about it, newest first. */
  statements: StatementLink[];
  sources: Citation[];
}

/** A published contract (of a published company) with everything its page shows; null when there is none. One query. */
export async function getContract(id: string): Promise<ContractRecord | null> {
  const contract = await db.governmentContract.findFirst({
    relationLoadStrategy: JOIN,
    where: { id, ...visible },
    select: {
      id: true,
      ...versioned,
      title: true,
      company: companyLink,
      agency: agencySelect,
      subAgency: agencySelect,
      purpose: true,
      piid: true,
      awardKey: true,
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
      actions: {
        where: { action: { status: PUBLISHED } },
        orderBy: [{ action: { startDate: 'desc' } }, { action: { title: 'asc' } }],
        select: { action: actionLinkSelect },
      },
      donationResponses: {
        where: { donationResponse: visible },
        orderBy: [{ donationResponse: { date: { sort: 'desc', nulls: 'last' } } }, { donationResponseId: 'asc' }],
        select: { donationResponse: { select: donationLinkSelect } },
      },
      statements: answeringStatements,
      sources: cite,
    },
  });
  if (!contract) return null;
  const sources = citations(contract.sources);
  return {
    ...contract,
    agency: named(contract.agency),
    subAgency: contract.subAgency && named(contract.subAgency),
    obligatedAmount: contract.obligatedAmount?.toString() ?? null,
    potentialAmount: contract.potentialAmount?.toString() ?? null,
    statusText: contractStatusText({ ...contract, sources }),
    actions: contract.actions.map((link) => link.action),
    donationResponses: contract.donationResponses.map((link) => donationLink(link.donationResponse)),
    sources,
  };
}

// ---------------------------------------------------------------------------------------------
// Donation responses

export interface DonationResponseRecord extends Versioned {
  id: string;
  /** "RAICES rejected $250,000 from Salesforce"; "Salesforce says it donated $1,000,000 to unnamed groups". */
  title: string;
  response: DonationResponseKind;
  company: CompanyLink;
  /** The recipient; null when the company did not name it. */
  organization: NamedLink | null;
  date: Date | null;
  datePrecision: DatePrecision;
  /** The Decimal's string ("250000"); null when not known. */
  amount: string | null;
  currency: string;
  amountUndisclosed: boolean;
  reason: string | null;
  quote: string | null;
  quoteAttribution: string | null;
  /** Public contracts its reason cites, by title. */
  contracts: ContractLink[];
  /** Contracts it cites that a reviewer has archived since (their addresses say why). */
  archivedContracts: ArchivedLink[];
  /** Public company statements answering it, newest first. */
  statements: StatementLink[];
  sources: Citation[];
}

/** A published donation response (of a published company) with everything its page shows; null when there is none. One query. */
export async function getDonationResponse(id: string): Promise<DonationResponseRecord | null> {
  const donation = await db.donationResponse.findFirst({
    relationLoadStrategy: JOIN,
    where: { id, ...visible },
    select: {
      ...donationLinkSelect,
      ...versioned,
      amountUndisclosed: true,
      reason: true,
      quote: true,
      quoteAttribution: true,
      contracts: citedContracts,
      statements: answeringStatements,
      sources: cite,
    },
  });
  if (!donation) return null;
  return {
    id: donation.id,
    version: donation.version,
    updatedAt: donation.updatedAt,
    title: donationTitle(donation),
    response: donation.response,
    company: donation.company,
    organization: donation.organization && named(donation.organization),
    date: donation.date,
    datePrecision: donation.datePrecision,
    amount: donation.amount?.toString() ?? null,
    currency: donation.currency,
    amountUndisclosed: donation.amountUndisclosed,
    reason: donation.reason,
    quote: donation.quote,
    quoteAttribution: donation.quoteAttribution,
    ...splitCited(donation.contracts),
    statements: donation.statements,
    sources: citations(donation.sources),
  };
}

// ---------------------------------------------------------------------------------------------
// Company statements

export interface StatementRecord extends Versioned {
  id: string;
  kind: StatementKind;
  company: CompanyLink;
  date: Date;
  datePrecision: DatePrecision;
  summary: string;
  quote: string | null;
  speaker: string | null;
  /** What it answers, each when public. */
  action: ActionLink | null;
  contract: ContractLink | null;
  /** What it answers that a reviewer has archived since (their addresses say why). */
  archivedAnswers: ArchivedLink[];
  donationResponse: DonationResponseLink | null;
  sources: Citation[];
}

/** A published company statement (of a published company) with everything its page shows; null when there is none. One query. */
export async function getStatement(id: string): Promise<StatementRecord | null> {
  const statement = await db.companyStatement.findFirst({
    relationLoadStrategy: JOIN,
    where: { id, ...visible },
    select: {
      id: true,
      ...versioned,
      kind: true,
      company: companyLink,
      date: true,
      datePrecision: true,
      summary: true,
      quote: true,
      speaker: true,
      action: { select: { ...actionLinkSelect.select, status: true } },
      contract: {
        select: { ...contractLinkSelect.select, status: true, company: { select: { ...companyLink.select, status: true } } },
      },
      donationResponse: {
        select: { ...donationLinkSelect, status: true, company: { select: { ...companyLink.select, status: true } } },
      },
      sources: cite,
    },
  });
  if (!statement) return null;
  const { action, contract, donationResponse } = statement;
  const isPublic = (row: { status: string; company?: { status: string } }) =>
    row.status === PUBLISHED && (!row.company || row.company.status === PUBLISHED);
  return {
    id: statement.id,
    version: statement.version,
    updatedAt: statement.updatedAt,
    kind: statement.kind,
    company: statement.company,
    date: statement.date,
    datePrecision: statement.datePrecision,
    summary: statement.summary,
    quote: statement.quote,
    speaker: statement.speaker,
    action:
      action && isPublic(action)
        ? { id: action.id, title: action.title, startDate: action.startDate, datePrecision: action.datePrecision }
        : null,
    contract:
      contract && isPublic(contract)
        ? { id: contract.id, title: contract.title, company: { slug: contract.company.slug, name: contract.company.name } }
        : null,
    archivedAnswers: [
      ...(action?.status === 'ARCHIVED' ? [{ kind: 'employee action', href: `/actions/${action.id}` }] : []),
      ...(contract?.status === 'ARCHIVED' && contract.company.status === PUBLISHED
        ? [{ kind: 'contract', href: `/contracts/${contract.id}` }]
        : []),
      ...(donationResponse?.status === 'ARCHIVED' && donationResponse.company.status === PUBLISHED
        ? [{ kind: 'donation response', href: `/donations/${donationResponse.id}` }]
        : []),
    ],
    donationResponse:
      donationResponse && isPublic(donationResponse)
        ? donationLink({
            ...donationResponse,
            company: { slug: donationResponse.company.slug, name: donationResponse.company.name },
          })
        : null,
    sources: citations(statement.sources),
  };
}
