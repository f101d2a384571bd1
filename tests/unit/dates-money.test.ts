import { describe, expect, it } from 'vitest';
import { formatDateTime, formatPreciseDate, isoPreciseDate, parsePreciseDate } from '@/lib/dates';
import { formatAmount, formatMoney, sumsWithLeftOut } from '@/lib/money';
import { preciseDateInput } from '@/lib/validation/records';

describe('parsePreciseDate', () => {
  it('reads a day, a month or a year with its precision', () => {
    expect(parsePreciseDate('2018/06/25')).toEqual({ date: new Date('2018-06-25T00:00:00Z'), precision: 'DAY' });
    expect(parsePreciseDate('2018-07')).toEqual({ date: new Date('2018-07-01T00:00:00Z'), precision: 'MONTH' });
    expect(parsePreciseDate('2018')).toEqual({ date: new Date('2018-01-01T00:00:00Z'), precision: 'YEAR' });
  });

  it.each(['2019/02/30', '2018/13/01', '2018/00/10', '18/06/25', '2018-6-25', 'June 2018', ''])(
    'refuses %j',
    (text) => {
      expect(parsePreciseDate(text)).toBeNull();
    },
  );

  it('accepts 29 February in a leap year only', () => {
    expect(parsePreciseDate('2020/02/29')).not.toBeNull();
    expect(parsePreciseDate('2019/02/29')).toBeNull();
  });
});

describe('a date as an editor types it', () => {
  const message = (text: string) => preciseDateInput('The date').safeParse(text).error?.issues[0]?.message;
  it('says what is wrong: missing, not on the calendar, or not a date at all', () => {
    expect(message(' ')).toBe(
      'The date is required: write it as 2018-06-25, 2018-06 or 2018 (as precisely as the sources give it).',
    );
    expect(message('2024-02-30')).toBe('The date: 2024-02-30 is not on the calendar (check the month and the day).');
    expect(message('2018-13')).toBe('The date: 2018-13 is not on the calendar (check the month and the day).');
    // Written with its month by name, as the message offers, a day past the month's end is as plain a slip.
    for (const written of ['30 February 2019', 'February 30, 2019', '31 Apr 2019'])
      expect(message(written), written).toBe(
        `The date: ${written} is not on the calendar (check the month and the day).`,
      );
    expect(message('30 Febtober 2019')).toBe(
      'The date: write a date as 2018-06-25, 2018-06 or 2018 (or 25 June 2018, June 2018).',
    );
    expect(message('06/25/2018')).toBe(
      'The date: write a date as 2018-06-25, 2018-06 or 2018 (or 25 June 2018, June 2018).',
    );
    expect(message('2018-06-25')).toBeUndefined();
  });

  it('says of a year before 1900 that the year is wrong, whatever the month and day', () => {
    // The calendar of JavaScript reads the years 0 to 99 as 1900 to 1999: 0019-05-14 was "not on the calendar".
    for (const slip of ['0019-05-14', '0019', '0099-12', '0219', '1899-12-31'])
      expect(message(slip), slip).toBe('The date: the year must be 1900 or later (check it).');
    expect(message('1900-01-01')).toBeUndefined();
  });

  it('reads a date as sources print it, with its month by name, as precisely as it is written', () => {
    const read = (text: string) => preciseDateInput('The date').safeParse(text).data;
    for (const text of ['19 July 2018', '19th July, 2018', 'July 19, 2018', 'Jul 19 2018', 'jul. 19, 2018']) {
      expect(read(text), text).toEqual({ date: '2018-07-19', precision: 'DAY' });
    }
    for (const text of ['June 2018', 'Jun 2018', 'june, 2018']) {
      expect(read(text), text).toEqual({ date: '2018-06-01', precision: 'MONTH' });
    }
    expect(read('Sept 2019')).toEqual({ date: '2019-09-01', precision: 'MONTH' });
    // Not a month, not on the calendar, or numbers alone in an order that differs by country: refused.
    for (const text of ['Juneteenth 2018', '31 June 2018', 'Ju 2018', '07/06/2018', '19 July', 'July']) {
      expect(message(text), text).toBeDefined();
    }
  });
});

describe('formatPreciseDate', () => {
  const date = new Date('2018-07-01T00:00:00Z');
  it('is never more precise than the sources', () => {
    expect(formatPreciseDate(date, 'DAY')).toBe('1 July 2018');
    expect(formatPreciseDate(date, 'MONTH')).toBe('July 2018');
    expect(formatPreciseDate(date, 'YEAR')).toBe('2018');
    expect(isoPreciseDate(date, 'MONTH')).toBe('2018-07');
  });
});

describe('formatMoney', () => {
  it('formats exact decimal strings without floating point', () => {
    expect(formatMoney('250000', 'USD')).toBe('$250,000');
    expect(formatMoney('250000.00', 'USD')).toBe('$250,000');
    expect(formatMoney('1234567890123456.75', 'USD')).toBe('$1,234,567,890,123,456.75');
    expect(formatMoney('0.5', 'EUR')).toBe('€0.50');
    expect(formatMoney('1000', 'CAD')).toBe('1,000 CAD');
  });

  it('writes one amount one way however it was typed (a form may send leading zeros or the cents)', () => {
    expect(formatAmount('0250000.5')).toBe('250,000.50');
    expect(formatAmount('250000.50')).toBe(formatAmount('250000.5'));
    expect(formatAmount('000')).toBe('0');
    expect(formatMoney('0250000', 'USD')).toBe('$250,000');
  });

  it('writes sums in several currencies side by side, never as if added together', () => {
    const sums = [
      { amount: '5000000', currency: 'USD' },
      { amount: '300', currency: 'EUR' },
    ];
    expect(sumsWithLeftOut(sums, 0, 'obligated')).toBe('$5,000,000 and €300');
    expect(sumsWithLeftOut(sums, 2, 'obligated')).toBe('$5,000,000 and €300 (2 contracts of unknown value left out)');
    expect(sumsWithLeftOut(sums.slice(0, 1), 1, 'donations')).toBe('$5,000,000; 1 without a known amount left out');
  });
});

describe('formatDateTime', () => {
  it('writes a moment in words, in UTC, to the minute', () => {
    expect(formatDateTime(new Date('2026-12-02T00:05:59Z'))).toBe('2 December 2026, 00:05 UTC');
    expect(formatDateTime(new Date('2018-06-25T23:30:00Z'))).toBe('25 June 2018, 23:30 UTC');
  });
});
