import { readableUrl } from '@/lib/urls';
import type { Metadata } from 'next';
import { feedAlternates, openGraph } from '@/lib/site';
import { cachedAgency } from '@/lib/public-data';
import { agencyCalled } from '@/lib/data/agencies';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { ActionsTable } from '@/components/agencies/actions-table';
import { DownloadLinks } from '@/components/ui/download-links';
import { PreciseDate } from '@/components/ui/precise-date';
import { AgencyContractsTable } from '@/components/agencies/agency-contracts-table';
import { ContractorsTable } from '@/components/agencies/contractors-table';
import { RecordTools } from '@/components/records/record-parts';
import { CiteRecord } from '@/components/records/cite-record';
import { SourceList } from '@/components/sources/source-list';
import { AGENCY_LEVEL_LABEL, countryName } from '@/lib/labels';
import { agencySearch } from '@/lib/list-titles';

type Props = { params: Promise<{ slug: string }> };

const validSlug = (slug: string) => /^[a-z0-9-]{1,100}$/.test(slug);

// Metadata and page ask for the same agency: one lookup per request.
const loadAgency = cache((slug: string) => (validSlug(slug) ? cachedAgency(slug) : null));
// The agency an address that names none is another name of (/agencies/pentagon), asked by the page and its metadata.
const agencyElsewhere = cache((slug: string) => (validSlug(slug) ? agencyCalled(slug) : null));

const fullName = (agency: { name: string; acronym: string | null }) =>
  agency.acronym ? `${agency.name} (${agency.acronym})` : agency.name;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const agency = await loadAgency(slug);
  // A redirect's body is not titled "not found".
  if (!agency) return { title: (await agencyElsewhere(slug)) ? 'Redirecting' : 'Agency not found' };
  const description = `${fullName(agency)}: the companies it contracts with, their contracts, and the employee actions against them, each with its sources.`;
  return {
    title: fullName(agency),
    description,
    alternates: {
      canonical: `/agencies/${agency.slug}`,
      types: feedAlternates(`/feeds/agencies/${agency.slug}`, `${fullName(agency)}: new on Counterweight`),
    },
    openGraph: openGraph({
      title: `${fullName(agency)} · Counterweight`,
      description,
      url: `/agencies/${agency.slug}`,
    }),
  };
}

export default async function AgencyPage({ params }: Props) {
  const { slug } = await params;
  const agency = await loadAgency(slug);
  if (!agency) {
    // Its acronym or another name it goes by (/agencies/pentagon): its page, as a company's other names lead to theirs.
    const called = await agencyElsewhere(slug);
    if (called) redirect(`/agencies/${called}`);
    notFound();
  }
  const { contractors, contracts, actions, responses } = agency;
  const donationCount = responses.filter((response) => response.kind === 'donation').length;
  const statementCount = responses.length - donationCount;

  const theseContracts = contracts.length === 1 ? 'this contract' : 'these contracts';
  return (
    <article className="space-y-10">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">
          {agency.name}
          {agency.acronym && <span className="font-normal text-stone-700"> ({agency.acronym})</span>}
        </h1>
        {agency.aliases.length > 0 && <p className="text-stone-700">Also known as {agency.aliases.join(', ')}</p>}
        {/* Label above value on a phone: beside it, enlarged text left the values too narrow for a word. */}
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_minmax(0,1fr)]">
          <dt className="text-stone-600">Level</dt>
          <dd>{AGENCY_LEVEL_LABEL[agency.level] ?? agency.level}</dd>
          <dt className="text-stone-600">Country</dt>
          <dd>{countryName(agency.country)}</dd>
          {agency.parent && (
            <>
              <dt className="text-stone-600">Part of</dt>
              <dd>
                <a href={`/agencies/${agency.parent.slug}`}>{fullName(agency.parent)}</a>
              </dd>
            </>
          )}
          {agency.subAgencies.length > 0 && (
            <>
              <dt className="text-stone-600">Sub-agencies</dt>
              <dd>
                <ul className="flex flex-wrap gap-x-1">
                  {agency.subAgencies.map((sub, index) => (
                    <li key={sub.slug}>
                      <a href={`/agencies/${sub.slug}`}>{fullName(sub)}</a>
                      {index < agency.subAgencies.length - 1 && ','}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {agency.website && (
            <>
              <dt className="text-stone-600">Website</dt>
              <dd>
                <a href={agency.website} rel="noopener noreferrer" className="break-words">
                  {readableUrl(agency.website).replace(/^https?:\/\//, '')}
                </a>
              </dd>
            </>
          )}
        </dl>
        <p className="text-stone-700">
          {contracts.length === 0
            ? `No contract of ${agency.acronym ?? agency.name} is on record yet.`
            : `${contracts.length === 1 ? '1 published contract' : `${contracts.length} published contracts`} with ${
                contractors.length === 1 ? '1 company' : `${contractors.length} companies`
              }${agency.subAgencies.length > 0 ? `, counting the agencies under ${agency.acronym ?? agency.name}` : ''}; ${
                actions.length === 1 ? '1 employee action' : `${actions.length} employee actions`
              } against ${contracts.length === 1 ? 'it' : 'them'}.`}
        </p>
      </header>

      <section aria-labelledby="contractors" className="space-y-3">
        <h2 id="contractors" className="text-2xl font-semibold">
          Contractors ({contractors.length})
        </h2>
        <ContractorsTable contractors={contractors} agencyName={agency.name} />
      </section>

      <section aria-labelledby="contracts" className="space-y-3">
        <h2 id="contracts" className="text-2xl font-semibold">
          Contracts ({contracts.length})
        </h2>
        <AgencyContractsTable contracts={contracts} agency={agency} />
        {contracts.length > 0 && <DownloadLinks exports={[{ kind: 'contracts', filters: { agency: agency.slug } }]} />}
      </section>

      <section aria-labelledby="actions" className="space-y-3">
        <h2 id="actions" className="text-2xl font-semibold">
          Employee actions against {theseContracts} ({actions.length})
        </h2>
        <p className="max-w-3xl text-sm text-stone-700">
          An action is counted here when its record names the contract it opposed. Many actions name a company and an
          issue but no contract (most of those imported from the Collective Action in Tech data set do):{' '}
          <a href={`/search?q=${encodeURIComponent(agencySearch(agency))}`}>search for it by name</a> to find the ones
          that mention it.
        </p>
        <ActionsTable
          actions={actions}
          companyHeading="Contract holder"
          caption={`Employee actions against contracts of ${agency.name}, newest first`}
          empty={`No employee action against a contract of ${agency.acronym ?? agency.name} is on record yet.`}
        />
        {actions.length > 0 && <DownloadLinks exports={[{ kind: 'actions', filters: { agency: agency.slug } }]} />}
      </section>

      {responses.length > 0 && (
        <section aria-labelledby="responses" className="space-y-3">
          <h2 id="responses" className="text-2xl font-semibold">
            Donation responses and statements about {theseContracts} ({responses.length})
          </h2>
          <ul className="space-y-2">
            {responses.map((response) => (
              <li key={`${response.kind}:${response.id}`}>
                <span className="text-sm text-stone-700">
                  {response.date ? (
                    <PreciseDate date={response.date} precision={response.datePrecision} />
                  ) : (
                    'Date not known'
                  )}
                  {' · '}
                  {response.kind === 'donation' ? 'Donation response' : 'Company statement'}
                </span>
                <br />
                <a href={`/${response.kind === 'donation' ? 'donations' : 'statements'}/${response.id}`}>
                  {response.title}
                </a>
              </li>
            ))}
          </ul>
          <DownloadLinks
            exports={[
              ...(donationCount > 0 ? [{ kind: 'donations' as const, filters: { agency: agency.slug } }] : []),
              ...(statementCount > 0 ? [{ kind: 'statements' as const, filters: { agency: agency.slug } }] : []),
            ]}
          />
        </section>
      )}

      <section aria-labelledby="agency-sources" className="space-y-2">
        <h2 id="agency-sources" className="text-xl font-semibold">
          Sources for this agency
        </h2>
        {agency.sources.length > 0 ? (
          <SourceList sources={agency.sources} />
        ) : (
          <p className="text-stone-700">No source is recorded for this agency itself yet.</p>
        )}
      </section>

      <CiteRecord title={fullName(agency)} path={`/agencies/${agency.slug}`} history={`/history/agency/${agency.id}`} />
      <RecordTools
        history={`/history/agency/${agency.id}`}
        correct={`/editor/agencies/${agency.slug}`}
        feed={`/feeds/agencies/${agency.slug}`}
      />
    </article>
  );
}
