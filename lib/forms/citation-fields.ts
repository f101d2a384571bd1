/** The fields of a new citation without a url in every record's form, by the part of it each gives. */
export const CITATION_FIELDS = {
  publisher: 'citationPublisher',
  title: 'citationTitle',
  date: 'citationDate',
} as const;
