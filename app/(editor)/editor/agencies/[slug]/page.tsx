import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RecordForm } from '@/components/editor/record-form';
import { agencyEditStart } from '@/lib/data/edit-forms';
import { openOwnPendingInstead } from '../../open-own-pending';

export const metadata: Metadata = { title: 'Propose a correction', robots: { index: false } };

export default async function EditAgencyPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) notFound();
  const start = await agencyEditStart({ slug });
  if (!start) notFound();
  await openOwnPendingInstead('AGENCY', start);
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Propose a correction to {start.values.name}</h1>
      <p className="text-stone-700">
        Once sent, your change waits for a reviewer. If someone changes this agency meanwhile, you will see their change
        first.
      </p>
      <RecordForm recordType="AGENCY" start={start} />
    </div>
  );
}
