import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  CONTRACTS_PER_PAGE,
  listContractAgencyOptions,
  listContracts,
  type ContractListOptions,
} from '@/lib/data/contracts';
import { parseContractFilters } from '@/lib/validation/contract-filters';
import { withDemoDatabase } from '../helpers/data-layer';

// Counted from this file's first query on (lib/db.ts creates its client on first use).
process.env.COUNTERWEIGHT_COUNT_QUERIES = '1';
const database = withDemoDatabase();

const FILLERS = 55;

/*
 * The demo's four contracts have no award date and no amount, so the list is given contracts
 * that do: different dates and precisions, amounts (one missing), statuses, agencies and
 * sub-agencies, and records that must never be listed (a draft contract, the contract of a draft
 * company). Fillers make the list longer than a page.
 */
beforeAll(async () => {
  const client = database().client;
  const id = async (sql: string) => (await database().query<{ id: string }>(sql))[0]?.id as string;
  const company = (slug: string) => id(`SELECT id FROM companies WHERE slug = '${slug}'`);
  const agency = (slug: string) => id(`SELECT id FROM agencies WHERE slug = '${slug}'`);
  const [salesforce, google, microsoft, amazon, dhs, cbp, ice, dod] = await Promise.all([
    company('salesforce'),
    company('google'),
    company('microsoft'),
    company('amazon'),
    agency('dhs'),
    agency('cbp'),
    agency('ice'),
    agency('dod'),
  ]);
  const draftCompany = await client.company.create({ data: { slug: 'draft-co', name: 'Draft Co', status: 'DRAFT' } });
  const draftAgency = await client.agency.create({
    data: { slug: 'draft-agency', name: 'Draft Agency', status: 'IN_REVIEW' },
  });
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
  await client.governmentContract.createMany({
    data: [
      {
        companyId: salesforce,
        agencyId: dhs,
        subAgencyId: cbp,
        title: 'Case management',
        awardDate: day('2019-05-01'),
        obligatedAmount: '1000000',
        contractStatus: 'COMPLETED',
        status: 'PUBLISHED',
      },
      {
        companyId: microsoft,
        agencyId: dhs,
        subAgencyId: ice,
        title: 'Cloud services',
        awardDate: day('2017-03-01'),
        awardDatePrecision: 'MONTH',
        obligatedAmount: '19400000',
        contractStatus: 'ACTIVE',
        // Recorded as active, but its period of performance is long over.
        periodEnd: day('2019-04-30'),
        status: 'PUBLISHED',
      },
      {
        companyId: amazon,
        agencyId: dod,
        title: 'Hosting',
        awardDate: day('2020-01-01'),
        awardDatePrecision: 'YEAR',
        obligatedAmount: '500.50',
        contractStatus: 'CANCELLED',
        status: 'PUBLISHED',
      },
      {
        companyId: google,
        agencyId: dod,
        title: 'Image analysis',
        awardDate: day('2018-09-01'),
        contractStatus: 'NOT_RENEWED',
        status: 'PUBLISHED',
      },
      {
        companyId: salesforce,
        agencyId: dhs,
        title: 'Licences',
        awardDate: day('2021-01-15'),
        obligatedAmount: '250000',
        contractStatus: 'ACTIVE',
        status: 'PUBLISHED',
      },
      {
        companyId: salesforce,
        agencyId: dhs,
        subAgencyId: cbp,
        title: 'Draft: never listed',
        awardDate: day('2019-02-01'),
        obligatedAmount: '5',
        status: 'DRAFT',
      },
      {
        companyId: draftCompany.id,
        agencyId: dhs,
        subAgencyId: cbp,
        title: 'Of a draft company: never listed',
        awardDate: day('2019-02-01'),
        status: 'PUBLISHED',
      },
      {
        companyId: amazon,
        agencyId: draftAgency.id,
        title: 'Awarded by an agency in review',
        awardDate: day('2016-06-30'),
        obligatedAmount: '42',
        status: 'PUBLISHED',
      },
      ...Array.from({ length: FILLERS }, (_, index) => ({
        companyId: [salesforce, google, microsoft, amazon][index % 4] as string,
        agencyId: index % 3 === 0 ? dod : dhs,
        subAgencyId: index % 3 === 1 ? ice : null,
        title: `Filler ${String(index).padStart(2, '0')}`,
        awardDate: index % 5 === 0 ? null : day(`${2000 + (index % 12)}-0${1 + (index % 9)}-1${index % 10}`),
        obligatedAmount: index % 7 === 0 ? null : String(1000 * ((index * 37) % 101)),
        contractStatus: (['ACTIVE', 'COMPLETED', 'UNKNOWN'] as const)[index % 3],
        status: 'PUBLISHED' as const,
      })),
    ],
  });
});

const ORDER_SQL: Record<string, string> = {
  // Newest first breaks ties as the API and the exports do: the latest entered first.
  '-date': 'k.award_date DESC NULLS LAST, k.id DESC',
  date: 'k.award_date ASC NULLS LAST',
  // Within a currency: US dollars first, then the others by their code, unknown values last.
  '-value': `k.obligated_amount IS NULL, k.currency <> 'USD', k.currency, k.obligated_amount DESC`,
  value: `k.obligated_amount IS NULL, k.currency <> 'USD', k.currency, k.obligated_amount ASC`,
};

/** The ids the list should give, in order, by SQL written independently of the data layer. */
async function expectedIds(options: ContractListOptions): Promise<string[]> {
  const conditions = [`k.status = 'PUBLISHED'`, `c.status = 'PUBLISHED'`];
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (options.agency) {
    const slug = param(options.agency);
    conditions.push(`((a.slug = ${slug} AND a.status = 'PUBLISHED') OR (s.slug = ${slug} AND s.status = 'PUBLISHED'))`);
  }
  if (options.company) conditions.push(`c.slug = ${param(options.company)}`);
  if (options.status) conditions.push(`k.contract_status::text = ${param(options.status)}`);
  if (options.from) conditions.push(`extract(year FROM k.award_date) >= ${param(options.from)}`);
  if (options.to) conditions.push(`extract(year FROM k.award_date) <= ${param(options.to)}`);
  if (options.q) {
    conditions.push(
      `to_tsvector('english', k.title || ' ' || coalesce(k.purpose, '')) @@ websearch_to_tsquery('english', ${param(options.q)})`,
    );
  }
  const rows = await database().query<{ id: string }>(
    `SELECT k.id FROM government_contracts k
     JOIN companies c ON c.id = k.company_id
     JOIN agencies a ON a.id = k.agency_id
     LEFT JOIN agencies s ON s.id = k.sub_agency_id
     WHERE ${conditions.join(' AND ')}
     ORDER BY ${ORDER_SQL[options.sort ?? '-date']}, k.title, k.id`,
    values,
  );
  return rows.map((row) => row.id);
}

/** Every page of the list, concatenated. */
async function allIds(options: ContractListOptions): Promise<{ ids: string[]; total: number; pages: number }> {
  const first = await listContracts({ ...options, page: 1 });
  const ids = first.contracts.map((contract) => contract.id);
  for (let page = 2; page <= first.pages; page++)
    ids.push(...(await listContracts({ ...options, page })).contracts.map((contract) => contract.id));
  return { ids, total: first.total, pages: first.pages };
}

describe('the contracts list', () => {
  it('lists every published contract of a published company, newest award first, undated last, in pages', async () => {
    const expected = await expectedIds({});
    expect(expected.length).toBe(4 + 5 + 1 + FILLERS);
    const { ids, total, pages } = await allIds({});
    expect(total).toBe(expected.length);
    expect(pages).toBe(Math.ceil(expected.length / CONTRACTS_PER_PAGE));
    expect(pages).toBe(2);
    expect(ids).toEqual(expected);

    const first = await listContracts();
    expect(first.contracts[0]).toMatchObject({
      title: 'Licences',
      company: { slug: 'salesforce', name: 'Salesforce' },
      agency: { slug: 'dhs', acronym: 'DHS', published: true },
      subAgency: null,
      obligatedAmount: '250000',
      currency: 'USD',
      contractStatus: 'ACTIVE',
      awardDatePrecision: 'DAY',
    });
    const second = (await listContracts({ page: 2 })).contracts;
    const listed = [...first.contracts, ...second];
    const listedTitles = listed.map((contract) => contract.title);
    expect(listedTitles).not.toContain('Draft: never listed');
    expect(listedTitles).not.toContain('Of a draft company: never listed');
    // An agency in review does not hide the published contract it awarded; it is just not linked.
    expect(listed.find((contract) => contract.title === 'Awarded by an agency in review')?.agency.published).toBe(
      false,
    );
    // Undated contracts come last.
    expect(second.at(-1)?.awardDate).toBeNull();
    expect(first.contracts[0]?.awardDate).not.toBeNull();
  });

  it.each([['date' as const], ['-value' as const], ['value' as const]])(
    'sorts by %s as SQL does, unknown values last',
    async (sort) => {
      const { ids } = await allIds({ sort });
      expect(ids).toEqual(await expectedIds({ sort }));
    },
  );

  it('sorts by value as exact decimals: $19,400,000 first, $500.50 before $1,000', async () => {
    const largest = (await listContracts({ sort: '-value' })).contracts[0];
    expect(largest).toMatchObject({ title: 'Cloud services', obligatedAmount: '19400000' });
    const smallest = (await listContracts({ sort: 'value' })).contracts.slice(0, 3).map((c) => c.obligatedAmount);
    expect(smallest.slice(0, 2)).toEqual(['42', '500.5']);
  });

  it('lists those without a value by title as people read titles, whatever their capitals', async () => {
    const client = database().client;
    const [{ id: companyId }, { id: agencyId }] = await Promise.all([
      client.company.findUniqueOrThrow({ where: { slug: 'amazon' }, select: { id: true } }),
      client.agency.findUniqueOrThrow({ where: { slug: 'dod' }, select: { id: true } }),
    ]);
    const created = await client.governmentContract.createManyAndReturn({
      data: ['Zebra hosting (value not known)', 'aardvark hosting (value not known)'].map((title) => ({
        companyId,
        agencyId,
        title,
        status: 'PUBLISHED' as const,
      })),
      select: { id: true, title: true },
    });
    onTestFinished(async () => {
      await client.governmentContract.deleteMany({ where: { id: { in: created.map((row) => row.id) } } });
    });
    const [zebra, aardvark] = created.map((row) => row.id);
    for (const sort of ['-value', 'value'] as const) {
      const { ids } = await allIds({ sort });
      expect(ids.indexOf(aardvark!), sort).toBeLessThan(ids.indexOf(zebra!));
      expect(ids.indexOf(aardvark!), sort).toBeGreaterThan(-1);
    }
  });

  it('compares values within a currency: a billion yen is not above $19,400,000, and each currency is told apart', async () => {
    const client = database().client;
    const [{ id: companyId }, { id: agencyId }] = await Promise.all([
      client.company.findUniqueOrThrow({ where: { slug: 'amazon' }, select: { id: true } }),
      client.agency.findUniqueOrThrow({ where: { slug: 'dod' }, select: { id: true } }),
    ]);
    const paid = (title: string, amount: string, currency: string) => ({
      companyId,
      agencyId,
      title,
      obligatedAmount: amount,
      currency,
      contractStatus: 'ACTIVE' as const,
      status: 'PUBLISHED' as const,
    });
    const created = await client.governmentContract.createManyAndReturn({
      data: [
        paid('Paid in yen', '1000000000', 'JPY'),
        paid('Paid in euros', '20000000', 'EUR'),
        paid('A few euros', '5', 'EUR'),
      ],
      select: { id: true, title: true },
    });
    onTestFinished(async () => {
      await client.governmentContract.deleteMany({ where: { id: { in: created.map((row) => row.id) } } });
    });
    for (const sort of ['-value', 'value'] as const) {
      const listed = (await allIds({ sort })).ids;
      expect(listed, sort).toEqual(await expectedIds({ sort }));
    }
    const largest = (await listContracts({ sort: '-value' })).contracts;
    expect(largest[0]).toMatchObject({ title: 'Cloud services', currency: 'USD' });
    const { ids } = await allIds({ sort: '-value' });
    const rows = await client.governmentContract.findMany({
      where: { id: { in: ids } },
      select: { id: true, title: true, currency: true, obligatedAmount: true },
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const inOrder = ids.map((id) => byId.get(id)!);
    const lastDollars = inOrder.findLastIndex((row) => row.currency === 'USD' && row.obligatedAmount !== null);
    const firstUnknown = inOrder.findIndex((row) => row.obligatedAmount === null);
    expect(inOrder.slice(lastDollars + 1, lastDollars + 4).map((row) => row.title)).toEqual([
      'Paid in euros',
      'A few euros',
      'Paid in yen',
    ]);
    expect(firstUnknown).toBe(lastDollars + 4);
  });

  it.each<[string, ContractListOptions]>([
    ['an agency (as awarding agency)', { agency: 'dod' }],
    ['an agency (as sub-agency)', { agency: 'ice' }],
    ['a department, counting its sub-agencies’ contracts it awarded', { agency: 'dhs' }],
    ['a company', { company: 'salesforce' }],
    ['a status', { status: 'ACTIVE' }],
    ['a year range', { from: 2017, to: 2019 }],
    ['a first year', { from: 2020 }],
    ['a last year', { to: 2012 }],
    ['one year', { from: 2019, to: 2019 }],
    ['everything at once', { agency: 'dhs', company: 'salesforce', status: 'ACTIVE', from: 2018, sort: '-value' }],
  ])('filters by %s as SQL does', async (_name, options) => {
    const expected = await expectedIds(options);
    expect(expected.length).toBeGreaterThan(0);
    const { ids, total } = await allIds(options);
    expect(total).toBe(expected.length);
    expect(ids).toEqual(expected);
    const result = await listContracts(options);
    expect(result.unknown).toEqual([]);
  });

  it('finds contracts by the words of their titles and purposes, with the other filters, in pages and in every order', async () => {
    // The fillers, more than a page of them, by a word of their titles.
    const fillers = await allIds({ q: 'filler' });
    expect(fillers.total).toBe(FILLERS);
    expect(fillers.pages).toBe(2);
    expect(fillers.ids).toEqual(await expectedIds({ q: 'filler' }));
    for (const options of [
      { q: 'cloud OR hosting', sort: '-value' as const },
      { q: 'filler', sort: 'date' as const, from: 2015 },
      { q: '"image analysis"', company: 'google' },
      { q: 'services -cloud' },
      { q: 'drone', agency: 'dod' },
    ]) {
      const listed = await allIds(options);
      const expected = await expectedIds(options);
      expect(listed.ids, JSON.stringify(options)).toEqual(expected);
      expect(listed.total, JSON.stringify(options)).toBe(expected.length);
    }
    // The demo's Pentagon contract: "Drone technology contract with the Pentagon".
    expect((await listContracts({ q: 'drone' })).contracts.map((contract) => contract.company.slug)).toEqual([
      'google',
    ]);
    expect((await listContracts({ q: 'nothing-of-the-kind' })).total).toBe(0);
  });

  it('says as of when each status is known, and never calls a contract active past its period', async () => {
    const listed = [...(await listContracts()).contracts, ...(await listContracts({ page: 2 })).contracts];
    const statusOf = (title: string) => listed.find((contract) => contract.title === title)?.statusText;
    // The demo's contract is dated by the report it cites, of 19 July 2018.
    expect(statusOf('Software and technical services for U.S. Customs and Border Protection')).toBe(
      'Active (as reported 19 July 2018)',
    );
    expect(statusOf('Cloud services')).toBe('Period ended 30 April 2019 (recorded as active)');
    // Nothing dated but the record itself, written by this file.
    const written = await database().query<{ day: string }>(
      `SELECT to_char(updated_at, 'FMDD FMMonth YYYY') AS day FROM government_contracts WHERE title = 'Hosting'`,
    );
    expect(statusOf('Hosting')).toBe(`Cancelled (as recorded ${written[0]?.day})`);
  });

  it('names the agency and company the filters ask for', async () => {
    const result = await listContracts({ agency: 'cbp', company: 'salesforce' });
    expect(result.agency).toEqual({ slug: 'cbp', name: 'U.S. Customs and Border Protection', acronym: 'CBP' });
    const [owned] = await database().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM companies s JOIN companies c ON c.id = s.parent_id
       WHERE c.slug = 'salesforce' AND s.status = 'PUBLISHED' AND s.merged_into_id IS NULL`,
    );
    expect(owned?.n).toBeGreaterThan(0);
    expect(result.company).toEqual({ slug: 'salesforce', name: 'Salesforce', subsidiaries: owned?.n });
    expect(result.contracts.map((contract) => contract.title).sort()).toEqual([
      'Case management',
      'Software and technical services for U.S. Customs and Border Protection',
    ]);
  });

  it('lists a company’s subsidiaries’ contracts with its own when asked, at every depth, with the other filters', async () => {
    // Written independently: the company and every published company under it.
    const family = async (slug: string) =>
      (
        await database().query<{ slug: string }>(
          `WITH RECURSIVE family AS (
             SELECT id, slug FROM companies WHERE slug = $1
             UNION SELECT c.id, c.slug FROM companies c JOIN family f ON c.parent_id = f.id WHERE c.status = 'PUBLISHED')
           SELECT slug FROM family`,
          [slug],
        )
      ).map((row) => row.slug);
    const alphabet = await family('alphabet');
    expect(alphabet).toEqual(expect.arrayContaining(['alphabet', 'google']));
    const ofFamily = async (options: ContractListOptions) => {
      const lists = await Promise.all(alphabet.map((slug) => expectedIds({ ...options, company: slug })));
      return new Set(lists.flat());
    };

    const alone = await allIds({ company: 'alphabet' });
    expect(alone.ids).toEqual(await expectedIds({ company: 'alphabet' }));
    const rolledUp = await allIds({ company: 'alphabet', subsidiaries: '1' });
    expect(new Set(rolledUp.ids)).toEqual(await ofFamily({}));
    expect(rolledUp.total).toBe(rolledUp.ids.length);
    expect(rolledUp.total).toBeGreaterThan(alone.total);
    // In the list's order, as for one company.
    const all = await expectedIds({});
    expect(rolledUp.ids).toEqual(all.filter((id) => rolledUp.ids.includes(id)));

    // With words (read through SQL) and a year, as without the switch.
    const words = await allIds({ company: 'alphabet', subsidiaries: '1', q: 'image' });
    expect(new Set(words.ids)).toEqual(await ofFamily({ q: 'image' }));
    expect(words.total).toBeGreaterThan(0);
    const year = await allIds({ company: 'alphabet', subsidiaries: '1', from: 2018, to: 2018 });
    expect(new Set(year.ids)).toEqual(await ofFamily({ from: 2018, to: 2018 }));
    // The switch alone, or on a company without subsidiaries, changes nothing.
    expect((await allIds({ subsidiaries: '1' })).ids).toEqual(all);
    expect((await allIds({ company: 'salesforce', subsidiaries: '1' })).ids).toEqual(
      await expectedIds({ company: 'salesforce' }),
    );
    // Named as asked.
    expect((await listContracts({ company: 'alphabet', subsidiaries: '1' })).company).toEqual({
      slug: 'alphabet',
      name: 'Alphabet',
      // Google: an empty list of Alphabet's own offers its subsidiaries.
      subsidiaries: 1,
    });
  });

  it('says which filter names nothing on record, and lists nothing then', async () => {
    // In every order, those read in SQL (by value, with words) too.
    for (const order of [{}, { sort: '-value' as const }, { sort: 'value' as const }, { q: 'agency' }]) {
      const agency = await listContracts({ agency: 'draft-agency', ...order });
      expect(agency, JSON.stringify(order)).toMatchObject({
        unknown: ['agency'],
        total: 0,
        contracts: [],
        pages: 1,
        agency: null,
      });
    }
    const company = await listContracts({ company: 'no-such-company' });
    expect(company).toMatchObject({ unknown: ['company'], total: 0, contracts: [] });
    expect((await listContracts({ company: 'draft-co' })).unknown).toEqual(['company']);
  });

  it('offers the published agencies that awarded listed contracts', async () => {
    const options = await listContractAgencyOptions();
    const expected = await database().query<{ slug: string }>(
      `SELECT a.slug FROM agencies a WHERE a.status = 'PUBLISHED' AND EXISTS (
         SELECT 1 FROM government_contracts k JOIN companies c ON c.id = k.company_id
         WHERE (k.agency_id = a.id OR k.sub_agency_id = a.id) AND k.status = 'PUBLISHED' AND c.status = 'PUBLISHED')
       ORDER BY a.name, a.slug`,
    );
    expect(options.map((agency) => agency.slug)).toEqual(expected.map((row) => row.slug));
    expect(options.map((agency) => agency.slug)).toEqual(expect.arrayContaining(['cbp', 'dhs', 'dod', 'ice']));
    expect(options.map((agency) => agency.slug)).not.toContain('draft-agency');
  });

  it('makes the same number of queries whatever the size of the page', async () => {
    const { queriesSent } = await import('@/lib/db');
    const queriesFor = async (options: ContractListOptions) => {
      const before = queriesSent();
      await listContracts(options);
      return queriesSent() - before;
    };
    const full = await queriesFor({});
    expect(full).toBeGreaterThan(0);
    expect(await queriesFor({ page: 2 })).toBe(full);
    expect(await queriesFor({ status: 'CANCELLED' })).toBe(full);
    const named = await queriesFor({ agency: 'dhs', company: 'salesforce' });
    expect(named).toBeLessThanOrEqual(full + 2);
    expect(await queriesFor({ agency: 'dod', company: 'amazon' })).toBe(named);
  });
});

describe('the contracts list’s parameters', () => {
  it('reads well-formed filters, treating empty values as absent', () => {
    expect(
      parseContractFilters({
        agency: 'cbp',
        company: 'salesforce',
        subsidiaries: '1',
        status: 'NOT_RENEWED',
        from: '2018',
        to: '2020',
        sort: '-value',
        page: '2',
        utm_source: 'newsletter',
      }),
    ).toEqual({
      ok: true,
      filters: {
        agency: 'cbp',
        company: 'salesforce',
        subsidiaries: '1',
        status: 'NOT_RENEWED',
        from: 2018,
        to: 2020,
        sort: '-value',
        page: 2,
      },
    });
    expect(parseContractFilters({ agency: '', status: '', from: '', sort: '' })).toEqual({ ok: true, filters: {} });
  });

  it('reads a status in any case, with a hyphen for the underscore, as /incidents reads its outcome', () => {
    for (const [typed, status] of [
      ['cancelled', 'CANCELLED'],
      ['Active', 'ACTIVE'],
      ['not-renewed', 'NOT_RENEWED'],
      ['not_renewed', 'NOT_RENEWED'],
    ] as const) {
      expect(parseContractFilters({ status: typed })).toEqual({ ok: true, filters: { status } });
    }
  });

  it.each<[string, Record<string, string | string[]>, string, RegExp]>([
    ['a year that is not a number', { from: 'abc' }, 'from', /year of four digits/],
    ['a year out of range', { to: '1066' }, 'to', /1900 or later/],
    [
      'an unknown status',
      { status: 'FOO' },
      'status',
      /^The status must be one of Active \(ACTIVE\), Completed \(COMPLETED\), Cancelled \(CANCELLED\), Not renewed \(NOT_RENEWED\), Unknown \(UNKNOWN\)\.$/,
    ],
    ['a lower-case status that is none of them', { status: 'cancel' }, 'status', /must be one of/],
    ['an unknown order', { sort: 'name' }, 'sort', /must be one of/],
    ['a 5,000-character agency', { agency: 'a'.repeat(5000) }, 'agency', /at most 100 characters/],
    ['a 5,000-character status', { status: 'A'.repeat(5000) }, 'status', /must be one of/],
    ['an agency that is not a slug', { agency: 'CBP & ICE' }, 'agency', /lower-case letters/],
    ['page 0', { page: '0' }, 'page', /whole number/],
    ['page -1', { page: '-1' }, 'page', /whole number/],
    ['a repeated parameter', { status: ['ACTIVE', 'COMPLETED'] }, 'status', /more than once/],
    ['years in the wrong order', { from: '2020', to: '2018' }, 'to', /must not be after/],
  ])('refuses %s with a message naming the parameter', (_name, params, field, message) => {
    const result = parseContractFilters(params);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([{ field, message: expect.stringMatching(message) }]);
    // Never echoes a long value back.
    for (const problem of result.problems) expect(problem.message.length).toBeLessThan(200);
  });
});
