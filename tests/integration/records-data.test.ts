import { beforeAll, describe, expect, it } from 'vitest';
import { getContract, getDonationResponse, getEmployeeAction, getStatement } from '@/lib/data/records';
import { linkOf, recordLinks } from '@/lib/data/record-links';
import { withDemoDatabase } from '../helpers/data-layer';

// Counted from this file's first query on (lib/db.ts creates its client on first use).
process.env.COUNTERWEIGHT_COUNT_QUERIES = '1';
const database = withDemoDatabase();

const ids = async (sql: string, values?: unknown[]) =>
  (await database().query<{ id: string }>(sql, values)).map((row) => row.id);
const one = async (sql: string, values?: unknown[]) => {
  const found = await ids(sql, values);
  if (found.length !== 1) throw new Error(`expected one row, got ${found.length}: ${sql}`);
  return found[0] as string;
};

/** The seed report's records, found by independent SQL. */
const seed = {} as {
  salesforceCbp: string;
  googleDrone: string;
  amazonIce: string;
  letter92: string;
  protest: string;
  rejection: string;
  donated: string;
  declined: string;
  googleNotRenewed: string;
};

beforeAll(async () => {
  const contractOf = (company: string, agency: string) =>
    one(
      `SELECT k.id FROM government_contracts k JOIN companies c ON c.id = k.company_id
       JOIN agencies a ON a.id = coalesce(k.sub_agency_id, k.agency_id) WHERE c.slug = $1 AND a.slug = $2`,
      [company, agency],
    );
  seed.salesforceCbp = await contractOf('salesforce', 'cbp');
  seed.googleDrone = await contractOf('google', 'dod');
  seed.amazonIce = await contractOf('amazon', 'ice');
  seed.letter92 = await one(
    `SELECT id FROM employee_actions WHERE external_source = 'collective-action-tech' AND external_id = '92'`,
  );
  seed.protest = await one(`SELECT id FROM employee_actions WHERE title LIKE 'Protest outside Salesforce%'`);
  seed.rejection = await one(
    `SELECT d.id FROM donation_responses d JOIN organizations o ON o.id = d.organization_id WHERE o.slug = 'raices'`,
  );
  seed.donated = await one(`SELECT id FROM donation_responses WHERE response = 'DONATED'`);
  seed.declined = await one(`SELECT id FROM company_statements WHERE kind = 'DECLINED_TO_COMMENT'`);
  seed.googleNotRenewed = await one(`SELECT id FROM company_statements WHERE kind = 'CANCELLED_OR_NOT_RENEWED'`);
});

describe('employee action', () => {
  it('gives the data set record 92 with its participants, vocabulary, contract, statement and sources', async () => {
    const action = await getEmployeeAction(seed.letter92);
    expect(action).not.toBeNull();
    if (!action) return;
    expect(action.participantsMin).toBe(650);
    expect(action.participantsMax).toBe(650);
    expect(action.forms).toEqual(['Open letter or petition']);
    expect(action.issues).toEqual(['Ethics']);
    expect(action.employmentTypes).toEqual(['In-house workers', 'White-collar workers']);
    expect(action.tags).toEqual(['CBP']);
    expect(action.online).toBe(true);
    expect(action.datasetRecordId).toBe('92');
    expect(action.startDate.toISOString().slice(0, 10)).toBe('2018-06-25');
    expect(action.datePrecision).toBe('DAY');
    expect(action.companies).toEqual([{ slug: 'salesforce', name: 'Salesforce' }]);
    expect(action.contracts).toEqual([
      {
        id: seed.salesforceCbp,
        title: 'Software and technical services for U.S. Customs and Border Protection',
        company: { slug: 'salesforce', name: 'Salesforce' },
      },
    ]);
    // The report ties no company statement to this letter (Benioff's answers the contract and the $1 million).
    expect(action.statements).toEqual([]);
    // The news source, the data set and the seed report, each once.
    const sourceIds = await ids(`SELECT source_id AS id FROM employee_action_sources WHERE action_id = $1 ORDER BY 1`, [
      seed.letter92,
    ]);
    expect(action.sources.map((source) => source.id).sort()).toEqual(sourceIds);
    expect(action.sources.map((source) => source.url)).toEqual(
      expect.arrayContaining([
        'https://github.com/collective-action/tech',
        'https://www.bloomberg.com/news/articles/2018-06-25/salesforce-employees-ask-ceo-to-revisit-ties-with-border-agency',
      ]),
    );
    expect(action.sources.map((source) => source.publisher)).toContain('BuzzFeed News');
    const locations = await database().query<{ label: string }>(
      `SELECT label FROM action_locations WHERE action_id = $1 ORDER BY position, label`,
      [seed.letter92],
    );
    expect(action.locations).toEqual(locations.map((row) => row.label));
    expect(action.locations.length).toBeGreaterThan(0);
  });

  it('gives the seed report’s protest with its demands, outcome, place and no data set credit', async () => {
    const action = await getEmployeeAction(seed.protest);
    expect(action).toMatchObject({
      datePrecision: 'MONTH',
      demands: 'End the contract with U.S. Customs and Border Protection.',
      outcome: 'NOT_MET',
      outcomePrecision: 'DAY',
      outcomeNote: 'As of 19 July 2018 Salesforce had declined to cancel the contract.',
      online: false,
      locations: ['San Francisco, California, USA'],
      forms: ['Protest'],
      datasetRecordId: null,
      participantsMin: null,
    });
    expect(action?.outcomeDate?.toISOString().slice(0, 10)).toBe('2018-07-19');
    expect(action?.contracts.map((contract) => contract.id)).toEqual([seed.salesforceCbp]);
  });

  it('lists its sources in the order of their ids, as the open data does, whatever order they were linked in', async () => {
    const sql = database();
    const linked = await ids(`SELECT source_id AS id FROM employee_action_sources WHERE action_id = $1 ORDER BY 1`, [
      seed.letter92,
    ]);
    expect(linked.length).toBeGreaterThan(1);
    // Linked again newest first, as an edit that adds an older source to a record leaves them.
    await sql.query(`DELETE FROM employee_action_sources WHERE action_id = $1`, [seed.letter92]);
    for (const sourceId of [...linked].reverse()) {
      await sql.query(`INSERT INTO employee_action_sources (action_id, source_id) VALUES ($1, $2)`, [
        seed.letter92,
        sourceId,
      ]);
    }
    expect((await getEmployeeAction(seed.letter92))?.sources.map((source) => source.id)).toEqual(linked);
  });

  it('shows a merged term as the term it was merged into', async () => {
    const client = database().client;
    const survivor = await client.vocabularyTerm.findUniqueOrThrow({
      where: { kind_slug: { kind: 'ACTION_FORM', slug: 'open-letter' } },
    });
    const merged = await client.vocabularyTerm.create({
      data: { kind: 'ACTION_FORM', slug: 'letter-to-the-ceo', label: 'Letter to the CEO', mergedIntoId: survivor.id },
    });
    await client.employeeActionTerm.create({ data: { actionId: seed.protest, termId: merged.id } });
    try {
      expect((await getEmployeeAction(seed.protest))?.forms).toEqual(['Open letter or petition', 'Protest']);
    } finally {
      await client.employeeActionTerm.delete({
        where: { actionId_termId: { actionId: seed.protest, termId: merged.id } },
      });
      await client.vocabularyTerm.delete({ where: { id: merged.id } });
    }
  });
});

describe('government contract', () => {
  it('gives Salesforce’s CBP contract with its agencies, actions, donation responses and statements', async () => {
    const contract = await getContract(seed.salesforceCbp);
    expect(contract).not.toBeNull();
    if (!contract) return;
    expect(contract.company).toEqual({ slug: 'salesforce', name: 'Salesforce' });
    expect(contract.agency).toEqual({
      slug: 'dhs',
      name: 'Department of Homeland Security',
      acronym: 'DHS',
      published: true,
    });
    expect(contract.subAgency).toMatchObject({ slug: 'cbp', acronym: 'CBP', published: true });
    expect(contract.contractStatus).toBe('ACTIVE');
    // Its page says as of when: the report it cites.
    expect(contract.statusText).toBe('Active (as reported 19 July 2018)');
    expect(contract.awardDate).toBeNull();
    expect(contract.obligatedAmount).toBeNull();
    expect(contract.currency).toBe('USD');

    const actionIds = await ids(
      `SELECT a.id FROM employee_action_contracts l JOIN employee_actions a ON a.id = l.action_id
       WHERE l.contract_id = $1 AND a.status = 'PUBLISHED' ORDER BY a.start_date DESC, a.title`,
      [seed.salesforceCbp],
    );
    expect(actionIds).toEqual(expect.arrayContaining([seed.letter92, seed.protest]));
    expect(contract.actions.map((action) => action.id)).toEqual(actionIds);

    expect(contract.donationResponses.map((donation) => donation.title).sort()).toEqual([
      'RAICES rejected $250,000 from Salesforce',
      'Salesforce says it donated $1,000,000 to unnamed groups',
    ]);
    const statementIds = await ids(
      `SELECT id FROM company_statements WHERE contract_id = $1 AND status = 'PUBLISHED' ORDER BY date DESC, id`,
      [seed.salesforceCbp],
    );
    expect(statementIds).toHaveLength(3);
    expect(contract.statements.map((statement) => statement.id)).toEqual(statementIds);
    expect(contract.sources.map((source) => source.publisher)).toEqual(['BuzzFeed News']);
  });

  it('gives amounts as exact decimal strings and dates with their precision', async () => {
    await database().client.governmentContract.update({
      where: { id: seed.amazonIce },
      data: {
        obligatedAmount: '1234567.89',
        potentialAmount: '20000000',
        awardDate: new Date('2019-03-01T00:00:00Z'),
        awardDatePrecision: 'MONTH',
        piid: 'HSCETC19F00001',
        awardKey: 'CONT_AWD_HSCETC19F00001_7012',
      },
    });
    const contract = await getContract(seed.amazonIce);
    expect(contract).toMatchObject({
      obligatedAmount: '1234567.89',
      potentialAmount: '20000000',
      awardDatePrecision: 'MONTH',
      piid: 'HSCETC19F00001',
      awardKey: 'CONT_AWD_HSCETC19F00001_7012',
    });
  });
});

describe('donation response', () => {
  it('gives RAICES’s rejection of $250,000 from Salesforce over its CBP contract', async () => {
    const donation = await getDonationResponse(seed.rejection);
    expect(donation).not.toBeNull();
    if (!donation) return;
    expect(donation.title).toBe('RAICES rejected $250,000 from Salesforce');
    expect(donation.amount).toBe('250000');
    expect(donation.currency).toBe('USD');
    expect(donation.response).toBe('REJECTED');
    expect(donation.organization).toEqual({
      slug: 'raices',
      name: 'Refugee and Immigrant Center for Education and Legal Services',
      acronym: 'RAICES',
      published: true,
    });
    expect(donation.company).toEqual({ slug: 'salesforce', name: 'Salesforce' });
    expect(donation.contracts).toEqual([
      {
        id: seed.salesforceCbp,
        title: 'Software and technical services for U.S. Customs and Border Protection',
        company: { slug: 'salesforce', name: 'Salesforce' },
      },
    ]);
    expect(donation.quote).toMatch(/the only right action is to stop\.$/);
    expect(donation.quoteAttribution).toBe('Jonathan Ryan, Executive Director, RAICES');
    expect(donation.statements.map((statement) => statement.id)).toEqual([seed.declined]);
    expect(donation.datePrecision).toBe('MONTH');
  });

  it('names the company first when it is the donor, and unnamed groups when it named none', async () => {
    const donation = await getDonationResponse(seed.donated);
    expect(donation).toMatchObject({
      title: 'Salesforce says it donated $1,000,000 to unnamed groups',
      organization: null,
      amount: '1000000',
      response: 'DONATED',
    });
    // Benioff's statement, in which the report has him say so.
    expect(donation?.statements.map((statement) => statement.summary)).toEqual([
      expect.stringMatching(/^CEO Marc Benioff said in a tweet .* donated \$1 million to aid groups\.$/),
    ]);
  });
});

describe('company statement', () => {
  it('gives what a statement answers: Google’s non-renewal answers the resignations and the drone contract', async () => {
    const statement = await getStatement(seed.googleNotRenewed);
    expect(statement).not.toBeNull();
    if (!statement) return;
    expect(statement.kind).toBe('CANCELLED_OR_NOT_RENEWED');
    expect(statement.company).toEqual({ slug: 'google', name: 'Google' });
    expect(statement.action?.title).toBe('Google employees resign in protest of the Pentagon drone contract');
    expect(statement.contract).toEqual({
      id: seed.googleDrone,
      title: 'Drone technology contract with the Pentagon',
      company: { slug: 'google', name: 'Google' },
    });
    expect(statement.donationResponse).toBeNull();
    expect(statement.datePrecision).toBe('YEAR');
  });

  it('links Salesforce’s refusal to comment to the RAICES rejection', async () => {
    const statement = await getStatement(seed.declined);
    expect(statement?.donationResponse).toMatchObject({
      id: seed.rejection,
      title: 'RAICES rejected $250,000 from Salesforce',
    });
    expect(statement?.contract?.id).toBe(seed.salesforceCbp);
    expect(statement?.action).toBeNull();
  });
});

describe('what is not public', () => {
  it('returns null for unknown ids and for records that are not published', async () => {
    expect(await getEmployeeAction('clxxxxxxxxxxxxxxxxxxxxxxx')).toBeNull();
    expect(await getContract('clxxxxxxxxxxxxxxxxxxxxxxx')).toBeNull();
    expect(await getDonationResponse('clxxxxxxxxxxxxxxxxxxxxxxx')).toBeNull();
    expect(await getStatement('clxxxxxxxxxxxxxxxxxxxxxxx')).toBeNull();

    const client = database().client;
    const salesforce = await one(`SELECT id FROM companies WHERE slug = 'salesforce'`);
    const dhs = await one(`SELECT id FROM agencies WHERE slug = 'dhs'`);
    const draftAction = await client.employeeAction.create({
      data: {
        title: 'Draft action',
        description: 'Not reviewed yet.',
        startDate: new Date('2020-01-01'),
        status: 'IN_REVIEW',
      },
    });
    const draftContract = await client.governmentContract.create({
      data: { companyId: salesforce, agencyId: dhs, title: 'Draft contract', status: 'DRAFT' },
    });
    const draftDonation = await client.donationResponse.create({
      data: { companyId: salesforce, response: 'RETURNED', amount: '10', status: 'DRAFT' },
    });
    const draftStatement = await client.companyStatement.create({
      data: {
        companyId: salesforce,
        date: new Date('2020-01-01'),
        kind: 'STATEMENT',
        summary: 'Draft',
        status: 'REJECTED',
      },
    });
    expect(await getEmployeeAction(draftAction.id)).toBeNull();
    expect(await getContract(draftContract.id)).toBeNull();
    expect(await getDonationResponse(draftDonation.id)).toBeNull();
    expect(await getStatement(draftStatement.id)).toBeNull();

    // Published themselves, but of a company that is not: not public either.
    const draftCompany = await client.company.create({ data: { slug: 'draft-co', name: 'Draft Co', status: 'DRAFT' } });
    const hiddenContract = await client.governmentContract.create({
      data: { companyId: draftCompany.id, agencyId: dhs, title: 'Contract of a draft company', status: 'PUBLISHED' },
    });
    const hiddenStatement = await client.companyStatement.create({
      data: {
        companyId: draftCompany.id,
        date: new Date('2020-01-01'),
        kind: 'STATEMENT',
        summary: 'Hidden',
        status: 'PUBLISHED',
      },
    });
    expect(await getContract(hiddenContract.id)).toBeNull();
    expect(await getStatement(hiddenStatement.id)).toBeNull();

    // A published record does not show the unpublished records linked to it.
    await client.employeeActionContract.createMany({
      data: [
        { actionId: seed.protest, contractId: draftContract.id },
        { actionId: seed.protest, contractId: hiddenContract.id },
      ],
    });
    await client.employeeActionCompany.create({ data: { actionId: seed.protest, companyId: draftCompany.id } });
    await client.companyStatement.update({ where: { id: draftStatement.id }, data: { actionId: seed.protest } });
    await client.employeeActionContract.create({ data: { actionId: draftAction.id, contractId: seed.salesforceCbp } });
    await client.donationResponseContract.create({
      data: { donationResponseId: draftDonation.id, contractId: seed.salesforceCbp },
    });
    const protest = await getEmployeeAction(seed.protest);
    expect(protest?.contracts.map((contract) => contract.id)).toEqual([seed.salesforceCbp]);
    expect(protest?.companies.map((company) => company.slug)).toEqual(['salesforce']);
    expect(protest?.statements).toEqual([]);
    const contract = await getContract(seed.salesforceCbp);
    expect(contract?.actions.map((action) => action.id)).not.toContain(draftAction.id);
    expect(contract?.donationResponses.map((donation) => donation.id)).not.toContain(draftDonation.id);
    const statement = await client.companyStatement.create({
      data: {
        companyId: salesforce,
        date: new Date('2020-01-01'),
        kind: 'STATEMENT',
        summary: 'Answers only unpublished records',
        status: 'PUBLISHED',
        actionId: draftAction.id,
        contractId: draftContract.id,
        donationResponseId: draftDonation.id,
      },
    });
    expect(await getStatement(statement.id)).toMatchObject({ action: null, contract: null, donationResponse: null });
  });
});

describe('the number of queries', () => {
  it('is one per record, whatever its size', async () => {
    const { queriesSent } = await import('@/lib/db');
    const queriesFor = async (run: () => Promise<unknown>) => {
      const before = queriesSent();
      await run();
      return queriesSent() - before;
    };
    // The CBP contract has actions, donation responses and statements; Amazon's ICE contract has none.
    expect(await queriesFor(() => getContract(seed.salesforceCbp))).toBe(1);
    expect(await queriesFor(() => getContract(seed.amazonIce))).toBe(1);
    expect(await queriesFor(() => getEmployeeAction(seed.letter92))).toBe(1);
    expect(await queriesFor(() => getEmployeeAction(seed.protest))).toBe(1);
    expect(await queriesFor(() => getDonationResponse(seed.rejection))).toBe(1);
    expect(await queriesFor(() => getStatement(seed.declined))).toBe(1);
  });
});

describe('record links', () => {
  it('gives the public page and name of what the public may see, and nothing else', async () => {
    const [company] = await database().query<{ id: string }>(`SELECT id FROM companies WHERE slug = 'salesforce'`);
    const [donation] = await database().query<{ id: string }>(
      `SELECT d.id FROM donation_responses d JOIN organizations o ON o.id = d.organization_id WHERE o.slug = 'raices'`,
    );
    const [contract] = await database().query<{ id: string; title: string }>(
      `SELECT c.id, c.title FROM government_contracts c JOIN companies m ON m.id = c.company_id WHERE m.slug = 'amazon'`,
    );
    const refs = [
      { type: 'COMPANY', id: company!.id },
      { type: 'DONATION_RESPONSE', id: donation!.id },
      { type: 'CONTRACT', id: contract!.id },
      { type: 'EMPLOYEE_ACTION', id: 'cnotarecordnotarecord0000' },
    ] as const;
    const links = await recordLinks([...refs]);
    expect(linkOf(links, 'COMPANY', company!.id)).toEqual({ href: '/companies/salesforce', name: 'Salesforce' });
    expect(linkOf(links, 'DONATION_RESPONSE', donation!.id)).toEqual({
      href: `/donations/${donation!.id}`,
      name: 'RAICES rejected $250,000 from Salesforce',
    });
    // A contract by its company too, as its page names it: the two ICE contracts share their title.
    expect(linkOf(links, 'CONTRACT', contract!.id)).toEqual({
      href: `/contracts/${contract!.id}`,
      name: `Amazon: ${contract!.title}`,
    });
    expect(linkOf(links, 'EMPLOYEE_ACTION', 'cnotarecordnotarecord0000')).toBeUndefined();
    await database().query(`UPDATE companies SET status = 'IN_REVIEW' WHERE id = $1`, [company!.id]);
    try {
      const hidden = await recordLinks([...refs]);
      expect(hidden.size).toBe(1);
      expect(linkOf(hidden, 'CONTRACT', contract!.id)).toBeDefined();
    } finally {
      await database().query(`UPDATE companies SET status = 'PUBLISHED' WHERE id = $1`, [company!.id]);
    }
  });
});
