import type { Metadata } from 'next';
import { cachedOrganizationList } from '@/lib/public-data';
import { notFound } from 'next/navigation';
import { SortLinks } from '@/components/agencies/sort-links';
import { Pagination } from '@/components/ui/pagination';
import { DownloadLinks } from '@/components/ui/download-links';
import { ORGANIZATION_SORTS, type OrganizationSort } from '@/lib/data/organizations';
import { ORGANIZATION_KIND_LABEL } from '@/lib/labels';
import { parsePageParam } from '@/lib/pagination';
import type { SearchParams } from '@/lib/validation/public-params';
import { PastTheEnd } from '@/components/ui/past-the-end';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { listTitle } from '@/lib/list-titles';

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

/** The list's parameters; null when malformed (an unknown sort, page=-1, a repeated parameter). */
function readParams(raw: SearchParams): { page: number; sort: OrganizationSort } | null {
  const sort = raw.sort === '' ? undefined : raw.sort;
  const page = parsePageParam(raw.page === '' ? undefined : raw.page);
  if (page === null) return null;
  if (sort === undefined) return { page, sort: 'name' };
  const known = ORGANIZATION_SORTS.find((value) => value === sort);
  return known ? { page, sort: known } : null;
}

export async function generateMetadata({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<Metadata> {
  const query = readParams(await searchParams);
  return {
    // A malformed address gets the not-found page, under the plain title.
    title: query
      ? listTitle('Organizations', [query.sort !== 'name' && SORT_SUMMARY[query.sort]], query.page)
      : 'Organizations',
    description:
      'Non-profits, legal-aid groups, worker groups and campaigns on record: the donations they turned down or accepted, and the employee actions they joined.',
  };
}

export default async function OrganizationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = readParams(await searchParams);
  if (!query) notFound();
  const { page, sort } = query;
  const { organizations, total, pages } = await cachedOrganizationList({ page, sort });

  const href = (target: { sort?: OrganizationSort; page?: number }) => {
    const next = new URLSearchParams();
    const chosen = target.sort ?? sort;
    if (chosen !== 'name') next.set('sort', chosen);
    if (target.page && target.page > 1) next.set('page', String(target.page));
    const search = next.toString();
    return search ? `/organizations?${search}` : '/organizations';
  };
  if (page > pages)
    return <PastTheEnd title="Organizations" page={page} pages={pages} href={(target) => href({ page: target })} />;

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Organizations</h1>
      <p className="max-w-3xl text-stone-700">
        Non-profits, legal-aid groups, worker groups and campaigns: the donations from contractors they rejected,
        returned or accepted, and the employee actions they joined.
      </p>
      {total > 0 && <SortLinks options={SORT_OPTIONS} current={sort} href={(value) => href({ sort: value })} />}
      <p className="text-stone-700" aria-live="polite">
        {total === 0
          ? 'No organization has been published yet.'
          : `${total === 1 ? '1 organization' : `${total} organizations`}, ${SORT_SUMMARY[sort]}.`}
      </p>
      {total > 0 && <DownloadLinks exports={[{ kind: 'organizations', filters: {} }]} />}
      {organizations.length > 0 && (
        <ScrollRegion label="Organizations">
          <table className="w-full min-w-[34rem] border-collapse text-left">
            <caption className="sr-only">
              Organizations, {SORT_SUMMARY[sort]}, page {page} of {pages}
            </caption>
            <thead>
              <tr className="border-b border-stone-300 text-sm text-stone-700">
                <th scope="col" className="py-2 pr-4">
                  Organization
                </th>
                <th scope="col" className="py-2 pr-4">
                  Kind
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
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
                  <th scope="row" className="py-2 pr-4 font-medium">
                    <a href={`/organizations/${organization.slug}`}>{organization.name}</a>
                    {organization.acronym && (
                      <span className="font-normal text-stone-700"> ({organization.acronym})</span>
                    )}
                  </th>
                  <td className="py-2 pr-4 text-stone-700">
                    {ORGANIZATION_KIND_LABEL[organization.kind] ?? organization.kind}
                  </td>
                  <td className="py-2 pr-4 text-right tabular-nums">{organization.donationCount}</td>
                  <td className="py-2 text-right tabular-nums">{organization.actionCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pagination page={page} pages={pages} href={(target) => href({ page: target })} label="Organization pages" />
    </div>
  );
}
