import type { Metadata } from 'next';
import { sourcesToOffer } from '@/lib/auth/form-sources';
import { connection } from 'next/server';
import { DonationForm } from '@/components/editor/donation-form';

export const metadata: Metadata = { title: 'Log a donation response', robots: { index: false } };

export default async function NewDonationPage() {
  // Rendered per request: the sources to choose from are read from the database.
  await connection();
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Log a donation response</h1>
      <p className="text-stone-700">
        A gift refused, returned, accepted or redirected because of a company&rsquo;s contracts, or a donation the
        company made as its answer.
      </p>
      <DonationForm unlinkedSources={await sourcesToOffer()} />
    </div>
  );
}
