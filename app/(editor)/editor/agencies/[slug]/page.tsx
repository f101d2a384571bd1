import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RecordForm } from '@/components/editor/record-form';
import { agencyEditStart } from '@/lib/data/edit-forms';
import { openOwnPendingInstead } from '../../open-own-pending';
import { correctionMetadata, startLoader } from '../../correction-metadata';

const SLUG = /^[a-z0-9-]{1,100}$/;
const startOf = startLoader((slug) => agencyEditStart({ slug }), SLUG);

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const start = await startOf((await params).slug);
  return correctionMetadata(start?.values.name);
}

export default async function EditAgencyPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (!SLUG.test(slug)) notFound();
  const start = await startOf(slug);
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
