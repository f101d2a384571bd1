import type { DatePrecision } from './generated/prisma/enums';

export interface PreciseDate {
  /** The first day of the period, at midnight UTC. */
  date: Date;
  precision: DatePrecision;
}

/**
 * Whether day `a` ("2019-05-09") is before day `b` as precisely as the less precise of the two is
 * known: 2019-05-10 at DAY is not before 2019-05 at MONTH, 2017 is before 2019-05.
 */
export function beforeAsKnown(
  a: { date: string; precision: DatePrecision },
  b: { date: string; precision: DatePrecision },
): boolean {
  const digits = { YEAR: 4, MONTH: 7, DAY: 10 } as const;
  const known = Math.min(digits[a.precision], digits[b.precision]);
  return a.date.slice(0, known) < b.date.slice(0, known);
}

/**
 * Reads "2018-06-25", "2018/06/25", "2018-06" or "2018" into a date with its precision.
 * Returns null for anything else, including impossible dates such as 2019-02-30.
 */
export function parsePreciseDate(text: string): PreciseDate | null {
  const match = /^(\d{4})(?:[-/](\d{2})(?:[-/](\d{2}))?)?$/.exec(text.trim());
  if (!match) return null;
  const [, y, m, d] = match;
  const year = Number(y);
  const month = m === undefined ? 1 : Number(m);
  const day = d === undefined ? 1 : Number(d);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const precision: DatePrecision = d !== undefined ? 'DAY' : m !== undefined ? 'MONTH' : 'YEAR';
  return { date, precision };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A date as sources print it, with its month's name: "19 July 2018", "July 19, 2018", "July 2018",
 * "Jul 2018", "19th July 2018". Null for anything else (numbers alone are read by parsePreciseDate:
 * 07/06/2018 is a different day on either side of the Atlantic, so it is not guessed at).
 */
export function parseWrittenDate(text: string): PreciseDate | null {
  const iso = writtenDateIso(text);
  return iso ? parsePreciseDate(iso) : null;
}

/** A date written with its month by name, as the form of 2018-06-25 it says, on the calendar or not ("30 February 2019" is 2019-02-30). */
export function writtenDateIso(text: string): string | null {
  const month = (name: string) => {
    const found = MONTHS.findIndex((full) => {
      const lower = full.toLowerCase();
      const typed = name.toLowerCase().replace(/\.$/, '');
      return (
        typed === lower || (typed.length >= 3 && lower.startsWith(typed) && (typed.length === 3 || typed === 'sept'))
      );
    });
    return found < 0 ? null : String(found + 1).padStart(2, '0');
  };
  const day = (typed: string) => typed.padStart(2, '0');
  const words = text.trim().replace(/\s+/g, ' ');
  const dayFirst = /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+\.?),? (\d{4})$/i.exec(words);
  const monthFirst = /^([a-z]+\.?) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/i.exec(words);
  const monthOnly = /^([a-z]+\.?),? (\d{4})$/i.exec(words);
  const iso = dayFirst
    ? month(dayFirst[2]!) && `${dayFirst[3]}-${month(dayFirst[2]!)}-${day(dayFirst[1]!)}`
    : monthFirst
      ? month(monthFirst[1]!) && `${monthFirst[3]}-${month(monthFirst[1]!)}-${day(monthFirst[2]!)}`
      : monthOnly
        ? month(monthOnly[1]!) && `${monthOnly[2]}-${month(monthOnly[1]!)}`
        : null;
  return iso || null;
}

/** "25 June 2018", "June 2018" or "2018": never more precise than the sources. */
export function formatPreciseDate(date: Date, precision: DatePrecision): string {
  const year = date.getUTCFullYear();
  const month = MONTHS[date.getUTCMonth()];
  if (precision === 'YEAR') return String(year);
  if (precision === 'MONTH') return `${month} ${year}`;
  return `${date.getUTCDate()} ${month} ${year}`;
}

/** The machine-readable form for <time dateTime>: 2018-06-25, 2018-06 or 2018. */
export function isoPreciseDate(date: Date, precision: DatePrecision): string {
  const iso = date.toISOString().slice(0, 10);
  return precision === 'YEAR' ? iso.slice(0, 4) : precision === 'MONTH' ? iso.slice(0, 7) : iso;
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** A moment of the record's own life (a change sent, a revision): "2 December 2026, 00:55 UTC". */
export function formatDateTime(date: Date): string {
  const parts = Object.fromEntries(DATE_TIME.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} UTC`;
}
