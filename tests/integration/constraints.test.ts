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
