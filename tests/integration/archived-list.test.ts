import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, filtersDigest } from '@/lib/api/cursor';
import { badRequest } from '@/lib/api/http';
import { archivedFilters, archivedParamsSchema, parseQuery } from '@/lib/api/kinds';
import { archivedListSchema, type ArchivedRecord } from '@/lib/api/schemas';
import { setArchived } from '@/lib/data/changes';
import { listArchived } from '@/lib/data/open-data';
import { siteUrl } from '@/lib/site';
import { withDemoDatabase, withRoleUsers } from '../helpers/data-layer';

/*
 * GET /api/v1/archived: what a copy kept from the lists or the feeds reads to learn which of its
 * records were archived since. Records are archived and brought back as reviewers do it, and
 * the list is compared with the revisions read by SQL written apart from the data layer.
 */

process.env.COUNTERWEIGHT_COUNT_QUERIES = '1';
const database = withDemoDatabase();
const users = withRoleUsers(database, 'archived-list');

type Incident = { id: string; version: number };
const TABLES = {
  EMPLOYEE_ACTION: 'employee_actions',
  CONTRACT: 'government_contracts',
  DONATION_RESPONSE: 'donation_responses',
  COMPANY_STATEMENT: 'company_statements',
} as const;
type ArchivableType = keyof typeof TABLES;

/** The first published record of a kind that no test here has archived yet. */
const published = async (type: ArchivableType, offset = 0) =>
  (
    await database().query<Incident>(
      `SELECT id, version FROM ${TABLES[type]} WHERE status = 'PUBLISHED' ORDER BY id LIMIT 1 OFFSET ${offset}`,
    )
  )[0] as Incident;

/** Archives (or brings back) a record as a reviewer does, at its current version. */
async function archive(type: ArchivableType, id: string, reason: string, back = false) {
  const [{ version }] = (await database().query<{ version: number }>(
    `SELECT version FROM ${TABLES[type]} WHERE id = $1`,
    [id],
  )) as [{ version: number }];
  await setArchived({
    user: users.reviewer,
    archive: !back,
    recordType: type,
    recordId: id,
    baseVersion: version,
    reason,
  });
}

/** When the record was last archived, to the millisecond in UTC, as the revisions keep it. */
const archivedAt = async (type: ArchivableType, id: string) =>
  (
    await database().query<{ at: string }>(
      `SELECT to_char(max(created_at), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM revisions
       WHERE record_type = $1 AND record_id = $2 AND kind = 'ARCHIVE'`,
      [type, id],
    )
  )[0]?.at;

/** Every page of the list, followed through its cursors as a client hands them back. */
async function walk(query = '', limit = 1): Promise<ArchivedRecord[]> {
  const records: ArchivedRecord[] = [];
  let next: string | null = null;
  for (let pages = 0; pages < 100; pages += 1) {
    const params = new URLSearchParams(query);
    params.set('limit', String(limit));
    if (next) params.set('cursor', next);
    const parsed = parseQuery(archivedParamsSchema, params);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const page = await listArchived({ limit, since: parsed.data.since, cursor: parsed.data.cursor });
    expect(archivedListSchema.safeParse({ data: page.records, next: page.next }).success).toBe(true);
    expect(page.records.length).toBeLessThanOrEqual(limit);
    records.push(...page.records);
    if (!page.next) return records;
    expect(page.records).toHaveLength(limit);
    next = page.next;
  }
  throw new Error('the cursor never ended');
}

const issuesOf = (query: string) => {
  const parsed = parseQuery(archivedParamsSchema, new URLSearchParams(query));
  return parsed.ok ? [] : parsed.issues;
};

describe('the list of archived records', () => {
  it('lists what reviewers archived, newest first, until one is brought back', async () => {
    expect((await listArchived({ limit: 100 })).records).toEqual([]);
    const action = await published('EMPLOYEE_ACTION');
    const contract = await published('CONTRACT');
    await archive('EMPLOYEE_ACTION', action.id, 'A duplicate of an earlier record.');
    await archive('CONTRACT', contract.id, 'Another company’s contract.');

    const site = siteUrl();
    const { records, next } = await listArchived({ limit: 50 });
    expect(next).toBeNull();
    expect(records).toEqual([
      {
        kind: 'contracts',
        id: contract.id,
        archivedAt: await archivedAt('CONTRACT', contract.id),
        reason: 'Another company’s contract.',
        url: `${site}/api/v1/contracts/${contract.id}`,
        history: `${site}/history/contract/${contract.id}`,
      },
      {
        kind: 'actions',
        id: action.id,
        archivedAt: await archivedAt('EMPLOYEE_ACTION', action.id),
        reason: 'A duplicate of an earlier record.',
        url: `${site}/api/v1/actions/${action.id}`,
        history: `${site}/history/action/${action.id}`,
      },
    ]);
    expect(records[0]!.archivedAt >= records[1]!.archivedAt).toBe(true);

    // Brought back, the action is live again and leaves the list; archived again, it is dated by its latest archive.
    await archive('EMPLOYEE_ACTION', action.id, 'It was not a duplicate after all.', true);
    expect((await listArchived({ limit: 50 })).records.map((record) => record.id)).toEqual([contract.id]);
    await archive('EMPLOYEE_ACTION', action.id, 'A duplicate after all.');
    const [latest] = (await listArchived({ limit: 50 })).records;
    expect(latest).toMatchObject({ id: action.id, reason: 'A duplicate after all.' });
    expect(latest!.archivedAt).toBe(await archivedAt('EMPLOYEE_ACTION', action.id));
    expect(
      (
        await database().query(
          `SELECT 1 FROM revisions WHERE record_id = $1 AND kind = 'ARCHIVE' AND created_at < $2::timestamp`,
          [action.id, latest!.archivedAt.replace('Z', '')],
        )
      ).length,
    ).toBe(1);
  });

  it('narrows to those archived at or after `since`, a date or a date-time', async () => {
    const donation = await published('DONATION_RESPONSE');
    await archive('DONATION_RESPONSE', donation.id, 'Should never have been public.');
    const all = await walk('', 100);
    expect(all.map((record) => record.kind)).toEqual(['donations', 'actions', 'contracts']);
    const at = all[0]!.archivedAt;
    const ids = async (since: string) =>
      (await walk(`since=${encodeURIComponent(since)}`, 100)).map((record) => record.id);

    expect(await ids(at)).toEqual([donation.id]);
    expect(await ids(all[2]!.archivedAt)).toEqual(all.map((record) => record.id));
    expect(await ids(all[2]!.archivedAt.slice(0, 10))).toEqual(all.map((record) => record.id));
    expect(await ids('2999-01-01')).toEqual([]);
    // A time with an offset is the same moment; one written finer than the millisecond is exact too.
    const utc = new Date(at);
    const plusTwo = new Date(utc.getTime() + 2 * 3600_000).toISOString().replace('Z', '+02:00');
    expect(await ids(plusTwo)).toEqual([donation.id]);
    expect(await ids(at.replace('Z', '000Z'))).toEqual([donation.id]);
    expect(await ids(at.replace('Z', '001Z'))).toEqual([]);
    // With its T and Z in lower case, as RFC 3339 allows; with a + left unencoded (read as a space).
    expect(await ids(at.replace('T', 't').replace('Z', 'z'))).toEqual([donation.id]);
    expect((await walk(`since=${plusTwo}`, 100)).map((record) => record.id)).toEqual([donation.id]);
  });

  it('gives each record once, walking one at a time, even when two were archived at the same moment', async () => {
    const statement = await published('COMPANY_STATEMENT');
    const other = await published('COMPANY_STATEMENT', 1);
    await archive('COMPANY_STATEMENT', statement.id, 'Misattributed.');
    await archive('COMPANY_STATEMENT', other.id, 'Misattributed too.');
    await database().query(
      `UPDATE revisions SET created_at = (SELECT max(created_at) FROM revisions WHERE record_id = $1 AND kind = 'ARCHIVE')
       WHERE record_id = $2 AND kind = 'ARCHIVE'`,
      [other.id, statement.id],
    );
    const expected = (
      await database().query<{ id: string }>(
        `SELECT x.id FROM (
           SELECT id, 'EMPLOYEE_ACTION' AS type FROM employee_actions WHERE status = 'ARCHIVED'
           UNION ALL SELECT id, 'CONTRACT' FROM government_contracts WHERE status = 'ARCHIVED'
           UNION ALL SELECT id, 'DONATION_RESPONSE' FROM donation_responses WHERE status = 'ARCHIVED'
           UNION ALL SELECT id, 'COMPANY_STATEMENT' FROM company_statements WHERE status = 'ARCHIVED'
         ) x
         JOIN (SELECT record_id, max(created_at) AS at FROM revisions WHERE kind = 'ARCHIVE' GROUP BY record_id) r
           ON r.record_id = x.id
         ORDER BY r.at DESC, x.id DESC`,
      )
    ).map((row) => row.id);
    expect(expected).toHaveLength(5);
    const walked = await walk('', 1);
    expect(walked.map((record) => record.id)).toEqual(expected);
    expect(new Set(walked.map((record) => record.id)).size).toBe(5);
    const tied = walked.filter((record) => record.id === statement.id || record.id === other.id);
    expect(tied[0]!.archivedAt).toBe(tied[1]!.archivedAt);
    expect((await walk('', 2)).map((record) => record.id)).toEqual(expected);
    // From the middle, with `since`: the rest of those since, each once.
    const since = walked[3]!.archivedAt;
    expect((await walk(`since=${since}`, 1)).map((record) => record.id)).toEqual(expected.slice(0, 4));
  });

  it('binds a cursor to the moment it was handed out with, as the other lists bind theirs to their filters', async () => {
    const sinceOf = (query: string) => {
      const parsed = parseQuery(archivedParamsSchema, new URLSearchParams(query));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      return parsed.data.since;
    };
    const digestOf = (query: string) => filtersDigest(archivedFilters(sinceOf(query)));
    const handedOut = async (query: string) => {
      const { next } = await listArchived({ limit: 1, since: sinceOf(query) });
      expect(next, query).not.toBeNull();
      return decodeCursor(next!, 'archived', 'time')?.filters;
    };
    // The digest the list (app/api/v1/archived) compares with that of the page a cursor is sent with.
    const since = await handedOut('since=2000-01-01T03:45:00Z');
    expect(since).toBe(digestOf('since=2000-01-01T03:45:00Z'));
    // The same moment written otherwise is the same filter; another moment, or none, is another.
    expect(since).toBe(digestOf('since=2000-01-01T04:45:00%2B01:00'));
    expect(since).not.toBe(digestOf('since=2000-01-01'));
    expect(since).not.toBe(digestOf(''));
    expect(await handedOut('')).toBe(digestOf(''));
    expect(await handedOut('since=2000-01-01')).toBe(digestOf('since=2000-01-01'));
  });

  it('makes one query for a page of 1 or of 100 records', async () => {
    const { queriesSent } = await import('@/lib/db');
    const queries = async (limit: number) => {
      const before = queriesSent();
      await listArchived({ limit, since: new Date('2000-01-01T00:00:00Z') });
      return queriesSent() - before;
    };
    expect(await queries(1)).toBe(1);
    expect(await queries(100)).toBe(1);
  });

  it('refuses a bad cursor, limit or since and an unknown parameter, as the other lists do', async () => {
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const { next } = await listArchived({ limit: 1 });
    expect(issuesOf(`cursor=${next}`)).toEqual([]);
    expect(decodeCursor(next!, 'archived', 'time')).not.toBeNull();
    const sinceIssue = [
      { path: ['since'], message: 'a date (2026-12-01) or a date-time with its offset (2026-12-01T09:30:00Z)' },
    ];
    const yearIssue = [{ path: ['since'], message: 'a moment in the years 1 to 9999, in UTC' }];
    for (const [query, issues] of [
      ['limit=0', [{ path: ['limit'], message: expect.any(String) }]],
      ['limit=101', [{ path: ['limit'], message: expect.any(String) }]],
      ['limit=abc', [{ path: ['limit'], message: 'a number from 1 to 100' }]],
      ['cursor=not-a-cursor', [{ path: ['cursor'], message: 'not a cursor this list handed out' }]],
      // Another list's cursor, and this list's with a day where a time belongs.
      [
        `cursor=${encodeCursor({ key: '2018-06-25', id: 'abc' }, 'actions', {})}`,
        [{ path: ['cursor'], message: 'not a cursor this list handed out' }],
      ],
      [
        `cursor=${cursor(['archived', '2018-06-25', 'abc', filtersDigest(archivedFilters(undefined))])}`,
        [{ path: ['cursor'], message: 'not a cursor this list handed out' }],
      ],
      [
        `cursor=${cursor(['archived', null, 'abc', filtersDigest(archivedFilters(undefined))])}`,
        [{ path: ['cursor'], message: 'not a cursor this list handed out' }],
      ],
      ['since=yesterday', sinceIssue],
      ['since=2026-02-30', sinceIssue],
      // A time without its offset could be any of 24 hours.
      ['since=2026-12-01T09:30:00', sinceIssue],
      // Nor before year 1 or past 9999 (rounded up, or moved by its offset, into a year the database
      // has not): said as such.
      ['since=0000-06-01', yearIssue],
      ['since=0001-01-01T00:00:00%2B01:00', yearIssue],
      ['since=9999-12-31T23:59:59.9999Z', yearIssue],
      ['since=9999-12-31T23:30:00-01:00', yearIssue],
      ['since=2026-01-01&since=2026-02-01', [{ path: ['since'], message: 'given more than once; give it once' }]],
      ['kind=actions', [{ path: ['kind'], message: 'unknown parameter' }]],
    ] as const) {
      expect(issuesOf(query), query).toEqual(issues);
    }
    // Answered as every endpoint answers bad parameters.
    const response = badRequest(issuesOf('since=yesterday&colour=blue'));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: expect.stringMatching(/^The query parameters are not valid: .*since: a date/),
        issues: expect.arrayContaining([...sinceIssue, { path: ['colour'], message: 'unknown parameter' }]),
      },
    });
    expect(issuesOf('since=&limit=&cursor=')).toEqual([]);
  });
});

describe('the records that link an archived one', () => {
  it('count as updated when it is archived or brought back: their open data leaves the link out, then shows it again', async () => {
    const [link] = await database().query<{ action: string; contract: string }>(
      `SELECT a.id AS action, g.id AS contract FROM employee_actions a, government_contracts g
       WHERE a.status = 'PUBLISHED' AND g.status = 'PUBLISHED' ORDER BY a.id DESC, g.id DESC LIMIT 1`,
    );
    await database().query(
      `INSERT INTO employee_action_contracts (action_id, contract_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [link!.action, link!.contract],
    );
    const state = async () =>
      (
        await database().query<{ updated: Date; version: number }>(
          `SELECT updated_at AS updated, version FROM employee_actions WHERE id = $1`,
          [link!.action],
        )
      )[0]!;
    const before = await state();
    await archive('CONTRACT', link!.contract, 'Archived to see who links it.');
    const archived = await state();
    expect(archived.updated.getTime()).toBeGreaterThan(before.updated.getTime());
    // Nothing written in it changed.
    expect(archived.version).toBe(before.version);
    await archive('CONTRACT', link!.contract, 'Brought back.', true);
    expect((await state()).updated.getTime()).toBeGreaterThan(archived.updated.getTime());
  });
});
