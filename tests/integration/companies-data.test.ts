import { describe, expect, it } from 'vitest';
import { getCompanyBySlug, listCompanies } from '@/lib/data/companies';
import { withDemoDatabase } from '../helpers/data-layer';

const database = withDemoDatabase();

describe('company data', () => {
  it('lists published companies A to Z with counts equal to independent SQL counts', async () => {
    const { companies, total } = await listCompanies({ page: 1 });
    const [row] = await database().query<{ n: string }>(
      `SELECT count(*) AS n FROM companies WHERE status = 'PUBLISHED'`,
    );
    expect(total).toBe(Number(row?.n));
    const amazon = (await listCompanies({ page: 1 })).companies.find((c) => c.slug === 'amazon');
    const names = companies.map((c) => c.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('en').compare));
    expect(names.indexOf('AT&T')).toBeGreaterThan(names.indexOf('Accenture'));
    if (amazon) {
      const [counted] = await database().query<{ n: string }>(
        `SELECT count(*) AS n FROM employee_action_companies l JOIN companies c ON c.id = l.company_id WHERE c.slug = 'amazon'`,
      );
      expect(amazon.actionCount).toBe(Number(counted?.n));
    }
  });

  it('says when the latest action against each company was, at its precision, and sorts by it', async () => {
    const { companies } = await listCompanies({ sort: 'recent' });
    // Each company's latest action and the precision its sources give, newest first (then by name).
    const newest = await database().query<{ slug: string; day: string; precision: string }>(`
      SELECT slug, day, precision FROM (
        SELECT DISTINCT ON (c.id) c.slug, c.name, a.start_date,
               to_char(a.start_date, 'YYYY-MM-DD') AS day, a.date_precision::text AS precision
        FROM companies c JOIN employee_action_companies l ON l.company_id = c.id
        JOIN employee_actions a ON a.id = l.action_id AND a.status = 'PUBLISHED'
        WHERE c.status = 'PUBLISHED' AND c.merged_into_id IS NULL
        ORDER BY c.id, a.start_date DESC, a.date_precision, a.id
      ) latest ORDER BY start_date DESC, name`);
    expect(companies.slice(0, 5).map((company) => company.slug)).toEqual(newest.slice(0, 5).map((row) => row.slug));
    const length = { DAY: 10, MONTH: 7, YEAR: 4 } as Record<string, number>;
    for (const row of newest.slice(0, 40)) {
      const shown = companies.find((company) => company.slug === row.slug)?.lastAction;
      // 2022-01-07 is written 2022-01-07, 2022-01 or 2022 as its sources give it: never more precise.
      expect(shown?.iso, row.slug).toBe(row.day.slice(0, length[row.precision]));
    }
    // An action known only by its year, newer than every other, is the latest and is written as a year.
    await database().query(
      `INSERT INTO employee_actions (id, title, description, start_date, date_precision, status, updated_at)
       VALUES ('test-latest-by-year', 'Walkout', 'A walkout known by its year.', '2031-01-01', 'YEAR', 'PUBLISHED', now())`,
    );
    try {
      await database().query(
        `INSERT INTO employee_action_companies (action_id, company_id) SELECT 'test-latest-by-year', id FROM companies WHERE slug = 'salesforce'`,
      );
      const first = (await listCompanies({ sort: 'recent' })).companies[0];
      expect([first?.slug, first?.lastAction]).toEqual(['salesforce', { text: '2031', iso: '2031' }]);
    } finally {
      await database().query(`DELETE FROM employee_actions WHERE id = 'test-latest-by-year'`);
    }
  });

  it('returns null for an unknown company', async () => {
    expect(await getCompanyBySlug('no-such-company')).toBeNull();
  });
});
