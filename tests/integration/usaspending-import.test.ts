import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureCompanies } from '@/lib/records/companies';
import { readCsvRecords } from '@/lib/import/usaspending-csv';
import { PRIME_AWARD_SUMMARY_CONTRACT_COLUMNS } from '@/lib/import/usaspending-columns';
import { USASPENDING_COLUMNS } from '@/lib/import/usaspending-file';
import { contractStatusText, statusFactsSelect } from '@/lib/contract-status';
import { importUsaspendingContracts } from '@/lib/import/usaspending-import';
import { printUsaspendingReport } from '@/lib/import/usaspending-report';
import { syntheticPrimeAwardSummaries } from '@/lib/import/usaspending-synthetic';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { importNotMade } from '../../scripts/import-refusal';

const FIXTURES = 'tests/fixtures/usaspending';
const CONTRACTS = fs.readFileSync(path.join(FIXTURES, 'contracts.csv'), 'utf8');
/** The fixture with its award 0001's obligated amount (1250000.50) and last_modified_date (2019-06-03 14:22:10) given anew. */
const withFirstAward = (obligated: string, modified = '2019-06-03 14:22:10') =>
  CONTRACTS.replace(',1250000.50,', `,${obligated},`).replace('2019-06-03 14:22:10', modified);
const TODAY = new Date('2025-01-01T12:00:00Z');
const key = (n: string, agency: string) => `CONT_AWD_SYNTHETIC${n}_${agency}_-NONE-_-NONE-`;
/** The fixture as a newer file that names Salesforce's award 0001 to `recipient`, with a new amount. */
const salesforceAwardTo = (recipient: string) =>
  CONTRACTS.split('\r\n')
    .map((line) =>
      line.startsWith(key('0001', '7014'))
        ? line.replaceAll('"SALESFORCE, INC."', `"${recipient}"`).replace('1250000.50', '1300000.00')
        : line,
    )
    .join('\r\n');
const MICROSOFT_DESCRIPTION =
  'SYNTHETIC TEST ROW: "AZURE GOVERNMENT" CLOUD SERVICES, LICENSES, AND SUPPORT.\nSECOND LINE OF THE DESCRIPTION, ' +
  'WHICH GOES ON LONG ENOUGH TO BE CUT FOR THE TITLE: DATA HOSTING, IDENTITY MANAGEMENT, PRODUCTIVITY SOFTWARE, ' +
  'TRAINING, PROFESSIONAL SERVICES AND SUPPORT FOR THE WHOLE PERIOD OF PERFORMANCE (ÉTÉ ✓).';

/** The text as a byte stream cut into pieces of `size` bytes (splitting quoted fields and UTF-8 characters). */
function bytes(text: string, size = 64 * 1024): Readable {
  const buffer = Buffer.from(text);
  const pieces: Buffer[] = [];
  for (let at = 0; at < buffer.length; at += size) pieces.push(buffer.subarray(at, at + size));
  return Readable.from(pieces);
}

let database: TestDatabase;

/** A contract's change an editor published, as its history keeps it: the form's fields before and after. */
const editorChange = (recordId: string, userId: string, before: object, after: object) =>
  database.client.revision.create({
    data: {
      recordType: 'CONTRACT',
      recordId,
      kind: 'UPDATE',
      userId,
      before: { fields: before },
      after: { fields: after },
    },
  });
let ids: { dhs: string; ice: string; cbp: string; companies: Record<string, string> };

beforeEach(async () => {
  database = await createTestDatabase();
  const companies = await ensureCompanies(
    database.client,
    [
      { name: 'Salesforce', aliases: ['Salesforce, Inc.'] },
      { name: 'Microsoft', aliases: ['Microsoft Corporation'] },
      { name: 'Amazon', aliases: ['Amazon.com, Inc.'] },
      { name: 'Google', aliases: ['Google LLC'] },
      { name: 'Palantir Technologies' },
    ],
    { actor: 'test', sourceIds: [], status: 'PUBLISHED' },
  );
  const id = (name: string) => companies.idByKey.get(name.toLowerCase()) as string;
  // An editor typed the department in capitals; CBP was entered without its parent.
  const dhs = await database.client.agency.create({
    data: { slug: 'dhs', name: 'DEPARTMENT OF HOMELAND SECURITY', status: 'PUBLISHED' },
  });
  const ice = await database.client.agency.create({
    data: { slug: 'ice', name: 'U.S. Immigration and Customs Enforcement', parentId: dhs.id, status: 'PUBLISHED' },
  });
  const cbp = await database.client.agency.create({
    data: { slug: 'cbp', name: 'U.S. Customs and Border Protection', status: 'PUBLISHED' },
  });
  ids = {
    dhs: dhs.id,
    ice: ice.id,
    cbp: cbp.id,
    companies: Object.fromEntries(['salesforce', 'microsoft', 'amazon', 'google'].map((name) => [name, id(name)])),
  };
});
afterEach(async () => database.drop());

const TABLES = [
  'government_contracts',
  'agencies',
  'sources',
  'contract_sources',
  'agency_sources',
  'revisions',
  'unmatched_recipients',
];
async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    result[table] = Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);
  }
  return result;
}

async function contract(awardKey: string) {
  const [row] = await database.query<Record<string, string | null>>(
    `SELECT c.*, c.obligated_amount::text AS obligated, c.potential_amount::text AS potential,
            c.award_date::text AS award_day, c.period_start::text AS start_day, c.period_end::text AS end_day,
            a.name AS agency_name, s.name AS sub_agency_name
       FROM government_contracts c JOIN agencies a ON a.id = c.agency_id LEFT JOIN agencies s ON s.id = c.sub_agency_id
      WHERE c.award_key = $1`,
    [awardKey],
  );
  return row;
}

describe('reading CSV (RFC 4180) from a stream', () => {
  it('reads quoted commas, doubled quotes, line breaks in fields, CRLF and LF, whatever the chunks', async () => {
    const text = 'a,"b,c","d""e","f\r\ng"\r\n,,\n"last","é✓"';
    const expected = [
      { fields: ['a', 'b,c', 'd"e', 'f\r\ng'], line: 1 },
      { fields: ['', '', ''], line: 3 },
      { fields: ['last', 'é✓'], line: 4 },
    ];
    for (const size of [1, 2, 3, 5, 1024]) {
      const records = [];
      for await (const record of readCsvRecords(bytes(text, size))) records.push(record);
      expect(records, `chunks of ${size} bytes`).toEqual(expected);
    }
  });

  it('reads the fixture identically in 1-byte chunks and whole', async () => {
    const whole = [];
    for await (const record of readCsvRecords(bytes(CONTRACTS))) whole.push(record);
    const bytewise = [];
    for await (const record of readCsvRecords(bytes(CONTRACTS, 1))) bytewise.push(record);
    expect(bytewise).toEqual(whole);
    expect(whole.map((record) => [record.line, record.fields.length])).toEqual([
      [1, 286],
      [2, 286],
      [3, 286],
      [5, 286],
      [6, 286],
      [7, 286],
      [8, 286],
      [9, 286],
      [10, 286],
    ]);
  });

  it('the fixture carries the 286-column header, with the 14 columns the importer reads', () => {
    const header = CONTRACTS.slice(0, CONTRACTS.indexOf('\r\n')).split(',');
    expect(header).toEqual(PRIME_AWARD_SUMMARY_CONTRACT_COLUMNS);
    expect(header).toHaveLength(286);
    for (const column of Object.values(USASPENDING_COLUMNS)) expect(header).toContain(column);
  });
});

describe('importing USAspending Prime Award Summaries (contracts)', () => {
  it('imports the matched awards with exact amounts, days, statuses, agencies and sources', async () => {
    const report = await importUsaspendingContracts(database.client, bytes(CONTRACTS, 4096), { today: TODAY });
    expect(report.rows).toBe(8);
    expect(report.created).toEqual({
      contracts: 5,
      agencies: ['Department of Defense', 'Department of the Air Force'],
      sources: 5,
    });
    expect(report.unmatchedRecipients).toEqual([
      {
        name: 'PALANTIR USG, INC.',
        parent: 'PALANTIR TECHNOLOGIES INC.',
        rows: 2,
        stored: 0,
        perhaps: 'Palantir Technologies',
        perhapsId: expect.any(String),
        // "PALANTIR USG" suggests no company; its parent, PALANTIR TECHNOLOGIES INC., does.
        perhapsByParent: true,
        perhapsHolds: false,
        permalink: expect.stringMatching(/^https:\/\/www\.usaspending\.gov\/award\//),
        setAside: false,
      },
    ]);
    // Which company each recipient's rows went to, and by what: Amazon Web Services by its parent's name.
    expect(report.matchedRecipients).toEqual([
      { name: 'MICROSOFT CORPORATION', company: { name: 'Microsoft', slug: 'microsoft' }, byParent: null, rows: 2 },
      {
        name: 'AMAZON WEB SERVICES, INC.',
        company: { name: 'Amazon', slug: 'amazon' },
        byParent: 'AMAZON.COM, INC.',
        rows: 1,
      },
      { name: 'GOOGLE LLC', company: { name: 'Google', slug: 'google' }, byParent: null, rows: 1 },
      { name: 'SALESFORCE, INC.', company: { name: 'Salesforce', slug: 'salesforce' }, byParent: null, rows: 1 },
    ]);
    expect(report.review).toEqual([
      {
        line: 10,
        awardKey: key('0008', '7014'),
        reason:
          'period_of_performance_start_date 2020-07-01 is after period_of_performance_current_end_date 2020-01-31',
      },
    ]);
    expect(report.leftOut).toMatchObject([{ line: 9, column: 'total_obligated_amount', value: '-1500.00' }]);

    const salesforce = await contract(key('0001', '7014'));
    expect(salesforce).toMatchObject({
      company_id: ids.companies.salesforce,
      agency_id: ids.dhs,
      sub_agency_id: ids.cbp,
      piid: 'SYNTHETIC0001',
      obligated: '1250000.50',
      potential: '3000000.00',
      currency: 'USD',
      award_day: '2018-04-26',
      award_date_precision: 'DAY',
      start_day: '2018-05-01',
      end_day: '2019-04-30',
      contract_status: 'COMPLETED',
      status: 'PUBLISHED',
      title: 'SYNTHETIC TEST ROW: SOFTWARE LICENSES, SUBSCRIPTIONS AND SUPPORT',
      purpose: 'SYNTHETIC TEST ROW: SOFTWARE LICENSES, SUBSCRIPTIONS AND SUPPORT',
    });

    // Ids in the form of Prisma's cuid(); times in UTC, as Prisma writes and reads them.
    const written = await database.client.governmentContract.findUniqueOrThrow({
      where: { awardKey: key('0001', '7014') },
    });
    expect(written.id).toMatch(/^c[a-z0-9]{24}$/);
    expect(Math.abs(written.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(written.updatedAt).toEqual(written.createdAt);

    const microsoft = await contract(key('0002', '7012'));
    expect(microsoft?.purpose).toBe(MICROSOFT_DESCRIPTION);
    expect(microsoft?.title).toBe([...MICROSOFT_DESCRIPTION.replace(/\s+/g, ' ')].slice(0, 200).join('').trim());
    expect([...(microsoft?.title ?? '')].length).toBeLessThanOrEqual(200);
    expect(microsoft).toMatchObject({ contract_status: 'ACTIVE', sub_agency_id: ids.ice, agency_id: ids.dhs });

    // The recipient is not a known name, its parent is: the parent's company.
    expect(await contract(key('0003', '7012'))).toMatchObject({
      company_id: ids.companies.amazon,
      obligated: '0.07',
      potential: '9999999999999999.99',
      contract_status: 'ACTIVE',
    });
    // A negative amount is left empty; no end date: the status stays unknown; no description: a title anyway.
    expect(await contract(key('0007', '7012'))).toMatchObject({
      obligated: null,
      potential: '0.00',
      award_day: null,
      contract_status: 'UNKNOWN',
      title: 'Contract SYNTHETIC0007',
      purpose: null,
    });

    // Agencies: found case-insensitively, created with their hierarchy, CBP placed under DHS.
    const google = await contract(key('0006', '5700'));
    expect(google).toMatchObject({
      agency_name: 'Department of Defense',
      sub_agency_name: 'Department of the Air Force',
    });
    const dod = await database.client.agency.findUniqueOrThrow({
      where: { id: google?.agency_id as string },
      include: { sources: { include: { source: true } } },
    });
    expect(dod).toMatchObject({ slug: 'department-of-defense', level: 'FEDERAL', country: 'US', status: 'PUBLISHED' });
    expect(dod.sources.map((link) => link.source.url)).toEqual([
      `https://www.usaspending.gov/award/${key('0006', '5700')}`,
    ]);
    const airForce = await database.client.agency.findUniqueOrThrow({ where: { id: google?.sub_agency_id as string } });
    expect(airForce.parentId).toBe(dod.id);
    const cbp = await database.client.agency.findUniqueOrThrow({ where: { id: ids.cbp } });
    expect(cbp.parentId).toBe(ids.dhs);
    // Placed under DHS after it was created: a step of its history, at the version the record has.
    const placed = await database.client.revision.findFirstOrThrow({
      where: { recordType: 'AGENCY', recordId: ids.cbp },
      orderBy: { createdAt: 'desc' },
    });
    expect([placed.before, placed.after]).toEqual([
      { version: cbp.version - 1, parentId: null },
      { version: cbp.version, parentId: ids.dhs },
    ]);
    expect(
      await database.client.agency.count({
        where: { name: { equals: 'Department of Homeland Security', mode: 'insensitive' } },
      }),
    ).toBe(1);
    expect(await database.client.agency.count({ where: { name: 'Department of the Army' } })).toBe(0);

    // Every contract cites its permalink, normalised, published by USAspending.gov.
    const sources = await database.query<{ award_key: string; url: string; publisher: string }>(
      `SELECT c.award_key, s.url, s.publisher FROM contract_sources l
         JOIN government_contracts c ON c.id = l.contract_id JOIN sources s ON s.id = l.source_id ORDER BY c.award_key`,
    );
    expect(sources).toHaveLength(5);
    for (const source of sources) {
      expect(source).toEqual({
        award_key: source.award_key,
        url: `https://www.usaspending.gov/award/${source.award_key}`,
        publisher: 'USAspending.gov',
      });
    }

    // Nothing for the unmatched recipient, nothing for the row that contradicts itself.
    expect(await database.client.company.count()).toBe(5);
    expect(await contract(key('0004', '7012'))).toBeUndefined();
    expect(await contract(key('0008', '7014'))).toBeUndefined();

    const revisions = await database.query<{ record_type: string; kind: string; n: string }>(
      `SELECT record_type, kind, count(*) AS n FROM revisions WHERE actor = 'import:usaspending'
        GROUP BY record_type, kind ORDER BY record_type, kind`,
    );
    expect(revisions.map((row) => [row.record_type, row.kind, Number(row.n)])).toEqual([
      ['AGENCY', 'CREATE', 2],
      ['AGENCY', 'UPDATE', 1],
      ['CONTRACT', 'IMPORT', 5],
      ['SOURCE', 'CREATE', 5],
    ]);
  });

  it('prints what it did, naming the unmatched recipients and their rows', async () => {
    const report = await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
    const lines: string[] = [];
    printUsaspendingReport(report, (line) => lines.push(line));
    const text = lines.join('\n');
    expect(text).toContain('Created: 5 contracts, 2 agencies, 5 sources.');
    expect(text).toContain('Unchanged: 0 contracts.');
    expect(text).toContain("Recipients imported, and the company each one's rows went to: 4.");
    expect(text).toContain('  AMAZON WEB SERVICES, INC.: Amazon, found by its parent AMAZON.COM, INC. (1 row)');
    expect(text).toContain('  MICROSOFT CORPORATION: Microsoft (2 rows)');
    expect(text).toContain('Left for review: 3 rows.');
    expect(text).toMatch(/unmatched recipients/);
    expect(text).toContain(
      'PALANTIR USG, INC. (2 rows), parent PALANTIR TECHNOLOGIES INC. — perhaps Palantir Technologies (by its parent’s name)?',
    );
    expect(text).toMatch(/line 10 \(CONT_AWD_SYNTHETIC0008_7014_-NONE-_-NONE-\): period_of_performance_start_date/);
    expect(text).toMatch(/line 9 .*total_obligated_amount "-1500.00": negative/);
  });

  it('checks a file without writing anything: its report is what importing it then does', async () => {
    const before = await counts();
    const checked = await importUsaspendingContracts(database.client, bytes(CONTRACTS), {
      today: TODAY,
      checkOnly: true,
    });
    expect(checked.checkedOnly).toBe(true);
    expect(checked.created).toEqual({ contracts: 5, agencies: expect.any(Array), sources: 5 });
    expect(await counts()).toEqual(before);
    const imported = await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
    expect(imported.checkedOnly).toBe(false);
    const comparable = ({ durationMs: _, checkedOnly: __, ...report }: typeof checked) => report;
    expect(comparable(checked)).toEqual(comparable(imported));
    const lines: string[] = [];
    printUsaspendingReport(checked, (line) => lines.push(line));
    expect(lines[0]).toMatch(/^Read 8 rows; checked in \d+\.\d s\. Checked only: nothing was written\./);
    expect(lines.join('\n')).toContain('importing this file lists them at /review/import for reviewers');

    // A newer file, checked: the change it would make is named, and the contract keeps its amount.
    const afterImport = await counts();
    const newer = await importUsaspendingContracts(
      database.client,
      bytes(CONTRACTS.replace(/,1250000\.50,/g, ',1300000.00,')),
      { today: TODAY, checkOnly: true },
    );
    expect(newer.updated).toEqual([{ awardKey: key('0001', '7014'), fields: ['obligatedAmount'] }]);
    expect(await counts()).toEqual(afterImport);
    expect(await contract(key('0001', '7014'))).toMatchObject({ obligated: '1250000.50', version: 1 });

    // A damaged file is refused as an import refuses it.
    await expect(
      importUsaspendingContracts(database.client, bytes(CONTRACTS.slice(0, -40)), { today: TODAY, checkOnly: true }),
    ).rejects.toThrow(/nothing was imported/);
  });

  it('creates nothing and changes nothing the second time', async () => {
    await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
    const before = await counts();
    const again = await importUsaspendingContracts(database.client, bytes(CONTRACTS, 1000), { today: TODAY });
    expect(again.created).toEqual({ contracts: 0, agencies: [], sources: 0 });
    expect(again.updated).toEqual([]);
    expect(again.unchanged).toBe(5);
    expect(await counts()).toEqual(before);
  });

  it('leaves a contract a reviewer archived as it is, archived, and says so rather than calling it unchanged', async () => {
    await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
    const archived = await database.client.governmentContract.update({
      where: { awardKey: key('0001', '7014') },
      data: { status: 'ARCHIVED' },
      select: { id: true, obligatedAmount: true, version: true },
    });
    // A newer file changes its amount: the other contracts follow it, the archived one does not.
    const report = await importUsaspendingContracts(
      database.client,
      bytes(withFirstAward('1300000.00', '2019-07-01 09:00:00')),
      { today: TODAY },
    );
    expect(report.archived).toEqual([{ awardKey: key('0001', '7014'), contractId: archived.id }]);
    expect(report.updated).toEqual([]);
    expect(report.unchanged).toBe(4);
    expect(
      await database.client.governmentContract.findUniqueOrThrow({
        where: { id: archived.id },
        select: { status: true, obligatedAmount: true, version: true },
      }),
    ).toEqual({ status: 'ARCHIVED', obligatedAmount: archived.obligatedAmount, version: archived.version });
    const lines: string[] = [];
    printUsaspendingReport(report, (line) => lines.push(line));
    expect(lines.join('\n')).toContain(
      `Unchanged: 4 contracts.\nLeft archived, as reviewers archived them (not updated, and off the public pages; one brought back from its history follows the next import): 1 contract.\n  ${key('0001', '7014')}: /history/contract/${archived.id}`,
    );
    // Brought back, it follows the file again.
    await database.client.governmentContract.update({ where: { id: archived.id }, data: { status: 'PUBLISHED' } });
    const again = await importUsaspendingContracts(
      database.client,
      bytes(withFirstAward('1300000.00', '2019-07-01 09:00:00')),
      { today: TODAY },
    );
    expect(again.archived).toEqual([]);
    expect(again.updated).toEqual([{ awardKey: key('0001', '7014'), fields: ['obligatedAmount'] }]);
  });

  it('updates only what a newer file changed, never an editor’s cancelled status, and records the revision', async () => {
    await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
    const first = await database.client.governmentContract.findUniqueOrThrow({
      where: { awardKey: key('0001', '7014') },
    });
    await database.client.governmentContract.update({
      where: { awardKey: key('0002', '7012') },
      data: { contractStatus: 'CANCELLED' },
    });
    const newer = CONTRACTS.replace(/,1250000\.50,/g, ',1300000.00,');
    expect(newer).not.toBe(CONTRACTS);

    // Six years later: the periods of 0002 and 0003 have ended.
    const report = await importUsaspendingContracts(database.client, bytes(newer), {
      today: new Date('2031-01-01T00:00:00Z'),
    });
    expect(report.updated).toEqual([
      { awardKey: key('0001', '7014'), fields: ['obligatedAmount'] },
      { awardKey: key('0003', '7012'), fields: ['contractStatus'] },
    ]);
    expect(report.unchanged).toBe(3);
    expect(report.keptStatuses).toBe(1);
    expect(await contract(key('0001', '7014'))).toMatchObject({ obligated: '1300000.00', version: 2 });
    expect(await contract(key('0002', '7012'))).toMatchObject({ contract_status: 'CANCELLED', version: 1 });
    expect(await contract(key('0003', '7012'))).toMatchObject({ contract_status: 'COMPLETED' });

    const revision = await database.client.revision.findFirstOrThrow({
      where: { recordId: first.id, kind: 'IMPORT', before: { not: undefined } },
      orderBy: { createdAt: 'desc' },
    });
    expect(revision).toMatchObject({
      actor: 'import:usaspending',
      // With the versions it took the contract from and to, which its history names (#version-2).
      before: { version: 1, obligatedAmount: '1250000.50' },
      after: { version: 2, obligatedAmount: '1300000.00' },
    });
    const updatedAt = await database.client.governmentContract.findUniqueOrThrow({ where: { id: first.id } });
    expect(updatedAt.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());
  });

  it('leaves an award as it is when the file is older than the one it was last imported from, and says so', async () => {
    await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
    const first = key('0001', '7014');
    const newer = withFirstAward('1300000.00', '2025-01-01T10:00:00');
    expect((await importUsaspendingContracts(database.client, bytes(newer), { today: TODAY })).updated).toEqual([
      { awardKey: first, fields: ['obligatedAmount'] },
    ]);
    const revisions = async () =>
      database.client.revision.count({ where: { recordId: (await contract(first))!.id as string } });
    const steps = await revisions();

    // The download of before, again: its award 0001 was modified before the file on record.
    const stale = withFirstAward('999.00');
    const report = await importUsaspendingContracts(database.client, bytes(stale), { today: TODAY });
    expect(report.older).toEqual([
      {
        awardKey: first,
        contractId: (await contract(first))!.id,
        file: '2019-06-03 14:22:10',
        stored: '2025-01-01T10:00:00',
      },
    ]);
    expect(report.updated).toEqual([]);
    expect(await contract(first)).toMatchObject({ obligated: '1300000.00', version: 2 });
    expect(await revisions()).toBe(steps);
    const lines: string[] = [];
    printUsaspendingReport(report, (line) => lines.push(line));
    expect(lines.join('\n')).toContain(
      `Left as they were, the file being older than the one they were last imported from (its last_modified_date): 1 contract.\n  ${first}: modified 2019-06-03 14:22:10 in this file, 2025-01-01T10:00:00 on record`,
    );
    // The same file again, or a later one, is read as before; so is the same moment written to the minute.
    expect((await importUsaspendingContracts(database.client, bytes(newer), { today: TODAY })).older).toEqual([]);
    const toTheMinute = newer
      .replace(',1300000.00,', ',1400000.00,')
      .replace('2025-01-01T10:00:00', '2025-01-01 10:00');
    expect(await importUsaspendingContracts(database.client, bytes(toTheMinute), { today: TODAY })).toMatchObject({
      older: [],
      updated: [{ awardKey: first, fields: ['obligatedAmount'] }],
    });
    // Its history says which file each step read.
    const [latest] = await database.client.revision.findMany({
      where: { recordId: (await contract(first))!.id as string, kind: 'IMPORT' },
      orderBy: { createdAt: 'desc' },
      take: 1,
    });
    expect(latest).toMatchObject({
      before: { obligatedAmount: '1300000.00', lastModified: '2025-01-01T10:00:00' },
      after: { obligatedAmount: '1400000.00', lastModified: '2025-01-01 10:00' },
    });

    // An older file puts back no link to the award's page that is gone from the contract.
    const id = (await contract(first))!.id as string;
    await database.query(`DELETE FROM contract_sources WHERE contract_id = $1`, [id]);
    await importUsaspendingContracts(database.client, bytes(stale), { today: TODAY });
    expect(await database.query(`SELECT source_id FROM contract_sources WHERE contract_id = $1`, [id])).toEqual([]);
  });

  it('counts a newer file that changed nothing: an older one after it still changes nothing', async () => {
    const first = key('0001', '7014');
    await importUsaspendingContracts(database.client, bytes(withFirstAward('100.00', '2019-01-01 00:00:00')), {
      today: TODAY,
    });
    // A newer download with the same values (USAspending changed a column the record does not keep).
    const confirmed = await importUsaspendingContracts(
      database.client,
      bytes(withFirstAward('100.00', '2021-01-01 00:00:00')),
      { today: TODAY },
    );
    expect(confirmed.updated).toEqual([]);
    const version = (await contract(first))!.version;
    // Then a download from between the two, with another amount: older than the newest, so left out.
    const between = await importUsaspendingContracts(
      database.client,
      bytes(withFirstAward('200.00', '2020-01-01 00:00:00')),
      { today: TODAY },
    );
    expect(between.updated).toEqual([]);
    expect(between.older).toMatchObject([
      { awardKey: first, file: '2020-01-01 00:00:00', stored: '2021-01-01 00:00:00' },
    ]);
    expect(await contract(first)).toMatchObject({ obligated: '100.00', version });
  });

  it('names a contract entered by hand that a new one may repeat (the same PIID, company and department), changing neither', async () => {
    const [header, row] = CONTRACTS.split('\r\n');
    const piid = row!.split(',')[header!.split(',').indexOf('award_id_piid')]!;
    expect(piid).toBe('SYNTHETIC0001');
    // As editors would enter it from a news report: the PIID spaced, dashed and in lower case.
    const byHand = async (companyId: string, written: string, status: 'PUBLISHED' | 'ARCHIVED' = 'PUBLISHED') =>
      database.client.governmentContract.create({
        data: { companyId, agencyId: ids.dhs, title: 'As reported', piid: written, obligatedAmount: '1.00', status },
        select: { id: true },
      });
    const salesforce = ids.companies.salesforce as string;
    const entered = await byHand(salesforce, ' synthetic-0001 ');
    const spaced = await byHand(salesforce, 'SYNTHETIC\u00a00001');
    // Another company's, and one a reviewer archived, are not named.
    await byHand(ids.companies.microsoft as string, 'SYNTHETIC0001');
    await byHand(salesforce, 'SYNTHETIC0001', 'ARCHIVED');

    const report = await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
    const created = (await contract(key('0001', '7014')))!;
    expect(report.maybeEnteredByHand).toEqual([
      { awardKey: key('0001', '7014'), contractId: created.id, enteredId: entered.id },
      { awardKey: key('0001', '7014'), contractId: created.id, enteredId: spaced.id },
    ]);
    expect(created.id).not.toBe(entered.id);
    expect(await database.client.governmentContract.findUniqueOrThrow({ where: { id: entered.id } })).toMatchObject({
      awardKey: null,
      title: 'As reported',
      version: 1,
    });
    const lines: string[] = [];
    printUsaspendingReport(report, (line) => lines.push(line));
    expect(lines.join('\n')).toContain(
      `Contracts entered by hand that may be awards of this file (the same PIID, company and awarding department): 2 pairs. Compare each pair, and archive the one entered by hand if it is the same: until then both count, and each import of the file names them again.\n  ${key('0001', '7014')}: /contracts/${created.id} (entered by hand: /contracts/${entered.id})`,
    );
    // Imported again, nothing is created, and the pairs are named again; once one is archived, not.
    expect(
      (await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY })).maybeEnteredByHand,
    ).toEqual(report.maybeEnteredByHand);
    await database.client.governmentContract.updateMany({
      where: { id: { in: [entered.id, spaced.id] } },
      data: { status: 'ARCHIVED' },
    });
    expect(
      (await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY })).maybeEnteredByHand,
    ).toEqual([]);
  });

  it('matches recipients to published companies only: one waiting for review, rejected or archived leaves them waiting', async () => {
    for (const status of ['IN_REVIEW', 'REJECTED', 'ARCHIVED'] as const) {
      await database.client.company.update({ where: { id: ids.companies.microsoft }, data: { status } });
      const report = await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
      expect(
        report.matchedRecipients.map((recipient) => recipient.name),
        status,
      ).not.toContain('MICROSOFT CORPORATION');
      expect(
        report.unmatchedRecipients.map((recipient) => recipient.name),
        status,
      ).toContain('MICROSOFT CORPORATION');
    }
    expect(await database.client.governmentContract.count({ where: { companyId: ids.companies.microsoft } })).toBe(0);
  });

  it('reads a sub-agency written without a letter or digit as none, and refuses such an awarding agency', async () => {
    const [header, row] = CONTRACTS.split('\r\n');
    const columns = header!.split(',');
    const cells = row!.split(',');
    // (The fixture's first row quotes no field with a comma before these columns.)
    const at = (name: string) => columns.indexOf(name);
    expect(at('awarding_sub_agency_name')).toBeGreaterThan(0);
    const withSub = [...cells];
    withSub[at('awarding_sub_agency_name')] = '-';
    const report = await importUsaspendingContracts(database.client, bytes(`${header}\r\n${withSub.join(',')}\r\n`), {
      today: TODAY,
    });
    expect(report.created.contracts).toBe(1);
    expect(await contract(key('0001', '7014'))).toMatchObject({ sub_agency_name: null });
    const withAgency = [...cells];
    withAgency[at('awarding_agency_name')] = '?';
    await expect(
      importUsaspendingContracts(database.client, bytes(`${header}\r\n${withAgency.join(',')}\r\n`), { today: TODAY }),
    ).rejects.toThrow(/"\?" names no agency \(no letter or digit\)/);
  });

  it('keeps a stored amount when a newer file gives one the record cannot hold (a negative obligation)', async () => {
    await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
    const first = key('0001', '7014');
    const deobligated = withFirstAward('-25.00', '2025-01-01 10:00:00');
    const report = await importUsaspendingContracts(database.client, bytes(deobligated), { today: TODAY });
    expect(report.leftOut.filter((value) => value.awardKey === first).map((value) => value.value)).toEqual(['-25.00']);
    expect(report.updated.filter((change) => change.awardKey === first)).toEqual([]);
    expect(await contract(first)).toMatchObject({ obligated: '1250000.50', version: 1 });
  });

  it('keeps a period of performance an editor corrected, and not one a state from before it was kept left out', async () => {
    await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
    const made = await database.client.governmentContract.findUniqueOrThrow({
      where: { awardKey: key('0001', '7014') },
    });
    const fileEnd = made.periodEnd!.toISOString().slice(0, 10);
    await database.client.governmentContract.update({
      where: { id: made.id },
      data: { periodEnd: new Date('2031-12-31T00:00:00Z') },
    });
    const editor = await database.client.user.create({
      data: { email: 'periods@test.example', name: 'Period Editor' },
    });
    // An editor's change kept before states held the period (neither side has it): no correction of it.
    await editorChange(made.id, editor.id, { title: made.title }, { title: made.title, periodEnd: '2031-12-31' });
    const unread = await importUsaspendingContracts(database.client, bytes(CONTRACTS), {
      today: TODAY,
      checkOnly: true,
    });
    expect(unread.updated.find((change) => change.awardKey === key('0001', '7014'))?.fields).toEqual(['periodEnd']);
    // As an editor's published change leaves it in the history since: the period before and after.
    await editorChange(
      made.id,
      editor.id,
      { title: made.title, periodStart: null, periodEnd: fileEnd },
      { title: made.title, periodStart: null, periodEnd: '2031-12-31' },
    );
    const report = await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
    expect(report.kept).toEqual([expect.objectContaining({ awardKey: key('0001', '7014'), fields: ['periodEnd'] })]);
    // The status follows the end kept, still to come, not the file's, past: active, not "completed" in 2031.
    expect(fileEnd < TODAY.toISOString().slice(0, 10)).toBe(true);
    expect(await contract(key('0001', '7014'))).toMatchObject({
      end_day: '2031-12-31',
      contract_status: 'ACTIVE',
      status_changed_at: null,
    });
  });

  it('keeps a title an editor rewrote, while a title made from the description follows it', async () => {
    await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
    const made = await database.client.governmentContract.findUniqueOrThrow({
      where: { awardKey: key('0001', '7014') },
    });
    await database.client.governmentContract.update({
      where: { awardKey: key('0001', '7014') },
      data: { title: 'Salesforce licences for CBP' },
    });
    // As an editor's published change leaves it in the history: the title before and after.
    const editor = await database.client.user.create({ data: { email: 'titles@test.example', name: 'Title Editor' } });
    await editorChange(made.id, editor.id, { title: made.title }, { title: 'Salesforce licences for CBP' });
    const newer = CONTRACTS.replace(
      'SOFTWARE LICENSES, SUBSCRIPTIONS AND SUPPORT',
      'SOFTWARE LICENSES, SUBSCRIPTIONS, SUPPORT AND TRAINING',
    ).replace('IMAGE RECOGNITION, PILOT', 'IMAGE RECOGNITION, PHASE 2');
    const report = await importUsaspendingContracts(database.client, bytes(newer), { today: TODAY });
    expect(report.updated).toEqual([
      { awardKey: key('0001', '7014'), fields: ['purpose'] },
      { awardKey: key('0006', '5700'), fields: ['title', 'purpose'] },
    ]);
    // The reviewer reads that the editor's title was kept though the file's description changed.
    expect(report.kept).toEqual([expect.objectContaining({ awardKey: key('0001', '7014'), fields: ['title'] })]);
    expect(await contract(key('0001', '7014'))).toMatchObject({
      title: 'Salesforce licences for CBP',
      purpose: 'SYNTHETIC TEST ROW: SOFTWARE LICENSES, SUBSCRIPTIONS, SUPPORT AND TRAINING',
    });
    expect(await contract(key('0006', '5700'))).toMatchObject({
      title: 'SYNTHETIC TEST ROW: IMAGE RECOGNITION, PHASE 2',
    });
  });

  it('names an award’s page stored before by its address alone as it names its own, saying so in its history', async () => {
    // As a reviewer adding a waiting recipient's company cites the page: its address only.
    const url = `https://www.usaspending.gov/award/${key('0001', '7014')}`;
    const cited = await database.client.source.create({ data: { url } });
    // Its host as publisher, as the form fills it in, is no name of its own; a publisher named is.
    const hosted = await database.client.source.create({
      data: { url: `https://www.usaspending.gov/award/${key('0002', '7012')}`, publisher: 'usaspending.gov' },
    });
    const named = await database.client.source.create({
      data: { url: `https://www.usaspending.gov/award/${key('0003', '7012')}`, publisher: 'A newsroom' },
    });
    const report = await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
    expect(report.created.sources).toBe(2);
    expect(await database.client.source.findUniqueOrThrow({ where: { id: hosted.id } })).toMatchObject({
      publisher: 'USAspending.gov',
      title: expect.stringMatching(/^Award profile /),
    });
    expect(await database.client.source.findUniqueOrThrow({ where: { id: named.id } })).toMatchObject({
      publisher: 'A newsroom',
      title: null,
    });
    expect(await database.client.source.findUniqueOrThrow({ where: { id: cited.id } })).toMatchObject({
      url,
      publisher: 'USAspending.gov',
      title: expect.stringMatching(/^Award profile /),
    });
    const [step] = await database.query<{ kind: string; after: { publisher: string } }>(
      `SELECT kind, after FROM revisions WHERE record_type = 'SOURCE' AND record_id = $1`,
      [cited.id],
    );
    expect(step).toMatchObject({ kind: 'IMPORT', after: { publisher: 'USAspending.gov' } });
  });

  it('counts a period’s last day as running, as the pages do', async () => {
    // The first row's period ends on 30 April 2019.
    await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: new Date('2019-04-30T23:00:00Z') });
    expect((await contract(key('0001', '7014')))?.contract_status).toBe('ACTIVE');
    await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: new Date('2019-05-01T01:00:00Z') });
    expect((await contract(key('0001', '7014')))?.contract_status).toBe('COMPLETED');
  });

  it('dates a status the file changes by the file: what an editor said of the old status no longer dates it', async () => {
    const awardKey = key('0001', '7014');
    const statusText = async (today: Date) => {
      const facts = await database.client.governmentContract.findUniqueOrThrow({
        where: { awardKey },
        select: {
          ...statusFactsSelect,
          sources: { select: { source: { select: { publishedAt: true, publishedPrecision: true } } } },
        },
      });
      return contractStatusText({ ...facts, sources: facts.sources.map(({ source }) => source) }, today);
    };
    // Its period ends on 30 April 2019; an editor then dates the status: active since May 2018.
    await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: new Date('2019-04-01T12:00:00Z') });
    await database.client.governmentContract.update({
      where: { awardKey },
      data: { statusChangedAt: new Date('2018-05-01T00:00:00Z'), statusChangedPrecision: 'MONTH' },
    });
    expect(await statusText(new Date('2019-04-02T12:00:00Z'))).toBe('Active since May 2018');

    // Once the period has ended the file says completed, as of the period's end ("since May 2018" would date it wrongly).
    const ended = new Date('2019-05-01T12:00:00Z');
    const report = await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: ended });
    expect(report.updated).toEqual([{ awardKey, fields: ['contractStatus'] }]);
    expect(await contract(awardKey)).toMatchObject({
      contract_status: 'COMPLETED',
      status_changed_precision: 'DAY',
      status_recorded_at: null,
    });
    expect(await statusText(ended)).toBe('Completed 30 April 2019');
    const step = await database.client.revision.findFirstOrThrow({
      where: { recordType: 'CONTRACT', kind: 'IMPORT', before: { path: ['contractStatus'], equals: 'ACTIVE' } },
    });
    expect(step.before).toMatchObject({
      contractStatus: 'ACTIVE',
      statusChangedAt: '2018-05-01T00:00:00.000Z',
      statusChangedPrecision: 'MONTH',
    });
    expect(step.after).toMatchObject({
      contractStatus: 'COMPLETED',
      statusChangedAt: '2019-04-30T00:00:00.000Z',
      statusChangedPrecision: 'DAY',
    });

    // A later file moves the period's end: the completed status is dated by the new one.
    const moved = CONTRACTS.replace(',2019-04-30,', ',2019-03-31,');
    expect(moved).not.toBe(CONTRACTS);
    await importUsaspendingContracts(database.client, bytes(moved), { today: ended });
    expect(await statusText(ended)).toBe('Completed 31 March 2019');

    // A later file extends the period: active again, as of that import.
    const extended = CONTRACTS.replace(',2019-04-30,', ',2021-04-30,');
    expect(extended).not.toBe(CONTRACTS);
    const later = new Date('2019-06-05T12:00:00Z');
    await importUsaspendingContracts(database.client, bytes(extended), { today: later });
    expect(await contract(awardKey)).toMatchObject({ contract_status: 'ACTIVE', status_changed_at: null });
    expect(await statusText(later)).toBe('Active (as recorded 5 June 2019)');
  });

  it('dates no completed status by a period said to end before its award: the form would refuse that date', async () => {
    const awardKey = key('0001', '7014');
    await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: new Date('2019-04-01T12:00:00Z') });
    // The file's award date after the end of the period (2019-04-30).
    const awardedLate = CONTRACTS.replace(',2018-04-26,', ',2019-06-01,');
    expect(awardedLate).not.toBe(CONTRACTS);
    await importUsaspendingContracts(database.client, bytes(awardedLate), { today: new Date('2019-07-01T12:00:00Z') });
    expect(await contract(awardKey)).toMatchObject({ contract_status: 'COMPLETED', status_changed_at: null });
    const { readState } = await import('@/lib/data/record-state');
    const { contractSchema } = await import('@/lib/validation/records');
    const { id } = await database.client.governmentContract.findUniqueOrThrow({ where: { awardKey } });
    // Its form, as the record stands, passes the form's own check of the status's date.
    const fields = (await readState(database.client, 'CONTRACT', id))!.fields;
    expect(fields.statusSince).toBeNull();
    expect(
      contractSchema.safeParse({ ...fields, obligatedAmount: '', potentialAmount: '' }).error?.issues ?? [],
    ).not.toContainEqual(expect.objectContaining({ path: ['statusSince'] }));
  });

  it('says so when a file has its header but no rows', async () => {
    const report = await importUsaspendingContracts(database.client, bytes(CONTRACTS.split('\r\n')[0] + '\r\n'));
    expect(report.rows).toBe(0);
    const printed: string[] = [];
    printUsaspendingReport(report, (line) => printed.push(line));
    // Said first, and never that anything was imported.
    expect(printed[0]).toBe(
      'The file has its header but no rows, so nothing was imported: was the download cut short?',
    );
    expect(printed.join('\n')).not.toMatch(/imported in/);
  });

  it('keeps the recipients that matched no company listed until an import brings their rows in', async () => {
    await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
    const palantir = await database.client.company.findFirstOrThrow({ where: { name: 'Palantir Technologies' } });
    const listed = () =>
      database.query<Record<string, unknown>>(
        `SELECT name, key, parent_name, parent_key, rows, perhaps_company_id, permalink LIKE 'https://www.usaspending.gov/award/%' AS cited
           FROM unmatched_recipients ORDER BY name`,
      );
    const waiting = {
      name: 'PALANTIR USG, INC.',
      key: 'palantirusginc',
      parent_name: 'PALANTIR TECHNOLOGIES INC.',
      parent_key: 'palantirtechnologiesinc',
      rows: 2,
      perhaps_company_id: palantir.id,
      cited: true,
    };
    expect(await listed()).toEqual([waiting]);
    // The same file again: listed once, its first sighting kept.
    const [first] = await database.query<{ first_seen_at: Date }>(`SELECT first_seen_at FROM unmatched_recipients`);
    await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
    expect(await listed()).toEqual([waiting]);
    expect(await database.query(`SELECT first_seen_at FROM unmatched_recipients`)).toEqual([first]);
    // A file without its rows leaves it listed; once a company has its name, the next import of them takes it off.
    await importUsaspendingContracts(
      database.client,
      bytes(
        CONTRACTS.split('\r\n')
          .filter((line) => !line.includes('PALANTIR USG'))
          .join('\r\n'),
      ),
      { today: TODAY },
    );
    expect(await listed()).toEqual([waiting]);
    // Set aside by a reviewer, then one of its two rows matched through its parent: the other still
    // waits, and keeps its first sighting and the reviewer's decision.
    await database.query(`UPDATE unmatched_recipients SET set_aside_at = now()`);
    let once = false;
    const halfMatched = CONTRACTS.split('\r\n')
      .map((line) => {
        if (once || !line.includes('PALANTIR USG')) return line;
        once = true;
        return line.replace('PALANTIR TECHNOLOGIES INC.,', '"SALESFORCE, INC.",');
      })
      .join('\r\n');
    expect(once).toBe(true);
    await importUsaspendingContracts(database.client, bytes(halfMatched), { today: TODAY });
    expect(await listed()).toEqual([
      { ...waiting, rows: 1, parent_name: 'PALANTIR TECHNOLOGIES INC.', parent_key: 'palantirtechnologiesinc' },
    ]);
    expect(
      await database.query(`SELECT first_seen_at, set_aside_at IS NOT NULL AS aside FROM unmatched_recipients`),
    ).toEqual([{ ...first, aside: true }]);
    await database.client.companyAlias.create({
      data: { companyId: palantir.id, name: 'Palantir USG, Inc.', key: 'palantirusginc' },
    });
    await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
    expect(await listed()).toEqual([]);
  });

  it('says of an award stored before whose recipient now matches no company that its contract was left as it was', async () => {
    await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
    const before = await contract(key('0001', '7014'));
    // A newer file names Salesforce's award to a recipient on record under no name.
    const renamed = salesforceAwardTo('SFDC RENAMED HOLDINGS');
    const report = await importUsaspendingContracts(database.client, bytes(renamed), { today: TODAY });
    // The company holding its contract is what it most likely is (renamed in the file): the hint.
    expect(report.unmatchedRecipients.find((recipient) => recipient.name === 'SFDC RENAMED HOLDINGS')).toMatchObject({
      rows: 1,
      stored: 1,
      perhaps: 'Salesforce',
      perhapsHolds: true,
      perhapsByParent: false,
    });
    expect(await contract(key('0001', '7014'))).toEqual(before);
    const lines: string[] = [];
    printUsaspendingReport(report, (line) => lines.push(line));
    expect(lines.join('\n')).toContain(
      'SFDC RENAMED HOLDINGS (1 row, its contract on record already, left as it was) — perhaps Salesforce, which holds those contracts?',
    );
    // The list of those waiting says so too, between imports.
    const [listed] = await database.query<{ stored_rows: number; perhaps_holds: boolean; perhaps: string }>(
      `SELECT u.stored_rows, u.perhaps_holds, c.slug AS perhaps FROM unmatched_recipients u
         JOIN companies c ON c.id = u.perhaps_company_id WHERE u.name = 'SFDC RENAMED HOLDINGS'`,
    );
    expect(listed).toEqual({ stored_rows: 1, perhaps_holds: true, perhaps: 'salesforce' });
  });

  it('keeps a contract with its company while records of its group cite it, though the file now names another', async () => {
    await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
    const stored = await database.client.governmentContract.findUniqueOrThrow({
      where: { awardKey: key('0001', '7014') },
    });
    const salesforce = await database.client.company.findUniqueOrThrow({ where: { slug: 'salesforce' } });
    await database.client.companyStatement.create({
      data: {
        companyId: salesforce.id,
        date: new Date('2019-01-01T00:00:00Z'),
        kind: 'STATEMENT',
        summary: 'Salesforce spoke of its contract.',
        contractId: stored.id,
        status: 'PUBLISHED',
      },
    });
    // A newer file names Microsoft as the recipient of Salesforce's award, and a new amount.
    const moved = salesforceAwardTo('MICROSOFT CORPORATION');
    const report = await importUsaspendingContracts(database.client, bytes(moved), { today: TODAY });
    expect(report.keptHolders).toEqual([
      {
        awardKey: key('0001', '7014'),
        contractId: stored.id,
        citedBy: 'statement “Salesforce spoke of its contract.”',
      },
    ]);
    expect(report.updated).toEqual([{ awardKey: key('0001', '7014'), fields: ['obligatedAmount'] }]);
    const after = await database.client.governmentContract.findUniqueOrThrow({ where: { id: stored.id } });
    expect(after.companyId).toBe(salesforce.id);
    const lines: string[] = [];
    printUsaspendingReport(report, (line) => lines.push(line));
    expect(lines.join('\n')).toContain(
      `${key('0001', '7014')}: cited by the statement “Salesforce spoke of its contract.”`,
    );
  });

  it('imports rows whose recipient a reviewer has since named as an alias', async () => {
    await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
    const palantir = await database.client.company.findFirstOrThrow({ where: { name: 'Palantir Technologies' } });
    await database.client.companyAlias.create({
      data: { companyId: palantir.id, name: 'Palantir USG, Inc.', key: 'palantirusginc' },
    });
    const report = await importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY });
    expect(report.created.contracts).toBe(2);
    expect(report.created.agencies).toEqual(['Department of the Army']);
    expect(report.unmatchedRecipients).toEqual([]);
    expect(await contract(key('0005', '2100'))).toMatchObject({
      company_id: palantir.id,
      agency_name: 'Department of Defense',
      sub_agency_name: 'Department of the Army',
    });
  });

  it('imports a file of many parts, some awards stored and some new, each once with its permalink', async () => {
    // Synthetic rows (lib/import/usaspending-synthetic.ts): 1,300 awards are three parts of 500.
    const file = (rows: number, revision: number) =>
      Readable.from(syntheticPrimeAwardSummaries(rows, { recipients: ['Salesforce', 'Microsoft'], revision }));
    const first = await importUsaspendingContracts(database.client, file(700, 0), { today: TODAY });
    expect(first.created.contracts).toBe(700);
    expect(first.created.sources).toBe(700);
    expect(first.created.agencies).toHaveLength(10); // of the 13 the file names, 3 were stored
    const second = await importUsaspendingContracts(database.client, file(1300, 1), { today: TODAY });
    expect(second.created.contracts).toBe(600);
    expect(second.created.sources).toBe(600);
    expect(second.created.agencies).toEqual([]);
    expect(second.updated).toHaveLength(700);
    expect(second.unchanged).toBe(0);
    const [row] = await database.query<{ contracts: number; links: number; permalinks: number; revisions: number }>(`
      SELECT count(*)::int AS contracts,
             (SELECT count(*)::int FROM contract_sources) AS links,
             count(DISTINCT s.url)::int AS permalinks,
             (SELECT count(*)::int FROM revisions WHERE record_type = 'CONTRACT' AND kind = 'IMPORT') AS revisions
        FROM government_contracts g
        JOIN contract_sources cs ON cs.contract_id = g.id JOIN sources s ON s.id = cs.source_id
       WHERE s.url LIKE '%' || g.award_key || '%'`);
    expect(row).toEqual({ contracts: 1300, links: 1300, permalinks: 1300, revisions: 2000 });
    const again = await importUsaspendingContracts(database.client, file(1300, 1), { today: TODAY });
    expect([again.created.contracts, again.updated.length, again.unchanged]).toEqual([0, 0, 1300]);
  });

  it('creates an agency first named in a later part once, under its department, citing that row', async () => {
    // From award 601 on (the second part), the Department of Justice's rows name Energy instead.
    function* later() {
      let line = 0;
      for (const text of syntheticPrimeAwardSummaries(1300, { recipients: ['Salesforce'] })) {
        line += 1;
        yield line > 601
          ? text
              .replaceAll('Department of Justice', 'Department of Energy')
              .replaceAll('Federal Bureau of Investigation', 'National Nuclear Security Administration')
          : text;
      }
    }
    const report = await importUsaspendingContracts(database.client, Readable.from(later()), { today: TODAY });
    expect(report.created.agencies).toEqual(
      expect.arrayContaining(['Department of Energy', 'National Nuclear Security Administration']),
    );
    const rows = await database.query<{ name: string; parent: string | null; cites: string }>(`
      SELECT a.name, p.name AS parent, s.url AS cites
        FROM agencies a LEFT JOIN agencies p ON p.id = a.parent_id
        JOIN agency_sources x ON x.agency_id = a.id JOIN sources s ON s.id = x.source_id
       WHERE a.name IN ('Department of Energy', 'National Nuclear Security Administration') ORDER BY a.name`);
    // Award 606 is the first of the Department of Justice's rows (n % 8 = 6) from award 601 on.
    const first = 'https://www.usaspending.gov/award/CONT_AWD_SYNTH000000606_9700_-NONE-_-NONE-'; // normalised
    expect(rows).toEqual([
      { name: 'Department of Energy', parent: null, cites: first },
      { name: 'National Nuclear Security Administration', parent: 'Department of Energy', cites: first },
    ]);
  });

  it('suggests a company for a unit of it (USG, Federal Services), for a reviewer to link, never matching it', async () => {
    const rows = Readable.from(
      syntheticPrimeAwardSummaries(3, {
        recipients: ['MICROSOFT FEDERAL SERVICES LLC', 'AMAZON USG, INC.', 'NOTHING LIKE IT INC.'],
      }),
    );
    const report = await importUsaspendingContracts(database.client, rows, { today: TODAY });
    expect(report.created.contracts).toBe(0);
    const suggested = Object.fromEntries(
      report.unmatchedRecipients.map((recipient) => [recipient.name, recipient.perhaps]),
    );
    expect(suggested).toEqual({
      'MICROSOFT FEDERAL SERVICES LLC': 'Microsoft',
      'AMAZON USG, INC.': 'Amazon',
      'NOTHING LIKE IT INC.': null,
    });
  });

  it('finds an awarding agency by another name an editor gave it, creating none of that name', async () => {
    const rows = (rename: boolean) =>
      Readable.from(
        (function* () {
          for (const text of syntheticPrimeAwardSummaries(20, { recipients: ['Salesforce'] })) {
            yield rename ? text.replaceAll('Department of Justice', 'Justice Department') : text;
          }
        })(),
      );
    await importUsaspendingContracts(database.client, rows(false), { today: TODAY });
    await database.query(
      `UPDATE agencies SET aliases = ARRAY['Justice Department'] WHERE name = 'Department of Justice'`,
    );
    const report = await importUsaspendingContracts(database.client, rows(true), { today: TODAY });
    expect(report.created.agencies).toEqual([]);
    expect(await database.query(`SELECT name FROM agencies WHERE name = 'Justice Department'`)).toEqual([]);
  });

  it('finds an agency written without its punctuation or by its acronym, creating no second one', async () => {
    const rows = (spell: (text: string) => string) =>
      Readable.from(
        (function* () {
          for (const text of syntheticPrimeAwardSummaries(20, { recipients: ['Salesforce'] })) yield spell(text);
        })(),
      );
    await importUsaspendingContracts(
      database.client,
      rows((text) => text),
      { today: TODAY },
    );
    await database.query(`UPDATE agencies SET acronym = 'DOJ' WHERE name = 'Department of Justice'`);
    const before = await database.query<{ n: string }>(`SELECT count(*) AS n FROM agencies`);
    const report = await importUsaspendingContracts(
      database.client,
      rows((text) =>
        text
          .replaceAll('U.S. Customs and Border Protection', 'US Customs and Border Protection')
          .replaceAll('Department of Justice', 'DoJ'),
      ),
      { today: TODAY },
    );
    expect(report.created.agencies).toEqual([]);
    expect(await database.query<{ n: string }>(`SELECT count(*) AS n FROM agencies`)).toEqual(before);
    expect(
      await database.query(`SELECT name FROM agencies WHERE name IN ('US Customs and Border Protection', 'DoJ')`),
    ).toEqual([]);
  });

  it('puts a stored agency under its department only where the agency form would, and says which it left', async () => {
    // CBP (stored without a parent) has an agency under it; the Department of Defense was put under DHS.
    await database.client.agency.create({
      data: { slug: 'usbp', name: 'U.S. Border Patrol', parentId: ids.cbp, status: 'PUBLISHED' },
    });
    await database.client.agency.create({
      data: { slug: 'dod', name: 'Department of Defense', parentId: ids.dhs, status: 'PUBLISHED' },
    });
    const rows = (fbiAwards: boolean) =>
      Readable.from(
        (function* () {
          for (const text of syntheticPrimeAwardSummaries(16, { recipients: ['Salesforce'] })) {
            yield fbiAwards ? text.replaceAll('Department of Justice', 'Federal Bureau of Investigation') : text;
          }
        })(),
      );
    const parentOf = async (name: string) =>
      (
        await database.query<{ parent: string | null }>(
          `SELECT p.name AS parent FROM agencies a LEFT JOIN agencies p ON p.id = a.parent_id WHERE a.name = $1`,
          [name],
        )
      ).map((row) => row.parent);

    // First the FBI awards as a department of its own (the sub-agency the same as the agency: none).
    const first = await importUsaspendingContracts(database.client, rows(true), { today: TODAY });
    const underDefense = 'the department is itself under another agency';
    expect(first.agenciesKeptWithoutParent).toEqual([
      {
        name: 'U.S. Customs and Border Protection',
        department: 'DEPARTMENT OF HOMELAND SECURITY',
        reason: 'agencies are under it',
      },
      { name: 'Department of the Army', department: 'Department of Defense', reason: underDefense },
      { name: 'Department of the Navy', department: 'Department of Defense', reason: underDefense },
      { name: 'Defense Information Systems Agency', department: 'Department of Defense', reason: underDefense },
    ]);
    expect(await parentOf('U.S. Customs and Border Protection')).toEqual([null]);
    expect(await parentOf('Department of the Army')).toEqual([null]);
    expect(await parentOf('U.S. Immigration and Customs Enforcement')).toEqual(['DEPARTMENT OF HOMELAND SECURITY']);
    // Their contracts are imported all the same, naming the department and the agency as the file does.
    expect((await contract('CONT_AWD_SYNTH000000001_9700_-NONE-_-NONE-'))?.sub_agency_name).toBe(
      'U.S. Customs and Border Protection',
    );

    // Then a file that names the FBI under the Department of Justice: the FBI awards contracts itself.
    const second = await importUsaspendingContracts(database.client, rows(false), { today: TODAY });
    expect(second.agenciesKeptWithoutParent).toContainEqual({
      name: 'Federal Bureau of Investigation',
      department: 'Department of Justice',
      reason: 'it awards contracts as a department',
    });
    expect(await parentOf('Federal Bureau of Investigation')).toEqual([null]);
    const printed: string[] = [];
    printUsaspendingReport(second, (line) => printed.push(line));
    expect(printed).toContain(
      '  Federal Bureau of Investigation, under Department of Justice: it awards contracts as a department',
    );
  });

  it('never files a contract under another department’s office of the same name, nor a department under itself', async () => {
    // Awards 5 and 13 name an Office of Inspector General under Health and Human Services, 6 and 14
    // one under Justice; award 2 names as its sub-agency another name of the Department of Defense.
    const rows = (sub: boolean) =>
      Readable.from(
        (function* () {
          let line = 0;
          for (const text of syntheticPrimeAwardSummaries(16, { recipients: ['Salesforce'] })) {
            line += 1;
            if (!sub) yield text;
            else if (line === 6 || line === 14)
              yield text.replaceAll('Centers for Disease Control and Prevention', 'Office of Inspector General');
            else if (line === 7 || line === 15)
              yield text.replaceAll('Federal Bureau of Investigation', 'Office of Inspector General');
            else if (line === 3) yield text.replaceAll('Department of the Army', 'The Pentagon');
            else yield text;
          }
        })(),
      );
    await importUsaspendingContracts(database.client, rows(false), { today: TODAY });
    await database.query(`UPDATE agencies SET aliases = ARRAY['The Pentagon'] WHERE name = 'Department of Defense'`);
    const report = await importUsaspendingContracts(database.client, rows(true), { today: TODAY });
    expect(report.subAgenciesOfOthers).toEqual([
      {
        name: 'Office of Inspector General',
        department: 'Department of Justice',
        under: 'Department of Health and Human Services',
        rows: 2,
      },
    ]);
    const filed = await database.query<{ agency: string; sub: string | null; n: number }>(
      `SELECT a.name AS agency, s.name AS sub, count(*)::int AS n FROM government_contracts k
         JOIN agencies a ON a.id = k.agency_id LEFT JOIN agencies s ON s.id = k.sub_agency_id
       WHERE a.name IN ('Department of Justice', 'Department of Health and Human Services', 'Department of Defense')
       GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    // Justice's rows of the office keep their department, without a sub-agency; Defense is never its own.
    expect(filed).toContainEqual({ agency: 'Department of Justice', sub: null, n: 2 });
    expect(filed).toContainEqual({
      agency: 'Department of Health and Human Services',
      sub: 'Office of Inspector General',
      n: 2,
    });
    expect(filed.some((row) => row.agency === row.sub)).toBe(false);
    expect(filed).toContainEqual({ agency: 'Department of Defense', sub: null, n: 1 });
  });

  it('leaves without a parent an agency the same file names as an awarding agency too', async () => {
    // Award 6 names the FBI as the awarding agency, award 14 as the Department of Justice's.
    const rows = Readable.from(
      (function* () {
        let line = 0;
        for (const text of syntheticPrimeAwardSummaries(16, { recipients: ['Salesforce'] })) {
          line += 1;
          yield line === 7 ? text.replaceAll('Department of Justice', 'Federal Bureau of Investigation') : text;
        }
      })(),
    );
    const report = await importUsaspendingContracts(database.client, rows, { today: TODAY });
    expect(report.agenciesKeptWithoutParent).toContainEqual({
      name: 'Federal Bureau of Investigation',
      department: 'Department of Justice',
      reason: 'it awards contracts as a department',
    });
    const [fbi] = await database.query<{ parent: string | null }>(
      `SELECT parent_id AS parent FROM agencies WHERE name = 'Federal Bureau of Investigation'`,
    );
    expect(fbi).toEqual({ parent: null });
  });

  describe('refuses a wrong or damaged file whole, naming the line and the column, and writes nothing', () => {
    const refused = async (input: Readable, message: RegExp) => {
      const before = await counts();
      await expect(importUsaspendingContracts(database.client, input, { today: TODAY })).rejects.toThrow(message);
      expect(await counts()).toEqual(before);
    };

    it('the transactions file', async () => {
      await refused(
        fs.createReadStream(path.join(FIXTURES, 'transactions-excerpt.csv')),
        /transactions file \(it has the column "contract_transaction_unique_key"\).*Prime Award Summaries/s,
      );
    });

    it('a permalink to another award’s page, or to no award’s page, which its contract would cite', async () => {
      const lines = CONTRACTS.split('\r\n');
      const page = (n: string) => `https://www.usaspending.gov/award/CONT_AWD_SYNTHETIC${n}_`;
      const [second, third] = [lines[2]!, lines[3]!];
      lines[2] = second.replace(page('0002'), page('0001'));
      lines[3] = third.replace(/https:\/\/www\.usaspending\.gov\/award\/[^,]*/, 'https://www.usaspending.gov/search');
      expect([lines[2], lines[3]]).not.toEqual([second, third]);
      const error = (await importUsaspendingContracts(database.client, bytes(lines.join('\r\n')), {
        today: TODAY,
      }).catch((caught: Error) => caught)) as Error;
      expect(error.message).toMatch(
        /line 3, column "usaspending_permalink": ".*SYNTHETIC0001_7012.*" is the page of award CONT_AWD_SYNTHETIC0001_7012_-NONE-_-NONE-, not of this row's CONT_AWD_SYNTHETIC0002_7012_-NONE-_-NONE-/,
      );
      expect(error.message).toMatch(
        // Its row begins on line 5: a row above it holds a line break in a quoted field.
        /line 5, column "usaspending_permalink": "https:\/\/www.usaspending.gov\/search" is not an award's page/,
      );
      // Its page written in small letters, or one of its tabs, is still its own.
      lines[2] = second.replace(page('0002'), page('0002').replace('CONT_AWD_SYNTHETIC', 'cont_awd_synthetic'));
      lines[3] = third.replace(/(https:\/\/www\.usaspending\.gov\/award\/[^,]*?)\/?(,|$)/, '$1/summary$2');
      expect([lines[2], lines[3]]).not.toEqual([second, third]);
      const checked = await importUsaspendingContracts(database.client, bytes(lines.join('\r\n')), {
        today: TODAY,
        checkOnly: true,
      });
      expect(checked.checkedOnly).toBe(true);
    });

    it('a CSV file that is not from USAspending', async () => {
      await refused(
        fs.createReadStream(path.join(FIXTURES, 'not-usaspending.csv')),
        /not a USAspending "Prime Award Summaries" contracts file: line 1 lacks 14 of the 14 columns.*contract_award_unique_key/,
      );
    });

    it('a file a spreadsheet saved again with semicolons or tabs between its columns, saying so', async () => {
      const lines = CONTRACTS.split('\r\n').slice(0, 3);
      await refused(
        bytes(lines.map((line) => line.replaceAll(',', ';')).join('\r\n')),
        /^The columns of this file are separated by semicolons, not commas/,
      );
      await refused(
        bytes(lines.map((line) => line.replaceAll(',', '\t')).join('\n')),
        /^The columns of this file are separated by tabs, not commas/,
      );
    });

    it('a file whose lines end with a carriage return alone, saying so, long or short', async () => {
      expect(CONTRACTS).toContain('\r\n');
      await refused(bytes(CONTRACTS.replaceAll('\r\n', '\r')), /line 1: its lines end with a carriage return alone/);
      // A header and a row: fewer fields than a record may have.
      const [header, row] = CONTRACTS.split('\r\n');
      await refused(bytes(`${header}\r${row}\r`), /^The lines of this file end with a carriage return alone/);
    });

    it('a file cut in the middle of a row', async () => {
      const lastRow = CONTRACTS.lastIndexOf('\r\n', CONTRACTS.length - 3);
      await refused(
        bytes(CONTRACTS.slice(0, lastRow + 200)),
        /line 10: the row has \d+ fields where the header has 286 columns; it stops after column "\w+" \(is the file truncated\?\)/,
      );
    });

    it('a file cut inside its header, whether inside a column name or after one', async () => {
      const truncated = /ends inside its first line, after (\d+) of the 286 columns .*: the file is truncated/;
      await refused(bytes(CONTRACTS.slice(0, 7000)), truncated);
      const afterComma = CONTRACTS.indexOf(',recipient_uei,') + 1;
      await refused(bytes(CONTRACTS.slice(0, afterComma)), truncated);
      // A header of other columns is another file, however short; so is the start of the header with rows after it.
      await refused(bytes('award_id,recipient\r\n'), /not a USAspending "Prime Award Summaries" contracts file/);
      const shortened = `${CONTRACTS.slice(0, afterComma - 1)}\r\n${'x,'.repeat(40)}x\r\n`;
      await refused(bytes(shortened), /not a USAspending "Prime Award Summaries" contracts file: line 1 lacks/);
    });

    it('a file cut inside a quoted field', async () => {
      await refused(
        bytes(CONTRACTS.slice(0, CONTRACTS.indexOf('SECOND LINE'))),
        /line 3, column "prime_award_base_transaction_description": a quote opens the field and is never closed/,
      );
    });

    it('a bad amount and an impossible date, both reported at once', async () => {
      const broken = CONTRACTS.replace(',0.07,', ',12.5O,').replace(',2017-09-29,', ',2017-02-30,');
      const error = await importUsaspendingContracts(database.client, bytes(broken), { today: TODAY }).catch(
        (caught: Error) => caught,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/2 problems; nothing was imported/);
      expect((error as Error).message).toMatch(/line 5, column "total_obligated_amount": "12.5O" is not an amount/);
      expect((error as Error).message).toMatch(
        /line 8, column "award_base_action_date": "2017-02-30" is not a real date in the form YYYY-MM-DD/,
      );
      expect(await counts()).toMatchObject({ government_contracts: 0, sources: 0 });
    });

    it('a NUL byte in a field it stores, named by its line and column', async () => {
      const broken = CONTRACTS.replace(',0.07,', ',0.07\u0000,');
      const error = await importUsaspendingContracts(database.client, bytes(broken), { today: TODAY }).catch(
        (caught: Error) => caught,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/1 problem; nothing was imported/);
      expect((error as Error).message).toMatch(
        /line 5, column "total_obligated_amount": holds a NUL byte, which cannot be stored/,
      );
      expect(await counts()).toMatchObject({ government_contracts: 0, sources: 0 });
    });

    it('dates outside the years the record holds, and an award made in the future', async () => {
      const [header, row] = CONTRACTS.split('\r\n');
      const columns = header!.split(',');
      // (The fixture's first row quotes no field with a comma before these columns.)
      const withDates = (dates: Record<string, string>) => {
        const cells = row!.split(',');
        for (const [column, value] of Object.entries(dates)) {
          expect(columns.indexOf(column), column).toBeGreaterThan(0);
          cells[columns.indexOf(column)] = value;
        }
        return bytes(`${header}\r\n${cells.join(',')}\r\n`);
      };
      const next = `${new Date().getUTCFullYear() + 1}-09-29`;
      const error = await importUsaspendingContracts(
        database.client,
        withDates({
          award_base_action_date: next,
          period_of_performance_start_date: '1066-10-14',
          period_of_performance_current_end_date: '2999-12-31',
        }),
        { today: TODAY },
      ).catch((caught: Error) => caught);
      expect((error as Error).message).toMatch(/3 problems; nothing was imported/);
      expect((error as Error).message).toContain(`"${next}" is in the future: an award's date is when it was made`);
      expect((error as Error).message).toMatch(/"1066-10-14" is not a year from 1900 to 2100: check it/);
      expect((error as Error).message).toMatch(/"2999-12-31" is not a year from 1900 to 2100: check it/);
      expect(await counts()).toMatchObject({ government_contracts: 0, sources: 0 });
      // A period may end in years to come.
      const report = await importUsaspendingContracts(
        database.client,
        withDates({ period_of_performance_current_end_date: '2040-09-28' }),
        { today: TODAY },
      );
      expect(report.created.contracts).toBe(1);
    });

    it('fractions of a cent, an amount too large, a duplicated award, a missing permalink', async () => {
      const rows = CONTRACTS.split('\r\n');
      const broken = [
        rows[0], // the header, line 1
        rows[1], // line 2
        rows[1]?.replace(/CONT_AWD_\w+/, (key) => key.toLowerCase()), // line 3: the same award again, in small letters
        rows[2], // lines 4 and 5
        rows[3]?.replace(',9999999999999999.99,', ',10000000000000000.00,'), // line 6
        rows[4]?.replace(/https:\/\/www\.usaspending\.gov\/award\/[^,]+,/, ','), // line 7
        ...rows.slice(5),
      ].join('\r\n');
      const error = (await importUsaspendingContracts(database.client, bytes(broken)).catch((e: Error) => e)) as Error;
      expect(error.message).toMatch(/line 3, column "contract_award_unique_key": ".*0001.*" is already on line 2/);
      expect(error.message).toMatch(
        /line 6, column "potential_total_value_of_award": "10000000000000000.00" is too large/,
      );
      expect(error.message).toMatch(/line 7, column "usaspending_permalink": is empty/);
      const cent = CONTRACTS.replace(',1250000.50,', ',1250000.505,');
      await refused(bytes(cent), /line 2, column "total_obligated_amount": "1250000.505" has fractions of a cent/);
    });

    it('a zip archive (as USAspending delivers the download)', async () => {
      await refused(
        Readable.from([Buffer.from('PK\x03\x04\x14\x00\x00\x00')]),
        /zip archive, as USAspending delivers its downloads: unzip it/,
      );
    });

    it('an Excel workbook (the CSV saved again from Excel), however it is named, whole or in 7-byte pieces', async () => {
      /** A zip file of entries stored as they are, each with its local file header (name length at byte 26, name at 30). */
      const zip = (entries: [string, string][]) =>
        Buffer.concat(
          entries.flatMap(([name, text]) => {
            const header = Buffer.alloc(30);
            header.writeUInt32LE(0x04034b50, 0);
            header.writeUInt16LE(20, 4);
            header.writeUInt32LE(text.length, 18);
            header.writeUInt32LE(text.length, 22);
            header.writeUInt16LE(name.length, 26);
            return [header, Buffer.from(name), Buffer.from(text)];
          }),
        );
      const workbook = zip([
        ['[Content_Types].xml', '<?xml version="1.0"?><Types/>'],
        ['_rels/.rels', '<Relationships/>'],
        ['xl/workbook.xml', '<workbook/>'],
      ]);
      const excel =
        /^This is an Excel workbook, not the CSV file as USAspending delivers it: import the CSV file you downloaded itself.*changes its dates and numbers/;
      await refused(Readable.from([workbook]), excel);
      await refused(bytes(workbook.toString('latin1'), 7), excel);
      // One whose sheets come before its list of contents (as some programs write it) too.
      await refused(Readable.from([zip([['xl/worksheets/sheet1.xml', '<worksheet/>']])]), excel);
      // USAspending's own download is still a zip archive to unzip.
      await refused(
        Readable.from([zip([['Contracts_PrimeAwardSummaries_2025-01-01_H00M00S00_1.csv', CONTRACTS.slice(0, 500)]])]),
        /^This is a zip archive, as USAspending delivers its downloads: unzip it/,
      );
    });

    it('an empty file', async () => {
      await refused(Readable.from([Buffer.alloc(0)]), /The file is empty/);
    });

    it('a file that is not text (an image), which is not called empty', async () => {
      const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe]);
      const error = (await importUsaspendingContracts(database.client, Readable.from([image])).catch(
        (caught: Error) => caught,
      )) as Error;
      expect(error.message).toMatch(/line 1: the file is not UTF-8 text/);
      expect(error.message).not.toMatch(/empty/);
    });

    it('a file in another encoding (Latin-1), naming the line of its first such character, in whole and in 7-byte chunks', async () => {
      const lines = CONTRACTS.split('\r\n');
      lines[3] = lines[3]!.replace('SYNTHETIC', 'SYNTH\u00c9TIC');
      const latin1 = Buffer.from(lines.join('\r\n'), 'latin1');
      const chunks = Array.from({ length: Math.ceil(latin1.length / 7) }, (_, at) =>
        latin1.subarray(at * 7, at * 7 + 7),
      );
      for (const input of [[latin1], chunks]) {
        const error = (await importUsaspendingContracts(database.client, Readable.from(input)).catch(
          (caught: Error) => caught,
        )) as Error;
        expect(error.message).toMatch(/line 4: the file is not UTF-8 text/);
      }
    });
  });

  it('writes nothing of a file whose problems come after parts of it were written, and names them all', async () => {
    // Parts of 500 awards are written as they are read: rows 1–1,000 are two written parts when
    // line 1,102 (award 1,101) turns out to be wrong; the rest is still read to list line 1,301.
    function* broken() {
      let line = 0;
      for (const text of syntheticPrimeAwardSummaries(1300, { recipients: ['Salesforce', 'Microsoft'] })) {
        line += 1;
        if (line === 1102) yield text.replace(/,(\d+)-(\d{2})-(\d{2}),/, ',$1-02-30,');
        else if (line === 1301) yield text.replace('https://www.usaspending.gov/', 'https://usaspending.example/');
        else yield text;
      }
    }
    const before = await counts();
    const error = (await importUsaspendingContracts(database.client, Readable.from(broken()), { today: TODAY }).catch(
      (caught: Error) => caught,
    )) as Error;
    expect(error.message).toMatch(/The file has 2 problems; nothing was imported/);
    expect(error.message).toMatch(/line 1102, column "[a-z_]+_date": "\d{4}-02-30" is not a real date/);
    expect(error.message).toMatch(/line 1301, column "usaspending_permalink": ".*" is not a usaspending.gov address/);
    expect(await counts()).toEqual(before);
  });

  it('two imports of one file at once: one imports it, the other writes nothing and the command says why', async () => {
    // Each contract written slowly, so that the two runs are surely at work at the same time.
    await database.query(`
      CREATE FUNCTION slow_contract() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(0.05); RETURN NEW; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER slow_contract BEFORE INSERT ON government_contracts FOR EACH ROW EXECUTE FUNCTION slow_contract();`);
    const runs = await Promise.allSettled(
      [1, 2].map(() => importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY })),
    );
    const done = runs.filter((run) => run.status === 'fulfilled');
    const refused = runs.filter((run) => run.status === 'rejected');
    expect(done).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(importNotMade(refused[0]!.reason)).toMatch(/^Another import or merge was busy with the same records/);
    // What the one import created, once.
    const created = (done[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof importUsaspendingContracts>>>).value
      .created.contracts;
    expect((await counts()).government_contracts).toBe(created);
    expect(importNotMade(new Error('a bug'))).toBeNull();
  });

  it('writes nothing of a run that fails part-way', async () => {
    await database.query(`
      CREATE FUNCTION fail_on_contract() RETURNS trigger AS $$
      BEGIN IF NEW.award_key LIKE '%0006%' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER fail_on_contract BEFORE INSERT ON government_contracts FOR EACH ROW EXECUTE FUNCTION fail_on_contract();`);
    const before = await counts();
    await expect(importUsaspendingContracts(database.client, bytes(CONTRACTS), { today: TODAY })).rejects.toThrow(
      /injected failure/,
    );
    expect(await counts()).toEqual(before);
  });
});
