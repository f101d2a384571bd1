import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/roles';
import {
  ChangeRejected,
  publishChange,
  rejectChange,
  submitChange,
  withdrawChange,
  type EditableType,
  type SubmitOptions,
} from '@/lib/data/changes';
import { actionEditStart, ownChange, ownPendingChangeId } from '@/lib/data/edit-forms';
import {
  QUEUE_PAGE_SIZE,
  changesToPutRight,
  countPendingChanges,
  MY_WORK_PAGE_SIZE,
  countMyChanges,
  getChangeForReview,
  listMyChanges,
  listRevisions,
  listPendingChanges,
  pendingFacets,
  proposedDiff,
} from '@/lib/data/review';
import { readState } from '@/lib/data/record-state';
import { donationResponseSchema, employeeActionSchema } from '@/lib/validation/records';
import { mergeTerms } from '@/lib/data/admin';
import { createUser } from '@/lib/records/users';
import { companyForm, withDemoDatabase } from '../helpers/data-layer';

const database = withDemoDatabase();
const users: Record<'editor' | 'otherEditor' | 'reviewer' | 'admin', SessionUser> = {} as never;

beforeAll(async () => {
  for (const [key, role] of [
    ['editor', 'EDITOR'],
    ['otherEditor', 'EDITOR'],
    ['reviewer', 'REVIEWER'],
    ['admin', 'ADMIN'],
  ] as const) {
    const email = `${key}@test.example`;
    const { id } = await createUser(database().client, { email, name: key, role, password: 'a-long-test-password' });
    users[key] = { id, email, name: key, role };
  }
});

const count = async (sql: string, values?: unknown[]) =>
  Number((await database().query<{ n: string }>(sql, values))[0]?.n);
const salesforceId = async () =>
  (await database().query<{ id: string }>(`SELECT id FROM companies WHERE slug = 'salesforce'`))[0]!.id;

/**
 * A new donation response, each with a reason of its own: the same record sent again by its author
 * is that sending (or refused, once published), not another change.
 */
let donationsMade = 0;
const donation = async (overrides: Record<string, unknown> = {}) => ({
  company: { id: await salesforceId() },
  organization: { newName: 'Example Legal Aid Fund' },
  date: '2019-03',
  response: 'REJECTED',
  amount: '50000',
  currency: 'USD',
  amountUndisclosed: false,
  reason: `Tied to the CBP contract (${(donationsMade += 1)}).`,
  sources: [{ url: 'https://example.org/news/fund-rejects-gift' }],
  ...overrides,
});

const company = companyForm;

async function rejected(promise: Promise<unknown>): Promise<ChangeRejected> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ChangeRejected);
  return error as ChangeRejected;
}

describe('who may do what', () => {
  it('lets any signed-in role propose, but only reviewers and admins review, and nobody their own change', async () => {
    const payload = await donation();
    const proposals = await Promise.all(
      (['editor', 'reviewer', 'admin'] as const).map((key) =>
        submitChange({ user: users[key], recordType: 'DONATION_RESPONSE', payload }),
      ),
    );
    await expect(listPendingChanges(users.editor)).rejects.toThrow(/Only reviewers/);
    await expect(countPendingChanges(users.editor)).rejects.toThrow(/Only reviewers/);
    await expect(getChangeForReview(users.editor, proposals[0]!.id)).rejects.toThrow(/Only reviewers/);
    // The reviewer reads the proposal in the order its form asks for it.
    const order = Object.keys(donationResponseSchema.shape);
    const fields = (await getChangeForReview(users.reviewer, proposals[0]!.id))!.diff.map((line) => line.field);
    expect(fields.length).toBeGreaterThan(4);
    expect(fields).toEqual([...fields].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(fields.every((field) => order.includes(field))).toBe(true);
    await expect(publishChange({ user: users.editor, changeId: proposals[0]!.id })).rejects.toThrow(
      /Only reviewers publish/,
    );
    await expect(rejectChange({ user: users.editor, changeId: proposals[0]!.id, reason: 'no' })).rejects.toThrow(
      /Only reviewers reject/,
    );
    await expect(publishChange({ user: users.reviewer, changeId: proposals[1]!.id })).rejects.toThrow(
      /Someone else must review your own change/,
    );
    expect((await listPendingChanges(users.reviewer)).length).toBe(3);
    expect(await countPendingChanges(users.reviewer)).toBe(3);
    expect(await countPendingChanges(users.reviewer, { type: 'COMPANY' })).toBe(
      (await listPendingChanges(users.reviewer, { type: 'COMPANY' })).length,
    );

    const published = await publishChange({ user: users.reviewer, changeId: proposals[0]!.id });
    expect(published.tags).toContain('company:salesforce');
    // A reason too long is refused with one message saying so next to the field, and nothing decided.
    const tooLong = await rejectChange({
      user: users.admin,
      changeId: proposals[1]!.id,
      reason: 'x'.repeat(2500),
    }).catch((error: unknown) => error);
    expect(tooLong).toMatchObject({
      message: 'Some fields need attention.',
      fields: { reason: ['The reason is too long: at most 2,000 characters (this one has 2,500).'] },
    });
    await rejectChange({ user: users.admin, changeId: proposals[1]!.id, reason: 'A duplicate of the first.' });
    await publishChange({ user: users.reviewer, changeId: proposals[2]!.id }).catch(() => undefined);
    await expect(publishChange({ user: users.admin, changeId: proposals[0]!.id })).rejects.toThrow(/no longer waiting/);
    // A second reviewer whose decision came too late is told what became of it, and by whom.
    await expect(publishChange({ user: users.reviewer, changeId: proposals[0]!.id })).rejects.toThrow(
      'This change is no longer waiting for review: reviewer published it meanwhile. Nothing was changed.',
    );
    await expect(publishChange({ user: users.reviewer, changeId: proposals[1]!.id })).rejects.toThrow(
      'This change is no longer waiting for review: admin rejected it meanwhile (“A duplicate of the first.”). Nothing was changed.',
    );
    // Its page says so too, and still reads a published new record as new.
    expect(await getChangeForReview(users.admin, proposals[0]!.id)).toMatchObject({
      status: 'PUBLISHED',
      decidedBy: 'reviewer',
      isNew: true,
    });

    const [row] = await database().query<{ amount: string; status: string; org: string; sources: string }>(`
      SELECT d.amount::text, d.status, o.name AS org,
             (SELECT string_agg(s.url, ',') FROM donation_response_sources x JOIN sources s ON s.id = x.source_id WHERE x.donation_response_id = d.id) AS sources
      FROM donation_responses d JOIN organizations o ON o.id = d.organization_id WHERE d.id = '${published.recordId}'`);
    expect(row).toEqual({
      amount: '50000.00',
      status: 'PUBLISHED',
      org: 'Example Legal Aid Fund',
      sources: 'https://example.org/news/fund-rejects-gift',
    });
    expect(await count(`SELECT count(*) AS n FROM organizations WHERE name = 'Example Legal Aid Fund'`)).toBe(1);
    expect(
      await count(`SELECT count(*) AS n FROM revisions WHERE record_id = '${published.recordId}' AND kind = 'PUBLISH'`),
    ).toBe(1);
  });
});

describe('bad input is refused with a field message and nothing written', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a javascript: url as a source', { sources: [{ url: 'javascript:alert(1)' }] }, 'sources'],
    ['a data: url as a source', { sources: [{ url: 'data:text/html,<script>alert(1)</script>' }] }, 'sources'],
    ['no source at all', { sources: [] }, 'sources'],
    ['a negative amount', { amount: '-5' }, 'amount'],
    ['a non-numeric amount', { amount: 'a lot' }, 'amount'],
    ['a currency code no currency has', { currency: 'DOL' }, 'currency'],
    ['a currency written out', { currency: 'dollars' }, 'currency'],
    ['a date in the future', { date: '2999-01-01' }, 'date'],
    ['an impossible date', { date: '2019-02-30' }, 'date'],
    ['an unknown response', { response: 'SHRUGGED' }, 'response'],
    ['a forged company id', { company: { id: 'cforgedforgedforgedforged1' } }, 'company'],
    ['a forged contract id', { contractIds: ['cforgedforgedforgedforged2'] }, 'contractIds'],
    [
      'more sources than a record may cite',
      { sources: Array.from({ length: 31 }, (_, index) => ({ url: `https://example.org/news/${index}` })) },
      'sources',
    ],
  ];
  it.each(cases)('%s', async (_name, overrides, field) => {
    const before = await count('SELECT count(*) AS n FROM change_requests');
    const error = await rejected(
      submitChange({ user: users.editor, recordType: 'DONATION_RESPONSE', payload: await donation(overrides) }),
    );
    expect(Object.keys(error.fields)).toContain(field);
    expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before);
  });

  it('refuses a note longer than 2,000 characters rather than cutting it: it becomes the public reason', async () => {
    const before = await count('SELECT count(*) AS n FROM change_requests');
    const error = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'DONATION_RESPONSE',
        payload: await donation(),
        note: `${'n'.repeat(2001)}  `,
      }),
    );
    expect(error.fields).toEqual({
      note: [
        'The note can be at most 2,000 characters (it has 2,001): shorten it, or say the rest in the change itself.',
      ],
    });
    expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before);
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'DONATION_RESPONSE',
      payload: await donation(),
      note: 'n'.repeat(2000),
    });
    expect(await count('SELECT length(note) AS n FROM change_requests WHERE id = $1', [id])).toBe(2000);
    await database().query(`DELETE FROM change_requests WHERE id = $1`, [id]);
  });

  it('says what is wrong with an amount, a year or a count, each in its own words and once', async () => {
    const before = await count('SELECT count(*) AS n FROM change_requests');
    const messages = async (recordType: 'DONATION_RESPONSE' | 'EMPLOYEE_ACTION', payload: Record<string, unknown>) =>
      (await rejected(submitChange({ user: users.editor, recordType, payload }))).fields;
    expect((await messages('DONATION_RESPONSE', await donation({ amount: '9'.repeat(25) }))).amount).toEqual([
      'The amount is too large: at most 16 digits before the point.',
    ]);
    expect((await messages('DONATION_RESPONSE', await donation({ amount: '12.345' }))).amount).toEqual([
      'Give the amount to the cent: at most two digits after the point.',
    ]);
    for (const nothing of ['0', '0.00', '000'])
      expect((await messages('DONATION_RESPONSE', await donation({ amount: nothing }))).amount, nothing).toEqual([
        'A donation is of more than nothing: give its amount, or leave it empty and tick “The amount was not disclosed”.',
      ]);
    // A slip of the keyboard for 2019, not a date the record could hold.
    for (const date of ['0219', '0999-06', '1899-12-31'])
      expect((await messages('DONATION_RESPONSE', await donation({ date }))).date, date).toEqual([
        expect.stringMatching(/the year must be 1900 or later/),
      ]);
    const action = {
      title: 'A walkout',
      description: 'd',
      date: '2019',
      companies: [{ id: await salesforceId() }],
      formSlugs: ['walkout'],
      sources: [{ url: 'https://example.org/a' }],
    };
    expect(
      (await messages('EMPLOYEE_ACTION', { ...action, participantsMin: '99999999999999999999' })).participantsMin,
    ).toEqual(['Participants cannot be more than 10,000,000.']);
    // Only digits are a count: a decimal point, an exponent, a "+" would be read as another number
    // (1.000 as 1, 1e3 as 1000) or, in the browser's number box, sent as none at all.
    for (const typed of ['2.5', '1.000', '1e3', '0x10', '200+', '200-300'])
      expect((await messages('EMPLOYEE_ACTION', { ...action, participantsMin: typed })).participantsMin, typed).toEqual(
        ['Participants must be a whole number, such as 650 (a range: its low end, then its high end).'],
      );
    // Spaces alone are no count, as an empty box is none.
    expect(employeeActionSchema.parse({ ...action, participantsMin: '   ' }).participantsMin).toBeNull();
    expect((await messages('EMPLOYEE_ACTION', { ...action, participantsMin: '-5' })).participantsMin).toEqual([
      'Participants cannot be negative.',
    ]);
    expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before);
    // Leading zeros are not digits of the amount; 1900 is a year the record holds.
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'DONATION_RESPONSE',
      payload: await donation({ amount: '000' + '9'.repeat(16), date: '1900' }),
    });
    await database().query(`DELETE FROM change_requests WHERE id = $1`, [id]);
  });

  it('a country code no country has, on a company', async () => {
    const before = await count('SELECT count(*) AS n FROM change_requests');
    for (const hqCountry of ['XX', 'ZZ', 'U$']) {
      const error = await rejected(
        submitChange({
          user: users.editor,
          recordType: 'COMPANY',
          payload: { name: 'Example Analytics', hqCountry, sources: [{ url: 'https://example.org/analytics' }] },
        }),
      );
      expect(error.fields.hqCountry, hqCountry).toEqual(['Use the two-letter code of a country, such as US.']);
    }
    expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before);
  });

  it('accepts as many sources as the imported data set’s most cited action', async () => {
    const [{ most }] = (await database().query<{ most: number }>(
      `SELECT max(n)::int AS most FROM (SELECT count(*) AS n FROM employee_action_sources GROUP BY action_id) counts`,
    )) as [{ most: number }];
    expect(most).toBeGreaterThan(10);
    const sources = Array.from({ length: most }, (_, index) => ({ url: `https://example.org/cited/${index}` }));
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'DONATION_RESPONSE',
      payload: await donation({ sources }),
    });
    await database().query(`DELETE FROM change_requests WHERE id = $1`, [id]);
  });

  it('a 10,000-character title and an unknown vocabulary value on an employee action', async () => {
    const error = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'EMPLOYEE_ACTION',
        payload: {
          title: 'x'.repeat(10_000),
          description: 'd',
          date: '2019',
          companies: [{ id: await salesforceId() }],
          formSlugs: ['interpretive-dance'],
          sources: [{ url: 'https://example.org/a' }],
        },
      }),
    );
    expect(error.fields.title?.[0]).toMatch(/at most 300 characters/);
    const vocabulary = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'EMPLOYEE_ACTION',
        payload: {
          title: 't',
          description: 'd',
          date: '2019',
          companies: [{ id: await salesforceId() }],
          formSlugs: ['interpretive-dance'],
          sources: [{ url: 'https://example.org/a' }],
        },
      }),
    );
    expect(vocabulary.fields.formSlugs?.[0]).toMatch(/Choose forms from the list/);
  });

  it('names every problem of an employee action at once, each in plain words', async () => {
    const error = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'EMPLOYEE_ACTION',
        payload: {
          title: '',
          description: 'd',
          date: '2019',
          companies: [{ id: await salesforceId() }],
          formSlugs: ['Not A Slug'],
          participantsMin: 10,
          participantsMax: 5,
          outcome: 'WON',
          contractIds: ['/contracts/not-a-real-one'],
          sources: [{ url: 'https://example.org/a' }],
        },
      }),
    );
    // The range across two fields is checked in the same refusal as the fields that failed alone.
    expect(error.fields).toEqual({
      title: [expect.stringMatching(/title/i)],
      formSlugs: ['Choose forms from the list.'],
      participantsMax: ['The high end cannot be below the low end.'],
      outcome: ['Choose the outcome from the list.'],
      contractIds: [
        '“/contracts/not-a-real-one” is no contract on record: give a contract’s address on this site, one a line.',
      ],
    });
    const donationRefused = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'DONATION_RESPONSE',
        payload: await donation({
          response: 'SHRUGGED',
          amountUndisclosed: true,
          quote: 'We gave.',
          quoteAttribution: null,
        }),
      }),
    );
    expect(Object.keys(donationRefused.fields).sort()).toEqual(['amount', 'quoteAttribution', 'response']);
    // Listed as the form asks for them: the company the form starts with first, though its
    // look-up is made after the other rules.
    const inOrder = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'DONATION_RESPONSE',
        payload: await donation({
          company: { id: 'cmx00000000000000000nobody' },
          date: 'soon',
          response: 'SHRUGGED',
          sources: [],
        }),
      }),
    );
    expect(Object.keys(inOrder.fields)).toEqual(['company', 'response', 'date', 'sources']);
  });

  it('ignores a forged role or user id in the payload: the author is the session user', async () => {
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'DONATION_RESPONSE',
      payload: { ...(await donation()), role: 'ADMIN', authorId: users.admin.id, userId: users.admin.id },
    });
    const [row] = await database().query<{ author_id: string; payload: Record<string, unknown> }>(
      `SELECT author_id, payload FROM change_requests WHERE id = '${id}'`,
    );
    expect(row?.author_id).toBe(users.editor.id);
    expect(row?.payload).not.toHaveProperty('role');
    expect(row?.payload).not.toHaveProperty('authorId');
  });

  it('tells an editor whose waiting change a published one has overtaken, in My work and on its page', async () => {
    const company = await salesforceId();
    const { fields, version } = (await readState(database().client, 'COMPANY', company))!;
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'COMPANY',
      recordId: company,
      baseVersion: version,
      payload: { ...fields, sector: 'Software (overtaken)' },
    });
    const told = async () => [
      (await listMyChanges(users.editor)).find((change) => change.id === id)?.outdated,
      (await ownChange(users.editor, id))?.outdated,
    ];
    try {
      expect(await told()).toEqual([false, false]);
      // Another step published on the record meanwhile (a reviewer's restore, an import, a merge).
      await database().query('UPDATE companies SET version = version + 1 WHERE id = $1', [company]);
      expect(await told()).toEqual([true, true]);
    } finally {
      await database().query('UPDATE companies SET version = version - 1 WHERE id = $1', [company]);
      await database().query(`DELETE FROM change_requests WHERE id = $1`, [id]);
    }
  });

  it('a stale version number', async () => {
    const company = await salesforceId();
    const versionNow = async () =>
      (
        (await database().query<{ version: number }>(`SELECT version FROM companies WHERE id = $1`, [company])) as [
          { version: number },
        ]
      )[0].version;
    const opened = await versionNow();
    // The form as opened: the record as it is, with a sector of one's own.
    const { fields } = (await readState(database().client, 'COMPANY', company))!;
    const payload = (sector: string) => ({ ...fields, sector });
    // Someone else's change to the sector alone is published after the form was opened.
    const theirs = await submitChange({
      user: users.admin,
      recordType: 'COMPANY',
      recordId: company,
      baseVersion: opened,
      payload: payload('Enterprise cloud software'),
      note: 'The sector as its filings give it',
    });
    const published = await publishChange({ user: users.reviewer, changeId: theirs.id });
    // Its family's and co-named companies' pages show the company too: every profile is refreshed.
    expect(published.tags).toEqual(expect.arrayContaining(['record:lists', 'record:companies']));
    const version = await versionNow();
    expect(version).toBe(opened + 1);

    const error = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'COMPANY',
        recordId: company,
        baseVersion: opened,
        payload: payload('Software'),
      }),
    );
    expect(error.message).toMatch(/changed this record after you began this change/);
    // Their change, as a person reads it (only what it changed, named as a person would), and the
    // version the form saves against next.
    expect(error.conflict?.version).toBe(version);
    // Named by who proposed it, not the reviewer who published it: the form says who changed each field.
    expect(error.conflict?.by).toBe('admin');
    expect(error.conflict?.summary).toBe(
      'Published the change proposed by admin: The sector as its filings give it\nSector: Enterprise cloud software',
    );
    expect(error.conflict?.own).toBe(false);
    // The same refusal, to the person whose change was published (a rejected change of theirs
    // reopened, say), says the change is theirs.
    const ownError = await rejected(
      submitChange({
        user: users.admin,
        recordType: 'COMPANY',
        recordId: company,
        baseVersion: opened,
        payload: payload('Cloud software'),
      }),
    );
    expect(ownError.message).toMatch(/^A change of yours to this record was published after you opened this form\./);
    expect(ownError.conflict?.own).toBe(true);
    const before = await count(`SELECT count(*) AS n FROM change_requests WHERE record_id = $1`, [company]);
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'COMPANY',
      recordId: company,
      baseVersion: error.conflict?.version,
      payload: payload('Software'),
    });
    expect(await count(`SELECT count(*) AS n FROM change_requests WHERE record_id = $1`, [company])).toBe(before + 1);
    // While it waits, a third person's save is refused with what it would change, and only that.
    const waiting = await rejected(
      submitChange({
        user: users.admin,
        recordType: 'COMPANY',
        recordId: company,
        baseVersion: version,
        payload: payload('Enterprise cloud software'),
      }),
    );
    expect(waiting.conflict?.summary).toBe('Sector: Software');
    await database().query(`DELETE FROM change_requests WHERE id = $1`, [id]);
    // Another's proposal is not an editor's to read before it is published: only which fields it changes.
    const proposed = await submitChange({
      user: users.reviewer,
      recordType: 'COMPANY',
      recordId: company,
      baseVersion: version,
      payload: payload('A secret sector'),
    });
    const told = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'COMPANY',
        recordId: company,
        baseVersion: version,
        payload: payload('Software'),
      }),
    );
    expect(told.conflict?.summary).toBe('It changes: Sector.');
    await database().query(`DELETE FROM change_requests WHERE id = $1`, [proposed.id]);
  });

  it('a change whose record changed meanwhile is shown to reviewers as stale, with no way to publish it', async () => {
    const company = await salesforceId();
    const [{ version }] = (await database().query<{ version: number }>(
      `SELECT version FROM companies WHERE id = '${company}'`,
    )) as [{ version: number }];
    const payload = (sector: string) => ({
      name: 'Salesforce',
      sector,
      hqCountry: 'US',
      website: 'https://www.salesforce.com',
      ticker: 'CRM',
      description: '',
      sources: [{ url: 'https://www.salesforce.com' }],
    });
    const first = await submitChange({
      user: users.editor,
      recordType: 'COMPANY',
      recordId: company,
      baseVersion: version,
      payload: payload('Cloud software'),
    });
    const inQueue = async () =>
      (await listPendingChanges(users.reviewer, { type: 'COMPANY', what: 'change' })).find(
        (listed) => listed.id === first.id,
      )?.stale;
    expect((await getChangeForReview(users.reviewer, first.id))?.stale).toBe(false);
    expect(await inQueue()).toBe(false);
    // Another editor's change to the same record is published first.
    await database().query(`UPDATE companies SET version = version + 1 WHERE id = $1`, [company]);
    const change = await getChangeForReview(users.reviewer, first.id);
    expect(change?.stale).toBe(true);
    // The queue says so too, and so it does for a record no longer published.
    expect(await inQueue()).toBe(true);
    const [raices] = await database().query<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'raices'`);
    const state = (await readState(database().client, 'ORGANIZATION', raices!.id))!;
    const { id: onArchived } = await submitChange({
      user: users.otherEditor,
      recordType: 'ORGANIZATION',
      recordId: raices!.id,
      baseVersion: state.version,
      payload: { ...state.fields, description: 'A legal-aid group in Texas.' },
    });
    const archivedInQueue = async () =>
      (await listPendingChanges(users.reviewer)).find((listed) => listed.id === onArchived)?.stale;
    expect(await archivedInQueue()).toBe(false);
    await database().query(`UPDATE organizations SET status = 'ARCHIVED' WHERE id = $1`, [raices!.id]);
    expect(await archivedInQueue()).toBe(true);
    await database().query(`UPDATE organizations SET status = 'PUBLISHED' WHERE id = $1`, [raices!.id]);
    await database().query(`DELETE FROM change_requests WHERE id = $1`, [onArchived]);
    await expect(publishChange({ user: users.reviewer, changeId: first.id })).rejects.toThrow(/record changed after/);
    await database().query(`DELETE FROM change_requests WHERE id = $1`, [first.id]);
  });

  it('a correction that would change nothing', async () => {
    const company = await salesforceId();
    const state = await readState(database().client, 'COMPANY', company);
    expect(state).not.toBeNull();
    const before = await count('SELECT count(*) AS n FROM change_requests');
    const error = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'COMPANY',
        recordId: company,
        baseVersion: state!.version,
        payload: state!.fields,
        note: 'Only a note changed.',
      }),
    );
    expect(error.message).toMatch(/^Nothing would change/);
    expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before);
    // One field changed is a change.
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'COMPANY',
      recordId: company,
      baseVersion: state!.version,
      payload: { ...state!.fields, sector: 'Cloud software' },
    });
    await database().query(`DELETE FROM change_requests WHERE id = $1`, [id]);
  });

  it('an amount or a number of participants written another way is no change, and the reviewer reads amounts as money', async () => {
    const { id: proposed } = await submitChange({
      user: users.editor,
      recordType: 'DONATION_RESPONSE',
      payload: await donation({ amount: '250000.5', organization: null }),
    });
    const { recordId: donationId } = await publishChange({ user: users.reviewer, changeId: proposed });
    const donationState = (await readState(database().client, 'DONATION_RESPONSE', donationId))!;
    // Stored as 250000.5; the editor writes it with its cents, or with a leading zero.
    for (const amount of ['250,000.50', '0250000.5']) {
      const error = await rejected(
        submitChange({
          user: users.editor,
          recordType: 'DONATION_RESPONSE',
          recordId: donationId,
          baseVersion: donationState.version,
          payload: { ...donationState.fields, amount },
        }),
      );
      expect(error.message).toMatch(/^Nothing would change/);
    }
    // A source it cites, typed again by its address written another way (http, www), is no change either.
    const [cited] = await database().query<{ url: string }>(
      `SELECT s.url FROM donation_response_sources x JOIN sources s ON s.id = x.source_id
       WHERE x.donation_response_id = $1 AND s.url LIKE 'https://%' ORDER BY s.id LIMIT 1`,
      [donationId],
    );
    const sources = donationState.fields.sources as object[];
    const retyped = cited!.url.replace(/^https:\/\/(www\.)?/, (_, www: string | undefined) =>
      www ? 'http://' : 'http://www.',
    );
    const sameSources = await proposedDiff('DONATION_RESPONSE', donationId, {
      ...donationState.fields,
      sources: [...sources, { url: retyped }],
    });
    expect(sameSources).toEqual([]);
    const raised = await proposedDiff('DONATION_RESPONSE', donationId, { ...donationState.fields, amount: '1000000' });
    expect(raised).toEqual([{ field: 'amount', before: '$250,000.50', after: '$1,000,000' }]);

    // An exact number of participants is kept with both ends equal; the form sends it with the high end empty.
    const [action] = await database().query<{ id: string }>(
      `SELECT a.id FROM employee_actions a WHERE status = 'PUBLISHED' AND participants_min = participants_max
         AND EXISTS (SELECT 1 FROM employee_action_terms t JOIN vocabulary_terms v ON v.id = t.term_id WHERE t.action_id = a.id AND v.kind = 'ACTION_FORM')
         AND EXISTS (SELECT 1 FROM employee_action_companies c WHERE c.action_id = a.id)
       ORDER BY a.id LIMIT 1`,
    );
    const actionState = (await readState(database().client, 'EMPLOYEE_ACTION', action!.id))!;
    const exact = { ...actionState.fields, participantsMax: null };
    const error = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'EMPLOYEE_ACTION',
        recordId: action!.id,
        baseVersion: actionState.version,
        payload: exact,
      }),
    );
    expect(error.message).toMatch(/^Nothing would change/);
    const retitled = await proposedDiff('EMPLOYEE_ACTION', action!.id, {
      ...employeeActionSchema.parse(exact),
      title: 'A new title',
    });
    expect(retitled.map((line) => line.field)).toEqual(['title']);
    // The correction form opens it so: the low end alone, and a new low end is a new number, not a range refused.
    const opened = await actionEditStart(action!.id);
    expect(opened?.values.participantsMin).toBe(String(actionState.fields.participantsMin));
    expect(opened?.values.participantsMax).toBe('');
    // An empty field is sent as none.
    const corrected = employeeActionSchema.parse({
      ...exact,
      participantsMin: '7',
      participantsMax: opened?.values.participantsMax || null,
    });
    expect([corrected.participantsMin, corrected.participantsMax]).toEqual([7, 7]);
    // The reviewer reads the count as one fact, as the action's page writes it, not two ends of a range.
    const was = actionState.fields.participantsMin as number;
    expect(await proposedDiff('EMPLOYEE_ACTION', action!.id, corrected)).toEqual([
      { field: 'participants', before: was.toLocaleString('en-US'), after: '7' },
    ]);
    const ranged = await proposedDiff('EMPLOYEE_ACTION', action!.id, {
      ...corrected,
      participantsMin: 5,
      participantsMax: 1200,
    });
    expect(ranged).toEqual([{ field: 'participants', before: was.toLocaleString('en-US'), after: '5–1,200' }]);
  });

  it('a near-duplicate company asks "did you mean" before anything is created', async () => {
    const payload = company('Sales Force Inc', 'https://example.org/b');
    const error = await rejected(submitChange({ user: users.editor, recordType: 'COMPANY', payload }));
    expect(error.fields.name?.[0]).toMatch(/Did you mean Salesforce/);
    // The form is given the company it means, to open (a new company's own name is not replaced).
    expect(error.choices.name).toEqual([
      {
        typed: 'Sales Force Inc',
        kind: 'companies',
        names: [expect.objectContaining({ slug: 'salesforce', name: 'Salesforce' })],
        fill: false,
      },
    ]);
    const sent = (typed: Record<string, unknown>) =>
      rejected(submitChange({ user: users.editor, recordType: 'COMPANY', payload: { ...payload, ...typed } }));
    // The company's own form has nothing to choose from: its name is opened, and not confirmed as another's.
    expect((await sent({ name: 'salesforce' })).fields.name).toEqual([
      'Salesforce is already on record (/companies/salesforce): open it rather than adding it again: a name already on record cannot be confirmed as another company.',
    ]);
    expect((await sent({ name: 'SALESFORCE', confirmNew: true })).fields.name?.[0]).toMatch(
      /^Salesforce is already on record/,
    );
    // Another company renamed so: the same company twice is one by a merge, which the message names.
    const palantir = (await database().query<{ id: string }>(`SELECT id FROM companies WHERE slug = 'palantir'`))[0]!
      .id;
    const palantirState = await readState(database().client, 'COMPANY', palantir);
    const renamed = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'COMPANY',
        recordId: palantir,
        baseVersion: palantirState!.version,
        payload: { ...palantirState!.fields, name: 'Salesforce' },
      }),
    );
    expect(renamed.fields.name).toEqual([
      'Salesforce is already on record (/companies/salesforce): if it is this company, an admin merges the two (Administration, Merge duplicates) rather than renaming one.',
    ]);
    // Every message at once: the form's own and the "did you mean" of the name that passed it.
    const all = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'COMPANY',
        payload: { ...payload, name: 'Sales Force Inc', website: 'not a website', sources: [] },
      }),
    );
    expect(Object.keys(all.fields).sort()).toEqual(['name', 'sources', 'website']);
    expect(all.fields.name?.[0]).toMatch(/Did you mean Salesforce/);
    expect(all.choices.name?.[0]?.names.map((known) => known.slug)).toContain('salesforce');
  });

  it('a new company named like one another change waiting for review adds is asked about until confirmed', async () => {
    const first = await submitChange({
      user: users.editor,
      recordType: 'COMPANY',
      payload: company('Quillfeather Gadgets Inc', 'https://example.org/quillfeather-1'),
    });
    // The same form sent again files nothing new, and is not asked about its own first sending.
    expect(
      await submitChange({
        user: users.editor,
        recordType: 'COMPANY',
        payload: company('Quillfeather Gadgets Inc', 'https://example.org/quillfeather-1'),
      }),
    ).toEqual(first);
    const before = await count('SELECT count(*) AS n FROM change_requests');
    const second = company('Quillfeather Gadgets, Inc.', 'https://example.org/quillfeather-2');
    const asked = await rejected(submitChange({ user: users.otherEditor, recordType: 'COMPANY', payload: second }));
    expect(asked.fields.name).toEqual([
      expect.stringMatching(
        /^A change waiting for review also adds a company named like this: “Quillfeather Gadgets Inc” \(sent by editor on \d{1,2} \w+ \d{4}\)\. If it is the same company, leave it to that change rather than adding it again, or confirm that “Quillfeather Gadgets, Inc\.” is a different company\.$/,
      ),
    ]);
    // Its own author is told it is theirs.
    const own = await rejected(submitChange({ user: users.editor, recordType: 'COMPANY', payload: second }));
    expect(own.fields.name?.[0]).toContain('(sent by you on ');
    expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before);
    // Confirmed as another company, it is filed; so is one named unlike it.
    await submitChange({ user: users.otherEditor, recordType: 'COMPANY', payload: { ...second, confirmNew: true } });
    await submitChange({
      user: users.otherEditor,
      recordType: 'COMPANY',
      payload: company('Quillfeather Analytics', 'https://example.org/quillfeather-3'),
    });
    expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before + 2);
    // Once the first is withdrawn, only the one confirmed is still waiting to be asked about.
    await withdrawChange({ user: users.editor, changeId: first.id });
    const third = await rejected(
      submitChange({
        user: users.admin,
        recordType: 'COMPANY',
        payload: company('Quillfeather Gadgets LLC', 'https://example.org/quillfeather-4'),
      }),
    );
    expect(third.fields.name?.[0]).toMatch(
      /^A change waiting for review also adds a company named like this: “Quillfeather Gadgets, Inc\.” \(sent by otherEditor on /,
    );
  });

  it('an employee action names the organisations that took part: on record or added with it, asked about when like one, in its versions and history', async () => {
    const { getOrganizationBySlug } = await import('@/lib/data/organizations');
    const raices = (await database().query<{ id: string }>(`SELECT id FROM organizations WHERE acronym = 'RAICES'`))[0]!
      .id;
    const action = (organizations: Record<string, unknown>[], url: string) => ({
      title: 'Tech workers and a legal aid group rally against detention contracts',
      description: 'Employees and RAICES organisers rallied outside the headquarters.',
      date: '2019-07',
      organizations,
      formSlugs: ['protest'],
      sources: [{ url }],
    });
    const withCompany = async (organizations: Record<string, unknown>[], url: string) => ({
      ...action(organizations, url),
      companies: [{ id: await salesforceId() }],
    });
    const before = await count('SELECT count(*) AS n FROM change_requests');
    // A new name like one on record: "did you mean", with the organisation to use instead.
    const like = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'EMPLOYEE_ACTION',
        payload: await withCompany(
          [{ newName: 'Refugee and Immigrant Center for Education' }],
          'https://example.org/rally-1',
        ),
      }),
    );
    expect(like.fields.organizations?.[0]).toMatch(
      /^Did you mean Refugee and Immigrant Center for Education and Legal Services \(RAICES\)\?/,
    );
    expect(like.choices.organizations).toEqual([
      expect.objectContaining({
        typed: 'Refugee and Immigrant Center for Education',
        kind: 'organizations',
        fill: true,
      }),
    ]);
    // An id on no published organisation (forged, or stale) is refused.
    const forged = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'EMPLOYEE_ACTION',
        payload: await withCompany([{ id: 'cjld2cjxh0000qzrmn831i7rn' }], 'https://example.org/rally-2'),
      }),
    );
    expect(forged.fields.organizations).toEqual(['Choose organizations from the list, or add new ones.']);
    expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before);

    // One on record and one new, confirmed: both linked once published, the new one made with it.
    const { id: changeId } = await submitChange({
      user: users.editor,
      recordType: 'EMPLOYEE_ACTION',
      payload: await withCompany(
        [{ id: raices }, { newName: 'Tech Workers Rally Committee', confirmNew: true }],
        'https://example.org/rally-3',
      ),
    });
    const review = await getChangeForReview(users.reviewer, changeId);
    expect(review?.diff).toContainEqual(
      expect.objectContaining({
        field: 'organizations',
        after: 'Refugee and Immigrant Center for Education and Legal Services\nTech Workers Rally Committee (new)',
      }),
    );
    const { recordId } = await publishChange({ user: users.reviewer, changeId });
    const joined = await database().query<{ name: string; status: string }>(
      `SELECT o.name, o.status FROM employee_action_organizations x JOIN organizations o ON o.id = x.organization_id
        WHERE x.action_id = $1 ORDER BY o.name`,
      [recordId],
    );
    expect(joined).toEqual([
      { name: 'Refugee and Immigrant Center for Education and Legal Services', status: 'PUBLISHED' },
      { name: 'Tech Workers Rally Committee', status: 'PUBLISHED' },
    ]);
    const committee = (
      await database().query<{ slug: string; id: string }>(
        `SELECT slug, id FROM organizations WHERE name = 'Tech Workers Rally Committee'`,
      )
    )[0]!;
    expect((await getOrganizationBySlug(committee.slug))?.actions.map((joinedAction) => joinedAction.id)).toEqual([
      recordId,
    ]);
    // Its version names them, and its correction form lists them by name.
    const state = await readState(database().client, 'EMPLOYEE_ACTION', recordId!);
    expect(state?.fields.organizations).toEqual(
      [{ id: committee.id }, { id: raices }].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect((await actionEditStart(recordId!))?.values.organizations).toBe(
      'Refugee and Immigrant Center for Education and Legal Services\nTech Workers Rally Committee',
    );
    // A correction taking one away: unlinked, and the history says so.
    const { id: correction } = await submitChange({
      user: users.editor,
      recordType: 'EMPLOYEE_ACTION',
      recordId,
      baseVersion: state!.version,
      payload: { ...state!.fields, organizations: [{ id: raices }] },
    } as SubmitOptions);
    await publishChange({ user: users.reviewer, changeId: correction });
    expect(
      await database().query(`SELECT organization_id AS id FROM employee_action_organizations WHERE action_id = $1`, [
        recordId,
      ]),
    ).toEqual([{ id: raices }]);
    const [latest] = await listRevisions('EMPLOYEE_ACTION', recordId!);
    expect(latest?.changes).toEqual([
      expect.objectContaining({
        field: 'organizations',
        before: 'Refugee and Immigrant Center for Education and Legal Services\nTech Workers Rally Committee',
        after: 'Refugee and Immigrant Center for Education and Legal Services',
      }),
    ]);
  });

  it('an action’s organisations follow merges and the names published since it was sent; a correction may leave it none', async () => {
    const { mergeOrganizations } = await import('@/lib/data/admin');
    const send = async (organizations: Record<string, unknown>[], url: string) =>
      submitChange({
        user: users.editor,
        recordType: 'EMPLOYEE_ACTION',
        payload: {
          title: `Organisers rally (${url})`,
          description: 'Organisers rallied outside the offices.',
          date: '2020-02',
          companies: [{ id: await salesforceId() }],
          organizations,
          formSlugs: ['protest'],
          sources: [{ url }],
        },
      });
    const organization = async (name: string, acronym: string, url: string) => {
      const { id } = await submitChange({
        user: users.editor,
        recordType: 'ORGANIZATION',
        payload: {
          name,
          confirmNew: true,
          acronym,
          kind: 'WORKER_GROUP',
          country: '',
          website: '',
          description: '',
          sources: [{ url }],
        },
      });
      return (await publishChange({ user: users.reviewer, changeId: id })).recordId;
    };
    const organizationsOf = async (actionId: string) =>
      (
        await database().query<{ name: string }>(
          `SELECT o.name FROM employee_action_organizations x JOIN organizations o ON o.id = x.organization_id
            WHERE x.action_id = $1 ORDER BY o.name`,
          [actionId],
        )
      ).map((row) => row.name);

    // Sent naming new ones; meanwhile one like the first and one abbreviated as the second is published.
    const pending = await send(
      [
        { newName: 'Quillfeather Organisers', confirmNew: false },
        { newName: 'QWC', confirmNew: false },
      ],
      'https://example.org/organisers-1',
    );
    await organization('Quillfeather Organisers Coalition', 'QOC', 'https://example.org/organisers-2');
    await organization('Quillfeather Workers Committee', 'QWC', 'https://example.org/organisers-3');
    // Publishing is not held up by a "did you mean" the reviewer cannot answer: the first is made,
    // the second is the organisation abbreviated so.
    const { recordId: first } = await publishChange({ user: users.reviewer, changeId: pending.id });
    expect(await organizationsOf(first)).toEqual(['Quillfeather Organisers', 'Quillfeather Workers Committee']);

    // Named by id, then merged into another it also names, before publishing: linked once, to the survivor.
    const [coalition, committee] = (
      await database().query<{ id: string; slug: string }>(
        `SELECT id, slug FROM organizations WHERE name IN ('Quillfeather Organisers Coalition', 'Quillfeather Workers Committee') ORDER BY name`,
      )
    ).map((row) => row);
    const named = await send([{ id: coalition!.id }, { id: committee!.id }], 'https://example.org/organisers-4');
    await mergeOrganizations(users.admin, { fromSlug: coalition!.slug, intoSlug: committee!.slug });
    const { recordId: second } = await publishChange({ user: users.reviewer, changeId: named.id });
    expect(await organizationsOf(second)).toEqual(['Quillfeather Workers Committee']);

    // A published action naming two, one merged into a third: its history's merge step names all it named.
    const organisers = (
      await database().query<{ slug: string }>(`SELECT slug FROM organizations WHERE name = 'Quillfeather Organisers'`)
    )[0]!.slug;
    await mergeOrganizations(users.admin, { fromSlug: organisers, intoSlug: 'raices' });
    const [merged] = await listRevisions('EMPLOYEE_ACTION', first);
    expect(merged?.changes).toEqual([
      expect.objectContaining({
        field: 'organizations',
        before: 'Quillfeather Organisers\nQuillfeather Workers Committee',
        after: 'Quillfeather Workers Committee\nRefugee and Immigrant Center for Education and Legal Services',
      }),
    ]);
    expect(await organizationsOf(first)).toEqual([
      'Quillfeather Workers Committee',
      'Refugee and Immigrant Center for Education and Legal Services',
    ]);

    // A correction leaving none: every link taken away.
    const state = await readState(database().client, 'EMPLOYEE_ACTION', second);
    const { id: correction } = await submitChange({
      user: users.editor,
      recordType: 'EMPLOYEE_ACTION',
      recordId: second,
      baseVersion: state!.version,
      payload: { ...state!.fields, organizations: [] },
    });
    await publishChange({ user: users.reviewer, changeId: correction });
    expect(await organizationsOf(second)).toEqual([]);
  });

  it('a new company or organisation named inside an incident is asked about against those waiting too', async () => {
    const action = (companies: Record<string, unknown>[], url: string) => ({
      title: 'Workers protest the border contract',
      description: 'Employees walked out.',
      date: '2019-07',
      companies,
      formSlugs: ['walkout'],
      sources: [{ url }],
    });
    const waiting = await submitChange({
      user: users.editor,
      recordType: 'COMPANY',
      payload: company('Brightmoss Systems Inc', 'https://example.org/brightmoss-1'),
    });
    const before = await count('SELECT count(*) AS n FROM change_requests');
    // Named like it in an incident's list of companies: asked, by name, on the companies field.
    const asked = await rejected(
      submitChange({
        user: users.otherEditor,
        recordType: 'EMPLOYEE_ACTION',
        payload: action(
          [{ id: await salesforceId() }, { newName: 'Brightmoss Systems Corporation' }],
          'https://example.org/brightmoss-2',
        ),
      }),
    );
    expect(asked.fields).toEqual({
      companies: [
        expect.stringMatching(
          /^A change waiting for review also adds a company named like “Brightmoss Systems Corporation”: “Brightmoss Systems Inc” \(sent by editor on \d{1,2} \w+ \d{4}\)\. If it is the same company, write its name as that change does, so that both are linked to one company once published, or confirm that “Brightmoss Systems Corporation” is a different company\.$/,
        ),
      ],
    });
    expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before);
    // Said with the form's other problems, not on its second sending.
    const withOthers = await rejected(
      submitChange({
        user: users.otherEditor,
        recordType: 'EMPLOYEE_ACTION',
        payload: {
          ...action([{ newName: 'Brightmoss Systems Corporation' }], 'https://example.org/brightmoss-2'),
          description: '',
        },
      }),
    );
    expect(Object.keys(withOthers.fields)).toEqual(['description', 'companies']);
    expect(withOthers.fields.companies).toEqual(asked.fields.companies);
    // Written as that change writes it (publishing links the two), or confirmed as another: filed.
    await submitChange({
      user: users.otherEditor,
      recordType: 'EMPLOYEE_ACTION',
      payload: action([{ newName: 'BRIGHTMOSS SYSTEMS INC' }], 'https://example.org/brightmoss-3'),
    });
    await submitChange({
      user: users.otherEditor,
      recordType: 'EMPLOYEE_ACTION',
      payload: action(
        [{ newName: 'Brightmoss Systems Corporation', confirmNew: true }],
        'https://example.org/brightmoss-4',
      ),
    });
    expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before + 2);
    // A new company's own form is asked about the names incidents waiting for review add.
    await withdrawChange({ user: users.editor, changeId: waiting.id });
    const own = await rejected(
      submitChange({
        user: users.admin,
        recordType: 'COMPANY',
        payload: company('Brightmoss Systems', 'https://example.org/brightmoss-5'),
      }),
    );
    expect(own.fields.name?.[0]).toMatch(
      /^Changes waiting for review also add a company named like this: “BRIGHTMOSS SYSTEMS INC” \(sent by otherEditor on .*\) and “Brightmoss Systems Corporation” \(sent by otherEditor on .*\)\. If it is the same company, leave it to the change that adds it rather/,
    );
    // An organisation named inside a donation response, like one another waiting response names.
    await submitChange({
      user: users.editor,
      recordType: 'DONATION_RESPONSE',
      payload: await donation({
        organization: { newName: 'Brightmoss Workers Legal Fund' },
        sources: [{ url: 'https://example.org/brightmoss-6' }],
      }),
    });
    const organization = await rejected(
      submitChange({
        user: users.otherEditor,
        recordType: 'DONATION_RESPONSE',
        payload: await donation({
          organization: { newName: 'Brightmoss Worker Legal Fund' },
          sources: [{ url: 'https://example.org/brightmoss-7' }],
        }),
      }),
    );
    expect(organization.fields.organization?.[0]).toMatch(
      /^A change waiting for review also adds an organization named like “Brightmoss Worker Legal Fund”: “Brightmoss Workers Legal Fund” \(sent by editor on /,
    );
  });

  it('tells the reviewer of a new company whose name one published since has that it cannot be published', async () => {
    const first = await submitChange({
      user: users.editor,
      recordType: 'COMPANY',
      payload: company('Zentrivo Labs', 'https://example.org/zentrivo-1'),
    });
    const second = await submitChange({
      user: users.otherEditor,
      recordType: 'COMPANY',
      payload: { ...company('ZENTRIVO LABS', 'https://example.org/zentrivo-2'), confirmNew: true },
    });
    // While neither is published, nothing is taken.
    expect((await getChangeForReview(users.reviewer, second.id))?.nameTaken).toBeNull();
    await publishChange({ user: users.reviewer, changeId: first.id });
    const review = await getChangeForReview(users.reviewer, second.id);
    expect(review?.nameTaken).toEqual({ typed: 'ZENTRIVO LABS', name: 'Zentrivo Labs', slug: 'zentrivo-labs' });
    await expect(publishChange({ user: users.reviewer, changeId: second.id })).rejects.toThrow();
  });

  it('a company renamed like another asks "did you mean" too; one keeping its name is not asked', async () => {
    const [row] = await database().query<{ id: string }>(`SELECT id FROM companies WHERE slug = 'palantir'`);
    const palantir = row!.id;
    const { fields, version } = (await readState(database().client, 'COMPANY', palantir))!;
    const propose = (payload: Record<string, unknown>) =>
      submitChange({ user: users.editor, recordType: 'COMPANY', recordId: palantir, baseVersion: version, payload });
    const before = await count('SELECT count(*) AS n FROM change_requests');
    const renamed = await rejected(propose({ ...fields, name: 'Salesforse' }));
    expect(renamed.fields.name?.[0]).toMatch(/^Did you mean Salesforce\?/);
    expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before);
    // Confirmed, it is sent; a change that keeps the name (its case aside) is never asked.
    for (const payload of [
      { ...fields, name: 'Salesforse', confirmNew: true },
      { ...fields, name: String(fields.name).toUpperCase(), sector: 'Software (checked)' },
    ]) {
      const { id } = await propose(payload);
      await database().query('DELETE FROM change_requests WHERE id = $1', [id]);
    }
  });

  it('a company renamed like its parent or a subsidiary is not asked "did you mean" about them; a new one is', async () => {
    const [row] = await database().query<{ id: string; parent: string }>(
      `SELECT c.id, p.name AS parent FROM companies c JOIN companies p ON p.id = c.parent_id WHERE c.slug = 'bosch-io'`,
    );
    expect(row?.parent).toBe('Bosch');
    const { fields, version } = (await readState(database().client, 'COMPANY', row!.id))!;
    // Its legal form added: like Bosch, its parent, which it is part of, not a duplicate of.
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'COMPANY',
      recordId: row!.id,
      baseVersion: version,
      payload: { ...fields, name: 'Bosch.IO GmbH' },
    });
    await database().query('DELETE FROM change_requests WHERE id = $1', [id]);
    // The parent renamed like its subsidiary is not asked either.
    const [bosch] = await database().query<{ id: string }>(`SELECT id FROM companies WHERE slug = 'bosch'`);
    const parent = (await readState(database().client, 'COMPANY', bosch!.id))!;
    const renamed = await submitChange({
      user: users.editor,
      recordType: 'COMPANY',
      recordId: bosch!.id,
      baseVersion: parent.version,
      payload: { ...parent.fields, name: 'Bosch IO Group' },
    });
    await database().query('DELETE FROM change_requests WHERE id = $1', [renamed.id]);
    // A new company of that name, part of nothing, is asked about Bosch.
    const added = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'COMPANY',
        payload: { name: 'Bosch.IO GmbH', sector: 'Software' },
      }),
    );
    expect(added.fields.name?.[0]).toMatch(/^Did you mean .*Bosch/);
  });

  it('a misspelt company name asks "did you mean" whichever side has a legal form, before anything is created', async () => {
    const payload = company('', 'https://example.org/forms');
    const before = await count('SELECT count(*) AS n FROM change_requests');
    for (const [name, slug] of [
      ['Goggle LLC', 'google'],
      ['Micosoft Corporation', 'microsoft'],
      ['Mircosoft, Inc.', 'microsoft'],
    ] as const) {
      const error = await rejected(
        submitChange({ user: users.editor, recordType: 'COMPANY', payload: { ...payload, name } }),
      );
      expect(error.fields.name?.[0], name).toMatch(/^Did you mean /);
      expect(
        error.choices.name?.[0]?.names.map((known) => known.slug),
        name,
      ).toContain(slug);
    }
    // A company on record only with its legal form is offered for the name typed without one.
    const { recordId } = await database().client.$transaction(async (tx) => {
      const { ensureCompanies } = await import('@/lib/records/companies');
      const { idByKey } = await ensureCompanies(tx, [{ name: 'Vexo Corporation' }], {
        actor: 'test',
        sourceIds: [],
        status: 'PUBLISHED',
      });
      return { recordId: [...idByKey.values()][0] };
    });
    expect(recordId).toBeTruthy();
    const bare = await rejected(
      submitChange({ user: users.editor, recordType: 'COMPANY', payload: { ...payload, name: 'Vexa' } }),
    );
    expect(bare.fields.name?.[0]).toMatch(/^Did you mean Vexo Corporation\?/);
    // Still only a suggestion: confirmed, the new name is sent for review.
    expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before);
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'COMPANY',
      payload: { ...payload, name: 'Goggle LLC', confirmNew: true },
    });
    // The reviewer is told what the editor confirmed it is not, to judge it before it splits the record.
    expect((await getChangeForReview(users.reviewer, id))?.likeOthers).toEqual([
      { typed: 'Goggle LLC', kind: 'companies', names: [expect.objectContaining({ slug: 'google' })], fill: false },
    ]);
  });

  it('a company or organisation named with no letter or digit is refused, one named in another script is not', async () => {
    const marks = company('', 'https://example.org/marks', { confirmNew: true });
    const before = await count('SELECT count(*) AS n FROM change_requests');
    for (const name of ['***', '???', ' - . ']) {
      const error = await rejected(
        submitChange({ user: users.editor, recordType: 'COMPANY', payload: { ...marks, name } }),
      );
      expect(error.fields.name, name).toEqual(['The name must contain a letter or a digit.']);
    }
    // No name at all is said to be missing, and only that.
    for (const name of ['', '   ']) {
      const error = await rejected(
        submitChange({ user: users.editor, recordType: 'COMPANY', payload: { ...marks, name } }),
      );
      expect(error.fields.name, JSON.stringify(name)).toEqual(['The name is required.']);
    }
    const organization = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'ORGANIZATION',
        payload: {
          name: '!!!',
          confirmNew: true,
          kind: 'NGO',
          country: '',
          website: '',
          sources: [{ url: 'https://example.org/marks' }],
        },
      }),
    );
    expect(organization.fields.name).toEqual(['The name must contain a letter or a digit.']);
    // A new company named on an incident's form is made with the incident: the same rule.
    const named = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'DONATION_RESPONSE',
        payload: await donation({ company: { newName: '***' } }),
      }),
    );
    expect(named.fields.company).toEqual(['The company’s name must contain a letter or a digit.']);
    expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before);
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'COMPANY',
      payload: { ...marks, name: '日本電気' },
    });
    expect(id).toBeTruthy();
  });

  it('an incident naming a company like one on record is given that company to use instead', async () => {
    const error = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'DONATION_RESPONSE',
        payload: await donation({ company: { newName: 'Salesfroce' } }),
      }),
    );
    expect(error.fields.company?.[0]).toMatch(/Did you mean Salesforce/);
    expect(error.choices.company).toEqual([
      {
        typed: 'Salesfroce',
        kind: 'companies',
        names: [expect.objectContaining({ slug: 'salesforce', name: 'Salesforce' })],
        fill: true,
      },
    ]);
  });

  it('a statement may name a company not on record, added with it as the other incidents add one; a misspelt one is given the company', async () => {
    const statement = (company: { newName: string; confirmNew: boolean }, other: Record<string, unknown> = {}) =>
      submitChange({
        user: users.editor,
        recordType: 'COMPANY_STATEMENT',
        payload: {
          company,
          date: '2019-10-02',
          kind: 'STATEMENT',
          summary: 'A statement of a company not yet on record.',
          sources: [{ url: 'https://example.org/statement-of-nobody' }],
          ...other,
        },
      });
    // A name like one on record: "did you mean", with the company to use, and nothing sent.
    const misspelt = await rejected(statement({ newName: 'Salesfroce', confirmNew: false }));
    expect(misspelt.fields.company?.[0]).toMatch(/Did you mean Salesforce/);
    expect(misspelt.choices.company).toEqual([
      { typed: 'Salesfroce', kind: 'companies', names: [expect.objectContaining({ slug: 'salesforce' })], fill: true },
    ]);
    // Said with the other fields' messages, not after they are put right.
    const both = await rejected(statement({ newName: 'Salesfroce', confirmNew: false }, { date: '2018-13-45' }));
    expect(Object.keys(both.fields).sort()).toEqual(['company', 'date']);
    // A new company has no contract: one of Salesforce's is another company's.
    const { id: contractId } = (
      await database().query<{ id: string }>(
        `SELECT k.id FROM government_contracts k JOIN companies c ON c.id = k.company_id WHERE c.slug = 'salesforce' LIMIT 1`,
      )
    )[0]!;
    const withContract = await rejected(
      statement({ newName: 'Quux Unheard-of Holdings', confirmNew: true }, { contractId }),
    );
    expect(withContract.fields.contractId?.[0]).toMatch(
      /is Salesforce’s contract: choose a contract of the company named here/,
    );
    expect(
      await database().query(
        `SELECT count(*)::int AS n FROM change_requests WHERE payload->>'summary' = 'A statement of a company not yet on record.'`,
      ),
    ).toEqual([{ n: 0 }]);
    // A name on no record: the statement goes for review, and publishing it adds the company.
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'COMPANY_STATEMENT',
      payload: {
        company: { newName: 'Quux Unheard-of Holdings', confirmNew: false },
        date: '2019-10-02',
        kind: 'STATEMENT',
        summary: 'A statement of a company not yet on record.',
        sources: [{ url: 'https://example.org/statement-of-nobody' }],
      },
    });
    await publishChange({ user: users.reviewer, changeId: id });
    const [made] = await database().query<{ company: string; status: string; statement: string }>(
      `SELECT c.name AS company, c.status, s.status AS statement FROM company_statements s JOIN companies c ON c.id = s.company_id
        WHERE s.summary = 'A statement of a company not yet on record.'`,
    );
    expect(made).toEqual({ company: 'Quux Unheard-of Holdings', status: 'PUBLISHED', statement: 'PUBLISHED' });
  });

  it('a company made with an incident names, in its history, the editor who proposed it (not an account id)', async () => {
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'DONATION_RESPONSE',
      payload: await donation({ company: { newName: 'Zyxwv Analytics', confirmNew: true } }),
    });
    await publishChange({ user: users.reviewer, changeId: id });
    const [company] = await database().query<{ id: string }>(`SELECT id FROM companies WHERE name = 'Zyxwv Analytics'`);
    const [made] = await listRevisions('COMPANY', company!.id);
    expect(made?.who).toBe(users.editor!.name);
    // … and that it was added when that change was published, not by the editor alone.
    expect(made?.reason).toBe('Named new in a change by this editor; added when a reviewer published that change.');
  });

  it('a company added through its own form has one first step, its publication, with every field', async () => {
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'COMPANY',
      payload: company('Qwxyz Robotics', 'https://example.org/qwxyz', { hqCountry: 'US' }),
    });
    const { recordId } = await publishChange({ user: users.reviewer, changeId: id });
    const steps = await listRevisions('COMPANY', recordId);
    expect(steps.map((step) => step.kind)).toEqual(['PUBLISH']);
    expect(steps[0]?.changes.map((line) => line.field)).toEqual(
      expect.arrayContaining(['name', 'hqCountry', 'sources']),
    );
  });

  it('adds other names to a company through review, never one that is another company’s', async () => {
    const [row] = await database().query<{ id: string; version: number; name: string }>(
      `SELECT id, version, name FROM companies WHERE slug = 'accenture'`,
    );
    const payload = (aliases: string[]) => company(row!.name, 'https://example.org/accenture-names', { aliases });
    const taken = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'COMPANY',
        recordId: row!.id,
        baseVersion: row!.version,
        payload: payload(['ACCENTURE FEDERAL SERVICES LLC', 'Google']),
      }),
    );
    expect(taken.fields.aliases?.[0]).toMatch(/“Google” is already a name of Google/);
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'COMPANY',
      recordId: row!.id,
      baseVersion: row!.version,
      payload: payload(['ACCENTURE FEDERAL SERVICES LLC']),
    });
    await publishChange({ user: users.reviewer, changeId: id });
    const { findFilterCompany } = await import('@/lib/data/filters');
    expect((await findFilterCompany('Accenture Federal Services, LLC'))?.slug).toBe('accenture');
    // The reviewer's diff says which names are new, against those the company has: one already
    // known (however written) is no change; a source given twice is one.
    const { proposedDiff } = await import('@/lib/data/review');
    const again = {
      ...payload(['Accenture Federal Services, LLC', 'Accenture Government Solutions']),
      sources: [{ url: 'https://example.org/accenture-names' }, { url: 'https://example.org/accenture-names' }],
    };
    const { companySchema } = await import('@/lib/validation/records');
    const parsed = companySchema.parse(again);
    expect(parsed.sources).toHaveLength(1);
    expect(await proposedDiff('COMPANY', row!.id, parsed as unknown as Record<string, unknown>)).toEqual([
      {
        field: 'aliases',
        before: 'ACCENTURE FEDERAL SERVICES LLC',
        after: 'ACCENTURE FEDERAL SERVICES LLC\nAccenture Government Solutions',
      },
    ]);
  });

  it('a near-duplicate organisation asks "did you mean" until the editor confirms it is another', async () => {
    // A new organisation's own form, its acronym mistyped so, under another name.
    const ownForm = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'ORGANIZATION',
        payload: {
          name: 'Quillfeather Legal Defence',
          acronym: 'R.A.I.C.E.Z.',
          kind: 'LEGAL_AID',
          country: '',
          website: '',
          description: '',
          sources: [{ url: 'https://example.org/quillfeather-legal' }],
        },
      }),
    );
    expect(ownForm.fields.name?.[0]).toMatch(/^Did you mean .*\(RAICES\)\?/);
    // Its acronym mistyped by a letter too ("RAICEZ", "RIACES"), which trigrams forgive least.
    for (const newName of ['RAICES Texas', 'Refugee and Immigrant Center', 'RAICEZ', 'RIACES', 'raics']) {
      const before = await count('SELECT count(*) AS n FROM change_requests');
      const error = await rejected(
        submitChange({
          user: users.editor,
          recordType: 'DONATION_RESPONSE',
          payload: await donation({ organization: { newName } }),
        }),
      );
      expect(error.fields.organization?.[0], newName).toMatch(/^Did you mean .*\(RAICES\)\?/);
      expect(error.choices.organization?.[0], newName).toMatchObject({
        typed: newName,
        kind: 'organizations',
        fill: true,
      });
      expect(error.choices.organization?.[0]?.names.map((known) => known.slug)).toContain('raices');
      expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before);
    }
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'DONATION_RESPONSE',
      payload: await donation({ organization: { newName: 'RAICES Texas', confirmNew: true } }),
    });
    const { likeOthers } = (await getChangeForReview(users.reviewer, id))!;
    expect(likeOthers.map(({ typed, kind }) => [typed, kind])).toEqual([['RAICES Texas', 'organizations']]);
    expect(likeOthers[0]?.names.map((known) => known.slug)).toContain('raices');
    await database().query(`DELETE FROM change_requests WHERE id = $1`, [id]);
  });

  it('a new organisation named or abbreviated like one on record asks "did you mean" in its own form too', async () => {
    const payload = {
      name: '',
      acronym: '',
      kind: 'NGO',
      country: '',
      website: '',
      description: '',
      sources: [{ url: 'https://example.org/c' }],
    };
    // Its acronym as the name, with dots or without; its name with "&"; another name with its acronym.
    for (const typed of [
      { name: 'RAICES' },
      { name: 'R.A.I.C.E.S.' },
      { name: 'Refugee & Immigrant Center for Education and Legal Services' },
      { name: 'A Texas legal aid group', acronym: 'raices' },
    ]) {
      const before = await count('SELECT count(*) AS n FROM change_requests');
      const error = await rejected(
        submitChange({ user: users.editor, recordType: 'ORGANIZATION', payload: { ...payload, ...typed } }),
      );
      // One name to open is "it"; two ("Example Legal Aid Fund or … (RAICES)") are "one of them".
      const offered = error.choices.name?.[0]?.names.length ?? 0;
      expect(error.fields.name?.[0], typed.name).toMatch(
        offered > 1
          ? /^Did you mean .* or .*\(RAICES\)\? Open one of them instead of adding it again, or confirm/
          : /^Did you mean [^?]*\(RAICES\)\? Open it instead of adding it again, or confirm/,
      );
      // Offered to open, not put in place of the name typed.
      expect(error.choices.name?.[0], typed.name).toMatchObject({
        typed: typed.name,
        kind: 'organizations',
        fill: false,
      });
      expect(error.choices.name?.[0]?.names.map((known) => known.slug)).toContain('raices');
      expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before);
    }
    // Another organisation altogether is not held up; one like RAICES is sent once confirmed.
    const other = await submitChange({
      user: users.editor,
      recordType: 'ORGANIZATION',
      payload: { ...payload, name: 'Electronic Frontier Foundation Example', acronym: 'EFFX' },
    });
    const confirmed = await submitChange({
      user: users.editor,
      recordType: 'ORGANIZATION',
      payload: { ...payload, name: 'RAICES', confirmNew: true },
    });
    await database().query(`DELETE FROM change_requests WHERE id = ANY($1)`, [[other.id, confirmed.id]]);
  });
});

describe('contracts and statements', () => {
  /** An editor's change to a record as it is now, with `fields` changed: its id. */
  const submitEdit = async (recordType: EditableType, id: string, fields: Record<string, unknown>) => {
    const state = (await readState(database().client, recordType, id))!;
    const { id: change } = await submitChange({
      user: users.editor,
      recordType,
      recordId: id,
      baseVersion: state.version,
      payload: { ...state.fields, ...fields },
    });
    return change;
  };
  const agency = async (slug: string) =>
    (await database().query<{ id: string }>('SELECT id FROM agencies WHERE slug = $1', [slug]))[0]!.id;
  /**
   * A change sent from a form from before it offered some fields (its payload without them), with
   * `fields` changed, published.
   */
  const publishSentBefore = async (
    recordType: EditableType,
    id: string,
    lacking: string[],
    fields: Record<string, unknown>,
  ) => {
    const state = (await readState(database().client, recordType, id))!;
    const older = Object.fromEntries(Object.entries(state.fields).filter(([field]) => !lacking.includes(field)));
    const { id: change } = await submitChange({
      user: users.editor,
      recordType,
      recordId: id,
      baseVersion: state.version,
      payload: { ...older, ...fields },
    });
    await publishChange({ user: users.reviewer, changeId: change });
  };

  it('dates a status an editor changes by when it took effect, or else by the day it is published, never by an older source', async () => {
    const [cbp] = await database().query<{ id: string }>(
      `SELECT k.id FROM government_contracts k JOIN companies c ON c.id = k.company_id
       WHERE c.slug = 'salesforce' AND k.status = 'PUBLISHED' ORDER BY k.created_at LIMIT 1`,
    );
    const id = cbp!.id;
    const { getContract } = await import('@/lib/data/records');
    const original = (await readState(database().client, 'CONTRACT', id))!;
    const submit = (fields: Record<string, unknown>) => submitEdit('CONTRACT', id, fields);
    /** The same, with a source newer than the record's, published: the status as the pages then say it. */
    const propose = async (fields: Record<string, unknown>) => {
      const { sources } = (await readState(database().client, 'CONTRACT', id))!.fields;
      const cited = [...(sources as object[]), { url: 'https://example.org/cbp-contract-ended' }];
      await publishChange({ user: users.reviewer, changeId: await submit({ sources: cited, ...fields }) });
      return (await getContract(id))!.statusText;
    };
    // Its sources are all older than the change: the status is known as of the day it was published.
    const today = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date());
    expect(await propose({ contractStatus: 'COMPLETED', statusSince: null })).toBe(`Completed (as recorded ${today})`);
    // Another field changed later keeps that day; a date given says when.
    expect(await propose({ title: `${original.fields.title as string} (corrected)` })).toBe(
      `Completed (as recorded ${today})`,
    );
    expect(await propose({ contractStatus: 'CANCELLED', statusSince: '2019-03' })).toBe('Cancelled in March 2019');
    expect((await readState(database().client, 'CONTRACT', id))!.fields.statusSince).toBe('2019-03');
    // The reviewer reads the date as the pages write it.
    const change = await submit({ statusSince: '2019-04-02' });
    expect((await getChangeForReview(users.reviewer, change))!.diff).toEqual([
      { field: 'statusSince', before: 'March 2019', after: '2 April 2019' },
    ]);
    await database().query('DELETE FROM change_requests WHERE id = $1', [change]);
    // The status changed, the earlier one's date left as the form gave it: the day the new one took
    // effect is asked for, since the record would give it the earlier one's.
    const carried = await rejected(submit({ contractStatus: 'COMPLETED' }));
    expect(carried.fields).toEqual({
      statusSince: [
        'This is when the earlier status (cancelled) took effect: give the day the contract became completed, or leave the date empty if the sources do not say.',
      ],
    });
    expect(await propose({ contractStatus: 'COMPLETED', statusSince: '2019-06' })).toBe('Completed in June 2019');
    // Put back as it was, for the other tests: the seed's status, dated by its report again.
    await propose({ ...original.fields });
    await database().query('UPDATE government_contracts SET status_recorded_at = NULL WHERE id = $1', [id]);
  });

  it('records a contract’s period of performance to the day, and a change sent before its form offered it leaves it', async () => {
    const [cbp] = await database().query<{ id: string }>(
      `SELECT k.id FROM government_contracts k JOIN companies c ON c.id = k.company_id
       WHERE c.slug = 'salesforce' AND k.status = 'PUBLISHED' ORDER BY k.created_at LIMIT 1`,
    );
    const id = cbp!.id;
    const original = (await readState(database().client, 'CONTRACT', id))!;
    const period = async () =>
      (
        await database().query<{ start: string | null; end: string | null }>(
          `SELECT to_char(period_start, 'YYYY-MM-DD') AS start, to_char(period_end, 'YYYY-MM-DD') AS end
           FROM government_contracts WHERE id = $1`,
          [id],
        )
      )[0];
    const before = await period();
    // A month, an end before the start, a year out of range: each refused beside its field, nothing written.
    expect((await rejected(submitEdit('CONTRACT', id, { periodStart: '2019-03' }))).fields).toEqual({
      periodStart: [
        'The start of the period of performance: give the day, as 2019-03-14 (a period of performance is dated to the day); leave it empty if the sources do not give it.',
      ],
    });
    expect(
      (await rejected(submitEdit('CONTRACT', id, { periodStart: '2019-03-14', periodEnd: '2019-03-13' }))).fields,
    ).toEqual({
      periodEnd: ['The period cannot end before it starts (14 March 2019): check both days.'],
    });
    expect((await rejected(submitEdit('CONTRACT', id, { periodEnd: '2150-01-01' }))).fields).toEqual({
      periodEnd: ['The end of the period of performance: the year must be from 1900 to 2100 (check it).'],
    });
    expect(await period()).toEqual(before);
    // A period running into years to come is taken, and published as given.
    await publishChange({
      user: users.reviewer,
      changeId: await submitEdit('CONTRACT', id, { periodStart: '2019-03-14', periodEnd: '2030-03-13' }),
    });
    expect(await period()).toEqual({ start: '2019-03-14', end: '2030-03-13' });
    const { contractEditStart } = await import('@/lib/data/edit-forms');
    expect((await contractEditStart(id))!.values).toMatchObject({ periodStart: '2019-03-14', periodEnd: '2030-03-13' });
    // The reviewer reads the days as the pages write them.
    const change = await submitEdit('CONTRACT', id, { periodEnd: '2031-03-13' });
    expect((await getChangeForReview(users.reviewer, change))!.diff).toEqual([
      { field: 'periodEnd', before: '13 March 2030', after: '13 March 2031' },
    ]);
    await database().query('DELETE FROM change_requests WHERE id = $1', [change]);
    // A change sent before the form offered the period (its payload without it) leaves it as it is.
    await publishSentBefore('CONTRACT', id, ['periodStart', 'periodEnd'], {
      title: `${original.fields.title as string} (corrected)`,
    });
    expect(await period()).toEqual({ start: '2019-03-14', end: '2030-03-13' });
    // Put back as it was, for the other tests.
    await publishChange({ user: users.reviewer, changeId: await submitEdit('CONTRACT', id, original.fields) });
    expect(await period()).toEqual(before);
  });

  it('links a contract given twice once: the form’s list and a change sent before it collapsed them alike', async () => {
    const [protest] = await database().query<{ id: string }>(
      `SELECT id FROM employee_actions WHERE title LIKE 'Protest outside Salesforce%'`,
    );
    const [cbp] = await database().query<{ id: string }>(
      `SELECT k.id FROM government_contracts k JOIN companies c ON c.id = k.company_id
        WHERE c.slug = 'salesforce' ORDER BY k.created_at LIMIT 1`,
    );
    const id = protest!.id;
    const original = (await readState(database().client, 'EMPLOYEE_ACTION', id))!;
    const linked = () =>
      database().query<{ contract_id: string }>(
        'SELECT contract_id FROM employee_action_contracts WHERE action_id = $1',
        [id],
      );
    // Sent with the contract twice (its address and its id): kept once, as the diff reads it.
    const twice = await submitEdit('EMPLOYEE_ACTION', id, {
      contractIds: [cbp!.id, cbp!.id],
      title: 'Protest outside Salesforce (twice)',
    });
    const [stored] = await database().query<{ payload: { contractIds: string[] } }>(
      'SELECT payload FROM change_requests WHERE id = $1',
      [twice],
    );
    expect(stored!.payload.contractIds).toEqual([cbp!.id]);
    await database().query('DELETE FROM change_requests WHERE id = $1', [twice]);
    // One stored before with both (as the form once let through) publishes, linking it once.
    const before = await submitEdit('EMPLOYEE_ACTION', id, {
      contractIds: [cbp!.id],
      title: 'Protest outside Salesforce (twice)',
    });
    await database().query(
      `UPDATE change_requests SET payload = jsonb_set(payload, '{contractIds}', $2::jsonb) WHERE id = $1`,
      [before, JSON.stringify([cbp!.id, cbp!.id])],
    );
    await publishChange({ user: users.reviewer, changeId: before });
    expect(await linked()).toEqual([{ contract_id: cbp!.id }]);
    // Put back as it was, for the other tests.
    await publishChange({
      user: users.reviewer,
      changeId: await submitEdit('EMPLOYEE_ACTION', id, original.fields),
    });
  });

  it('records where an action took place, a place a line, each read for its country; a change sent before leaves them', async () => {
    const [protest] = await database().query<{ id: string }>(
      `SELECT id FROM employee_actions WHERE title LIKE 'Protest outside Salesforce%'`,
    );
    const id = protest!.id;
    const original = (await readState(database().client, 'EMPLOYEE_ACTION', id))!;
    const places = () =>
      database().query<{ label: string; city: string | null; region: string | null; country: string | null }>(
        'SELECT label, city, region, country FROM action_locations WHERE action_id = $1 ORDER BY position',
        [id],
      );
    const before = await places();
    const publish = async (fields: Record<string, unknown>) =>
      publishChange({ user: users.reviewer, changeId: await submitEdit('EMPLOYEE_ACTION', id, fields) });
    await publish({ places: ['San Francisco, California, USA', 'Nairobi, Kenya', 'nairobi, kenya'] });
    const sanFrancisco = {
      label: 'San Francisco, California, USA',
      city: 'San Francisco',
      region: 'California',
      country: 'US',
    };
    const nairobi = { label: 'Nairobi, Kenya', city: 'Nairobi', region: null, country: 'KE' };
    expect(await places()).toEqual([sanFrancisco, nairobi]);
    expect((await readState(database().client, 'EMPLOYEE_ACTION', id))!.fields.places).toEqual([
      sanFrancisco.label,
      nairobi.label,
    ]);
    expect((await actionEditStart(id))!.values.places).toBe(`${sanFrancisco.label}\n${nairobi.label}`);
    // The reviewer reads the change of places.
    const change = await submitEdit('EMPLOYEE_ACTION', id, { places: [nairobi.label] });
    expect((await getChangeForReview(users.reviewer, change))!.diff.map((row) => row.field)).toEqual(['places']);
    await database().query('DELETE FROM change_requests WHERE id = $1', [change]);
    // The pages list them in order: the same places in another order are a change, read in order.
    const reordered = await submitEdit('EMPLOYEE_ACTION', id, { places: [nairobi.label, sanFrancisco.label] });
    expect((await getChangeForReview(users.reviewer, reordered))!.diff).toEqual([
      {
        field: 'places',
        before: `${sanFrancisco.label}\n${nairobi.label}`,
        after: `${nairobi.label}\n${sanFrancisco.label}`,
      },
    ]);
    await publishChange({ user: users.reviewer, changeId: reordered });
    expect(await places()).toEqual([nairobi, sanFrancisco]);
    // A place whose country cannot be read is said so to the reviewer, and only to them.
    const unread = await submitEdit('EMPLOYEE_ACTION', id, { places: [nairobi.label, 'Springfield, Narnia'] });
    expect((await getChangeForReview(users.reviewer, unread))!.diff).toEqual([
      {
        field: 'places',
        before: `${nairobi.label}\n${sanFrancisco.label}`,
        after: `${nairobi.label}\nSpringfield, Narnia (no country read from it)`,
      },
    ]);
    await database().query('DELETE FROM change_requests WHERE id = $1', [unread]);
    await publish({ places: [sanFrancisco.label, nairobi.label] });
    // A place kept keeps how it was read (as the data set's importer read its own) when another is added.
    await database().query(`UPDATE action_locations SET city = 'SF' WHERE action_id = $1 AND position = 0`, [id]);
    await publish({ places: [sanFrancisco.label, nairobi.label, 'Germany'] });
    expect(await places()).toEqual([
      { ...sanFrancisco, city: 'SF' },
      nairobi,
      { label: 'Germany', city: null, region: null, country: 'DE' },
    ]);
    // A place another action has, by the same words, is read as it was there (the data set's reading).
    const [capital] = await database().query<{
      label: string;
      city: string | null;
      region: string | null;
      country: string | null;
    }>(`SELECT label, city, region, country FROM action_locations WHERE label = 'Washington, D.C., USA' LIMIT 1`);
    expect(capital).toEqual({ label: 'Washington, D.C., USA', city: null, region: 'Washington, D.C.', country: 'US' });
    await publish({ places: [sanFrancisco.label, nairobi.label, 'Germany', 'Washington ,  D.C., USA'] });
    expect((await places()).at(-1)).toEqual(capital);
    // A change sent before the form offered the places (its payload without them) leaves them as they are.
    await publishSentBefore('EMPLOYEE_ACTION', id, ['places'], {
      title: `${original.fields.title as string} (corrected)`,
    });
    expect(await places()).toHaveLength(4);
    // More than twenty places are refused, nothing written.
    expect(
      (
        await rejected(
          submitEdit('EMPLOYEE_ACTION', id, { places: Array.from({ length: 21 }, (_, n) => `Place ${n}`) }),
        )
      ).fields,
    ).toEqual({ places: ['Name at most 20 places.'] });
    // Put back as it was, for the other tests.
    await publish(original.fields);
    await database().query('DELETE FROM action_locations WHERE action_id = $1', [id]);
    for (const [position, place] of before.entries())
      await database().query(
        'INSERT INTO action_locations (id, action_id, position, label, city, region, country) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [`restored-${position}`, id, position, place.label, place.city, place.region, place.country],
      );
  });

  it('keeps the day an outcome was known as of only while the outcome stays', async () => {
    const [protest] = await database().query<{ id: string }>(
      `SELECT id FROM employee_actions WHERE title LIKE 'Protest outside Salesforce%'`,
    );
    const id = protest!.id;
    const outcomeDay = async () =>
      (
        await database().query<{ day: string | null }>(
          `SELECT to_char(outcome_date, 'YYYY-MM-DD') AS day FROM employee_actions WHERE id = $1`,
          [id],
        )
      )[0]!.day;
    expect(await outcomeDay()).toBe('2018-07-19');
    const publish = async (fields: Record<string, unknown>) =>
      publishChange({ user: users.reviewer, changeId: await submitEdit('EMPLOYEE_ACTION', id, fields) });
    const original = (await readState(database().client, 'EMPLOYEE_ACTION', id))!.fields;
    // Another field corrected: the outcome, and the day it was known as of, stay.
    await publish({ demands: `${original.demands as string} (as reported)` });
    expect(await outcomeDay()).toBe('2018-07-19');
    // Demands met now: not as of the day they were known not to be.
    await publish({ outcome: 'MET' });
    expect(await outcomeDay()).toBeNull();
    await publish({ ...original });
    await database().query(`UPDATE employee_actions SET outcome_date = '2018-07-19' WHERE id = $1`, [id]);
  });

  it('shows the reviewer a published contract with the same PIID, company and agency that a new one would repeat', async () => {
    const contract = (piid: string, company: string, title: string) => ({
      company: { id: company },
      agencyId: null as unknown as string,
      title,
      piid,
      obligatedAmount: '',
      potentialAmount: '',
      contractStatus: 'ACTIVE',
      sources: [{ url: `https://example.org/contracts/${title.toLowerCase().replace(/\W+/g, '-')}` }],
    });
    const dhs = await agency('dhs');
    const salesforce = await salesforceId();
    // As imported from USAspending: its key, its PIID as the government writes it.
    const [imported] = await database().query<{ id: string }>(
      `INSERT INTO government_contracts (id, company_id, agency_id, title, piid, award_key, status, updated_at)
       VALUES ('ctestimportedpiid000001', $1, $2, 'Imported award', '70B04C18F00000123', 'CONT_AWD_TEST_PIID', 'PUBLISHED', now())
       RETURNING id`,
      [salesforce, dhs],
    );
    // An editor enters it from a report, the PIID dashed and in lower case.
    const byHand = await submitChange({
      user: users.editor,
      recordType: 'CONTRACT',
      payload: { ...contract('70b04c18-f0000-0123', salesforce, 'Reported CBP contract'), agencyId: dhs },
    });
    expect((await getChangeForReview(users.reviewer, byHand.id))?.sameContract).toEqual([
      { id: imported!.id, title: 'Imported award' },
    ]);
    // Another PIID, another company or another agency: nothing to compare.
    for (const payload of [
      { ...contract('70B04C18F00000124', salesforce, 'Another PIID'), agencyId: dhs },
      { ...contract('70B04C18F00000123', salesforce, 'Another agency'), agencyId: await agency('dod') },
      { ...contract('', salesforce, 'No PIID'), agencyId: dhs },
    ]) {
      const other = await submitChange({ user: users.editor, recordType: 'CONTRACT', payload });
      expect((await getChangeForReview(users.reviewer, other.id))?.sameContract, payload.title).toEqual([]);
      await withdrawChange({ user: users.editor, changeId: other.id });
    }
    await withdrawChange({ user: users.editor, changeId: byHand.id });
    await database().query(`DELETE FROM government_contracts WHERE id = $1`, [imported!.id]);
  });

  it('publishes a contract under an agency and its sub-agency, and a statement answering it', async () => {
    const contract = await submitChange({
      user: users.editor,
      recordType: 'CONTRACT',
      payload: {
        company: { id: await salesforceId() },
        agencyId: await agency('dhs'),
        subAgencyId: await agency('ice'),
        title: 'Example cloud services',
        obligatedAmount: '1,250,000.50',
        potentialAmount: '2000000',
        awardDate: '2019-09',
        contractStatus: 'ACTIVE',
        sources: [{ url: 'https://example.org/contracts/example-cloud' }],
      },
    });
    const { recordId } = await publishChange({ user: users.reviewer, changeId: contract.id });
    expect(
      await database().query(
        `SELECT obligated_amount::text AS o, award_date::text AS d, award_date_precision AS p FROM government_contracts WHERE id = $1`,
        [recordId],
      ),
    ).toEqual([{ o: '1250000.50', d: '2019-09-01', p: 'MONTH' }]);

    const statement = await submitChange({
      user: users.editor,
      recordType: 'COMPANY_STATEMENT',
      payload: {
        company: { id: await salesforceId() },
        date: '2019-10-02',
        kind: 'STATEMENT',
        summary: 'The company defended the contract.',
        contractId: recordId,
        sources: [{ url: 'https://example.org/statement' }],
      },
    });
    await publishChange({ user: users.admin, changeId: statement.id });
    expect(
      await database().query(`SELECT count(*)::int AS n FROM company_statements WHERE contract_id = $1`, [recordId]),
    ).toEqual([{ n: 1 }]);
  });

  it('refuses a sub-agency of another agency and an obligated amount above the potential value', async () => {
    const error = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'CONTRACT',
        payload: {
          company: { id: await salesforceId() },
          agencyId: await agency('dod'),
          subAgencyId: await agency('ice'),
          title: 'Mismatched',
          obligatedAmount: '5',
          potentialAmount: '4',
          sources: [{ url: 'https://example.org/x' }],
        },
      }),
    );
    // Both at once: the schema's refusal of the amounts and the reference check of the agencies.
    expect(Object.keys(error.fields).sort()).toEqual(['potentialAmount', 'subAgencyId']);
    const agencyError = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'CONTRACT',
        payload: {
          company: { id: await salesforceId() },
          agencyId: await agency('dod'),
          subAgencyId: await agency('ice'),
          title: 'Mismatched',
          obligatedAmount: '',
          potentialAmount: '',
          sources: [{ url: 'https://example.org/x' }],
        },
      }),
    );
    expect(agencyError.fields.subAgencyId?.[0]).toMatch(/sub-agency of the awarding agency/);
  });

  it('refuses an agency under another as the awarding agency (a forged form): it awards as the sub-agency, where every list finds it', async () => {
    const before = await count('SELECT count(*) AS n FROM change_requests');
    const payload = {
      company: { id: await salesforceId() },
      agencyId: await agency('ice'),
      subAgencyId: null,
      title: 'Awarded by a sub-agency',
      obligatedAmount: '',
      potentialAmount: '',
      sources: [{ url: 'https://example.org/sub-agency-award' }],
    };
    const error = await rejected(submitChange({ user: users.editor, recordType: 'CONTRACT', payload }));
    expect(error.fields).toEqual({
      agencyId: ['Choose the department as the awarding agency, and the agency under it as the sub-agency.'],
    });
    expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before);
    // As the department's sub-agency, it is taken.
    const taken = await submitChange({
      user: users.editor,
      recordType: 'CONTRACT',
      payload: { ...payload, agencyId: await agency('dhs'), subAgencyId: await agency('ice') },
    });
    await database().query(`DELETE FROM change_requests WHERE id = $1`, [taken.id]);
    // A contract recorded before its awarding agency was put under a department keeps it when corrected.
    const client = database().client;
    const office = await client.agency.create({
      data: { slug: 'example-former-department', name: 'Example Former Department', status: 'PUBLISHED' },
    });
    const contract = await client.governmentContract.create({
      data: {
        companyId: await salesforceId(),
        agencyId: office.id,
        title: 'Awarded before the move',
        status: 'PUBLISHED',
      },
    });
    await client.agency.update({ where: { id: office.id }, data: { parentId: await agency('dhs') } });
    const kept = await submitChange({
      user: users.editor,
      recordType: 'CONTRACT',
      recordId: contract.id,
      baseVersion: contract.version,
      payload: { ...payload, agencyId: office.id, title: 'Awarded before the move, corrected' },
    });
    await database().query(`DELETE FROM change_requests WHERE id = $1`, [kept.id]);
  });

  it('keeps the sub-agency an import recorded though it is not under the awarding agency on record; another such is refused', async () => {
    const client = database().client;
    // As an import records a row naming CBP, left without a parent, under the Department of Justice.
    const justice = await client.agency.create({
      data: { slug: 'example-justice', name: 'Example Department of Justice', status: 'PUBLISHED' },
    });
    const stray = await client.agency.create({
      data: { slug: 'example-stray-office', name: 'Example Stray Office', status: 'PUBLISHED' },
    });
    const contract = await client.governmentContract.create({
      data: {
        companyId: await salesforceId(),
        agencyId: justice.id,
        subAgencyId: stray.id,
        title: 'Imported as the file names it',
        status: 'PUBLISHED',
      },
    });
    const { agencyOptions } = await import('@/lib/data/form-lookups');
    const options = await agencyOptions({ awarding: justice.id, sub: stray.id });
    // The form offers it under the awarding agency, saying so, so that it opens with it chosen.
    expect(options.parentOf[stray.id]).toBe(justice.id);
    expect(options.subAgencies.find(([id]) => id === stray.id)?.[1]).toBe(
      'Example Stray Office, as recorded (not under Example Department of Justice on record)',
    );
    const payload = {
      company: { id: await salesforceId() },
      agencyId: justice.id,
      subAgencyId: stray.id,
      title: 'Imported as the file names it, corrected',
      obligatedAmount: '',
      potentialAmount: '',
      sources: [{ url: 'https://example.org/imported-contract' }],
    };
    const kept = await submitChange({
      user: users.editor,
      recordType: 'CONTRACT',
      recordId: contract.id,
      baseVersion: contract.version,
      payload,
    });
    await database().query(`DELETE FROM change_requests WHERE id = $1`, [kept.id]);
    // Another agency not under it is refused, as on a new contract.
    const refused = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'CONTRACT',
        recordId: contract.id,
        baseVersion: contract.version,
        payload: { ...payload, subAgencyId: await agency('ice') },
      }),
    );
    expect(refused.fields.subAgencyId).toEqual(['Choose a sub-agency of the awarding agency.']);
  });

  it('lets an imported contract whose potential value is below its obligated amount be corrected, without new amounts in that order', async () => {
    const client = database().client;
    // As USAspending's files hold some awards (obligations grown past the potential value recorded).
    const contract = await client.governmentContract.create({
      data: {
        companyId: await salesforceId(),
        agencyId: await agency('dhs'),
        title: 'Obligated past its potential value',
        obligatedAmount: '500000.00',
        potentialAmount: '100000.00',
        status: 'PUBLISHED',
      },
    });
    const payload = {
      company: { id: await salesforceId() },
      agencyId: await agency('dhs'),
      title: 'Obligated past its potential value',
      obligatedAmount: '500,000',
      potentialAmount: '100000.00',
      contractStatus: 'CANCELLED',
      sources: [{ url: 'https://example.org/obligated-past-potential' }],
    };
    const corrected = await submitChange({
      user: users.editor,
      recordType: 'CONTRACT',
      recordId: contract.id,
      baseVersion: contract.version,
      payload,
    });
    await database().query(`DELETE FROM change_requests WHERE id = $1`, [corrected.id]);
    // An amount changed is checked, as on a new contract.
    const before = await count('SELECT count(*) AS n FROM change_requests');
    const refused = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'CONTRACT',
        recordId: contract.id,
        baseVersion: contract.version,
        payload: { ...payload, potentialAmount: '200000' },
      }),
    );
    expect(refused.fields).toEqual({ potentialAmount: ['The potential value cannot be below the obligated amount.'] });
    // Said with another field's message at once, the amounts read from the form's text as typed.
    const both = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'CONTRACT',
        recordId: contract.id,
        baseVersion: contract.version,
        payload: { ...payload, title: '', potentialAmount: '200,000' },
      }),
    );
    expect(Object.keys(both.fields).sort()).toEqual(['potentialAmount', 'title']);
    const kept = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'CONTRACT',
        recordId: contract.id,
        baseVersion: contract.version,
        payload: { ...payload, title: '' },
      }),
    );
    expect(Object.keys(kept.fields)).toEqual(['title']);
    expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before);
  });

  it('refuses a contract of another company on a statement, a donation response or an action, and accepts one of the group', async () => {
    const companyId = async (slug: string) =>
      (await database().query<{ id: string }>('SELECT id FROM companies WHERE slug = $1', [slug]))[0]!.id;
    const contractId = async (title: string) =>
      (await database().query<{ id: string }>('SELECT id FROM government_contracts WHERE title = $1', [title]))[0]!.id;
    const drone = await contractId('Drone technology contract with the Pentagon');
    const statement = (company: string) => ({
      company: { id: company },
      date: '2018-06-01',
      kind: 'STATEMENT',
      summary: 'The company spoke about a contract.',
      contractId: drone,
      sources: [{ url: 'https://example.org/statement-on-a-contract' }],
    });
    const before = await count('SELECT count(*) AS n FROM change_requests');
    const refused = await rejected(
      submitChange({ user: users.editor, recordType: 'COMPANY_STATEMENT', payload: statement(await salesforceId()) }),
    );
    expect(refused.fields.contractId).toEqual([
      '“Drone technology contract with the Pentagon” is Google’s contract: choose a contract of the company named here, of a parent or of a subsidiary.',
    ]);
    const donationError = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'DONATION_RESPONSE',
        payload: await donation({ contractIds: [drone] }),
      }),
    );
    expect(donationError.fields.contractIds?.[0]).toMatch(
      /^“Drone technology contract with the Pentagon” is Google’s contract/,
    );
    // An action naming Google among its companies may cite Google's contract; one naming only Salesforce may not.
    const action = (companies: { id: string }[]) => ({
      title: 'Workers protest a contract',
      description: 'Workers protested a contract.',
      date: '2018-05',
      companies,
      formSlugs: ['protest'],
      contractIds: [drone],
      sources: [{ url: 'https://example.org/protest-a-contract' }],
    });
    const actionError = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'EMPLOYEE_ACTION',
        payload: action([{ id: await salesforceId() }]),
      }),
    );
    expect(actionError.fields.contractIds?.[0]).toMatch(
      /of the companies named here, of a parent or of a subsidiary\.$/,
    );
    expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before);

    // Google's parent speaking of Google's contract, and an action naming Google: the same group.
    const accepted = [
      await submitChange({
        user: users.editor,
        recordType: 'COMPANY_STATEMENT',
        payload: statement(await companyId('alphabet')),
      }),
      await submitChange({
        user: users.editor,
        recordType: 'EMPLOYEE_ACTION',
        payload: action([{ id: await salesforceId() }, { id: await companyId('google') }]),
      }),
    ];
    await database().query('DELETE FROM change_requests WHERE id = ANY($1)', [accepted.map((change) => change.id)]);
  });

  it('refuses to move a contract to a company outside the group of the records citing it, at proposing and at publishing', async () => {
    const client = database().client;
    const drone = await client.governmentContract.findFirstOrThrow({
      where: { title: 'Drone technology contract with the Pentagon' },
      include: { sources: { select: { sourceId: true } } },
    });
    const companyId = async (slug: string) => (await client.company.findUniqueOrThrow({ where: { slug } })).id;
    const payload = (company: { id: string } | { newName: string; confirmNew: boolean }) => ({
      company,
      agencyId: drone.agencyId,
      ...(drone.subAgencyId ? { subAgencyId: drone.subAgencyId } : {}),
      title: drone.title,
      obligatedAmount: '',
      potentialAmount: '',
      sources: drone.sources.map(({ sourceId }) => ({ sourceId })),
    });
    const move = (company: Parameters<typeof payload>[0]) =>
      submitChange({
        user: users.editor,
        recordType: 'CONTRACT',
        recordId: drone.id,
        baseVersion: drone.version,
        payload: payload(company),
      });
    const before = await count('SELECT count(*) AS n FROM change_requests');
    // Google's employees' action and Google's statement cite it as Google's.
    for (const company of [{ id: await salesforceId() }, { newName: 'Example Drone Maker', confirmNew: true }]) {
      const refused = await rejected(move(company));
      expect(refused.fields.company).toEqual([
        expect.stringMatching(
          /^(An employee action|A statement) on record \(“.+”\) and \d+ other records cite this contract as Google’s: take the contract off them first, or choose a company of Google’s group\.$/,
        ),
      ]);
    }
    expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before);

    // To its parent, Alphabet: the same group.
    const toParent = await move({ id: await companyId('alphabet') });
    await database().query('DELETE FROM change_requests WHERE id = $1', [toParent.id]);

    // A contract nothing cites may move; publishing checks again against the records as they are
    // then: a statement published meanwhile cites it as Salesforce's.
    const lone = await client.governmentContract.create({
      data: {
        companyId: await salesforceId(),
        agencyId: drone.agencyId,
        title: 'A contract nothing cites yet',
        status: 'PUBLISHED',
        sources: { create: drone.sources },
      },
    });
    const proposed = await submitChange({
      user: users.editor,
      recordType: 'CONTRACT',
      recordId: lone.id,
      baseVersion: lone.version,
      payload: { ...payload({ id: await companyId('microsoft') }), title: lone.title },
    });
    await client.companyStatement.create({
      data: {
        companyId: await salesforceId(),
        date: new Date('2018-07-01T00:00:00Z'),
        kind: 'STATEMENT',
        summary: 'Salesforce spoke of a contract nothing cited.',
        contractId: lone.id,
        status: 'PUBLISHED',
      },
    });
    const unpublished = await rejected(publishChange({ user: users.reviewer, changeId: proposed.id }));
    expect(unpublished.fields.company).toEqual([
      'A statement on record (“Salesforce spoke of a contract nothing cited.”) cites this contract as Salesforce’s: take the contract off it first, or choose a company of Salesforce’s group.',
    ]);
    // Archived, it still counts: it may be brought back as it was.
    await database().query(`UPDATE company_statements SET status = 'ARCHIVED' WHERE contract_id = $1`, [lone.id]);
    const archived = await rejected(
      submitChange({
        user: users.otherEditor,
        recordType: 'CONTRACT',
        recordId: lone.id,
        baseVersion: lone.version,
        payload: { ...payload({ id: await companyId('microsoft') }), title: lone.title },
      }),
    );
    expect(archived.fields.company?.[0]).toMatch(/^A statement on record \(“Salesforce spoke/);
    expect((await client.governmentContract.findUniqueOrThrow({ where: { id: lone.id } })).companyId).toBe(
      await salesforceId(),
    );
  });

  it('publishes what was proposed before a like name or a term merge: the reviewer decides, the merged term is followed', async () => {
    const client = database().client;
    // A new company as the form sends it, by this editor, citing this address.
    const propose = (user: SessionUser, name: string, url: string, confirmNew = false) =>
      submitChange({
        user,
        recordType: 'COMPANY',
        payload: { name, confirmNew, hqCountry: '', website: '', sources: [{ url }] },
      });
    // Proposed while nothing like it was on record; a like name is published meanwhile.
    const keeper = await propose(users.editor, 'Northwind Surveillance Systems', 'https://example.org/northwind');
    const like = await propose(
      users.otherEditor,
      'Northwind Surveillance System',
      'https://example.org/northwind-2',
      true,
    );
    await publishChange({ user: users.reviewer, changeId: like.id });
    const published = await publishChange({ user: users.reviewer, changeId: keeper.id });
    expect(
      await client.company.findUnique({ where: { id: published.recordId }, select: { name: true, status: true } }),
    ).toEqual({
      name: 'Northwind Surveillance Systems',
      status: 'PUBLISHED',
    });
    // The same name is still refused, with a message that says so.
    const same = await propose(users.editor, 'Eastwind Analytics', 'https://example.org/eastwind', true);
    const twin = await propose(users.otherEditor, 'Eastwind Analytics', 'https://example.org/eastwind-2', true);
    await publishChange({ user: users.reviewer, changeId: same.id });
    expect((await rejected(publishChange({ user: users.reviewer, changeId: twin.id }))).message).toMatch(
      /cannot be published as it stands: Eastwind Analytics is already on record/,
    );

    // An issue merged into another while the action waited: the action is linked to the survivor.
    const [from, into] = await Promise.all([
      client.vocabularyTerm.create({
        data: { kind: 'ISSUE', slug: 'surveillance-test', label: 'Surveillance (test)' },
      }),
      client.vocabularyTerm.create({ data: { kind: 'ISSUE', slug: 'privacy-test', label: 'Privacy (test)' } }),
    ]);
    const action = await submitChange({
      user: users.editor,
      recordType: 'EMPLOYEE_ACTION',
      payload: {
        title: 'Petition against surveillance',
        description: 'd',
        date: '2019',
        companies: [{ id: await salesforceId() }],
        formSlugs: ['open-letter'],
        issueSlugs: ['surveillance-test'],
        sources: [{ url: 'https://example.org/petition-surveillance' }],
      },
      form: {
        values: { title: 'Petition against surveillance', issueSlugs: 'surveillance-test\nethics\nprivacy-test' },
      },
    });
    await mergeTerms(users.admin, { fromId: from.id, intoId: into.id });
    // Its form reopens with the survivor ticked, once, where the merged issue was.
    expect((await ownChange(users.editor, action.id))?.start?.values.issueSlugs).toBe('privacy-test\nethics');
    // The reviewer reads the issue it named with the one publishing links it to.
    expect((await getChangeForReview(users.reviewer, action.id))?.diff).toContainEqual(
      expect.objectContaining({ field: 'issueSlugs', after: 'Surveillance (test) (merged into Privacy (test))' }),
    );
    const { recordId } = await publishChange({ user: users.reviewer, changeId: action.id });
    const linked = await client.employeeActionTerm.findMany({
      where: { actionId: recordId, term: { kind: 'ISSUE' } },
      select: { termId: true },
    });
    expect(linked).toEqual([{ termId: into.id }]);
    // Read again once published, it changes nothing of the record: the merged issue it named is the
    // record's own now, and its diff says nothing of issues (it read as one issue swapped for another).
    const readAgain = await getChangeForReview(users.reviewer, action.id);
    expect(readAgain?.diff.map((line) => line.field)).not.toContain('issueSlugs');
  });

  it('links an incident to the company of its new name published meanwhile, which its review names as on record', async () => {
    const client = database().client;
    // The company and an action naming it are sent together, neither on record yet.
    const company = await submitChange({
      user: users.editor,
      recordType: 'COMPANY',
      payload: {
        name: 'Southwind Biometrics',
        confirmNew: true,
        hqCountry: '',
        website: '',
        sources: [{ url: 'https://example.org/southwind' }],
      },
    });
    const action = await submitChange({
      user: users.editor,
      recordType: 'EMPLOYEE_ACTION',
      payload: {
        title: 'Southwind engineers write to their board',
        description: 'd',
        date: '2019',
        companies: [{ newName: 'Southwind Biometrics', confirmNew: true }],
        formSlugs: ['open-letter'],
        sources: [{ url: 'https://example.org/southwind-letter' }],
      },
    });
    const named = async () =>
      (await getChangeForReview(users.reviewer, action.id))?.diff.find((line) => line.field === 'companies')?.after;
    expect(await named()).toBe('Southwind Biometrics (new)');
    const { recordId: companyId } = await publishChange({ user: users.reviewer, changeId: company.id });
    expect(await named()).toBe('Southwind Biometrics');
    const { recordId } = await publishChange({ user: users.reviewer, changeId: action.id });
    expect(
      await client.employeeActionCompany.findMany({ where: { actionId: recordId }, select: { companyId: true } }),
    ).toEqual([{ companyId }]);
    expect(await client.company.count({ where: { name: 'Southwind Biometrics' } })).toBe(1);
  });

  it('cites a source stored over http again when it is given over https or with www, storing it once', async () => {
    const client = database().client;
    const company = await salesforceId();
    const action = (title: string, url: string) =>
      submitChange({
        user: users.editor,
        recordType: 'EMPLOYEE_ACTION',
        payload: {
          title,
          description: 'd',
          date: '2019',
          companies: [{ id: company }],
          formSlugs: ['protest'],
          sources: [{ url }],
        },
      }).then(({ id }) => publishChange({ user: users.reviewer, changeId: id }));
    const sourcesBefore = await client.source.count();
    const first = await action('A protest cited over http', 'http://news.example.org/same-article');
    const second = await action(
      'The same protest cited over https',
      'https://www.news.example.org/same-article/?utm_source=newsletter#top',
    );
    const cited = await client.employeeActionSource.findMany({
      where: { actionId: { in: [first.recordId, second.recordId] } },
      select: { source: { select: { url: true } } },
    });
    expect(cited.map((link) => link.source.url)).toEqual([
      'http://news.example.org/same-article',
      'http://news.example.org/same-article',
    ]);
    expect(await client.source.count()).toBe(sourcesBefore + 1);
    // Another path on the same site is another document.
    const third = await action('Another article', 'https://news.example.org/another-article');
    expect(await client.source.count()).toBe(sourcesBefore + 2);
    await client.employeeAction.deleteMany({
      where: { id: { in: [first.recordId, second.recordId, third.recordId] } },
    });
  });

  it('keeps each company of an action once, however often and however spelt it was named', async () => {
    const salesforce = await salesforceId();
    // "Sales Force" and "salesforce.com" both name Salesforce; a new name written twice is one company.
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'EMPLOYEE_ACTION',
      payload: {
        title: 'A walkout named twice',
        description: 'd',
        date: '2019',
        companies: [
          { id: salesforce },
          { newName: 'Example Walkout Co' },
          { id: salesforce },
          { newName: 'example walkout co.' },
        ],
        formSlugs: ['protest'],
        sources: [{ url: 'https://example.org/walkout-named-twice' }],
      },
    });
    const [stored] = await database().query<{ payload: { companies: unknown[] } }>(
      'SELECT payload FROM change_requests WHERE id = $1',
      [id],
    );
    expect(stored!.payload.companies).toEqual([
      { id: salesforce },
      { newName: 'Example Walkout Co', confirmNew: false },
    ]);
    await database().query('DELETE FROM change_requests WHERE id = $1', [id]);
  });

  it('shows a reviewer what a change says in the words of the public pages, not its codes', async () => {
    const diff = await proposedDiff('EMPLOYEE_ACTION', null, {
      title: 'A walkout',
      companies: [{ id: await salesforceId() }],
      formSlugs: ['protest', 'boycott'],
      issueSlugs: ['ethics'],
      outcome: 'UNKNOWN',
    });
    const said = Object.fromEntries(diff.map((line) => [line.field, line.after]));
    expect(said).toMatchObject({
      companies: 'Salesforce',
      formSlugs: 'Boycott\nProtest',
      issueSlugs: 'Ethics',
      outcome: 'Outcome unknown',
    });
    const company = await proposedDiff('COMPANY', null, { name: 'Example Analytics', hqCountry: 'DE' });
    expect(company.find((line) => line.field === 'hqCountry')?.after).toBe('Germany');
  });
});

describe('the review queue', () => {
  it('narrows by kind, new or changed, and author, pages oldest first, and counts what its filters offer', async () => {
    const company = await salesforceId();
    const [{ version }] = (await database().query<{ version: number }>(`SELECT version FROM companies WHERE id = $1`, [
      company,
    ])) as [{ version: number }];
    const [raices] = await database().query<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'raices'`);
    const created = [
      await submitChange({
        user: users.otherEditor,
        recordType: 'COMPANY',
        recordId: company,
        baseVersion: version,
        payload: {
          name: 'Salesforce',
          sector: 'Software',
          hqCountry: 'US',
          website: 'https://www.salesforce.com',
          ticker: 'CRM',
          description: '',
          sources: [{ url: 'https://www.salesforce.com' }],
        },
      }),
    ];
    for (let index = 0; index <= QUEUE_PAGE_SIZE; index++) {
      created.push(
        await submitChange({
          user: users.editor,
          recordType: 'DONATION_RESPONSE',
          payload: await donation({ organization: { id: raices!.id }, amount: String(1000 + index) }),
        }),
      );
    }
    const pending = (where = '', values: unknown[] = []) =>
      count(`SELECT count(*) AS n FROM change_requests WHERE status = 'PENDING' ${where}`, values);

    expect(await countPendingChanges(users.reviewer)).toBe(await pending());
    expect(await countPendingChanges(users.reviewer, { type: 'COMPANY', what: 'change' })).toBe(
      await pending(`AND record_type = 'COMPANY' AND record_id IS NOT NULL`),
    );
    expect(await countPendingChanges(users.reviewer, { what: 'new' })).toBe(await pending(`AND record_id IS NULL`));
    expect(await countPendingChanges(users.reviewer, { by: users.otherEditor.id })).toBe(
      await pending(`AND author_id = $1`, [users.otherEditor.id]),
    );

    const theirs = { by: users.editor.id, type: 'DONATION_RESPONSE', what: 'new' } as const;
    const total = await countPendingChanges(users.reviewer, theirs);
    expect(total).toBe(
      await pending(`AND author_id = $1 AND record_type = 'DONATION_RESPONSE' AND record_id IS NULL`, [
        users.editor.id,
      ]),
    );
    expect(total).toBeGreaterThan(QUEUE_PAGE_SIZE);
    const pages = await Promise.all(
      Array.from({ length: Math.ceil(total / QUEUE_PAGE_SIZE) }, (_, index) =>
        listPendingChanges(users.reviewer, theirs, index + 1),
      ),
    );
    expect(pages[0]).toHaveLength(QUEUE_PAGE_SIZE);
    const listed = pages.flat();
    expect(new Set(listed.map((change) => change.id)).size).toBe(total);
    expect(listed.every((change) => change.author === 'editor' && change.recordId === null)).toBe(true);
    // Named as the public pages will name them: the organisation and the company, the amount as money.
    const ours = new Set(created.slice(1).map((change) => change.id));
    const titles = listed.filter((change) => ours.has(change.id)).map((change) => change.title);
    expect(titles).toHaveLength(QUEUE_PAGE_SIZE + 1);
    expect(titles.every((title) => /^RAICES rejected \$1,0\d\d from Salesforce$/.test(title))).toBe(true);
    const times = listed.map((change) => change.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const facets = await pendingFacets(users.reviewer);
    expect(facets.types.COMPANY).toBe(await pending(`AND record_type = 'COMPANY'`));
    expect(facets.types.DONATION_RESPONSE).toBe(await pending(`AND record_type = 'DONATION_RESPONSE'`));
    expect(facets.authors.find((author) => author.id === users.editor.id)?.count).toBe(
      await pending(`AND author_id = $1`, [users.editor.id]),
    );
    expect(facets.authors.map((author) => author.count)).toEqual(
      facets.authors.map((author) => author.count).sort((a, b) => b - a),
    );
    expect(facets.total).toBe(await pending(''));
    // Each menu counts within the other filters: the kinds of one author's changes, the authors of one kind's.
    const theirFacets = await pendingFacets(users.reviewer, { by: users.editor.id });
    expect(theirFacets.total).toBe(facets.total);
    expect(theirFacets.types.DONATION_RESPONSE).toBe(
      await pending(`AND record_type = 'DONATION_RESPONSE' AND author_id = $1`, [users.editor.id]),
    );
    expect(
      (await pendingFacets(users.reviewer, { type: 'COMPANY', what: 'new' })).authors.find(
        (author) => author.id === users.editor.id,
      )?.count ?? 0,
    ).toBe(await pending(`AND record_type = 'COMPANY' AND record_id IS NULL AND author_id = $1`, [users.editor.id]));
    // An author the address names with nothing waiting is listed by name, with 0.
    expect((await pendingFacets(users.reviewer, { by: users.admin.id })).authors).toContainEqual({
      id: users.admin.id,
      name: users.admin.name,
      count: await pending(`AND author_id = $1`, [users.admin.id]),
    });
    await expect(pendingFacets(users.editor)).rejects.toThrow(/Only reviewers/);

    await database().query(`DELETE FROM change_requests WHERE id = ANY($1)`, [created.map((change) => change.id)]);
  });
});

describe('a name to add, from the list of recipients waiting for a company', () => {
  it('goes into “Other names to add” once, after those there, and not into what the form was opened with', async () => {
    const { withNameToAdd } = await import('@/lib/data/edit-forms');
    const start = {
      recordId: 'c1',
      baseVersion: 3,
      values: { name: 'Salesforce', aliases: 'Salesforce.com' },
      keptSourceIds: [],
    };
    expect(withNameToAdd(start, '  SALESFORCE, INC. ')).toEqual({
      ...start,
      opened: start.values,
      values: { name: 'Salesforce', aliases: 'Salesforce.com\nSALESFORCE, INC.' },
    });
    expect(withNameToAdd(start, 'salesforce.com')).toBe(start);
    expect(withNameToAdd(start, ['a', 'b'])).toBe(start);
    // A reopened change, which carries no opened values, gets none.
    const reopened = { ...start, reopened: 'ch1' };
    expect(withNameToAdd(reopened, 'SALESFORCE, INC.').opened).toBeUndefined();
  });
});

describe('an editor’s own change, while it waits and after', () => {
  /** A correction to Salesforce's sector, as the form sends it. */
  async function correction(sector: string, more: Partial<SubmitOptions> = {}): Promise<SubmitOptions> {
    const company = await salesforceId();
    const state = await readState(database().client, 'COMPANY', company);
    const opened = { name: 'Salesforce', sector: String(state!.fields.sector ?? ''), ticker: 'CRM' };
    return {
      user: users.editor,
      recordType: 'COMPANY',
      recordId: company,
      baseVersion: state!.version,
      payload: { ...state!.fields, sector },
      form: { values: { ...opened, sector, note: 'Per the annual report' }, opened },
      ...more,
    };
  }
  const row = async (id: string) =>
    (
      await database().query<{ status: string; sector: string; revised: boolean; form: unknown }>(
        `SELECT status, payload->>'sector' AS sector, revised_at IS NOT NULL AS revised, form FROM change_requests WHERE id = $1`,
        [id],
      )
    )[0];

  it('is revised in place by its author alone, and one per record at a time', async () => {
    const { id } = await submitChange(await correction('Customer-relations software'));
    expect(await row(id)).toMatchObject({ status: 'PENDING', sector: 'Customer-relations software', revised: false });
    expect(await ownPendingChangeId(users.editor, 'COMPANY', await salesforceId())).toBe(id);
    expect(await ownPendingChangeId(users.otherEditor, 'COMPANY', await salesforceId())).toBeNull();

    // A second change of one's own to the same record is refused: revise the first.
    const second = await rejected(submitChange(await correction('Enterprise CRM')));
    expect(second.message).toMatch(/You already have a change to this record waiting for review/);
    expect(second.next).toEqual({ href: `/editor/changes/${id}`, text: 'Open your change waiting for review' });

    // Its form reopens as it was sent, for its author only.
    const mine = await ownChange(users.editor, id);
    expect(mine?.start).toMatchObject({
      changeId: id,
      values: { sector: 'Customer-relations software', note: 'Per the annual report' },
    });
    expect(mine?.start?.opened?.ticker).toBe('CRM');
    expect(await ownChange(users.otherEditor, id)).toBeNull();
    expect(await ownChange(users.reviewer, id)).toBeNull();
    expect(await ownChange(users.editor, 'not-an-id')).toBeNull();

    // Nobody else revises it, whatever their role; nor can a revision move it to another record.
    for (const user of [users.otherEditor, users.reviewer, users.admin]) {
      const refused = await rejected(submitChange(await correction('Hijacked', { user, changeId: id })));
      expect(refused.message).toMatch(/no such change of yours/);
    }
    const elsewhere = await rejected(
      submitChange({
        ...(await correction('Moved')),
        recordType: 'DONATION_RESPONSE',
        payload: await donation(),
        recordId: undefined,
        baseVersion: undefined,
        changeId: id,
      }),
    );
    expect(elsewhere.message).toMatch(/belongs to another change/);
    expect(await row(id)).toMatchObject({ sector: 'Customer-relations software', revised: false });

    // Its author revises it: the same change, in its place in the queue, marked revised.
    const changeSeen = mine?.start?.changeSeen;
    expect(changeSeen).toBeDefined();
    const revised = await submitChange(await correction('Enterprise CRM', { changeId: id, changeSeen }));
    expect(revised.id).toBe(id);
    expect(await row(id)).toMatchObject({ status: 'PENDING', sector: 'Enterprise CRM', revised: true });
    // The same revision sent again (a double click without scripts) is that one, saved once.
    expect(await submitChange(await correction('Enterprise CRM', { changeId: id, changeSeen }))).toEqual({ id });
    // A second tab opened before that revision saves nothing over it, and says why.
    const otherTab = await rejected(
      submitChange(await correction('Enterprise software', { changeId: id, changeSeen })),
    );
    expect(otherTab.message).toMatch(/^You saved another revision of this change since this form opened/);
    expect(await row(id)).toMatchObject({ sector: 'Enterprise CRM' });
    // Reopened, it opens with that revision, and saves from it.
    const reopened = (await ownChange(users.editor, id))?.start;
    expect(reopened?.values.sector).toBe('Enterprise CRM');
    expect(reopened?.changeSeen).not.toBe(changeSeen);
    expect(
      await count(`SELECT count(*) AS n FROM change_requests WHERE record_id = $1 AND status = 'PENDING'`, [
        await salesforceId(),
      ]),
    ).toBe(1);

    // A reviewer who read it before the revision decides nothing until they read it again.
    const stale = await rejected(publishChange({ user: users.reviewer, changeId: id, seen: '' }));
    expect(stale.message).toMatch(/revised this change while you were reading it/);
    await rejected(rejectChange({ user: users.reviewer, changeId: id, reason: 'No.', seen: '' }));
    const seen = (await getChangeForReview(users.reviewer, id))!.revisedAt!.toISOString();
    await rejectChange({ user: users.reviewer, changeId: id, reason: 'Say where the sector comes from.', seen });

    // Decided, it is not revised any more, nor withdrawn; it reopens to be sent again as a new change.
    // Its revision sent after that is told who rejected it and why, and led to it, what was typed kept.
    const late = await rejected(submitChange(await correction('Software', { changeId: id })));
    expect(late.message).toBe(
      'reviewer rejected this change meanwhile (“Say where the sector comes from.”): nothing was saved, and what you typed is still here. Put it right from its page, making the same changes there, and send it again.',
    );
    expect(late.next).toEqual({ href: `/editor/changes/${id}`, text: 'Open the change as it is now' });
    await expect(withdrawChange({ user: users.editor, changeId: id })).rejects.toThrow(/no longer waiting for review/);
    // A new record published meanwhile: its revision is told so, not that its name is on record now.
    const payload = company('Revised Meanwhile Holdings', 'https://example.org/revised-meanwhile', {
      confirmNew: true,
    });
    const created = await submitChange({ user: users.editor, recordType: 'COMPANY', payload });
    await publishChange({ user: users.reviewer, changeId: created.id });
    const afterPublished = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'COMPANY',
        payload: { ...payload, sector: 'Holdings' },
        changeId: created.id,
      }),
    );
    expect(afterPublished.message).toBe(
      'reviewer published this change meanwhile, as it stood before this revision: nothing was saved, and what you typed is still here. To propose what you changed, make the same changes in a correction of the published record.',
    );
    expect(afterPublished.next).toEqual({
      href: '/editor/companies/revised-meanwhile-holdings',
      text: 'Open the correction form of the published record',
    });
    const again = await ownChange(users.editor, id);
    expect(again?.decisionNote).toBe('Say where the sector comes from.');
    expect(again?.start?.changeId).toBeUndefined();
    expect(again?.start?.values.sector).toBe('Enterprise CRM');
    const sendAgain = async () => {
      const options = await correction('Enterprise CRM');
      return submitChange({ ...options, form: { ...options.form!, from: id } });
    };
    const resent = await sendAgain();
    expect(resent.id).not.toBe(id);
    // Revised while it waits, it still names the change it sends again, whatever its form says.
    const revision = await correction('Enterprise CRM software');
    await submitChange({ ...revision, changeId: resent.id, form: { values: revision.form!.values } });
    expect((await row(resent.id))?.form).toMatchObject({ from: id, values: { sector: 'Enterprise CRM software' } });
    // Once only: the first is marked sent again, reopens nothing, and a second sending is refused.
    expect((await ownChange(users.editor, id))?.sentAgainAs).toBe(resent.id);
    expect((await ownChange(users.editor, id))?.start).toBeNull();
    expect((await listMyChanges(users.editor)).find((change) => change.id === id)?.sentAgain).toBe(true);
    await database().query(`UPDATE change_requests SET status = 'WITHDRAWN' WHERE id = $1`, [resent.id]);
    expect((await rejected(sendAgain())).message).toMatch(/sent this change again already/);
    // Nor is anyone's pending change, or another's, "sent again".
    const fromPending = await correction('Software', { user: users.otherEditor });
    const refused = await rejected(submitChange({ ...fromPending, form: { values: {}, from: resent.id } }));
    expect(refused.message).toMatch(/no such change of yours/);
    await database().query(`DELETE FROM change_requests WHERE id = ANY($1)`, [[id, resent.id]]);
  });

  it('is withdrawn by its author alone, and leaves the queue', async () => {
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'DONATION_RESPONSE',
      payload: await donation(),
    });
    for (const user of [users.otherEditor, users.reviewer, users.admin]) {
      await expect(withdrawChange({ user, changeId: id })).rejects.toThrow(/no such change of yours/);
    }
    await expect(withdrawChange({ user: users.editor, changeId: "x' OR 1=1 --" })).rejects.toThrow(/no such change/);
    expect((await row(id))?.status).toBe('PENDING');

    await withdrawChange({ user: users.editor, changeId: id });
    expect((await row(id))?.status).toBe('WITHDRAWN');
    expect((await listPendingChanges(users.reviewer)).some((change) => change.id === id)).toBe(false);
    await expect(publishChange({ user: users.reviewer, changeId: id })).rejects.toThrow(/no longer waiting/);
    await expect(withdrawChange({ user: users.editor, changeId: id })).rejects.toThrow(/no longer waiting/);
    // A change sent without its form (by a script, or before forms were kept) still shows, but reopens nothing.
    expect((await ownChange(users.editor, id))?.start).toBeNull();
    // Sent again, a new record stays a new record: not a correction of one on record.
    const [published] = await database().query<{ id: string }>(
      `SELECT id FROM donation_responses WHERE status = 'PUBLISHED' ORDER BY id LIMIT 1`,
    );
    const state = (await readState(database().client, 'DONATION_RESPONSE', published!.id))!;
    const elsewhere = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'DONATION_RESPONSE',
        recordId: published!.id,
        baseVersion: state.version,
        payload: { ...state.fields, reason: 'Sent again as something else.' },
        form: { values: { reason: 'Sent again as something else.' }, from: id },
      }),
    );
    expect(elsewhere.message).toMatch(/belongs to another change/);
    await database().query(`DELETE FROM change_requests WHERE id = $1`, [id]);
  });
});

describe('my work', () => {
  it('lists an editor’s changes newest first, in pages, each once', async () => {
    const created: string[] = [];
    for (let index = 0; index <= MY_WORK_PAGE_SIZE; index++) {
      const { id } = await submitChange({
        user: users.otherEditor,
        recordType: 'DONATION_RESPONSE',
        payload: await donation({ amount: String(2000 + index) }),
      });
      created.push(id);
    }
    const total = await countMyChanges(users.otherEditor);
    expect(total).toBe(
      await count(`SELECT count(*) AS n FROM change_requests WHERE author_id = $1`, [users.otherEditor.id]),
    );
    const [first, second] = await Promise.all([
      listMyChanges(users.otherEditor, 1),
      listMyChanges(users.otherEditor, 2),
    ]);
    expect(first).toHaveLength(MY_WORK_PAGE_SIZE);
    expect(first[0]!.id).toBe(created.at(-1));
    const listed = [...first, ...second];
    expect(listed).toHaveLength(total);
    expect(new Set(listed.map((change) => change.id)).size).toBe(total);
    const times = listed.map((change) => change.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await listMyChanges(users.editor)).some((change) => created.includes(change.id))).toBe(false);
    // A rejected change on the second page is counted on every page, which leads to the second.
    const before = await changesToPutRight(users.otherEditor);
    await rejectChange({ user: users.reviewer, changeId: created[0]!, reason: 'Name the source of the amount.' });
    expect(await changesToPutRight(users.otherEditor)).toEqual({ count: before.count + 1, firstPage: 2 });
    expect(first.some((change) => change.id === created[0])).toBe(false);
    await database().query(`DELETE FROM change_requests WHERE id = ANY($1)`, [created]);
  });
});

describe('a name typed in a form', () => {
  it('is compared as written, whatever its case: % and _ are letters, not wildcards', async () => {
    const { resolveOrganizationName, resolveCompanyName } = await import('@/lib/data/form-lookups');
    const raices = await database().query<{ id: string }>(`SELECT id FROM organizations WHERE acronym = 'RAICES'`);
    expect(await resolveOrganizationName('raices')).toEqual({ id: raices[0]!.id });
    expect(await resolveOrganizationName('RAICE_')).toEqual({ newName: 'RAICE_', confirmNew: false });
    expect(await resolveOrganizationName('R%')).toEqual({ newName: 'R%', confirmNew: false });
    // One whose name has them is found by it, in any case.
    const { id } = await database().client.organization.create({
      data: { name: 'Fund_50% Now', slug: 'fund-50-now', status: 'PUBLISHED' },
    });
    expect(await resolveOrganizationName('FUND_50% NOW')).toEqual({ id });
    expect(await resolveOrganizationName('Fund\\')).toEqual({ newName: 'Fund\\', confirmNew: false });
    await database().client.organization.delete({ where: { id } });
    expect(await resolveCompanyName('Salesforc_', false)).toMatchObject({ newName: 'Salesforc_' });
  });
});

describe('the sources without an address a form offers', () => {
  it('dates each no more precisely than it is known', async () => {
    const { sourcesWithoutAddress } = await import('@/lib/data/form-lookups');
    const { client } = database();
    const monthly = await client.source.create({
      data: {
        publisher: 'Daily Bugle',
        title: 'Workers walk out',
        publishedAt: new Date('2019-03-01T00:00:00Z'),
        publishedPrecision: 'MONTH',
      },
    });
    const seed = await client.source.findFirstOrThrow({ where: { url: null, publisher: 'BuzzFeed News' } });
    const labels = new Map(await sourcesWithoutAddress());
    expect(labels.get(monthly.id)).toBe('Workers walk out · Daily Bugle · March 2019');
    expect(labels.get(seed.id)).toMatch(/ · BuzzFeed News · 19 July 2018$/);
  });
});

describe('a new citation without an address', () => {
  const action = async (title: string, citation: Record<string, unknown>) => ({
    title,
    description: 'A walkout reported in print only.',
    date: '2019-03',
    companies: [{ id: await salesforceId() }],
    formSlugs: ['walkout'],
    sources: [{ citation }],
  });

  it('is refused unless whole, each part missing or wrong named in its own field, and nothing is written', async () => {
    const before = await count('SELECT count(*) AS n FROM change_requests');
    const sourcesBefore = await count('SELECT count(*) AS n FROM sources');
    const error = await rejected(
      submitChange({
        user: users.editor,
        recordType: 'EMPLOYEE_ACTION',
        payload: await action('A walkout in print', { publisher: ' ', title: 'Workers walk out', date: '2999' }),
      }),
    );
    expect(error.fields).toEqual({
      citationPublisher: ['The citation’s publisher is required.'],
      citationDate: ['The citation’s publication date cannot be in the future.'],
    });
    expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before);
    expect(await count('SELECT count(*) AS n FROM sources')).toBe(sourcesBefore);
    // A part's problem at its own field when it is the only one (Zod then names the part itself).
    for (const [citation, fields] of [
      [{ publisher: 'P', title: '   ', date: '2018' }, { citationTitle: ['The citation’s heading is required.'] }],
      [
        { publisher: 'P', title: 'x'.repeat(600), date: '2018' },
        { citationTitle: ['The citation’s heading must be at most 500 characters.'] },
      ],
      [
        // Invisible spaces are taken out (lib/text.ts): the publisher is then empty; a joiner stays.
        { publisher: '\u200b', title: '\u2060\u200d', date: '2018' },
        {
          citationPublisher: ['The citation’s publisher is required.'],
          citationTitle: ['The citation’s heading must have a letter or a digit in it.'],
        },
      ],
    ] as const) {
      const refused = await rejected(
        submitChange({
          user: users.editor,
          recordType: 'EMPLOYEE_ACTION',
          payload: await action('A walkout', citation),
        }),
      );
      expect([citation, refused.fields]).toEqual([citation, fields]);
    }
    expect(await count('SELECT count(*) AS n FROM change_requests')).toBe(before);
  });

  it('is shown to the reviewer as the forms name one, stored when published, and cited again rather than added twice', async () => {
    const { client } = database();
    const sourcesBefore = await client.source.count();
    const first = await submitChange({
      user: users.editor,
      recordType: 'EMPLOYEE_ACTION',
      payload: await action('A walkout reported by the Daily Planet', {
        publisher: 'Daily Planet',
        title: 'Engineers walk out over border contract',
        date: 'March 2019',
      }),
    });
    const review = await getChangeForReview(users.reviewer, first.id);
    expect(review?.diff.find((row) => row.field === 'sources')?.after).toBe(
      'Engineers walk out over border contract · Daily Planet · March 2019',
    );
    const published = await publishChange({ user: users.reviewer, changeId: first.id });
    const cited = await client.employeeActionSource.findMany({
      where: { actionId: published.recordId },
      select: {
        source: {
          select: { id: true, url: true, publisher: true, title: true, publishedAt: true, publishedPrecision: true },
        },
      },
    });
    expect(cited.map((link) => link.source)).toEqual([
      {
        id: expect.any(String),
        url: null,
        publisher: 'Daily Planet',
        title: 'Engineers walk out over border contract',
        publishedAt: new Date('2019-03-01T00:00:00Z'),
        publishedPrecision: 'MONTH',
      },
    ]);
    const sourceId = cited[0]!.source.id;
    expect(
      await count(`SELECT count(*) AS n FROM revisions WHERE record_type = 'SOURCE' AND record_id = $1`, [sourceId]),
    ).toBe(1);

    // The same citation, typed in other case and spacing, is the same source: the review names it as
    // stored, and once when it is also chosen.
    const sentAgain = await submitChange({
      user: users.editor,
      recordType: 'EMPLOYEE_ACTION',
      payload: {
        ...(await action('The same walkout, cited again', {
          publisher: ' daily  planet ',
          title: 'ENGINEERS WALK OUT OVER BORDER CONTRACT',
          date: '2019-03',
        })),
        sources: [
          {
            citation: {
              publisher: ' daily  planet ',
              title: 'ENGINEERS WALK OUT OVER BORDER CONTRACT',
              date: '2019-03',
            },
          },
          { sourceId: cited[0]!.source.id },
        ],
      },
    });
    expect(
      (await getChangeForReview(users.reviewer, sentAgain.id))?.diff.find((row) => row.field === 'sources')?.after,
    ).toBe('Engineers walk out over border contract · Daily Planet · March 2019');
    const again = await publishChange({ user: users.reviewer, changeId: sentAgain.id });
    const againCited = await client.employeeActionSource.findMany({ where: { actionId: again.recordId } });
    expect(againCited.map((link) => link.sourceId)).toEqual([sourceId]);
    expect(await client.source.count()).toBe(sourcesBefore + 1);
    const { sourcesWithoutAddress } = await import('@/lib/data/form-lookups');
    expect(new Map(await sourcesWithoutAddress()).get(sourceId)).toBe(
      'Engineers walk out over border contract · Daily Planet · March 2019',
    );
    // A heading's % and _ are letters, not wildcards: "9%" is not "95%"; a closing \\ is a character.
    const polls: string[] = [];
    for (const title of ['Poll: 95% of workers oppose it', 'Poll: 9% of workers oppose it', 'Poll ends with \\']) {
      const { recordId } = await submitChange({
        user: users.editor,
        recordType: 'EMPLOYEE_ACTION',
        payload: await action(title, { publisher: 'Daily Planet', title, date: '2019-03' }),
      }).then(({ id }) => publishChange({ user: users.reviewer, changeId: id }));
      polls.push(recordId);
    }
    const pollSources = await client.employeeActionSource.findMany({
      where: { actionId: { in: polls } },
      select: { source: { select: { title: true } } },
    });
    expect(pollSources.map((link) => link.source.title).sort()).toEqual(
      ['Poll ends with \\', 'Poll: 9% of workers oppose it', 'Poll: 95% of workers oppose it'].sort(),
    );
    await client.employeeAction.deleteMany({ where: { id: { in: [published.recordId, again.recordId, ...polls] } } });
  });
});

describe('a company’s parent', () => {
  it('is a company on record its form names: set and taken away through review, said in its history, never a loop', async () => {
    const { client } = database();
    const id = async (slug: string) =>
      (await client.company.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
    const [google, alphabet, salesforce] = [await id('google'), await id('alphabet'), await id('salesforce')];
    const propose = async (recordId: string | undefined, payload: Record<string, unknown>) => {
      const state = recordId ? await readState(client, 'COMPANY', recordId) : null;
      return submitChange({
        user: users.editor,
        recordType: 'COMPANY',
        ...(recordId && { recordId, baseVersion: state!.version }),
        payload: {
          ...(state?.fields ?? company('Qwxyz Holdings Subsidiary', 'https://example.org/qwxyz-sub')),
          ...payload,
        },
      });
    };
    // Alphabet is Google's parent: it cannot be part of Google, nor Google of itself.
    expect((await rejected(propose(alphabet, { parent: { id: google } }))).fields.parent).toEqual([
      'Google is part of this company: a company cannot be part of one of its own subsidiaries.',
    ]);
    expect((await rejected(propose(google, { parent: { id: google } }))).fields.parent).toEqual([
      'A company cannot be part of itself.',
    ]);
    // A name not on record is none, with the names it is like to choose from.
    const unknown = await rejected(propose(google, { parent: { newName: 'Alphabett', confirmNew: false } }));
    expect(unknown.fields.parent?.[0]).toMatch(/^No company on record is called “Alphabett”; did you mean Alphabet\b/);
    expect(unknown.choices.parent?.[0]?.names.map((name) => name.name)).toContain('Alphabet');

    // A new company part of Salesforce, published: its history says so by name.
    const added = await propose(undefined, { parent: { id: salesforce } });
    const { recordId } = await publishChange({ user: users.reviewer, changeId: added.id });
    expect((await client.company.findUniqueOrThrow({ where: { id: recordId } })).parentId).toBe(salesforce);
    const [made] = await listRevisions('COMPANY', recordId);
    expect(made?.changes).toContainEqual(expect.objectContaining({ field: 'parent', after: 'Salesforce' }));
    // Its correction's form opens with the parent's name; sent empty, the company is part of none.
    const { companyEditStart } = await import('@/lib/data/edit-forms');
    expect((await companyEditStart({ id: recordId }))?.values.parent).toBe('Salesforce');
    // While one of its records cites a contract of Salesforce's (its group's), it cannot leave the group.
    const cbp = await client.governmentContract.findFirstOrThrow({
      where: { companyId: salesforce },
      select: { id: true },
    });
    const citing = await client.employeeAction.create({
      data: {
        title: 'Subsidiary staff protest the parent’s CBP contract',
        description: 'Cites the parent’s contract.',
        startDate: new Date('2019-02-01T00:00:00Z'),
        datePrecision: 'MONTH',
        status: 'PUBLISHED',
        companies: { create: [{ companyId: recordId }] },
        contracts: { create: [{ contractId: cbp.id }] },
      },
    });
    const parting = await rejected(propose(recordId, { parent: null }));
    expect(parting.fields.parent?.[0]).toMatch(
      /^An employee action on record \(“Subsidiary staff protest the parent’s CBP contract”\) cites Salesforce’s contract “.+”, which taking the parent away would put in another group than its companies/,
    );
    await client.employeeAction.delete({ where: { id: citing.id } });
    const cleared = await propose(recordId, { parent: null });
    await publishChange({ user: users.reviewer, changeId: cleared.id });
    expect((await client.company.findUniqueOrThrow({ where: { id: recordId } })).parentId).toBeNull();
    const [took] = await listRevisions('COMPANY', recordId);
    expect(took?.changes).toContainEqual(expect.objectContaining({ field: 'parent', before: 'Salesforce' }));
    // A proposal from before forms gave the parent (none in it) leaves the parent as it is.
    await client.company.update({ where: { id: recordId }, data: { parentId: salesforce } });
    const { parent: _parent, ...without } = (await readState(client, 'COMPANY', recordId))!.fields;
    const older = await submitChange({
      user: users.editor,
      recordType: 'COMPANY',
      recordId,
      baseVersion: (await readState(client, 'COMPANY', recordId))!.version,
      payload: { ...without, sector: 'Robotics' },
    });
    await publishChange({ user: users.reviewer, changeId: older.id });
    expect(await client.company.findUniqueOrThrow({ where: { id: recordId } })).toMatchObject({
      sector: 'Robotics',
      parentId: salesforce,
    });
  });
});
