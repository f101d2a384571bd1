import type { Metadata } from 'next';
import { StatementForm } from '@/components/editor/statement-form';

export const metadata: Metadata = { title: 'Log a company statement', robots: { index: false } };

export default function NewStatementPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Log a company statement</h1>
      <StatementForm />
    </div>
  );
}
