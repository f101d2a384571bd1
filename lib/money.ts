/** "$250,000", "€1,000,000.50": exact, from the Decimal's string, never through a float. */
export function formatMoney(amount: string, currency: string): string {
  const [whole = '0', fraction] = amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = fraction && /[1-9]/.test(fraction) ? `.${fraction.padEnd(2, '0').slice(0, 2)}` : '';
  const symbol = currency === 'USD' ? '$' : currency === 'EUR' ? '€' : currency === 'GBP' ? '£' : '';
  return symbol ? `${symbol}${grouped}${cents}` : `${grouped}${cents} ${currency}`;
}
