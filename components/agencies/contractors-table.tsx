import { MoneyTotals } from '@/components/agencies/money-totals';
import type { AgencyContractor } from '@/lib/data/agencies';
import { ScrollRegion } from '@/components/ui/scroll-region';

/** The companies an agency (and the agencies under it) contracts with: contracts and their sums. */
export function ContractorsTable({ contractors, agencyName }: { contractors: AgencyContractor[]; agencyName: string }) {
  if (contractors.length === 0) {
    return <p className="text-stone-700">No contractor of {agencyName} is on record yet.</p>;
  }
  return (
    <ScrollRegion label="Contractors">
      <table className="w-full border-collapse text-left text-sm sm:min-w-[30rem]">
        <caption className="sr-only">Companies with contracts from {agencyName}, most contracts first</caption>
        <thead>
          <tr className="border-b border-stone-300 text-stone-700">
            <th scope="col" className="py-2 pr-2 sm:pr-3">
              Company
            </th>
            <th scope="col" className="py-2 pr-2 text-right sm:pr-3">
              Contracts
            </th>
            <th scope="col" className="py-2 pr-2 text-right sm:pr-3">
              Obligated
            </th>
            <th scope="col" className="py-2 text-right">
              Potential
            </th>
          </tr>
        </thead>
        <tbody>
          {contractors.map((contractor) => (
            <tr key={contractor.slug} className="border-b border-stone-200 align-top">
              <th scope="row" className="py-2 pr-2 font-medium sm:pr-3">
                <a href={`/companies/${contractor.slug}`}>{contractor.name}</a>
              </th>
              <td className="py-2 pr-2 text-right tabular-nums sm:pr-3">{contractor.contractCount}</td>
              <td className="py-2 pr-2 text-right tabular-nums sm:pr-3">
                <MoneyTotals totals={contractor.obligated} leftOut={contractor.obligatedUnknown} />
              </td>
              <td className="py-2 text-right tabular-nums">
                <MoneyTotals totals={contractor.potential} leftOut={contractor.potentialUnknown} summed="potential" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
