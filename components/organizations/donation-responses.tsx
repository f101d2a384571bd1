import { SourceList } from '@/components/sources/source-list';
import { PreciseDate } from '@/components/ui/precise-date';
import type { OrganizationDonationResponse } from '@/lib/data/organizations';
import { DONATION_RESPONSE_LABEL } from '@/lib/labels';
import { formatMoney } from '@/lib/money';
import { quotedWithin } from '@/lib/text';

function amountLabel(donation: OrganizationDonationResponse): string {
  if (donation.amount !== null) return formatMoney(donation.amount, donation.currency);
  return donation.amountUndisclosed ? 'an undisclosed amount' : 'an amount not known';
}

/** An organization's donation responses: what it did with which company's money, why, in its words, with sources. */
export function DonationResponses({
  donations,
  organizationName,
}: {
  donations: OrganizationDonationResponse[];
  organizationName: string;
}) {
  if (donations.length === 0) {
    return <p className="text-stone-700">No donation response of {organizationName} is on record yet.</p>;
  }
  return (
    <ol className="divide-y divide-stone-200">
      {donations.map((donation) => (
        <li key={donation.id} className="space-y-2 py-4">
          <p className="text-sm text-stone-600">
            <PreciseDate date={donation.date} precision={donation.datePrecision} />
          </p>
          <h3 className="font-medium">
            <a href={`/donations/${donation.id}`}>
              {DONATION_RESPONSE_LABEL[donation.response] ?? donation.response}: {amountLabel(donation)}
            </a>{' '}
            from <a href={`/companies/${donation.company.slug}`}>{donation.company.name}</a>
          </h3>
          {donation.reason && <p className="text-stone-700">{donation.reason}</p>}
          {donation.quote && (
            <figure className="border-l-4 border-stone-300 pl-4">
              <blockquote className="text-stone-800">
                <p className="whitespace-pre-line break-words">&ldquo;{quotedWithin(donation.quote)}&rdquo;</p>
              </blockquote>
              {donation.quoteAttribution && (
                <figcaption className="mt-1 text-sm text-stone-700">&mdash; {donation.quoteAttribution}</figcaption>
              )}
            </figure>
          )}
          {!donation.quote && donation.quoteAttribution && (
            <p className="text-sm text-stone-700">According to {donation.quoteAttribution}.</p>
          )}
          <SourceList sources={donation.sources} />
        </li>
      ))}
    </ol>
  );
}
