import { plural } from './text';

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

/** Sums in several currencies in the order they are given: US dollars first, then by currency code. */
export const usDollarsFirst = (a: { currency: string }, b: { currency: string }) =>
  Number(a.currency !== 'USD') - Number(b.currency !== 'USD') || a.currency.localeCompare(b.currency);

/** What a sum adds up: contracts' obligated or potential values, or donations' amounts. */
export type Summed = 'obligated' | 'potential' | 'donations';

/**
 * What a sum of amounts does not count, said beside it: "1 contract of unknown value left out",
 * "2 contracts of unknown potential value left out", "1 without a known amount left out" (a
 * donation's amount undisclosed or not reported). A sum is never shown as if it were everything.
 */
export function leftOutText(count: number, what: Summed): string {
  if (what === 'donations') return `${count.toLocaleString('en-US')} without a known amount left out`;
  const value = what === 'potential' ? 'potential value' : 'value';
  return `${plural(count, 'contract', 'contracts')} of unknown ${value} left out`;
}

/**
 * Sums per currency as text ("$5,000,000 and €300": side by side, never added together, which a "+"
 * would say), with what they leave out: "$5,000,000 (2
 * contracts of unknown value left out)"; a donation's, written inside the parentheses of its count,
 * "$250,000; 1 without a known amount left out".
 */
export function sumsWithLeftOut(amounts: { amount: string; currency: string }[], count: number, what: Summed): string {
  const sums = amounts.map((amount) => formatMoney(amount.amount, amount.currency)).join(' and ');
  if (count <= 0) return sums;
  return what === 'donations' ? `${sums}; ${leftOutText(count, what)}` : `${sums} (${leftOutText(count, what)})`;
}

const COMPACT_DOLLARS = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumSignificantDigits: 3,
});

/**
 * Axis labels: "$2.5M", "$12B", "$300K", "$1.5K". Approximate by design (tables give the exact
 * figures), but to three digits, so that an axis's steps (1,500, 2,000, 2,500) never read alike.
 */
export function compactDollars(value: number): string {
  return COMPACT_DOLLARS.format(value);
}
