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
    const latest = await database().query<{ slug: string; day: string }>(`
      SELECT c.slug, to_char(max(a.start_date), 'YYYY-MM-DD') AS day
      FROM companies c JOIN employee_action_companies l ON l.company_id = c.id
      JOIN employee_actions a ON a.id = l.action_id AND a.status = 'PUBLISHED'
      WHERE c.status = 'PUBLISHED' AND c.merged_into_id IS NULL
      GROUP BY c.slug ORDER BY max(a.start_date) DESC, min(c.name) LIMIT 5`);
    expect(companies.slice(0, 5).map((company) => company.slug)).toEqual(latest.map((row) => row.slug));
    for (const row of latest) {
      const shown = companies.find((company) => company.slug === row.slug)?.lastAction;
      // 2022-01-07 is written 2022-01-07, 2022-01 or 2022: never more precise than the sources.
      expect(row.day.startsWith(shown?.iso ?? 'missing'), row.slug).toBe(true);
    }
    const amazon = companies.find((company) => company.slug === 'amazon');
    expect(amazon?.lastAction?.text).toMatch(/^(\d{1,2} )?([A-Z][a-z]+ )?\d{4}$/);
  });

  it('returns null for an unknown company', async () => {
    expect(await getCompanyBySlug('no-such-company')).toBeNull();
  });
});
