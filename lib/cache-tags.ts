/**
 * The names of the cache tags public pages are stored under. Reads tag their results with these;
 * writes invalidate exactly the tags of what they changed. Never type a tag by hand.
 */
export const cacheTags = {
  /** Every list and count that spans the record: home page, company list, incidents, search facets. */
  lists: 'record:lists',
  /** One company's profile (identity, figures, contracts, timeline). */
  company: (slug: string) => `company:${slug}`,
  /** Filter menus: vocabularies and agencies. */
  vocabulary: 'record:vocabulary',
} as const;
