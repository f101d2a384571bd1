import type { DatePrecision } from '@/lib/generated/prisma/enums';
import { formatPreciseDate, isoPreciseDate } from '@/lib/dates';

/** A date shown no more precisely than its sources give it. */
export function PreciseDate({ date, precision }: { date: Date | null; precision: DatePrecision }) {
  if (!date) return <span>Date unknown</span>;
  return <time dateTime={isoPreciseDate(date, precision)}>{formatPreciseDate(date, precision)}</time>;
}

/**
 * A period of days (a contract's period of performance), `joiner` between its ends; an end not on
 * record said so in words, not as a date unknown in the middle of a phrase. Nothing when neither is.
 */
export function DayPeriod({ start, end, joiner }: { start: Date | null; end: Date | null; joiner: string }) {
  if (start && end)
    return (
      <>
        <PreciseDate date={start} precision="DAY" />
        {joiner}
        <PreciseDate date={end} precision="DAY" />
      </>
    );
  if (start)
    return (
      <>
        From <PreciseDate date={start} precision="DAY" /> (its end not on record)
      </>
    );
  if (end)
    return (
      <>
        Until <PreciseDate date={end} precision="DAY" /> (its start not on record)
      </>
    );
  return null;
}
