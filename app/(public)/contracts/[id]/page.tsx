import { canonicalAlternates, openGraph } from '@/lib/site';
import type { Metadata } from 'next';
import { cachedContract } from '@/lib/public-data';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ArchivedRecord, missingRecordMetadata } from '@/components/records/archived-record';
import { CiteRecord } from '@/components/records/cite-record';
import {
  Facts,
  NamedLinkText,
  Prose,
  RecordHeader,
  RecordLinkList,
  RecordSection,
  RecordSources,
  statementItems,
  validRecordId,
  RecordTools,
} from '@/components/records/record-parts';
import { DayPeriod, PreciseDate } from '@/components/ui/precise-date';
import { type ContractRecord } from '@/lib/data/records';
import { formatMoney } from '@/lib/money';
import { contractTitle } from '@/lib/record-titles';
import { summarize } from '@/lib/text';

type Props = { params: Promise<{ id: string }> };

// Metadata and page ask for the same contract: one lookup per request.
const loadContract = cache((id: string) => (validRecordId(id) ? cachedContract(id) : null));

const awarder = (contract: ContractRecord) => {
  const agency = contract.subAgency ?? contract.agency;
  return agency.acronym ?? agency.name;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const contract = await loadContract(id);
  if (!contract) return missingRecordMetadata('CONTRACT', id, 'Contract not found');
  const title = contractTitle(contract);
  const description = contract.purpose
    ? summarize(contract.purpose, 200)
    : `${contract.company.name}’s government contract with ${awarder(contract)}, with the employee actions, donation responses and statements about it.`;
  return {
    title,
    description,
    alternates: canonicalAlternates(`/contracts/${contract.id}`),
    openGraph: openGraph({
      title: `${title} · Counterweight`,
      description,
      type: 'article',
      url: `/contracts/${contract.id}`,
    }),
  };
}

export default async function ContractPage({ params }: Props) {
  const { id } = await params;
  const contract = await loadContract(id);
  if (!contract) return validRecordId(id) ? <ArchivedRecord recordType="CONTRACT" id={id} /> : notFound();
  const money = (amount: string | null) => (amount ? formatMoney(amount, contract.currency) : null);
  const period =
    contract.periodStart || contract.periodEnd ? (
      <DayPeriod start={contract.periodStart} end={contract.periodEnd} joiner=" to " />
    ) : null;

  return (
    <article className="space-y-8">
      <RecordHeader
        kind="Government contract"
        date={contract.awardDate}
        precision={contract.awardDatePrecision}
        title={contract.title}
        unknownDate="award date not known"
      >
        <p className="text-stone-700">
          <a href={`/companies/${contract.company.slug}`}>{contract.company.name}</a>, awarded by{' '}
          <NamedLinkText item={contract.subAgency ?? contract.agency} base="/agencies" />
        </p>
      </RecordHeader>

      <Facts
        label="Facts of this contract"
        facts={[
          [
            'Company',
            <a key="company" href={`/companies/${contract.company.slug}`}>
              {contract.company.name}
            </a>,
          ],
          ['Agency', <NamedLinkText key="agency" item={contract.agency} base="/agencies" />],
          ['Sub-agency', contract.subAgency && <NamedLinkText key="sub" item={contract.subAgency} base="/agencies" />],
          ['Obligated', money(contract.obligatedAmount) ?? 'Not known'],
          ['Potential value', money(contract.potentialAmount)],
          [
            'Awarded',
            contract.awardDate ? (
              <PreciseDate key="award" date={contract.awardDate} precision={contract.awardDatePrecision} />
            ) : (
              'Date not known'
            ),
          ],
          ['Period of performance', period],
          ['Status', contract.statusText],
          ['PIID', contract.piid && <code key="piid">{contract.piid}</code>],
          ['Award key', contract.awardKey && <code key="key">{contract.awardKey}</code>],
        ]}
      />

      {contract.purpose && (
        <RecordSection id="purpose" title="Purpose">
          <Prose text={contract.purpose} />
        </RecordSection>
      )}

      <RecordSection id="actions" title="Employee actions against it">
        <RecordLinkList
          items={contract.actions.map((action) => ({
            key: action.id,
            href: `/actions/${action.id}`,
            title: action.title,
            date: { date: action.startDate, precision: action.datePrecision },
          }))}
          empty="No employee action against this contract is on record."
        />
      </RecordSection>

      <RecordSection id="donations" title="Donation responses citing it">
        <RecordLinkList
          items={contract.donationResponses.map((donation) => ({
            key: donation.id,
            href: `/donations/${donation.id}`,
            title: donation.title,
            date: { date: donation.date, precision: donation.datePrecision },
          }))}
          empty="No donation response citing this contract is on record."
        />
      </RecordSection>

      <RecordSection id="statements" title="What the company said">
        <RecordLinkList
          items={statementItems(contract.statements, false)}
          empty="No company statement about this contract is on record."
        />
      </RecordSection>

      <RecordSources sources={contract.sources} />
      <CiteRecord
        title={contractTitle(contract)}
        path={`/contracts/${contract.id}`}
        state={contract}
        history={`/history/contract/${contract.id}`}
      />
      <RecordTools history={`/history/contract/${contract.id}`} correct={`/editor/contracts/${contract.id}`} />
    </article>
  );
}
