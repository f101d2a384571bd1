import pg from 'pg';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  getOrganizationBySlug,
  listOrganizations,
  ORGANIZATIONS_PER_PAGE,
  type OrganizationSummary,
} from '@/lib/data/organizations';
import { withDemoDatabase } from '../helpers/data-layer';

const database = withDemoDatabase();
const rows = <T extends pg.QueryResultRow>(sql: string, values?: unknown[]) => database().query<T>(sql, values);
const count = async (sql: string, values?: unknown[]) => Number((await rows<{ n: string }>(sql, values))[0]?.n);

async function profile(slug: string) {
  const organization = await getOrganizationBySlug(slug);
  if (!organization) throw new Error(`no organization ${slug}`);
  return organization;
}

async function allOrganizations(sort: 'name' | 'donations' | 'actions'): Promise<OrganizationSummary[]> {
  const first = await listOrganizations({ page: 1, sort });
  const rest = await Promise.all(
    Array.from({ length: first.pages - 1 }, (_, index) => listOrganizations({ page: index + 2, sort })),
  );
  return [first, ...rest].flatMap((result) => result.organizations);
}

/** Independent counts per listed organization. */
async function expectedCounts() {
  return rows<{ slug: string; name: string; donations: string; actions: string }>(`
    SELECT o.slug, o.name,
           (SELECT count(*) FROM donation_responses d JOIN companies c ON c.id = d.company_id
            WHERE d.organization_id = o.id AND d.status = 'PUBLISHED' AND c.status = 'PUBLISHED') AS donations,
           (SELECT count(DISTINCT a.id) FROM employee_action_organizations l JOIN employee_actions a ON a.id = l.action_id
            WHERE l.organization_id = o.id AND a.status = 'PUBLISHED') AS actions
    FROM organizations o WHERE o.status = 'PUBLISHED' AND o.merged_into_id IS NULL`);
}

async function queriesDuring(run: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(pg.Client.prototype, 'query');
  try {
    await run();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

describe('organizations on the demo record', () => {
  it('lists RAICES with counts equal to independent SQL counts', async () => {
    const { organizations, total, pages } = await listOrganizations();
    expect(total).toBe(
      await count(`SELECT count(*) AS n FROM organizations WHERE status = 'PUBLISHED' AND merged_into_id IS NULL`),
    );
    expect(pages).toBe(1);
    const raices = organizations.find((organization) => organization.slug === 'raices');
    const expected = (await expectedCounts()).find((row) => row.slug === 'raices');
    expect(raices).toEqual({
      slug: 'raices',
      name: 'Refugee and Immigrant Center for Education and Legal Services',
      acronym: 'RAICES',
      kind: 'LEGAL_AID',
      donationCount: Number(expected?.donations),
      actionCount: Number(expected?.actions),
    });
    expect(raices?.donationCount).toBe(1);
  });

  it('holds the $250,000 rejection from Salesforce on RAICES’s page, with its quote and sources', async () => {
    const raices = await profile('raices');
    expect(raices).toMatchObject({
      acronym: 'RAICES',
      kind: 'LEGAL_AID',
      country: 'US',
      // The report gives no website, so the seed gives none.
      website: null,
      mergedInto: null,
    });
    expect(raices.description).toMatch(/legal services/);
    expect(raices.donationResponses).toHaveLength(1);
    const [rejection] = raices.donationResponses;
    expect(rejection).toMatchObject({
      company: { slug: 'salesforce', name: 'Salesforce' },
      response: 'REJECTED',
      amount: '250000',
      currency: 'USD',
      amountUndisclosed: false,
      datePrecision: 'MONTH',
      quoteAttribution: 'Jonathan Ryan, Executive Director, RAICES',
    });
    expect(rejection?.date?.toISOString().slice(0, 7)).toBe('2018-07');
    expect(rejection?.quote).toMatch(/the only right action is to stop/);
    expect(rejection?.reason).toMatch(/Customs and Border Protection/);
    expect(rejection?.sources.length).toBe(
      await count(`SELECT count(*) AS n FROM donation_response_sources WHERE donation_response_id = $1`, [
        rejection?.id,
      ]),
    );
    expect(rejection?.sources.length).toBeGreaterThan(0);
    // Salesforce's $1 million went to groups it did not name: not RAICES's.
    expect(raices.donationResponses.map((donation) => donation.amount)).not.toContain('1000000');
    expect(raices.sources.length).toBe(
      await count(
        `SELECT count(*) AS n FROM organization_sources s JOIN organizations o ON o.id = s.organization_id WHERE o.slug = 'raices'`,
      ),
    );
  });

  it('returns null for an unknown organization', async () => {
    expect(await getOrganizationBySlug('no-such-organization')).toBeNull();
  });
});

describe('organizations with actions, donations, hidden records and many organizations', () => {
  let actionIds: string[] = [];

  beforeAll(async () => {
    const q = (sql: string, values?: unknown[]) => rows(sql, values);
    await q(`INSERT INTO organizations (id, slug, name, acronym, kind, status, updated_at, merged_into_id) VALUES
      ('test-org-a', 'tech-workers-coalition', 'Tech Workers Coalition', 'TWC', 'WORKER_GROUP', 'PUBLISHED', now(), NULL),
      ('test-org-b', 'aid-fund', 'Aid Fund', NULL, 'NGO', 'PUBLISHED', now(), NULL),
      ('test-org-draft', 'draft-org', 'A draft organization', NULL, 'OTHER', 'DRAFT', now(), NULL),
      ('test-org-merged', 'raices-texas', 'RAICES Texas', NULL, 'LEGAL_AID', 'PUBLISHED', now(),
       (SELECT id FROM organizations WHERE slug = 'raices'))`);
    actionIds = (
      await rows<{ id: string }>(
        `SELECT id FROM employee_actions WHERE status = 'PUBLISHED' ORDER BY start_date DESC, id LIMIT 3`,
      )
    ).map((row) => row.id);
    await q(`INSERT INTO employee_actions (id, title, description, start_date, status, updated_at)
             VALUES ('test-draft-action', 'A draft action', 'd', '2030-01-01', 'DRAFT', now())`);
    await q(
      `INSERT INTO employee_action_organizations (action_id, organization_id)
       SELECT unnest($1::text[]), 'test-org-a'
       UNION ALL SELECT 'test-draft-action', 'test-org-a'
       UNION ALL SELECT $2, (SELECT id FROM organizations WHERE slug = 'raices')`,
      [actionIds, actionIds[0]],
    );
    await q(`INSERT INTO companies (id, slug, name, status, updated_at)
             VALUES ('test-hidden-company', 'hidden-company', 'Hidden Company', 'IN_REVIEW', now())`);
    await q(`INSERT INTO donation_responses (id, company_id, organization_id, date, date_precision, amount, currency,
                                             amount_undisclosed, response, status, updated_at) VALUES
      ('test-d1', (SELECT id FROM companies WHERE slug = 'amazon'), 'test-org-b', '2019-03-04', 'DAY', NULL, 'USD', true, 'RETURNED', 'PUBLISHED', now()),
      ('test-d2', (SELECT id FROM companies WHERE slug = 'microsoft'), 'test-org-b', NULL, 'DAY', 1500.5, 'EUR', false, 'ACCEPTED', 'PUBLISHED', now()),
      ('test-d3', (SELECT id FROM companies WHERE slug = 'google'), 'test-org-b', '2020-01-01', 'YEAR', 10, 'USD', false, 'REJECTED', 'DRAFT', now()),
      ('test-d4', (SELECT id FROM companies WHERE slug = 'amazon'), 'test-org-b', '2018-01-01', 'YEAR', 20, 'USD', false, 'REJECTED', 'PUBLISHED', now()),
      ('test-d5', 'test-hidden-company', 'test-org-b', '2021-01-01', 'YEAR', 30, 'USD', false, 'REJECTED', 'PUBLISHED', now())`);
    await q(`INSERT INTO organizations (id, slug, name, kind, status, updated_at)
             SELECT 'test-many-' || i, 'test-org-' || lpad(i::text, 2, '0'), 'Test organization ' || lpad(i::text, 2, '0'),
                    'OTHER', 'PUBLISHED', now()
             FROM generate_series(1, 55) i`);
  });

  it('counts donations and actions like independent SQL, leaving out drafts, merged organizations and unpublished companies', async () => {
    const organizations = await allOrganizations('name');
    const expected = await expectedCounts();
    expect(organizations).toHaveLength(expected.length);
    for (const organization of organizations) {
      const row = expected.find((candidate) => candidate.slug === organization.slug);
      expect(organization.donationCount, organization.slug).toBe(Number(row?.donations));
      expect(organization.actionCount, organization.slug).toBe(Number(row?.actions));
    }
    const bySlug = Object.fromEntries(organizations.map((organization) => [organization.slug, organization]));
    expect(bySlug['tech-workers-coalition']).toMatchObject({ acronym: 'TWC', kind: 'WORKER_GROUP', actionCount: 3 });
    expect(bySlug['aid-fund']?.donationCount).toBe(3);
    expect(bySlug.raices?.actionCount).toBe(1);
    expect(bySlug['draft-org']).toBeUndefined();
    expect(bySlug['raices-texas']).toBeUndefined();
    const names = organizations.map((organization) => organization.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('en').compare));
  });

  it('sorts by donation responses and by actions joined, most first, ties A to Z', async () => {
    const byDonations = await allOrganizations('donations');
    expect(byDonations.slice(0, 2).map((organization) => organization.slug)).toEqual(['aid-fund', 'raices']);
    const counts = byDonations.map((organization) => organization.donationCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const zeros = byDonations.filter((organization) => organization.donationCount === 0).map((o) => o.name);
    expect(zeros).toEqual([...zeros].sort(new Intl.Collator('en').compare));

    const byActions = await allOrganizations('actions');
    expect(byActions.slice(0, 2).map((organization) => organization.slug)).toEqual([
      'tech-workers-coalition',
      'raices',
    ]);
    const actionCounts = byActions.map((organization) => organization.actionCount);
    expect(actionCounts).toEqual([...actionCounts].sort((a, b) => b - a));
  });

  it('pages through every listed organization once', async () => {
    const total = await count(
      `SELECT count(*) AS n FROM organizations WHERE status = 'PUBLISHED' AND merged_into_id IS NULL`,
    );
    expect(total).toBe(58);
    const first = await listOrganizations({ page: 1 });
    const second = await listOrganizations({ page: 2 });
    expect(first.total).toBe(total);
    expect(first.pages).toBe(Math.ceil(total / ORGANIZATIONS_PER_PAGE));
    expect(first.pages).toBe(2);
    expect(first.organizations).toHaveLength(ORGANIZATIONS_PER_PAGE);
    expect(second.organizations).toHaveLength(total - ORGANIZATIONS_PER_PAGE);
    const slugs = [...first.organizations, ...second.organizations].map((organization) => organization.slug);
    expect(new Set(slugs).size).toBe(total);
    expect((await listOrganizations({ page: 3 })).organizations).toEqual([]);
  });

  it('shows the actions an organization joined, newest first, without drafts', async () => {
    const coalition = await profile('tech-workers-coalition');
    expect(coalition.actions.map((action) => action.id)).toEqual(actionIds);
    expect(coalition.actions.map((action) => action.id)).not.toContain('test-draft-action');
    const joined = await rows<{ slug: string }>(
      `SELECT DISTINCT c.slug FROM employee_action_companies l JOIN companies c ON c.id = l.company_id
       WHERE l.action_id = $1 AND c.status = 'PUBLISHED'`,
      [actionIds[0]],
    );
    expect(coalition.actions[0]?.companies.map((company) => company.slug).sort()).toEqual(
      joined.map((row) => row.slug).sort(),
    );
    expect(coalition.donationResponses).toEqual([]);
    expect((await profile('raices')).actions.map((action) => action.id)).toEqual([actionIds[0]]);
  });

  it('shows donation responses newest first, undated last, with undisclosed amounts, without drafts or unpublished companies', async () => {
    const fund = await profile('aid-fund');
    expect(fund.donationResponses.map((donation) => donation.id)).toEqual(['test-d1', 'test-d4', 'test-d2']);
    expect(fund.donationResponses[0]).toMatchObject({ amount: null, amountUndisclosed: true, response: 'RETURNED' });
    expect(fund.donationResponses[2]).toMatchObject({ amount: '1500.5', currency: 'EUR', date: null });
  });

  it('points a merged organization at the one it was merged into, and hides drafts', async () => {
    expect((await profile('raices-texas')).mergedInto).toEqual({
      slug: 'raices',
      name: 'Refugee and Immigrant Center for Education and Legal Services',
    });
    expect(await getOrganizationBySlug('draft-org')).toBeNull();
  });

  it('gives /incidents an organization’s donation responses and the actions it joined, as its page, the API and an independent count do', async () => {
    const { incidentList } = await import('@/lib/public-data');
    const { followMergedFilters, listRecords } = await import('@/lib/data/open-data');
    const page = { page: 1, perPage: 100 };
    const keys = (entries: { kind: string; id: string }[]) =>
      entries.map((entry) => `${entry.kind}:${entry.id}`).sort();
    for (const slug of ['raices', 'aid-fund', 'tech-workers-coalition', 'test-org-01']) {
      const expected = await count(
        `SELECT (SELECT count(*) FROM donation_responses d JOIN companies c ON c.id = d.company_id
                 JOIN organizations o ON o.id = d.organization_id
                 WHERE o.slug = $1 AND d.status = 'PUBLISHED' AND c.status = 'PUBLISHED')
              + (SELECT count(DISTINCT a.id) FROM employee_action_organizations l JOIN employee_actions a ON a.id = l.action_id
                 JOIN organizations o ON o.id = l.organization_id
                 WHERE o.slug = $1 AND a.status = 'PUBLISHED') AS n`,
        [slug],
      );
      const listed = await incidentList({ organization: slug }, page);
      expect(listed.unknown, slug).toEqual([]);
      expect(listed.organization?.slug, slug).toBe(slug);
      expect(listed.total, slug).toBe(expected);
      expect(listed.entries, slug).toHaveLength(expected);
      // The API's lists of actions and donation responses with the same filter hold the same records.
      const [actions, donations] = await Promise.all([
        listRecords('actions', { organization: slug }, { limit: 100 }),
        listRecords('donations', { organization: slug }, { limit: 100 }),
      ]);
      expect(keys(listed.entries), slug).toEqual(
        keys([
          ...actions.records.map((record) => ({ kind: 'action', id: record.id })),
          ...donations.records.map((record) => ({ kind: 'donation', id: record.id })),
        ]),
      );
      // As its page lists them.
      const organization = await profile(slug);
      expect(listed.total, slug).toBe(organization.donationResponses.length + organization.actions.length);
    }
    // RAICES's rejection of Salesforce's $250,000, and the action it joined above.
    const raices = await incidentList({ organization: 'raices' }, page);
    expect(raices.total).toBe(2);
    expect(raices.entries.map((entry) => entry.kind).sort()).toEqual(['action', 'donation']);
    expect(raices.entries.find((entry) => entry.kind === 'action')?.id).toBe(actionIds[0]);
    // Aid Fund's: a draft and one of a company not published are left out, an undated one listed last.
    const fund = await incidentList({ organization: 'aid-fund' }, page);
    expect(fund.entries.map((entry) => entry.id)).toEqual(['test-d1', 'test-d4', 'test-d2']);
    // Contracts and statements name no organization: with it, none is listed; each other kind alone.
    for (const kind of ['contract', 'statement'] as const) {
      expect((await incidentList({ organization: 'raices', kind }, page)).total, kind).toBe(0);
    }
    expect((await incidentList({ organization: 'raices', kind: 'donation' }, page)).entries.map((e) => e.kind)).toEqual(
      ['donation'],
    );
    expect((await incidentList({ organization: 'raices', kind: 'action' }, page)).entries.map((e) => e.id)).toEqual([
      actionIds[0],
    ]);
    // The forms menu counts, under it, what choosing each form would find.
    const coalition = await incidentList({ organization: 'tech-workers-coalition' }, page);
    const forms = Object.entries(coalition.termCounts?.ACTION_FORM ?? {});
    expect(forms.length).toBeGreaterThan(0);
    for (const [form, n] of forms) {
      expect((await incidentList({ organization: 'tech-workers-coalition', form }, page)).total, form).toBe(n);
    }
    // A merged organization names the one it was merged into, as the API reads it.
    const merged = await incidentList({ organization: 'raices-texas' }, page);
    expect(merged.organization?.slug).toBe('raices');
    expect(merged.total).toBe(raices.total);
    expect((await followMergedFilters({ organization: 'raices-texas' })).organization).toBe('raices');
    // One not on record (or not published) is said to be, as the API refuses it, never an unfiltered list.
    for (const slug of ['no-such-organization', 'draft-org']) {
      const unknown = await incidentList({ organization: slug }, page);
      expect(unknown).toMatchObject({
        unknown: [`no organization “${slug}”`],
        total: 0,
        entries: [],
        organization: null,
      });
      expect((await listRecords('donations', { organization: slug }, { limit: 1 })).unknown).toEqual([
        { path: ['organization'], message: `no organization "${slug}"` },
      ]);
    }
  });

  it('asks the database a fixed number of times, whatever the size of the organization', async () => {
    expect(await queriesDuring(() => listOrganizations({ sort: 'actions' }))).toBe(2);
    const small = await queriesDuring(() => getOrganizationBySlug('test-org-01'));
    const large = await queriesDuring(() => getOrganizationBySlug('tech-workers-coalition'));
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
    expect(await queriesDuring(() => getOrganizationBySlug('aid-fund'))).toBe(small);
  });
});
