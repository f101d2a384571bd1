/**
 * The names of the cache tags public pages are stored under. Reads tag their results with these;
 * writes invalidate exactly the tags of what they changed. Never type a tag by hand.
 */
export const cacheTags = {
  /** Every list and count that spans the record: home page, company list, incidents, search facets. */
  lists: 'record:lists',
  /** One company's profile (identity, figures, contracts, timeline). */
  company: (slug: string) => `company:${slug}`,
  /**
   * Every company's profile and comparison at once, for the rare writes that reach across
   * companies: an import of contracts, merges of companies, organisations or terms, a company's
   * new name or parent (which its family and the companies sharing its actions show).
   */
  companies: 'record:companies',
  /** Filter menus: vocabularies and agencies. */
  vocabulary: 'record:vocabulary',
} as const;
