/** A record a name box offers while someone types (/suggestions/companies?q=…). */
export interface NameSuggestion {
  slug: string;
  name: string;
  /** The other name or acronym that matched, when it is not the name itself. */
  also: string | null;
}

/** The kinds of record whose names are suggested. */
export type NameKind = 'companies' | 'organizations';
