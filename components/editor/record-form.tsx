import type { EditableType } from '@/lib/data/changes';
import { othersPendingChange, type EditStart } from '@/lib/data/edit-forms';
import { signedInUser } from '@/lib/auth/session';
import { DateTime } from '@/components/ui/date-time';
import { agencyOptions, agencyParentFixed, sourcesWithoutAddress, termOptions } from '@/lib/data/form-lookups';
import { ActionForm } from './action-form';
import { AgencyForm } from './agency-form';
import { CompanyForm } from './company-form';
import { ContractForm } from './contract-form';
import { DonationForm } from './donation-form';
import { OrganizationForm } from './organization-form';
import { StatementForm } from './statement-form';

/**
 * The form of a kind of record, with the choices it offers read from the database; for a record
 * on which another person's change waits for review, said first.
 */
export async function RecordForm({ recordType, start }: { recordType: EditableType; start: EditStart }) {
  const [unlinkedSources, waiting] = await Promise.all([
    sourcesWithoutAddress(),
    start.recordId ? othersPendingChange(await signedInUser(), recordType, start.recordId) : null,
  ]);
  const form = await formOf(recordType, start, unlinkedSources);
  if (!waiting) return form;
  return (
    <div className="group/waiting space-y-4">
      {/* Hidden once a save says the change was published meanwhile: it waits no more. */}
      <p
        role="status"
        className="max-w-2xl rounded border border-amber-700 bg-amber-50 p-3 text-sm group-has-[[data-published-meanwhile]]/waiting:hidden"
      >
        {waiting.by} proposed a change to this record on <DateTime value={waiting.at} />, still waiting for review.
        Yours can be sent once a reviewer has published or rejected it; what you type here is kept in this browser
        meanwhile.
      </p>
      {form}
    </div>
  );
}

async function formOf(
  recordType: EditableType,
  start: EditStart,
  unlinkedSources: Awaited<ReturnType<typeof sourcesWithoutAddress>>,
) {
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
      return <ActionForm terms={await termOptions()} start={start} unlinkedSources={unlinkedSources} />;
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
      const [{ agencies }, parentFixed] = await Promise.all([
        agencyOptions({ awarding: start.values.parentId || undefined }),
        start.recordId ? agencyParentFixed(start.recordId) : null,
      ]);
      // A department that cannot change is not offered as if it could: only the one it has, and
      // the one its contracts name it under.
      const parents = agencies.filter(([id]) =>
        parentFixed ? id === start.values.parentId || parentFixed.offered.includes(id) : id !== start.recordId,
      );
      return (
        <AgencyForm
          parents={parents}
          parentFixed={parentFixed?.reason}
          start={start}
          unlinkedSources={unlinkedSources}
        />
      );
    }
  }
}
