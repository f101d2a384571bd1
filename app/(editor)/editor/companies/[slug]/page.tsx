import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RecordForm } from '@/components/editor/record-form';
import { companyEditStart, withNameToAdd } from '@/lib/data/edit-forms';
import { EDIT_SLUG, followMergedAway, MergedNotice } from '../../merged-away';
import { openOwnPendingInstead } from '../../open-own-pending';
import { correctionMetadata, startLoader } from '../../correction-metadata';

const startOf = startLoader((slug) => companyEditStart({ slug }), EDIT_SLUG);

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const start = await startOf((await params).slug);
  return correctionMetadata(start?.values.name);
}

export default async function EditCompanyPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ merged?: string | string[]; alias?: string | string[] }>;
}) {
  const { slug } = await params;
  if (!EDIT_SLUG.test(slug)) notFound();
  // From the list of recipients waiting for a company (/review/import): the recipient's name as
  // another name to add, here, in the editor's own change waiting for review, or in the company it
  // was merged into.
  const { alias } = await searchParams;
  const keep: Record<string, string> = typeof alias === 'string' ? { alias } : {};
  const published = await startOf(slug);
  if (!published) return followMergedAway('companies', slug, keep);
  await openOwnPendingInstead('COMPANY', published, new URLSearchParams(keep));
  const start = withNameToAdd(published, alias);
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Propose a correction to {start.values.name}</h1>
      <MergedNotice kind="companies" asked={(await searchParams).merged} slug={slug} name={start.values.name} />
      <p className="text-stone-700">
        Once sent, your change waits for a reviewer. If someone changes this company meanwhile, you will be shown their
        change before yours is saved.
      </p>
      <RecordForm recordType="COMPANY" start={start} />
    </div>
  );
}
