import { SourceList } from '@/components/sources/source-list';
import type { AgencyContract, AgencyLink } from '@/lib/data/agencies';
import { formatMoney } from '@/lib/money';
import { ScrollRegion } from '@/components/ui/scroll-region';

function AgencyName({ agency, current }: { agency: AgencyLink & { published: boolean }; current: string }) {
  if (agency.slug === current || !agency.published) return <span>{agency.name}</span>;
  return <a href={`/agencies/${agency.slug}`}>{agency.name}</a>;
}

/**
 * An agency's contracts: title, company, the sub-agency (or agency under it) that awarded it,
 * status, value and sources. On a phone the sub-agency and sources are left out (the contract's
 * page has them), so that its title, company, status and value fit the screen.
 */
export function AgencyContractsTable({
  contracts,
  agency,
}: {
  contracts: AgencyContract[];
  agency: { slug: string; name: string; subAgencies: unknown[] };
}) {
  if (contracts.length === 0) {
    return <p className="text-stone-700">No contract of {agency.name} is on record yet.</p>;
  }
  return (
    <ScrollRegion label="Contracts">
      <table className="w-full border-collapse text-left text-sm sm:min-w-[48rem]">
        <caption className="sr-only">
          Government contracts of {agency.name}
          {agency.subAgencies.length > 0 && ' and the agencies under it'}
        </caption>
        <thead>
          <tr className="border-b border-stone-300 text-stone-700">
            <th scope="col" className="py-2 pr-3">
              Contract
            </th>
            <th scope="col" className="py-2 pr-3">
              Company
            </th>
            <th scope="col" className="hidden py-2 pr-3 sm:table-cell">
              Sub-agency
            </th>
            <th scope="col" className="py-2 pr-3">
              Status
            </th>
            <th scope="col" className="py-2 pr-3 text-right">
              Value
            </th>
            <th scope="col" className="hidden min-w-[14rem] py-2 sm:table-cell">
              Sources
            </th>
          </tr>
        </thead>
        <tbody>
          {contracts.map((contract) => {
            // The office that awarded it, when it is not this agency itself.
            const office = contract.subAgency ?? (contract.agency.slug !== agency.slug ? contract.agency : null);
            return (
              <tr key={contract.id} className="border-b border-stone-200 align-top">
                <th scope="row" className="py-2 pr-3 font-medium">
                  <a href={`/contracts/${contract.id}`}>{contract.title}</a>
                </th>
                <td className="py-2 pr-3">
                  <a href={`/companies/${contract.company.slug}`}>{contract.company.name}</a>
                </td>
                <td className="hidden py-2 pr-3 sm:table-cell">
                  {office ? <AgencyName agency={office} current={agency.slug} /> : '—'}
                </td>
                <td className="py-2 pr-3">{contract.statusText}</td>
                <td className="py-2 pr-3 text-right tabular-nums">
                  {contract.obligatedAmount ? formatMoney(contract.obligatedAmount, contract.currency) : 'Not known'}
                  {contract.potentialAmount && (
                    <span className="block text-stone-700">
                      of {formatMoney(contract.potentialAmount, contract.currency)} potential
                    </span>
                  )}
                </td>
                <td className="hidden py-2 sm:table-cell">
                  {contract.sources.length > 0 ? <SourceList sources={contract.sources} /> : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
