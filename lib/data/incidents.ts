import 'server-only';
import { db } from '../db';
import type { DatePrecision } from '../generated/prisma/enums';
import { formatMoney } from '../money';
import { summarize } from '../text';

export type IncidentKind = 'action' | 'contract' | 'donation' | 'statement';

/** One line of the record: what happened, when (at its precision), to which companies. */
export interface IncidentSummary {
  kind: IncidentKind;
  id: string;
  date: Date | null;
  datePrecision: DatePrecision;
  title: string;
  summary: string | null;
  companies: { slug: string; name: string }[];
  sourceCount: number;
}

const PUBLISHED = 'PUBLISHED' as const;
const companyLink = { select: { slug: true, name: true } } as const;

/**
 * The most recent published incidents of every kind, by the date they happened. Undated
 * records (a contract whose award date is unknown) come after dated ones.
 */
export async function listLatestIncidents({ limit = 20 }: { limit?: number } = {}): Promise<IncidentSummary[]> {
  const [actions, contracts, donations, statements] = await Promise.all([
    db.employeeAction.findMany({
      where: { status: PUBLISHED },
      orderBy: [{ startDate: 'desc' }, { id: 'asc' }],
      take: limit,
      select: {
        id: true,
        title: true,
        description: true,
        startDate: true,
        datePrecision: true,
        companies: { select: { company: companyLink } },
        _count: { select: { sources: true } },
      },
    }),
    db.governmentContract.findMany({
      where: { status: PUBLISHED },
      orderBy: [{ awardDate: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
      take: limit,
      select: {
        id: true,
        title: true,
        purpose: true,
        awardDate: true,
        awardDatePrecision: true,
        company: companyLink,
        _count: { select: { sources: true } },
      },
    }),
    db.donationResponse.findMany({
      where: { status: PUBLISHED },
      orderBy: [{ date: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
      take: limit,
      select: {
        id: true,
        response: true,
        reason: true,
        amount: true,
        currency: true,
        date: true,
        datePrecision: true,
        company: companyLink,
        organization: { select: { name: true, acronym: true } },
        _count: { select: { sources: true } },
      },
    }),
    db.companyStatement.findMany({
      where: { status: PUBLISHED },
      orderBy: [{ date: 'desc' }, { id: 'asc' }],
      take: limit,
      select: { id: true, summary: true, date: true, datePrecision: true, company: companyLink, _count: { select: { sources: true } } },
    }),
  ]);

  const incidents: IncidentSummary[] = [
    ...actions.map((action) => ({
      kind: 'action' as const,
      id: action.id,
      date: action.startDate,
      datePrecision: action.datePrecision,
      title: action.title,
      summary: summarize(action.description),
      companies: action.companies.map((link) => link.company),
      sourceCount: action._count.sources,
    })),
    ...contracts.map((contract) => ({
      kind: 'contract' as const,
      id: contract.id,
      date: contract.awardDate,
      datePrecision: contract.awardDatePrecision,
      title: contract.title,
      summary: contract.purpose && summarize(contract.purpose),
      companies: [contract.company],
      sourceCount: contract._count.sources,
    })),
    ...donations.map((donation) => ({
      kind: 'donation' as const,
      id: donation.id,
      date: donation.date,
      datePrecision: donation.datePrecision,
      title: donationTitle(donation),
      summary: donation.reason && summarize(donation.reason),
      companies: [donation.company],
      sourceCount: donation._count.sources,
    })),
    ...statements.map((statement) => ({
      kind: 'statement' as const,
      id: statement.id,
      date: statement.date,
      datePrecision: statement.datePrecision,
      title: `${statement.company.name}: ${summarize(statement.summary, 100)}`,
      summary: null,
      companies: [statement.company],
      sourceCount: statement._count.sources,
    })),
  ];
  return incidents
    .sort((a, b) => (b.date?.getTime() ?? -Infinity) - (a.date?.getTime() ?? -Infinity) || a.id.localeCompare(b.id))
    .slice(0, limit);
}

const RESPONSE_VERB: Record<string, string> = {
  REJECTED: 'rejected',
  RETURNED: 'returned',
  ACCEPTED: 'accepted',
  REDIRECTED: 'redirected',
};

function donationTitle(donation: {
  response: string;
  amount: { toString(): string } | null;
  currency: string;
  company: { name: string };
  organization: { name: string; acronym: string | null } | null;
}): string {
  const amount = donation.amount ? formatMoney(donation.amount.toString(), donation.currency) : 'an undisclosed amount';
  const organization = donation.organization ? (donation.organization.acronym ?? donation.organization.name) : 'unnamed groups';
  if (donation.response === 'DONATED') return `${donation.company.name} says it donated ${amount} to ${organization}`;
  return `${organization} ${RESPONSE_VERB[donation.response] ?? 'answered'} ${amount} from ${donation.company.name}`;
}
