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

  it('returns null for an unknown company', async () => {
    expect(await getCompanyBySlug('no-such-company')).toBeNull();
  });
});
