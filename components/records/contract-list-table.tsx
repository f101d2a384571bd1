import { PreciseDate } from '@/components/ui/precise-date';
import type { ContractListRow } from '@/lib/data/contracts';
import { formatMoney } from '@/lib/money';
import { ScrollRegion } from '@/components/ui/scroll-region';

const agencyText = (agency: { name: string; acronym: string | null }) => agency.acronym ?? agency.name;

function AgencyCell({ agency }: { agency: ContractListRow['agency'] }) {
  const text = agencyText(agency);
  return agency.published ? (
    <a href={`/agencies/${agency.slug}`} title={agency.name}>
      {text}
    </a>
  ) : (
    <span title={agency.name}>{text}</span>
  );
}

/**
 * The contracts list: title, company, agency (sub-agency), award date, obligated value, status. On a
 * phone the agency and award date are left out (the contract's page has them), so that its title,
 * company, value and status fit the screen.
 */
export function ContractListTable({ contracts, caption }: { contracts: ContractListRow[]; caption: string }) {
  return (
    <ScrollRegion label={caption}>
      <table className="w-full border-collapse text-left text-sm sm:min-w-[44rem]">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-stone-300 text-stone-700">
            <th scope="col" className="py-2 pr-2 sm:pr-3">
              Contract
            </th>
            <th scope="col" className="py-2 pr-2 sm:pr-3">
              Company
            </th>
            <th scope="col" className="hidden py-2 pr-3 sm:table-cell">
              Agency (sub-agency)
            </th>
            <th scope="col" className="hidden py-2 pr-3 sm:table-cell">
              Awarded
            </th>
            <th scope="col" className="py-2 pr-2 text-right sm:pr-3">
              Obligated
            </th>
            <th scope="col" className="py-2">
              Status
            </th>
          </tr>
        </thead>
        <tbody>
          {contracts.map((contract) => (
            <tr key={contract.id} className="border-b border-stone-200 align-top">
              <th scope="row" className="py-2 pr-2 font-medium sm:pr-3">
                <a href={`/contracts/${contract.id}`}>{contract.title}</a>
              </th>
              <td className="py-2 pr-2 sm:pr-3">
                <a href={`/companies/${contract.company.slug}`}>{contract.company.name}</a>
              </td>
              <td className="hidden py-2 pr-3 sm:table-cell">
                <AgencyCell agency={contract.agency} />
                {contract.subAgency && (
                  <>
                    {' ('}
                    <AgencyCell agency={contract.subAgency} />
                    {')'}
                  </>
                )}
              </td>
              <td className="hidden py-2 pr-3 whitespace-nowrap sm:table-cell">
                {contract.awardDate ? (
                  <PreciseDate date={contract.awardDate} precision={contract.awardDatePrecision} />
                ) : (
                  <span className="text-stone-700">Not known</span>
                )}
              </td>
              <td className="py-2 pr-2 text-right tabular-nums sm:pr-3 sm:whitespace-nowrap">
                {contract.obligatedAmount ? (
                  formatMoney(contract.obligatedAmount, contract.currency)
                ) : (
                  <span className="text-stone-700">Not known</span>
                )}
              </td>
              <td className="py-2">{contract.statusText}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
