import type { RecordType } from './generated/prisma/enums';

/** The public history page of each kind of record: /history/<segment>/<id>. */
export const HISTORY_SEGMENTS = {
  company: 'COMPANY',
  agency: 'AGENCY',
  organization: 'ORGANIZATION',
  contract: 'CONTRACT',
  action: 'EMPLOYEE_ACTION',
  donation: 'DONATION_RESPONSE',
  statement: 'COMPANY_STATEMENT',
  source: 'SOURCE',
} as const satisfies Record<string, RecordType>;

/**
 * The kind of record a history address's segment names, or undefined: only the segments above,
 * not what every object has ("constructor", "__proto__", "toString").
 */
export function historyRecordType(segment: string): RecordType | undefined {
  return Object.hasOwn(HISTORY_SEGMENTS, segment)
    ? HISTORY_SEGMENTS[segment as keyof typeof HISTORY_SEGMENTS]
    : undefined;
}

/**
 * The segment a plural names, as the record pages' addresses have it (/contracts/<id>):
 * "contracts" -> "contract", "companies" -> "company"; undefined for any other.
 */
export function historySegmentOfPlural(plural: string): keyof typeof HISTORY_SEGMENTS | undefined {
  const singular = plural.endsWith('ies') ? `${plural.slice(0, -3)}y` : plural.replace(/s$/, '');
  return singular !== plural && historyRecordType(singular) ? (singular as keyof typeof HISTORY_SEGMENTS) : undefined;
}

/** Whether a history address may name its record by the slug of its page (/history/company/salesforce). */
export const historyBySlug = (recordType: RecordType): boolean =>
  recordType === 'COMPANY' || recordType === 'AGENCY' || recordType === 'ORGANIZATION';

/** The address segment of a kind of record: "EMPLOYEE_ACTION" -> "action". */
export function historySegment(recordType: RecordType): keyof typeof HISTORY_SEGMENTS {
  const segment = (Object.keys(HISTORY_SEGMENTS) as (keyof typeof HISTORY_SEGMENTS)[]).find(
    (name) => HISTORY_SEGMENTS[name] === recordType,
  );
  if (!segment) throw new Error(`No history page for ${recordType}`);
  return segment;
}

export function historyPath(recordType: RecordType, recordId: string): string {
  return `/history/${historySegment(recordType)}/${recordId}`;
}

/**
 * Whether a history page shows everyone what its record's versions said, not only its steps: for
 * a record the public sees (published, or merged into one that is; a source while a record the
 * public sees cites it, as the API and exports show it); never for an archived one (it may be what
 * should not have been public) nor one never published. Reviewers see them all.
 */
export function historyContentsPublic(record: { archived: boolean; public: boolean }): boolean {
  return !record.archived && record.public;
}
