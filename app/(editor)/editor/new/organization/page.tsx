import type { Metadata } from 'next';
import { OrganizationForm } from '@/components/editor/organization-form';

export const metadata: Metadata = { title: 'Add an organization', robots: { index: false } };

export default function NewOrganizationPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Add an organization</h1>
      <p className="text-stone-700">
        An organization that answered a company&rsquo;s donation, or that took part in an employee action. It can also
        be added from inside the donation form.
      </p>
      <OrganizationForm />
    </div>
  );
}
