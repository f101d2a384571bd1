import { describe, expect, it } from 'vitest';
import {
  currencyInput,
  employeeActionSchema,
  organizationSchema,
  sourceInput,
  statementSchema,
} from '@/lib/validation/records';

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

  it('ask for contracts one a line only where a form takes several', () => {
    expect(statementSchema.shape.contractId.safeParse('nope').error?.issues.map((issue) => issue.message)).toEqual([
      '“nope” is no contract on record: give a contract’s address on this site.',
    ]);
    expect(
      employeeActionSchema.shape.contractIds.safeParse(['nope']).error?.issues.map((issue) => issue.message),
    ).toEqual(['“nope” is no contract on record: give a contract’s address on this site, one a line.']);
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

  it('read a website written without its https:// as its https address, and nothing else that lacks it', () => {
    const website = organizationSchema.shape.website;
    expect(website.parse('www.defense.gouv.fr')).toBe('https://www.defense.gouv.fr');
    expect(website.parse('dhs.gov/ice')).toBe('https://dhs.gov/ice');
    // Not a site's name: refused as before, never made into an address.
    for (const typed of ['javascript:alert(1)', 'localhost', 'defense', '-bad-.org', 'data:text/html,x']) {
      expect(website.safeParse(typed).success, typed).toBe(false);
    }
  });

  it('read a source written without its https:// as the website is read, and nothing else that lacks it', () => {
    expect(sourceInput.parse({ url: 'www.example.com/news/walkout' })).toEqual({
      url: 'https://www.example.com/news/walkout',
    });
    expect(sourceInput.parse({ url: 'example.gov/report?id=4' })).toEqual({ url: 'https://example.gov/report?id=4' });
    expect(sourceInput.parse({ url: 'www.example.com' })).toEqual({ url: 'https://www.example.com' });
    // A file's name or an abbreviation is no address: without "www." or a path, refused as before.
    for (const typed of [
      'javascript:alert(1)',
      'localhost/news',
      'a walkout',
      '-bad-.org',
      'data:text/html,x',
      'report.pdf',
      'U.S.Army',
      'example.gov',
    ]) {
      expect(sourceInput.safeParse({ url: typed }).success, typed).toBe(false);
    }
  });
});

describe('a donation response’s amount', () => {
  /** A donation response's form for a company on record, with these fields. */
  const donation = async (fields: Record<string, unknown>) =>
    (await import('@/lib/validation/records')).donationResponseSchema.safeParse({
      company: { id: 'cabcdefghijabcdefghijabcd' },
      organization: null,
      response: 'REJECTED',
      sources: [{ url: 'https://example.org/a' }],
      ...fields,
    });

  it('given wrong beside "not disclosed", is refused for both at once', async () => {
    const result = await donation({ date: '2018-07', amount: '250,000.505', amountUndisclosed: true });
    expect(result.error?.issues.filter((issue) => issue.path[0] === 'amount').map((issue) => issue.message)).toEqual([
      'Give the amount to the cent: at most two digits after the point.',
      'Leave the amount empty when it was not disclosed.',
    ]);
  });

  it('written with its currency sign, says to leave the sign out, and a quote without its speaker is said at once', async () => {
    const result = await donation({
      date: '2018-07-19',
      amount: '$250,000',
      quote: 'We refuse.',
      quoteAttribution: '',
    });
    expect(result.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      [
        'amount',
        'Write the amount without its currency sign, such as 250000 or 250000.50: its code goes in the Currency field (USD).',
      ],
      ['quoteAttribution', 'Say who said it.'],
    ]);
  });
});

describe('an amount as typed', () => {
  it('reads a comma only between thousands, never as a decimal comma dropped (2,50 is not 250)', async () => {
    const { amountInput } = await import('@/lib/validation/records');
    const read = (typed: string) => {
      const result = amountInput.safeParse(typed);
      return result.success ? result.data : result.error.issues.map((issue) => issue.message);
    };
    expect(read('250,000')).toBe('250000');
    expect(read('1,000,000.50')).toBe('1000000.50');
    expect(read(' 250 000 ')).toBe('250000');
    expect(read('2.50')).toBe('2.50');
    expect(read('')).toBeNull();
    const comma = ['Write the cents after a point, such as 2.50, and a comma only between thousands, such as 250,000.'];
    for (const typed of [
      '2,50',
      '1,5',
      '1,2,3',
      '1,000,00',
      '250000,50',
      '1.000,50',
      ',5',
      '12,3456',
      '0,500',
      '00,500',
    ])
      expect(read(typed), typed).toEqual(comma);
    expect(read('€2,50')).toEqual([
      'Write the amount without its currency sign, such as 250000 or 250000.50: its code goes in the Currency field (USD).',
    ]);
    // Without a comma, nothing is said of commas.
    for (const typed of ['-5', '.5', '5.', '1.000.000'])
      expect(read(typed), typed).toEqual(['Write the amount as a positive number such as 250000 or 250000.50.']);
  });
});

describe('a contract’s amounts', () => {
  it('are compared to the cent however many digits they have, once read as amounts', async () => {
    const { contractSchema, amountsOutOfOrder } = await import('@/lib/validation/records');
    const contract = (obligatedAmount: string, potentialAmount: string) => {
      const parsed = contractSchema.parse({
        company: { id: 'cabcdefghijabcdefghijabcd' },
        agencyId: 'cabcdefghijabcdefghijabcd',
        title: 'A contract',
        obligatedAmount,
        potentialAmount,
        currency: 'USD',
        sources: [{ url: 'https://example.org/a' }],
      });
      return amountsOutOfOrder(parsed.obligatedAmount, parsed.potentialAmount);
    };
    const refused = 'The potential value cannot be below the obligated amount.';
    // Both 1e16 as floating-point numbers.
    expect(contract('9999999999999999.99', '9999999999999999.98')).toBe(refused);
    expect(contract('9999999999999999.98', '9999999999999999.99')).toBeNull();
    expect(contract('100.5', '100.50')).toBeNull();
    expect(contract('0100.51', '100.5')).toBe(refused);
    // A form's raw text (checked beside its other fields' messages) is read as the form reads it;
    // one the form refuses is not compared.
    expect(amountsOutOfOrder('1,000,000', '5')).toBe(refused);
    expect(amountsOutOfOrder('$1,000', '5')).toBeNull();
    expect(amountsOutOfOrder(null, '5')).toBeNull();
  });
});

describe('a contract’s status date', () => {
  it('is refused before the award, compared as precisely as the less precise of the two is known', async () => {
    const { contractSchema, fieldErrors } = await import('@/lib/validation/records');
    const problems = (awardDate: string, statusSince: string, title = 'A contract') => {
      const parsed = contractSchema.safeParse({
        company: { id: 'cabcdefghijabcdefghijabcd' },
        agencyId: 'cabcdefghijabcdefghijabcd',
        title,
        obligatedAmount: '',
        potentialAmount: '',
        currency: 'USD',
        awardDate,
        contractStatus: 'COMPLETED',
        statusSince,
        sources: [{ url: 'https://example.org/a' }],
      });
      return parsed.success ? {} : fieldErrors(parsed.error);
    };
    expect(problems('2019-05', '2017')).toEqual({
      statusSince: ['The status cannot have taken effect before the award (May 2019): check both dates.'],
    });
    expect(problems('2019-05-10', '2019-05-09').statusSince).toHaveLength(1);
    // The same month, the same year: not before, as far as is known.
    expect(problems('2019-05-10', '2019-05')).toEqual({});
    expect(problems('2019-05', '2019')).toEqual({});
    expect(problems('2019-05', '2021-02-01')).toEqual({});
    // Said beside another field's problem, not instead of it; a date that cannot be read is not compared.
    expect(Object.keys(problems('2019-05', '2018', '')).sort()).toEqual(['statusSince', 'title']);
    expect(Object.keys(problems('2019-13', '2018'))).toEqual(['awardDate']);
  });
});

describe('a contract’s status and amounts, as its currency counts them', () => {
  const problems = async (fields: Record<string, unknown>) => {
    const { contractSchema, fieldErrors } = await import('@/lib/validation/records');
    const parsed = contractSchema.safeParse({
      company: { id: 'cabcdefghijabcdefghijabcd' },
      agencyId: 'cabcdefghijabcdefghijabcd',
      title: 'A contract',
      obligatedAmount: '',
      potentialAmount: '',
      currency: 'USD',
      awardDate: '2019',
      contractStatus: 'ACTIVE',
      sources: [{ url: 'https://example.org/a' }],
      ...fields,
    });
    return parsed.success ? {} : fieldErrors(parsed.error);
  };

  it('refuses a date for a status not known', async () => {
    expect(await problems({ contractStatus: 'UNKNOWN', statusSince: '2020-02' })).toEqual({
      statusSince: ['A status not known has no date it took effect: choose the status, or leave this date empty.'],
    });
    expect(await problems({ contractStatus: 'UNKNOWN', statusSince: null })).toEqual({});
    expect(await problems({ contractStatus: 'ACTIVE', statusSince: '2020-02' })).toEqual({});
  });

  it('refuses cents in a currency without them, and keeps them in one with them', async () => {
    expect(await problems({ obligatedAmount: '100.50', potentialAmount: '200.5', currency: 'JPY' })).toEqual({
      obligatedAmount: ['The Japanese Yen (JPY) has no smaller unit: give the amount as a whole number.'],
      potentialAmount: ['The Japanese Yen (JPY) has no smaller unit: give the amount as a whole number.'],
    });
    // Zeros after the point are no finer than the unit; dollars and euros have cents.
    expect(await problems({ obligatedAmount: '100.00', currency: 'JPY' })).toEqual({});
    expect(await problems({ obligatedAmount: '100.50', currency: 'EUR' })).toEqual({});
    // A code that is none is said once, not judged again.
    expect(Object.keys(await problems({ obligatedAmount: '100.50', currency: 'XYZ' }))).toEqual(['currency']);
    const { donationResponseSchema, fieldErrors } = await import('@/lib/validation/records');
    const donation = donationResponseSchema.safeParse({
      company: { id: 'cabcdefghijabcdefghijabcd' },
      organization: null,
      response: 'REJECTED',
      date: '2019',
      amount: '5000.5',
      currency: 'KRW',
      sources: [{ url: 'https://example.org/a' }],
    });
    expect(donation.success ? {} : fieldErrors(donation.error)).toEqual({
      amount: ['The South Korean Won (KRW) has no smaller unit: give the amount as a whole number.'],
    });
  });
});

describe('a company’s ticker', () => {
  it('is written as exchanges write it', async () => {
    const { companySchema } = await import('@/lib/validation/records');
    expect(companySchema.shape.ticker.parse(' crm ')).toBe('CRM');
    expect(companySchema.shape.ticker.parse('')).toBeNull();
  });
});
