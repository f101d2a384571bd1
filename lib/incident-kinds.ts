/** The kinds of incident the record holds, as they appear in addresses (?kind=action). */
export const INCIDENT_KINDS = ['action', 'contract', 'donation', 'statement'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
