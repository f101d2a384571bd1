import type { CompanyFigures, MoneyByCurrency } from './data/company-figures';
import { csvRow } from './api/csv';
import { endedAfterActionsText } from './contract-status';
import { DONATION_RESPONSE_GROUP_LABEL, STATEMENT_KIND_LABEL } from './labels';
import { formatMoney, sumsWithLeftOut, usDollarsFirst, type Summed } from './money';
import { plural } from './text';

/** What a measure's number is counted in (the CSV's `unit`). */
export type MeasureUnit = 'count' | 'count per year' | 'USD' | 'USD per year' | 'share' | 'year';

/** One row of a comparison: a measure, its value for each company, and the number behind it for highlighting. */
export interface Measure {
  group: string;
  label: string;
  /** What the CSV's `value` is counted in: actions or records, US dollars, a share from 0 to 1, a year. */
  unit: MeasureUnit;
  values: string[];
  /** Comparable numbers (null where there is none); the largest is highlighted. */
  numbers: (number | null)[];
  /** The value as data where it is not a number to compare (a year); the CSV's `value` otherwise takes `numbers`. */
  data?: (string | null)[];
  /** For a share: the count it is a share of (the CSV's `base`); a share of fewer than MIN_SHARE_BASE is never bold. */
  bases?: (number | null)[];
  /** For a sum: whether it leaves out records of unknown amount, so that the whole may be more than it says. */
  partial?: boolean[];
  /**
   * For a sum of money: its sums in every currency (US dollars first), each a row of the CSV with
   * the currency as its unit; `numbers` and `data` hold the US dollars alone, which are compared.
   */
  sums?: MoneyByCurrency[];
}

/**
 * The fewest actions with a known outcome a share of met demands must rest on to be highlighted:
 * most actions' outcomes are not known, and "100%" of one or two says little against a share of dozens.
 */
export const MIN_SHARE_BASE = 10;

/**
 * Which of a row's values are in bold: the largest, where at least two companies have a number and
 * they differ. A share whose base is under MIN_SHARE_BASE takes no part. A sum is the largest only
 * where no other company's sum leaves records of unknown amount out: $4 million against $1.25
 * million and two contracts of unknown value is not known to be the larger.
 */
export function boldValues(measure: Pick<Measure, 'numbers' | 'bases' | 'partial'>): boolean[] {
  const counts = (index: number) =>
    measure.numbers[index] !== null && (!measure.bases || (measure.bases[index] ?? 0) >= MIN_SHARE_BASE);
  const numbers = measure.numbers.filter((value, index): value is number => counts(index));
  if (numbers.length < 2 || new Set(numbers).size < 2) return measure.numbers.map(() => false);
  const max = Math.max(...numbers);
  const othersKnown = (index: number) => !measure.partial?.some((partial, other) => partial && other !== index);
  return measure.numbers.map((value, index) => counts(index) && value === max && othersKnown(index));
}

/**
 * Sums per currency, and the records without an amount that they leave out, said beside them;
 * `none` when every amount is unknown (as the profile says it); "—" for none at all.
 */
const money = (amounts: MoneyByCurrency, leftOut = 0, what: Summed = 'obligated', none = 'not known') =>
  amounts.length > 0 ? sumsWithLeftOut(amounts, leftOut, what) : leftOut > 0 ? none : '—';

/**
 * A share in whole percents that never rounds to all or nothing when it is neither: 199 of 200 is
 * ">99%", not "100%"; 1 of 300 is "<1%", not "0%".
 */
export function percentText(part: number, whole: number): string {
  const rounded = Math.round((100 * part) / whole);
  if (rounded === 100 && part < whole) return '>99%';
  if (rounded === 0 && part > 0) return '<1%';
  return `${rounded}%`;
}
/** The amount in US dollars, exact (the database's decimal, as the API gives it); null when there is none. */
const usdText = (amounts: MoneyByCurrency) => amounts.find((amount) => amount.currency === 'USD')?.amount ?? null;
/** The same as a number, to compare (and highlight the largest). */
const usd = (amounts: MoneyByCurrency) => {
  const found = usdText(amounts);
  return found === null ? null : Number(found);
};
const year = (date: Date | null) => (date ? String(date.getUTCFullYear()) : '—');
export const MAX_AGENCY_ROWS = 10;

/**
 * The names of the companies with contract value in a currency other than US dollars, which the
 * comparison's chart of value per year (in US dollars) leaves out and says so.
 */
export const valuedInOtherCurrencies = (companies: { name: string; figures: CompanyFigures }[]): string[] =>
  companies
    .filter(({ figures }) => figures.contracts.obligated.some((amount) => amount.currency !== 'USD'))
    .map((company) => company.name);

/** Years from the first to the last recorded action, inclusive: the span per-year figures divide by. */
export function activeYears(figures: CompanyFigures): number | null {
  const { first, last } = figures.actions;
  return first && last ? last.getUTCFullYear() - first.getUTCFullYear() + 1 : null;
}

/** Years from the first to the last year with contract value awarded (USD), inclusive; null when there is none. */
export function contractYears(figures: CompanyFigures): number | null {
  const awarded = figures.years.filter((row) => row.contractValue !== 0).map((row) => row.year);
  return awarded.length ? Math.max(...awarded) - Math.min(...awarded) + 1 : null;
}

/**
 * The measures compared, in display order, with exact values as text (money from its decimal
 * strings). Used by the page and the CSV download, so both say the same thing.
 */
export function comparisonMeasures(list: { figures: CompanyFigures }[], { perYear }: { perYear: boolean }): Measure[] {
  const rows: Measure[] = [];
  const add = (
    group: string,
    label: string,
    unit: MeasureUnit,
    values: string[],
    numbers: (number | null)[],
    { data, bases, partial, sums }: Pick<Measure, 'data' | 'bases' | 'partial' | 'sums'> = {},
  ) =>
    rows.push({
      group,
      label,
      unit,
      values,
      numbers,
      ...(data && { data }),
      ...(bases && { bases }),
      ...(partial && { partial }),
      ...(sums && { sums }),
    });
  const all = list.map((item) => item.figures);
  const countRow = (group: string, label: string, pick: (figures: CompanyFigures) => number) =>
    add(
      group,
      label,
      'count',
      all.map((figures) => pick(figures).toLocaleString('en-US')),
      all.map(pick),
    );

  countRow('Contracts', 'Government contracts', (figures) => figures.contracts.count);
  add(
    'Contracts',
    'Obligated value',
    'USD',
    all.map((figures) => money(figures.contracts.obligated, figures.contracts.obligatedUnknown)),
    all.map((figures) => usd(figures.contracts.obligated)),
    {
      data: all.map((figures) => usdText(figures.contracts.obligated)),
      partial: all.map((figures) => figures.contracts.obligatedUnknown > 0),
      sums: all.map((figures) => figures.contracts.obligated),
    },
  );
  add(
    'Contracts',
    'Potential value',
    'USD',
    all.map((figures) => money(figures.contracts.potential, figures.contracts.potentialUnknown, 'potential')),
    all.map((figures) => usd(figures.contracts.potential)),
    {
      data: all.map((figures) => usdText(figures.contracts.potential)),
      partial: all.map((figures) => figures.contracts.potentialUnknown > 0),
      sums: all.map((figures) => figures.contracts.potential),
    },
  );
  if (perYear) {
    // A decade of contracts against one year's: the yearly rate says which company the government pays more.
    const yearly = (figures: CompanyFigures) => {
      const span = contractYears(figures);
      return span ? figures.years.reduce((sum, row) => sum + row.contractValue, 0) / span : null;
    };
    add(
      'Contracts',
      'Obligated value per year of contracts (USD, contracts with an award date)',
      'USD per year',
      all.map((figures) => {
        const value = yearly(figures);
        return value === null ? '—' : formatMoney(value.toFixed(2), 'USD');
      }),
      all.map(yearly),
      // To the cent, as the values it averages are written (a float's 100.49999… is not data).
      {
        data: all.map((figures) => yearly(figures)?.toFixed(2) ?? null),
        partial: all.map((figures) => figures.contracts.obligatedUnknown > 0),
      },
    );
  }
  // The agencies with the most contracts among the companies compared (a long tail of agencies
  // with one contract each would bury the rest of the table).
  const agencyTotals = new Map<string, number>();
  for (const agency of all.flatMap((figures) => figures.contracts.byAgency)) {
    agencyTotals.set(agency.slug, (agencyTotals.get(agency.slug) ?? 0) + agency.count);
  }
  const topAgencies = [...agencyTotals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_AGENCY_ROWS)
    .map(([slug]) => slug);
  for (const slug of topAgencies) {
    const label = all.flatMap((figures) => figures.contracts.byAgency).find((agency) => agency.slug === slug);
    // A sub-agency's row names its department: its contracts are counted in the department's row too.
    const parent = label?.parent && ` (${label.parent.acronym ?? label.parent.name})`;
    countRow(
      'Contracts',
      `Contracts with ${label?.acronym ?? label?.name ?? slug}${parent ?? ''}`,
      (figures) => figures.contracts.byAgency.find((agency) => agency.slug === slug)?.count ?? 0,
    );
  }

  countRow('Employee actions', 'Employee actions', (figures) => figures.actions.count);
  countRow('Employee actions', 'Tied to its government contracts', (figures) => figures.actions.onContracts);
  if (perYear) {
    add(
      'Employee actions',
      // Every year from the first action to the latest, years without one among them: not per year with actions.
      'Actions per year, from the first action to the latest',
      'count per year',
      all.map((figures) => {
        const span = activeYears(figures);
        return span ? (figures.actions.count / span).toFixed(1) : '—';
      }),
      all.map((figures) => {
        const span = activeYears(figures);
        return span ? figures.actions.count / span : null;
      }),
      // The file's figure to the hundredth, as money per year is to the cent (not 7.222222222222222).
      {
        data: all.map((figures) => {
          const span = activeYears(figures);
          return span ? (figures.actions.count / span).toFixed(2) : null;
        }),
      },
    );
  }
  // The sum of the numbers the sources give, each range or vague count ("hundreds of thousands")
  // at its low end, and nothing for the actions that give none: a floor, not a count.
  add(
    'Employee actions',
    'Participants, at least (the sum of the numbers reported)',
    'count',
    all.map((figures) =>
      figures.actions.withParticipants === 0
        ? '—'
        : `at least ${figures.actions.participantsLow.toLocaleString('en-US')} (${plural(figures.actions.withParticipants, 'action gives', 'actions give')} a number${
            // Those giving only a highest number ("nearly 5,000") add nothing to a floor: said, not dropped unseen.
            figures.actions.withHighestOnly
              ? `; ${figures.actions.withHighestOnly.toLocaleString('en-US')} only a highest, not counted`
              : ''
          })`,
    ),
    all.map((figures) => (figures.actions.withParticipants ? figures.actions.participantsLow : null)),
  );
  add(
    'Employee actions',
    'First action',
    'year',
    all.map((figures) => year(figures.actions.first)),
    all.map(() => null),
    { data: all.map((figures) => figures.actions.first && year(figures.actions.first)) },
  );
  add(
    'Employee actions',
    'Latest action',
    'year',
    all.map((figures) => year(figures.actions.last)),
    all.map(() => null),
    { data: all.map((figures) => figures.actions.last && year(figures.actions.last)) },
  );
  for (const form of uniqueTerms(all.map((figures) => figures.actions.byForm))) {
    countRow(
      'Employee actions by form',
      form.label,
      (figures) => figures.actions.byForm.find((row) => row.slug === form.slug)?.count ?? 0,
    );
  }
  for (const issue of uniqueTerms(all.map((figures) => figures.actions.byIssue))) {
    countRow(
      'Employee actions by issue',
      issue.label,
      (figures) => figures.actions.byIssue.find((row) => row.slug === issue.slug)?.count ?? 0,
    );
  }

  for (const response of unique(all.flatMap((figures) => figures.donations.byResponse.map((row) => row.response)))) {
    const pick = (figures: CompanyFigures) => figures.donations.byResponse.find((row) => row.response === response);
    add(
      'Donation responses',
      DONATION_RESPONSE_GROUP_LABEL[response] ?? response,
      'count',
      all.map((figures) => {
        const row = pick(figures);
        return row
          ? `${row.count} (${money(row.amounts, row.amountUnknown, 'donations', 'amounts undisclosed')})`
          : '0';
      }),
      all.map((figures) => pick(figures)?.count ?? 0),
    );
  }
  countRow('Statements', 'Company statements', (figures) => figures.statements.count);
  for (const kind of unique(all.flatMap((figures) => figures.statements.byKind.map((row) => row.kind)))) {
    countRow(
      'Statements',
      // As the profile counts them: a statement of no other kind is a plain one.
      kind === 'STATEMENT' ? 'Plain statements' : (STATEMENT_KIND_LABEL[kind] ?? kind),
      (figures) => figures.statements.byKind.find((row) => row.kind === kind)?.count ?? 0,
    );
  }

  // Most actions' outcomes are not known: the share is of those whose outcome is, and says how
  // many that is of all, so that "100%" of one action is not read as a record of success.
  const decided = (figures: CompanyFigures) =>
    figures.actions.outcomes.met + figures.actions.outcomes.partlyMet + figures.actions.outcomes.notMet;
  add(
    'What pressure achieved',
    'Share of the actions with a known outcome whose demands were met in full',
    'share',
    all.map((figures) =>
      figures.actions.count === 0
        ? '—'
        : decided(figures) === 0
          ? `No known outcome (of ${plural(figures.actions.count, 'action', 'actions')})`
          : `${percentText(figures.actions.outcomes.met, decided(figures))} of ${decided(figures).toLocaleString('en-US')} with a known outcome (of ${plural(figures.actions.count, 'action', 'actions')})${
              // Partly met is not met in full: said, so the share is not read as all that pressure won.
              figures.actions.outcomes.partlyMet
                ? `; ${figures.actions.outcomes.partlyMet.toLocaleString('en-US')} partly met`
                : ''
            }`,
    ),
    all.map((figures) => (decided(figures) ? figures.actions.outcomes.met / decided(figures) : null)),
    { bases: all.map(decided) },
  );
  add(
    'What pressure achieved',
    // Not "after": a contract whose end is not dated is among them, its value saying so.
    'Contracts cancelled or not renewed that employee actions opposed',
    'count',
    all.map((figures) =>
      figures.contracts.endedAfterActions.length === 0
        ? 'None'
        : figures.contracts.endedAfterActions
            .map((contract) => `${contract.title}: ${endedAfterActionsText(contract)}`)
            .join('; '),
    ),
    // Its values are the contracts, not a number: none is called the largest (the CSV keeps the count).
    all.map(() => null),
    { data: all.map((figures) => String(figures.contracts.endedAfterActions.length)) },
  );
  return rows;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function uniqueTerms(lists: { slug: string; label: string }[][]): { slug: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const list of lists) for (const term of list) if (!seen.has(term.slug)) seen.set(term.slug, term.label);
  return [...seen].map(([slug, label]) => ({ slug, label }));
}

/** A year of the chart "Over time" for one company: its actions begun and the obligated US dollars of its contracts awarded. */
type YearPoint = CompanyFigures['years'][number];

/** The measures of the chart "Over time", each with the figure it takes from a company's year. */
const OVER_TIME: {
  label: string;
  unit: MeasureUnit;
  value: (point: YearPoint) => number;
  /** The value as data: dollars to the cent, as the other rows write them (never "1e+21"). */
  data: (value: number) => string;
  shown: (value: number) => string;
}[] = [
  { label: 'Employee actions begun', unit: 'count', value: (point) => point.actions, data: String, shown: String },
  {
    label: 'Obligated value of contracts awarded (USD)',
    unit: 'USD',
    value: (point) => point.contractValue,
    // No award of a known value that year is not a known $0 (a contract's value or date may not be
    // on record): empty, as the profile and the page write it "—".
    data: (value) => (value > 0 ? value.toFixed(2) : ''),
    shown: (value) => (value > 0 ? formatMoney(value.toFixed(2), 'USD') : '—'),
  },
];

/**
 * The comparison as CSV data (RFC 4180 quoting), one row per measure and company: `value` is the
 * measure's number (a count, a share from 0 to 1, US dollars, a year; empty where there is none),
 * `base` for a share the count it is a share of (empty for other measures), `shown` the text the
 * page shows (every currency, the contracts' names), and whether subsidiaries' records are counted in.
 * Then the figures of the chart "Over time", one row per measure, `year` and company, every year from
 * the first to the last any company has (0 actions in a year a company has none; no value, "—", in a
 * year with no award of a known value); `year` is empty on the others,
 * then the last but one column, so that a reader of the columns before it by position reads them as
 * before; and last, as it came last, `unit`: what `value` is counted in (count, count per year, USD,
 * USD per year, share, year). A sum of money a company has in several currencies (contracts in US
 * dollars and in euros) is a row per currency, its code as the unit, US dollars first; one in no
 * currency (no amount known) a row in US dollars with no value.
 */
export function comparisonCsv(
  companies: { name: string; slug: string; figures?: Pick<CompanyFigures, 'years'> }[],
  measures: Measure[],
  { includeSubsidiaries }: { includeSubsidiaries: boolean },
): string {
  const subsidiaries = String(includeSubsidiaries);
  const known = companies.flatMap((company) => company.figures?.years.map((point) => point.year) ?? []);
  const first = Math.min(...known);
  const years = known.length ? Array.from({ length: Math.max(...known) - first + 1 }, (_, at) => first + at) : [];
  const lines = [
    ['group', 'measure', 'company', 'company_slug', 'value', 'base', 'shown', 'subsidiaries_included', 'year', 'unit'],
    ...measures.flatMap((measure) =>
      companies.flatMap((company, index) => {
        const row = (value: string, unit: string) => [
          measure.group,
          measure.label,
          company.name,
          company.slug,
          value,
          String(measure.bases?.[index] ?? ''),
          measure.values[index] ?? '',
          subsidiaries,
          '',
          unit,
        ];
        const sums = measure.sums?.[index];
        if (sums?.length) return [...sums].sort(usDollarsFirst).map((sum) => row(sum.amount, sum.currency));
        return [row(measure.data?.[index] ?? String(measure.numbers[index] ?? ''), measure.unit)];
      }),
    ),
    ...OVER_TIME.flatMap(({ label, unit, value, data, shown }) =>
      years.flatMap((year) =>
        companies.map((company) => {
          const point = company.figures?.years.find((candidate) => candidate.year === year);
          const number = point ? value(point) : 0;
          return [
            'Over time',
            label,
            company.name,
            company.slug,
            data(number),
            '',
            shown(number),
            subsidiaries,
            String(year),
            unit,
          ];
        }),
      ),
    ),
  ];
  return lines.map(csvRow).join('');
}
