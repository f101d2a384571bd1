import type { Metadata } from 'next';
import { sourcesToOffer } from '@/lib/auth/form-sources';
import { connection } from 'next/server';
import { ActionForm } from '@/components/editor/action-form';
import { termOptions } from '@/lib/data/form-lookups';

export const metadata: Metadata = { title: 'Log an employee action', robots: { index: false } };

export default async function NewActionPage() {
  await connection();

  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Log an employee action</h1>
      <ActionForm terms={await termOptions()} unlinkedSources={await sourcesToOffer()} />
    </div>
  );
}
