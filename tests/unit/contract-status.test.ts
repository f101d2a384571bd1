import { describe, expect, it } from 'vitest';
import {
  contractStatusText,
  endedAfterActionsText,
  newestSourceDate,
  type ContractStatusFacts,
} from '@/lib/contract-status';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const TODAY = day('2026-03-10');

/** A contract with nothing dated but its record's last write; each test adds what it is about. */
const facts = (extra: Partial<ContractStatusFacts>): ContractStatusFacts => ({
  contractStatus: 'ACTIVE',
  statusChangedAt: null,
  statusChangedPrecision: 'DAY',
  statusRecordedAt: null,
  periodEnd: null,
  sources: [],
  updatedAt: new Date('2025-12-02T16:40:00Z'),
  ...extra,
});

describe('contractStatusText', () => {
  it('dates a status an editor set without saying since when by that day, not by an older source', () => {
    const report = { publishedAt: day('2018-07-19'), publishedPrecision: 'DAY' as const };
    expect(
      contractStatusText(
        facts({ contractStatus: 'COMPLETED', statusRecordedAt: day('2026-03-01'), sources: [report] }),
        TODAY,
      ),
    ).toBe('Completed (as recorded 1 March 2026)');
    // When it took effect, if given, says more.
    expect(
      contractStatusText(
        facts({
          contractStatus: 'COMPLETED',
          statusChangedAt: day('2025-01-01'),
          statusChangedPrecision: 'YEAR',
          statusRecordedAt: null,
        }),
        TODAY,
      ),
    ).toBe('Completed in 2025');
  });

  it('dates an undated status by its newest source, at the precision the source gives', () => {
    const report = { publishedAt: day('2018-07-19'), publishedPrecision: 'DAY' as const };
    const older = { publishedAt: day('2018-06-25'), publishedPrecision: 'DAY' as const };
    const undated = { publishedAt: null, publishedPrecision: 'DAY' as const };
    expect(contractStatusText(facts({ sources: [older, report, undated] }), TODAY)).toBe(
      'Active (as reported 19 July 2018)',
    );
    expect(
      contractStatusText(
        facts({
          contractStatus: 'NOT_RENEWED',
          sources: [{ publishedAt: day('2018-06-01'), publishedPrecision: 'MONTH' }],
        }),
        TODAY,
      ),
    ).toBe('Not renewed (as reported in June 2018)');
    expect(
      contractStatusText(facts({ sources: [{ publishedAt: day('2019-01-01'), publishedPrecision: 'YEAR' }] }), TODAY),
    ).toBe('Active (as reported in 2019)');
  });

  it('says "since" for an active status whose start is on record, and when for an ended one', () => {
    const source = { publishedAt: day('2018-07-19'), publishedPrecision: 'DAY' as const };
    expect(contractStatusText(facts({ statusChangedAt: day('2019-05-03'), sources: [source] }), TODAY)).toBe(
      'Active since 3 May 2019',
    );
    expect(
      contractStatusText(
        facts({ contractStatus: 'CANCELLED', statusChangedAt: day('2019-05-01'), statusChangedPrecision: 'MONTH' }),
        TODAY,
      ),
    ).toBe('Cancelled in May 2019');
    expect(contractStatusText(facts({ contractStatus: 'COMPLETED', statusChangedAt: day('2020-08-31') }), TODAY)).toBe(
      'Completed 31 August 2020',
    );
  });

  it('does not call a contract active once its period of performance has ended', () => {
    const source = { publishedAt: day('2018-07-19'), publishedPrecision: 'DAY' as const };
    expect(contractStatusText(facts({ periodEnd: day('2019-04-30'), sources: [source] }), TODAY)).toBe(
      'Period ended 30 April 2019 (recorded as active)',
    );
    // Even when the day it became active is on record.
    expect(contractStatusText(facts({ periodEnd: day('2026-03-09'), statusChangedAt: day('2024-01-01') }), TODAY)).toBe(
      'Period ended 9 March 2026 (recorded as active)',
    );
    // The last day of the period still counts as running.
    expect(contractStatusText(facts({ periodEnd: day('2026-03-10') }), TODAY)).toBe(
      'Active (period ends 10 March 2026)',
    );
  });

  it('dates an imported status, judged from the period, by that period', () => {
    expect(contractStatusText(facts({ periodEnd: day('2027-09-30') }), TODAY)).toBe(
      'Active (period ends 30 September 2027)',
    );
    expect(contractStatusText(facts({ contractStatus: 'COMPLETED', periodEnd: day('2021-09-30') }), TODAY)).toBe(
      'Completed (period ended 30 September 2021)',
    );
  });

  it('falls back on the day the record was last written, and leaves an unknown status undated', () => {
    expect(contractStatusText(facts({}), TODAY)).toBe('Active (as recorded 2 December 2025)');
    expect(contractStatusText(facts({ contractStatus: 'CANCELLED' }), TODAY)).toBe(
      'Cancelled (as recorded 2 December 2025)',
    );
    expect(contractStatusText(facts({ contractStatus: 'UNKNOWN', periodEnd: day('2019-04-30') }), TODAY)).toBe(
      'Unknown',
    );
  });
});

describe('newestSourceDate', () => {
  it('takes the latest date, and the more precise of two starting the same day', () => {
    expect(
      newestSourceDate([
        { publishedAt: day('2018-07-01'), publishedPrecision: 'MONTH' },
        { publishedAt: day('2018-07-01'), publishedPrecision: 'DAY' },
        { publishedAt: day('2018-01-01'), publishedPrecision: 'YEAR' },
      ]),
    ).toEqual({ date: day('2018-07-01'), precision: 'DAY' });
    expect(newestSourceDate([{ publishedAt: null, publishedPrecision: 'DAY' }])).toBeNull();
  });
});

describe('endedAfterActionsText', () => {
  const contract = (extra: Partial<Parameters<typeof endedAfterActionsText>[0]>) =>
    endedAfterActionsText({
      id: 'k',
      title: 'A contract',
      status: 'NOT_RENEWED',
      changedAt: null,
      changedPrecision: 'DAY',
      firstActionAt: day('2018-04-17'),
      firstActionPrecision: 'DAY',
      ...extra,
    });

  it('counts the days between when both days are known', () => {
    expect(contract({ changedAt: day('2018-06-01') })).toBe(
      'not renewed on 1 June 2018, 45 days after the first action against it (17 April 2018)',
    );
    expect(contract({ status: 'CANCELLED', changedAt: day('2018-04-18') })).toBe(
      'cancelled on 18 April 2018, 1 day after the first action against it (17 April 2018)',
    );
    expect(contract({ changedAt: day('2018-04-17') })).toBe(
      'not renewed on 17 April 2018, the day of the first action against it (17 April 2018)',
    );
  });

  it('counts no days from a month or a year, and says no order the record cannot tell', () => {
    expect(
      contract({
        changedAt: day('2019-01-01'),
        changedPrecision: 'YEAR',
        firstActionAt: day('2018-03-01'),
        firstActionPrecision: 'MONTH',
      }),
    ).toBe('not renewed in 2019, after actions against it starting in March 2018');
    expect(
      contract({ changedAt: day('2018-06-01'), firstActionPrecision: 'YEAR', firstActionAt: day('2018-01-01') }),
    ).toBe('not renewed on 1 June 2018; actions against it began in 2018');
    expect(
      contract({ changedAt: day('2019-01-01'), firstActionPrecision: 'YEAR', firstActionAt: day('2018-01-01') }),
    ).toBe('not renewed on 1 January 2019, after actions against it starting in 2018');
    expect(
      contract({
        changedAt: day('2018-01-01'),
        changedPrecision: 'YEAR',
        firstActionAt: day('2018-03-01'),
        firstActionPrecision: 'MONTH',
      }),
    ).toBe('not renewed in 2018; actions against it began in March 2018');
    expect(contract({ changedAt: null, firstActionAt: day('2018-01-01'), firstActionPrecision: 'YEAR' })).toBe(
      'not renewed (when is not on record); actions against it began in 2018',
    );
    expect(contract({ changedAt: null })).toBe(
      'not renewed (when is not on record); actions against it began on 17 April 2018',
    );
  });
});
