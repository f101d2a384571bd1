import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataNotLoaded, seedDemoData } from '@/lib/seed/demo';
import { parseCollectiveActionFile } from '@/lib/import/collective-action-file';
import { importCollectiveActions } from '@/lib/import/collective-action-import';
import { SEED_ARTICLE } from '@/lib/seed/seed-article';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  const result = await seedDemoData(database.client);
  expect(result.seeded).toBe(true);
});
afterAll(async () => database.drop());

const one = async <T extends Record<string, unknown>>(sql: string, values?: unknown[]) => {
  const rows = await database.query<T>(sql, values);
  expect(rows, sql).toHaveLength(1);
  return rows[0] as T;
};

/** The ids of the article's citation of a record in `table`. */
async function citesArticle(table: string, column: string, id: string): Promise<boolean> {
  const rows = await database.query(
    `SELECT 1 FROM ${table} l JOIN sources s ON s.id = l.source_id WHERE l.${column} = $1 AND s.title = $2 AND s.publisher = $3`,
    [id, SEED_ARTICLE.title, SEED_ARTICLE.publisher],
  );
  return rows.length === 1;
}

describe('the demo data', () => {
  it('holds the Salesforce contract with CBP, under DHS, still active', async () => {
    const contract = await one<{ id: string; agency: string; sub: string; parent: string; contract_status: string }>(`
      SELECT k.id, a.acronym AS agency, s.acronym AS sub, p.acronym AS parent, k.contract_status
      FROM government_contracts k JOIN companies c ON c.id = k.company_id
      JOIN agencies a ON a.id = k.agency_id JOIN agencies s ON s.id = k.sub_agency_id LEFT JOIN agencies p ON p.id = s.parent_id
      WHERE c.slug = 'salesforce'`);
    expect(contract).toMatchObject({ agency: 'DHS', sub: 'CBP', parent: 'DHS', contract_status: 'ACTIVE' });
    expect(await citesArticle('contract_sources', 'contract_id', contract.id)).toBe(true);
  });

  it('holds RAICES rejecting $250,000 from Salesforce because of that contract, with the quote', async () => {
    const rejection = await one<{
      id: string;
      amount: string;
      currency: string;
      acronym: string;
      quote: string;
      linked: string;
    }>(`
      SELECT d.id, d.amount::text, d.currency, o.acronym, d.quote,
             (SELECT count(*) FROM donation_response_contracts x WHERE x.donation_response_id = d.id)::text AS linked
      FROM donation_responses d JOIN organizations o ON o.id = d.organization_id JOIN companies c ON c.id = d.company_id
      WHERE c.slug = 'salesforce' AND d.response = 'REJECTED'`);
    expect(rejection).toMatchObject({ amount: '250000.00', currency: 'USD', acronym: 'RAICES', linked: '1' });
    expect(rejection.quote).toContain('the only right action is to stop');
    expect(await citesArticle('donation_response_sources', 'donation_response_id', rejection.id)).toBe(true);
  });

  it('holds the $1 million the company said it gave, to unnamed groups', async () => {
    const gift = await one<{ amount: string; organization_id: string | null }>(`
      SELECT d.amount::text, d.organization_id FROM donation_responses d JOIN companies c ON c.id = d.company_id
      WHERE c.slug = 'salesforce' AND d.response = 'DONATED'`);
    expect(gift).toEqual({ amount: '1000000.00', organization_id: null });
  });

  it('holds the 2018-06-25 open letter of 650 Salesforce employees, aimed at the CBP contract', async () => {
    const letter = await one<{ start: string; participants_min: number; targets: string }>(`
      SELECT a.start_date::text AS start, a.participants_min,
             (SELECT string_agg(g.acronym, ',') FROM employee_action_contracts x JOIN government_contracts k ON k.id = x.contract_id
              JOIN agencies g ON g.id = k.sub_agency_id WHERE x.action_id = a.id) AS targets
      FROM employee_actions a WHERE a.external_source = 'collective-action-tech' AND a.external_id = '92'`);
    expect(letter).toEqual({ start: '2018-06-25', participants_min: 650, targets: 'CBP' });
  });

  it('holds the July 2018 protest at the San Francisco headquarters, dated to the month', async () => {
    const protest = await one<{ start: string; date_precision: string }>(`
      SELECT a.start_date::text AS start, a.date_precision FROM employee_actions a
      JOIN employee_action_companies l ON l.action_id = a.id JOIN companies c ON c.id = l.company_id
      JOIN action_locations p ON p.action_id = a.id
      WHERE c.slug = 'salesforce' AND p.city = 'San Francisco'`);
    expect(protest).toEqual({ start: '2018-07-01', date_precision: 'MONTH' });
  });

  it('holds Google not renewing the Pentagon drone contract after 12 resignations', async () => {
    const contract = await one<{ contract_status: string; agency: string; resigned: number }>(`
      SELECT k.contract_status, a.acronym AS agency,
             (SELECT e.participants_min FROM employee_action_contracts x JOIN employee_actions e ON e.id = x.action_id
              JOIN employee_action_terms t ON t.action_id = e.id JOIN vocabulary_terms v ON v.id = t.term_id
              WHERE x.contract_id = k.id AND v.slug = 'resignation') AS resigned
      FROM government_contracts k JOIN companies c ON c.id = k.company_id JOIN agencies a ON a.id = k.agency_id
      WHERE c.slug = 'google'`);
    expect(contract).toEqual({ contract_status: 'NOT_RENEWED', agency: 'DoD', resigned: 12 });
    const parent = await one<{ name: string }>(
      `SELECT p.name FROM companies c JOIN companies p ON p.id = c.parent_id WHERE c.slug = 'google'`,
    );
    expect(parent.name).toBe('Alphabet');
  });

  it('holds Microsoft and Amazon with ICE contracts they did not cancel', async () => {
    const rows = await database.query<{ slug: string; contract_status: string }>(`
      SELECT c.slug, k.contract_status FROM government_contracts k JOIN companies c ON c.id = k.company_id
      JOIN agencies a ON a.id = k.sub_agency_id WHERE a.acronym = 'ICE' ORDER BY c.slug`);
    expect(rows).toEqual([
      { slug: 'amazon', contract_status: 'ACTIVE' },
      { slug: 'microsoft', contract_status: 'ACTIVE' },
    ]);
  });

  it('quotes only words the report puts in quotation marks', async () => {
    const article = fs.readFileSync('data/seed-article.txt', 'utf8');
    const quoted = [...article.matchAll(/“([^”]+)”/g)].map((match) => match[1] as string);
    const quotes = await database.query<{ quote: string }>(`
      SELECT quote FROM company_statements WHERE quote IS NOT NULL
      UNION ALL SELECT quote FROM donation_responses WHERE quote IS NOT NULL`);
    expect(quotes.length).toBeGreaterThan(1);
    for (const { quote } of quotes) {
      // The report's own comma or full stop may close the quotation differently.
      const words = quote.replace(/[.,]$/, '');
      expect(
        quoted.some((passage) => passage.includes(words)),
        quote,
      ).toBe(true);
    }
  });

  it('links Benioff’s statement to what the report ties it to: the CBP contract and the $1 million', async () => {
    const statement = await one<{ action_id: string | null; response: string | null; agency: string; quote: string }>(`
      SELECT s.action_id, d.response, g.acronym AS agency, s.quote FROM company_statements s
      LEFT JOIN donation_responses d ON d.id = s.donation_response_id
      JOIN government_contracts k ON k.id = s.contract_id JOIN agencies g ON g.id = k.sub_agency_id
      WHERE s.speaker LIKE 'Marc Benioff%'`);
    expect(statement).toEqual({
      action_id: null,
      response: 'DONATED',
      agency: 'CBP',
      quote: 'true to our core values',
    });
  });

  it('gives companies no ticker, website or headquarters that neither the report nor the data set gives', async () => {
    const profiles = await database.query<{ slug: string; ticker: string | null; website: string | null }>(
      `SELECT slug, ticker, website FROM companies WHERE ticker IS NOT NULL OR website IS NOT NULL`,
    );
    expect(profiles).toEqual([]);
    const located = await database.query<{ slug: string }>(
      `SELECT slug FROM companies WHERE hq_country IS NOT NULL ORDER BY slug`,
    );
    // "Salesforce’s new San Francisco headquarters".
    expect(located).toEqual([{ slug: 'salesforce' }]);
  });

  it('changes an imported action as any change is made: a new version, and a history step that names the added source', async () => {
    const letter = await one<{ id: string; version: number }>(
      `SELECT id, version FROM employee_actions WHERE external_source = 'collective-action-tech' AND external_id = '92'`,
    );
    expect(letter.version).toBe(2);
    const article = await one<{ id: string }>(`SELECT id FROM sources WHERE title = $1`, [SEED_ARTICLE.title]);
    const step = await one<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      `SELECT before, after FROM revisions WHERE record_id = $1 AND actor = 'seed' AND kind = 'UPDATE'`,
      [letter.id],
    );
    expect(step.before).toMatchObject({ version: 1, contractIds: [] });
    expect(step.after).toMatchObject({ version: 2, contractIds: [expect.any(String)] });
    // Sources as every history keeps them, each by its id, so that the history page names them.
    const cited = { sourceId: article.id };
    expect(step.before.sources).not.toContainEqual(cited);
    expect(step.after.sources).toEqual(
      expect.arrayContaining([...(step.before.sources as { sourceId: string }[]), cited]),
    );
  });

  it('keeps Salesforce’s other names in the step that adds what the report says of it, as in its first', async () => {
    const step = await one<{ before: { aliases?: string[] }; after: { aliases?: string[] } }>(
      `SELECT r.before, r.after FROM revisions r JOIN companies c ON c.id = r.record_id
       WHERE c.slug = 'salesforce' AND r.actor = 'seed' AND r.kind = 'UPDATE'`,
    );
    // Unchanged by the step, and shown in full: a history without them would read as their removal.
    expect(step.after.aliases).toContain('Salesforce.com');
    expect(step.before.aliases).toEqual(step.after.aliases);
  });

  it('publishes nothing without a source', async () => {
    const unsourced = await database.query(`
      SELECT 'company' AS kind, id FROM companies c WHERE status = 'PUBLISHED' AND NOT EXISTS (SELECT 1 FROM company_sources s WHERE s.company_id = c.id)
      UNION ALL SELECT 'agency', id FROM agencies a WHERE status = 'PUBLISHED' AND NOT EXISTS (SELECT 1 FROM agency_sources s WHERE s.agency_id = a.id)
      UNION ALL SELECT 'organization', id FROM organizations o WHERE status = 'PUBLISHED' AND NOT EXISTS (SELECT 1 FROM organization_sources s WHERE s.organization_id = o.id)
      UNION ALL SELECT 'contract', id FROM government_contracts k WHERE status = 'PUBLISHED' AND NOT EXISTS (SELECT 1 FROM contract_sources s WHERE s.contract_id = k.id)
      UNION ALL SELECT 'action', id FROM employee_actions e WHERE status = 'PUBLISHED' AND NOT EXISTS (SELECT 1 FROM employee_action_sources s WHERE s.action_id = e.id)
      UNION ALL SELECT 'donation', id FROM donation_responses d WHERE status = 'PUBLISHED' AND NOT EXISTS (SELECT 1 FROM donation_response_sources s WHERE s.donation_response_id = d.id)
      UNION ALL SELECT 'statement', id FROM company_statements t WHERE status = 'PUBLISHED' AND NOT EXISTS (SELECT 1 FROM company_statement_sources s WHERE s.statement_id = t.id)`);
    expect(unsourced).toEqual([]);
  });

  it('keeps a revision for every record it created', async () => {
    const missing = await database.query(`
      SELECT id FROM (SELECT id FROM companies UNION ALL SELECT id FROM agencies UNION ALL SELECT id FROM organizations
        UNION ALL SELECT id FROM government_contracts UNION ALL SELECT id FROM employee_actions
        UNION ALL SELECT id FROM donation_responses UNION ALL SELECT id FROM company_statements UNION ALL SELECT id FROM sources) r
      WHERE NOT EXISTS (SELECT 1 FROM revisions v WHERE v.record_id = r.id)`);
    expect(missing).toEqual([]);
  });

  it('names in each first step the sources the record was created citing, as its page lists them', async () => {
    // The history shows them by their addresses, or a citation without one by its title, publisher
    // and date (as the forms list such sources), never as ids.
    const { revisionChanges } = await import('@/lib/data/review');
    const { after } = await one<{ after: unknown }>(
      `SELECT r.after FROM revisions r JOIN agencies a ON a.id = r.record_id WHERE a.slug = 'dhs' AND r.kind = 'CREATE'`,
    );
    const lines = await revisionChanges('AGENCY', {}, after, database.client);
    expect(lines.find((line) => line.field === 'sources')?.after).toBe(
      `${SEED_ARTICLE.title} · ${SEED_ARTICLE.publisher} · 19 July 2018`,
    );
    // Every record the report or the data set created, but the sources themselves and the
    // actions (whose import step names its sources by address).
    const steps = await database.query<{
      record_type: string;
      record_id: string;
      sources: { sourceId: string }[] | null;
    }>(`
      SELECT record_type, record_id, after->'sources' AS sources FROM revisions
      WHERE kind = 'CREATE' AND actor IS NOT NULL AND record_type IN ('COMPANY', 'AGENCY', 'ORGANIZATION', 'CONTRACT', 'DONATION_RESPONSE', 'COMPANY_STATEMENT')`);
    expect(steps.length).toBeGreaterThan(100);
    const links = await database.query<{ record_id: string; source_id: string }>(`
      SELECT company_id AS record_id, source_id FROM company_sources UNION ALL SELECT agency_id, source_id FROM agency_sources
      UNION ALL SELECT organization_id, source_id FROM organization_sources UNION ALL SELECT contract_id, source_id FROM contract_sources
      UNION ALL SELECT donation_response_id, source_id FROM donation_response_sources
      UNION ALL SELECT statement_id, source_id FROM company_statement_sources`);
    for (const step of steps) {
      const cited = links.filter((link) => link.record_id === step.record_id).map((link) => link.source_id);
      // None created without one, each one it names still cited (a later step may add more).
      expect(step.sources?.length, `${step.record_type} ${step.record_id}`).toBeGreaterThan(0);
      expect(cited, `${step.record_type} ${step.record_id}`).toEqual(
        expect.arrayContaining((step.sources ?? []).map((source) => source.sourceId)),
      );
    }
  });

  it('adds nothing when loaded again', async () => {
    const before = await database.query(
      'SELECT (SELECT count(*) FROM employee_actions) a, (SELECT count(*) FROM companies) c, (SELECT count(*) FROM sources) s',
    );
    const again = await seedDemoData(database.client);
    expect(again).toEqual({ seeded: false, companies: Number(before[0]!.c), demoData: true });
    // A start after the first says nothing of it.
    expect(demoDataNotLoaded(again)).toBeNull();
    expect(
      await database.query(
        'SELECT (SELECT count(*) FROM employee_actions) a, (SELECT count(*) FROM companies) c, (SELECT count(*) FROM sources) s',
      ),
    ).toEqual(before);
  });
});

/** A migrated database without data, of the describe block's own. */
function withEmptyDatabase(): () => TestDatabase {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());
  return () => database;
}

describe('the demo data, loading cut short', () => {
  const fresh = withEmptyDatabase();

  it('is written all or nothing, so that the next start loads it whole', async () => {
    // The last step fails as a database going away would: the demo accounts cannot be written.
    await fresh().query(`CREATE FUNCTION refuse_users() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN RAISE EXCEPTION 'the database system is shutting down'; END $$`);
    await fresh().query(
      `CREATE TRIGGER refuse_users BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION refuse_users()`,
    );
    await expect(seedDemoData(fresh().client, { demoAccounts: true })).rejects.toThrow(/shutting down/);
    const counts = `SELECT (SELECT count(*) FROM companies)::int AS companies, (SELECT count(*) FROM employee_actions)::int AS actions,
      (SELECT count(*) FROM sources)::int AS sources, (SELECT count(*) FROM users)::int AS users`;
    // Nothing of it stays: a start that found the actions would take the demo data as loaded.
    expect(await fresh().query(counts)).toEqual([{ companies: 0, actions: 0, sources: 0, users: 0 }]);

    await fresh().query('DROP TRIGGER refuse_users ON users');
    expect(await seedDemoData(fresh().client, { demoAccounts: true })).toMatchObject({ seeded: true });
    const [loaded] = await fresh().query<{ companies: number; actions: number; users: number }>(counts);
    expect(loaded).toMatchObject({ actions: 508, users: 3 });
  });
});

describe('the demo data, after an import into the empty database', () => {
  const fresh = withEmptyDatabase();

  it('is not loaded over the records there, and the start says so', async () => {
    // `npm run import:cat` run before the first `npm start`.
    const file = JSON.parse(fs.readFileSync('data/collective-action-tech/actions.json', 'utf8')) as unknown[];
    await importCollectiveActions(fresh().client, parseCollectiveActionFile(JSON.stringify(file.slice(0, 3))));
    const [{ companies }] = (await fresh().query<{ companies: number }>(
      'SELECT count(*)::int AS companies FROM companies',
    )) as [{ companies: number }];
    const result = await seedDemoData(fresh().client, { demoAccounts: true });
    expect(result).toEqual({ seeded: false, companies, demoData: false });
    expect(demoDataNotLoaded(result)).toBe(
      `The database holds records already (${companies} ${companies === 1 ? 'company' : 'companies'}), so the demo data was not loaded: it goes only into an empty database.`,
    );
    expect(await fresh().query('SELECT count(*)::int AS n FROM users')).toEqual([{ n: 0 }]);
  });
});
