/** The kinds of incident the record holds, as they appear in addresses (?kind=action). */
export const INCIDENT_KINDS = ['action', 'contract', 'donation', 'statement'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** The list (and export, /exports/<list>.csv) of each kind of incident. */
export const EXPORT_OF_KIND = {
  action: 'actions',
  contract: 'contracts',
  donation: 'donations',
  statement: 'statements',
} as const satisfies Record<IncidentKind, string>;
