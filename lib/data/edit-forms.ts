import 'server-only';
import { db } from '../db';
import { isoPreciseDate } from '../dates';

/** What an edit form starts from: the published record as the form's own field values. */
export interface EditStart {
  recordId: string;
  baseVersion: number;
  values: Record<string, string>;
  /** Carried along unchanged: citations without a url, and the contracts the record cites. */
  keptSourceIds: string[];
  keptContractIds: string[];
}

const sourceFields = (sources: { source: { id: string; url: string | null } }[]) => ({
  sources: sources.flatMap((link) => (link.source.url ? [link.source.url] : [])).join('\n'),
  keptSourceIds: sources.flatMap((link) => (link.source.url ? [] : [link.source.id])),
});

export async function donationEditStart(id: string): Promise<EditStart | null> {
  const record = await db.donationResponse.findFirst({
    where: { id, status: 'PUBLISHED' },
    select: {
      version: true,
      company: { select: { name: true } },
      organization: { select: { name: true, acronym: true } },
      response: true,
      date: true,
      datePrecision: true,
      amount: true,
      currency: true,
      amountUndisclosed: true,
      reason: true,
      quote: true,
      quoteAttribution: true,
      contracts: { select: { contractId: true } },
      sources: { select: { source: { select: { id: true, url: true } } } },
    },
  });
  if (!record) return null;
  const { sources, keptSourceIds } = sourceFields(record.sources);
  return {
    recordId: id,
    baseVersion: record.version,
    keptSourceIds,
    keptContractIds: record.contracts.map((link) => link.contractId),
    values: {
      company: record.company.name,
      organization: record.organization?.name ?? '',
      response: record.response,
      date: record.date ? isoPreciseDate(record.date, record.datePrecision) : '',
      amount: record.amount?.toString() ?? '',
      currency: record.currency,
      ...(record.amountUndisclosed ? { amountUndisclosed: 'on' } : {}),
      reason: record.reason ?? '',
      quote: record.quote ?? '',
      quoteAttribution: record.quoteAttribution ?? '',
      sources,
    },
  };
}

export async function actionEditStart(id: string): Promise<EditStart | null> {
  const record = await db.employeeAction.findFirst({
    where: { id, status: 'PUBLISHED' },
    select: {
      version: true,
      title: true,
      description: true,
      startDate: true,
      datePrecision: true,
      participantsMin: true,
      participantsMax: true,
      participantsText: true,
      demands: true,
      outcome: true,
      outcomeNote: true,
      companies: { select: { company: { select: { name: true } } } },
      terms: { select: { term: { select: { kind: true, slug: true } } } },
      contracts: { select: { contractId: true } },
      sources: { select: { source: { select: { id: true, url: true } } } },
    },
  });
  if (!record) return null;
  const { sources, keptSourceIds } = sourceFields(record.sources);
  const terms = (kind: string) => record.terms.filter((link) => link.term.kind === kind).map((link) => link.term.slug).join('\n');
  return {
    recordId: id,
    baseVersion: record.version,
    keptSourceIds,
    keptContractIds: record.contracts.map((link) => link.contractId),
    values: {
      title: record.title,
      description: record.description,
      date: isoPreciseDate(record.startDate, record.datePrecision),
      companies: record.companies.map((link) => link.company.name).join('\n'),
      formSlugs: terms('ACTION_FORM'),
      issueSlugs: terms('ISSUE'),
      participantsMin: record.participantsMin?.toString() ?? '',
      participantsMax: record.participantsMax?.toString() ?? '',
      participantsText: record.participantsText ?? '',
      demands: record.demands ?? '',
      outcome: record.outcome,
      outcomeNote: record.outcomeNote ?? '',
      sources,
    },
  };
}

const money = (value: { toString(): string } | null) => value?.toString() ?? '';

export async function contractEditStart(id: string): Promise<EditStart | null> {
  const record = await db.governmentContract.findFirst({
    where: { id, status: 'PUBLISHED' },
    select: {
      version: true,
      company: { select: { name: true } },
      agencyId: true,
      subAgencyId: true,
      title: true,
      purpose: true,
      piid: true,
      obligatedAmount: true,
      potentialAmount: true,
      currency: true,
      awardDate: true,
      awardDatePrecision: true,
      contractStatus: true,
      sources: { select: { source: { select: { id: true, url: true } } } },
    },
  });
  if (!record) return null;
  const { sources, keptSourceIds } = sourceFields(record.sources);
  return {
    recordId: id,
    baseVersion: record.version,
    keptSourceIds,
    keptContractIds: [],
    values: {
      company: record.company.name,
      agencyId: record.agencyId,
      subAgencyId: record.subAgencyId ?? '',
      title: record.title,
      purpose: record.purpose ?? '',
      piid: record.piid ?? '',
      obligatedAmount: money(record.obligatedAmount),
      potentialAmount: money(record.potentialAmount),
      currency: record.currency,
      awardDate: record.awardDate ? isoPreciseDate(record.awardDate, record.awardDatePrecision) : '',
      contractStatus: record.contractStatus,
      sources,
    },
  };
}

export async function statementEditStart(id: string): Promise<EditStart | null> {
  const record = await db.companyStatement.findFirst({
    where: { id, status: 'PUBLISHED' },
    select: {
      version: true,
      company: { select: { name: true } },
      date: true,
      datePrecision: true,
      kind: true,
      summary: true,
      quote: true,
      speaker: true,
      contractId: true,
      sources: { select: { source: { select: { id: true, url: true } } } },
    },
  });
  if (!record) return null;
  const { sources, keptSourceIds } = sourceFields(record.sources);
  return {
    recordId: id,
    baseVersion: record.version,
    keptSourceIds,
    keptContractIds: record.contractId ? [record.contractId] : [],
    values: {
      company: record.company.name,
      date: isoPreciseDate(record.date, record.datePrecision),
      kind: record.kind,
      summary: record.summary,
      quote: record.quote ?? '',
      speaker: record.speaker ?? '',
      sources,
    },
  };
}

export async function agencyEditStart(slug: string): Promise<(EditStart & { name: string }) | null> {
  const record = await db.agency.findFirst({
    where: { slug, status: 'PUBLISHED' },
    select: {
      id: true,
      version: true,
      name: true,
      acronym: true,
      parentId: true,
      country: true,
      level: true,
      website: true,
      sources: { select: { source: { select: { id: true, url: true } } } },
    },
  });
  if (!record) return null;
  const { sources, keptSourceIds } = sourceFields(record.sources);
  return {
    name: record.name,
    recordId: record.id,
    baseVersion: record.version,
    keptSourceIds,
    keptContractIds: [],
    values: {
      name: record.name,
      acronym: record.acronym ?? '',
      parentId: record.parentId ?? '',
      country: record.country,
      level: record.level,
      website: record.website ?? '',
      sources,
    },
  };
}

export async function organizationEditStart(slug: string): Promise<(EditStart & { name: string }) | null> {
  const record = await db.organization.findFirst({
    where: { slug, status: 'PUBLISHED' },
    select: {
      id: true,
      version: true,
      name: true,
      acronym: true,
      kind: true,
      country: true,
      website: true,
      description: true,
      sources: { select: { source: { select: { id: true, url: true } } } },
    },
  });
  if (!record) return null;
  const { sources, keptSourceIds } = sourceFields(record.sources);
  return {
    name: record.name,
    recordId: record.id,
    baseVersion: record.version,
    keptSourceIds,
    keptContractIds: [],
    values: {
      name: record.name,
      acronym: record.acronym ?? '',
      kind: record.kind,
      country: record.country ?? '',
      website: record.website ?? '',
      description: record.description ?? '',
      sources,
    },
  };
}

export async function companyEditStart(slug: string): Promise<(EditStart & { name: string }) | null> {
  const record = await db.company.findFirst({
    where: { slug, status: 'PUBLISHED' },
    select: {
      id: true,
      version: true,
      name: true,
      sector: true,
      hqCountry: true,
      website: true,
      ticker: true,
      description: true,
      sources: { select: { source: { select: { id: true, url: true } } } },
    },
  });
  if (!record) return null;
  const { sources, keptSourceIds } = sourceFields(record.sources);
  return {
    name: record.name,
    recordId: record.id,
    baseVersion: record.version,
    keptSourceIds,
    keptContractIds: [],
    values: {
      name: record.name,
      sector: record.sector ?? '',
      hqCountry: record.hqCountry ?? '',
      website: record.website ?? '',
      ticker: record.ticker ?? '',
      description: record.description ?? '',
      sources,
    },
  };
}
