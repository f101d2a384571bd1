import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { listCompanies } from '@/lib/data/companies';
import { parsePageParam } from '@/lib/pagination';

export const metadata: Metadata = { title: 'Companies' };

export default async function CompaniesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const page = parsePageParam((await searchParams).page);
  if (page === null) notFound();
  const { companies, total, pages } = await listCompanies({ page });
  if (page > pages) notFound();

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Companies</h1>
      <p className="text-stone-700">
        {total === 0
          ? 'No company has been published yet.'
          : `${total} companies, A to Z, with the employee actions and government contracts on record for each.`}
      </p>
      {companies.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">
              Companies, page {page} of {pages}
            </caption>
            <thead>
              <tr className="border-b border-stone-300 text-sm text-stone-600">
                <th scope="col" className="py-2 pr-4">
                  Company
                </th>
                <th scope="col" className="py-2 pr-4">
                  Sector
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  Employee actions
                </th>
                <th scope="col" className="py-2 text-right">
                  Contracts
                </th>
              </tr>
            </thead>
            <tbody>
              {companies.map((company) => (
                <tr key={company.slug} className="border-b border-stone-200">
                  <th scope="row" className="py-2 pr-4 font-medium">
                    <Link href={`/companies/${company.slug}`}>{company.name}</Link>
                  </th>
                  <td className="py-2 pr-4 text-stone-700">{company.sector ?? '—'}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{company.actionCount}</td>
                  <td className="py-2 text-right tabular-nums">{company.contractCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="flex items-center gap-4">
          {page > 1 && (
            <Link href={`/companies?page=${page - 1}`} rel="prev">
              &larr; Previous
            </Link>
          )}
          <span className="text-stone-600">
            Page {page} of {pages}
          </span>
          {page < pages && (
            <Link href={`/companies?page=${page + 1}`} rel="next">
              Next &rarr;
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
