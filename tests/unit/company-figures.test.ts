import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CompanyFiguresPanel, outcomesSentence } from '@/components/companies/company-figures';
import type { CompanyFigures } from '@/lib/data/company-figures';
import { ActivityChart } from '@/components/charts/activity-chart';
import { comparisonMeasures, percentText } from '@/lib/compare-measures';

const none = { met: 0, partlyMet: 0, notMet: 0 };

/** A company with nothing on record: each test sets what it reads. */
const NOTHING: CompanyFigures = {
  contracts: {
    count: 0,
    obligated: [],
    potential: [],
    obligatedUnknown: 0,
    potentialUnknown: 0,
    byAgency: [],
    endedAfterActions: [],
  },
  actions: {
    count: 0,
    onContracts: 0,
    byForm: [],
    byIssue: [],
    participantsLow: 0,
    participantsHigh: 0,
    withParticipants: 0,
    withHighestOnly: 0,
    outcomes: { ...none, pending: 0, unknown: 0 },
    first: null,
    last: null,
  },
  donations: { byResponse: [] },
  statements: { count: 0, byKind: [] },
  lastActivity: null,
  years: [],
};

describe('a profile’s figures', () => {
  it('say of how many actions the known outcomes are, in the singular for one', () => {
    expect(outcomesSentence(65, { ...none, met: 1 })).toBe(
      '1 of 65 actions has a known outcome: its demands were met.',
    );
    expect(outcomesSentence(1, { ...none, notMet: 1 })).toBe(
      'Its one action has a known outcome: its demands were not met.',
    );
    expect(outcomesSentence(40, { met: 3, partlyMet: 0, notMet: 1 })).toBe(
      '4 of 40 actions have a known outcome: demands met in 3, not met in 1.',
    );
    expect(outcomesSentence(108, none)).toBe('None of the 108 actions has a known outcome yet.');
    expect(outcomesSentence(1, none)).toBe('Its one action has no known outcome yet.');
    expect(outcomesSentence(0, none)).toBe('No action is on record.');
  });

  it('give participants as a floor, with the donations a company announced as its word', () => {
    const figures: CompanyFigures = {
      ...NOTHING,
      actions: {
        ...NOTHING.actions,
        count: 3,
        onContracts: 1,
        participantsLow: 158_685,
        participantsHigh: 260_000,
        withParticipants: 2,
        outcomes: { ...none, pending: 0, unknown: 3 },
      },
      donations: {
        byResponse: [
          { response: 'DONATED', count: 1, amounts: [{ currency: 'USD', amount: '1000000.00' }], amountUnknown: 0 },
        ],
      },
    };
    const text = renderToStaticMarkup(
      createElement(CompanyFiguresPanel, { figures, contractsAddress: '/contracts?company=x' }),
    ).replace(/<[^>]+>/g, '');
    expect(text).toContain('At least 158,685 participants in the 2 actions that give a number');
    expect(text).toContain(
      'a range counted at its low end, a vague count (“hundreds”) at the number its record gives it',
    );
    expect(text).not.toContain('260,000');
    expect(text).toContain('Donations the company announced: 1 ($1,000,000');
    expect(text).toContain('1 of them tied to its government contracts.');
    // Untied to its contracts; and, with none on record, not said to have any.
    const untied = { ...figures, actions: { ...figures.actions, onContracts: 0 } };
    const untiedText = (contracts: number) =>
      renderToStaticMarkup(
        createElement(CompanyFiguresPanel, {
          figures: { ...untied, contracts: { ...untied.contracts, count: contracts } },
          contractsAddress: '/contracts?company=x',
        }),
      );
    expect(untiedText(2)).toContain('None tied to one of its government contracts.');
    expect(untiedText(0)).toContain('No government contract of the company is on record for them to be tied to.');
    expect(untiedText(0)).not.toContain('None tied to one of its government contracts.');
    // One action is "it", not "them" nor "1 of them".
    const single = (onContracts: number, contracts: number) =>
      renderToStaticMarkup(
        createElement(CompanyFiguresPanel, {
          figures: {
            ...figures,
            actions: { ...figures.actions, count: 1, onContracts },
            contracts: { ...figures.contracts, count: contracts },
          },
          contractsAddress: '/contracts?company=x',
        }),
      );
    expect(single(0, 0)).toContain('No government contract of the company is on record for it to be tied to.');
    expect(single(0, 2)).toContain('Not tied to one of its government contracts.');
    expect(single(1, 2)).toContain('Tied to one of its government contracts.');
    expect(single(1, 2)).not.toContain('of them');
    const one = { ...figures, actions: { ...figures.actions, withParticipants: 1 } };
    expect(
      renderToStaticMarkup(
        createElement(CompanyFiguresPanel, { figures: one, contractsAddress: '/contracts?company=x' }),
      ).replace(/<[^>]+>/g, ''),
    ).toContain('participants in the one action that gives a number');
  });

  it('name the six agencies with the most contracts, and lead to the list of all for the others', () => {
    const agency = (n: number) => ({
      slug: `agency-${n}`,
      name: `Agency ${n}`,
      acronym: null,
      parent: null,
      count: 10 - n,
      obligated: [],
      obligatedUnknown: 0,
    });
    const figures: CompanyFigures = {
      ...NOTHING,
      contracts: { ...NOTHING.contracts, count: 40, byAgency: [1, 2, 3, 4, 5, 6, 7, 8].map(agency) },
    };
    const html = renderToStaticMarkup(
      createElement(CompanyFiguresPanel, { figures, contractsAddress: '/contracts?company=acme&subsidiaries=1' }),
    );
    expect(html).toContain('Agency 6');
    expect(html).not.toContain('Agency 7');
    expect(html.replace(/<[^>]+>/g, '')).toContain(
      'And 2 more agencies: each contract names its own in the list of all 40.',
    );
    expect(html).toContain('href="/contracts?company=acme&amp;subsidiaries=1"');
  });

  it('in a comparison, give the share met in full and say how many more were partly met', () => {
    const figures = (outcomes: typeof none): CompanyFigures => ({
      ...NOTHING,
      actions: {
        ...NOTHING.actions,
        count: 10,
        outcomes: { ...outcomes, pending: 0, unknown: 10 - outcomes.met - outcomes.partlyMet - outcomes.notMet },
      },
    });
    const company = (slug: string, outcomes: typeof none) => ({
      slug,
      name: slug,
      includedSubsidiaries: [],
      figures: figures(outcomes),
    });
    const share = comparisonMeasures(
      [company('a', { met: 1, partlyMet: 2, notMet: 1 }), company('b', { ...none, met: 2 })],
      {
        perYear: false,
      },
    ).find((measure) => measure.label.startsWith('Share of the actions'));
    expect(share?.label).toBe('Share of the actions with a known outcome whose demands were met in full');
    expect(share?.values).toEqual([
      '25% of 4 with a known outcome (of 10 actions); 2 partly met',
      '100% of 2 with a known outcome (of 10 actions)',
    ]);
  });

  it('say beside a sum the records without an amount that it leaves out, on the profile and in a comparison', () => {
    const figures: CompanyFigures = {
      ...NOTHING,
      contracts: {
        ...NOTHING.contracts,
        count: 3,
        obligated: [{ currency: 'USD', amount: '5000000.00' }],
        potential: [{ currency: 'USD', amount: '9000000.00' }],
        obligatedUnknown: 2,
        potentialUnknown: 1,
        byAgency: [
          {
            slug: 'cbp',
            name: 'U.S. Customs and Border Protection',
            acronym: 'CBP',
            parent: null,
            count: 3,
            obligated: [{ currency: 'USD', amount: '5000000.00' }],
            obligatedUnknown: 2,
          },
        ],
      },
      donations: {
        byResponse: [
          { response: 'REJECTED', count: 2, amounts: [{ currency: 'USD', amount: '250000.00' }], amountUnknown: 1 },
          { response: 'RETURNED', count: 1, amounts: [], amountUnknown: 1 },
        ],
      },
    };
    const text = renderToStaticMarkup(
      createElement(CompanyFiguresPanel, { figures, contractsAddress: '/contracts?company=x' }),
    ).replace(/<[^>]+>/g, '');
    expect(text).toContain(
      'Obligated $5,000,000 (2 contracts of unknown value left out) · potential $9,000,000 (1 contract of unknown potential value left out)',
    );
    expect(text).toContain('CBP: 3 contracts, $5,000,000 (2 contracts of unknown value left out)');
    expect(text).toContain('($250,000; 1 without a known amount left out)');
    // Nothing summed, nothing left out of a sum: the amounts are undisclosed.
    expect(text).toContain(': 1 (amounts undisclosed)');

    const measures = comparisonMeasures([{ figures }, { figures: NOTHING }], { perYear: false });
    const row = (label: string) => measures.find((measure) => measure.label === label)?.values;
    expect(row('Obligated value')).toEqual(['$5,000,000 (2 contracts of unknown value left out)', '—']);
    expect(row('Potential value')).toEqual(['$9,000,000 (1 contract of unknown potential value left out)', '—']);
    expect(measures.find((measure) => measure.group === 'Donation responses')?.values[0]).toBe(
      '2 ($250,000; 1 without a known amount left out)',
    );
    // As the profile says them: no amount known at all, not a dash for none on record.
    expect(measures.filter((measure) => measure.group === 'Donation responses')[1]?.values).toEqual([
      '1 (amounts undisclosed)',
      '0',
    ]);
    const unknownOnly = { ...figures, contracts: { ...figures.contracts, obligated: [], obligatedUnknown: 2 } };
    const unknownMeasures = comparisonMeasures([{ figures: unknownOnly }, { figures: NOTHING }], { perYear: false });
    expect(unknownMeasures.find((measure) => measure.label === 'Obligated value')?.values).toEqual(['not known', '—']);
  });

  it('say when a company has nothing on record rather than an unknown date of its last activity', () => {
    const text = (figures: CompanyFigures) =>
      renderToStaticMarkup(
        createElement(CompanyFiguresPanel, { figures, contractsAddress: '/contracts?company=x' }),
      ).replace(/<[^>]+>/g, '');
    expect(text(NOTHING)).toContain('Last activity: nothing on record yet');
    expect(text({ ...NOTHING, contracts: { ...NOTHING.contracts, count: 1 } })).toContain(
      'Last activity: no date on record',
    );
    const dated = { ...NOTHING, lastActivity: { date: new Date('2018-07-01T00:00:00Z'), precision: 'MONTH' as const } };
    expect(text(dated)).toContain('Last activity: July 2018');
  });

  it('never round a share to all or nothing when it is neither', () => {
    expect(percentText(199, 200)).toBe('>99%');
    expect(percentText(200, 200)).toBe('100%');
    expect(percentText(1, 300)).toBe('<1%');
    expect(percentText(0, 300)).toBe('0%');
    expect(percentText(1, 4)).toBe('25%');
    expect(percentText(2, 3)).toBe('67%');
  });

  it('in the chart’s description, say no action is on record rather than inventing one for the axis', () => {
    const html = renderToStaticMarkup(
      createElement(ActivityChart, {
        years: [{ year: 2019, actions: 0, contractValue: 1_000_000 }],
        companyName: 'Acme',
      }),
    );
    expect(html).toContain('employee actions started each year (none on record)');
    expect(html).not.toContain('most: 1)');
    const withActions = renderToStaticMarkup(
      createElement(ActivityChart, { years: [{ year: 2019, actions: 3, contractValue: 0 }], companyName: 'Acme' }),
    );
    expect(withActions).toContain('employee actions started each year (most: 3)');
    expect(withActions).toContain('No contract value in US dollars is on record here');
  });
});
