import { describe, expect, it, onTestFinished } from 'vitest';
import { companyScope, getCompanyFigures } from '@/lib/data/company-figures';
import { getCompanyBySlug, listCompanies } from '@/lib/data/companies';
import { actionTermCounts, describeEntries, incidentYears, listIncidents } from '@/lib/data/incident-index';
import { findFilterCompany, listTerms } from '@/lib/data/filters';
import { findCompaniesByName, findOrganizationsByName, MAX_INCIDENT_RESULTS, searchRecord } from '@/lib/data/search';
import { listSitemapEntries } from '@/lib/data/sitemap';
import { nameKey } from '@/lib/text';
import { MAX_WORDS_LENGTH, parseIncidentFilters, typedFilterValues } from '@/lib/validation/list-filters';
import { withDemoDatabase } from '../helpers/data-layer';

process.env.COUNTERWEIGHT_COUNT_QUERIES = '1';

const database = withDemoDatabase();
const figuresYears = (figures: { years: { year: number }[] }) => figures.years.map((point) => point.year);
const count = async (sql: string, values?: unknown[]) =>
  Number((await database().query<{ n: string }>(sql, values))[0]?.n);

async function idOf(slug: string) {
  const company = await getCompanyBySlug(slug);
  if (!company) throw new Error(`no ${slug}`);
  return company.id;
}

describe('company figures', () => {
  it('equal independent counts for Salesforce', async () => {
    const figures = await getCompanyFigures([await idOf('salesforce')]);
    expect(figures.actions.count).toBe(
      await count(`SELECT count(*) AS n FROM employee_action_companies l JOIN companies c ON c.id = l.company_id
                   JOIN employee_actions a ON a.id = l.action_id WHERE c.slug = 'salesforce' AND a.status = 'PUBLISHED'`),
    );
    expect(figures.contracts.count).toBe(1);
    // Counted for the department that awarded it and for its sub-agency, as /agencies counts it.
    expect(
      figures.contracts.byAgency.map((agency) => [agency.acronym, agency.parent?.acronym ?? null, agency.count]),
    ).toEqual([
      ['DHS', null, 1],
      ['CBP', 'DHS', 1],
    ]);
    for (const agency of figures.contracts.byAgency) {
      expect(agency.count, agency.slug).toBe(
        await count(`SELECT count(*) AS n FROM government_contracts k JOIN companies c ON c.id = k.company_id
                     JOIN agencies g ON g.slug = '${agency.slug}' AND (g.id = k.agency_id OR g.id = k.sub_agency_id)
                     WHERE c.slug = 'salesforce' AND k.status = 'PUBLISHED'`),
      );
    }
    expect(figures.donations.byResponse).toEqual(
      expect.arrayContaining([
        { response: 'REJECTED', count: 1, amounts: [{ currency: 'USD', amount: '250000.00' }], amountUnknown: 0 },
        { response: 'DONATED', count: 1, amounts: [{ currency: 'USD', amount: '1000000.00' }], amountUnknown: 0 },
      ]),
    );
    // The contracts without an amount, which the sums leave out and the profile counts beside them.
    for (const [field, column] of [
      ['obligatedUnknown', 'obligated_amount'],
      ['potentialUnknown', 'potential_amount'],
    ] as const) {
      expect(figures.contracts[field], field).toBe(
        await count(`SELECT count(*) AS n FROM government_contracts k JOIN companies c ON c.id = k.company_id
                     WHERE c.slug = 'salesforce' AND k.status = 'PUBLISHED' AND k.${column} IS NULL`),
      );
    }
    expect(figures.contracts.obligatedUnknown).toBeGreaterThan(0);
    expect(figures.statements.count).toBe(
      await count(
        `SELECT count(*) AS n FROM company_statements s JOIN companies c ON c.id = s.company_id WHERE c.slug = 'salesforce'`,
      ),
    );
    const byForm = Object.fromEntries(figures.actions.byForm.map((form) => [form.slug, form.count]));
    expect(byForm['open-letter']).toBe(
      await count(`SELECT count(DISTINCT a.id) AS n FROM employee_actions a JOIN employee_action_companies l ON l.action_id = a.id
                   JOIN companies c ON c.id = l.company_id JOIN employee_action_terms t ON t.action_id = a.id
                   JOIN vocabulary_terms v ON v.id = t.term_id WHERE c.slug = 'salesforce' AND v.slug = 'open-letter'`),
    );
    expect(figures.years.reduce((sum, year) => sum + year.actions, 0)).toBe(figures.actions.count);
  });

  it('orders the agencies by their contracts in every currency together', async () => {
    const client = database().client;
    const company = await client.company.create({
      data: { slug: 'two-currencies', name: 'Two Currencies', status: 'PUBLISHED' },
    });
    const [ice, dod] = await Promise.all(
      ['ice', 'dod'].map((slug) => client.agency.findUniqueOrThrow({ where: { slug } })),
    );
    const contract = (agencyId: string, currency: string, n: number) => ({
      companyId: company.id,
      agencyId,
      title: `A ${currency} contract ${n}`,
      currency,
      obligatedAmount: '1000',
      contractStatus: 'ACTIVE' as const,
      status: 'PUBLISHED' as const,
    });
    // ICE: three in dollars; DoD: two in dollars and two in euros, so more in all.
    const { count } = await client.governmentContract.createMany({
      data: [
        ...[1, 2, 3].map((n) => contract(ice!.id, 'USD', n)),
        ...[1, 2].map((n) => contract(dod!.id, 'USD', n)),
        ...[1, 2].map((n) => contract(dod!.id, 'EUR', n)),
      ],
    });
    expect(count).toBe(7);
    onTestFinished(async () => {
      await client.governmentContract.deleteMany({ where: { companyId: company.id } });
      await client.company.delete({ where: { id: company.id } });
    });
    const figures = await getCompanyFigures([company.id]);
    expect(figures.contracts.byAgency.map((agency) => [agency.slug, agency.count])).toEqual([
      ['dod', 4],
      ['ice', 3],
    ]);
    expect(figures.contracts.byAgency[0]!.obligated).toEqual([
      { currency: 'EUR', amount: '2000.00' },
      { currency: 'USD', amount: '2000.00' },
    ]);
  });

  it('dates the last activity at the precision of the latest record: a month for a month, the day on a tie', async () => {
    const client = database().client;
    const company = await client.company.create({
      data: { slug: 'precision-test', name: 'Precision Test', status: 'PUBLISHED' },
    });
    await client.employeeAction.create({
      data: {
        title: 'A walkout known to its month',
        description: 'Dated to March 2019 only.',
        startDate: new Date('2019-03-01T00:00:00Z'),
        datePrecision: 'MONTH',
        status: 'PUBLISHED',
        companies: { create: { companyId: company.id } },
      },
    });
    await client.employeeAction.create({
      data: {
        title: 'An earlier letter',
        description: 'Dated to the day.',
        startDate: new Date('2019-02-14T00:00:00Z'),
        status: 'PUBLISHED',
        companies: { create: { companyId: company.id } },
      },
    });
    expect((await getCompanyFigures([company.id])).lastActivity).toEqual({
      date: new Date('2019-03-01T00:00:00Z'),
      precision: 'MONTH',
    });
    await client.companyStatement.create({
      data: {
        companyId: company.id,
        date: new Date('2019-03-01T00:00:00Z'),
        kind: 'DECLINED_TO_COMMENT',
        summary: 'Declined to comment on 1 March 2019.',
        status: 'PUBLISHED',
      },
    });
    expect((await getCompanyFigures([company.id])).lastActivity).toEqual({
      date: new Date('2019-03-01T00:00:00Z'),
      precision: 'DAY',
    });
    // A contract ended later, though when it was awarded is not on record, is the last activity.
    const agency = await client.agency.findFirstOrThrow({ where: { status: 'PUBLISHED' } });
    const ended = await client.governmentContract.create({
      data: {
        companyId: company.id,
        agencyId: agency.id,
        title: 'A contract whose award date is not on record',
        contractStatus: 'CANCELLED',
        statusChangedAt: new Date('2020-01-01T00:00:00Z'),
        statusChangedPrecision: 'YEAR',
        status: 'PUBLISHED',
      },
    });
    // The other tests' lists of companies with contracts do not count it.
    onTestFinished(() => client.governmentContract.delete({ where: { id: ended.id } }).then(() => undefined));
    expect((await getCompanyFigures([company.id])).lastActivity).toEqual({
      date: new Date('2020-01-01T00:00:00Z'),
      precision: 'YEAR',
    });
    // Listed twice, its award and its change of status, and counted so: the list says how many of
    // its entries are changes of status (a contracts file lists each contract once), past its end too.
    const contractEntries = { companyIds: [company.id], kind: 'contract' as const };
    for (const page of [1, 3]) {
      expect(await listIncidents(contractEntries, { page, perPage: 1 })).toMatchObject({ total: 2, statusChanges: 1 });
    }
    // The timeline's year menu offers the year of that end, though no action nor award is in it.
    expect(await incidentYears({ companyIds: [company.id] })).toEqual([2020, 2019]);
    expect(figuresYears(await getCompanyFigures([company.id]))).toEqual([2019]);
    // Active since the very day it was awarded: one entry, its award's; since a later day, two.
    const active = await client.governmentContract.create({
      data: {
        companyId: company.id,
        agencyId: agency.id,
        title: 'A contract active since its award',
        awardDate: new Date('2019-05-01T00:00:00Z'),
        contractStatus: 'ACTIVE',
        statusChangedAt: new Date('2019-05-01T00:00:00Z'),
        status: 'PUBLISHED',
      },
    });
    onTestFinished(() => client.governmentContract.delete({ where: { id: active.id } }).then(() => undefined));
    expect(await listIncidents(contractEntries, { perPage: 10 })).toMatchObject({ total: 3, statusChanges: 1 });
    await client.governmentContract.update({
      where: { id: active.id },
      data: { statusChangedAt: new Date('2019-06-01T00:00:00Z') },
    });
    expect(await listIncidents(contractEntries, { perPage: 10 })).toMatchObject({ total: 4, statusChanges: 2 });
  });

  it('records Google not renewing its Pentagon contract after actions against it', async () => {
    const figures = await getCompanyFigures([await idOf('google')]);
    expect(figures.contracts.endedAfterActions).toEqual([
      expect.objectContaining({ title: 'Drone technology contract with the Pentagon', status: 'NOT_RENEWED' }),
    ]);
    expect(figures.actions.outcomes.met).toBeGreaterThanOrEqual(1);
  });

  it('counts a contract as ended after actions only if it did not end before the first of them began', async () => {
    const google = await idOf('google');
    const [ended] = await database().query<{ id: string; first: Date }>(
      `SELECT k.id, min(a.start_date) AS first FROM government_contracts k
         JOIN employee_action_contracts x ON x.contract_id = k.id JOIN employee_actions a ON a.id = x.action_id
       WHERE k.company_id = $1 AND k.contract_status = 'NOT_RENEWED' GROUP BY k.id`,
      [google],
    );
    const { id, first } = ended!;
    const endedOn = async (date: string | null, precision = 'DAY') => {
      await database().query(
        `UPDATE government_contracts SET status_changed_at = $2, status_changed_precision = $3 WHERE id = $1`,
        [id, date, precision],
      );
      return (await getCompanyFigures([google])).contracts.endedAfterActions.map((contract) => contract.id);
    };
    const [was] = await database().query<{ at: Date | null; precision: string }>(
      'SELECT status_changed_at AS at, status_changed_precision AS precision FROM government_contracts WHERE id = $1',
      [id],
    );
    onTestFinished(() => endedOn(was!.at?.toISOString() ?? null, was!.precision).then(() => undefined));
    const dayBefore = new Date(first.getTime() - 86_400_000).toISOString().slice(0, 10);
    expect(await endedOn(dayBefore)).toEqual([]);
    expect(await endedOn(first.toISOString().slice(0, 10))).toEqual([id]);
    // A year is the whole year: ended in the year the actions began, perhaps after them.
    expect(await endedOn(`${first.getUTCFullYear()}-01-01`, 'YEAR')).toEqual([id]);
    expect(await endedOn(`${first.getUTCFullYear() - 1}-01-01`, 'YEAR')).toEqual([]);
    expect(await endedOn(null)).toEqual([id]);
  });

  it('counts participants as a floor: a highest number ("nearly five thousand") adds nothing to it, and is counted apart', async () => {
    const google = await idOf('google');
    const figures = await getCompanyFigures([google]);
    const [row] = await database().query<{ low: string; n: string; most: string; maven: number | null }>(
      `SELECT sum(a.participants_min) AS low, count(a.participants_min) AS n,
              count(*) FILTER (WHERE a.participants_min IS NULL AND a.participants_max IS NOT NULL) AS most,
              max(a.participants_max) FILTER (WHERE a.participants_text = 'Nearly five thousand Google workers') AS maven
         FROM employee_actions a JOIN employee_action_companies l ON l.action_id = a.id
        WHERE l.company_id = $1 AND a.status = 'PUBLISHED'`,
      [google],
    );
    // The Project Maven petition is on record as at most 5,000 ("nearly"), not at least.
    expect(row?.maven).toBe(5000);
    expect(Number(row?.most)).toBeGreaterThan(0);
    expect(figures.actions).toMatchObject({
      participantsLow: Number(row?.low),
      withParticipants: Number(row?.n),
      withHighestOnly: Number(row?.most),
    });
  });

  it('rolls subsidiaries up: Alphabet with Google and YouTube counts every distinct action once', async () => {
    const alphabet = await idOf('alphabet');
    const scope = await companyScope(alphabet, true);
    const slugs = (
      await database().query<{ slug: string }>('SELECT slug FROM companies WHERE id = ANY($1) ORDER BY slug', [scope])
    ).map((r) => r.slug);
    expect(slugs).toEqual(expect.arrayContaining(['alphabet', 'google', 'youtube']));
    const alone = await getCompanyFigures([alphabet]);
    const rolled = await getCompanyFigures(scope);
    const distinct = await count(
      `SELECT count(DISTINCT l.action_id) AS n FROM employee_action_companies l JOIN employee_actions a ON a.id = l.action_id
       WHERE l.company_id = ANY($1) AND a.status = 'PUBLISHED'`,
      [scope],
    );
    expect(rolled.actions.count).toBe(distinct);
    expect(rolled.actions.count).toBeGreaterThan(alone.actions.count);
    expect(rolled.contracts.count).toBe(1);
    expect(alone.contracts.count).toBe(0);
  });
});

describe('incidents', () => {
  it('filters by form and year range, newest first, equal to an independent count', async () => {
    const result = await listIncidents({ form: 'open-letter', fromYear: 2018, toYear: 2018 }, { perPage: 100 });
    const expected = await count(`
      SELECT count(DISTINCT a.id) AS n FROM employee_actions a JOIN employee_action_terms t ON t.action_id = a.id
      JOIN vocabulary_terms v ON v.id = t.term_id
      WHERE v.slug = 'open-letter' AND a.start_date >= '2018-01-01' AND a.start_date < '2019-01-01' AND a.status = 'PUBLISHED'`);
    expect(result.total).toBe(expected);
    expect(result.entries.every((entry) => entry.kind === 'action' && entry.date?.getUTCFullYear() === 2018)).toBe(
      true,
    );
    const times = result.entries.map((entry) => entry.date?.getTime() ?? 0);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('counts, for each form and issue, what choosing it would find with the other filters kept', async () => {
    const amazon = await idOf('amazon');
    const filters = { companyIds: [amazon], fromYear: 2019, toYear: 2021, issue: 'ethics' };
    const counts = await actionTermCounts(filters);
    // Each form's count is the list that choosing it gives.
    const forms = Object.entries(counts?.ACTION_FORM ?? {});
    expect(forms.length).toBeGreaterThan(1);
    for (const [form, n] of forms) {
      expect((await listIncidents({ ...filters, form }, { perPage: 1 })).total, form).toBe(n);
    }
    // An issue's count keeps the form chosen (here none) and drops the issue chosen.
    const ethics = await count(`
      SELECT count(*) AS n FROM employee_actions a
      WHERE a.status = 'PUBLISHED' AND a.start_date >= '2019-01-01' AND a.start_date < '2022-01-01'
        AND EXISTS (SELECT 1 FROM employee_action_companies c WHERE c.action_id = a.id AND c.company_id = '${amazon}')
        AND EXISTS (SELECT 1 FROM employee_action_terms l JOIN vocabulary_terms v ON v.id = l.term_id
                    WHERE l.action_id = a.id AND v.kind = 'ISSUE' AND v.slug = 'ethics')`);
    expect(counts?.ISSUE.ethics).toBe(ethics);
    expect(ethics).toBeGreaterThan(0);
    // Another issue counts what choosing it instead of ethics would find.
    const others = Object.entries(counts?.ISSUE ?? {}).filter(([issue]) => issue !== 'ethics');
    expect(others.length).toBeGreaterThan(0);
    for (const [issue, n] of others) {
      expect((await listIncidents({ ...filters, issue }, { perPage: 1 })).total, issue).toBe(n);
    }
    // Another kind of record than actions has no such menus.
    expect(await actionTermCounts({ kind: 'contract' })).toBeNull();
  });

  it('gives a company timeline every kind of record, each with its link and sources', async () => {
    const result = await listIncidents({ companyIds: [await idOf('salesforce')] }, { perPage: 100 });
    expect(new Set(result.entries.map((entry) => entry.kind))).toEqual(
      new Set(['action', 'contract', 'donation', 'statement']),
    );
    const rejection = result.entries.find((entry) => entry.title === 'RAICES rejected $250,000 from Salesforce');
    expect(rejection?.href).toMatch(/^\/donations\/[a-z0-9]+$/);
    expect(rejection?.sources.map((source) => source.publisher)).toEqual(['BuzzFeed News']);
    // Every entry of every kind cites what its record's link table holds, in the order of the ids.
    const LINKS = {
      action: ['employee_action_sources', 'action_id'],
      contract: ['contract_sources', 'contract_id'],
      'contract-status': ['contract_sources', 'contract_id'],
      donation: ['donation_response_sources', 'donation_response_id'],
      statement: ['company_statement_sources', 'statement_id'],
    } as const;
    for (const entry of result.entries) {
      const [table, column] = LINKS[entry.kind];
      const linked = await database().query<{ source_id: string }>(
        `SELECT source_id FROM ${table} WHERE ${column} = $1 ORDER BY source_id`,
        [entry.id],
      );
      expect(linked.length, `${entry.kind} ${entry.title}`).toBeGreaterThan(0);
      expect(
        entry.sources.map((source) => source.id),
        `${entry.kind} ${entry.title}`,
      ).toEqual(linked.map((row) => row.source_id));
      expect(entry.sourceCount).toBe(linked.length);
    }
  });

  it('names an action’s forms and companies in the order of their names, as its page and the API do', async () => {
    // The actions whose forms or companies were linked in another order than their names'.
    const rows = await database().query<{ id: string; forms: string[]; companies: string[] | null }>(
      `SELECT a.id,
              (SELECT array_agg(t.label ORDER BY t.label) FROM employee_action_terms l JOIN vocabulary_terms t ON t.id = l.term_id
                WHERE l.action_id = a.id AND t.kind = 'ACTION_FORM') AS forms,
              (SELECT array_agg(c.name ORDER BY c.name) FROM employee_action_companies l JOIN companies c ON c.id = l.company_id
                WHERE l.action_id = a.id) AS companies
         FROM employee_actions a
        WHERE a.status = 'PUBLISHED'
          AND ((SELECT array_agg(l.term_id ORDER BY l.term_id) FROM employee_action_terms l JOIN vocabulary_terms t ON t.id = l.term_id
                 WHERE l.action_id = a.id AND t.kind = 'ACTION_FORM')
               <> (SELECT array_agg(l.term_id ORDER BY t.label) FROM employee_action_terms l JOIN vocabulary_terms t ON t.id = l.term_id
                 WHERE l.action_id = a.id AND t.kind = 'ACTION_FORM')
            OR (SELECT array_agg(l.company_id ORDER BY l.company_id) FROM employee_action_companies l WHERE l.action_id = a.id)
               <> (SELECT array_agg(l.company_id ORDER BY c.name) FROM employee_action_companies l JOIN companies c ON c.id = l.company_id
                 WHERE l.action_id = a.id))`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const entries = await describeEntries(
      rows.map((row) => ({ kind: 'action', id: row.id, date: null, precision: 'DAY' })),
    );
    expect(
      entries.map((entry) => [entry.facts?.split(' · ')[0], entry.companies.map((company) => company.name)]),
    ).toEqual(rows.map((row) => [row.forms.join(', '), row.companies ?? []]));
  });

  it('filters by agency through the contracts an action targets', async () => {
    const cbp = (await database().query<{ id: string }>(`SELECT id FROM agencies WHERE slug = 'cbp'`))[0]!.id;
    const result = await listIncidents({ agencyId: cbp, kind: 'action' }, { perPage: 100 });
    expect(result.entries.map((entry) => entry.title)).toEqual(
      expect.arrayContaining([
        'Open letter involving Salesforce',
        'Protest outside Salesforce’s new San Francisco headquarters',
      ]),
    );
  });

  it('never shows a company that is not published, nor a contract or statement of one', async () => {
    const client = database().client;
    const hidden = await client.company.create({
      data: { slug: 'hidden-test', name: 'Hidden Test Corp', status: 'IN_REVIEW' },
    });
    const salesforce = await idOf('salesforce');
    const agency = await client.agency.findUniqueOrThrow({ where: { slug: 'ice' } });
    onTestFinished(async () => {
      await client.employeeAction.deleteMany({ where: { title: 'Walkout naming a hidden company' } });
      await client.governmentContract.deleteMany({ where: { companyId: hidden.id } });
      await client.companyStatement.deleteMany({ where: { companyId: hidden.id } });
      await client.company.delete({ where: { id: hidden.id } });
    });
    const contract = await client.governmentContract.create({
      data: { companyId: hidden.id, agencyId: agency.id, title: 'Hidden surveillance contract', status: 'PUBLISHED' },
    });
    const statement = await client.companyStatement.create({
      data: {
        companyId: hidden.id,
        date: new Date('2020-06-01T00:00:00Z'),
        kind: 'STATEMENT',
        summary: 'Hidden statement.',
        status: 'PUBLISHED',
      },
    });
    const action = await client.employeeAction.create({
      data: {
        title: 'Walkout naming a hidden company',
        description: 'Against a hidden surveillance contract.',
        startDate: new Date('2020-05-01T00:00:00Z'),
        status: 'PUBLISHED',
        companies: { create: [{ companyId: salesforce }, { companyId: hidden.id }] },
        contracts: { create: { contractId: contract.id } },
      },
    });
    const shown = [
      ...(await listIncidents({ fromYear: 2020, toYear: 2020 }, { perPage: 500 })).entries,
      ...(await searchRecord('hidden')).incidents,
      ...(await listIncidents({ agencyId: agency.id }, { perPage: 500 })).entries,
    ];
    expect(shown.filter((entry) => entry.id === action.id).map((entry) => entry.companies)).toEqual([
      [{ slug: 'salesforce', name: 'Salesforce' }],
      [{ slug: 'salesforce', name: 'Salesforce' }],
    ]);
    expect(shown.flatMap((entry) => entry.companies.map((company) => company.slug))).not.toContain('hidden-test');
    expect(shown.map((entry) => entry.title).join(' ')).not.toMatch(/Hidden/);
    // Nor counts what it does not show, nor offers search engines pages that are not there.
    for (const filters of [
      { fromYear: 2020, toYear: 2020 },
      { kind: 'contract' as const },
      { kind: 'statement' as const },
    ]) {
      const list = await listIncidents(filters, { perPage: 500 });
      expect(list.total).toBe(list.entries.length);
    }
    const paths = (await listSitemapEntries()).map((entry) => entry.path);
    expect(paths).not.toContain(`/contracts/${contract.id}`);
    expect(paths).not.toContain(`/statements/${statement.id}`);
    expect(paths).not.toContain('/companies/hidden-test');
  });

  it('pages through the whole list without repeating or losing an entry', async () => {
    const all = await listIncidents({ kind: 'action', fromYear: 2019, toYear: 2019 }, { perPage: 1000 });
    const pages = await Promise.all(
      [1, 2, 3, 4, 5].map((page) =>
        listIncidents({ kind: 'action', fromYear: 2019, toYear: 2019 }, { page, perPage: 40 }),
      ),
    );
    const paged = pages.flatMap((page) => page.entries.map((entry) => entry.id));
    expect(paged).toEqual(all.entries.map((entry) => entry.id).slice(0, paged.length));
    expect(new Set(paged).size).toBe(paged.length);
  });

  it('counts the published actions of each form and issue the filter menus offer', async () => {
    for (const kind of ['ACTION_FORM', 'ISSUE'] as const) {
      const terms = await listTerms(kind);
      const counted = await database().query<{ slug: string; n: string }>(
        `SELECT t.slug, count(a.id) AS n FROM vocabulary_terms t
         LEFT JOIN employee_action_terms l ON l.term_id = t.id
         LEFT JOIN employee_actions a ON a.id = l.action_id AND a.status = 'PUBLISHED'
         WHERE t.kind = $1 AND t.merged_into_id IS NULL GROUP BY t.slug`,
        [kind],
      );
      expect(Object.fromEntries(terms.map((term) => [term.slug, term.count]))).toEqual(
        Object.fromEntries(counted.map((row) => [row.slug, Number(row.n)])),
      );
      expect(terms.some((term) => term.count > 0)).toBe(true);
    }
  });

  it('knows how many pages a list has from a page past its end, as the page says', async () => {
    const first = await listIncidents({}, { page: 1 });
    expect(first.pages).toBeGreaterThan(1);
    expect(await listIncidents({}, { page: 999 })).toEqual({
      entries: [],
      total: first.total,
      statusChanges: first.statusChanges,
      pages: first.pages,
    });
    const companies = await listCompanies({ page: 1, has: 'actions' });
    expect(companies.pages).toBeGreaterThan(1);
    expect(await listCompanies({ page: 99, has: 'actions' })).toEqual({
      companies: [],
      total: companies.total,
      pages: companies.pages,
    });
  });
});

describe('the public history of the first records', () => {
  it('names where each step came from: the data set imported, the first entries from the report', async () => {
    const { listRevisions } = await import('@/lib/data/review');
    const { client } = database();
    const imported = await client.employeeAction.findFirstOrThrow({
      where: { externalSource: 'collective-action-tech', externalId: '92' },
      select: { id: true },
    });
    // Newest first: the report's facts added to the data set's open letter (its contract), the letter.
    expect((await listRevisions('EMPLOYEE_ACTION', imported.id)).map((step) => [step.kind, step.who])).toEqual([
      ['UPDATE', 'Counterweight’s first entries'],
      ['IMPORT', 'Import of the Collective Action in Tech data set'],
    ]);
    const raices = await client.organization.findFirstOrThrow({ where: { acronym: 'RAICES' }, select: { id: true } });
    expect((await listRevisions('ORGANIZATION', raices.id)).map((step) => step.who)).toEqual([
      'Counterweight’s first entries',
    ]);
  });

  it('lists in a first entry’s step what it was created linked to: companies, forms, issues, contracts, places', async () => {
    const { listRevisions } = await import('@/lib/data/review');
    const { client } = database();
    const protest = await client.employeeAction.findFirstOrThrow({
      where: { title: { startsWith: 'Protest outside Salesforce' } },
      select: { id: true },
    });
    const [created] = await listRevisions('EMPLOYEE_ACTION', protest.id);
    const kept = Object.fromEntries(created!.kept.map((line) => [line.field, line.after]));
    expect(kept).toMatchObject({
      companies: 'Salesforce',
      formSlugs: 'Protest',
      issueSlugs: 'Ethics',
      contractIds: expect.stringContaining('Software and technical services for U.S. Customs and Border Protection'),
      places: expect.stringContaining('San Francisco'),
    });
    const rejection = await client.donationResponse.findFirstOrThrow({
      where: { response: 'REJECTED', quoteAttribution: { contains: 'Jonathan Ryan' } },
      select: { id: true },
    });
    const [given] = await listRevisions('DONATION_RESPONSE', rejection.id);
    expect(given!.kept.find((line) => line.field === 'contractIds')?.after).toContain('Customs and Border Protection');
  });
});

describe('records citing a contract archived since', () => {
  it('say so on their pages and in their public history, by its address alone, never as citing nothing', async () => {
    const { getEmployeeAction, getStatement } = await import('@/lib/data/records');
    const { listRevisions } = await import('@/lib/data/review');
    const { client } = database();
    const statement = await client.companyStatement.findFirstOrThrow({
      where: { status: 'PUBLISHED', contractId: { not: null } },
      select: { id: true, contractId: true },
    });
    const contract = await client.governmentContract.findUniqueOrThrow({
      where: { id: statement.contractId! },
      select: { id: true, title: true, company: { select: { slug: true, name: true } } },
    });
    const link = await client.employeeActionContract.findFirstOrThrow({
      where: { contractId: contract.id },
      select: { actionId: true },
    });
    expect((await getStatement(statement.id))?.contract?.id).toBe(contract.id);
    const named = (history: Awaited<ReturnType<typeof listRevisions>>) =>
      history.flatMap((step) => step.kept).find((line) => line.field === 'contractId')?.after;
    expect(named(await listRevisions('COMPANY_STATEMENT', statement.id))).toBe(
      `${contract.title} (${contract.company.name})`,
    );

    await client.governmentContract.update({ where: { id: contract.id }, data: { status: 'ARCHIVED' } });
    onTestFinished(async () => {
      await client.governmentContract.update({ where: { id: contract.id }, data: { status: 'PUBLISHED' } });
    });
    const after = await getStatement(statement.id);
    expect(after?.contract).toBeNull();
    // By its address alone: what it said is for reviewers only.
    expect(after?.archivedAnswers).toEqual([{ kind: 'contract', href: `/contracts/${contract.id}` }]);
    const action = await getEmployeeAction(link.actionId);
    expect(action?.contracts.map(({ id }) => id)).not.toContain(contract.id);
    expect(action?.archivedContracts).toContainEqual({ kind: 'contract', href: `/contracts/${contract.id}` });
    expect(named(await listRevisions('COMPANY_STATEMENT', statement.id))).toBe(
      `A contract archived since (${contract.id})`,
    );
  });
});

describe('search', () => {
  it('reads names in a search as its full text does: "-word" leaves a name out, "a or b" looks for both', async () => {
    const companies = async (query: string) => (await searchRecord(query)).companies.map((company) => company.slug);
    expect(await companies('drone -google')).not.toContain('google');
    expect(await companies('-google')).toEqual([]);
    expect(await companies('google or amazon')).toEqual(expect.arrayContaining(['google', 'amazon']));
    expect(await companies('amazon OR google')).toEqual(expect.arrayContaining(['google', 'amazon']));
    expect(await companies('"salesforce"')).toContain('salesforce');
  });

  it('finds Salesforce despite a typo', async () => {
    expect((await searchRecord('salesfroce')).companies.map((company) => company.slug)).toContain('salesforce');
    expect((await searchRecord('Sales Force')).companies[0]?.slug).toBe('salesforce');
  });

  it('puts right a misspelt company name among other words when no incident has them as typed, and says so', async () => {
    const typed = await searchRecord('Mircosoft ICE');
    expect(typed.companies.map((company) => company.slug)).toContain('microsoft');
    expect(typed.corrected).toEqual({ words: 'Microsoft ICE', names: [{ typed: 'Mircosoft', name: 'Microsoft' }] });
    const right = await searchRecord('Microsoft ICE');
    expect(right.corrected).toBeNull();
    expect(right.incidents.length).toBeGreaterThan(0);
    expect(typed.incidents).toEqual(right.incidents);
    // A letter missing and two swapped, in other words.
    expect((await searchRecord('amazn protest')).corrected?.words).toBe('Amazon protest');
    expect((await searchRecord('googel drone')).corrected?.words).toBe('Google drone');
    // Another name of the company misspelt is put right to that name, which the incidents write.
    const facebook = await searchRecord('facebok moderators');
    expect(facebook.corrected).toEqual({
      words: 'Facebook moderators',
      names: [{ typed: 'facebok', name: 'Facebook' }],
    });
    expect(facebook.companies.map((company) => company.slug)).toContain('meta');
    expect(facebook.incidents).toEqual((await searchRecord('Facebook moderators')).incidents);
    expect(facebook.incidents.length).toBeGreaterThan(0);
    // Every time it is typed, but not where it is left out.
    expect((await searchRecord('amazn protest amazn')).corrected?.words).toBe('Amazon protest Amazon');
    expect((await searchRecord('-Mircosoft ICE Mircosoft')).corrected?.words).toBe('-Mircosoft ICE Microsoft');
    // Words found as typed are never put right; a word far from any name is not a misspelling of one.
    expect((await searchRecord('microsoft ice')).corrected).toBeNull();
    const nothing = await searchRecord('Microsoft xylophonic');
    expect([nothing.corrected, nothing.incidents]).toEqual([null, []]);
    expect((await searchRecord('walkuot xylophonic')).corrected).toBeNull();
    // A word some incident has is not a misspelling of a company it is like ("lift" of Lyft), and a
    // company a word is like is not shown without incidents to say why.
    expect((await searchRecord('lift')).incidents.length).toBeGreaterThan(0);
    const lift = await searchRecord('lift xylophonic');
    expect([lift.corrected, lift.incidents]).toEqual([null, []]);
    expect((await searchRecord('Mircosoft xylophonic')).companies).toEqual([]);
    // The lists' words are put right the same way, for the page to offer.
    const { correctedWords } = await import('@/lib/data/search');
    expect(await correctedWords('gogle drone')).toEqual({
      words: 'Google drone',
      names: [{ typed: 'gogle', name: 'Google' }],
    });
    expect(await correctedWords('google drone')).toBeNull();
    expect(await correctedWords('xylophonic')).toBeNull();
  });

  it('reads names with the typo threshold search asks for on every connection, whatever options its address sets', async () => {
    const { createDatabaseClient } = await import('@/lib/database/client');
    const url = new URL(process.env.DATABASE_URL as string);
    url.searchParams.set('options', '-c statement_timeout=5000');
    const client = createDatabaseClient(url.toString());
    try {
      const rows = await client.$queryRaw<{ threshold: string; timeout: string }[]>`
        SELECT current_setting('pg_trgm.word_similarity_threshold') AS threshold, current_setting('statement_timeout') AS timeout`;
      expect(rows).toEqual([{ threshold: '0.5', timeout: '5s' }]);
    } finally {
      await client.$disconnect();
    }
  });

  it('puts first the incidents with the very words typed, where stemming reads "customs" as "customers"', async () => {
    const { incidents } = await searchRecord('Customs');
    // Independently: the records whose text has the word "customs" itself.
    const rows = await database().query<{ id: string }>(`
      SELECT id FROM employee_actions WHERE title || ' ' || description ~* '\\mcustoms\\M'
      UNION ALL SELECT id FROM government_contracts WHERE title || ' ' || coalesce(purpose, '') ~* '\\mcustoms\\M'
      UNION ALL SELECT id FROM donation_responses WHERE coalesce(reason, '') || ' ' || coalesce(quote, '') ~* '\\mcustoms\\M'
      UNION ALL SELECT id FROM company_statements WHERE summary || ' ' || coalesce(quote, '') ~* '\\mcustoms\\M'`);
    const saysCustoms = new Set(rows.map((row) => row.id));
    const says = incidents.map((entry) => saysCustoms.has(entry.id));
    // Stemming finds both; those saying "customs" (Customs and Border Protection) come first.
    expect(says.indexOf(false)).toBeGreaterThan(0);
    expect(says.slice(says.indexOf(false))).not.toContain(true);
    // Every word asked for (any, with "or"); one left out with "-" is not asked for.
    const { exactWordsPattern } = await import('@/lib/data/text-match');
    // Anchored at the start: unanchored, a long text lacking a word is tried from every position.
    expect(exactWordsPattern('customs border -customers')).toBe('^(?=.*\\mcustoms\\M)(?=.*\\mborder\\M)');
    expect(exactWordsPattern('customs or border')).toBe('\\m(customs|border)\\M');
    expect(exactWordsPattern('Customs')).toBe('\\m(customs)\\M');
    expect(exactWordsPattern('-walkout')).toBeNull();
  });

  it('reads "walked out" in a record as the very word "walkout": such records are not put after those saying it', async () => {
    // Independently: the actions whose text says walkout, or walked (walks, walking) out, or walk-out.
    const rows = await database().query<{ id: string }>(`
      SELECT id FROM employee_actions WHERE status = 'PUBLISHED'
        AND title || ' ' || description ~* '\\m(walkout|(walk|walks|walked|walking)[\\s-]+out)\\M'`);
    const saysIt = new Set(rows.map((row) => row.id));
    const google = await database().query<{ id: string }>(
      `SELECT id FROM employee_actions WHERE description LIKE 'Google employees and contractors walked out%'`,
    );
    expect(google).toHaveLength(1);
    expect(saysIt.has(google[0]!.id)).toBe(true);
    for (const q of ['walkout', 'walked out', 'walk-out']) {
      const says = (await searchRecord(q)).incidents.map((entry) => saysIt.has(entry.id));
      expect(says.length, q).toBeGreaterThan(0);
      // Those saying it in either form first, whichever form the query takes.
      expect(says.slice(0, Math.min(says.length, saysIt.size)), q).not.toContain(false);
    }
  });

  it('finds the words a record writes inside "<" and ">", which the text parser took for a tag', async () => {
    const client = database().client;
    const company = await client.company.create({
      data: { slug: 'angle-brackets-test', name: 'Angle Brackets Test', status: 'PUBLISHED' },
    });
    const agency = await client.agency.findFirstOrThrow({ where: { status: 'PUBLISHED' } });
    const action = await client.employeeAction.create({
      data: {
        title: 'Workers gathered <zyxoutside> the office',
        description: 'They said so.',
        startDate: new Date('2019-03-01T00:00:00Z'),
        status: 'PUBLISHED',
        companies: { create: { companyId: company.id } },
      },
    });
    const contract = await client.governmentContract.create({
      data: {
        companyId: company.id,
        agencyId: agency.id,
        title: 'Hosting',
        purpose: 'CBP <zyxdata>',
        status: 'PUBLISHED',
      },
    });
    const statement = await client.companyStatement.create({
      data: {
        companyId: company.id,
        date: new Date('2019-03-02T00:00:00Z'),
        kind: 'STATEMENT',
        summary: 'It said <b>zyxbold</b>.',
        status: 'PUBLISHED',
      },
    });
    onTestFinished(async () => {
      await client.companyStatement.delete({ where: { id: statement.id } });
      await client.governmentContract.delete({ where: { id: contract.id } });
      await client.employeeAction.delete({ where: { id: action.id } });
      await client.company.delete({ where: { id: company.id } });
    });
    for (const [words, id] of [
      ['zyxoutside', action.id],
      ['zyxdata', contract.id],
      ['<zyxdata>', contract.id],
      ['zyxbold', statement.id],
    ] as const) {
      expect(
        (await searchRecord(words)).incidents.map((entry) => entry.id),
        words,
      ).toEqual([id]);
    }
  });

  it('puts the larger of equally good matches first: "walkout" finds the 20,000 of Google\'s walkout among its 25', async () => {
    const [walkout] = await database().query<{ id: string; participants: number }>(
      `SELECT id, participants_max AS participants FROM employee_actions
        WHERE description LIKE 'Google employees and contractors walked out%'`,
    );
    expect(walkout?.participants).toBe(20000);
    // Most actions say "walkout" once and so match it equally well: by rank, then date alone, the
    // largest walkout of the record came after at least 25 others, most of them smaller and later.
    const ahead = await database().query<{ count: number }>(
      `WITH ranked AS (
         SELECT id, start_date, ts_rank(search_vector, websearch_to_tsquery('english_unaccented', 'walkout')) AS rank
           FROM employee_actions WHERE status = 'PUBLISHED' AND search_vector @@ websearch_to_tsquery('english_unaccented', 'walkout'))
       SELECT count(*)::int AS count FROM ranked a, ranked google
        WHERE google.id = $1 AND (a.rank > google.rank OR (a.rank = google.rank AND a.start_date > google.start_date))`,
      [walkout!.id],
    );
    expect(ahead[0]!.count).toBeGreaterThanOrEqual(MAX_INCIDENT_RESULTS);
    const found = (await searchRecord('walkout')).incidents;
    expect(found.map((entry) => entry.id)).toContain(walkout!.id);
  });

  it('says a company was found by the other name typed, where it ties with its own once legal forms are set aside', async () => {
    // The compare page's box adds a company at once by a name it is on record as (app/compare/add).
    expect((await findCompaniesByName('Salesforce.com', 3))[0]).toMatchObject({
      slug: 'salesforce',
      matched: 'Salesforce.com',
    });
    expect((await findCompaniesByName('salesforce', 3))[0]).toMatchObject({
      slug: 'salesforce',
      matched: 'Salesforce',
    });
    expect((await findCompaniesByName('amazn', 3))[0]).toMatchObject({ slug: 'amazon', matched: 'Amazon' });
  });

  it('offers, among the names a text begins, the closest first: "goo" is Google before Goodlord', async () => {
    const slugs = async (text: string) => (await findCompaniesByName(text, 6)).map((company) => company.slug);
    expect((await slugs('goo')).slice(0, 2)).toEqual(['google', 'goodlord']);
    expect((await slugs('Goodl'))[0]).toBe('goodlord');
  });

  it('finds a name with two letters swapped or one letter wrong, missing or added, which change most of a short name’s trigrams', async () => {
    for (const [typed, slug] of [
      ['Amzaon', 'amazon'],
      ['Goolge', 'google'],
      ['Lfyt', 'lyft'],
      ['amzaon web services', 'amazon'],
      // A letter wrong, missing or one too many in a short name, which changes half its trigrams.
      ['ubar', 'uber'],
      ['Lyfft', 'lyft'],
      ['Gogle', 'google'],
    ] as const) {
      expect((await searchRecord(typed)).companies[0]?.slug, typed).toBe(slug);
      expect((await findCompaniesByName(typed, 3))[0]?.slug, typed).toBe(slug);
    }
    expect((await searchRecord('RAICSE')).organizations[0]?.slug).toBe('raices');
    for (const typed of ['raises', 'raics', 'raicess'])
      expect((await searchRecord(typed)).organizations[0]?.slug, typed).toBe('raices');
    // Its Spanish name's accent is no other name: "Raíces" is RAICES, in search and in the forms' suggestions.
    expect((await searchRecord('Raíces')).organizations[0]?.slug).toBe('raices');
    expect((await findOrganizationsByName('raíces', 5))[0]?.slug).toBe('raices');
    // The name itself first, before a name one letter away (efood and iFood both are).
    for (const name of ['efood', 'iFood']) {
      expect((await findCompaniesByName(name, 3)).map((company) => company.slug).slice(0, 2), name).toEqual(
        name === 'efood' ? ['efood', 'ifood'] : ['ifood', 'efood'],
      );
    }
    // A word with a letter left out is no acronym's misspelling: "laws" is not AWS, nor "snap" SAP.
    for (const [word, slug] of [
      ['laws', 'amazon'],
      ['snap', 'sap'],
    ] as const) {
      expect(
        (await searchRecord(word)).companies.map((company) => company.slug),
        word,
      ).not.toContain(slug);
    }
    // Too short to mean one name: "ICE" is not "CIE".
    expect((await searchRecord('cie')).agencies.map((agency) => agency.slug)).not.toContain('ice');
    // Words of a long name given apart, and a typo inside one of its words.
    expect((await searchRecord('refugee center')).organizations.map((body) => body.slug)).toEqual(['raices']);
    expect((await findOrganizationsByName('legal services refugee', 3)).map((body) => body.slug)).toEqual(['raices']);
    // By its acronym as a word of the text, or spelled with dots: what a new organization's "did you mean" finds.
    for (const text of ['RAICES Texas', 'Raices San Antonio', 'R.A.I.C.E.S.'])
      expect((await findOrganizationsByName(text, 3)).map((body) => body.slug)).toContain('raices');
    expect((await searchRecord('imigration')).agencies[0]?.slug).toBe('ice');
    expect((await searchRecord('border protecton')).agencies[0]?.slug).toBe('cbp');
    // A letter left out of a word: 0.57 alike, under pg_trgm's default threshold (lib/database/client.ts).
    expect((await searchRecord('custms')).agencies.map((agency) => agency.slug)).toContain('cbp');
    // Every word, not some: one the name lacks finds nothing.
    expect((await searchRecord('refugee xylophone')).organizations).toEqual([]);
  });

  it('finds a company by another name it goes by: AWS is Amazon', async () => {
    expect((await searchRecord('AWS')).companies[0]).toMatchObject({ slug: 'amazon', matched: 'AWS' });
    // Another three letters are not AWS for sharing two of its letters: "AWU" (the Alphabet Workers Union).
    for (const typed of ['AWU', 'awd'])
      for (const found of [(await searchRecord(typed)).companies, await findCompaniesByName(typed, 10)])
        expect(
          found.map((company) => company.slug),
          typed,
        ).not.toContain('amazon');
    // Found as well by its own name, it is said to be found by that, not by another it goes by.
    for (const typed of ['amazn', 'a', 'Amazon'])
      for (const found of [(await searchRecord(typed)).companies, await findCompaniesByName(typed, 10)])
        expect(found.find((company) => company.slug === 'amazon')?.matched, typed).toBe('Amazon');
  });

  it('finds an agency by another name it goes by: the seed report’s Pentagon is the Department of Defense', async () => {
    expect((await searchRecord('Pentagon')).agencies).toEqual([
      { slug: 'dod', name: 'Department of Defense', acronym: 'DoD', matched: 'Pentagon' },
    ]);
    expect((await searchRecord('the pentagon')).agencies[0]?.slug).toBe('dod');
    // Found by its name or acronym, it is not said to be found by another.
    expect((await searchRecord('DoD')).agencies[0]).toMatchObject({ slug: 'dod', matched: null });
    expect((await searchRecord('Department of Defense')).agencies[0]).toMatchObject({ slug: 'dod', matched: null });
    // A short word is found whole in an other name, not inside a longer word: "ICE" is not in "Office".
    const [defense] = await database().query<{ aliases: string[] }>(`SELECT aliases FROM agencies WHERE slug = 'dod'`);
    await database().query(`UPDATE agencies SET aliases = aliases || '{Office of the Secretary}' WHERE slug = 'dod'`);
    onTestFinished(async () => {
      await database().query('UPDATE agencies SET aliases = $1 WHERE slug = $2', [defense!.aliases, 'dod']);
    });
    expect((await searchRecord('ICE')).agencies.map((agency) => agency.slug)).not.toContain('dod');
    expect((await searchRecord('office')).agencies.map((agency) => agency.slug)).toContain('dod');
    // From five letters, a typo inside one of its words still finds it.
    expect((await searchRecord('secretery')).agencies.map((agency) => agency.slug)).toContain('dod');
  });

  it('finds by "AWS" the incidents that write Amazon Web Services, and the other way round', async () => {
    const summit = (await searchRecord('AWS summit')).incidents.map((entry) => entry.id);
    const [protest] = await database().query<{ id: string }>(
      `SELECT id FROM employee_actions WHERE external_id = '154' AND description LIKE '%Amazon Web Services summit%'`,
    );
    expect(summit).toContain(protest?.id);
    const [written] = await database().query<{ id: string }>(
      `SELECT id FROM employee_actions WHERE description ~ '\\mAWS\\M' AND status = 'PUBLISHED' ORDER BY id LIMIT 1`,
    );
    expect((await searchRecord('Amazon Web Services')).incidents.map((entry) => entry.id)).toContain(written?.id);
  });

  it('finds incidents by the words of their descriptions', async () => {
    const results = await searchRecord('Project Maven');
    expect(results.incidents.some((entry) => entry.title === 'Open letter involving Google')).toBe(true);
    // Each result says how many sources it cites (counted, not read).
    for (const entry of results.incidents.filter((found) => found.kind === 'action')) {
      expect(entry.sources).toEqual([]);
      expect(entry.sourceCount, entry.title).toBe(
        await count(`SELECT count(*) AS n FROM employee_action_sources WHERE action_id = $1`, [entry.id]),
      );
      expect(entry.sourceCount).toBeGreaterThan(0);
    }
  });

  it('finds a number written after a hyphen: "996" finds the "anti-996" campaign, in search, lists and exports', async () => {
    const [campaign] = await database().query<{ id: string }>(
      `SELECT id FROM employee_actions WHERE external_source = 'collective-action-tech' AND external_id = '124'`,
    );
    expect((await searchRecord('996')).incidents.map((entry) => entry.id)).toContain(campaign?.id);
    expect((await listIncidents({ words: '996' }, { perPage: 100 })).entries.map((entry) => entry.id)).toContain(
      campaign?.id,
    );
    const { listRecords } = await import('@/lib/data/open-data');
    const { csvChunks, textStream } = await import('@/lib/api/export');
    const listed = await listRecords('actions', { q: '996' }, { limit: 100 });
    expect(listed.records.map((action) => action.id)).toContain(campaign?.id);
    let exported = '';
    const reader = textStream(csvChunks('actions', { q: '996' })).getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      exported += new TextDecoder().decode(chunk.value);
    expect(exported).toContain(campaign?.id);
    // The words still narrow: a number with a word that the campaign's description lacks finds none of it.
    expect((await searchRecord('996 drone')).incidents.map((entry) => entry.id)).not.toContain(campaign?.id);
  });

  it('reads a year among the words as the records dated in it: "2018 walkout", in search, lists and exports', async () => {
    // The demo's walkouts of 2018 do not write the year in their descriptions.
    const walkouts2018 = await database().query<{ id: string }>(
      `SELECT id FROM employee_actions WHERE status = 'PUBLISHED' AND start_date >= '2018-01-01' AND start_date < '2019-01-01'
         AND search_vector @@ websearch_to_tsquery('english_unaccented', 'walkout') ORDER BY id`,
    );
    expect(walkouts2018.length).toBeGreaterThan(0);
    const ids = (entries: { id: string }[]) => entries.map((entry) => entry.id).sort();
    expect(ids((await searchRecord('2018 walkout')).incidents)).toEqual(walkouts2018.map((row) => row.id));
    expect(ids((await searchRecord('walkout 2018')).incidents)).toEqual(walkouts2018.map((row) => row.id));
    expect(ids((await listIncidents({ words: 'walkout 2018' }, { perPage: 100 })).entries)).toEqual(
      walkouts2018.map((row) => row.id),
    );
    const { listRecords } = await import('@/lib/data/open-data');
    expect(ids((await listRecords('actions', { q: 'walkout 2018' }, { limit: 100 })).records)).toEqual(
      walkouts2018.map((row) => row.id),
    );
    // Every kind is found by its date's year: the seed report's statements are of 2018.
    const statements2018 = await count(
      `SELECT count(*) AS n FROM company_statements s JOIN companies c ON c.id = s.company_id
       WHERE s.status = 'PUBLISHED' AND c.status = 'PUBLISHED' AND s.date >= '2018-01-01' AND s.date < '2019-01-01'`,
    );
    expect(statements2018).toBeGreaterThan(0);
    expect((await listIncidents({ words: '2018', kind: 'statement' }, { perPage: 100 })).total).toBe(statements2018);
    // Search shows those dated in the year first, before those whose text only names it.
    const byYear = await searchRecord('2018');
    const dated = await count(
      `SELECT count(*) AS n FROM employee_actions WHERE status = 'PUBLISHED' AND start_date >= '2018-01-01' AND start_date < '2019-01-01'`,
    );
    const shown = byYear.incidents.slice(0, Math.min(dated, byYear.incidents.length));
    expect(shown.length).toBeGreaterThan(0);
    for (const entry of shown) expect(entry.date?.getUTCFullYear(), entry.title).toBe(2018);
    // A year left out leaves the records of that year out, whatever their words.
    const google = (await listIncidents({ words: 'google -2018', kind: 'action' }, { perPage: 500 })).entries;
    expect(google.length).toBeGreaterThan(0);
    expect(google.filter((entry) => entry.date?.getUTCFullYear() === 2018)).toEqual([]);
    // Names are looked up without the year: "ICE 2019" names ICE as "ICE" does.
    expect((await searchRecord('ICE 2019')).agencies.map((agency) => agency.slug)).toEqual(
      (await searchRecord('ICE')).agencies.map((agency) => agency.slug),
    );
    expect((await searchRecord('2019 Palantir')).companies[0]?.slug).toBe('palantir');
  });

  it('reads an agency by its acronym or its name, in search, lists and exports, and loses nothing the words found', async () => {
    // The RAICES rejection names Customs and Border Protection, never CBP.
    const [raices] = await database().query<{ id: string; reason: string }>(
      `SELECT d.id, d.reason FROM donation_responses d JOIN organizations o ON o.id = d.organization_id
       WHERE o.slug = 'raices' AND d.response = 'REJECTED'`,
    );
    expect(raices?.reason).toMatch(/Customs and Border Protection/);
    expect(raices?.reason).not.toMatch(/\bCBP\b/);
    const { listRecords } = await import('@/lib/data/open-data');
    const { csvChunks, textStream } = await import('@/lib/api/export');
    let exported = '';
    const reader = textStream(csvChunks('donations', { q: 'CBP' })).getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      exported += new TextDecoder().decode(chunk.value);
    expect(exported).toContain(raices!.id);
    for (const q of ['CBP', 'cbp salesforce']) {
      expect(
        (await searchRecord(q)).incidents.map((entry) => entry.id),
        q,
      ).toContain(raices!.id);
      expect(
        (await listIncidents({ words: q }, { perPage: 500 })).entries.map((entry) => entry.id),
        q,
      ).toContain(raices!.id);
      expect(
        (await listRecords('donations', { q }, { limit: 100 })).records.map((record) => record.id),
        q,
      ).toContain(raices!.id);
    }
    // The other way: the name finds what says the acronym, as a phrase too.
    const saysIce = await database().query<{ id: string }>(
      `SELECT id FROM employee_actions WHERE status = 'PUBLISHED' AND title || ' ' || description ~ '\\mICE\\M'
         AND description !~* 'immigration and customs' ORDER BY id LIMIT 1`,
    );
    expect(saysIce).toHaveLength(1);
    for (const q of ['Immigration and Customs Enforcement', '"Immigration and Customs Enforcement"']) {
      expect(
        (await listIncidents({ words: q }, { perPage: 500 })).entries.map((entry) => entry.id),
        q,
      ).toContain(saysIce[0]!.id);
    }
    // Nothing the words find by themselves is lost: a name's words apart, not as its phrase, still match.
    await database().query(
      `INSERT INTO employee_actions (id, title, description, start_date, status, updated_at)
       VALUES ('wordsapartwordsapart00001', 'Words apart',
               'The Department of Labor fined the defense contractor; at the border the patrol boats waited.',
               '2020-01-01', 'PUBLISHED', now())`,
    );
    onTestFinished(async () => {
      await database().query(`DELETE FROM employee_actions WHERE id = 'wordsapartwordsapart00001'`);
    });
    for (const q of ['department defense', 'homeland security', 'border patrol', 'customs border protection', 'ICE']) {
      const alone = await database().query<{ id: string }>(
        `SELECT id FROM employee_actions WHERE status = 'PUBLISHED'
           AND search_vector @@ websearch_to_tsquery('english_unaccented', $1)`,
        [q],
      );
      const listed = new Set(
        (await listIncidents({ words: q, kind: 'action' }, { perPage: 1000 })).entries.map((entry) => entry.id),
      );
      expect(
        alone.filter((row) => !listed.has(row.id)),
        q,
      ).toEqual([]);
      if (q !== 'ICE')
        expect(listed.has('wordsapartwordsapart00001'), q).toBe(q.startsWith('department') || q.startsWith('border'));
    }
    // The words still narrow: a group with a word none of its records has finds nothing.
    expect((await searchRecord('CBP zyxwvut')).incidents).toEqual([]);
  });

  it('finds by an agency’s name as its page writes it ("U.S. …", "Department of …") all that its acronym finds', async () => {
    const agencies = await database().query<{ name: string; acronym: string }>(
      `SELECT name, acronym FROM agencies WHERE status = 'PUBLISHED' AND acronym IS NOT NULL ORDER BY name`,
    );
    expect(agencies.map((agency) => agency.name)).toEqual(
      expect.arrayContaining(['U.S. Immigration and Customs Enforcement', 'Department of Homeland Security']),
    );
    const found = async (q: string) =>
      (await listIncidents({ words: q }, { perPage: 1000 })).entries.map((entry) => entry.id);
    for (const { name, acronym } of agencies) {
      const byAcronym = await found(acronym);
      expect(byAcronym.length, acronym).toBeGreaterThan(0);
      expect(await found(name), name).toEqual(expect.arrayContaining(byAcronym));
    }
  });

  it('finds "AT&T" in the words as the word it is, in search, lists and exports', async () => {
    // PostgreSQL's parser splits "AT&T" into "at", "&" and "t", all left out as too common.
    const mentions = await database().query<{ id: string }>(
      `SELECT id FROM employee_actions WHERE status = 'PUBLISHED' AND title || ' ' || description LIKE '%AT&T%' ORDER BY id`,
    );
    expect(mentions.length).toBeGreaterThan(0);
    const ids = (entries: { id: string }[]) => entries.map((entry) => entry.id).sort();
    expect(ids((await searchRecord('AT&T')).incidents)).toEqual(mentions.map((row) => row.id));
    expect(ids((await listIncidents({ words: 'at&t' }, { perPage: 100 })).entries)).toEqual(
      mentions.map((row) => row.id),
    );
    const { listRecords } = await import('@/lib/data/open-data');
    expect(ids((await listRecords('actions', { q: 'AT&T' }, { limit: 100 })).records)).toEqual(
      mentions.map((row) => row.id),
    );
    const { searchableWords } = await import('@/lib/data/text-match');
    expect(await searchableWords('AT&T')).toBe(true);
    // Read as a search reads them: a NUL byte (which PostgreSQL refuses in a text) is left out.
    expect(await searchableWords('strike\u0000')).toBe(true);
    expect(await searchableWords('\u0000')).toBe(false);
    // "&" between words is still only a sign: "Ernst & Young" looks for both names.
    expect((await searchRecord('Ernst & Young')).incidents.length).toBeGreaterThan(0);
  });

  it('finds a phrase that ends inside a hyphenated word, and the hyphenated word itself', async () => {
    // PostgreSQL's parser reads "Union-CWA" as "union-cwa" before "union" and "cwa", a position ahead.
    const written = async (pattern: string) =>
      (
        await database().query<{ id: string }>(
          `SELECT id FROM employee_actions WHERE status = 'PUBLISHED' AND title || ' ' || description ~* $1 ORDER BY id`,
          [pattern],
        )
      ).map((row) => row.id);
    const ids = (entries: { id: string }[]) => entries.map((entry) => entry.id).sort();
    const union = await written('alphabet workers union\\M');
    expect(union.length).toBeGreaterThan(1);
    const hyphenated = await written('alphabet workers union-cwa');
    expect(hyphenated.length).toBeGreaterThan(0);
    expect(hyphenated.every((id) => union.includes(id))).toBe(true);
    expect(ids((await listIncidents({ words: '"alphabet workers union"' }, { perPage: 100 })).entries)).toEqual(union);
    expect(ids((await listIncidents({ words: '"workers union-cwa"' }, { perPage: 100 })).entries)).toEqual(hyphenated);
    const { listRecords } = await import('@/lib/data/open-data');
    expect(ids((await listRecords('actions', { q: '"Alphabet Workers Union"' }, { limit: 100 })).records)).toEqual(
      union,
    );
    // A hyphen after a space still leaves a word out.
    const cwa = await written('\\mcwa\\M');
    const without = ids((await listIncidents({ words: '"alphabet workers union" -cwa' }, { perPage: 100 })).entries);
    expect(without).toEqual(union.filter((id) => !cwa.includes(id)));
    expect(without.length).toBeLessThan(union.length);
  });

  it('finds a walkout by "walkout" where its description says they "walked out"', async () => {
    // "Out" is too common a word to be kept: "walked out" alone was read as "walked".
    const written = (
      await database().query<{ id: string }>(
        `SELECT id FROM employee_actions WHERE status = 'PUBLISHED'
           AND title || ' ' || description ~* '\\m(walk-?outs?|(walk|walks|walked|walking)[ -]+out)\\M' ORDER BY id`,
      )
    ).map((row) => row.id);
    const saidWalkedOut = await database().query<{ id: string }>(
      `SELECT id FROM employee_actions WHERE status = 'PUBLISHED' AND description ~* '\\mwalked out\\M'
         AND title || ' ' || description !~* 'walkout'`,
    );
    expect(saidWalkedOut.length).toBeGreaterThan(0);
    const { listRecords } = await import('@/lib/data/open-data');
    const found = (await listRecords('actions', { q: 'walkout' }, { limit: 100 })).records.map((record) => record.id);
    expect(found.sort()).toEqual(written);
    // The words typed either way find the same.
    const typed = (await listRecords('actions', { q: '"walked out"' }, { limit: 100 })).records.map((r) => r.id);
    expect(typed.sort()).toEqual(written);
    const googleWalkout = (await searchRecord('google walkout 2018')).incidents.map((entry) => entry.id);
    const google = await database().query<{ id: string }>(
      `SELECT a.id FROM employee_actions a JOIN employee_action_companies x ON x.action_id = a.id JOIN companies c ON c.id = x.company_id
        WHERE c.slug = 'google' AND a.id = ANY($1) AND extract(year FROM a.start_date) = 2018`,
      [saidWalkedOut.map((row) => row.id)],
    );
    expect(google.length).toBeGreaterThan(0);
    for (const { id } of google) expect(googleWalkout).toContain(id);
  });

  it('finds a donation response by the person quoted and by its answer, and a statement by its speaker', async () => {
    const ids = async (sql: string) => (await database().query<{ id: string }>(sql)).map((row) => row.id);
    const [rejection] = await ids(
      `SELECT id FROM donation_responses WHERE response = 'REJECTED' AND quote_attribution ILIKE '%Jonathan Ryan%'`,
    );
    expect(rejection).toBeDefined();
    const found = async (words: string) => (await searchRecord(words)).incidents.map((entry) => entry.id);
    expect(await found('Jonathan Ryan')).toContain(rejection);
    // Its title's words: "RAICES rejected $250,000 from Salesforce".
    expect(await found('rejected donation')).toContain(rejection);
    // And its amount, as the title writes it or typed without separators; not a part of it alone.
    for (const words of ['$250,000', '250,000', '250000', 'RAICES $250,000'])
      expect(await found(words), words).toContain(rejection);
    expect(await found('$1,000,000')).not.toContain(rejection);
    const { listRecords } = await import('@/lib/data/open-data');
    expect((await listRecords('donations', { q: '250,000' }, { limit: 10 })).records.map((r) => r.id)).toEqual([
      rejection,
    ]);
    const [spoken] = await database().query<{ id: string; speaker: string }>(
      `SELECT id, speaker FROM company_statements WHERE speaker IS NOT NULL AND status = 'PUBLISHED' LIMIT 1`,
    );
    expect(spoken).toBeDefined();
    expect(await found(`"${spoken!.speaker}"`)).toContain(spoken!.id);
  });

  it('matches words with the expressions the full-text indexes are built on', async () => {
    const { TEXT_VECTOR } = await import('@/lib/data/text-match');
    const tables = {
      action: ['employee_actions', 'employee_actions_search_vector_idx'],
      contract: ['government_contracts', 'government_contracts_fts_idx'],
      donation: ['donation_responses', 'donation_responses_fts_idx'],
      statement: ['company_statements', 'company_statements_fts_idx'],
    } as const;
    for (const [kind, [table, index]] of Object.entries(tables)) {
      // Without sequential scans (the demo's tables are small enough for one), as on a large record.
      const plan = await database().client.$transaction(async (tx) => {
        await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
        return tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
          `EXPLAIN SELECT id FROM ${table} t
           WHERE ${TEXT_VECTOR[kind as keyof typeof tables]('t')} @@ websearch_to_tsquery('english_unaccented', 'walkout 2018')`,
        );
      });
      expect(plan.map((row) => row['QUERY PLAN']).join('\n'), kind).toContain(index);
    }
  });

  it('finds names through their indexes, whatever the text', async () => {
    const { bareKey, bodiesLike, companiesLike } = await import('@/lib/data/search');
    const { Prisma } = await import('@/lib/generated/prisma/client');
    // Short texts look for names and acronyms that begin with them, longer ones inside names too.
    for (const text of ['ic', 'raic', 'ubar', 'strike', 'salesfroce', 'amzaon', 'goggle llc']) {
      const lookups = {
        company_aliases: companiesLike(nameKey(text), 10, bareKey(text)),
        agencies: bodiesLike('agencies', text, 10),
        organizations: bodiesLike('organizations', text, 10),
      };
      for (const [table, sql] of Object.entries(lookups)) {
        // Without sequential scans (the demo's tables are small enough for one), as on a large record:
        // a condition no index serves leaves the planner no other way than reading every row.
        const plan = await database().client.$transaction(async (tx) => {
          await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
          return tx.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN ${sql}`);
        });
        expect(plan.map((row) => row['QUERY PLAN']).join('\n'), `${table}, "${text}"`).not.toContain(
          `Seq Scan on ${table}`,
        );
      }
    }
  });

  it("has the planner choose the names' indexes on a large record, not only allows them", async () => {
    const { bodiesLike } = await import('@/lib/data/search');
    const { Prisma } = await import('@/lib/generated/prisma/client');
    // As many agencies and organisations as the benchmark's, named as its are, in a transaction that
    // is rolled back. At pg_trgm's own cost for a trigram comparison (1, a simple comparison's), the
    // planner read every organisation for a text of a few words (17 ms for 2,000) rather than combine
    // the indexes (0.1 ms): migration 20261207220000_trigram_operator_costs tells it what one costs.
    const rolledBack = new Error('rolled back');
    const plans: string[] = [];
    await database()
      .client.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(
          `INSERT INTO organizations (id, slug, name, status, updated_at)
           SELECT 'plan-org-' || i, 'plan-org-' || i, 'Synthetic Organisation ' || i, 'PUBLISHED', now() FROM generate_series(1, 2000) i`,
        );
        await tx.$executeRawUnsafe(
          `INSERT INTO agencies (id, slug, name, acronym, status, updated_at)
           SELECT 'plan-agency-' || i, 'plan-agency-' || i, 'Synthetic Bureau ' || i, 'SB' || i, 'PUBLISHED', now() FROM generate_series(1, 300) i`,
        );
        await tx.$executeRawUnsafe('ANALYZE organizations, agencies');
        for (const text of ['google walkout 2018', 'customs and border protection', 'strike']) {
          for (const table of ['agencies', 'organizations'] as const) {
            const plan = await tx.$queryRaw<{ 'QUERY PLAN': string }[]>(
              Prisma.sql`EXPLAIN ${bodiesLike(table, text, 10)}`,
            );
            plans.push(`${table}, "${text}":\n${plan.map((row) => row['QUERY PLAN']).join('\n')}`);
          }
        }
        throw rolledBack;
      })
      .catch((error: unknown) => {
        if (error !== rolledBack) throw error;
      });
    // The rows are gone, but not the sizes ANALYZE wrote for the planner: written again, for the tests after.
    await database().query('ANALYZE organizations, agencies');
    expect(plans).toHaveLength(6);
    for (const plan of plans) {
      expect(plan).not.toMatch(/Seq Scan on (agencies|organizations) b\b/);
      expect(plan).toMatch(/Bitmap Index Scan on (agencies|organizations)_name_trgm_idx/);
    }
    expect(await count(`SELECT count(*) AS n FROM organizations WHERE id LIKE 'plan-org-%'`)).toBe(0);
  });

  it('ranks names by their stored bare form, not by computing it for each name', async () => {
    const { bareKey, companiesLike } = await import('@/lib/data/search');
    const { Prisma } = await import('@/lib/generated/prisma/client');
    // company_bare_key is SQL the planner cannot inline (14 µs a call): a text like very many names
    // computed it twice for each (270 of 315 ms for "Synthetic Company 12" on the benchmark's data).
    const plan = await database().client.$queryRaw<{ 'QUERY PLAN': string }[]>(
      Prisma.sql`EXPLAIN (VERBOSE) ${companiesLike(nameKey('Goggle LLC'), 10, bareKey('Goggle LLC'))}`,
    );
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toMatch(/\ba\.bare_key\b/);
    expect(text).not.toContain('company_bare_key(');
    expect((await findCompaniesByName('Goggle LLC', 1))[0]?.slug).toBe('google');
  });

  it('reads a name on record without its legal form as a typed name is read', async () => {
    const { bareKey } = await import('@/lib/data/search');
    const names = [
      'Google LLC',
      'Salesforce.com, Inc.',
      'SALESFORCE.COM, INC.',
      'Palantir Technologies Inc.',
      'Acme Co., Ltd.',
      'Siemens AG',
      'Société Générale S.A.',
      'L.L.C. Holdings L.L.C.',
      'The Company',
      'Costco',
      'Inc',
      'Microsoft',
    ];
    const rows = await database().query<{ name: string; bare: string }>(
      `SELECT name, company_bare_key(name, key) AS bare FROM unnest($1::text[], $2::text[]) AS t(name, key)`,
      [names, names.map(nameKey)],
    );
    expect(rows.map((row) => [row.name, row.bare])).toEqual(names.map((name) => [name, bareKey(name)]));
    expect(bareKey('Salesforce.com, Inc.')).toBe('salesforce');
    expect(bareKey('Costco')).toBe('costco');
  });

  it('finds words whatever their accents, in the record and in the query', async () => {
    const client = database().client;
    const name = 'Société Générale Test';
    const company = await client.company.create({
      data: { slug: 'accent-test', name, status: 'PUBLISHED', aliases: { create: { name, key: nameKey(name) } } },
    });
    // Out of the way of the lists' counts in the tests that follow, passed or failed.
    onTestFinished(async () => {
      await client.employeeAction.deleteMany({ where: { companies: { some: { companyId: company.id } } } });
      await client.governmentContract.deleteMany({ where: { companyId: company.id } });
      await client.companyStatement.deleteMany({ where: { companyId: company.id } });
      await client.company.delete({ where: { id: company.id } });
    });
    const agency = await client.agency.findUniqueOrThrow({ where: { slug: 'cbp' } });
    const [action, contract, statement] = await Promise.all([
      client.employeeAction.create({
        data: {
          title: 'Grève des employés',
          startDate: new Date('2020-05-01T00:00:00Z'),
          description: 'Workers at the Zürich office staged a grève over the Telefónica contract.',
          status: 'PUBLISHED',
          companies: { create: { companyId: company.id } },
        },
      }),
      client.governmentContract.create({
        data: { companyId: company.id, agencyId: agency.id, title: 'Señalización fronteriza', status: 'PUBLISHED' },
      }),
      client.companyStatement.create({
        data: {
          companyId: company.id,
          date: new Date('2020-06-01T00:00:00Z'),
          kind: 'STATEMENT',
          summary: 'The company défended its Überwachung work.',
          status: 'PUBLISHED',
        },
      }),
    ]);
    const found = async (query: string) => (await searchRecord(query)).incidents.map((entry) => entry.id);
    expect(await found('zurich telefonica')).toEqual([action.id]);
    // "Zürich" finds it, and the demo's records that write "Zurich".
    expect(await found('Zürich')).toContain(action.id);
    expect(await found('Zürich')).toEqual(await found('zurich'));
    expect(await found('senalizacion')).toEqual([contract.id]);
    expect(await found('uberwachung')).toEqual([statement.id]);
    // Accents in the query are read away too: an unaccented record is found by an accented word.
    expect(await found('Prójëct Mävën')).toEqual(await found('Project Maven'));
    expect((await searchRecord('societe generale')).companies.map((named) => named.slug)).toContain('accent-test');
  });

  it('finds agencies and organisations by acronym', async () => {
    const results = await searchRecord('RAICES');
    expect(results.organizations.map((organization) => organization.slug)).toEqual(['raices']);
    expect((await searchRecord('cbp')).agencies[0]?.slug).toBe('cbp');
    // The start of an acronym, as someone typing it has it (its letters are nowhere in the name).
    expect((await searchRecord('RAIC')).organizations.map((organization) => organization.slug)).toEqual(['raices']);
    expect((await findOrganizationsByName('raic', 6)).map((organization) => organization.slug)).toEqual(['raices']);
  });

  it('finds an organisation by the name and acronym of one merged into it, once, saying so', async () => {
    const { client } = database();
    const raices = await client.organization.findUniqueOrThrow({ where: { slug: 'raices' } });
    // As an admin's merge leaves the duplicate: archived, pointing at the survivor.
    const duplicate = await client.organization.create({
      data: {
        slug: 'borderlands-legal-collective',
        name: 'Borderlands Legal Collective',
        acronym: 'BLC',
        status: 'ARCHIVED',
        mergedIntoId: raices.id,
      },
    });
    onTestFinished(async () => {
      await client.organization.delete({ where: { id: duplicate.id } });
    });
    for (const text of ['Borderlands Legal', 'borderlnads legal collective', 'BLC']) {
      const found = (await searchRecord(text)).organizations;
      expect(found, text).toEqual([
        expect.objectContaining({ slug: 'raices', matched: 'Borderlands Legal Collective' }),
      ]);
    }
    // Found by its own name, it is listed once and said to be found by nothing else.
    const own = (await searchRecord('RAICES')).organizations;
    expect(own.map((organization) => organization.slug)).toEqual(['raices']);
    expect(own[0]?.matched ?? null).toBeNull();
    // The forms' name boxes suggest the survivor for the old name.
    expect(await findOrganizationsByName('Borderlands', 6)).toEqual([
      expect.objectContaining({ slug: 'raices', matched: 'Borderlands Legal Collective' }),
    ]);
  });

  it('finds a short text only where a name or one of its words starts with it: ICE is not inside RAICES', async () => {
    const ice = await searchRecord('ICE');
    expect(ice.agencies.map((agency) => agency.slug)).toContain('ice');
    expect(ice.organizations.map((organization) => organization.slug)).not.toContain('raices');
    // A longer text is still found inside a name, and LIKE's wildcards in it are only characters.
    expect((await searchRecord('migrant')).organizations.map((organization) => organization.slug)).toContain('raices');
    expect((await searchRecord('%')).organizations).toEqual([]);
    expect((await searchRecord('100%')).organizations).toEqual([]);
    expect((await searchRecord('r_ic')).organizations).toEqual([]);
    expect((await searchRecord('sal')).companies.map((company) => company.slug)).toContain('salesforce');
  });

  it('suggests organisations for the name boxes as search finds them: by acronym, by name despite a typo', async () => {
    expect((await findOrganizationsByName('raices', 6))[0]?.slug).toBe('raices');
    const byName = await findOrganizationsByName('Refugee and Imigrant Center', 6);
    expect(byName[0]?.slug).toBe('raices');
    expect(byName.map((organization) => organization.slug)).toEqual(
      (await searchRecord('Refugee and Imigrant Center')).organizations
        .map((organization) => organization.slug)
        .slice(0, 6),
    );
    expect(await findOrganizationsByName('\u0000 ', 6)).toEqual([]);
  });

  it('reads control characters in a query as spaces (a NUL cannot reach PostgreSQL)', async () => {
    expect((await searchRecord('sales\u0000force')).companies[0]?.slug).toBe('salesforce');
    expect(await searchRecord('\u0000\u0007')).toEqual({
      companies: [],
      agencies: [],
      organizations: [],
      incidents: [],
      corrected: null,
    });
    expect((await searchRecord('Project\u0000Maven')).incidents.length).toBeGreaterThan(0);
  });

  it('makes one round trip for names, one for incidents, and one for the details of every kind found', async () => {
    const { queriesSent } = await import('@/lib/db');
    const statements = async (query: string) => {
      const before = queriesSent();
      const results = await searchRecord(query);
      return { sent: queriesSent() - before, kinds: new Set(results.incidents.map((entry) => entry.kind)).size };
    };
    expect(await statements('qqqzzzxxy')).toEqual({ sent: 2, kinds: 0 });
    const found = await statements('salesforce');
    expect(found.kinds).toBeGreaterThan(1);
    expect(found.sent).toBe(3);
    // No incident with the words: one more for the names each word may misspell; where a name is
    // near a word, one for whether the record has the word after all, one for the incidents with the
    // words put right, and one for the details of every kind those found.
    expect(await statements('qqqzzzxxy wwwvvvuuu')).toEqual({ sent: 3, kinds: 0 });
    const corrected = await statements('Mircosoft ICE');
    expect(corrected.kinds).toBeGreaterThan(1);
    expect(corrected.sent).toBe(6);
  });

  it('ranks names best first: an exact acronym, then the closest names', async () => {
    const agencies = (await searchRecord('customs')).agencies.map((agency) => agency.slug);
    const expected = await database().query<{ slug: string }>(
      `SELECT slug FROM agencies WHERE status = 'PUBLISHED' AND (lower(name) % 'customs' OR lower(name) LIKE '%customs%')
       ORDER BY similarity(lower(name), 'customs') DESC, name`,
    );
    expect(agencies).toEqual(expected.map((row) => row.slug));
    expect(agencies).toEqual(expect.arrayContaining(['cbp', 'ice']));
    // An agency without an acronym never comes before an exact acronym (NULL is not a match).
    await database().query(
      `INSERT INTO agencies (id, slug, name, status, updated_at)
       VALUES ('test-agency-justice-ice', 'office-of-ice-patrols', 'Office of Ice Patrols', 'PUBLISHED', now())`,
    );
    try {
      const ice = (await searchRecord('ice')).agencies.map((agency) => agency.slug);
      expect(ice[0]).toBe('ice');
      expect(ice).toContain('office-of-ice-patrols');
    } finally {
      await database().query(`DELETE FROM agencies WHERE id = 'test-agency-justice-ice'`);
    }
    expect((await searchRecord('micro')).companies[0]?.slug).toBe('microsoft');
  });

  it('treats hostile or huge queries as plain text', async () => {
    await expect(searchRecord(`'; DROP TABLE companies; --`)).resolves.toBeDefined();
    await expect(searchRecord('x'.repeat(5000))).resolves.toBeDefined();
    await expect(searchRecord('!!! & | ( :*')).resolves.toBeDefined();
    expect(await count('SELECT count(*) AS n FROM companies')).toBeGreaterThan(100);
  });
});

describe('company list', () => {
  it('sorts by number of actions, with counts equal to independent counts', async () => {
    const { companies } = await listCompanies({ sort: 'actions' });
    expect(companies[0]?.slug).toBe('amazon');
    const counts = companies.map((company) => company.actionCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('keeps only companies with contracts when asked', async () => {
    const { companies, total } = await listCompanies({ has: 'contracts' });
    expect(companies.map((company) => company.slug).sort()).toEqual(['amazon', 'google', 'microsoft', 'salesforce']);
    expect(total).toBe(4);
  });
});

describe('the incidents list’s filters', () => {
  it('name a company by its address name or any of its names as typed, never by a guess', async () => {
    for (const text of ['salesforce', 'Salesforce', 'SALESFORCE', 'Sales Force', 'salesforce.com'])
      expect((await findFilterCompany(text))?.slug, text).toBe('salesforce');
    // Alphabet's subsidiary, by the name the data set also uses.
    expect((await findFilterCompany('Google'))?.slug).toBe('google');
    for (const text of ['Salesfroce', '---', 'no such company']) expect(await findFilterCompany(text), text).toBeNull();
  });

  it('read a form’s values, the outcome in either case and the company as typed', () => {
    expect(
      parseIncidentFilters({
        kind: 'action',
        outcome: 'met',
        company: '  Sales\u0000Force ',
        from: '2018',
        to: '2018',
        page: '2',
      }),
    ).toEqual({
      ok: true,
      filters: { kind: 'action', outcome: 'MET', company: 'Sales Force', from: 2018, to: 2018, page: 2 },
    });
  });

  it('offer the agencies and organisations that have incidents, and the one the address names though it has none', async () => {
    const { listOrganizationOptions, withChosen } = await import('@/lib/data/filters');
    const { listContractAgencyOptions } = await import('@/lib/data/contracts');
    const client = database().client;
    const [fund, office] = await Promise.all([
      client.organization.create({ data: { slug: 'idle-fund-test', name: 'Idle Fund (test)', status: 'PUBLISHED' } }),
      client.agency.create({ data: { slug: 'idle-office-test', name: 'Idle Office (test)', status: 'PUBLISHED' } }),
    ]);
    onTestFinished(async () => {
      await client.organization.delete({ where: { id: fund.id } });
      await client.agency.delete({ where: { id: office.id } });
    });
    const slugs = (options: { slug: string }[]) => options.map((option) => option.slug);
    const organizations = slugs(await listOrganizationOptions());
    expect(organizations).toContain('raices');
    expect(organizations).not.toContain('idle-fund-test');
    expect(slugs(await withChosen(await listOrganizationOptions(), 'organization', 'idle-fund-test'))).toContain(
      'idle-fund-test',
    );
    // Not one that is not on record, nor an organisation's slug named as an agency.
    expect(slugs(await withChosen([], 'organization', 'no-such-fund'))).toEqual([]);
    expect(slugs(await withChosen([], 'agency', 'idle-fund-test'))).toEqual([]);
    const agencies = slugs(await listContractAgencyOptions());
    expect(agencies).toEqual(expect.arrayContaining(['dhs', 'cbp']));
    expect(agencies).not.toContain('idle-office-test');
    expect(
      slugs(
        await withChosen(
          agencies.map((slug) => ({ slug, name: slug, acronym: null })),
          'agency',
          'idle-office-test',
        ),
      ),
    ).toContain('idle-office-test');
  });

  it('give back what was typed when refused, each value as much as its box holds', () => {
    const typed = typedFilterValues({ q: 'w'.repeat(5000), company: 'c'.repeat(5000), kind: ['action', 'donation'] });
    expect(typed).toEqual({ q: 'w'.repeat(MAX_WORDS_LENGTH), company: 'c'.repeat(100) });
  });

  it.each<[string, Record<string, string | string[]>, string, RegExp]>([
    ['a year that is not a number', { from: 'abc' }, 'from', /year of four digits/],
    ['years in the wrong order', { from: '2020', to: '2010' }, 'to', /must not be after/],
    ['an unknown kind', { kind: 'nonsense' }, 'kind', /must be one of action, /],
    ['an unknown outcome', { outcome: 'won' }, 'outcome', /must be one of Pending \(PENDING\), Demands met \(MET\), /],
    ['a company of control characters only', { company: '\u0000\u0007' }, 'company', /given by its name/],
    ['a 5,000-character company', { company: 'x'.repeat(5000) }, 'company', /at most 100 characters/],
    ['a form that is not a slug', { form: 'Open letter' }, 'form', /lower-case letters/],
    ['a repeated parameter', { kind: ['action', 'donation'] }, 'kind', /more than once/],
  ])('refuse %s with a message naming the parameter', (_name, params, field, message) => {
    const result = parseIncidentFilters(params);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([{ field, message: expect.stringMatching(message) }]);
  });
});

describe('how far the data set reaches', () => {
  it('is the date of its latest published action, at that date’s precision', async () => {
    const { datasetReach } = await import('@/lib/data/coverage');
    const [latest] = await database().query<{ day: string; precision: string }>(
      `SELECT start_date::text AS day, date_precision::text AS precision FROM employee_actions
        WHERE external_source = 'collective-action-tech' AND status = 'PUBLISHED' ORDER BY start_date DESC, id DESC LIMIT 1`,
    );
    const reach = await datasetReach();
    expect([reach?.date.toISOString().slice(0, 10), reach?.precision]).toEqual([latest?.day, latest?.precision]);
    // The bundled file's last action.
    expect(latest?.day).toBe('2022-04-29');
  });
});

describe('the home page’s companies', () => {
  it('count, of each company’s actions, those tied to its own contracts, as an independent count does', async () => {
    const { listCompaniesBySlugs } = await import('@/lib/data/companies');
    const slugs = ['salesforce', 'google', 'microsoft', 'amazon'];
    const summaries = await listCompaniesBySlugs(slugs);
    expect(summaries.map((summary) => summary.slug)).toEqual(slugs);
    for (const summary of summaries) {
      const expected = await count(
        `SELECT count(*) AS n FROM employee_actions a
          WHERE a.status = 'PUBLISHED' AND EXISTS (
            SELECT 1 FROM employee_action_contracts l
              JOIN government_contracts k ON k.id = l.contract_id
              JOIN companies c ON c.id = k.company_id
             WHERE l.action_id = a.id AND k.status = 'PUBLISHED' AND c.slug = $1)
            AND EXISTS (SELECT 1 FROM employee_action_companies m JOIN companies c ON c.id = m.company_id
                         WHERE m.action_id = a.id AND c.slug = $1)`,
        [summary.slug],
      );
      expect(summary.actionsOnContracts, summary.slug).toBe(expected);
      expect(summary.actionsOnContracts).toBeLessThanOrEqual(summary.actionCount);
    }
    // The seed report ties Salesforce's employees' letter and protests to its CBP contract.
    expect(summaries[0]?.actionsOnContracts).toBeGreaterThan(0);
  });
});
