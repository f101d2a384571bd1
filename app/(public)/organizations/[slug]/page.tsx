import { canonicalAlternates, openGraph } from '@/lib/site';
import { readableUrl } from '@/lib/urls';
import type { Metadata } from 'next';
import { cachedOrganization } from '@/lib/public-data';
import { notFound, permanentRedirect } from 'next/navigation';
import { mergedOrganizationTarget } from '@/lib/data/organizations';
import { cache } from 'react';
import { ActionsTable } from '@/components/agencies/actions-table';
import { DownloadLinks } from '@/components/ui/download-links';
import { DonationResponses } from '@/components/organizations/donation-responses';
import { RecordTools } from '@/components/records/record-parts';
import { CiteRecord } from '@/components/records/cite-record';
import { SourceList } from '@/components/sources/source-list';
import { ORGANIZATION_KIND_LABEL, countryName } from '@/lib/labels';
import { listAddress } from '@/lib/pagination';

type Props = { params: Promise<{ slug: string }> };

const validSlug = (slug: string) => /^[a-z0-9-]{1,100}$/.test(slug);

// Metadata and page ask for the same organization: one lookup per request.
const loadOrganization = cache((slug: string) => (validSlug(slug) ? cachedOrganization(slug) : null));
// The survivor of a merge an address that names no organization leads to, asked by the page and its metadata.
const organizationElsewhere = cache((slug: string) => (validSlug(slug) ? mergedOrganizationTarget(slug) : null));

const fullName = (organization: { name: string; acronym: string | null }) =>
  organization.acronym ? `${organization.name} (${organization.acronym})` : organization.name;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const organization = await loadOrganization(slug);
  // A redirect's body is not titled "not found".
  if (!organization) return { title: (await organizationElsewhere(slug)) ? 'Redirecting' : 'Organization not found' };
  const description = `${fullName(organization)}: the donations it rejected, returned or accepted from government contractors, and the employee actions it joined, each with its sources.`;
  if (organization.mergedInto) {
    return {
      title: fullName(organization),
      alternates: canonicalAlternates(`/organizations/${organization.mergedInto.slug}`),
      robots: { index: false },
    };
  }
  return {
    title: fullName(organization),
    description,
    alternates: canonicalAlternates(`/organizations/${organization.slug}`),
    openGraph: openGraph({
      title: `${fullName(organization)} · Counterweight`,
      description,
      type: 'profile',
      url: `/organizations/${organization.slug}`,
    }),
  };
}

export default async function OrganizationPage({ params }: Props) {
  const { slug } = await params;
  const organization = await loadOrganization(slug);
  if (!organization) {
    // An organization merged into another: its old address leads to the survivor.
    const target = await organizationElsewhere(slug);
    if (target) permanentRedirect(`/organizations/${target}`);
    notFound();
  }
  // One published again after it was merged points to the survivor rather than leaving it.
  if (organization.mergedInto) {
    return (
      <div className="space-y-3">
        <h1 className="text-3xl font-bold">{fullName(organization)}</h1>
        <p className="text-stone-700">
          This record was merged into that of{' '}
          <a href={`/organizations/${organization.mergedInto.slug}`}>{organization.mergedInto.name}</a>.
        </p>
      </div>
    );
  }
  const { donationResponses, actions } = organization;

  return (
    <article className="space-y-10">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">
          {organization.name}
          {organization.acronym && <span className="font-normal text-stone-700"> ({organization.acronym})</span>}
        </h1>
        {organization.description && <p className="max-w-3xl text-lg text-stone-700">{organization.description}</p>}
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_minmax(0,1fr)]">
          <dt className="text-stone-600">Kind</dt>
          <dd>{ORGANIZATION_KIND_LABEL[organization.kind] ?? organization.kind}</dd>
          {organization.country && (
            <>
              <dt className="text-stone-600">Country</dt>
              <dd>{countryName(organization.country)}</dd>
            </>
          )}
          {organization.website && (
            <>
              <dt className="text-stone-600">Website</dt>
              <dd>
                <a href={organization.website} rel="noopener noreferrer" className="break-words">
                  {readableUrl(organization.website).replace(/^https?:\/\//, '')}
                </a>
              </dd>
            </>
          )}
        </dl>
        {/* The same records as the incidents list gives them for this organization, where they can be narrowed further. */}
        {donationResponses.length + actions.length > 0 && (
          <p className="text-sm print:hidden">
            <a href={listAddress('/incidents', { organization: organization.slug })}>
              Its donation responses and the actions it joined on one list of incidents
            </a>
            , newest first, to narrow by company, year or words.
          </p>
        )}
      </header>

      <section aria-labelledby="donations" className="space-y-3">
        <h2 id="donations" className="text-2xl font-semibold">
          Donation responses ({donationResponses.length})
        </h2>
        <DonationResponses donations={donationResponses} organizationName={organization.name} />
        {donationResponses.length > 0 && (
          <DownloadLinks exports={[{ kind: 'donations', filters: { organization: organization.slug } }]} />
        )}
      </section>

      <section aria-labelledby="actions" className="space-y-3">
        <h2 id="actions" className="text-2xl font-semibold">
          Employee actions joined ({actions.length})
        </h2>
        <ActionsTable
          actions={actions}
          caption={`Employee actions ${organization.name} joined, newest first`}
          empty={`No employee action joined by ${organization.acronym ?? organization.name} is on record yet.`}
        />
        {actions.length > 0 && (
          <DownloadLinks exports={[{ kind: 'actions', filters: { organization: organization.slug } }]} />
        )}
      </section>

      <section aria-labelledby="organization-sources" className="space-y-2">
        <h2 id="organization-sources" className="text-xl font-semibold">
          Sources for this organization
        </h2>
        {organization.sources.length > 0 ? (
          <SourceList sources={organization.sources} />
        ) : (
          <p className="text-stone-700">No source is recorded for this organization itself yet.</p>
        )}
      </section>

      <CiteRecord
        title={fullName(organization)}
        path={`/organizations/${organization.slug}`}
        history={`/history/organization/${organization.id}`}
      />
      <RecordTools
        history={`/history/organization/${organization.id}`}
        correct={`/editor/organizations/${organization.slug}`}
      />
    </article>
  );
}
