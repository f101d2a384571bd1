import type { DatePrecision } from '@/lib/generated/prisma/enums';
import { formatPreciseDate, isoPreciseDate } from '@/lib/dates';

/** A date shown no more precisely than its sources give it. */
export function PreciseDate({ date, precision }: { date: Date | null; precision: DatePrecision }) {
  if (!date) return <span>Date unknown</span>;
  return <time dateTime={isoPreciseDate(date, precision)}>{formatPreciseDate(date, precision)}</time>;
}
