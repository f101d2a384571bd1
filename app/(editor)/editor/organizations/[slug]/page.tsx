import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RecordForm } from '@/components/editor/record-form';
import { organizationEditStart } from '@/lib/data/edit-forms';
import { EDIT_SLUG, followMergedAway, MergedNotice } from '../../merged-away';
import { openOwnPendingInstead } from '../../open-own-pending';
import { correctionMetadata, startLoader } from '../../correction-metadata';

const startOf = startLoader((slug) => organizationEditStart({ slug }), EDIT_SLUG);

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const start = await startOf((await params).slug);
  return correctionMetadata(start?.values.name);
}

export default async function EditOrganizationPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ merged?: string | string[] }>;
}) {
  const { slug } = await params;
  if (!EDIT_SLUG.test(slug)) notFound();
  const start = await startOf(slug);
  if (!start) return followMergedAway('organizations', slug);
  await openOwnPendingInstead('ORGANIZATION', start);
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Propose a correction to {start.values.name}</h1>
      <MergedNotice kind="organizations" asked={(await searchParams).merged} slug={slug} name={start.values.name} />
      <p className="text-stone-700">
        Once sent, your change waits for a reviewer. If someone changes this organization meanwhile, you will see their
        change first.
      </p>
      <RecordForm recordType="ORGANIZATION" start={start} />
    </div>
  );
}
