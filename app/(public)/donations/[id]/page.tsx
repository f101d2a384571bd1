import { canonicalAlternates, openGraph } from '@/lib/site';
import type { Metadata } from 'next';
import { cachedDonation } from '@/lib/public-data';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ArchivedRecord, missingRecordMetadata } from '@/components/records/archived-record';
import { CiteRecord } from '@/components/records/cite-record';
import {
  Facts,
  NamedLinkText,
  Prose,
  Quote,
  RecordHeader,
  RecordLinkList,
  RecordSection,
  RecordSources,
  statementItems,
  validRecordId,
  RecordTools,
  ArchivedLinks,
} from '@/components/records/record-parts';
import { type DonationResponseRecord } from '@/lib/data/records';
import { DONATION_RESPONSE_LABEL } from '@/lib/labels';
import { formatMoney } from '@/lib/money';
import { summarize } from '@/lib/text';

type Props = { params: Promise<{ id: string }> };

// Metadata and page ask for the same donation response: one lookup per request.
const loadDonation = cache((id: string) => (validRecordId(id) ? cachedDonation(id) : null));

function amountText(donation: DonationResponseRecord): string {
  if (donation.amount) return formatMoney(donation.amount, donation.currency);
  return donation.amountUndisclosed ? 'Amount undisclosed' : 'Amount not reported';
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const donation = await loadDonation(id);
  if (!donation) return missingRecordMetadata('DONATION_RESPONSE', id, 'Donation response not found');
  const description = donation.reason
    ? summarize(donation.reason, 200)
    : `${donation.title}: the donation response, its reasons and sources.`;
  return {
    title: donation.title,
    description,
    alternates: canonicalAlternates(`/donations/${donation.id}`),
    openGraph: openGraph({
      title: `${donation.title} · Counterweight`,
      description,
      type: 'article',
      url: `/donations/${donation.id}`,
    }),
  };
}

export default async function DonationPage({ params }: Props) {
  const { id } = await params;
  const donation = await loadDonation(id);
  if (!donation) return validRecordId(id) ? <ArchivedRecord recordType="DONATION_RESPONSE" id={id} /> : notFound();
  const company = <a href={`/companies/${donation.company.slug}`}>{donation.company.name}</a>;

  return (
    <article className="space-y-8">
      <RecordHeader
        kind="Donation response"
        date={donation.date}
        precision={donation.datePrecision}
        title={donation.title}
      />

      <Facts
        label="Facts of this donation response"
        facts={[
          ['Response', DONATION_RESPONSE_LABEL[donation.response] ?? donation.response],
          [donation.response === 'DONATED' ? 'Donor' : 'From', company],
          [
            donation.response === 'DONATED' ? 'To' : 'Recipient',
            donation.organization ? (
              <NamedLinkText key="organization" item={donation.organization} base="/organizations" />
            ) : (
              'Not named by the company'
            ),
          ],
          ['Amount', amountText(donation)],
        ]}
      />

      {donation.reason && (
        <RecordSection id="reason" title="Why">
          <Prose text={donation.reason} />
        </RecordSection>
      )}

      {donation.quote && (
        <RecordSection id="quote" title="In their words">
          <Quote quote={donation.quote} by={donation.quoteAttribution} />
        </RecordSection>
      )}
      {!donation.quote && donation.quoteAttribution && (
        <p className="text-sm text-stone-700">Attributed to {donation.quoteAttribution}.</p>
      )}

      <RecordSection id="contracts" title="Contracts it cites">
        <RecordLinkList
          items={donation.contracts.map((contract) => ({
            key: contract.id,
            href: `/contracts/${contract.id}`,
            title: contract.title,
            detail: contract.company.name,
          }))}
          empty={
            donation.archivedContracts.length
              ? undefined
              : 'No government contract is linked to this donation response.'
          }
        />
        <ArchivedLinks links={donation.archivedContracts} verb="cited" also={donation.contracts.length > 0} />
      </RecordSection>

      <RecordSection id="statements" title="What the company said">
        <RecordLinkList
          items={statementItems(donation.statements, false)}
          empty="No company statement answering this donation response is on record."
        />
      </RecordSection>

      <RecordSources sources={donation.sources} />
      <CiteRecord
        title={donation.title}
        path={`/donations/${donation.id}`}
        state={donation}
        history={`/history/donation/${donation.id}`}
      />
      <RecordTools history={`/history/donation/${donation.id}`} correct={`/editor/donations/${donation.id}`} />
    </article>
  );
}
