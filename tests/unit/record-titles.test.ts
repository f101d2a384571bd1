import { describe, expect, it } from 'vitest';
import { contractTitle } from '@/lib/record-titles';

describe('a contract’s title', () => {
  const contract = { company: { name: 'Palantir' }, title: 'Software licenses', awardDatePrecision: 'DAY' as const };

  it('names its company, and when it was awarded as precisely as that is known', () => {
    expect(contractTitle({ ...contract, awardDate: new Date('2019-08-21T00:00:00Z') })).toBe(
      'Palantir: Software licenses (awarded 21 August 2019)',
    );
    expect(
      contractTitle({ ...contract, awardDate: new Date('2019-03-01T00:00:00Z'), awardDatePrecision: 'MONTH' }),
    ).toBe('Palantir: Software licenses (awarded March 2019)');
  });

  it('says nothing of an award date the sources do not give', () => {
    expect(contractTitle({ ...contract, awardDate: null })).toBe('Palantir: Software licenses');
  });
});
