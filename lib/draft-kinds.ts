import type { RecordType } from './generated/prisma/enums';

/** The name each kind of record's form keeps its browser draft under (`KeptFields`'s `kind`). */
export const DRAFT_KIND: Partial<Record<RecordType, string>> = {
  COMPANY: 'company',
  AGENCY: 'agency',
  ORGANIZATION: 'organization',
  CONTRACT: 'contract',
  EMPLOYEE_ACTION: 'action',
  DONATION_RESPONSE: 'donation',
  COMPANY_STATEMENT: 'statement',
};
