import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { SourceList } from '@/components/sources/source-list';
import { PreciseDate } from '@/components/ui/precise-date';
import { getCompanyBySlug } from '@/lib/data/companies';
import {
  CONTRACT_STATUS_LABEL,
  DONATION_RESPONSE_LABEL,
  OUTCOME_LABEL,
  participantsLabel,
  STATEMENT_KIND_LABEL,
} from '@/lib/labels';
import { formatMoney } from '@/lib/money';

type Props = { params: Promise<{ slug: string }> };

// Metadata and page ask for the same company: one query per request.
const loadCompany = cache((slug: string) => (/^[a-z0-9-]{1,100}$/.test(slug) ? getCompanyBySlug(slug) : null));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const company = await loadCompany((await params).slug);
  if (!company) return { title: 'Company not found' };
  return {
    title: company.name,
    description: `${company.name}: government contracts, employee actions, donation responses and statements, with sources.`,
  };
}

export default async function CompanyPage({ params }: Props) {
  const company = await loadCompany((await params).slug);
  if (!company) notFound();

  return (
    <article className="space-y-10">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">{company.name}</h1>
        {company.aliases.length > 0 && <p className="text-stone-700">Also known as {company.aliases.join(', ')}</p>}
        {company.description && <p className="max-w-3xl text-lg text-stone-700">{company.description}</p>}
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          {company.parent && (
            <>
              <dt className="text-stone-600">Parent company</dt>
              <dd>
                <Link href={`/companies/${company.parent.slug}`}>{company.parent.name}</Link>
              </dd>
            </>
          )}
          {company.subsidiaries.length > 0 && (
            <>
              <dt className="text-stone-600">Subsidiaries</dt>
              <dd>
                {company.subsidiaries.map((subsidiary, index) => (
                  <span key={subsidiary.slug}>
                    {index > 0 && ', '}
                    <Link href={`/companies/${subsidiary.slug}`}>{subsidiary.name}</Link>
                  </span>
                ))}
              </dd>
            </>
          )}
          {company.sector && (
            <>
              <dt className="text-stone-600">Sector</dt>
              <dd>{company.sector}</dd>
            </>
          )}
          {company.hqCountry && (
            <>
              <dt className="text-stone-600">Headquarters</dt>
              <dd>{company.hqCountry}</dd>
            </>
          )}
          {company.ticker && (
            <>
              <dt className="text-stone-600">Ticker</dt>
              <dd>{company.ticker}</dd>
            </>
          )}
          {company.website && (
            <>
              <dt className="text-stone-600">Website</dt>
              <dd>
                <a href={company.website} rel="noopener noreferrer">
                  {company.website.replace(/^https?:\/\//, '')}
                </a>
              </dd>
            </>
          )}
        </dl>
      </header>

      <section aria-labelledby="contracts" className="space-y-3">
        <h2 id="contracts" className="text-2xl font-semibold">
          Government contracts ({company.contracts.length})
        </h2>
        {company.contracts.length === 0 ? (
          <p className="text-stone-700">No government contract of {company.name} is on record yet.</p>
        ) : (
          <ul className="space-y-4">
            {company.contracts.map((contract) => (
              <li
                key={contract.id}
                id={`contract-${contract.id}`}
                className="rounded border border-stone-300 bg-white p-4"
              >
                <h3 className="font-semibold">{contract.title}</h3>
                <p className="text-sm text-stone-700">
                  {contract.subAgency
                    ? `${contract.subAgency.name} (${contract.agency.acronym ?? contract.agency.name})`
                    : contract.agency.name}
                  {' · '}Status: {CONTRACT_STATUS_LABEL[contract.contractStatus]}
                  {contract.awardDate && (
                    <>
                      {' · '}Awarded <PreciseDate date={contract.awardDate} precision={contract.awardDatePrecision} />
                    </>
                  )}
                  {contract.obligatedAmount &&
                    ` · Obligated ${formatMoney(contract.obligatedAmount, contract.currency)}`}
                  {contract.potentialAmount &&
                    ` · Potential ${formatMoney(contract.potentialAmount, contract.currency)}`}
                </p>
                <SourceList sources={contract.sources} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="donations" className="space-y-3">
        <h2 id="donations" className="text-2xl font-semibold">
          Donation responses ({company.donationResponses.length})
        </h2>
        {company.donationResponses.length === 0 ? (
          <p className="text-stone-700">No donation response involving {company.name} is on record yet.</p>
        ) : (
          <ul className="space-y-4">
            {company.donationResponses.map((donation) => (
              <li
                key={donation.id}
                id={`donation-${donation.id}`}
                className="rounded border border-stone-300 bg-white p-4"
              >
                <h3 className="font-semibold">
                  {DONATION_RESPONSE_LABEL[donation.response]}:{' '}
                  {donation.amount ? formatMoney(donation.amount, donation.currency) : 'amount undisclosed'}
                  {donation.organization
                    ? ` — ${donation.organization.name}${donation.organization.acronym ? ` (${donation.organization.acronym})` : ''}`
                    : ' — recipients not named'}
                </h3>
                <p className="text-sm text-stone-600">
                  <PreciseDate date={donation.date} precision={donation.datePrecision} />
                </p>
                {donation.reason && <p className="text-stone-700">{donation.reason}</p>}
                {donation.quote && (
                  <blockquote className="mt-2 border-l-4 border-stone-300 pl-3 italic">
                    “{donation.quote}”
                    {donation.quoteAttribution && (
                      <footer className="not-italic text-sm text-stone-600">— {donation.quoteAttribution}</footer>
                    )}
                  </blockquote>
                )}
                <SourceList sources={donation.sources} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="statements" className="space-y-3">
        <h2 id="statements" className="text-2xl font-semibold">
          Company statements ({company.statements.length})
        </h2>
        {company.statements.length === 0 ? (
          <p className="text-stone-700">No statement by {company.name} is on record yet.</p>
        ) : (
          <ul className="space-y-4">
            {company.statements.map((statement) => (
              <li
                key={statement.id}
                id={`statement-${statement.id}`}
                className="rounded border border-stone-300 bg-white p-4"
              >
                <p className="text-sm text-stone-600">
                  {STATEMENT_KIND_LABEL[statement.kind]} ·{' '}
                  <PreciseDate date={statement.date} precision={statement.datePrecision} />
                </p>
                <p>{statement.summary}</p>
                {statement.quote && (
                  <blockquote className="mt-2 border-l-4 border-stone-300 pl-3 italic">
                    {statement.quote}
                    {statement.speaker && (
                      <footer className="not-italic text-sm text-stone-600">— {statement.speaker}</footer>
                    )}
                  </blockquote>
                )}
                <SourceList sources={statement.sources} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="actions" className="space-y-3">
        <h2 id="actions" className="text-2xl font-semibold">
          Employee actions ({company.actions.length})
        </h2>
        {company.actions.length === 0 ? (
          <p className="text-stone-700">No employee action at {company.name} is on record yet.</p>
        ) : (
          <ul className="space-y-4">
            {company.actions.map((action) => {
              const people = participantsLabel(action.participantsMin, action.participantsMax, action.participantsText);
              return (
                <li key={action.id} id={`action-${action.id}`} className="rounded border border-stone-300 bg-white p-4">
                  <p className="text-sm text-stone-600">
                    <PreciseDate date={action.startDate} precision={action.datePrecision} />
                    {action.forms.length > 0 && ` · ${action.forms.join(', ')}`}
                    {people && ` · ${people} participants`}
                    {` · ${OUTCOME_LABEL[action.outcome]}`}
                  </p>
                  <h3 className="font-semibold">{action.title}</h3>
                  <p className="text-stone-700">{action.description}</p>
                  <SourceList sources={action.sources} />
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="company-sources" className="space-y-2">
        <h2 id="company-sources" className="text-xl font-semibold">
          Sources for this profile
        </h2>
        <SourceList sources={company.sources} />
      </section>
    </article>
  );
}
