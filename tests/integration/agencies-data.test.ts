import pg from 'pg';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  agencyCalled,
  AGENCIES_PER_PAGE,
  getAgencyBySlug,
  listAgencies,
  type AgencySummary,
} from '@/lib/data/agencies';
import { withDemoDatabase } from '../helpers/data-layer';

const database = withDemoDatabase();
const rows = <T extends pg.QueryResultRow>(sql: string, values?: unknown[]) => database().query<T>(sql, values);
const count = async (sql: string, values?: unknown[]) => Number((await rows<{ n: string }>(sql, values))[0]?.n);

async function profile(slug: string) {
  const agency = await getAgencyBySlug(slug);
  if (!agency) throw new Error(`no agency ${slug}`);
  return agency;
}

async function allAgencies(sort: 'name' | 'contracts' | 'value'): Promise<AgencySummary[]> {
  const first = await listAgencies({ page: 1, sort });
  const rest = await Promise.all(
    Array.from({ length: first.pages - 1 }, (_, index) => listAgencies({ page: index + 2, sort })),
  );
  return [first, ...rest].flatMap((result) => result.agencies);
}

/** Independent figures: per published agency, its published contracts (of published companies) and sums per currency. */
async function expectedFigures() {
  const counted = await rows<{ slug: string; n: string; without: string }>(`
    SELECT a.slug, count(k.id) AS n, count(k.id) FILTER (WHERE k.obligated_amount IS NULL) AS without
    FROM agencies a
    LEFT JOIN (government_contracts k JOIN companies c ON c.id = k.company_id AND c.status = 'PUBLISHED')
      ON (k.agency_id = a.id OR k.sub_agency_id = a.id) AND k.status = 'PUBLISHED'
    WHERE a.status = 'PUBLISHED'
    GROUP BY a.slug`);
  const sums = await rows<{ slug: string; currency: string; total: string }>(`
    SELECT a.slug, k.currency, sum(k.obligated_amount)::text AS total
    FROM agencies a
    JOIN government_contracts k ON (k.agency_id = a.id OR k.sub_agency_id = a.id) AND k.status = 'PUBLISHED'
    JOIN companies c ON c.id = k.company_id AND c.status = 'PUBLISHED'
    WHERE a.status = 'PUBLISHED' AND k.obligated_amount IS NOT NULL
    GROUP BY a.slug, k.currency`);
  return { counted, sums };
}

/** How many SQL statements the data layer sends while `run` runs. */
async function queriesDuring(run: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(pg.Client.prototype, 'query');
  try {
    await run();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('agencies on the demo record', () => {
  it('lists the published agencies A to Z with contract counts equal to independent SQL counts', async () => {
    const { agencies, total, pages } = await listAgencies({ page: 1 });
    expect(total).toBe(await count(`SELECT count(*) AS n FROM agencies WHERE status = 'PUBLISHED'`));
    expect(pages).toBe(1);
    expect(agencies.map((agency) => agency.slug)).toEqual(['dod', 'dhs', 'cbp', 'ice']);
    const { counted } = await expectedFigures();
    for (const agency of agencies) {
      const expected = counted.find((row) => row.slug === agency.slug);
      expect(agency.contractCount, agency.slug).toBe(Number(expected?.n));
    }
    const bySlug = Object.fromEntries(agencies.map((agency) => [agency.slug, agency]));
    // DHS awards the CBP contract and both ICE contracts; each sub-agency counts its own.
    expect(bySlug.dhs?.contractCount).toBe(3);
    expect(bySlug.cbp?.contractCount).toBe(1);
    expect(bySlug.ice?.contractCount).toBe(2);
    expect(bySlug.dod?.contractCount).toBe(1);
    expect(bySlug.cbp?.parent).toEqual({ slug: 'dhs', name: 'Department of Homeland Security', acronym: 'DHS' });
    expect(bySlug.dhs?.parent).toBeNull();
    expect(bySlug.dhs?.level).toBe('FEDERAL');
    // The demo contracts carry no amounts.
    expect(bySlug.dhs?.obligated).toEqual([]);
    expect(bySlug.dhs?.contractsWithoutAmount).toBe(3);
  });

  it('sorts by number of contracts, most first, ties A to Z', async () => {
    const { agencies } = await listAgencies({ sort: 'contracts' });
    expect(agencies.map((agency) => [agency.slug, agency.contractCount])).toEqual([
      ['dhs', 3],
      ['ice', 2],
      ['dod', 1],
      ['cbp', 1],
    ]);
  });

  it('shows DHS with its sub-agencies, and Salesforce, Microsoft and Amazon as contractors through CBP and ICE', async () => {
    const dhs = await profile('dhs');
    expect(dhs).toMatchObject({
      name: 'Department of Homeland Security',
      acronym: 'DHS',
      level: 'FEDERAL',
      country: 'US',
    });
    expect(dhs.parent).toBeNull();
    expect(dhs.subAgencies.map((agency) => agency.slug)).toEqual(['cbp', 'ice']);

    const contractors = await rows<{ slug: string; n: string }>(`
      SELECT c.slug, count(*) AS n FROM government_contracts k JOIN companies c ON c.id = k.company_id
      WHERE k.status = 'PUBLISHED' AND c.status = 'PUBLISHED'
        AND (k.agency_id IN (SELECT id FROM agencies WHERE slug = 'dhs' OR parent_id = (SELECT id FROM agencies WHERE slug = 'dhs'))
          OR k.sub_agency_id IN (SELECT id FROM agencies WHERE slug = 'dhs' OR parent_id = (SELECT id FROM agencies WHERE slug = 'dhs')))
      GROUP BY c.slug`);
    expect(dhs.contractors.map((c) => c.slug).sort()).toEqual(contractors.map((c) => c.slug).sort());
    expect(dhs.contractors.map((c) => c.slug)).toEqual(expect.arrayContaining(['salesforce', 'microsoft', 'amazon']));
    expect(dhs.contractors.map((c) => c.slug)).not.toContain('google');
    for (const contractor of dhs.contractors) {
      expect(contractor.contractCount, contractor.slug).toBe(
        Number(contractors.find((c) => c.slug === contractor.slug)?.n),
      );
    }

    expect(dhs.contracts).toHaveLength(3);
    const salesforce = dhs.contracts.find((contract) => contract.company.slug === 'salesforce');
    expect(salesforce?.subAgency?.slug).toBe('cbp');
    expect(salesforce?.agency.slug).toBe('dhs');
    expect(salesforce?.contractStatus).toBe('ACTIVE');
    expect(salesforce?.sources.length).toBeGreaterThan(0);

    const actionIds = await rows<{ id: string }>(`
      SELECT DISTINCT a.id FROM employee_actions a
      JOIN employee_action_contracts x ON x.action_id = a.id
      JOIN government_contracts k ON k.id = x.contract_id AND k.status = 'PUBLISHED'
      JOIN agencies g ON g.id IN (k.agency_id, k.sub_agency_id)
      WHERE a.status = 'PUBLISHED' AND (g.slug = 'dhs' OR g.parent_id = (SELECT id FROM agencies WHERE slug = 'dhs'))`);
    expect(dhs.actions.map((action) => action.id).sort()).toEqual(actionIds.map((row) => row.id).sort());
    const protest = dhs.actions.find((action) => action.title.startsWith('Protest outside Salesforce'));
    expect(protest?.companies.map((company) => company.slug)).toEqual(['salesforce']);
    expect(protest?.datePrecision).toBe('MONTH');
    const dates = dhs.actions.map((action) => action.startDate.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));

    expect(dhs.sources.map((source) => source.id).sort()).toEqual(
      (
        await rows<{ id: string }>(
          `SELECT s.source_id AS id FROM agency_sources s JOIN agencies a ON a.id = s.agency_id WHERE a.slug = 'dhs'`,
        )
      )
        .map((row) => row.id)
        .sort(),
    );
  });

  it('shows CBP under DHS with Salesforce alone, and DoD with Google alone', async () => {
    const cbp = await profile('cbp');
    expect(cbp.parent).toEqual({ slug: 'dhs', name: 'Department of Homeland Security', acronym: 'DHS' });
    expect(cbp.subAgencies).toEqual([]);
    expect(cbp.contractors.map((c) => c.slug)).toEqual(['salesforce']);
    expect(cbp.actions.every((action) => action.companies.every((company) => company.slug === 'salesforce'))).toBe(
      true,
    );
    expect(cbp.actions.length).toBeGreaterThan(0);

    const dod = await profile('dod');
    expect(dod.contractors.map((c) => c.slug)).toEqual(['google']);
    expect(dod.contracts.map((contract) => contract.contractStatus)).toEqual(['NOT_RENEWED']);
    expect(dod.actions.map((action) => action.title)).toContain(
      'Google employees resign in protest of the Pentagon drone contract',
    );
  });

  it('finds the agency an address names by another name it goes by, or its acronym, for the page to lead there', async () => {
    expect(await agencyCalled('pentagon')).toBe('dod');
    expect(await agencyCalled('Pentagon')).toBe('dod');
    // Its own address is its page, and a name no agency goes by is none.
    expect(await agencyCalled('dod')).toBeNull();
    expect(await agencyCalled('no-such-agency')).toBeNull();
    expect(await agencyCalled('---')).toBeNull();
  });

  it('returns null for an unknown agency', async () => {
    expect(await getAgencyBySlug('no-such-agency')).toBeNull();
  });
});

describe('agencies with amounts, hidden records and many agencies', () => {
  beforeAll(async () => {
    const q = (sql: string) => rows(sql);
    await q(`UPDATE government_contracts SET obligated_amount = 1000000.50, potential_amount = 2000000
             WHERE company_id = (SELECT id FROM companies WHERE slug = 'microsoft')`);
    await q(`UPDATE government_contracts SET obligated_amount = 2500000
             WHERE company_id = (SELECT id FROM companies WHERE slug = 'amazon')`);
    await q(`INSERT INTO government_contracts (id, company_id, agency_id, title, obligated_amount, currency, status, updated_at)
             VALUES ('test-eur', (SELECT id FROM companies WHERE slug = 'microsoft'), (SELECT id FROM agencies WHERE slug = 'dod'),
                     'A contract paid in euros', 300, 'EUR', 'PUBLISHED', now()),
                    ('test-usd', (SELECT id FROM companies WHERE slug = 'google'), (SELECT id FROM agencies WHERE slug = 'dod'),
                     'A second Pentagon contract', 700.25, 'USD', 'PUBLISHED', now()),
                    ('test-draft', (SELECT id FROM companies WHERE slug = 'amazon'), (SELECT id FROM agencies WHERE slug = 'dhs'),
                     'A draft contract', 999999999, 'USD', 'DRAFT', now())`);
    // A published contract of a company still in review: its name must not show.
    await q(`INSERT INTO companies (id, slug, name, status, updated_at)
             VALUES ('test-hidden-company', 'hidden-company', 'Hidden Company', 'IN_REVIEW', now())`);
    await q(`INSERT INTO government_contracts (id, company_id, agency_id, sub_agency_id, title, obligated_amount, status, updated_at)
             VALUES ('test-hidden', 'test-hidden-company', (SELECT id FROM agencies WHERE slug = 'dhs'),
                     (SELECT id FROM agencies WHERE slug = 'ice'), 'Hidden', 5, 'PUBLISHED', now())`);
    // An office under ICE, written as awarding a contract itself (as the forms no longer let anyone):
    // its page counts it, as the lists, filters and exports do; ICE's and DHS's do not.
    await q(`INSERT INTO agencies (id, slug, name, parent_id, status, updated_at)
             VALUES ('test-office', 'ice-office', 'An office of ICE', (SELECT id FROM agencies WHERE slug = 'ice'), 'PUBLISHED', now()),
                    ('test-draft-agency', 'draft-agency', 'A draft agency', NULL, 'DRAFT', now())`);
    await q(`INSERT INTO government_contracts (id, company_id, agency_id, sub_agency_id, title, obligated_amount, potential_amount, status, updated_at)
             VALUES ('test-office-contract', (SELECT id FROM companies WHERE slug = 'microsoft'), 'test-office', NULL,
                     'An office contract', 10, 20, 'PUBLISHED', now())`);
    await q(`INSERT INTO employee_actions (id, title, description, start_date, status, updated_at)
             VALUES ('test-office-action', 'A petition about the office contract', 'd', '2030-01-01', 'PUBLISHED', now()),
                    ('test-draft-action', 'A draft action', 'd', '2030-01-01', 'DRAFT', now())`);
    await q(`INSERT INTO employee_action_contracts (action_id, contract_id)
             VALUES ('test-office-action', 'test-office-contract'), ('test-draft-action', 'test-office-contract')`);
    await q(`INSERT INTO agencies (id, slug, name, status, updated_at)
             SELECT 'test-agency-' || i, 'test-agency-' || lpad(i::text, 2, '0'), 'Test agency ' || lpad(i::text, 2, '0'),
                    'PUBLISHED', now()
             FROM generate_series(1, 60) i`);
  });

  it('sums obligated amounts per currency, US dollars first, exactly, leaving out drafts and unpublished companies', async () => {
    const agencies = await allAgencies('name');
    const { counted, sums } = await expectedFigures();
    expect(agencies).toHaveLength(counted.length);
    for (const agency of agencies) {
      expect(agency.contractCount, agency.slug).toBe(Number(counted.find((row) => row.slug === agency.slug)?.n));
      expect(agency.contractsWithoutAmount, agency.slug).toBe(
        Number(counted.find((row) => row.slug === agency.slug)?.without),
      );
      const expected = sums
        .filter((row) => row.slug === agency.slug)
        .map((row) => [row.currency, Number(row.total)])
        .sort();
      expect(agency.obligated.map((total) => [total.currency, Number(total.amount)]).sort(), agency.slug).toEqual(
        expected,
      );
    }
    const bySlug = Object.fromEntries(agencies.map((agency) => [agency.slug, agency]));
    expect(bySlug.dhs?.obligated).toEqual([{ currency: 'USD', amount: '3500000.5' }]);
    expect(bySlug.dhs?.contractCount).toBe(3);
    expect(bySlug.ice?.obligated).toEqual([{ currency: 'USD', amount: '3500000.5' }]);
    expect(bySlug.dod?.obligated).toEqual([
      { currency: 'USD', amount: '700.25' },
      { currency: 'EUR', amount: '300' },
    ]);
    expect(bySlug.dod?.contractCount).toBe(3);
    expect(bySlug.dod?.contractsWithoutAmount).toBe(1);
    expect(bySlug['ice-office']?.parent?.slug).toBe('ice');
    expect(bySlug['draft-agency']).toBeUndefined();
  });

  it('sorts by obligated value in US dollars, largest first, agencies without one last A to Z', async () => {
    const agencies = await allAgencies('value');
    expect(agencies.slice(0, 4).map((agency) => agency.slug)).toEqual(['dhs', 'ice', 'dod', 'ice-office']);
    const rest = agencies.slice(4).map((agency) => agency.name);
    expect(rest).toEqual([...rest].sort(new Intl.Collator('en').compare));
    expect(agencies.slice(4).every((agency) => !agency.obligated.some((total) => total.currency === 'USD'))).toBe(true);
  });

  it('pages through every published agency once', async () => {
    const total = await count(`SELECT count(*) AS n FROM agencies WHERE status = 'PUBLISHED'`);
    expect(total).toBe(65);
    const first = await listAgencies({ page: 1 });
    const second = await listAgencies({ page: 2 });
    expect(first.total).toBe(total);
    expect(first.pages).toBe(Math.ceil(total / AGENCIES_PER_PAGE));
    expect(first.pages).toBe(2);
    expect(first.agencies).toHaveLength(AGENCIES_PER_PAGE);
    expect(second.agencies).toHaveLength(total - AGENCIES_PER_PAGE);
    const slugs = [...first.agencies, ...second.agencies].map((agency) => agency.slug);
    expect(new Set(slugs).size).toBe(total);
    expect(slugs).not.toContain('draft-agency');
    expect((await listAgencies({ page: 3 })).agencies).toEqual([]);
    expect(await getAgencyBySlug('draft-agency')).toBeNull();
  });

  it('counts the contracts an agency awarded as the agency or as the sub-agency, as the lists do, with sums per contractor', async () => {
    const { listContracts } = await import('@/lib/data/contracts');
    for (const slug of ['dhs', 'ice', 'ice-office', 'cbp', 'dod']) {
      const listed = await listContracts({ agency: slug });
      expect((await profile(slug)).contracts.map((contract) => contract.id).sort(), slug).toEqual(
        listed.contracts.map((contract) => contract.id).sort(),
      );
      expect(listed.pages, slug).toBe(1);
    }
    const dhs = await profile('dhs');
    expect(dhs.contractors.map((c) => c.slug)).not.toContain('hidden-company');
    expect(dhs.contracts.map((contract) => contract.id)).not.toContain('test-draft');
    expect(dhs.contracts.map((contract) => contract.id)).not.toContain('test-hidden');
    expect(dhs.contracts.map((contract) => contract.id)).not.toContain('test-office-contract');
    expect(dhs.actions.map((action) => action.id)).not.toContain('test-office-action');
    const office = await profile('ice-office');
    const microsoft = office.contractors.find((c) => c.slug === 'microsoft');
    expect(microsoft).toEqual({
      slug: 'microsoft',
      name: 'Microsoft',
      contractCount: 1,
      obligated: [{ currency: 'USD', amount: '10' }],
      potential: [{ currency: 'USD', amount: '20' }],
      obligatedUnknown: 0,
      potentialUnknown: 0,
    });
    expect(office.actions.map((action) => action.id)).toEqual(['test-office-action']);
    expect(office.contracts.find((c) => c.id === 'test-office-contract')?.agency).toEqual({
      slug: 'ice-office',
      name: 'An office of ICE',
      acronym: null,
      published: true,
    });

    const dod = await profile('dod');
    // Google's Pentagon contract of the demo data has no amount: its sum leaves it out, and says so.
    expect(
      dod.contractors.map((c) => [c.slug, c.contractCount, c.obligated, c.obligatedUnknown, c.potentialUnknown]),
    ).toEqual([
      ['google', 2, [{ currency: 'USD', amount: '700.25' }], 1, 2],
      ['microsoft', 1, [{ currency: 'EUR', amount: '300' }], 0, 1],
    ]);
    const cbp = await profile('cbp');
    expect(cbp.contractors.map((c) => c.slug)).toEqual(['salesforce']);
  });

  it('lists the donation responses and statements that name its contracts, as its feed and exports hold them', async () => {
    const dhs = await profile('dhs');
    const expected = await rows<{ kind: string; id: string }>(`
      WITH k AS (
        SELECT k.id FROM government_contracts k JOIN companies c ON c.id = k.company_id AND c.status = 'PUBLISHED'
        JOIN agencies a ON a.id IN (k.agency_id, k.sub_agency_id) AND a.slug = 'dhs'
        WHERE k.status = 'PUBLISHED')
      SELECT DISTINCT 'donation' AS kind, d.id FROM donation_responses d
        JOIN companies c ON c.id = d.company_id AND c.status = 'PUBLISHED'
        JOIN donation_response_contracts x ON x.donation_response_id = d.id AND x.contract_id IN (SELECT id FROM k)
        WHERE d.status = 'PUBLISHED'
      UNION
      SELECT 'statement', s.id FROM company_statements s JOIN companies c ON c.id = s.company_id AND c.status = 'PUBLISHED'
        WHERE s.status = 'PUBLISHED' AND s.contract_id IN (SELECT id FROM k)`);
    expect(expected.length).toBeGreaterThan(0);
    expect(dhs.responses.map(({ kind, id }) => `${kind}:${id}`).toSorted()).toEqual(
      expected.map(({ kind, id }) => `${kind}:${id}`).toSorted(),
    );
    // Newest first, each named as its own page names it.
    const dated = dhs.responses.flatMap((response) => (response.date ? [response.date.getTime()] : []));
    expect(dated).toEqual(dated.toSorted((a, b) => b - a));
    expect(dhs.responses.find((response) => response.kind === 'donation')?.title).toMatch(/ from Salesforce$/);
  });

  it('asks the database a fixed number of times, whatever the size of the agency', async () => {
    expect(await queriesDuring(() => listAgencies({ page: 1, sort: 'value' }))).toBe(2);
    const small = await queriesDuring(() => getAgencyBySlug('cbp'));
    const large = await queriesDuring(() => getAgencyBySlug('dhs'));
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(8);
    expect(await queriesDuring(() => getAgencyBySlug('no-such-agency'))).toBe(1);
  });

  it("offers the contract form a contract's awarding agency given a parent since, named with that parent", async () => {
    const { agencyOptions } = await import('@/lib/data/form-lookups');
    const [dhs] = await rows<{ id: string }>(`SELECT id FROM agencies WHERE slug = 'dhs'`);
    const [parent] = await rows<{ id: string }>(
      `INSERT INTO agencies (id, slug, name, status, updated_at) VALUES ('agency-parent-test', 'federal-government-test',
        'Federal Government Test', 'PUBLISHED', now()) RETURNING id`,
    );
    await rows(`UPDATE agencies SET parent_id = $2 WHERE id = $1`, [dhs!.id, parent!.id]);
    try {
      const ids = (choices: readonly (readonly [string, string])[]) => choices.map(([id]) => id);
      // A new contract is awarded by a department: DHS is one no longer.
      expect(ids((await agencyOptions()).agencies)).not.toContain(dhs!.id);
      // The CBP contract, awarded by DHS, opens with it chosen, not with an empty choice.
      const { agencies } = await agencyOptions({ awarding: dhs!.id });
      expect(agencies.find(([id]) => id === dhs!.id)?.[1]).toBe(
        'Department of Homeland Security (DHS), part of Federal Government Test',
      );
    } finally {
      await rows(`UPDATE agencies SET parent_id = NULL WHERE id = $1`, [dhs!.id]);
      await rows(`DELETE FROM agencies WHERE id = $1`, [parent!.id]);
    }
  });
});
