import type { Metadata } from 'next';
import { DonationForm } from '@/components/editor/donation-form';

export const metadata: Metadata = { title: 'Log a donation response', robots: { index: false } };

export default function NewDonationPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Log a donation response</h1>
      <p className="text-stone-700">
        A gift refused, returned, accepted or redirected because of a company&rsquo;s contracts, or a donation the
        company made as its answer.
      </p>
      <DonationForm />
    </div>
  );
}
