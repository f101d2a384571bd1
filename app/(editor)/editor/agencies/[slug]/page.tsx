import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AgencyForm } from '@/components/editor/agency-form';
import { agencyEditStart } from '@/lib/data/edit-forms';
import { openOwnPendingInstead } from '../../open-own-pending';
import { agencyOptions, sourcesWithoutAddress } from '@/lib/data/form-lookups';

export const metadata: Metadata = { title: 'Propose a correction', robots: { index: false } };

export default async function EditAgencyPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) notFound();
  const [start, { agencies, subAgencies }] = await Promise.all([agencyEditStart({ slug }), agencyOptions()]);
  if (!start) notFound();
  await openOwnPendingInstead('AGENCY', start);
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Propose a correction to {start.values.name}</h1>
      <p className="text-stone-700">
        Your change waits for a reviewer. If someone changes this agency meanwhile, you will see their change first.
      </p>
      <AgencyForm
        parents={[...agencies, ...subAgencies].filter(([id]) => id !== start.recordId)}
        start={start}
        unlinkedSources={await sourcesWithoutAddress()}
      />
    </div>
  );
}
