import type { MoneyTotal } from '@/lib/data/agencies';
import { formatMoney } from '@/lib/money';

/**
 * Sums of money, one line per currency ("$3,500,000.50", "€300"): amounts in different
 * currencies are never added together. `empty` shows when no amount is known.
 */
export function MoneyTotals({ totals, empty = 'Not known' }: { totals: MoneyTotal[]; empty?: string }) {
  if (totals.length === 0) return <span className="text-stone-700">{empty}</span>;
  if (totals.length === 1 && totals[0]) return <span>{formatMoney(totals[0].amount, totals[0].currency)}</span>;
  return (
    <ul aria-label="Totals by currency">
      {totals.map((total) => (
        <li key={total.currency}>{formatMoney(total.amount, total.currency)}</li>
      ))}
    </ul>
  );
}
