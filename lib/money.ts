/**
 * "250,000", "1,000,000.50": an amount without its currency, exact, from the Decimal's string (or
 * as a form sent it), never through a float. One amount is written one way, however it was typed
 * ("250000.5", "0250000.50").
 */
export function formatAmount(amount: string): string {
  const [whole = '0', fraction] = amount.split('.');
  const grouped = (whole.replace(/^0+(?=\d)/, '') || '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = fraction && /[1-9]/.test(fraction) ? `.${fraction.padEnd(2, '0').slice(0, 2)}` : '';
  return `${grouped}${cents}`;
}

/** "$250,000", "€1,000,000.50": exact, from the Decimal's string, never through a float. */
export function formatMoney(amount: string, currency: string): string {
  const symbol = currency === 'USD' ? '$' : currency === 'EUR' ? '€' : currency === 'GBP' ? '£' : '';
  return symbol ? `${symbol}${formatAmount(amount)}` : `${formatAmount(amount)} ${currency}`;
}

/**
 * A chart table's figure in US dollars, to the cent (a sum of Decimals read as a number has no more
 * digits than that); "—" for a year with none on record, which is not $0.
 */
export const dollarsCell = (value: number | undefined): string =>
  value === undefined ? '—' : formatMoney(value.toFixed(2), 'USD');

/** Axis labels: "$2.5M", "$12B", "$300K". Approximate by design; tables give the exact figures. */
export function compactDollars(value: number): string {
  if (value >= 1e9) return `$${(value / 1e9).toFixed(value >= 1e10 ? 0 : 1)}B`;
  if (value >= 1e6) return `$${(value / 1e6).toFixed(value >= 1e7 ? 0 : 1)}M`;
  if (value >= 1e3) return `$${(value / 1e3).toFixed(0)}K`;
  return `$${value}`;
}
