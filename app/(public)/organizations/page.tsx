import type { Metadata } from 'next';
import { ResultsSummary } from '@/components/ui/results-summary';
import { cachedOrganizationList } from '@/lib/public-data';
import { SortLinks } from '@/components/agencies/sort-links';
import { Pagination } from '@/components/ui/pagination';
import { DownloadLinks } from '@/components/ui/download-links';
import { type OrganizationSort } from '@/lib/data/organizations';
import { ORGANIZATION_KIND_LABEL } from '@/lib/labels';
import { organizationListParamsSchema, readSortedList, type SearchParams } from '@/lib/validation/public-params';
import { ListAddressProblems } from '@/components/ui/list-address-problems';
import { PastTheEnd } from '@/components/ui/past-the-end';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { sortedListAddress } from '@/lib/pagination';
import { sortedListMetadata } from '@/lib/site';

const SORT_OPTIONS: readonly (readonly [OrganizationSort, string])[] = [
  ['name', 'Name, A to Z'],
  ['donations', 'Most donation responses'],
  ['actions', 'Most actions joined'],
];
const SORT_SUMMARY: Record<OrganizationSort, string> = {
  name: 'A to Z',
  donations: 'most donation responses first',
  actions: 'most actions joined first',
};

const listParams = (raw: SearchParams) => readSortedList(organizationListParamsSchema, raw, 'name');

export async function generateMetadata({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<Metadata> {
  return sortedListMetadata(listParams(await searchParams), {
    what: 'Organizations',
    path: '/organizations',
    usual: 'name',
    summary: SORT_SUMMARY,
    description:
      'Non-profits, legal-aid groups, worker groups and campaigns on record: the donations they turned down or accepted, and the employee actions they joined.',
  });
}

const organizationsHref = (sort: OrganizationSort, page?: number) =>
  sortedListAddress('/organizations', sort, 'name', page);

export default async function OrganizationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const read = listParams(await searchParams);
  if (!read.ok) {
    return (
      <ListAddressProblems
        title="Organizations"
        problems={read.problems}
        href="/organizations"
        every="every organization"
      />
    );
  }
  const { page, sort } = read.data;
  const { organizations, total, pages } = await cachedOrganizationList({ page, sort });

  const href = (target: { sort?: OrganizationSort; page?: number }) =>
    organizationsHref(target.sort ?? sort, target.page);
  if (page > pages)
    return <PastTheEnd title="Organizations" page={page} pages={pages} href={(target) => href({ page: target })} />;

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Organizations</h1>
      <p className="max-w-3xl text-stone-700">
        Non-profits, legal-aid groups, worker groups and campaigns: the donations from contractors they rejected,
        returned or accepted, and the employee actions they joined.
      </p>
      {total > 0 && (
        <SortLinks options={SORT_OPTIONS} current={sort} href={(value) => `${href({ sort: value })}#results`} />
      )}
      <ResultsSummary>
        {total === 0
          ? 'No organization has been published yet.'
          : `${total === 1 ? '1 organization' : `${total} organizations`}, ${SORT_SUMMARY[sort]}.`}
      </ResultsSummary>
      {total > 0 && (
        <DownloadLinks
          exports={[
            { kind: 'organizations', filters: {} },
            { kind: 'donations', filters: {} },
            { kind: 'actions', filters: {} },
          ]}
          figures="The figures here are counted from the donation responses file (its organization column) and the employee actions file (its organizations column)."
        />
      )}
      {organizations.length > 0 && (
        <ScrollRegion label="Organizations">
          <table className="w-full border-collapse text-left sm:min-w-[34rem]">
            <caption className="sr-only">
              Organizations, {SORT_SUMMARY[sort]}, page {page} of {pages}
            </caption>
            <thead>
              <tr className="border-b border-stone-300 text-sm text-stone-700">
                <th scope="col" className="py-2 pr-4">
                  Organization
                </th>
                {/* On a phone, said under the organisation's name, so that its figures fit beside it. */}
                <th scope="col" className="hidden py-2 pr-4 sm:table-cell">
                  Kind
                </th>
                <th scope="col" className="py-2 pr-3 text-right sm:pr-4">
                  Donation responses
                </th>
                <th scope="col" className="py-2 text-right">
                  Actions joined
                </th>
              </tr>
            </thead>
            <tbody>
              {organizations.map((organization) => (
                <tr key={organization.slug} className="border-b border-stone-200 align-top">
                  <th scope="row" className="py-2 pr-3 font-medium sm:pr-4">
                    <a href={`/organizations/${organization.slug}`}>{organization.name}</a>
                    {organization.acronym && (
                      <span className="font-normal text-stone-700"> ({organization.acronym})</span>
                    )}
                    <span className="block text-sm font-normal text-stone-700 sm:hidden">
                      {ORGANIZATION_KIND_LABEL[organization.kind] ?? organization.kind}
                    </span>
                  </th>
                  <td className="hidden py-2 pr-4 text-stone-700 sm:table-cell">
                    {ORGANIZATION_KIND_LABEL[organization.kind] ?? organization.kind}
                  </td>
                  <td className="py-2 pr-3 text-right tabular-nums sm:pr-4">{organization.donationCount}</td>
                  <td className="py-2 text-right tabular-nums">{organization.actionCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pagination
        page={page}
        pages={pages}
        href={(target) => `${href({ page: target })}#results`}
        label="Organization pages"
      />
    </div>
  );
}
