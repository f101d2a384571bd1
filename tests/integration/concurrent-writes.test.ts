import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { mergeCompanies, mergeTerms } from '@/lib/data/admin';
import { ChangeRejected, publishChange, rejectChange, submitChange, withdrawChange } from '@/lib/data/changes';
import { readState } from '@/lib/data/record-state';
import { db } from '@/lib/db';
import { withDemoDatabase, withRoleUsers } from '../helpers/data-layer';

/*
 * Writes that meet at the same moment: a publish and an import's update of the same contract (or
 * of a contract it cites), a publish and a merge of the company it names, two publishes citing the same new source. Each
 * second connection below holds a transaction open as those writers do.
 */

const database = withDemoDatabase();
const users = withRoleUsers(database, 'concurrent');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openTransaction() {
  const client = new pg.Client({ connectionString: database().url });
  await client.connect();
  await client.query('BEGIN');
  return client;
}

const companyId = async (slug: string) =>
  (await database().query<{ id: string }>(`SELECT id FROM companies WHERE slug = $1`, [slug]))[0]!.id;

/** A new donation response citing `url` (and the contracts `contractIds`), sent by `author` (an editor), waiting for review: its change's id. */
async function proposedDonation(
  company: string,
  url: string,
  contractIds: string[] = [],
  author: 'editor' | 'reviewer' = 'editor',
): Promise<string> {
  const { id } = await submitChange({
    user: users[author],
    recordType: 'DONATION_RESPONSE',
    payload: {
      company: { id: company },
      organization: null,
      date: '2019-03',
      response: 'DONATED',
      amount: '1000',
      currency: 'USD',
      amountUndisclosed: false,
      sources: [{ url }],
      contractIds,
    },
  });
  return id;
}

describe('a publish meeting another write', () => {
  it('waits for an import updating the same contract, then is refused as stale rather than writing over it', async () => {
    const [contract] = await database().query<{ id: string }>(
      `SELECT id FROM government_contracts WHERE status = 'PUBLISHED' ORDER BY id LIMIT 1`,
    );
    const state = (await readState(db, 'CONTRACT', contract!.id))!;
    const { id: changeId } = await submitChange({
      user: users.editor,
      recordType: 'CONTRACT',
      recordId: contract!.id,
      baseVersion: state.version,
      payload: { ...state.fields, title: `${String(state.fields.title)} (corrected)` },
    });
    // The USAspending import updates the contract's amount in its transaction, as its own step.
    const importer = await openTransaction();
    await importer.query(
      `UPDATE government_contracts SET obligated_amount = 987654321, version = version + 1 WHERE id = $1`,
      [contract!.id],
    );
    const publishing = publishChange({ user: users.reviewer, changeId, seen: '' }).then(
      () => 'published',
      (error: Error) => (error instanceof ChangeRejected ? `refused: ${error.message}` : `failed: ${error.message}`),
    );
    await sleep(1000);
    await importer.query('COMMIT');
    await importer.end();
    const outcome = await publishing;
    const [after] = await database().query<{ obligated_amount: string; title: string }>(
      `SELECT obligated_amount::text, title FROM government_contracts WHERE id = $1`,
      [contract!.id],
    );
    expect(outcome).toMatch(/^refused: The record changed after this was proposed/);
    expect(after).toEqual({ obligated_amount: '987654321.00', title: state.fields.title });
  });

  it('gives up on a contract an import holds for long, as a clash to send again, writing nothing', async () => {
    const { isWriteClash } = await import('@/lib/database/write-clash');
    const [contract] = await database().query<{ id: string }>(
      `SELECT id FROM government_contracts WHERE status = 'PUBLISHED' ORDER BY id DESC LIMIT 1`,
    );
    const state = (await readState(db, 'CONTRACT', contract!.id))!;
    const { id: changeId } = await submitChange({
      user: users.editor,
      recordType: 'CONTRACT',
      recordId: contract!.id,
      baseVersion: state.version,
      payload: { ...state.fields, title: `${String(state.fields.title)} (held)` },
    });
    const importer = await openTransaction();
    await importer.query(`SELECT id FROM government_contracts WHERE id = $1 FOR UPDATE`, [contract!.id]);
    const error = await publishChange({ user: users.reviewer, changeId, seen: '' }).catch((caught: unknown) => caught);
    await importer.query('ROLLBACK');
    await importer.end();
    expect(isWriteClash(error)).toBe(true);
    expect((await readState(db, 'CONTRACT', contract!.id))?.version).toBe(state.version);
    const [change] = await database().query<{ status: string }>(`SELECT status FROM change_requests WHERE id = $1`, [
      changeId,
    ]);
    expect(change?.status).toBe('PENDING');
  });

  it('is refused at once while an import moves a contract it cites, and once it is done, as citing the other company’s contract', async () => {
    const { isWriteClash } = await import('@/lib/database/write-clash');
    const [salesforce, google] = [await companyId('salesforce'), await companyId('google')];
    const [contract] = await database().query<{ id: string }>(
      `SELECT id FROM government_contracts WHERE company_id = $1 AND status = 'PUBLISHED' ORDER BY id LIMIT 1`,
      [salesforce],
    );
    const changeId = await proposedDonation(salesforce, 'https://example.org/concurrent/cites-a-moving-contract', [
      contract!.id,
    ]);
    // A USAspending import moving the contract to Google: it found no record citing the contract
    // (locking its row first) and moves it. Read before that commits, it was still Salesforce's.
    const mover = await openTransaction();
    await mover.query(`UPDATE government_contracts SET company_id = $2, version = version + 1 WHERE id = $1`, [
      contract!.id,
      google,
    ]);
    // The publish does not wait on the import (which may wait on it in turn): a clash to send again.
    const during = await publishChange({ user: users.reviewer, changeId, seen: '' }).catch((caught: unknown) => caught);
    expect(isWriteClash(during)).toBe(true);
    await mover.query('COMMIT');
    await mover.end();
    const after = await publishChange({ user: users.reviewer, changeId, seen: '' }).catch((caught: unknown) => caught);
    expect(after).toBeInstanceOf(ChangeRejected);
    expect((after as ChangeRejected).fields.contractIds?.[0]).toMatch(/is Google’s contract/);
    const [change] = await database().query<{ status: string }>(`SELECT status FROM change_requests WHERE id = $1`, [
      changeId,
    ]);
    expect(change?.status).toBe('PENDING');
  });

  it('names the company a merge kept when the merge waited for it', async () => {
    const [from, into] = [await companyId('microsoft'), await companyId('amazon')];
    const url = 'https://example.org/concurrent/race-with-merge';
    const changeId = await proposedDonation(from, url);
    // Another write stores the same source at that moment, holding the publish midway.
    const other = await openTransaction();
    await other.query(`INSERT INTO sources (id, url, updated_at) VALUES ('concurrentsource000000001', $1, now())`, [
      url,
    ]);
    const publishing = publishChange({ user: users.reviewer, changeId, seen: '' });
    await sleep(500);
    const merging = mergeCompanies(users.admin, { fromSlug: 'microsoft', intoSlug: 'amazon' });
    await sleep(500);
    await other.query('ROLLBACK');
    await other.end();
    const [published, merged] = await Promise.all([publishing, merging]);
    expect(merged).toEqual(['microsoft', 'amazon']);
    const [row] = await database().query<{ company_id: string; status: string }>(
      `SELECT d.company_id, c.status FROM donation_responses d JOIN companies c ON c.id = d.company_id WHERE d.id = $1`,
      [published.recordId],
    );
    expect(row).toEqual({ company_id: into, status: 'PUBLISHED' });
  });

  it('cites the source another write stored at the same moment, once', async () => {
    const url = 'https://example.org/concurrent/same-article';
    const changeId = await proposedDonation(await companyId('google'), url);
    const other = await openTransaction();
    await other.query(`INSERT INTO sources (id, url, updated_at) VALUES ('concurrentsource000000002', $1, now())`, [
      url,
    ]);
    const publishing = publishChange({ user: users.reviewer, changeId, seen: '' });
    await sleep(500);
    await other.query('COMMIT');
    await other.end();
    const published = await publishing;
    const cited = await database().query<{ id: string }>(
      `SELECT s.id FROM donation_response_sources l JOIN sources s ON s.id = l.source_id
       WHERE l.donation_response_id = $1`,
      [published.recordId],
    );
    expect(cited).toEqual([{ id: 'concurrentsource000000002' }]);
  });
});

describe('a term merge meeting another write', () => {
  const issues = async (...slugs: string[]) =>
    Promise.all(slugs.map((slug) => db.vocabularyTerm.create({ data: { kind: 'ISSUE', slug, label: slug } })));

  it('two merges of two terms into each other at once: one is made, the other finds its term merged', async () => {
    const [a, b] = await issues('concurrent-issue-a', 'concurrent-issue-b');
    // An action being published with one of them holds both merges at the start, as they would meet.
    const other = await openTransaction();
    await other.query(`SELECT id FROM vocabulary_terms WHERE id = $1 FOR SHARE`, [a!.id]);
    const merges = [
      mergeTerms(users.admin, { fromId: a!.id, intoId: b!.id }),
      mergeTerms(users.admin, { fromId: b!.id, intoId: a!.id }),
    ].map((merge) =>
      merge.then(
        () => 'merged',
        (error: unknown) => error,
      ),
    );
    await sleep(500);
    await other.query('ROLLBACK');
    await other.end();
    const outcomes = await Promise.all(merges);
    expect(outcomes.filter((outcome) => outcome === 'merged')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome !== 'merged');
    expect(refused).toBeInstanceOf(ChangeRejected);
    expect((refused as ChangeRejected).fields).toEqual({ into: ['A term merged already.'] });
    // One term lives on, the other merged into it: never each into the other.
    const rows = await database().query<{ merged: boolean }>(
      `SELECT merged_into_id IS NOT NULL AS merged FROM vocabulary_terms WHERE id = ANY($1) ORDER BY merged`,
      [[a!.id, b!.id]],
    );
    expect(rows).toEqual([{ merged: false }, { merged: true }]);
  });

  it('an action published while its issue is being merged is linked to the issue it went into', async () => {
    const [a, b] = await issues('concurrent-issue-c', 'concurrent-issue-d');
    const { id: changeId } = await submitChange({
      user: users.editor,
      recordType: 'EMPLOYEE_ACTION',
      payload: {
        title: 'Workers protest a contract',
        description: 'Employees wrote to the board.',
        date: '2019-05',
        companies: [{ id: await companyId('salesforce') }],
        formSlugs: ['walkout'],
        issueSlugs: [a!.slug],
        sources: [{ url: 'https://example.org/concurrent/term-merge' }],
      },
    });
    // A merge holds the issue, publishing meanwhile, then moves it.
    const other = await openTransaction();
    await other.query(`SELECT id FROM vocabulary_terms WHERE id = $1 FOR UPDATE`, [a!.id]);
    const publishing = publishChange({ user: users.reviewer, changeId, seen: '' });
    await sleep(500);
    await other.query(`UPDATE vocabulary_terms SET merged_into_id = $2 WHERE id = $1`, [a!.id, b!.id]);
    await other.query('COMMIT');
    await other.end();
    const { recordId } = await publishing;
    const linked = await database().query<{ term_id: string }>(
      `SELECT t.term_id FROM employee_action_terms t JOIN vocabulary_terms v ON v.id = t.term_id
       WHERE t.action_id = $1 AND v.kind = 'ISSUE'`,
      [recordId],
    );
    expect(linked).toEqual([{ term_id: b!.id }]);
  });
});

describe('a form sent twice', () => {
  it('files one new record, whether the two arrive at once or one after the other', async () => {
    const url = 'https://example.org/concurrent/double-click';
    const google = await companyId('google');
    const [first, second] = await Promise.all([proposedDonation(google, url), proposedDonation(google, url)]);
    expect(second).toBe(first);
    expect(await proposedDonation(google, url)).toBe(first);
    const filed = await database().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM change_requests WHERE payload->'sources'->0->>'url' = $1`,
      [url],
    );
    expect(filed).toEqual([{ n: 1 }]);
    // Another record, even one differing in a single field, is filed as such.
    expect(await proposedDonation(await companyId('salesforce'), url)).not.toBe(first);
  });

  it('takes the same new record sent again later for the one sent before: refused once published or rejected, filed anew once withdrawn', async () => {
    const google = await companyId('google');
    const url = 'https://example.org/concurrent/sent-again-later';
    const first = await proposedDonation(google, url);
    // A day later (a form sent again from the browser's history): still that change while it waits.
    await database().query(`UPDATE change_requests SET created_at = now() - interval '1 day' WHERE id = $1`, [first]);
    expect(await proposedDonation(google, url)).toBe(first);
    const refusal = async () => {
      const error = await proposedDonation(google, url).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ChangeRejected);
      return error as ChangeRejected;
    };
    const filed = async () =>
      (
        await database().query<{ n: number }>(
          `SELECT count(*)::int AS n FROM change_requests WHERE payload->'sources'->0->>'url' = $1`,
          [url],
        )
      )[0]!.n;
    await publishChange({ user: users.reviewer, changeId: first, seen: '' });
    const published = await refusal();
    expect(published.message).toMatch(
      /^You sent this same donation response on .+, and it was published: nothing was sent again\./,
    );
    expect(published.next).toEqual({ href: `/editor/changes/${first}`, text: 'Open the change you sent' });
    expect(await filed()).toBe(1);

    // One rejected (perhaps for what its fields do not hold: a source offline), or withdrawn, is the
    // author's to send again; so is one whose record was archived since.
    const rejectedUrl = 'https://example.org/concurrent/sent-again-after-rejection';
    const rejected = await proposedDonation(google, rejectedUrl);
    await rejectChange({ user: users.reviewer, changeId: rejected, reason: 'The source is offline.', seen: '' });
    expect(await proposedDonation(google, rejectedUrl)).not.toBe(rejected);
    const withdrawnUrl = 'https://example.org/concurrent/sent-again-after-withdrawal';
    const withdrawn = await proposedDonation(google, withdrawnUrl);
    await withdrawChange({ user: users.editor, changeId: withdrawn });
    expect(await proposedDonation(google, withdrawnUrl)).not.toBe(withdrawn);
    const [{ record_id: recordId } = { record_id: '' }] = await database().query<{ record_id: string }>(
      `SELECT record_id FROM change_requests WHERE id = $1`,
      [first],
    );
    await database().query(`UPDATE donation_responses SET status = 'ARCHIVED' WHERE id = $1`, [recordId]);
    expect(await proposedDonation(google, url)).not.toBe(first);
    // Another author's is theirs: sent by the reviewer, the same fields are a change of their own.
    const reviewers = await proposedDonation(google, rejectedUrl, [], 'reviewer');
    expect(reviewers).not.toBe(rejected);
  });

  it('files one correction, where the second sending would have been refused as a second change', async () => {
    const [contract] = await database().query<{ id: string }>(
      `SELECT id FROM government_contracts WHERE status = 'PUBLISHED' ORDER BY id LIMIT 1 OFFSET 1`,
    );
    const state = (await readState(db, 'CONTRACT', contract!.id))!;
    const correction = () =>
      submitChange({
        user: users.editor,
        recordType: 'CONTRACT',
        recordId: contract!.id,
        baseVersion: state.version,
        payload: { ...state.fields, title: `${String(state.fields.title)} (sent twice)` },
      });
    const first = await correction();
    expect(await correction()).toEqual(first);
  });
});

describe('what the database cannot store', () => {
  it('keeps no form holding a NUL byte with a change, and files the change', async () => {
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'DONATION_RESPONSE',
      payload: {
        company: { id: await companyId('google') },
        organization: null,
        date: '2019-05',
        response: 'DONATED',
        amount: '3000',
        currency: 'USD',
        amountUndisclosed: false,
        sources: [{ url: 'https://example.org/concurrent/nul' }],
      },
      form: { values: { extra: 'a\u0000b' }, opened: { title: 'x\u0000' } },
    });
    const [row] = await database().query<{ form: unknown }>(`SELECT form FROM change_requests WHERE id = $1`, [id]);
    expect(row?.form).toBeNull();
  });

  it('refuses a rejection reason holding a NUL byte with a message on the field, and rejects nothing', async () => {
    const changeId = await proposedDonation(await companyId('google'), 'https://example.org/concurrent/nul-reason');
    const error = await rejectChange({ user: users.reviewer, changeId, reason: 'bad\u0000reason', seen: '' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ChangeRejected);
    expect((error as ChangeRejected).fields.reason).toEqual([
      'The reason cannot contain NUL bytes or broken characters.',
    ]);
    const [row] = await database().query<{ status: string }>(`SELECT status FROM change_requests WHERE id = $1`, [
      changeId,
    ]);
    expect(row?.status).toBe('PENDING');
  });
});
