import type { MoneyTotal } from '@/lib/data/agencies';
import { formatMoney, leftOutText, type Summed } from '@/lib/money';

/**
 * Sums of money, one line per currency ("$3,500,000.50", "€300"): amounts in different
 * currencies are never added together. `empty` shows when no amount is known; `leftOut`, the
 * contracts without an amount, is said under sums that leave them out.
 */
export function MoneyTotals({
  totals,
  empty = 'Not known',
  leftOut = 0,
  summed = 'obligated',
}: {
  totals: MoneyTotal[];
  empty?: string;
  leftOut?: number;
  summed?: Summed;
}) {
  if (totals.length === 0) return <span className="text-stone-700">{empty}</span>;
  const note = leftOut > 0 && (
    <span className="block text-sm font-normal text-stone-700">{leftOutText(leftOut, summed)}</span>
  );
  if (totals.length === 1 && totals[0])
    return (
      <>
        <span>{formatMoney(totals[0].amount, totals[0].currency)}</span>
        {note}
      </>
    );
  return (
    <>
      <ul aria-label="Totals by currency">
        {totals.map((total) => (
          <li key={total.currency}>{formatMoney(total.amount, total.currency)}</li>
        ))}
      </ul>
      {note}
    </>
  );
}
