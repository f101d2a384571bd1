import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RecordForm } from '@/components/editor/record-form';
import { ArchivedRecord } from '@/components/records/archived-record';
import { statementEditStart } from '@/lib/data/edit-forms';
import { openOwnPendingInstead } from '../../open-own-pending';
import { correctionMetadata, startLoader } from '../../correction-metadata';
import { summarize } from '@/lib/text';

const ID = /^[a-z0-9]{20,40}$/;
const startOf = startLoader(statementEditStart, ID);

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const start = await startOf((await params).id);
  return correctionMetadata(
    start && `${start.values.company}’s statement “${summarize(start.values.summary ?? '', 60).replace(/\.$/, '')}”`,
  );
}

export default async function EditStatementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!ID.test(id)) notFound();
  const start = await startOf(id);
  // An archived one says so (and where its history is), rather than that there is no such page.
  if (!start) return <ArchivedRecord recordType="COMPANY_STATEMENT" id={id} correcting />;
  await openOwnPendingInstead('COMPANY_STATEMENT', start);
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Propose a correction to a company statement</h1>
      <p className="text-stone-700">
        Once sent, your change waits for a reviewer. If someone changes this record meanwhile, you will see their change
        first.
      </p>
      <RecordForm recordType="COMPANY_STATEMENT" start={start} />
    </div>
  );
}
