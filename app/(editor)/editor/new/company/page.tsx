import type { Metadata } from 'next';
import { sourcesToOffer } from '@/lib/auth/form-sources';
import { connection } from 'next/server';
import { CompanyForm } from '@/components/editor/company-form';

export const metadata: Metadata = { title: 'Add a company', robots: { index: false } };

export default async function NewCompanyPage() {
  // Rendered per request: the sources to choose from are read from the database.
  await connection();
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Add a company</h1>
      <CompanyForm unlinkedSources={await sourcesToOffer()} />
    </div>
  );
}
