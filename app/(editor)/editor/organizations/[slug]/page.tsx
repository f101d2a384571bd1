import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { RecordForm } from '@/components/editor/record-form';
import { mergedOrganizationTarget } from '@/lib/data/organizations';
import { organizationEditStart } from '@/lib/data/edit-forms';
import { openOwnPendingInstead } from '../../open-own-pending';

export const metadata: Metadata = { title: 'Propose a correction', robots: { index: false } };

const SLUG = /^[a-z0-9-]{1,100}$/;

export default async function EditOrganizationPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ merged?: string | string[] }>;
}) {
  const { slug } = await params;
  if (!SLUG.test(slug)) notFound();
  const start = await organizationEditStart({ slug });
  if (!start) {
    // A correction asked for under a name merged away goes to the record it lives on under, as its public page does.
    const target = await mergedOrganizationTarget(slug);
    if (target) redirect(`/editor/organizations/${target}?merged=${slug}`);
    notFound();
  }
  // Said only when it is so: the address name asked for was merged into this one.
  const asked = (await searchParams).merged;
  const merged =
    typeof asked === 'string' && SLUG.test(asked) && (await mergedOrganizationTarget(asked)) === slug ? asked : null;
  await openOwnPendingInstead('ORGANIZATION', start);
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Propose a correction to {start.values.name}</h1>
      {merged && (
        <p role="status" className="rounded border border-amber-700 bg-amber-50 p-3 text-sm">
          The organization at /organizations/{merged} was merged into {start.values.name}: a correction to it goes here.
        </p>
      )}
      <p className="text-stone-700">
        Your change waits for a reviewer. If someone changes this organization meanwhile, you will see their change
        first.
      </p>
      <RecordForm recordType="ORGANIZATION" start={start} />
    </div>
  );
}
