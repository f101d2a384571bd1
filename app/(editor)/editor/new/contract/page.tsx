import type { Metadata } from 'next';
import { sourcesToOffer } from '@/lib/auth/form-sources';
import { connection } from 'next/server';
import { ContractForm } from '@/components/editor/contract-form';
import { agencyOptions } from '@/lib/data/form-lookups';

export const metadata: Metadata = { title: 'Log a government contract', robots: { index: false } };

export default async function NewContractPage() {
  await connection();
  const { agencies, subAgencies, parentOf } = await agencyOptions();
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Log a government contract</h1>
      <ContractForm
        agencies={agencies}
        subAgencies={subAgencies}
        parentOf={parentOf}
        unlinkedSources={await sourcesToOffer()}
      />
    </div>
  );
}
