import { PreciseDate } from '@/components/ui/precise-date';
import type { CompanyFigures, MoneyByCurrency } from '@/lib/data/company-figures';
import { CONTRACT_STATUS_LABEL, DONATION_RESPONSE_GROUP_LABEL, STATEMENT_KIND_LABEL } from '@/lib/labels';
import { formatMoney } from '@/lib/money';
import { plural } from '@/lib/text';

function Money({ amounts, none = 'not known' }: { amounts: MoneyByCurrency; none?: string }) {
  if (amounts.length === 0) return <>{none}</>;
  return <>{amounts.map((amount) => formatMoney(amount.amount, amount.currency)).join(' + ')}</>;
}

/** A profile's figures at a glance, each computed by the database over the published record. */
export function CompanyFiguresPanel({ figures }: { figures: CompanyFigures }) {
  const { contracts, actions, donations, statements } = figures;
  const decided = actions.outcomes.met + actions.outcomes.partlyMet + actions.outcomes.notMet;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div className="rounded border border-stone-300 bg-white p-4">
        <h3 className="font-semibold">Contracts</h3>
        <p className="text-2xl font-bold tabular-nums">{contracts.count.toLocaleString('en-US')}</p>
        <p className="text-sm text-stone-700">
          {contracts.count === 0 ? (
            'No government contract on record.'
          ) : (
            <>
              Obligated <Money amounts={contracts.obligated} /> · potential <Money amounts={contracts.potential} />
            </>
          )}
        </p>
        {contracts.byAgency.length > 0 && (
          <ul className="mt-2 text-sm">
            {contracts.byAgency.slice(0, 6).map((agency) => (
              <li key={agency.slug}>
                <a href={`/agencies/${agency.slug}`}>{agency.acronym ?? agency.name}</a>:{' '}
                {plural(agency.count, 'contract', 'contracts')}
                {agency.obligated.length > 0 && (
                  <>
                    , <Money amounts={agency.obligated} />
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="rounded border border-stone-300 bg-white p-4">
        <h3 className="font-semibold">Employee actions</h3>
        <p className="text-2xl font-bold tabular-nums">{actions.count.toLocaleString('en-US')}</p>
        {actions.withParticipants > 0 && (
          <p className="text-sm text-stone-700">
            {actions.participantsLow === actions.participantsHigh
              ? actions.participantsLow.toLocaleString('en-US')
              : `${actions.participantsLow.toLocaleString('en-US')}–${actions.participantsHigh.toLocaleString('en-US')}`}{' '}
            participants in the {plural(actions.withParticipants, 'action', 'actions')} that give a number
          </p>
        )}
        {actions.byForm.length > 0 && (
          <p className="mt-2 text-sm">{actions.byForm.map((form) => `${form.label}: ${form.count}`).join(' · ')}</p>
        )}
      </div>
      <div className="rounded border border-stone-300 bg-white p-4">
        <h3 className="font-semibold">What pressure achieved</h3>
        <p className="text-sm">
          {decided === 0
            ? 'No action has a known outcome yet.'
            : `Of the ${plural(decided, 'action', 'actions')} with a known outcome: ${[
                [actions.outcomes.met, 'demands met'],
                [actions.outcomes.partlyMet, 'partly met'],
                [actions.outcomes.notMet, 'not met'],
              ]
                .filter(([count]) => Number(count) > 0)
                .map(([count, what]) => `${count} ${what}`)
                .join(', ')}.`}
        </p>
        {contracts.endedAfterActions.length > 0 && (
          <ul className="mt-2 text-sm">
            {contracts.endedAfterActions.map((contract) => (
              <li key={contract.id}>
                <a href={`/contracts/${contract.id}`}>{contract.title}</a>:{' '}
                {CONTRACT_STATUS_LABEL[contract.status]?.toLowerCase()} after actions starting{' '}
                <PreciseDate date={contract.firstActionAt} precision="YEAR" />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="rounded border border-stone-300 bg-white p-4">
        <h3 className="font-semibold">Donation responses and statements</h3>
        {donations.byResponse.length === 0 ? (
          <p className="text-sm text-stone-700">No donation response on record.</p>
        ) : (
          <ul className="text-sm">
            {donations.byResponse.map((group) => (
              <li key={group.response}>
                {DONATION_RESPONSE_GROUP_LABEL[group.response]}: {group.count} (
                <Money amounts={group.amounts} none="amounts undisclosed" />)
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2 text-sm">
          {statements.count === 0
            ? 'No statement on record.'
            : `${plural(statements.count, 'statement', 'statements')}: ${statements.byKind
                .map((kind) =>
                  kind.kind === 'STATEMENT'
                    ? plural(kind.count, 'plain statement', 'plain statements')
                    : `${kind.count} ${STATEMENT_KIND_LABEL[kind.kind]?.toLowerCase() ?? kind.kind}`,
                )
                .join(', ')}.`}
        </p>
        <p className="mt-2 text-sm text-stone-700">
          Last activity:{' '}
          <PreciseDate date={figures.lastActivity?.date ?? null} precision={figures.lastActivity?.precision ?? 'DAY'} />
        </p>
      </div>
    </div>
  );
}
