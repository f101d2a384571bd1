import type { EditableType } from '@/lib/data/changes';
import type { EditStart } from '@/lib/data/edit-forms';
import { agencyOptions, sourcesWithoutAddress, termOptions } from '@/lib/data/form-lookups';
import { ActionForm } from './action-form';
import { AgencyForm } from './agency-form';
import { CompanyForm } from './company-form';
import { ContractForm } from './contract-form';
import { DonationForm } from './donation-form';
import { OrganizationForm } from './organization-form';
import { StatementForm } from './statement-form';

/** The form of a kind of record, with the choices it offers read from the database. */
export async function RecordForm({ recordType, start }: { recordType: EditableType; start: EditStart }) {
  const unlinkedSources = await sourcesWithoutAddress();
  switch (recordType) {
    case 'DONATION_RESPONSE':
      return <DonationForm start={start} unlinkedSources={unlinkedSources} />;
    case 'COMPANY_STATEMENT':
      return <StatementForm start={start} unlinkedSources={unlinkedSources} />;
    case 'COMPANY':
      return <CompanyForm start={start} unlinkedSources={unlinkedSources} />;
    case 'ORGANIZATION':
      return <OrganizationForm start={start} unlinkedSources={unlinkedSources} />;
    case 'EMPLOYEE_ACTION': {
      const { forms, issues } = await termOptions();
      return <ActionForm forms={forms} issues={issues} start={start} unlinkedSources={unlinkedSources} />;
    }
    case 'CONTRACT': {
      const { agencies, subAgencies, parentOf } = await agencyOptions({
        awarding: start.values.agencyId,
        sub: start.values.subAgencyId || undefined,
      });
      return (
        <ContractForm
          agencies={agencies}
          subAgencies={subAgencies}
          parentOf={parentOf}
          start={start}
          unlinkedSources={unlinkedSources}
        />
      );
    }
    case 'AGENCY': {
      // Departments (a parent is one), and the agency's own parent as it stands, even under another.
      const { agencies } = await agencyOptions({ awarding: start.values.parentId || undefined });
      return (
        <AgencyForm
          parents={agencies.filter(([id]) => id !== start.recordId)}
          start={start}
          unlinkedSources={unlinkedSources}
        />
      );
    }
  }
}
