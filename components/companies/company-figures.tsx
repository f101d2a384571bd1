import { PreciseDate } from '@/components/ui/precise-date';
import type { CompanyFigures, MoneyByCurrency } from '@/lib/data/company-figures';
import { endedAfterActionsText } from '@/lib/contract-status';
import { DONATION_RESPONSE_GROUP_LABEL, STATEMENT_KIND_LABEL } from '@/lib/labels';
import { sumsWithLeftOut, type Summed } from '@/lib/money';
import { plural } from '@/lib/text';

/** Sums per currency, and what they leave out: `leftOut` records without an amount. */
function Money({
  amounts,
  none = 'not known',
  leftOut,
}: {
  amounts: MoneyByCurrency;
  none?: string;
  leftOut?: { count: number; what: Summed };
}) {
  if (amounts.length === 0) return <>{none}</>;
  return <>{sumsWithLeftOut(amounts, leftOut?.count ?? 0, leftOut?.what ?? 'obligated')}</>;
}

/**
 * "2 of 65 actions have a known outcome: demands met in 1, not met in 1." Says of how many
 * actions, since most actions' outcomes are not known; "its one action" when it has one.
 */
export function outcomesSentence(count: number, outcomes: { met: number; partlyMet: number; notMet: number }): string {
  const decided = outcomes.met + outcomes.partlyMet + outcomes.notMet;
  if (decided === 0) {
    return count === 0
      ? 'No action is on record.'
      : count === 1
        ? 'Its one action has no known outcome yet.'
        : `None of the ${plural(count, 'action', 'actions')} has a known outcome yet.`;
  }
  const of =
    count === 1 ? 'Its one action' : `${decided.toLocaleString('en-US')} of ${plural(count, 'action', 'actions')}`;
  if (decided === 1) {
    const what = outcomes.met ? 'met' : outcomes.partlyMet ? 'partly met' : 'not met';
    return `${of} has a known outcome: its demands were ${what}.`;
  }
  const parts = (
    [
      [outcomes.met, 'demands met'],
      [outcomes.partlyMet, 'partly met'],
      [outcomes.notMet, 'not met'],
    ] as const
  )
    .filter(([number]) => number > 0)
    .map(([number, what]) => `${what} in ${number.toLocaleString('en-US')}`);
  return `${of} have a known outcome: ${parts.join(', ')}.`;
}

/** The agencies a profile names beside its contract figures: those with the most contracts. */
const AGENCIES_SHOWN = 6;

/**
 * A profile's figures at a glance, each computed by the database over the published record.
 * `contractsAddress`: the list of all the contracts counted, which names each one's agency.
 */
export function CompanyFiguresPanel({
  figures,
  contractsAddress,
}: {
  figures: CompanyFigures;
  contractsAddress: string;
}) {
  const { contracts, actions, donations, statements } = figures;
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
              Obligated{' '}
              <Money amounts={contracts.obligated} leftOut={{ count: contracts.obligatedUnknown, what: 'obligated' }} />{' '}
              · potential{' '}
              <Money amounts={contracts.potential} leftOut={{ count: contracts.potentialUnknown, what: 'potential' }} />
            </>
          )}
        </p>
        {contracts.byAgency.length > 0 && (
          <ul className="mt-2 text-sm">
            {contracts.byAgency.slice(0, AGENCIES_SHOWN).map((agency) => (
              <li key={agency.slug}>
                <a href={`/agencies/${agency.slug}`}>{agency.acronym ?? agency.name}</a>
                {agency.parent && ` (${agency.parent.acronym ?? agency.parent.name})`}:{' '}
                {plural(agency.count, 'contract', 'contracts')}
                {agency.obligated.length > 0 && (
                  <>
                    ,{' '}
                    <Money amounts={agency.obligated} leftOut={{ count: agency.obligatedUnknown, what: 'obligated' }} />
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {contracts.byAgency.length > AGENCIES_SHOWN && (
          <p className="text-sm text-stone-700">
            And {plural(contracts.byAgency.length - AGENCIES_SHOWN, 'more agency', 'more agencies')}: each contract
            names its own in <a href={contractsAddress}>the list of all {contracts.count.toLocaleString('en-US')}</a>.
          </p>
        )}
        {contracts.byAgency.some((agency) => agency.parent) && (
          <p className="mt-1 text-sm text-stone-700">
            A contract counts for the agency that awarded it and for its awarding sub-agency.
          </p>
        )}
      </div>
      <div className="rounded border border-stone-300 bg-white p-4">
        <h3 className="font-semibold">Employee actions</h3>
        <p className="text-2xl font-bold tabular-nums">{actions.count.toLocaleString('en-US')}</p>
        {actions.count > 0 && (
          <p className="text-sm text-stone-700">
            {actions.onContracts === 0
              ? contracts.count === 0
                ? `No government contract of the company is on record for ${actions.count === 1 ? 'it' : 'them'} to be tied to.`
                : actions.count === 1
                  ? 'Not tied to one of its government contracts.'
                  : 'None tied to one of its government contracts.'
              : actions.count === 1
                ? 'Tied to one of its government contracts.'
                : `${actions.onContracts.toLocaleString('en-US')} of them tied to its government contracts.`}
          </p>
        )}
        {actions.withParticipants > 0 && (
          // A floor, not a count: ranges are summed at their low end, actions without a number add nothing.
          // A vague count ("hundreds") has the number its record gives it (the data set's own figure).
          <p className="text-sm text-stone-700">
            At least {actions.participantsLow.toLocaleString('en-US')}{' '}
            {actions.participantsLow === 1 ? 'participant' : 'participants'} in the{' '}
            {actions.withParticipants === 1
              ? 'one action that gives'
              : `${actions.withParticipants.toLocaleString('en-US')} actions that give`}{' '}
            a number: the sum of the numbers on record, a range counted at its low end, a vague count (“hundreds”) at
            the number its record gives it.
            {actions.withHighestOnly > 0 &&
              ` ${actions.withHighestOnly === 1 ? 'One action gives' : `${actions.withHighestOnly.toLocaleString('en-US')} actions give`} only a highest number (such as “nearly 5,000” or “up to 1,000”) and ${actions.withHighestOnly === 1 ? 'adds' : 'add'} nothing.`}
          </p>
        )}
        {actions.byForm.length > 0 && (
          <p className="mt-2 text-sm">{actions.byForm.map((form) => `${form.label}: ${form.count}`).join(' · ')}</p>
        )}
      </div>
      <div className="rounded border border-stone-300 bg-white p-4">
        <h3 className="font-semibold">What pressure achieved</h3>
        <p className="text-sm">{outcomesSentence(actions.count, actions.outcomes)}</p>
        {contracts.endedAfterActions.length > 0 && (
          <ul className="mt-2 text-sm">
            {contracts.endedAfterActions.map((contract) => (
              <li key={contract.id}>
                <a href={`/contracts/${contract.id}`}>{contract.title}</a>: {endedAfterActionsText(contract)}
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
                <Money
                  amounts={group.amounts}
                  none="amounts undisclosed"
                  leftOut={{ count: group.amountUnknown, what: 'donations' }}
                />
                )
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
          {figures.lastActivity ? (
            <PreciseDate date={figures.lastActivity.date} precision={figures.lastActivity.precision} />
          ) : contracts.count + actions.count + statements.count + donations.byResponse.length === 0 ? (
            'nothing on record yet'
          ) : (
            // Records on file, none of them dated (a contract without an award date, say).
            'no date on record'
          )}
        </p>
      </div>
    </div>
  );
}
