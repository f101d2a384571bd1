/** A record a name box offers while someone types (/suggestions/companies?q=…). */
export interface NameSuggestion {
  slug: string;
  name: string;
  /** The other name or acronym that matched, when it is not the name itself. */
  also: string | null;
}

/** The kinds of record whose names are suggested. */
export type NameKind = 'companies' | 'organizations';

/** The records on file named like a name typed in a form, offered with its "did you mean". */
export interface NameChoices {
  /** The name as typed (one line of a list of names). */
  typed: string;
  /** Where the records are opened: agencies are offered after a name is sent, not while it is typed. */
  kind: NameKind | 'agencies';
  names: { slug: string; name: string }[];
  /** Whether choosing one puts its name in the field (an incident's company) or opens its page (a new company's own name). */
  fill: boolean;
}
