import { PreciseDate } from '@/components/ui/precise-date';
import type { DatePrecision } from '@/lib/generated/prisma/enums';
import { OUTCOME_LABEL } from '@/lib/labels';
import { ScrollRegion } from '@/components/ui/scroll-region';

export interface ActionRow {
  id: string;
  title: string;
  startDate: Date;
  datePrecision: DatePrecision;
  outcome: string;
  companies: { slug: string; name: string }[];
}

/**
 * Employee actions as a table: date at its precision, title, companies, outcome. The companies are
 * those the rows name (an agency's page gives the holders of the contracts the actions opposed, and
 * heads the column so).
 */
export function ActionsTable({
  actions,
  caption,
  empty,
  companyHeading = 'Company',
}: {
  actions: ActionRow[];
  caption: string;
  empty: string;
  companyHeading?: string;
}) {
  if (actions.length === 0) return <p className="text-stone-700">{empty}</p>;
  return (
    <ScrollRegion label="Employee actions">
      <table className="w-full min-w-[36rem] border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-stone-300 text-stone-700">
            <th scope="col" className="py-2 pr-3 whitespace-nowrap">
              Date
            </th>
            <th scope="col" className="py-2 pr-3">
              Action
            </th>
            <th scope="col" className="py-2 pr-3">
              {companyHeading}
            </th>
            <th scope="col" className="py-2">
              Outcome
            </th>
          </tr>
        </thead>
        <tbody>
          {actions.map((action) => (
            <tr key={action.id} className="border-b border-stone-200 align-top">
              <td className="py-2 pr-3 whitespace-nowrap">
                <PreciseDate date={action.startDate} precision={action.datePrecision} />
              </td>
              <th scope="row" className="py-2 pr-3 font-medium">
                <a href={`/actions/${action.id}`}>{action.title}</a>
              </th>
              <td className="py-2 pr-3">
                {action.companies.length === 0
                  ? '—'
                  : action.companies.map((company, index) => (
                      <span key={company.slug}>
                        {index > 0 && ', '}
                        <a href={`/companies/${company.slug}`}>{company.name}</a>
                      </span>
                    ))}
              </td>
              <td className="py-2">{OUTCOME_LABEL[action.outcome] ?? action.outcome}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
