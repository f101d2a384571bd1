import { describe, expect, it } from 'vitest';
import {
  boldValues,
  comparisonCsv,
  comparisonMeasures,
  MIN_SHARE_BASE,
  valuedInOtherCurrencies,
} from '@/lib/compare-measures';
import { compareCompanies, parseCompanyList } from '@/lib/data/compare';
import { compareParamsSchema } from '@/lib/validation/compare-params';
import { companyScope, getCompanyFigures } from '@/lib/data/company-figures';
import { mergeCompanies } from '@/lib/data/admin';
import { withDemoDatabase, withRoleUsers } from '../helpers/data-layer';

// Counted from this file's first query on (lib/db.ts creates its client on first use).
process.env.COUNTERWEIGHT_COUNT_QUERIES = '1';
const database = withDemoDatabase();
const count = async (sql: string, values?: unknown[]) =>
  Number((await database().query<{ n: string }>(sql, values))[0]?.n);

describe('comparing companies', () => {
  it('gives every company the figures its profile shows, equal to independent SQL counts', async () => {
    const comparison = await compareCompanies(['salesforce', 'google', 'microsoft', 'amazon'], {
      includeSubsidiaries: false,
    });
    expect(comparison.companies.map((company) => company.slug)).toEqual([
      'salesforce',
      'google',
      'microsoft',
      'amazon',
    ]);
    for (const company of comparison.companies) {
      const actions = await count(
        `SELECT count(*) AS n FROM employee_action_companies l JOIN companies c ON c.id = l.company_id
         JOIN employee_actions a ON a.id = l.action_id WHERE c.slug = $1 AND a.status = 'PUBLISHED'`,
        [company.slug],
      );
      const contracts = await count(
        `SELECT count(*) AS n FROM government_contracts k JOIN companies c ON c.id = k.company_id WHERE c.slug = $1`,
        [company.slug],
      );
      const statements = await count(
        `SELECT count(*) AS n FROM company_statements s JOIN companies c ON c.id = s.company_id WHERE c.slug = $1`,
        [company.slug],
      );
      // Its actions tied to its own contracts, counted the other way round: from the contracts.
      const onContracts = await count(
        `SELECT count(DISTINCT l.action_id) AS n FROM employee_action_contracts l
         JOIN government_contracts k ON k.id = l.contract_id JOIN companies c ON c.id = k.company_id
         JOIN employee_actions a ON a.id = l.action_id AND a.status = 'PUBLISHED'
         JOIN employee_action_companies m ON m.action_id = a.id AND m.company_id = c.id
         WHERE c.slug = $1 AND k.status = 'PUBLISHED'`,
        [company.slug],
      );
      expect([
        company.slug,
        company.figures.actions.count,
        company.figures.actions.onContracts,
        company.figures.contracts.count,
        company.figures.statements.count,
      ]).toEqual([company.slug, actions, onContracts, contracts, statements]);
      const [row] = await database().query<{ id: string }>('SELECT id FROM companies WHERE slug = $1', [company.slug]);
      expect(company.figures).toEqual(await getCompanyFigures([row!.id]));
    }
  });

  it('reports unknown companies, keeps each company once, and compares at most four', async () => {
    const { slugs, malformed, repeated } = parseCompanyList(
      ` Salesforce,nope,google,google,,microsoft,amazon,uber,<script>,<>,${'x'.repeat(101)},GOOGLE`,
    );
    expect(slugs).toEqual(['salesforce', 'nope', 'google', 'microsoft', 'amazon', 'uber', '<script>']);
    // A name given twice is said to be, once, and compared once.
    expect(repeated).toEqual(['google']);
    // No letter or digit, or longer than a name: no name at all.
    expect(malformed).toEqual(['<>', 'x'.repeat(40)]);
    const comparison = await compareCompanies(slugs, { includeSubsidiaries: false });
    expect(comparison.companies.map((company) => company.slug)).toEqual([
      'salesforce',
      'google',
      'microsoft',
      'amazon',
    ]);
    expect(comparison.unknown).toEqual(['nope', '<script>']);
    // Named as on record, not as the address spells them.
    expect(comparison.overLimit).toEqual([{ slug: 'uber', name: 'Uber' }]);
  });

  it('reads the first 24 names of a long list, finding the companies among them, and counts the rest as unread', async () => {
    const nope = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `nope-${from + i}`);
    const given = [...nope(0, 20), 'salesforce', 'google', ...nope(20, 30), 'microsoft'].join(',');
    const { slugs, malformed, unread } = parseCompanyList(given);
    expect([slugs.length, malformed, unread]).toEqual([24, [], 9]);
    const comparison = await compareCompanies(slugs, { includeSubsidiaries: false });
    expect(comparison.companies.map((company) => company.slug)).toEqual(['salesforce', 'google']);
    expect(comparison.unknown).toEqual(nope(0, 22));
    // The address's limit leaves room for such a list, so the page can say so rather than refuse it.
    expect(compareParamsSchema.safeParse({ companies: given.repeat(20).slice(0, 5000) }).success).toBe(true);
  });

  it('compares a company asked for by another of its names, once, as the lists’ company filter reads it', async () => {
    const comparison = await compareCompanies(['aws', 'google', 'amazon', 'salesforce-com'], {
      includeSubsidiaries: false,
    });
    expect(comparison.companies.map((company) => company.slug)).toEqual(['amazon', 'google', 'salesforce']);
    expect(comparison.aliased).toEqual([
      { slug: 'aws', into: { slug: 'amazon', name: 'Amazon' } },
      { slug: 'salesforce-com', into: { slug: 'salesforce', name: 'Salesforce' } },
    ]);
    expect(comparison.unknown).toEqual([]);
  });

  it('compares a company asked for by another of its names as typed, with its dots and spaces', async () => {
    const { slugs, malformed } = parseCompanyList('salesforce.com,Google,salesforce-com,Amazon Web Services');
    expect(malformed).toEqual([]);
    const comparison = await compareCompanies(slugs, { includeSubsidiaries: false });
    expect(comparison.companies.map((company) => company.slug)).toEqual(['salesforce', 'google', 'amazon']);
    expect(comparison.aliased).toEqual([
      { slug: 'salesforce.com', into: { slug: 'salesforce', name: 'Salesforce' } },
      { slug: 'salesforce-com', into: { slug: 'salesforce', name: 'Salesforce' } },
      { slug: 'amazon web services', into: { slug: 'amazon', name: 'Amazon' } },
    ]);
    expect(comparison.unknown).toEqual([]);
  });

  it('rolls subsidiaries up when asked', async () => {
    const alone = await compareCompanies(['alphabet'], { includeSubsidiaries: false });
    const rolled = await compareCompanies(['alphabet'], { includeSubsidiaries: true });
    const [row] = await database().query<{ id: string }>(`SELECT id FROM companies WHERE slug = 'alphabet'`);
    expect(rolled.companies[0]?.figures).toEqual(await getCompanyFigures(await companyScope(row!.id, true)));
    expect(rolled.companies[0]?.figures.actions.count).toBeGreaterThan(alone.companies[0]?.figures.actions.count ?? 0);
    // Named as counted: YouTube, Google's subsidiary, is counted in Alphabet's column and named in it.
    expect(rolled.companies[0]?.includedSubsidiaries).toEqual(['Google', 'YouTube']);
    expect(rolled.counted.toSorted()).toEqual(['alphabet', 'google', 'youtube']);
    // The cached comparison is tagged with every company it counts, so that a change to any refreshes it.
    expect(rolled.counted).toEqual(expect.arrayContaining(['alphabet', 'google']));
    expect(alone.counted).toEqual(['alphabet']);
    expect([alone.overlaps, rolled.overlaps]).toEqual([[], []]);
  });

  it('says which compared company is counted in another’s column too, with subsidiaries', async () => {
    const nested = await compareCompanies(['youtube', 'alphabet', 'google', 'salesforce'], {
      includeSubsidiaries: true,
    });
    expect(nested.overlaps).toEqual([
      { name: 'YouTube', within: 'Alphabet' },
      { name: 'Google', within: 'Alphabet' },
      { name: 'YouTube', within: 'Google' },
    ]);
    expect((await compareCompanies(['youtube', 'google'], { includeSubsidiaries: false })).overlaps).toEqual([]);
  });

  it('shows the share of met demands and the contract that ended after actions, as the CSV says too', async () => {
    const comparison = await compareCompanies(['salesforce', 'google'], { includeSubsidiaries: false });
    const measures = comparisonMeasures(comparison.companies, { perYear: true });
    const ended = measures.find((measure) => measure.label.startsWith('Contracts cancelled or not renewed'));
    expect(ended?.values[0]).toBe('None');
    expect(ended?.values[1]).toMatch(
      // When it ended is not on record: it is not said to be after the actions, only when they began.
      /^Drone technology contract with the Pentagon: not renewed \(when is not on record\); actions against it began (in (\w+ )?\d{4}|on \d{1,2} \w+ \d{4})$/,
    );
    const csv = comparisonCsv(comparison.companies, measures, { includeSubsidiaries: false });
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('group,measure,company,company_slug,value,base,shown,subsidiaries_included,year,unit');
    expect(lines).toContain('Contracts,Government contracts,Salesforce,salesforce,1,,1,false,,count');
    // Money as US dollars, said so in its unit (neither contract's value is known in the demo
    // data: no number, the page's words); the share of met demands from 0 to 1.
    expect(lines.filter((line) => line.startsWith('Contracts,Obligated value,'))).toEqual([
      'Contracts,Obligated value,Salesforce,salesforce,,,not known,false,,USD',
      'Contracts,Obligated value,Google,google,,,not known,false,,USD',
    ]);
    const shares = lines.filter((line) => line.startsWith('What pressure achieved,Share'));
    expect(shares).toHaveLength(2);
    expect(shares.map((line) => line.split(',').at(-1))).toEqual(['share', 'share']);
    // Numbers as data, the page's text beside them.
    const first = measures.find((measure) => measure.label === 'First action')?.values[1];
    expect(first).toMatch(/^\d{4}$/);
    expect(lines).toContain(`Employee actions,First action,Google,google,${first},,${first},false,,year`);
    // Then the chart's figures: two measures, each year from the first to the last, each company.
    const years = comparison.companies.flatMap((company) => company.figures.years.map((point) => point.year));
    const span = Math.max(...years) - Math.min(...years) + 1;
    expect(lines).toHaveLength(2 * measures.length + 2 * span * 2 + 1);
  });
});

describe('what pressure achieved', () => {
  const slugs = ['salesforce', 'google', 'microsoft', 'amazon'];

  it('gives the share of met demands with the number of known outcomes it rests on and of all actions, as SQL counts them', async () => {
    const comparison = await compareCompanies(slugs, { includeSubsidiaries: false });
    const measures = comparisonMeasures(comparison.companies, { perYear: false });
    const share = measures.find((measure) => measure.group === 'What pressure achieved' && measure.bases);
    const csv = comparisonCsv(comparison.companies, measures, { includeSubsidiaries: false }).split('\r\n');
    for (const [index, slug] of slugs.entries()) {
      const [row] = await database().query<{ all: string; known: string; met: string }>(
        `SELECT count(*) AS all, count(*) FILTER (WHERE a.outcome IN ('MET', 'PARTLY_MET', 'NOT_MET')) AS known,
                count(*) FILTER (WHERE a.outcome = 'MET') AS met
         FROM employee_actions a JOIN employee_action_companies l ON l.action_id = a.id JOIN companies c ON c.id = l.company_id
         WHERE c.slug = $1 AND a.status = 'PUBLISHED'`,
        [slug],
      );
      const [all, known, met] = [Number(row?.all), Number(row?.known), Number(row?.met)];
      expect(share?.bases?.[index], slug).toBe(known);
      expect(share?.numbers[index], slug).toBe(known ? met / known : null);
      const actions = `${all.toLocaleString('en-US')} action${all === 1 ? '' : 's'}`;
      expect(share?.values[index], slug).toBe(
        known
          ? `${Math.round((100 * met) / known)}% of ${known} with a known outcome (of ${actions})`
          : `No known outcome (of ${actions})`,
      );
      // The CSV gives the share from 0 to 1 and its base beside it.
      const line = csv.find((text) => text.startsWith('What pressure achieved,Share of') && text.includes(`,${slug},`));
      expect(line?.split(',').slice(4, 6), slug).toEqual([known ? String(met / known) : '', String(known)]);
    }
    // In the demo data no company has as many known outcomes as a share needs to be highlighted.
    expect(share?.bases?.every((base) => (base ?? 0) < MIN_SHARE_BASE)).toBe(true);
    expect(boldValues(share!)).toEqual([false, false, false, false]);
  });

  it('lists the contracts ended that actions opposed without calling one company’s list the largest; the CSV counts them', async () => {
    const comparison = await compareCompanies(slugs, { includeSubsidiaries: false });
    const measures = comparisonMeasures(comparison.companies, { perYear: false });
    const ended = measures.find(
      (measure) => measure.label === 'Contracts cancelled or not renewed that employee actions opposed',
    );
    // Google's drone contract, not renewed after its employees' actions; the others none.
    expect(ended?.values[1]).toMatch(/^Drone technology contract with the Pentagon: not renewed/);
    expect(ended?.values.filter((value, index) => index !== 1)).toEqual(['None', 'None', 'None']);
    expect(boldValues(ended!)).toEqual([false, false, false, false]);
    const csv = comparisonCsv(comparison.companies, measures, { includeSubsidiaries: false }).split('\r\n');
    const google = csv.find(
      (line) => line.startsWith('What pressure achieved,Contracts cancelled') && line.includes(',google,'),
    );
    expect(google?.split(',').slice(4, 5)).toEqual(['1']);
  });

  it('highlights the largest share only among those resting on enough known outcomes', () => {
    const share = { numbers: [1, 0.5, 0.25, null], bases: [1, MIN_SHARE_BASE, 40, 0] };
    expect(boldValues(share)).toEqual([false, true, false, false]);
    // One share alone with enough known outcomes has nothing to be compared with.
    expect(boldValues({ numbers: [1, 0.5], bases: [1, 12] })).toEqual([false, false]);
    // Counts are compared as before: the largest, where they differ.
    expect(boldValues({ numbers: [3, 7, 7] })).toEqual([false, true, true]);
    expect(boldValues({ numbers: [2, 2] })).toEqual([false, false]);
  });

  it('calls no sum the largest where another leaves out records of unknown amount', async () => {
    // $4 million against $1.25 million and two contracts of unknown value: either may be the larger.
    expect(boldValues({ numbers: [1_250_000.5, 4_000_000], partial: [true, false] })).toEqual([false, false]);
    // Nor against a company all of whose contracts are of unknown value.
    expect(boldValues({ numbers: [null, 4_000_000, 1], partial: [true, false, false] })).toEqual([false, false, false]);
    // The largest leaving some out is larger still: said to be.
    expect(boldValues({ numbers: [1_250_000.5, 4_000_000], partial: [false, true] })).toEqual([false, true]);
    // The demo's contracts are all of unknown value: each company's sums say they leave some out.
    const comparison = await compareCompanies(['salesforce', 'google'], { includeSubsidiaries: false });
    const measures = comparisonMeasures(comparison.companies, { perYear: true });
    const unknown = await database().query<{ slug: string; obligated: number; potential: number }>(
      `SELECT c.slug, count(*) FILTER (WHERE k.obligated_amount IS NULL)::int AS obligated,
              count(*) FILTER (WHERE k.potential_amount IS NULL)::int AS potential
         FROM government_contracts k JOIN companies c ON c.id = k.company_id
        WHERE k.status = 'PUBLISHED' AND c.slug IN ('salesforce', 'google') GROUP BY c.slug`,
    );
    const partial = (slug: string, column: 'obligated' | 'potential') =>
      (unknown.find((row) => row.slug === slug)?.[column] ?? 0) > 0;
    expect(measures.find((measure) => measure.label === 'Obligated value')?.partial).toEqual([
      partial('salesforce', 'obligated'),
      partial('google', 'obligated'),
    ]);
    expect(measures.find((measure) => measure.label === 'Potential value')?.partial).toEqual([
      partial('salesforce', 'potential'),
      partial('google', 'potential'),
    ]);
    expect(partial('salesforce', 'obligated')).toBe(true);
  });

  it('gives participants as a floor: the sum of the numbers reported, each at its low end', async () => {
    const comparison = await compareCompanies(slugs, { includeSubsidiaries: false });
    const participants = comparisonMeasures(comparison.companies, { perYear: false }).find((measure) =>
      measure.label.startsWith('Participants'),
    );
    expect(participants?.label).toBe('Participants, at least (the sum of the numbers reported)');
    for (const [index, slug] of slugs.entries()) {
      const [row] = await database().query<{ low: string | null; n: string; most: string }>(
        `SELECT sum(a.participants_min) AS low, count(a.participants_min) AS n,
                count(*) FILTER (WHERE a.participants_min IS NULL AND a.participants_max IS NOT NULL) AS most
         FROM employee_actions a JOIN employee_action_companies l ON l.action_id = a.id JOIN companies c ON c.id = l.company_id
         WHERE c.slug = $1 AND a.status = 'PUBLISHED'`,
        [slug],
      );
      const [n, most] = [Number(row?.n), Number(row?.most)];
      expect(participants?.numbers[index], slug).toBe(n ? Number(row?.low) : null);
      expect(participants?.values[index], slug).toBe(
        n
          ? `at least ${Number(row?.low).toLocaleString('en-US')} (${n} action${n === 1 ? ' gives' : 's give'} a number${most ? `; ${most} only a highest, not counted` : ''})`
          : '—',
      );
    }
    // Google's Project Maven letter ("nearly five thousand") is one such, said beside its floor.
    expect(participants?.values[slugs.indexOf('google')]).toMatch(/; 1 only a highest, not counted\)$/);
  });
});

describe('donation responses', () => {
  it('say a donation the company made is the company’s word, on the page and in the CSV', async () => {
    const comparison = await compareCompanies(['salesforce', 'google'], { includeSubsidiaries: false });
    const measures = comparisonMeasures(comparison.companies, { perYear: false });
    const donated = measures.find(
      (measure) => measure.group === 'Donation responses' && measure.label.includes('company'),
    );
    const [stored] = await database().query<{ n: string; amount: string }>(
      `SELECT count(*) AS n, sum(d.amount)::bigint::text AS amount FROM donation_responses d JOIN companies c ON c.id = d.company_id
       WHERE c.slug = 'salesforce' AND d.response = 'DONATED' AND d.status = 'PUBLISHED'`,
    );
    expect(donated?.label).toBe('Donations the company announced');
    expect(donated?.values[0]).toBe(`${stored?.n} ($${Number(stored?.amount).toLocaleString('en-US')})`);
    const csv = comparisonCsv(comparison.companies, measures, { includeSubsidiaries: false });
    expect(csv).toContain('Donation responses,Donations the company announced,Salesforce,salesforce,');
  });
});

describe('per-year figures', () => {
  it('divide contract value by the years of contracts, and actions by the years of actions, as independent SQL does', async () => {
    // The seed article gives no contract's value or date: two contracts awarded three years apart are added here.
    await database().query(
      `INSERT INTO government_contracts (id, company_id, agency_id, title, obligated_amount, currency, award_date, status, updated_at)
       SELECT 'test-per-year-' || y, c.id, (SELECT id FROM agencies WHERE slug = 'ice'), 'Test contract ' || y, 300000 * y + 0.5, 'USD',
              make_date(2015 + y, 6, 1), 'PUBLISHED', now()
       FROM companies c, generate_series(1, 4, 3) AS y WHERE c.slug = 'microsoft'`,
    );
    try {
      await perYearAgainstSql();
    } finally {
      await database().query(`DELETE FROM government_contracts WHERE id LIKE 'test-per-year-%'`);
    }
  });

  async function perYearAgainstSql() {
    const slugs = ['salesforce', 'google', 'microsoft', 'amazon'];
    const comparison = await compareCompanies(slugs, { includeSubsidiaries: false });
    const measures = comparisonMeasures(comparison.companies, { perYear: true });
    const value = measures.find(
      (measure) => measure.label === 'Obligated value per year of contracts (USD, contracts with an award date)',
    );
    const actions = measures.find(
      (measure) => measure.label === 'Actions per year, from the first action to the latest',
    );
    for (const [index, slug] of slugs.entries()) {
      // Each year's value; the span runs over the years that have one.
      const [contracts] = await database().query<{ total: string | null; span: number | null }>(
        `WITH y AS (
           SELECT extract(year FROM k.award_date) AS year, sum(k.obligated_amount) AS total
           FROM government_contracts k JOIN companies c ON c.id = k.company_id
           WHERE c.slug = $1 AND k.status = 'PUBLISHED' AND k.currency = 'USD' AND k.award_date IS NOT NULL
           GROUP BY 1)
         SELECT sum(total) FILTER (WHERE total <> 0) AS total,
                max(year) FILTER (WHERE total <> 0) - min(year) FILTER (WHERE total <> 0) + 1 AS span
         FROM y`,
        [slug],
      );
      const expected = contracts?.total ? Number(contracts.total) / Number(contracts.span) : null;
      if (expected === null) expect(value?.numbers[index], slug).toBeNull();
      else expect(value?.numbers[index], slug).toBeCloseTo(expected, 2);
      // Written and given as data to the cent, never rounded to the dollar nor as a float's digits.
      if (expected !== null) expect(value?.data?.[index], slug).toBe(expected.toFixed(2));
      const [acted] = await database().query<{ n: string; span: number | null }>(
        `SELECT count(*) AS n, max(extract(year FROM a.start_date)) - min(extract(year FROM a.start_date)) + 1 AS span
         FROM employee_actions a JOIN employee_action_companies l ON l.action_id = a.id JOIN companies c ON c.id = l.company_id
         WHERE c.slug = $1 AND a.status = 'PUBLISHED'`,
        [slug],
      );
      expect(actions?.numbers[index], slug).toBeCloseTo(Number(acted?.n) / Number(acted?.span), 5);
      expect(actions?.data?.[index], slug).toBe((Number(acted?.n) / Number(acted?.span)).toFixed(2));
    }
    expect(value?.numbers.some((number) => number !== null)).toBe(true);
    // Microsoft's two contracts: (300,000.50 + 1,200,000.50) over the four years from the first to the last.
    expect(value?.values[slugs.indexOf('microsoft')]).toBe('$375,000.25');
    // Without the switch, no per-year rows.
    const totals = comparisonMeasures(comparison.companies, { perYear: false }).map((measure) => measure.label);
    expect(totals).not.toContain('Obligated value per year of contracts (USD, contracts with an award date)');
  }
});

describe('CSV', () => {
  it('gives the chart’s figures per year, each equal to an independent SQL sum, 0 in a year without any', async () => {
    // The seed article gives no contract's value or date: contracts of Amazon's are added, one in euros (left out).
    await database().query(
      `INSERT INTO government_contracts (id, company_id, agency_id, title, obligated_amount, currency, award_date, status, updated_at)
       SELECT 'test-csv-year-' || y || currency, c.id, (SELECT id FROM agencies WHERE slug = 'ice'), 'Test contract ' || y,
              250000 * y, currency, make_date(2015 + y, 6, 1), 'PUBLISHED', now()
       FROM companies c, generate_series(1, 4, 3) AS y, unnest(ARRAY['USD', 'EUR']) AS currency WHERE c.slug = 'amazon'`,
    );
    try {
      await perYearCsvAgainstSql();
      await sumsPerCurrency();
    } finally {
      await database().query(`DELETE FROM government_contracts WHERE id LIKE 'test-csv-year-%'`);
    }
  });

  /** Amazon's sums in US dollars and in euros, each a row with its currency as the unit (the euros were said to be dollars). */
  async function sumsPerCurrency() {
    const comparison = await compareCompanies(['amazon', 'salesforce'], { includeSubsidiaries: false });
    const lines = comparisonCsv(comparison.companies, comparisonMeasures(comparison.companies, { perYear: false }), {
      includeSubsidiaries: false,
    }).split('\r\n');
    const sums = await database().query<{ currency: string; obligated: string }>(
      `SELECT k.currency, sum(k.obligated_amount)::text AS obligated FROM government_contracts k JOIN companies c ON c.id = k.company_id
       WHERE c.slug = 'amazon' AND k.status = 'PUBLISHED' AND k.obligated_amount IS NOT NULL GROUP BY k.currency`,
    );
    const sum = (currency: string) => sums.find((row) => row.currency === currency)?.obligated;
    expect(sum('USD')).toBeDefined();
    expect(sum('EUR')).toBeDefined();
    const amazon = lines.filter((line) => line.startsWith('Contracts,Obligated value,Amazon,'));
    expect(amazon).toHaveLength(2);
    expect(amazon[0]).toMatch(
      new RegExp(`^Contracts,Obligated value,Amazon,amazon,${sum('USD')},,".*€.*",false,,USD$`),
    );
    expect(amazon[1]).toMatch(
      new RegExp(`^Contracts,Obligated value,Amazon,amazon,${sum('EUR')},,".*€.*",false,,EUR$`),
    );
    // A company with no amount known: one row in US dollars without a value, as before.
    expect(lines).toContain('Contracts,Obligated value,Salesforce,salesforce,,,not known,false,,USD');
  }

  async function perYearCsvAgainstSql() {
    const slugs = ['salesforce', 'google', 'amazon'];
    const comparison = await compareCompanies(slugs, { includeSubsidiaries: false });
    const csv = comparisonCsv(comparison.companies, comparisonMeasures(comparison.companies, { perYear: false }), {
      includeSubsidiaries: false,
    });
    const rows = csv
      .trim()
      .split('\r\n')
      .filter((line) => line.startsWith('Over time,'))
      // The cells of a line, a quoted one ("$250,000") unquoted.
      .map((line) =>
        [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)]
          .slice(0, 9)
          .map(([, cell = '']) => cell.replace(/^"|"$/g, '')),
      );
    // Actions begun, and obligated US dollars of contracts awarded, per company and year.
    const sums = await database().query<{ measure: string; slug: string; year: number; value: string }>(
      `SELECT 'Employee actions begun' AS measure, c.slug, extract(year FROM a.start_date)::int AS year, count(*)::text AS value
       FROM employee_actions a JOIN employee_action_companies l ON l.action_id = a.id JOIN companies c ON c.id = l.company_id
       WHERE c.slug = ANY($1) AND a.status = 'PUBLISHED' GROUP BY 1, 2, 3
       UNION ALL
       SELECT 'Obligated value of contracts awarded (USD)', c.slug, extract(year FROM k.award_date)::int,
              coalesce(sum(k.obligated_amount) FILTER (WHERE k.currency = 'USD'), 0)::numeric::text
       FROM government_contracts k JOIN companies c ON c.id = k.company_id
       WHERE c.slug = ANY($1) AND k.status = 'PUBLISHED' AND k.award_date IS NOT NULL GROUP BY 1, 2, 3`,
      [slugs],
    );
    const years = sums.map((sum) => sum.year);
    const [first, last] = [Math.min(...years), Math.max(...years)];
    // Each measure, each year from the first either source has to the last, each company: once.
    expect(rows).toHaveLength(2 * (last - first + 1) * slugs.length);
    for (const row of rows) {
      const [, measure, , slug, value, base, , subsidiaries, year] = row;
      const sum = sums.find(
        (candidate) => candidate.measure === measure && candidate.slug === slug && candidate.year === Number(year),
      );
      expect(Number(value), `${measure}, ${slug}, ${year}`).toBe(Number(sum?.value ?? 0));
      expect([base, subsidiaries]).toEqual(['', 'false']);
      expect(Number(year)).toBeGreaterThanOrEqual(first);
      expect(Number(year)).toBeLessThanOrEqual(last);
    }
    // Not every year has something of every company: the zeros are written, not left out.
    expect(rows.some((row) => row[4] === '0')).toBe(true);
    expect(
      rows
        .filter((row) => row[1] === 'Obligated value of contracts awarded (USD)' && Number(row[4]) !== 0)
        .map((row) => row.slice(3, 9)),
    ).toEqual([
      ['amazon', '250000.00', '', '$250,000', 'false', '2016'],
      ['amazon', '1000000.00', '', '$1,000,000', 'false', '2019'],
    ]);
    // Dollars to the cent, as the other rows write them; a year without an award of a known value
    // has none (not a known $0: the seed report's contracts have no value on record), as the page's "—".
    const values = rows.filter((row) => row[1] === 'Obligated value of contracts awarded (USD)');
    expect(values.every((row) => /^\d+\.\d\d$/.test(row[4]!) || (row[4] === '' && row[6] === '—'))).toBe(true);
    expect(values.filter((row) => row[4] === '').length).toBe(values.length - 2);
    // The euro contract is left out of the dollars per year, and the page says whose value that is.
    expect(valuedInOtherCurrencies(comparison.companies)).toEqual(['Amazon']);
  }

  it('writes contract values as exact decimals, as the API does, however large', async () => {
    await database().query(
      `INSERT INTO government_contracts (id, company_id, agency_id, title, obligated_amount, potential_amount, currency, status, updated_at)
       SELECT 'test-csv-exact', c.id, (SELECT id FROM agencies WHERE slug = 'ice'), 'Test contract', 9007199254740993.01,
              9999999999999999.99, 'USD', 'PUBLISHED', now()
       FROM companies c WHERE c.slug = 'microsoft'`,
    );
    try {
      const comparison = await compareCompanies(['microsoft'], { includeSubsidiaries: false });
      const csv = comparisonCsv(comparison.companies, comparisonMeasures(comparison.companies, { perYear: false }), {
        includeSubsidiaries: false,
      });
      expect(csv).toContain('Contracts,Obligated value,Microsoft,microsoft,9007199254740993.01,');
      expect(csv).toContain('Contracts,Potential value,Microsoft,microsoft,9999999999999999.99,');
    } finally {
      await database().query(`DELETE FROM government_contracts WHERE id = 'test-csv-exact'`);
    }
  });

  it('quotes commas and quotes, and defuses spreadsheet formulas', () => {
    const csv = comparisonCsv(
      [
        { name: 'A, Inc.', slug: 'a-inc' },
        { name: '=HYPERLINK("x")', slug: 'hyperlink-x' },
      ],
      [{ group: 'G', label: 'say "hi"', unit: 'count', values: ['1,000', '-2'], numbers: [1000, null] }],
      { includeSubsidiaries: true },
    );
    expect(csv).toBe(
      'group,measure,company,company_slug,value,base,shown,subsidiaries_included,year,unit\r\n' +
        'G,"say ""hi""","A, Inc.",a-inc,1000,,"1,000",true,,count\r\n' +
        'G,"say ""hi""","\'=HYPERLINK(""x"")",hyperlink-x,,,"\'-2",true,,count\r\n',
    );
  });
});

describe('the number of queries', () => {
  it('does not grow with the size of the companies compared or profiled', async () => {
    const { queriesSent } = await import('@/lib/db');
    const queriesFor = async (run: () => Promise<unknown>) => {
      const before = queriesSent();
      await run();
      return queriesSent() - before;
    };
    // Amazon has the most records in the demo data; KAIST, NPR and Etsy have one or two each.
    const large = await queriesFor(() =>
      compareCompanies(['amazon', 'google', 'uber', 'microsoft'], { includeSubsidiaries: true }),
    );
    const small = await queriesFor(() =>
      compareCompanies(['kaist', 'npr', 'etsy', 'medium'], { includeSubsidiaries: true }),
    );
    expect(large).toBeGreaterThan(0);
    expect(large).toBe(small);

    const { listIncidents } = await import('@/lib/data/incident-index');
    const ids = async (slug: string) =>
      (await database().query<{ id: string }>('SELECT id FROM companies WHERE slug = $1', [slug])).map((r) => r.id);
    // A profile's timeline describes its entries with one query whatever their number and kinds.
    const profile = async (slug: string) => {
      const scope = await ids(slug);
      let kinds = 0;
      const sent = await queriesFor(async () => {
        const [, incidents] = await Promise.all([
          getCompanyFigures(scope),
          listIncidents({ companyIds: scope }, { perPage: 30 }),
        ]);
        kinds = new Set(incidents.entries.map((entry) => entry.kind.replace('-status', ''))).size;
      });
      return { sent, kinds };
    };
    const [amazon, salesforce, etsy] = [await profile('amazon'), await profile('salesforce'), await profile('etsy')];
    expect(salesforce.kinds).toBeGreaterThan(2);
    expect(etsy.kinds).toBeLessThan(salesforce.kinds);
    expect(amazon.sent).toBe(salesforce.sent);
    expect(etsy.sent).toBe(salesforce.sent);
  });
});

describe('comparing a company merged since into another', () => {
  const users = withRoleUsers(database, 'compare');

  it('compares the survivor in its place, once, and says so; the CSV counts the survivor too', async () => {
    await mergeCompanies(users.admin, { fromSlug: 'bosch-io', intoSlug: 'bosch' });
    const comparison = await compareCompanies(['bosch-io', 'amazon'], { includeSubsidiaries: false });
    expect(comparison.companies.map((company) => company.slug)).toEqual(['bosch', 'amazon']);
    expect(comparison.unknown).toEqual([]);
    expect(comparison.merged).toEqual([{ slug: 'bosch-io', name: 'Bosch.IO', into: { slug: 'bosch', name: 'Bosch' } }]);
    const [bosch] = await database().query<{ id: string }>(`SELECT id FROM companies WHERE slug = 'bosch'`);
    expect(comparison.companies[0]!.figures).toEqual(await getCompanyFigures([bosch!.id]));
    // Asked for under both addresses, it is one column.
    const twice = await compareCompanies(['bosch', 'bosch-io', 'nope'], { includeSubsidiaries: false });
    expect(twice.companies.map((company) => company.slug)).toEqual(['bosch']);
    expect(twice.unknown).toEqual(['nope']);
    const csv = comparisonCsv(comparison.companies, comparisonMeasures(comparison.companies, { perYear: false }), {
      includeSubsidiaries: false,
    });
    expect(csv).toContain(',Bosch,bosch,');
    expect(csv).not.toContain('bosch-io');
  });
});
