import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

async function company(slug: string) {
  return database.client.company.create({ data: { slug, name: slug } });
}

describe('constraints of the record', () => {
  it('keeps company slugs unique', async () => {
    await company('acme');
    await expect(company('acme')).rejects.toThrow(/Unique constraint/);
  });

  it('stores a source url once', async () => {
    await database.client.source.create({ data: { url: 'https://example.org/story' } });
    await expect(database.client.source.create({ data: { url: 'https://example.org/story' } })).rejects.toThrow(
      /Unique constraint/,
    );
  });

  it('cites a source stored in the form an address takes now by one normalised before (a change sent before a rule)', async () => {
    const { ensureSourcesByUrl } = await import('@/lib/records/sources');
    const stored = await database.client.source.create({ data: { url: 'https://example.org/news/held?lang=en' } });
    const actor = { actor: 'test' };
    const first = await ensureSourcesByUrl(database.client, ['https://example.org/news/held/?lang=en'], actor);
    expect(first).toEqual({ ids: new Map([['https://example.org/news/held/?lang=en', stored.id]]), created: 0 });
    // One not stored yet is stored in the form typing it finds now, under the address it was asked by.
    const asked = ['https://example.org/news/new/?lang=en', 'https://example.org/news/new?lang=en'];
    const second = await ensureSourcesByUrl(database.client, asked, actor);
    expect(second.created).toBe(1);
    const [made] = await database.client.source.findMany({
      where: { url: { startsWith: 'https://example.org/news/new' } },
    });
    expect(made?.url).toBe('https://example.org/news/new?lang=en');
    expect([...second.ids]).toEqual(asked.map((url) => [url, made!.id]));
  });

  it('accepts a source without a url only as a full citation', async () => {
    await expect(database.client.source.create({ data: { publisher: 'Daily Bugle' } })).rejects.toThrow(
      /sources_url_or_full_citation/,
    );
    const citation = await database.client.source.create({
      data: { publisher: 'Daily Bugle', title: 'A story', publishedAt: new Date('2018-07-19T00:00:00Z') },
    });
    expect(citation.url).toBeNull();
  });

  it('keeps money exact as Decimal, and never negative', async () => {
    const donor = await company('donor');
    const exact = '1234567890123456.78';
    const created = await database.client.donationResponse.create({
      data: { companyId: donor.id, response: 'REJECTED', amount: exact, currency: 'USD' },
    });
    const [row] = await database.query<{ amount: string }>(
      'SELECT amount::text FROM donation_responses WHERE id = $1',
      [created.id],
    );
    expect(row?.amount).toBe(exact);
    const read = await database.client.donationResponse.findUniqueOrThrow({ where: { id: created.id } });
    expect(read.amount?.toString()).toBe(exact);

    await expect(
      database.client.donationResponse.create({
        data: { companyId: donor.id, response: 'REJECTED', amount: '-1', currency: 'USD' },
      }),
    ).rejects.toThrow(/donation_responses_amount_non_negative/);
    await expect(
      database.client.donationResponse.create({
        data: { companyId: donor.id, response: 'REJECTED', amount: '5', currency: 'usd' },
      }),
    ).rejects.toThrow(/donation_responses_currency_code/);
  });

  it('refuses a participants range whose low end is above its high end', async () => {
    await expect(
      database.client.employeeAction.create({
        data: {
          title: 't',
          description: 'd',
          startDate: new Date('2020-01-01T00:00:00Z'),
          participantsMin: 10,
          participantsMax: 5,
        },
      }),
    ).rejects.toThrow(/employee_actions_participants_range/);
  });

  it('refuses a company that is its own parent', async () => {
    const self = await company('self');
    await expect(
      database.client.company.update({ where: { id: self.id }, data: { parentId: self.id } }),
    ).rejects.toThrow(/companies_not_own_parent/);
  });

  it('keeps the data set id unique per source, so an import cannot duplicate', async () => {
    const data = {
      title: 't',
      description: 'd',
      startDate: new Date('2020-01-01T00:00:00Z'),
      externalSource: 'x',
      externalId: '1',
    };
    await database.client.employeeAction.create({ data });
    await expect(database.client.employeeAction.create({ data })).rejects.toThrow(/Unique constraint/);
  });
});
