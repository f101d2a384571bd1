import type { Metadata } from 'next';
import { connection } from 'next/server';
import { OrganizationForm } from '@/components/editor/organization-form';
import { sourcesToOffer } from '@/lib/auth/form-sources';

export const metadata: Metadata = { title: 'Add an organization', robots: { index: false } };

export default async function NewOrganizationPage() {
  // Rendered per request: the sources to choose from are read from the database.
  await connection();
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Add an organization</h1>
      <p className="text-stone-700">
        An organization that answered a company&rsquo;s donation, or that took part in an employee action. It can also
        be added from inside the donation and employee action forms.
      </p>
      <OrganizationForm unlinkedSources={await sourcesToOffer()} />
    </div>
  );
}
