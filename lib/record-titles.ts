import type { DatePrecision } from './generated/prisma/enums';
import { formatPreciseDate } from './dates';

/**
 * A contract's title as its page, its tab and its citation give it: the company first, since many
 * contracts share a title ("Cloud services"), and when it was awarded, since a company's own often
 * do too (a file's awards of one kind, year after year).
 */
export function contractTitle(contract: {
  company: { name: string };
  title: string;
  awardDate: Date | null;
  awardDatePrecision: DatePrecision;
}): string {
  const awarded = contract.awardDate
    ? ` (awarded ${formatPreciseDate(contract.awardDate, contract.awardDatePrecision)})`
    : '';
  return `${contract.company.name}: ${contract.title}${awarded}`;
}
