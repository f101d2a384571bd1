import type { Metadata } from 'next';
import { CompanyForm } from '@/components/editor/company-form';

export const metadata: Metadata = { title: 'Add a company', robots: { index: false } };

export default function NewCompanyPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Add a company</h1>
      <CompanyForm />
    </div>
  );
}
