/** What a comparison shows: its companies in order, and its two switches. */
export interface ComparisonView {
  companies: string[];
  includeSubsidiaries: boolean;
  perYear: boolean;
}

/**
 * The address of a comparison, with its commas left readable so a shared link reads as the
 * companies it compares: /compare?companies=salesforce,google&subsidiaries=1.
 */
export function compareAddress({ companies, includeSubsidiaries, perYear }: ComparisonView, path = '/compare'): string {
  const query = new URLSearchParams();
  if (companies.length) query.set('companies', companies.join(','));
  if (includeSubsidiaries) query.set('subsidiaries', '1');
  if (perYear) query.set('per', 'year');
  const search = query.toString().replace(/%2C/g, ',');
  return search ? `${path}?${search}` : path;
}
