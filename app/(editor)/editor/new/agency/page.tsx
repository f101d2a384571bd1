import type { Metadata } from 'next';
import { sourcesToOffer } from '@/lib/auth/form-sources';
import { connection } from 'next/server';
import { AgencyForm } from '@/components/editor/agency-form';
import { agencyOptions } from '@/lib/data/form-lookups';

export const metadata: Metadata = { title: 'Add a government agency', robots: { index: false } };

export default async function NewAgencyPage() {
  await connection();
  // A parent is a department: the agencies under one are not offered.
  const { agencies } = await agencyOptions();
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Add a government agency</h1>
      <AgencyForm parents={agencies} unlinkedSources={await sourcesToOffer()} />
    </div>
  );
}
