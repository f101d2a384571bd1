import 'server-only';
import { isoPreciseDate } from '../dates';
import type { Prisma } from '../generated/prisma/client';
import { db } from '../db';
import { sameJson } from '../records/revisions';
import { nameKey } from '../text';
import { currentStates } from './change-apply';

type Client = Prisma.TransactionClient | typeof db;

/** The kinds of record editors propose and reviewers restore. */
export const STATEFUL = ['DONATION_RESPONSE', 'EMPLOYEE_ACTION', 'COMPANY', 'CONTRACT', 'COMPANY_STATEMENT', 'AGENCY', 'ORGANIZATION'] as const;
export type StatefulType = (typeof STATEFUL)[number];

export const isStateful = (type: string): type is StatefulType => (STATEFUL as readonly string[]).includes(type);

/**
 * A version of a record as its form's schema accepts it: every field the form edits, with links
 * by id (`{ id }` for a company, `{ sourceId }` for a source). Revisions written by publishing or
 * restoring keep one before and one after, so that any of them can be validated and applied again.
 */
export interface RecordState {
  version: number;
  fields: Record<string, unknown>;
}

export function isRecordState(value: unknown): value is RecordState {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<RecordState>;
  return Number.isInteger(candidate.version) && !!candidate.fields && typeof candidate.fields === 'object';
}

const withSourceIds = { sources: { select: { sourceId: true } } } as const;
// Links are sets: read in a stable order so that two reads of the same record compare equal.
/** A record's sources as its state and its history's steps list them: by id, in the record's own order (by id). */
export const sourceIds = (links: { sourceId: string }[]) => links.map((link) => link.sourceId).sort().map((sourceId) => ({ sourceId }));
const orEmpty = (value: string | null) => value ?? '';
const money = (value: { toString(): string } | null) => (value === null ? '' : value.toString());

/** The record's current state, read in one query; null when there is no such record. */
export async function readState(client: Client, type: StatefulType, id: string): Promise<RecordState | null> {
  switch (type) {
    case 'DONATION_RESPONSE': {
      const row = await client.donationResponse.findUnique({
        where: { id },
        include: { sources: { select: { sourceId: true } }, contracts: { select: { contractId: true } } },
      });
      if (!row) return null;
      return {
        version: row.version,
        fields: {
          company: { id: row.companyId },
          organization: row.organizationId ? { id: row.organizationId } : null,
          date: row.date ? isoPreciseDate(row.date, row.datePrecision) : '',
          response: row.response,
          amount: money(row.amount),
          currency: row.currency,
          amountUndisclosed: row.amountUndisclosed,
          reason: row.reason,
          quote: row.quote,
          quoteAttribution: row.quoteAttribution,
          contractIds: row.contracts.map((link) => link.contractId).sort(),
          sources: sourceIds(row.sources),
        },
      };
    }
    case 'EMPLOYEE_ACTION': {
      const row = await client.employeeAction.findUnique({
        where: { id },
        include: {
          companies: { select: { companyId: true } },
          organizations: { select: { organizationId: true } },
          terms: { select: { term: { select: { kind: true, slug: true } } } },
          contracts: { select: { contractId: true } },
          locations: { select: { label: true }, orderBy: { position: 'asc' } },
          sources: withSourceIds.sources,
        },
      });
      if (!row) return null;
      const terms = (kind: string) => row.terms.flatMap((link) => (link.term.kind === kind ? [link.term.slug] : [])).sort();
      return {
        version: row.version,
        fields: {
          title: row.title,
          description: row.description,
          date: isoPreciseDate(row.startDate, row.datePrecision),
          companies: row.companies.map((link) => link.companyId).sort().map((id) => ({ id })),
          organizations: row.organizations.map((link) => link.organizationId).sort().map((id) => ({ id })),
          formSlugs: terms('ACTION_FORM'),
          issueSlugs: terms('ISSUE'),
          tagSlugs: terms('TAG'),
          employmentTypeSlugs: terms('EMPLOYMENT_TYPE'),
          places: row.locations.map((place) => place.label),
          participantsMin: row.participantsMin,
          participantsMax: row.participantsMax,
          participantsText: row.participantsText,
          demands: row.demands,
          outcome: row.outcome,
          outcomeNote: row.outcomeNote,
          contractIds: row.contracts.map((link) => link.contractId).sort(),
          sources: sourceIds(row.sources),
        },
      };
    }
    case 'COMPANY': {
      const row = await client.company.findUnique({
        where: { id },
        include: { ...withSourceIds, aliases: { select: { name: true, key: true }, orderBy: { name: 'asc' } } },
      });
      if (!row) return null;
      return {
        version: row.version,
        fields: {
          name: row.name,
          // The names it is also known by, besides its name (a former name, a merged company's).
          aliases: row.aliases.filter((alias) => alias.key !== nameKey(row.name)).map((alias) => alias.name),
          sector: row.sector,
          hqCountry: orEmpty(row.hqCountry),
          website: orEmpty(row.website),
          ticker: row.ticker,
          description: row.description,
          // The company it is part of, as its form names it.
          parent: row.parentId ? { id: row.parentId } : null,
          sources: sourceIds(row.sources),
        },
      };
    }
    case 'CONTRACT': {
      const row = await client.governmentContract.findUnique({ where: { id }, include: withSourceIds });
      if (!row) return null;
      return {
        version: row.version,
        fields: {
          company: { id: row.companyId },
          agencyId: row.agencyId,
          subAgencyId: row.subAgencyId,
          title: row.title,
          purpose: row.purpose,
          piid: row.piid,
          obligatedAmount: money(row.obligatedAmount),
          potentialAmount: money(row.potentialAmount),
          currency: row.currency,
          awardDate: row.awardDate ? isoPreciseDate(row.awardDate, row.awardDatePrecision) : null,
          contractStatus: row.contractStatus,
          statusSince: row.statusChangedAt ? isoPreciseDate(row.statusChangedAt, row.statusChangedPrecision) : null,
          periodStart: row.periodStart ? isoPreciseDate(row.periodStart, 'DAY') : null,
          periodEnd: row.periodEnd ? isoPreciseDate(row.periodEnd, 'DAY') : null,
          sources: sourceIds(row.sources),
        },
      };
    }
    case 'COMPANY_STATEMENT': {
      const row = await client.companyStatement.findUnique({ where: { id }, include: withSourceIds });
      if (!row) return null;
      return {
        version: row.version,
        fields: {
          company: { id: row.companyId },
          date: isoPreciseDate(row.date, row.datePrecision),
          kind: row.kind,
          summary: row.summary,
          quote: row.quote,
          speaker: row.speaker,
          contractId: row.contractId,
          sources: sourceIds(row.sources),
        },
      };
    }
    case 'AGENCY': {
      const row = await client.agency.findUnique({ where: { id }, include: withSourceIds });
      if (!row) return null;
      return {
        version: row.version,
        fields: {
          name: row.name,
          acronym: row.acronym,
          aliases: row.aliases,
          parentId: row.parentId,
          country: row.country,
          level: row.level,
          website: orEmpty(row.website),
          sources: sourceIds(row.sources),
        },
      };
    }
    case 'ORGANIZATION': {
      const row = await client.organization.findUnique({ where: { id }, include: withSourceIds });
      if (!row) return null;
      return {
        version: row.version,
        fields: {
          name: row.name,
          acronym: row.acronym,
          kind: row.kind,
          country: orEmpty(row.country),
          website: orEmpty(row.website),
          description: row.description,
          sources: sourceIds(row.sources),
        },
      };
    }
  }
}

/**
 * Whether earlier versions can be restored over the record: it is published and not merged into
 * another (an archived incident is brought back first; a merged company or organisation lives on in
 * the one it was merged into), as `revertRecord` requires.
 */
export async function isRestorable(type: StatefulType, id: string, client: Client = db): Promise<boolean> {
  return (await currentStates(type, [id], client)).get(id)?.live ?? false;
}

/**
 * Whether two states hold the same fields (links compared as sets are read in a stable order). An
 * empty list is the same as none: a version kept before a record had a list field (an agency's
 * other names) held none.
 */
export function sameFields(a: RecordState['fields'], b: RecordState['fields']): boolean {
  const withoutEmptyLists = (fields: RecordState['fields']) =>
    Object.fromEntries(Object.entries(fields).filter(([, value]) => !(Array.isArray(value) && value.length === 0)));
  return sameJson(withoutEmptyLists(a), withoutEmptyLists(b));
}

/**
 * The fields each kind's states, changes and forms came to hold on 7 December, older ones leaving
 * them as they are: an action's tags, employment types and places; a contract's period of
 * performance, which only imports wrote before.
 */
export const FIELDS_SINCE_7_DECEMBER: Record<string, readonly string[]> = {
  EMPLOYEE_ACTION: ['tagSlugs', 'employmentTypeSlugs', 'places'],
  CONTRACT: ['periodStart', 'periodEnd'],
};

/**
 * A version's fields as restoring it over the current ones would leave them: a company's version
 * kept before its state held its other names (4 December) leaves them as they are, since its
 * form only adds names (an agency's form lists them all: one of before then has none); one kept
 * before it held its parent (6 December) leaves the parent as it is; an action's kept before it
 * held its tags, employment types and places (7 December), those; a contract's kept before it held its
 * period of performance (7 December), that.
 */
export function asRestored(
  type: string,
  version: RecordState['fields'],
  current: RecordState['fields'],
): RecordState['fields'] {
  const later = FIELDS_SINCE_7_DECEMBER[type];
  if (later) {
    const kept = later.filter((field) => !(field in version) && field in current);
    return { ...version, ...Object.fromEntries(kept.map((field) => [field, current[field]])) };
  }
  if (type !== 'COMPANY') return version;
  return {
    ...version,
    ...(!('aliases' in version) && { aliases: current.aliases }),
    ...(!('parent' in version) && 'parent' in current && { parent: current.parent }),
  };
}
