import type { DatePrecision } from './generated/prisma/enums';
import { formatPreciseDate } from './dates';
import { CONTRACT_STATUS_LABEL } from './labels';

/**
 * How a contract's status reads on every page that shows it. A status is a claim made on some day
 * (a news report, an import, an editor's entry): shown bare, "Active" reads as "active today",
 * which the record may not know. So the status always says as of when it is known, and an active
 * contract whose period of performance has ended is not called active.
 */

/** What the record knows about a contract's status, and about when it was known. */
export interface ContractStatusFacts {
  contractStatus: string;
  /** The day (month, year) the status took effect, when the record has it. */
  statusChangedAt: Date | null;
  statusChangedPrecision: DatePrecision;
  /** The day an editor's change set the status without saying since when: known as of then. */
  statusRecordedAt: Date | null;
  /** The end of the period of performance, when known (USAspending's current end date). */
  periodEnd: Date | null;
  /** The publication dates of its sources: the status is known as of the newest. */
  sources: readonly { publishedAt: Date | null; publishedPrecision: DatePrecision }[];
  /** When the record was last written: what is known when no source is dated. */
  updatedAt: Date;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** "19 July 2018", "in July 2018", "in 2018": a date after a verb ("reported", "cancelled"). */
function onDate(date: Date, precision: DatePrecision): string {
  const text = formatPreciseDate(date, precision);
  return precision === 'DAY' ? text : `in ${text}`;
}

/** The newest dated source: the latest first day, the more precise one on a tie. Null when none is dated. */
export function newestSourceDate(
  sources: ContractStatusFacts['sources'],
): { date: Date; precision: DatePrecision } | null {
  const rank: Record<DatePrecision, number> = { YEAR: 0, MONTH: 1, DAY: 2 };
  let newest: { date: Date; precision: DatePrecision } | null = null;
  for (const { publishedAt, publishedPrecision } of sources) {
    if (!publishedAt) continue;
    const later = !newest || publishedAt.getTime() > newest.date.getTime();
    const tiedButFiner =
      newest !== null &&
      publishedAt.getTime() === newest.date.getTime() &&
      rank[publishedPrecision] > rank[newest.precision];
    if (later || tiedButFiner) newest = { date: publishedAt, precision: publishedPrecision };
  }
  return newest;
}

/**
 * The status in words, dated: "Active since 3 May 2019", "Cancelled in June 2018",
 * "Active (as reported 19 July 2018)", "Completed (period ended 30 April 2019)",
 * "Period ended 30 April 2019 (recorded as active)", "Active (as recorded 2 December 2026)".
 * `today` decides whether a period has ended; the period's last day still counts as running.
 */
export function contractStatusText(facts: ContractStatusFacts, today: Date = new Date()): string {
  const status = facts.contractStatus;
  const label = CONTRACT_STATUS_LABEL[status] ?? status;
  if (status === 'UNKNOWN') return label;
  const periodEnded = facts.periodEnd !== null && isoDay(facts.periodEnd) < isoDay(today);

  // The record says active, but the period it was awarded for is over: it cannot be called active today.
  if (status === 'ACTIVE' && periodEnded) {
    return `Period ended ${formatPreciseDate(facts.periodEnd as Date, 'DAY')} (recorded as active)`;
  }
  if (facts.statusChangedAt) {
    return status === 'ACTIVE'
      ? `${label} since ${formatPreciseDate(facts.statusChangedAt, facts.statusChangedPrecision)}`
      : `${label} ${onDate(facts.statusChangedAt, facts.statusChangedPrecision)}`;
  }
  if (facts.statusRecordedAt) return `${label} (as recorded ${formatPreciseDate(facts.statusRecordedAt, 'DAY')})`;
  const reported = newestSourceDate(facts.sources);
  if (reported) return `${label} (as reported ${onDate(reported.date, reported.precision)})`;
  // An imported status is judged from the period of performance: say so.
  if (facts.periodEnd && (status === 'ACTIVE' || (status === 'COMPLETED' && periodEnded))) {
    const end = formatPreciseDate(facts.periodEnd, 'DAY');
    return `${label} (period ${periodEnded ? 'ended' : 'ends'} ${end})`;
  }
  return `${label} (as recorded ${formatPreciseDate(facts.updatedAt, 'DAY')})`;
}

/** What a query selects for contractStatusText, besides the sources' dates. */
export const statusFactsSelect = {
  contractStatus: true,
  statusChangedAt: true,
  statusChangedPrecision: true,
  statusRecordedAt: true,
  periodEnd: true,
  updatedAt: true,
} as const;

/** The sources' publication dates, for a query that does not cite the sources otherwise. */
export const sourceDatesSelect = {
  sources: { select: { source: { select: { publishedAt: true, publishedPrecision: true } } } },
} as const;

/** The flat source dates of Prisma's join rows (`{ source: {...} }[]`). */
export const sourceDates = (rows: { source: ContractStatusFacts['sources'][number] }[]) =>
  rows.map((row) => row.source);

/** A contract cancelled or not renewed after actions against it (lib/data/company-figures.ts). */
export interface EndedContract {
  id: string;
  title: string;
  status: string;
  /** When it ended, when the record has it. */
  changedAt: Date | null;
  changedPrecision: DatePrecision;
  /** The first action against it: when it began, as precisely as known. */
  firstActionAt: Date;
  firstActionPrecision: DatePrecision;
}

const DAY = 24 * 60 * 60 * 1000;

/** The moment after the day, month or year a date stands for. */
function pastTheEnd(date: Date, precision: DatePrecision): number {
  if (precision === 'YEAR') return Date.UTC(date.getUTCFullYear() + 1, 0, 1);
  if (precision === 'MONTH') return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  return date.getTime() + DAY;
}

/**
 * How it ended after the actions, with the time between as precisely as the dates allow: "not
 * renewed on 1 June 2018, 45 days after the first action against it (17 April 2018)"; "cancelled in
 * 2019, after actions against it starting in March 2018". Where the record cannot tell that it
 * ended after they began (its end not on record, or in the year or month they began), it says
 * both without an order: "not renewed (when is not on record); actions against it began in 2018".
 */
export function endedAfterActionsText(contract: EndedContract): string {
  const status = CONTRACT_STATUS_LABEL[contract.status]?.toLowerCase() ?? contract.status.toLowerCase();
  const first = contract.firstActionAt;
  const began = `actions against it began ${contract.firstActionPrecision === 'DAY' ? 'on ' : ''}${onDate(first, contract.firstActionPrecision)}`;
  if (!contract.changedAt) return `${status} (when is not on record); ${began}`;
  const ended = `${status} ${contract.changedPrecision === 'DAY' ? 'on ' : ''}${onDate(contract.changedAt, contract.changedPrecision)}`;
  if (contract.changedPrecision === 'DAY' && contract.firstActionPrecision === 'DAY') {
    const days = Math.round((contract.changedAt.getTime() - first.getTime()) / DAY);
    const between =
      days === 0 ? 'the day of' : days === 1 ? '1 day after' : `${days.toLocaleString('en-US')} days after`;
    return `${ended}, ${between} the first action against it (${formatPreciseDate(first, 'DAY')})`;
  }
  if (contract.changedAt.getTime() < pastTheEnd(first, contract.firstActionPrecision)) return `${ended}; ${began}`;
  return `${ended}, after actions against it starting ${onDate(first, contract.firstActionPrecision)}`;
}
