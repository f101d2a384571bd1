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

export function historyPath(recordType: RecordType, recordId: string): string {
  const segment = Object.entries(HISTORY_SEGMENTS).find(([, type]) => type === recordType)?.[0];
  return `/history/${segment}/${recordId}`;
}
