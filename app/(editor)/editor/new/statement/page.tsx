import type { Metadata } from 'next';
import { connection } from 'next/server';
import { StatementForm } from '@/components/editor/statement-form';
import { sourcesToOffer } from '@/lib/auth/form-sources';

export const metadata: Metadata = { title: 'Log a company statement', robots: { index: false } };

export default async function NewStatementPage() {
  // Rendered per request: the sources to choose from are read from the database.
  await connection();
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Log a company statement</h1>
      <StatementForm unlinkedSources={await sourcesToOffer()} />
    </div>
  );
}
