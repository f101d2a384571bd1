import { SourceList } from '@/components/sources/source-list';
import { DayPeriod, PreciseDate } from '@/components/ui/precise-date';
import type { ContractRow } from '@/lib/data/companies';
import { formatMoney } from '@/lib/money';
import { ScrollRegion } from '@/components/ui/scroll-region';

/**
 * A company's contracts: title, value, status, agency, period, sources. On a phone only the title,
 * value and status are shown (the contract's page, a tap away, has the rest and its sources), so
 * the table fits the screen.
 */
export function ContractsTable({
  contracts,
  companyName,
  showCompany,
}: {
  contracts: ContractRow[];
  companyName: string;
  showCompany: boolean;
}) {
  if (contracts.length === 0) {
    return <p className="text-stone-700">No government contract of {companyName} is on record yet.</p>;
  }
  return (
    <ScrollRegion label="Contracts">
      <table className="w-full border-collapse text-left text-sm sm:min-w-[48rem]">
        <caption className="sr-only">Government contracts of {companyName}</caption>
        <thead>
          <tr className="border-b border-stone-300 text-stone-700">
            <th scope="col" className="py-2 pr-3">
              Contract
            </th>
            <th scope="col" className="py-2 pr-3 text-right">
              Value
            </th>
            <th scope="col" className="py-2 pr-3">
              Status
            </th>
            <th scope="col" className="hidden py-2 pr-3 sm:table-cell">
              Agency
            </th>
            <th scope="col" className="hidden py-2 pr-3 sm:table-cell">
              Period
            </th>
            <th scope="col" className="hidden py-2 sm:table-cell">
              Sources
            </th>
          </tr>
        </thead>
        <tbody>
          {contracts.map((contract) => (
            <tr key={contract.id} className="border-b border-stone-200 align-top">
              <th scope="row" className="py-2 pr-3 font-medium">
                <a href={`/contracts/${contract.id}`}>{contract.title}</a>
                {showCompany && <span className="block font-normal text-stone-700">{contract.company.name}</span>}
              </th>
              <td className="py-2 pr-3 text-right tabular-nums">
                {contract.obligatedAmount ? formatMoney(contract.obligatedAmount, contract.currency) : 'Not known'}
                {contract.potentialAmount && (
                  // "of $3,000,000 potential" after an amount; standing alone, said in full.
                  <span className="block text-stone-700">
                    {contract.obligatedAmount
                      ? `of ${formatMoney(contract.potentialAmount, contract.currency)} potential`
                      : `potential value ${formatMoney(contract.potentialAmount, contract.currency)}`}
                  </span>
                )}
              </td>
              <td className="py-2 pr-3">{contract.statusText}</td>
              <td className="hidden py-2 pr-3 sm:table-cell">
                <a href={`/agencies/${(contract.subAgency ?? contract.agency).slug}`}>
                  {(contract.subAgency ?? contract.agency).name}
                </a>
                {contract.subAgency && (
                  <span className="block text-stone-700">{contract.agency.acronym ?? contract.agency.name}</span>
                )}
              </td>
              <td className="hidden py-2 pr-3 sm:table-cell">
                {contract.periodStart || contract.periodEnd ? (
                  <DayPeriod start={contract.periodStart} end={contract.periodEnd} joiner=" – " />
                ) : contract.awardDate ? (
                  <>
                    Awarded <PreciseDate date={contract.awardDate} precision={contract.awardDatePrecision} />
                  </>
                ) : (
                  'Not known'
                )}
              </td>
              <td className="hidden py-2 sm:table-cell">
                <SourceList sources={contract.sources} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
