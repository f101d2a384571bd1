import { describe, expect, it } from 'vitest';
import { currencyInput, organizationSchema } from '@/lib/validation/records';

describe('a record form’s inputs', () => {
  it('read UK as GB, and refuse a code that names no country', () => {
    const country = organizationSchema.shape.country;
    expect(country.parse(' uk ')).toBe('GB');
    for (const code of ['EU', 'UN', 'EZ', 'QO']) {
      expect(country.safeParse(code).error?.issues[0]?.message, code).toBe(
        'Use the two-letter code of a country, such as US.',
      );
    }
  });

  it('say one thing of one mistake in a currency', () => {
    expect(currencyInput.safeParse('dollars').error?.issues.map((issue) => issue.message)).toEqual([
      'Use a three-letter currency code such as USD.',
    ]);
    expect(currencyInput.safeParse('xyz').error?.issues.map((issue) => issue.message)).toEqual([
      'XYZ is not a currency code: use one such as USD, EUR or GBP.',
    ]);
    expect(currencyInput.parse(' eur ')).toBe('EUR');
  });

  it('say of a website with a space that an address holds none, without the sources’ advice of one a line', () => {
    const website = organizationSchema.shape.website;
    expect(website.safeParse('not a url').error?.issues.map((issue) => issue.message)).toEqual([
      'Website: it holds a space, which a web address cannot.',
    ]);
    expect(website.parse(' https://www.raicestexas.org/ ')).toBe('https://www.raicestexas.org');
  });
});

describe('a donation response’s amount', () => {
  it('given wrong beside "not disclosed", is refused for both at once', async () => {
    const { donationResponseSchema } = await import('@/lib/validation/records');
    const result = donationResponseSchema.safeParse({
      company: { name: 'Salesforce' },
      organization: null,
      response: 'REJECTED',
      date: '2018-07',
      amount: '$250,000',
      amountUndisclosed: true,
      sources: [{ url: 'https://example.org/a' }],
    });
    expect(result.error?.issues.filter((issue) => issue.path[0] === 'amount').map((issue) => issue.message)).toEqual([
      'Write the amount as a positive number such as 250000 or 250000.50.',
      'Leave the amount empty when it was not disclosed.',
    ]);
  });
});
