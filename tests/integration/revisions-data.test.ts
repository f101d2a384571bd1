import { describe, expect, it, onTestFinished } from 'vitest';
import { NotAllowed, type SessionUser } from '@/lib/auth/roles';
import {
  archivedRecord,
  ChangeRejected,
  mergedSinceMessages,
  publishChange,
  revertRecord,
  setArchived,
  submitChange,
} from '@/lib/data/changes';
import { getContract, getEmployeeAction } from '@/lib/data/records';
import { asRestored, isRestorable, readState, sameFields } from '@/lib/data/record-state';
import { mergeOrganizations } from '@/lib/data/admin';
import { getChangeForReview, listRevisions } from '@/lib/data/review';
import { formatMoney } from '@/lib/money';
import { nameKey } from '@/lib/text';
import { companyForm, withDemoDatabase, withRoleUsers } from '../helpers/data-layer';

/*
 * Agencies and organisations go through the same review as every record, and a reviewer can
 * restore any version the history keeps: checked against the form's schema, refused when stale,
 * kept as a revision of its own.
 */

const database = withDemoDatabase();
const users = withRoleUsers(database, 'revisions');

const one = async <T extends Record<string, unknown>>(sql: string, values: unknown[] = []) =>
  (await database().query<T>(sql, values))[0] as T;
const idOf = async (table: string, slug: string) =>
  (await one<{ id: string }>(`SELECT id FROM ${table} WHERE slug = $1`, [slug])).id;
const changeCount = async () => Number((await one<{ n: string }>('SELECT count(*) AS n FROM change_requests')).n);

async function refused(promise: Promise<unknown>): Promise<ChangeRejected> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ChangeRejected);
  return error as ChangeRejected;
}

/** Proposes as the editor and publishes as the reviewer. */
async function publish(
  recordType: Parameters<typeof submitChange>[0]['recordType'],
  payload: unknown,
  recordId?: string,
  baseVersion?: number,
) {
  const { id } = await submitChange({ user: users.editor, recordType, payload, recordId, baseVersion });
  return publishChange({ user: users.reviewer, changeId: id });
}

/** A minimal published organisation, cited by one page of its own. */
const publishFund = (name: string, url: string) =>
  publish('ORGANIZATION', { name, confirmNew: true, kind: 'NGO', country: '', website: '', sources: [{ url }] });

describe('agencies', () => {
  const agency = async (overrides: Record<string, unknown> = {}) => ({
    name: 'Office of Biometric Identity Management',
    acronym: 'OBIM',
    parentId: await idOf('agencies', 'dhs'),
    country: 'US',
    level: 'FEDERAL',
    website: 'https://www.dhs.gov/obim',
    sources: [{ url: 'https://www.dhs.gov/obim' }],
    ...overrides,
  });

  it('are added under a department, through review, and refresh the filter menus', async () => {
    const { recordId, tags } = await publish('AGENCY', await agency());
    expect(tags).toEqual(expect.arrayContaining(['record:lists', 'record:vocabulary']));
    const row = await one<{ slug: string; parent: string; status: string; version: number }>(
      `SELECT a.slug, p.slug AS parent, a.status, a.version FROM agencies a JOIN agencies p ON p.id = a.parent_id WHERE a.id = $1`,
      [recordId],
    );
    expect(row).toEqual({
      slug: 'office-of-biometric-identity-management',
      parent: 'dhs',
      status: 'PUBLISHED',
      version: 1,
    });
  });

  it('carry other names, each once, which search finds them by, and which a correction can take out again', async () => {
    const { searchRecord } = await import('@/lib/data/search');
    const { recordId } = await publish(
      'AGENCY',
      await agency({
        name: 'Office of Example Tests',
        acronym: 'OXT',
        aliases: ['Test Directorate', 'test directorate', 'Tower Nine'],
      }),
    );
    const stored = async () =>
      (await one<{ aliases: string[] }>('SELECT aliases FROM agencies WHERE id = $1', [recordId])).aliases;
    expect(await stored()).toEqual(['Test Directorate', 'Tower Nine']);
    // By another name, typed whole, misspelt, or by its first letters.
    for (const text of ['Tower Nine', 'towr nine', 'test direc']) {
      expect(
        (await searchRecord(text)).agencies.map((found) => found.slug),
        text,
      ).toContain('office-of-example-tests');
    }
    await publish(
      'AGENCY',
      await agency({ name: 'Office of Example Tests', acronym: 'OXT', aliases: ['Tower Nine'] }),
      recordId,
      1,
    );
    expect(await stored()).toEqual(['Tower Nine']);
    expect((await searchRecord('Test Directorate')).agencies.map((found) => found.slug)).not.toContain(
      'office-of-example-tests',
    );
  });

  it('drop their own name and acronym from their other names, and rank an agency’s own name above words inside another’s other name', async () => {
    const { searchRecord } = await import('@/lib/data/search');
    const { recordId } = await publish(
      'AGENCY',
      await agency({
        name: 'Office of Ranking Tests',
        acronym: 'ORT',
        aliases: ['O.R.T.', 'office of ranking tests', 'Homeland Security Test Directorate'],
      }),
    );
    const { aliases } = await one<{ aliases: string[] }>('SELECT aliases FROM agencies WHERE id = $1', [recordId]);
    expect(aliases).toEqual(['Homeland Security Test Directorate']);
    expect((await searchRecord('homeland security')).agencies.map((found) => found.slug).slice(0, 2)).toEqual([
      'dhs',
      'office-of-ranking-tests',
    ]);
  });

  it('read a version kept before they had other names as having none', () => {
    // Restoring it over an agency without other names is "already as it was", not a change of nothing.
    expect(sameFields({ name: 'A', sources: ['x'] }, { name: 'A', sources: ['x'], aliases: [] })).toBe(true);
    expect(sameFields({ name: 'A' }, { name: 'A', aliases: ['B'] })).toBe(false);
  });

  it('refuse a name, an acronym or another name that is already another agency’s, however written, changing nothing', async () => {
    const before = await changeCount();
    const refusal = async (payload: Record<string, unknown>) =>
      refused(submitChange({ user: users.editor, recordType: 'AGENCY', payload: await agency(payload) }));
    // The Department of Defense is also the Pentagon (the seed report calls it so).
    expect((await refusal({ name: 'Pentagon.', acronym: null })).fields.name?.[0]).toBe(
      '“Pentagon.” is another name of Department of Defense (/agencies/dod): correct that agency instead.',
    );
    expect((await refusal({ name: 'Office of Acronyms', acronym: 'PENTAGON' })).fields.acronym?.[0]).toMatch(
      /is another name of Department of Defense/,
    );
    expect((await refusal({ name: 'Office of Dashes', aliases: ['—'] })).fields.aliases?.[0]).toBe(
      '“—” has no letters or digits to find the agency by.',
    );
    expect(await changeCount()).toBe(before);
  });

  it('refuse a name that is another agency’s name or acronym, however written, changing nothing; acronyms may repeat', async () => {
    const before = await changeCount();
    const refusal = async (payload: Record<string, unknown>) =>
      refused(submitChange({ user: users.editor, recordType: 'AGENCY', payload: await agency(payload) }));
    const trailingDot = await refusal({ name: 'Department of Defense.', acronym: null, parentId: null });
    expect(trailingDot.fields.name?.[0]).toBe('Department of Defense is already on record (/agencies/dod).');
    expect((await refusal({ name: 'DoD', acronym: null, parentId: null })).fields.name?.[0]).toBe(
      '“DoD” is already the acronym of Department of Defense (/agencies/dod).',
    );
    const spaced = await refusal({ name: 'Department  of Homeland-Security', acronym: 'DHS', parentId: null });
    expect(spaced.fields.name?.[0]).toBe('Department of Homeland Security is already on record (/agencies/dhs).');
    expect(spaced.fields.acronym).toBeUndefined();
    expect(await changeCount()).toBe(before);
    // Another level of government may go by the same letters: a state's Department of Human Services is DHS too.
    const state = await submitChange({
      user: users.editor,
      recordType: 'AGENCY',
      payload: await agency({ name: 'Example State Department of Human Services', acronym: 'DHS', parentId: null }),
    });
    expect(state.id).toBeTruthy();
    await database().query(`DELETE FROM change_requests WHERE id = $1`, [state.id]);
    // The agency's own name and acronym are not another's: a correction keeps them.
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'AGENCY',
      recordId: await idOf('agencies', 'dod'),
      baseVersion: 1,
      payload: await agency({ name: 'Department of Defense', acronym: 'DoD', parentId: null, aliases: ['Pentagon'] }),
    });
    expect(id).toBeTruthy();
  });

  it('ask “did you mean” of a new agency named much like one on record, until the editor confirms it is another', async () => {
    const before = await changeCount();
    const submit = async (payload: Record<string, unknown>) =>
      submitChange({
        user: users.editor,
        recordType: 'AGENCY',
        payload: await agency({ acronym: null, parentId: null, ...payload }),
      });
    const prefixed = await refused(submit({ name: 'U.S. Department of Defense' }));
    expect(prefixed.fields.name).toEqual([
      'Did you mean Department of Defense (DoD)? Open it instead of adding it again, or confirm that “U.S. Department of Defense” is a different agency.',
    ]);
    expect(prefixed.choices?.name).toEqual([
      {
        typed: 'U.S. Department of Defense',
        kind: 'agencies',
        names: [{ slug: 'dod', name: 'Department of Defense' }],
        fill: false,
      },
    ]);
    // Its acronym as a word of the name, another name inside it.
    expect((await refused(submit({ name: 'DHS Harbour Patrol Unit' }))).fields.name?.[0]).toMatch(
      /^Did you mean Department of Homeland Security \(DHS\)\?/,
    );
    expect((await refused(submit({ name: 'The Pentagon Police' }))).fields.name?.[0]).toMatch(
      /^Did you mean Department of Defense/,
    );
    // Placed under the department it is much like, it is still asked about.
    expect(
      (await refused(submit({ name: 'U.S. Department of Homeland Security', parentId: await idOf('agencies', 'dhs') })))
        .fields.name?.[0],
    ).toMatch(/^Did you mean Department of Homeland Security \(DHS\)\?/);
    expect(await changeCount()).toBe(before);
    // Confirmed, it waits for review; a department that shares only “Department of” asks nothing, nor an
    // office named after the department it is placed under.
    for (const payload of [
      { name: 'U.S. Department of Defense', confirmNew: true },
      { name: 'Department of Energy' },
      { name: 'DHS Harbour Patrol Unit', parentId: await idOf('agencies', 'dhs') },
    ]) {
      const { id } = await submit(payload);
      await database().query(`DELETE FROM change_requests WHERE id = $1`, [id]);
    }
  });

  it('refuse another name that names another agency (its name, acronym or other name), changing nothing', async () => {
    const before = await changeCount();
    for (const taken of [
      'ice',
      'Department of Homeland Security',
      'pentagon',
      'U.S. Immigration & Customs Enforcement',
    ]) {
      const error = await refused(
        submitChange({
          user: users.editor,
          recordType: 'AGENCY',
          payload: await agency({ name: 'Office of Overlaps', aliases: [taken] }),
        }),
      );
      expect(error.fields.aliases?.[0], taken).toMatch(
        new RegExp(`“${taken}” names .+ \\(/agencies/(ice|dhs|dod)\\): it cannot name this agency too`, 'i'),
      );
    }
    expect(await changeCount()).toBe(before);
  });

  it('refuse a name already on record, a parent below the agency itself, and a forged parent', async () => {
    const before = await changeCount();
    const duplicate = await refused(
      submitChange({
        user: users.editor,
        recordType: 'AGENCY',
        payload: await agency({ name: 'department of homeland security', parentId: null }),
      }),
    );
    expect(duplicate.fields.name?.[0]).toMatch(/already on record/);
    const dhs = await idOf('agencies', 'dhs');
    /** A change to DHS as it opened, refused: what it says. */
    const dhsChanged = async (overrides: Record<string, unknown>) =>
      refused(
        submitChange({
          user: users.editor,
          recordType: 'AGENCY',
          recordId: dhs,
          baseVersion: 1,
          payload: await agency({ name: 'Department of Homeland Security', acronym: 'DHS', ...overrides }),
        }),
      );
    const cycle = await dhsChanged({ parentId: await idOf('agencies', 'ice') });
    expect(cycle.fields.parentId?.[0]).toMatch(/cannot belong to itself or to one of its own sub-agencies/);
    // Agencies are departments and the agencies under them, as contracts name them.
    const underIce = await refused(
      submitChange({
        user: users.editor,
        recordType: 'AGENCY',
        payload: await agency({ name: 'Office of Deeper Examples', parentId: await idOf('agencies', 'ice') }),
      }),
    );
    expect(underIce.fields.parentId).toEqual([
      'U.S. Immigration and Customs Enforcement is itself part of Department of Homeland Security: choose a department (Department of Homeland Security, say).',
    ]);
    const moved = (slug: string, name: string, acronym: string, parent: string) =>
      Promise.all([idOf('agencies', slug), idOf('agencies', parent)]).then(async ([id, parentId]) =>
        refused(
          submitChange({
            user: users.editor,
            recordType: 'AGENCY',
            recordId: id,
            baseVersion: 1,
            payload: await agency({ name, acronym, parentId, aliases: slug === 'dod' ? ['Pentagon'] : [] }),
          }),
        ),
      );
    expect((await moved('dhs', 'Department of Homeland Security', 'DHS', 'dod')).fields.parentId).toEqual([
      'Department of Homeland Security has agencies under it: a department cannot be put under another.',
    ]);
    expect((await moved('dod', 'Department of Defense', 'DoD', 'dhs')).fields.parentId).toEqual([
      'Department of Defense is the awarding agency of a contract: record it as awarded by Department of Homeland Security, with Department of Defense as the sub-agency, before putting Department of Defense under it.',
    ]);
    // ICE, the sub-agency of DHS's contracts, moved to DoD or made a department: they would count
    // under a department it is no longer part of.
    const [ice, dod] = await Promise.all([idOf('agencies', 'ice'), idOf('agencies', 'dod')]);
    const iceContracts = Number(
      (await one<{ n: string }>(`SELECT count(*) AS n FROM government_contracts WHERE sub_agency_id = $1`, [ice])).n,
    );
    expect(iceContracts).toBeGreaterThan(0);
    const iceName = 'U.S. Immigration and Customs Enforcement';
    for (const parentId of [dod, null]) {
      const iceMoved = await refused(
        submitChange({
          user: users.editor,
          recordType: 'AGENCY',
          recordId: ice,
          baseVersion: 1,
          payload: await agency({ name: iceName, acronym: 'ICE', parentId, website: null }),
        }),
      );
      expect(iceMoved.fields.parentId, String(parentId)).toEqual([
        `${iceName} is the sub-agency of ${iceContracts} contract${iceContracts === 1 ? '' : 's'} awarded by Department of Homeland Security: its department cannot change while ${iceContracts === 1 ? 'it names' : 'they name'} it so (they would count under a department it is no longer part of).`,
      ]);
    }
    // Its form says so, and offers no other department.
    const { agencyParentFixed } = await import('@/lib/data/form-lookups');
    expect(await agencyParentFixed(ice)).toEqual({
      reason: 'Contracts name it as the sub-agency of Department of Homeland Security: its department stays as it is.',
      offered: [],
    });
    expect(await agencyParentFixed(dhs)).toEqual({
      reason: 'It has agencies under it: it is a department, part of none.',
      offered: [],
    });
    // An agency under no department that contracts name as the sub-agency of theirs may be put under
    // that one (as the server accepts), and no other.
    const { client } = database();
    const loose = await client.agency.create({
      data: { slug: 'example-loose-office', name: 'Example Loose Office', status: 'PUBLISHED' },
    });
    const [anyContract] = await client.governmentContract.findMany({ where: { agencyId: dhs }, take: 1 });
    const named = await client.governmentContract.create({
      data: {
        companyId: anyContract!.companyId,
        agencyId: dhs,
        subAgencyId: loose.id,
        title: 'Example contract naming a loose office',
        status: 'PUBLISHED',
      },
    });
    onTestFinished(async () => {
      await client.governmentContract.delete({ where: { id: named.id } });
      await client.agency.delete({ where: { id: loose.id } });
    });
    expect(await agencyParentFixed(loose.id)).toEqual({
      reason:
        'Contracts awarded by Department of Homeland Security name it as their sub-agency: it can be put under Department of Homeland Security, and no other department.',
      offered: [dhs],
    });
    const looseMoved = await refused(
      submitChange({
        user: users.editor,
        recordType: 'AGENCY',
        recordId: loose.id,
        baseVersion: 1,
        payload: await agency({ name: 'Example Loose Office', acronym: null, parentId: dod, website: null }),
      }),
    );
    expect(looseMoved.fields.parentId?.[0]).toMatch(
      /^Example Loose Office is the sub-agency of 1 contract awarded by Department of Homeland Security/,
    );
    // An agency part of a department is of its government and level.
    const foreign = await refused(
      submitChange({
        user: users.editor,
        recordType: 'AGENCY',
        payload: await agency({ country: 'GB', level: 'LOCAL', parentId: dod }),
      }),
    );
    // Nor does a department with agencies part of it change its own, leaving theirs behind.
    const dhsMoved = await dhsChanged({ parentId: null, country: 'GB', level: 'STATE', website: null });
    expect(dhsMoved.fields).toMatchObject({
      country: [
        expect.stringMatching(
          /^Department of Homeland Security has \d+ agencies part of it, of its country \(US\): it keeps it\.$/,
        ),
      ],
      level: [expect.stringMatching(/, of its level \(Federal\): it keeps it\.$/)],
    });
    expect(foreign.fields).toMatchObject({
      country: ['An agency part of Department of Defense has its country: US.'],
      level: ['An agency part of Department of Defense has its level: Federal.'],
    });
    // Its country typed in lower case is its department's all the same, though another field is wrong.
    const lowerCase = await refused(
      submitChange({
        user: users.editor,
        recordType: 'AGENCY',
        payload: await agency({
          name: 'Example Lower Case Office',
          acronym: 'ELCO',
          confirmNew: true,
          country: 'us',
          parentId: dod,
          website: 'javascript:alert(1)',
        }),
      }),
    );
    expect(Object.keys(lowerCase.fields)).toEqual(['website']);
    const forged = await refused(
      submitChange({
        user: users.editor,
        recordType: 'AGENCY',
        payload: await agency({ name: 'Forged', parentId: 'cforgedforgedforgedforged1' }),
      }),
    );
    expect(forged.fields.parentId).toBeDefined();
    expect(await changeCount()).toBe(before);
  });
});

describe('organizations', () => {
  const organization = (overrides: Record<string, unknown> = {}) => ({
    name: 'Example Immigrant Justice Network',
    acronym: 'EIJN',
    kind: 'LEGAL_AID',
    country: 'US',
    website: 'https://example.org/eijn',
    description: 'A network of legal-aid groups.',
    sources: [{ url: 'https://example.org/eijn/about' }],
    ...overrides,
  });

  it('are added and corrected through review; a stale correction is refused', async () => {
    const { recordId } = await publish('ORGANIZATION', organization());
    await publish(
      'ORGANIZATION',
      organization({ description: 'A national network of legal-aid groups.' }),
      recordId,
      1,
    );
    expect(await one(`SELECT version, description FROM organizations WHERE id = $1`, [recordId])).toEqual({
      version: 2,
      description: 'A national network of legal-aid groups.',
    });
    /** The editor's save of the form as it opened at version 1, refused. */
    const staleSave = () =>
      refused(
        submitChange({
          user: users.editor,
          recordType: 'ORGANIZATION',
          recordId,
          baseVersion: 1,
          payload: organization({ acronym: 'X' }),
        }),
      );
    // The change published since was this editor's own: said so.
    expect((await staleSave()).message).toMatch(
      /^A change of yours to this record was published after you opened this form/,
    );
    // With more than that one version since, what the form is merged with may be someone else's: not
    // said to be theirs.
    await publish('ORGANIZATION', organization({ description: 'A network of legal-aid groups.' }), recordId, 2);
    expect((await staleSave()).message).toMatch(/^[^.]+ changed this record after you began this change/);
  });

  it('refuse a name already on record (RAICES is)', async () => {
    const error = await refused(
      submitChange({
        user: users.editor,
        recordType: 'ORGANIZATION',
        payload: organization({ name: 'Refugee and Immigrant Center for Education and Legal Services' }),
      }),
    );
    expect(error.fields.name?.[0]).toMatch(/already on record/);
  });

  it('refuse the name of one merged into another, naming where it went: the merge is not undone by a new one', async () => {
    await publish(
      'ORGANIZATION',
      organization({ name: 'RAICES Texas Example', acronym: null, website: '', confirmNew: true }),
    );
    await mergeOrganizations(users.admin, { fromSlug: 'raices-texas-example', intoSlug: 'raices' });
    const error = await refused(
      submitChange({
        user: users.editor,
        recordType: 'ORGANIZATION',
        payload: organization({ name: 'raices texas example', acronym: null, website: '' }),
      }),
    );
    expect(error.fields.name?.[0]).toMatch(/RAICES Texas Example was merged into .*\(\/organizations\/raices\)/);
  });
});

describe('restoring an earlier version', () => {
  /** The seed's RAICES rejection of Salesforce's $250,000. */
  const raicesDonation = async () =>
    (
      await one<{ id: string }>(
        `SELECT d.id FROM donation_responses d JOIN organizations o ON o.id = d.organization_id WHERE o.slug = 'raices'`,
      )
    ).id;
  const donationRow = (id: string) =>
    one<{ amount: string; reason: string | null; version: number; sources: string }>(
      `SELECT amount::text, reason, version,
              (SELECT string_agg(source_id, ',' ORDER BY source_id) FROM donation_response_sources WHERE donation_response_id = d.id) AS sources
       FROM donation_responses d WHERE id = $1`,
      [id],
    );

  it('a change sent again after a rejection lists what its editor changed since, not what the form took from changes published meanwhile', async () => {
    const id = await raicesDonation();
    const client = database().client;
    const before = (await readState(client, 'DONATION_RESPONSE', id))!;
    const { rejectChange } = await import('@/lib/data/changes');
    const first = await submitChange({
      user: users.editor,
      recordType: 'DONATION_RESPONSE',
      recordId: id,
      baseVersion: before.version,
      payload: { ...before.fields, reason: 'The reason as the editor first put it (a test).' },
    });
    await rejectChange({ user: users.reviewer, changeId: first.id, reason: 'Cite where the reason comes from.' });
    // Meanwhile another correction is published: its quote.
    await publish(
      'DONATION_RESPONSE',
      { ...before.fields, quote: 'A quote published meanwhile (a test).' },
      id,
      before.version,
    );
    const now = (await readState(client, 'DONATION_RESPONSE', id))!;
    // Sent again from the form merged with it: the quote is the record's, the reason the editor's anew.
    const again = await submitChange({
      user: users.editor,
      recordType: 'DONATION_RESPONSE',
      recordId: id,
      baseVersion: now.version,
      payload: { ...now.fields, reason: 'The reason, with where it comes from (a test).' },
      form: { values: { reason: 'The reason, with where it comes from (a test).' }, from: first.id },
    });
    const { earlier } = (await getChangeForReview(users.reviewer, again.id))!;
    expect(earlier?.changedSince).toEqual([
      {
        field: 'reason',
        before: 'The reason as the editor first put it (a test).',
        after: 'The reason, with where it comes from (a test).',
      },
    ]);
    await database().query('DELETE FROM change_requests WHERE id = $1', [again.id]);
  });

  it('a reviewer restores the version before a published change; both steps stay in the history', async () => {
    const id = await raicesDonation();
    const original = await donationRow(id);
    const company = await one<{ company_id: string; organization_id: string }>(
      'SELECT company_id, organization_id FROM donation_responses WHERE id = $1',
      [id],
    );
    const wrong = {
      company: { id: company.company_id },
      organization: { id: company.organization_id },
      date: '2018-07',
      response: 'REJECTED',
      amount: '2500000',
      currency: 'USD',
      amountUndisclosed: false,
      reason: 'A mistyped amount.',
      sources: [{ url: 'https://example.org/a-wrong-report' }],
    };
    const { id: changeId } = await submitChange({
      user: users.editor,
      recordType: 'DONATION_RESPONSE',
      recordId: id,
      baseVersion: original.version,
      payload: wrong,
    });
    // The reviewer sees the change against the published record, in words.
    const review = await getChangeForReview(users.reviewer, changeId);
    expect(review?.diff).toEqual(
      expect.arrayContaining([
        { field: 'amount', before: formatMoney(original.amount, 'USD'), after: '$2,500,000' },
        expect.objectContaining({ field: 'sources', after: 'https://example.org/a-wrong-report' }),
      ]),
    );
    expect(review?.diff.map((line) => line.field)).not.toContain('company');
    await publishChange({ user: users.reviewer, changeId });
    expect((await donationRow(id)).amount).toBe('2500000.00');

    const publishRevision = await one<{ id: string }>(
      `SELECT id FROM revisions WHERE record_id = $1 AND kind = 'PUBLISH' ORDER BY created_at DESC LIMIT 1`,
      [id],
    );
    const restored = await revertRecord({
      user: users.reviewer,
      revisionId: publishRevision.id,
      side: 'before',
      baseVersion: original.version + 1,
      reason: 'The amount was mistyped; the article says $250,000.',
    });
    expect(restored.tags).toContain('company:salesforce');
    const now = await donationRow(id);
    expect(now).toEqual({ ...original, version: original.version + 2 });
    const revert = await one<{ kind: string; reason: string; user_id: string }>(
      `SELECT kind, reason, user_id FROM revisions WHERE record_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [id],
    );
    expect(revert).toEqual({
      kind: 'REVERT',
      reason: `Restored version ${original.version}: The amount was mistyped; the article says $250,000.`,
      user_id: users.reviewer.id,
    });
    // An editor's save begun on the version the restore replaced is told who restored what.
    const begunBefore = await refused(
      submitChange({
        user: users.editor,
        recordType: 'DONATION_RESPONSE',
        recordId: id,
        baseVersion: original.version + 1,
        payload: { ...wrong, reason: 'Begun before the restore.' },
      }),
    );
    expect(begunBefore.message).toMatch(
      new RegExp(`^${users.reviewer.name} restored an earlier version of this record after you began this change\\.`),
    );
    expect(begunBefore.conflict?.earlier).toBeUndefined();
    // One begun two changes back (before the wrong amount was published) is told the restore was the
    // last of two, and to compare with the record as it is now, not with the restore alone.
    const begunEarlier = await refused(
      submitChange({
        user: users.editor,
        recordType: 'DONATION_RESPONSE',
        recordId: id,
        baseVersion: original.version,
        payload: { ...wrong, reason: 'Begun before both.' },
      }),
    );
    expect(begunEarlier.message).toBe(
      `${users.reviewer.name} restored an earlier version of this record after you began this change, the last of 2 changes since then. ` +
        'Your text is kept below: compare it with the record as it is now, then save again to propose yours in its place.',
    );
    expect(begunEarlier.conflict).toMatchObject({ by: users.reviewer.name, earlier: 1 });

    // The public history says what each step changed, in words: names and addresses, not ids.
    const history = await listRevisions('DONATION_RESPONSE', id);
    const [revertStep, publishStep] = history;
    expect(revertStep?.kind).toBe('REVERT');
    expect(revertStep?.changes).toEqual(
      expect.arrayContaining([
        { field: 'amount', before: '$2,500,000', after: formatMoney(original.amount, 'USD') },
        expect.objectContaining({ field: 'sources', before: 'https://example.org/a-wrong-report' }),
      ]),
    );
    expect(publishStep?.changes).toEqual(
      expect.arrayContaining([{ field: 'reason', before: original.reason, after: 'A mistyped amount.' }]),
    );
    const fields = history.flatMap((step) => step.changes.map((line) => line.field));
    expect(fields).not.toContain('version');
    expect(fields).not.toContain('company'); // unchanged
    const shown = JSON.stringify(history.map((step) => step.changes));
    expect(shown).not.toContain(company.company_id);
    // Everything a step kept, in the same words: the fields it left alone too, on both sides.
    const companyName = (await one<{ name: string }>(`SELECT name FROM companies WHERE id = $1`, [company.company_id]))
      .name;
    expect(revertStep?.kept).toEqual(
      expect.arrayContaining([
        { field: 'company', before: companyName, after: companyName },
        { field: 'amount', before: '$2,500,000', after: formatMoney(original.amount, 'USD') },
      ]),
    );
    expect(revertStep?.kept.map((line) => line.field)).not.toContain('version');
    expect(JSON.stringify(history.map((step) => step.kept))).not.toContain(company.company_id);
    // The demo data's first step kept the row whole: its company and organisation by name too.
    const created = history.at(-1);
    expect(created?.kind).toBe('CREATE');
    expect(created?.changes).toEqual(
      expect.arrayContaining([
        { field: 'companyId', before: null, after: companyName },
        { field: 'organizationId', before: null, after: expect.stringContaining('Refugee and Immigrant Center') },
      ]),
    );

    // The wrong version can be restored too (any version the history keeps), by an admin.
    await revertRecord({
      user: users.admin,
      revisionId: publishRevision.id,
      side: 'after',
      baseVersion: now.version,
      reason: 'Checking the round trip.',
    });
    expect((await donationRow(id)).amount).toBe('2500000.00');
  });

  it('names in the public history only what is or was public', async () => {
    const id = await raicesDonation();
    const { company_id: companyId } = await one<{ company_id: string }>(
      'SELECT company_id FROM donation_responses WHERE id = $1',
      [id],
    );
    const firstStep = async () => (await listRevisions('DONATION_RESPONSE', id)).at(-1)?.changes;
    expect(await firstStep()).toContainEqual({ field: 'companyId', before: null, after: 'Salesforce' });
    await database().query(`UPDATE companies SET status = 'REJECTED' WHERE id = $1`, [companyId]);
    try {
      expect(await firstStep()).toContainEqual({ field: 'companyId', before: null, after: companyId });
    } finally {
      await database().query(`UPDATE companies SET status = 'PUBLISHED' WHERE id = $1`, [companyId]);
    }
  });

  it('says no precision of a date a row kept whole does not have, and names a contract with its contractor', async () => {
    const contract = await one<{ id: string; company: string; title: string }>(
      `SELECT k.id, c.name AS company, k.title FROM government_contracts k JOIN companies c ON c.id = k.company_id
       WHERE k.status = 'PUBLISHED' ORDER BY k.id LIMIT 1`,
    );
    await database().client.revision.create({
      data: {
        recordType: 'CONTRACT',
        recordId: contract.id,
        kind: 'IMPORT',
        actor: 'import:usaspending',
        before: { awardDate: '2019-04-01T00:00:00.000Z', awardDatePrecision: 'MONTH' },
        after: { awardDate: null, awardDatePrecision: 'DAY', title: contract.title },
      },
    });
    const [step] = await listRevisions('CONTRACT', contract.id);
    // The date taken away, written as precisely as it was known: nothing says "to the day" of no
    // date, nor lists the precision its date already says.
    expect(step?.changes).toHaveLength(2);
    expect(step?.changes).toEqual(
      expect.arrayContaining([
        { field: 'awardDate', before: 'April 2019', after: null },
        { field: 'title', before: null, after: contract.title },
      ]),
    );
    await database().query(`DELETE FROM revisions WHERE record_id = $1 AND actor = 'import:usaspending'`, [
      contract.id,
    ]);
    // A record linked to a contract names it with its contractor (two companies' contracts with one agency share titles).
    const linked = await one<{ id: string }>(
      `SELECT x.action_id AS id FROM employee_action_contracts x WHERE x.contract_id = $1 LIMIT 1`,
      [contract.id],
    ).catch(() => undefined);
    if (linked?.id) {
      const review = (await listRevisions('EMPLOYEE_ACTION', linked.id)).flatMap((revision) => revision.kept);
      const named = review.find((line) => line.field === 'contractIds' || line.field === 'contractId');
      if (named?.after) expect(named.after).toContain(`(${contract.company})`);
    }
  });

  it('writes the dates of a row kept whole as the record does, as precise as its sources, and names its fields as its form does', async () => {
    const { id } = await one<{ id: string }>(
      `SELECT id FROM employee_actions WHERE title = 'Google employees resign in protest of the Pentagon drone contract'`,
    );
    const first = (await listRevisions('EMPLOYEE_ACTION', id)).at(-1)?.changes ?? [];
    expect(first).toContainEqual({ field: 'startDate', before: null, after: '2018' });
    // Twelve who resigned, as the action's page says it: one number, not a range from 12 to 12.
    expect(first).toContainEqual({ field: 'participants', before: null, after: '12' });
    // Neither the date's precision (the date says it) nor the row's own times (the step has its time).
    expect(first.map((line) => line.field)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^(participantsMin|datePrecision|createdAt|updatedAt)$/)]),
    );
    // A later step names the date as the first does, as the action's form asks for it ("Start date"),
    // and a date made more precise reads so, without a line for its precision.
    const state = (await readState(database().client, 'EMPLOYEE_ACTION', id))!;
    await publish('EMPLOYEE_ACTION', { ...state.fields, date: '2018-06' }, id, state.version);
    const [latest] = await listRevisions('EMPLOYEE_ACTION', id);
    expect(latest?.changes).toEqual([{ field: 'startDate', before: '2018', after: 'June 2018' }]);
    await publish('EMPLOYEE_ACTION', state.fields, id, state.version + 1);
  });

  it('is refused to editors, without a reason, when stale, and when nothing would change', async () => {
    const id = await raicesDonation();
    const { version } = await donationRow(id);
    const revision = await one<{ id: string }>(
      `SELECT id FROM revisions WHERE record_id = $1 AND kind = 'PUBLISH' ORDER BY created_at DESC LIMIT 1`,
      [id],
    );
    const restore = (user: SessionUser, overrides: Partial<Parameters<typeof revertRecord>[0]> = {}) =>
      revertRecord({
        user,
        revisionId: revision.id,
        side: 'before',
        baseVersion: version,
        reason: 'A reason.',
        ...overrides,
      });
    const revisionsBefore = await one<{ n: string }>('SELECT count(*) AS n FROM revisions');

    await expect(restore(users.editor)).rejects.toBeInstanceOf(NotAllowed);
    expect((await refused(restore(users.reviewer, { reason: '  ' }))).fields.reason).toEqual(['Give a reason.']);
    // A step on the history page is not a proposal: the refusal says nothing was done, and to read the record again.
    expect((await refused(restore(users.reviewer, { baseVersion: version - 1 }))).message).toMatch(
      /^Someone changed this record after this page was opened: nothing was done\. The page now shows the record as it is/,
    );
    expect((await refused(restore(users.reviewer, { side: 'after' }))).message).toMatch(/already as it was/);
    expect((await refused(restore(users.reviewer, { revisionId: 'cforgedforgedforgedforged1' }))).message).toMatch(
      /cannot be restored/,
    );
    expect((await refused(restore(users.reviewer, { side: 'sideways' as 'before' }))).message).toMatch(
      /no such version/,
    );

    expect(await one('SELECT count(*) AS n FROM revisions')).toEqual(revisionsBefore);
    expect((await donationRow(id)).version).toBe(version);
  });

  it('a version that refers to something gone since is refused with the reason', async () => {
    const { recordId } = await publishFund('Short-lived Example Fund', 'https://example.org/short-lived');
    const dhs = await idOf('agencies', 'dhs');
    const { recordId: agencyId } = await publish('AGENCY', {
      name: 'Example Office Under Review',
      parentId: dhs,
      country: 'US',
      level: 'FEDERAL',
      website: '',
      sources: [{ url: 'https://example.org/office' }],
    });
    await publish(
      'AGENCY',
      {
        name: 'Example Office Under Review',
        parentId: await idOf('agencies', 'dod'),
        country: 'US',
        level: 'FEDERAL',
        website: '',
        sources: [{ url: 'https://example.org/office' }],
      },
      agencyId,
      1,
    );
    // The department it was under disappears from the published record.
    await database().query(`UPDATE agencies SET status = 'ARCHIVED' WHERE id = $1`, [dhs]);
    const revision = await one<{ id: string }>(
      `SELECT id FROM revisions WHERE record_id = $1 AND kind = 'PUBLISH' ORDER BY created_at DESC LIMIT 1`,
      [agencyId],
    );
    const error = await refused(
      revertRecord({
        user: users.reviewer,
        revisionId: revision.id,
        side: 'before',
        baseVersion: 2,
        reason: 'Back under DHS.',
      }),
    );
    expect(error.message).toMatch(/refers to records that have changed since: Choose the parent agency/);
    await database().query(`UPDATE agencies SET status = 'PUBLISHED' WHERE id = $1`, [dhs]);
    expect(recordId).toBeTruthy();
  });

  it('a version naming an organisation merged since says where it went, merges of merges followed', async () => {
    const { recordId: fundId } = await publishFund('Example Fund Merged Later', 'https://example.org/merged-later');
    const salesforce = await idOf('companies', 'salesforce');
    const donation = (organizationId: string) => ({
      company: { id: salesforce },
      organization: { id: organizationId },
      date: '2019-03',
      response: 'REJECTED',
      amount: '1000',
      currency: 'USD',
      amountUndisclosed: false,
      reason: '',
      sources: [{ url: 'https://example.org/merged-later-donation' }],
    });
    const { recordId: donationId } = await publish('DONATION_RESPONSE', donation(fundId));
    // Corrected: the money was RAICES's to refuse. Then the fund turns out to be RAICES itself.
    await publish('DONATION_RESPONSE', donation(await idOf('organizations', 'raices')), donationId, 1);
    // Merged into a second fund, which is merged in turn: the message names where it ended.
    const { recordId: secondId } = await publishFund(
      'Example Fund Merged In Between',
      'https://example.org/merged-in-between',
    );
    const slugOf = async (id: string) =>
      (await one<{ slug: string }>('SELECT slug FROM organizations WHERE id = $1', [id])).slug;
    await mergeOrganizations(users.admin, { fromSlug: await slugOf(fundId), intoSlug: await slugOf(secondId) });
    await mergeOrganizations(users.admin, { fromSlug: await slugOf(secondId), intoSlug: 'raices' });
    const revision = await one<{ id: string }>(
      `SELECT id FROM revisions WHERE record_id = $1 AND kind = 'PUBLISH' ORDER BY created_at DESC LIMIT 1`,
      [donationId],
    );
    const error = await refused(
      revertRecord({ user: users.reviewer, revisionId: revision.id, side: 'before', baseVersion: 2, reason: 'Undo.' }),
    );
    expect(error.message).toBe(
      'This version names “Example Fund Merged Later”, merged since into Refugee and Immigrant Center for Education and Legal Services: propose a correction that names Refugee and Immigrant Center for Education and Legal Services instead.',
    );
    // The history page says the same in place of that version's button, and offers the others.
    const [published] = await listRevisions('DONATION_RESPONSE', donationId);
    const states = [published!.before, published!.after].map((state) => (state as { fields: object }).fields);
    const messages = await mergedSinceMessages(database().client, [...states, ...states]);
    expect(messages).toEqual([error.message, null, error.message, null]);
  });

  it('a record a merge moved is at a new version, the merge, named in words; a save from before it is stale', async () => {
    const { recordId: fundId } = await publishFund('Example Fund Merged Away', 'https://example.org/merged-away');
    const salesforceId = await idOf('companies', 'salesforce');
    const donation = (amount: string, organizationId = fundId) => ({
      company: { id: salesforceId },
      organization: { id: organizationId },
      date: '2019-04',
      response: 'REJECTED',
      amount,
      currency: 'USD',
      amountUndisclosed: false,
      reason: '',
      sources: [{ url: 'https://example.org/merged-away-donation' }],
    });
    const { recordId: donationId } = await publish('DONATION_RESPONSE', donation('1000'));
    await publish('DONATION_RESPONSE', donation('1500'), donationId, 1);
    const fundSlug = (await one<{ slug: string }>('SELECT slug FROM organizations WHERE id = $1', [fundId])).slug;
    await mergeOrganizations(users.admin, { fromSlug: fundSlug, intoSlug: 'raices' });

    // The merge is the record's version 3: what a citation gives, and the step the history lists it at.
    expect((await readState(database().client, 'DONATION_RESPONSE', donationId))?.version).toBe(3);
    const [merge, corrected] = await listRevisions('DONATION_RESPONSE', donationId);
    expect(merge).toMatchObject({ kind: 'MERGE', before: { version: 2 }, after: { version: 3 } });
    expect(merge?.changes).toEqual([
      {
        field: 'organization',
        before: 'Example Fund Merged Away',
        after: 'Refugee and Immigrant Center for Education and Legal Services',
      },
    ]);
    // Version 2, before the merge, names the duplicate: restoring it says where that went.
    expect(corrected).toMatchObject({ kind: 'PUBLISH', after: { version: 2 } });
    const error = await refused(
      revertRecord({ user: users.reviewer, revisionId: corrected!.id, side: 'after', baseVersion: 3, reason: 'Undo.' }),
    );
    expect(error.message).toMatch(/^This version names “Example Fund Merged Away”, merged since into Refugee/);
    // An editor who opened the form before the merge saves against a stale version (the fund's name
    // typed in it now names the survivor).
    const stale = await refused(
      submitChange({
        user: users.editor,
        recordType: 'DONATION_RESPONSE',
        recordId: donationId,
        baseVersion: 2,
        payload: donation('2000', await idOf('organizations', 'raices')),
      }),
    );
    expect(stale.message).toMatch(/^[^.]+ changed this record after you began this change/);
    expect(stale.conflict).toMatchObject({
      version: 3,
      summary: expect.stringMatching(/^Example Fund Merged Away merged into Refugee/),
    });
  });
});

describe('companies: renamed, re-sourced, restored', () => {
  /** Restores, as the reviewer, the version before the company's latest published change. */
  const restoreBeforeLatest = async (id: string, baseVersion: number, reason: string) => {
    const revision = await one<{ id: string }>(
      `SELECT id FROM revisions WHERE record_id = $1 AND kind = 'PUBLISH' ORDER BY created_at DESC LIMIT 1`,
      [id],
    );
    return revertRecord({ user: users.reviewer, revisionId: revision.id, side: 'before', baseVersion, reason });
  };
  const company = async (slug: string) =>
    one<{ id: string; version: number; name: string }>('SELECT id, version, name FROM companies WHERE slug = $1', [
      slug,
    ]);
  const sourcesOf = async (id: string) =>
    await database().query<{ url: string | null; id: string }>(
      'SELECT s.url, s.id FROM company_sources x JOIN sources s ON s.id = x.source_id WHERE x.company_id = $1 ORDER BY s.id',
      [id],
    );

  it('other names are kept in the history; restoring a version takes away those added since', async () => {
    const before = await company('microsoft');
    const aliasesOf = async () =>
      (
        await database().query<{ name: string }>(
          'SELECT name FROM company_aliases WHERE company_id = $1 ORDER BY name',
          [before.id],
        )
      ).map((row) => row.name);
    const original = await aliasesOf();
    const kept = await readState(database().client, 'COMPANY', before.id);
    await publish(
      'COMPANY',
      { ...kept?.fields, aliases: ['Microsoft Federal (in a test)'] },
      before.id,
      before.version,
    );
    expect(await aliasesOf()).toEqual([...original, 'Microsoft Federal (in a test)'].sort());
    // The step says what it added, in the words of the form.
    const [published] = await listRevisions('COMPANY', before.id);
    expect(published?.changes).toEqual([
      expect.objectContaining({ field: 'aliases', after: expect.stringContaining('Microsoft Federal (in a test)') }),
    ]);
    expect(published?.changes[0]?.before ?? '').not.toContain('Microsoft Federal');

    await restoreBeforeLatest(before.id, before.version + 1, 'Not a name the company goes by.');
    expect(await aliasesOf()).toEqual(original);
    const state = await readState(database().client, 'COMPANY', before.id);
    expect(state?.fields.aliases).not.toContain('Microsoft Federal (in a test)');
    // A version kept before states held other names leaves them as they are: not a difference.
    const now = { name: 'A', aliases: ['B'] };
    expect(sameFields(now, asRestored('COMPANY', { name: 'A' }, now))).toBe(true);
    expect(sameFields(now, asRestored('COMPANY', { name: 'A', aliases: [] }, now))).toBe(false);
    expect(sameFields(now, asRestored('AGENCY', { name: 'A' }, now))).toBe(false);
  });

  it('restoring keeps the names a merge brought in and every former name, taking away only those the form added since', async () => {
    const { mergeCompanies } = await import('@/lib/data/admin');
    const made = async (name: string, aliases: string[] = []) => {
      const { recordId } = await publish(
        'COMPANY',
        companyForm(name, `https://example.org/${nameKey(name)}`, { confirmNew: true, aliases }),
      );
      return recordId;
    };
    const id = await made('Qqalpha Systems');
    await made('Qqbeta Corp', ['Qqbeta Federal']);
    const stateOf = async () => (await readState(database().client, 'COMPANY', id))!;
    const change = async (fields: Record<string, unknown>) => {
      const state = await stateOf();
      await publish('COMPANY', { ...state.fields, aliases: [], ...fields }, id, state.version);
    };
    await change({ sector: 'Robotics' });
    const firstPublish = await one<{ id: string }>(
      `SELECT id FROM revisions WHERE record_id = $1 AND kind = 'PUBLISH' ORDER BY created_at, id LIMIT 1 OFFSET 1`,
      [id],
    );
    await mergeCompanies(users.admin, { fromSlug: 'qqbeta-corp', intoSlug: 'qqalpha-systems' });
    await change({ name: 'Qqalpha Two' });
    await change({ name: 'Qqalpha Three', aliases: ['Qqalpha Typo Name'] });
    const names = async () =>
      (
        await database().query<{ name: string }>(
          'SELECT name FROM company_aliases WHERE company_id = $1 ORDER BY name',
          [id],
        )
      ).map((row) => row.name);
    expect(await names()).toEqual([
      'Qqalpha Systems',
      'Qqalpha Three',
      'Qqalpha Two',
      'Qqalpha Typo Name',
      'Qqbeta Corp',
      'Qqbeta Federal',
    ]);
    // Back to the version before the sector was set: named Qqalpha Systems, without the sector.
    await revertRecord({
      user: users.reviewer,
      revisionId: firstPublish.id,
      side: 'before',
      baseVersion: (await stateOf()).version,
      reason: 'Back to how it was first published.',
    });
    expect((await stateOf()).fields).toMatchObject({ name: 'Qqalpha Systems', sector: null });
    // Only the name the form added since is gone: the merged company's names and the former names stay.
    expect(await names()).toEqual(['Qqalpha Systems', 'Qqalpha Three', 'Qqalpha Two', 'Qqbeta Corp', 'Qqbeta Federal']);
  });

  it('a new name is recognised in forms; the sources follow the form; restoring brings both back', async () => {
    const before = await company('amazon');
    const originalSources = await sourcesOf(before.id);
    const kept = originalSources.filter((source) => !source.url).map((source) => ({ sourceId: source.id }));
    const payload = {
      name: 'Amazon.com, Inc. (renamed in a test)',
      sector: 'Retail and cloud',
      hqCountry: 'US',
      website: '',
      sources: [{ url: 'https://example.org/amazon-renamed' }, ...kept],
    };
    await publish('COMPANY', payload, before.id, before.version);
    const { resolveCompanyName } = await import('@/lib/data/form-lookups');
    expect(await resolveCompanyName('Amazon.com, Inc. (renamed in a test)', false)).toEqual({ id: before.id });
    expect(await resolveCompanyName(before.name, false)).toEqual({ id: before.id });
    const after = await sourcesOf(before.id);
    expect(after.map((source) => source.url)).toEqual(
      expect.arrayContaining([
        'https://example.org/amazon-renamed',
        ...originalSources.filter((s) => !s.url).map(() => null),
      ]),
    );
    expect(after).toHaveLength(1 + kept.length);

    await restoreBeforeLatest(before.id, before.version + 1, 'Test rename undone.');
    expect((await company('amazon')).name).toBe(before.name);
    expect(await sourcesOf(before.id)).toEqual(originalSources);
  });

  it('an archived or merged record is neither changed nor restored', async () => {
    const { recordId } = await publishFund('Soon Merged Example Fund', 'https://example.org/soon-merged');
    await publish(
      'ORGANIZATION',
      {
        name: 'Soon Merged Example Fund',
        kind: 'CAMPAIGN',
        country: '',
        website: '',
        sources: [{ url: 'https://example.org/soon-merged' }],
      },
      recordId,
      1,
    );
    // Its history page offers its first version to restore while it is published...
    expect(await isRestorable('ORGANIZATION', recordId)).toBe(true);
    const raices = await idOf('organizations', 'raices');
    await database().query(`UPDATE organizations SET merged_into_id = $2, status = 'ARCHIVED' WHERE id = $1`, [
      recordId,
      raices,
    ]);
    // ...and none once merged, since restoring it would be refused.
    expect(await isRestorable('ORGANIZATION', recordId)).toBe(false);
    const revision = await one<{ id: string }>(
      `SELECT id FROM revisions WHERE record_id = $1 AND kind = 'PUBLISH' ORDER BY created_at DESC LIMIT 1`,
      [recordId],
    );
    const restore = await refused(
      revertRecord({
        user: users.reviewer,
        revisionId: revision.id,
        side: 'before',
        baseVersion: 2,
        reason: 'Bring it back.',
      }),
    );
    expect(restore.message).toMatch(/no longer published/);
    const edit = await refused(
      submitChange({
        user: users.editor,
        recordType: 'ORGANIZATION',
        recordId,
        baseVersion: 2,
        payload: {
          name: 'Soon Merged Example Fund',
          kind: 'NGO',
          country: '',
          website: '',
          sources: [{ url: 'https://example.org/x' }],
        },
      }),
    );
    // Said before its name is checked (the survivor's other names now include it: not a duplicate to choose).
    const survivor = await one<{ name: string }>(`SELECT name FROM organizations WHERE id = $1`, [raices]);
    expect(edit.message).toBe(`This record was merged into ${survivor.name}: propose the change there.`);
    expect(await one(`SELECT status FROM organizations WHERE id = $1`, [recordId])).toEqual({ status: 'ARCHIVED' });
  });
});

describe('archiving an incident', () => {
  /** A published employee action of Salesforce's, and its version now. */
  const salesforceAction = () =>
    one<{ id: string; version: number }>(
      `SELECT a.id, a.version FROM employee_actions a
       JOIN employee_action_companies x ON x.action_id = a.id JOIN companies c ON c.id = x.company_id
       WHERE c.slug = 'salesforce' AND a.status = 'PUBLISHED' ORDER BY a.start_date, a.id LIMIT 1`,
    );
  const statusOf = async (id: string) =>
    await one<{ status: string; version: number }>('SELECT status, version FROM employee_actions WHERE id = $1', [id]);
  const revisionCount = async () => Number((await one<{ n: string }>('SELECT count(*) AS n FROM revisions')).n);

  it('takes it off the public reads and brings it back, keeping its links and saying why in its history', async () => {
    const action = await salesforceAction();
    const links = await one<{ n: string }>('SELECT count(*) AS n FROM employee_action_sources WHERE action_id = $1', [
      action.id,
    ]);
    expect(await getEmployeeAction(action.id)).not.toBeNull();
    // Named against a contract of a subsidiary's, a correction refreshes the subsidiary's profile
    // too (it counts the actions against its contracts), and so does archiving it below.
    const client = database().client;
    const salesforce = await one<{ id: string }>(`SELECT id FROM companies WHERE slug = 'salesforce'`);
    const subsidiary = await client.company.create({
      data: {
        name: 'Example Salesforce Subsidiary',
        slug: 'example-salesforce-subsidiary',
        parentId: salesforce.id,
        status: 'PUBLISHED',
      },
    });
    const agency = await one<{ id: string }>(`SELECT id FROM agencies WHERE slug = 'ice'`);
    const contract = await client.governmentContract.create({
      data: {
        companyId: subsidiary.id,
        agencyId: agency.id,
        title: 'Example subsidiary contract',
        status: 'PUBLISHED',
      },
    });
    const opened = await readState(database().client, 'EMPLOYEE_ACTION', action.id);
    const corrected = await publish(
      'EMPLOYEE_ACTION',
      { ...opened!.fields, contractIds: [contract.id] },
      action.id,
      action.version,
    );
    expect(corrected.tags).toEqual(
      expect.arrayContaining(['company:salesforce', 'company:example-salesforce-subsidiary']),
    );
    action.version += 1;
    const state = await readState(database().client, 'EMPLOYEE_ACTION', action.id);
    const waiting = await submitChange({
      user: users.editor,
      recordType: 'EMPLOYEE_ACTION',
      recordId: action.id,
      baseVersion: action.version,
      payload: { ...state!.fields, title: 'Changed while it waits' },
    });

    const archived = await setArchived({
      user: users.reviewer,
      archive: true,
      recordType: 'EMPLOYEE_ACTION',
      recordId: action.id,
      baseVersion: action.version,
      reason: 'A duplicate of an earlier record.',
    });
    // Its company's profile and that of the subsidiary whose contract it names (a profile counts the actions against its contracts).
    expect(archived.tags).toEqual(
      expect.arrayContaining(['record:lists', 'company:salesforce', 'company:example-salesforce-subsidiary']),
    );
    expect(await statusOf(action.id)).toEqual({ status: 'ARCHIVED', version: action.version + 1 });
    expect(await getEmployeeAction(action.id)).toBeNull();
    expect(await archivedRecord('EMPLOYEE_ACTION', action.id)).toEqual({
      at: expect.any(Date),
      reason: 'A duplicate of an earlier record.',
    });
    expect(await one('SELECT count(*) AS n FROM employee_action_sources WHERE action_id = $1', [action.id])).toEqual(
      links,
    );
    const [latest] = await listRevisions('EMPLOYEE_ACTION', action.id);
    expect(latest).toMatchObject({ kind: 'ARCHIVE', reason: 'A duplicate of an earlier record.', who: 'reviewer' });

    // The correction that waited for review could never be published now: it is declined with the
    // archive's reason, which its author reads, and has left the queue.
    expect(archived.declined).toBe(1);
    expect(await getChangeForReview(users.reviewer, waiting.id)).toMatchObject({
      status: 'REJECTED',
      gone: true,
      decisionNote: 'The record was archived: A duplicate of an earlier record.',
    });
    expect((await refused(publishChange({ user: users.reviewer, changeId: waiting.id }))).message).toMatch(
      /no longer waiting for review/,
    );
    // Its author, revising it in a form opened before, is told why and led to it, not asked to send it again.
    const revisedLate = await refused(
      submitChange({
        user: users.editor,
        recordType: 'EMPLOYEE_ACTION',
        recordId: action.id,
        baseVersion: action.version,
        changeId: waiting.id,
        payload: { ...state!.fields, title: 'Changed again while it waits' },
      }),
    );
    expect(revisedLate.message).toBe(
      'This change was declined meanwhile (“The record was archived: A duplicate of an earlier record.”). Nothing was saved, and what you typed is still here: copy what still holds, to propose it where the record’s contents went.',
    );
    expect(revisedLate.next).toEqual({ href: `/editor/changes/${waiting.id}`, text: 'Open the change as it is now' });

    const back = await setArchived({
      user: users.admin,
      archive: false,
      recordType: 'EMPLOYEE_ACTION',
      recordId: action.id,
      baseVersion: action.version + 1,
      reason: 'It was not a duplicate after all.',
    });
    expect(back.version).toBe(action.version + 2);
    expect(await statusOf(action.id)).toEqual({ status: 'PUBLISHED', version: action.version + 2 });
    expect(await getEmployeeAction(action.id)).not.toBeNull();
    expect(await archivedRecord('EMPLOYEE_ACTION', action.id)).toBeNull();
    expect((await listRevisions('EMPLOYEE_ACTION', action.id))[0]).toMatchObject({
      kind: 'RESTORE',
      reason: 'It was not a duplicate after all.',
    });
    // Brought back, the record's declined correction stays declined: its author may send it again.
    expect(await getChangeForReview(users.reviewer, waiting.id)).toMatchObject({ status: 'REJECTED', gone: false });
  });

  it('archives a contract, which leaves the contracts public reads too', async () => {
    const contract = await one<{ id: string; version: number }>(
      `SELECT id, version FROM government_contracts WHERE status = 'PUBLISHED' ORDER BY id LIMIT 1`,
    );
    const step = (archive: boolean, baseVersion: number) =>
      setArchived({
        user: users.reviewer,
        archive,
        recordType: 'CONTRACT',
        recordId: contract.id,
        baseVersion,
        reason: 'Checking.',
      });
    expect((await step(true, contract.version)).tags).toContain('record:vocabulary');
    expect(await getContract(contract.id)).toBeNull();
    await step(false, contract.version + 1);
    expect(await getContract(contract.id)).not.toBeNull();
  });

  it('names a statement’s donation response in its history by its title, as its page does', async () => {
    const statement = await one<{ id: string; donation_response_id: string }>(
      `SELECT id, donation_response_id FROM company_statements WHERE donation_response_id IS NOT NULL AND status = 'PUBLISHED' ORDER BY id LIMIT 1`,
    );
    const donation = await one<{ amount: string; organization: string; company: string }>(
      `SELECT d.amount::text AS amount, o.acronym AS organization, c.name AS company FROM donation_responses d
       JOIN organizations o ON o.id = d.organization_id JOIN companies c ON c.id = d.company_id WHERE d.id = $1`,
      [statement.donation_response_id],
    );
    const lines = (await listRevisions('COMPANY_STATEMENT', statement.id))
      .flatMap((revision) => revision.kept)
      .filter((line) => line.field === 'donationResponseId');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.after).not.toBe(statement.donation_response_id);
      expect(line.after).toContain(donation.company);
    }
    // "RAICES rejected $250,000 from Salesforce" (the amount as the record has it now: earlier tests edit it).
    expect(lines[0]!.after).toBe(
      `${donation.organization} rejected ${formatMoney(donation.amount, 'USD')} from ${donation.company}`,
    );
  });

  it('leaves an archived contract unnamed in the public history of a record that names it, as its own history does, saying it was archived', async () => {
    const statement = await one<{ id: string; contract_id: string }>(
      `SELECT id, contract_id FROM company_statements WHERE contract_id IS NOT NULL AND status = 'PUBLISHED' ORDER BY id LIMIT 1`,
    );
    const contract = await one<{ title: string; version: number; company: string }>(
      'SELECT k.title, k.version, c.name AS company FROM government_contracts k JOIN companies c ON c.id = k.company_id WHERE k.id = $1',
      [statement.contract_id],
    );
    // Named with its contractor.
    const name = `${contract.title} (${contract.company})`;
    const named = async () =>
      (await listRevisions('COMPANY_STATEMENT', statement.id))
        .flatMap((revision) => revision.kept)
        .filter((line) => line.field === 'contractId')
        .map((line) => line.after);
    expect(await named()).toContain(name);
    const step = (archive: boolean, baseVersion: number) =>
      setArchived({
        user: users.reviewer,
        archive,
        recordType: 'CONTRACT',
        recordId: statement.contract_id,
        baseVersion,
        reason: 'Should never have been public.',
      });
    await step(true, contract.version);
    try {
      const after = await named();
      expect(after).not.toContain(name);
      // Said to be archived, by its id alone (what it said is for reviewers only).
      expect(after).toContain(`A contract archived since (${statement.contract_id})`);
    } finally {
      await step(false, contract.version + 1);
    }
    expect(await named()).toContain(name);
  });

  it('is refused to editors, without a reason, when stale, twice, for a kind that is merged instead, and for no such record, writing nothing', async () => {
    const action = await salesforceAction();
    const step = (user: SessionUser, overrides: Partial<Parameters<typeof setArchived>[0]> = {}) =>
      setArchived({
        user,
        archive: true,
        recordType: 'EMPLOYEE_ACTION',
        recordId: action.id,
        baseVersion: action.version,
        reason: 'A reason.',
        ...overrides,
      });
    const before = await revisionCount();

    await expect(step(users.editor)).rejects.toThrow(/Only reviewers archive/);
    await expect(step(users.editor, { archive: false })).rejects.toBeInstanceOf(NotAllowed);
    expect((await refused(step(users.reviewer, { reason: ' ' }))).fields.reason).toEqual(['Give a reason.']);
    expect((await refused(step(users.reviewer, { reason: 'x'.repeat(2001) }))).fields.reason).toEqual([
      'The reason is too long: at most 2,000 characters (this one has 2,001).',
    ]);
    expect((await refused(step(users.reviewer, { baseVersion: action.version - 1 }))).message).toMatch(
      /^Someone changed this record after this page was opened: nothing was done\./,
    );
    expect((await refused(step(users.reviewer, { archive: false }))).message).toMatch(/not archived/);
    const company = await idOf('companies', 'salesforce');
    for (const overrides of [
      { recordType: 'COMPANY', recordId: company },
      { recordType: 'USER', recordId: users.editor.id },
      { recordId: 'cforgedforgedforgedforged1' },
      { recordId: "' OR 1=1 --" },
    ]) {
      expect((await refused(step(users.reviewer, overrides))).message, JSON.stringify(overrides)).toBe(
        'There is no such record.',
      );
    }
    expect(await revisionCount()).toBe(before);
    expect(await statusOf(action.id)).toEqual({ status: 'PUBLISHED', version: action.version });

    // Archived once, a second archive finds nothing to archive.
    await step(users.reviewer);
    expect((await refused(step(users.reviewer, { baseVersion: action.version + 1 }))).message).toMatch(
      /not published, so there is nothing to archive/,
    );
    await step(users.reviewer, { archive: false, baseVersion: action.version + 1 });
  });
});

describe('a re-import of the data set after editors corrected its actions', () => {
  const imported = async (externalId: string) =>
    one<{ id: string; version: number }>(
      `SELECT id, version FROM employee_actions WHERE external_source = 'collective-action-tech' AND external_id = $1`,
      [externalId],
    );
  const linksOf = async (actionId: string) => ({
    companies: (
      await database().query<{ slug: string }>(
        `SELECT c.slug FROM employee_action_companies l JOIN companies c ON c.id = l.company_id
         WHERE l.action_id = $1 ORDER BY c.slug`,
        [actionId],
      )
    ).map((row) => row.slug),
    terms: (
      await database().query<{ slug: string }>(
        `SELECT t.slug FROM employee_action_terms l JOIN vocabulary_terms t ON t.id = l.term_id
         WHERE l.action_id = $1 AND t.kind IN ('ACTION_FORM', 'ISSUE', 'EMPLOYMENT_TYPE') ORDER BY t.slug`,
        [actionId],
      )
    ).map((row) => row.slug),
  });

  it('keeps what they removed, added and rewrote, and lists it', async () => {
    // Id 46: a strike at H3C and HP over pay and benefits and job security, by white-collar and
    // in-house workers. An editor takes H3C, job security and in-house workers off and rewrites the title; on id 43 (union representation at Facebook
    // and Loop) another adds "union drive", the form a re-import once took away.
    const strike = await imported('46');
    const opened = await readState(database().client, 'EMPLOYEE_ACTION', strike.id);
    const hp = await idOf('companies', 'hp');
    await publish(
      'EMPLOYEE_ACTION',
      {
        ...opened!.fields,
        title: 'Strike at H3C, the joint venture HP had sold',
        companies: [{ id: hp }],
        issueSlugs: ['pay-and-benefits'],
        employmentTypeSlugs: ['white-collar-workers'],
      },
      strike.id,
      strike.version,
    );
    const union = await imported('43');
    const unionState = await readState(database().client, 'EMPLOYEE_ACTION', union.id);
    const forms = unionState!.fields.formSlugs as string[];
    // The editor takes its "drivers" tag off too, and an admin then merges that tag into "delivery workers".
    await publish(
      'EMPLOYEE_ACTION',
      {
        ...unionState!.fields,
        formSlugs: [...forms, 'union-drive'],
        tagSlugs: (unionState!.fields.tagSlugs as string[]).filter((slug) => slug !== 'drivers'),
      },
      union.id,
      union.version,
    );
    const { mergeTerms } = await import('@/lib/data/admin');
    const termId = async (slug: string) =>
      (await one<{ id: string }>(`SELECT id FROM vocabulary_terms WHERE kind = 'TAG' AND slug = $1`, [slug])).id;
    await mergeTerms(users.admin, { fromId: await termId('drivers'), intoId: await termId('delivery-workers') });
    const tagsOf = async (actionId: string) =>
      (
        await database().query<{ slug: string }>(
          `SELECT t.slug FROM employee_action_terms l JOIN vocabulary_terms t ON t.id = l.term_id
           WHERE l.action_id = $1 AND t.kind = 'TAG' ORDER BY t.slug`,
          [actionId],
        )
      ).map((row) => row.slug);
    const unionTags = await tagsOf(union.id);
    expect(unionTags).not.toContain('drivers');
    expect(unionTags).not.toContain('delivery-workers');
    const before = await Promise.all([linksOf(strike.id), linksOf(union.id)]);
    expect(before[0]).toEqual({ companies: ['hp'], terms: ['pay-and-benefits', 'strike', 'white-collar-workers'] });
    expect(before[1].terms).toEqual(expect.arrayContaining(['union-drive', 'union-representation']));

    const { importCollectiveActions } = await import('@/lib/import/collective-action-import');
    const { parseCollectiveActionFile } = await import('@/lib/import/collective-action-file');
    const { DEMO_DATASET } = await import('@/lib/seed/demo');
    const fs = await import('node:fs/promises');
    const report = await importCollectiveActions(
      database().client,
      parseCollectiveActionFile(await fs.readFile(DEMO_DATASET, 'utf8')),
    );

    expect(report.kept.find((entry) => entry.externalId === '46')).toEqual({
      externalId: '46',
      fields: ['title', 'companies', 'issues', 'employment types'],
    });
    expect(report.updated.map((entry) => entry.externalId)).not.toEqual(expect.arrayContaining(['46', '43']));
    expect(await Promise.all([linksOf(strike.id), linksOf(union.id)])).toEqual(before);
    // The file's "drivers" is "delivery workers" now: the tag the editor took off, not put back.
    expect(await tagsOf(union.id)).toEqual(unionTags);
    expect((await getEmployeeAction(strike.id))?.title).toBe('Strike at H3C, the joint venture HP had sold');
  });

  it('a USAspending re-import keeps a contract’s company and amount as an editor corrected them, and lists them', async () => {
    const { importUsaspendingContracts } = await import('@/lib/import/usaspending-import');
    const { Readable } = await import('node:stream');
    const fs = await import('node:fs/promises');
    const contracts = await fs.readFile('tests/fixtures/usaspending/contracts.csv', 'utf8');
    const today = { today: new Date('2025-01-01T12:00:00Z') };
    // A reviewer has named the recipient as another name of Salesforce.
    const { ensureCompanies } = await import('@/lib/records/companies');
    await ensureCompanies(database().client, [{ name: 'Salesforce', aliases: ['Salesforce, Inc.'] }], {
      actor: 'test',
      sourceIds: [],
      status: 'PUBLISHED',
    });
    await importUsaspendingContracts(database().client, Readable.from([contracts]), today);
    const awardKey = 'CONT_AWD_SYNTHETIC0001_7014_-NONE-_-NONE-';
    const imported = await one<{ id: string; version: number }>(
      'SELECT id, version FROM government_contracts WHERE award_key = $1',
      [awardKey],
    );
    const state = await readState(database().client, 'CONTRACT', imported.id);
    const amazon = await idOf('companies', 'amazon');
    await publish(
      'CONTRACT',
      { ...state!.fields, company: { id: amazon }, obligatedAmount: '1200000.00' },
      imported.id,
      imported.version,
    );

    // The next download says otherwise on both, and changes the potential value too.
    const newer = contracts.replace(',1250000.50,,1250000.50,3000000,', ',1300000.00,,1300000.00,3500000,');
    expect(newer).not.toBe(contracts);
    const report = await importUsaspendingContracts(database().client, Readable.from([newer]), today);
    expect(report.kept).toEqual([{ awardKey, contractId: imported.id, fields: ['companyId', 'obligatedAmount'] }]);
    expect(report.updated.find((entry) => entry.awardKey === awardKey)?.fields).toEqual(['potentialAmount']);
    // Its history writes the import's amounts in US dollars, as it writes the editor's.
    const [importStep] = await listRevisions('CONTRACT', imported.id);
    expect(importStep).toMatchObject({ kind: 'IMPORT' });
    expect(importStep?.changes).toEqual([expect.objectContaining({ before: '$3,000,000', after: '$3,500,000' })]);
    const { printUsaspendingReport } = await import('@/lib/import/usaspending-report');
    const lines: string[] = [];
    printUsaspendingReport(report, (line) => lines.push(line));
    expect(lines).toEqual(
      expect.arrayContaining([
        'Kept as editors corrected them, where the file says otherwise: fields of 1 contract.',
        `  ${awardKey}: company, obligated amount`,
      ]),
    );
    const after = await getContract(imported.id);
    expect(after).toMatchObject({ company: { slug: 'amazon' } });
    expect(
      await one(
        'SELECT obligated_amount::text AS obligated, potential_amount::text AS potential FROM government_contracts WHERE id = $1',
        [imported.id],
      ),
    ).toEqual({ obligated: '1200000.00', potential: '3500000.00' });

    // The editor puts the amount back to what the import last wrote, and cites a report instead of
    // the award's page: the amount follows the next file again; the page is not put back.
    const corrected = await one<{ version: number }>('SELECT version FROM government_contracts WHERE id = $1', [
      imported.id,
    ]);
    const now = await readState(database().client, 'CONTRACT', imported.id);
    await publish(
      'CONTRACT',
      { ...now!.fields, obligatedAmount: '1250000.50', sources: [{ url: 'https://example.org/contract-report' }] },
      imported.id,
      corrected.version,
    );
    const third = contracts.replace(',1250000.50,,1250000.50,3000000,', ',1400000.00,,1400000.00,3500000,');
    const later = await importUsaspendingContracts(database().client, Readable.from([third]), today);
    expect(later.updated.find((entry) => entry.awardKey === awardKey)?.fields).toEqual(['obligatedAmount']);
    expect(later.kept).toEqual([{ awardKey, contractId: imported.id, fields: ['sources', 'companyId'] }]);
    expect(
      await one(
        `SELECT c.obligated_amount::text AS obligated, array_agg(s.url ORDER BY s.url) AS sources
         FROM government_contracts c JOIN contract_sources l ON l.contract_id = c.id JOIN sources s ON s.id = l.source_id
         WHERE c.id = $1 GROUP BY c.id`,
        [imported.id],
      ),
    ).toEqual({ obligated: '1400000.00', sources: ['https://example.org/contract-report'] });

    // Put back beside the report, the award's page is the import's again: a file giving the award
    // another address of its page links that too, and says nothing was taken out.
    const page = `https://www.usaspending.gov/award/${awardKey}/`;
    const back = await one<{ version: number }>('SELECT version FROM government_contracts WHERE id = $1', [
      imported.id,
    ]);
    const current = await readState(database().client, 'CONTRACT', imported.id);
    await publish(
      'CONTRACT',
      { ...current!.fields, sources: [{ url: 'https://example.org/contract-report' }, { url: page }] },
      imported.id,
      back.version,
    );
    const moved = third.replace(page, `https://www.usaspending.gov/award/${awardKey}/summary`);
    expect(moved).not.toBe(third);
    const fourth = await importUsaspendingContracts(database().client, Readable.from([moved]), today);
    expect(fourth.kept).toEqual([{ awardKey, contractId: imported.id, fields: ['companyId'] }]);
    expect(
      (
        await database().query<{ url: string }>(
          'SELECT s.url FROM contract_sources l JOIN sources s ON s.id = l.source_id WHERE l.contract_id = $1 ORDER BY s.url',
          [imported.id],
        )
      ).map((row) => row.url),
    ).toEqual(['https://example.org/contract-report', page.replace(/\/$/, ''), `${page}summary`]);
  });
});

describe('restoring after a term merge', () => {
  it('refuses a version the merge has left nothing to bring back of, writing no step', async () => {
    const client = database().client;
    const [formX, formY] = await Promise.all(
      ['x', 'y'].map((letter) =>
        client.vocabularyTerm.create({
          data: { kind: 'ACTION_FORM', slug: `example-form-${letter}`, label: `Example form ${letter}` },
        }),
      ),
    );
    const action = await one<{ id: string; version: number }>(
      `SELECT id, version FROM employee_actions WHERE status = 'PUBLISHED' ORDER BY start_date DESC, id LIMIT 1`,
    );
    const state = await readState(client, 'EMPLOYEE_ACTION', action.id);
    await publish('EMPLOYEE_ACTION', { ...state!.fields, formSlugs: ['example-form-x'] }, action.id, action.version);
    await publish(
      'EMPLOYEE_ACTION',
      { ...state!.fields, formSlugs: ['example-form-y'] },
      action.id,
      action.version + 1,
    );
    const { mergeTerms } = await import('@/lib/data/admin');
    await mergeTerms(users.admin, { fromId: formX!.id, intoId: formY!.id });
    // The version with form X is, once X is merged into Y, the version there is now.
    const toY = await one<{ id: string }>(
      `SELECT id FROM revisions WHERE record_id = $1 AND kind = 'PUBLISH' ORDER BY created_at DESC LIMIT 1`,
      [action.id],
    );
    const now = await one<{ version: number }>('SELECT version FROM employee_actions WHERE id = $1', [action.id]);
    const steps = await one<{ n: number }>('SELECT count(*)::int AS n FROM revisions WHERE record_id = $1', [
      action.id,
    ]);
    const refusal = await refused(
      revertRecord({
        user: users.reviewer,
        revisionId: toY.id,
        side: 'before',
        baseVersion: now.version,
        reason: 'X.',
      }),
    );
    expect(refusal.message).toMatch(/^The record is already as it was in version \d+, but for what merges since/);
    expect(await one('SELECT version FROM employee_actions WHERE id = $1', [action.id])).toEqual(now);
    expect(await one('SELECT count(*)::int AS n FROM revisions WHERE record_id = $1', [action.id])).toEqual(steps);
    // The history offers no restore of it: its terms read as a restore would link them are the record's.
    const { termMergesFollowed } = await import('@/lib/data/review');
    const follow = await termMergesFollowed(client);
    const { before } = await one<{ before: { fields: Record<string, unknown> } }>(
      'SELECT before FROM revisions WHERE id = $1',
      [toY.id],
    );
    expect(before.fields.formSlugs).toEqual(['example-form-x']);
    const current = await readState(client, 'EMPLOYEE_ACTION', action.id);
    expect(follow(before.fields)).toEqual({ ...before.fields, formSlugs: current!.fields.formSlugs });
    expect(current!.fields.formSlugs).toEqual(['example-form-y']);
  });
});

describe('an archived contract', () => {
  it('stays cited by a record citing it, but is not cited anew, by a form or by a restored version', async () => {
    const client = database().client;
    const salesforce = await idOf('companies', 'salesforce');
    const contract = await client.governmentContract.create({
      data: {
        companyId: salesforce,
        agencyId: await idOf('agencies', 'dhs'),
        title: 'Soon archived',
        status: 'PUBLISHED',
      },
    });
    const action = await one<{ id: string; version: number }>(
      `SELECT a.id, a.version FROM employee_actions a JOIN employee_action_companies x ON x.action_id = a.id
       WHERE x.company_id = $1 AND a.status = 'PUBLISHED' ORDER BY a.start_date DESC, a.id LIMIT 1`,
      [salesforce],
    );
    const state = await readState(client, 'EMPLOYEE_ACTION', action.id);
    const fields = state!.fields;
    const cites = (ids: string[]) => ({ ...fields, contractIds: ids });
    await publish('EMPLOYEE_ACTION', cites([contract.id]), action.id, action.version);
    const archive = () =>
      setArchived({
        user: users.reviewer,
        recordType: 'CONTRACT',
        recordId: contract.id,
        baseVersion: 1,
        reason: 'A duplicate.',
        archive: true,
      });
    await archive();
    // Still citing it, the action stays correctable.
    const kept = await submitChange({
      user: users.editor,
      recordType: 'EMPLOYEE_ACTION',
      recordId: action.id,
      baseVersion: action.version + 1,
      payload: { ...cites([contract.id]), title: `${String(fields.title)} (corrected)` },
    });
    await database().query('DELETE FROM change_requests WHERE id = $1', [kept.id]);
    // Once it no longer cites it, neither a form nor a restore brings it back.
    await publish('EMPLOYEE_ACTION', cites([]), action.id, action.version + 1);
    const citing = await refused(
      submitChange({
        user: users.editor,
        recordType: 'EMPLOYEE_ACTION',
        recordId: action.id,
        baseVersion: action.version + 2,
        payload: cites([contract.id]),
      }),
    );
    expect(citing.fields?.contractIds).toEqual([
      `The contract /contracts/${contract.id} was archived (taken off the public pages): it cannot be cited anew.`,
    ]);
    const dropped = await one<{ id: string }>(
      `SELECT id FROM revisions WHERE record_id = $1 AND kind = 'PUBLISH' ORDER BY created_at DESC LIMIT 1`,
      [action.id],
    );
    const restore = await refused(
      revertRecord({
        user: users.reviewer,
        revisionId: dropped.id,
        side: 'before',
        baseVersion: action.version + 2,
        reason: 'Back.',
      }),
    );
    expect(restore.message).toMatch(
      /^This version refers to records that have changed since: The contract \/contracts\/[a-z0-9]+ was archived/,
    );
    expect(
      await one('SELECT count(*)::int AS n FROM employee_action_contracts WHERE contract_id = $1', [contract.id]),
    ).toEqual({ n: 0 });
  });
});

describe('a renamed company', () => {
  it('moves the updatedAt of the records its name is read in, not their versions; another correction leaves them', async () => {
    const client = database().client;
    const { recordId } = await publish(
      'COMPANY',
      companyForm('Renamable Example Corp', 'https://example.org/renamable'),
    );
    const contract = await client.governmentContract.create({
      data: {
        companyId: recordId,
        agencyId: await idOf('agencies', 'dhs'),
        title: 'Named by its company',
        status: 'PUBLISHED',
      },
    });
    const long = new Date('2020-01-01T00:00:00Z');
    const dated = async () => {
      await database().query('UPDATE government_contracts SET updated_at = $2 WHERE id = $1', [contract.id, long]);
    };
    const read = () =>
      one<{ updated_at: Date; version: number }>('SELECT updated_at, version FROM government_contracts WHERE id = $1', [
        contract.id,
      ]);
    const correct = async (fields: Record<string, unknown>) => {
      const state = await readState(client, 'COMPANY', recordId);
      await publish('COMPANY', { ...state!.fields, ...fields }, recordId, state!.version);
    };
    await dated();
    await correct({ sector: 'Data analysis (a test)' });
    expect(await read()).toEqual({ updated_at: long, version: 1 });
    await correct({ name: 'Renamed Example Corp' });
    const after = await read();
    expect(after.updated_at.getTime()).toBeGreaterThan(long.getTime());
    expect(after.version).toBe(1);
  });
});

describe("an action's tags and employment types", () => {
  const termsOf = async (actionId: string) =>
    (
      await database().query<{ term: string }>(
        `SELECT v.kind || ':' || v.slug AS term FROM employee_action_terms t JOIN vocabulary_terms v ON v.id = t.term_id
         WHERE t.action_id = $1 AND v.kind IN ('TAG', 'EMPLOYMENT_TYPE') ORDER BY 1`,
        [actionId],
      )
    ).map((row) => row.term);

  it('are set by its form, refused when not in the list, and left as they are by a change or a version from before the form offered them', async () => {
    const client = database().client;
    // An imported action with both, and a tag it does not have.
    const { id } = await one<{ id: string }>(
      `SELECT a.id FROM employee_actions a WHERE a.status = 'PUBLISHED'
         AND EXISTS (SELECT 1 FROM employee_action_terms t JOIN vocabulary_terms v ON v.id = t.term_id WHERE t.action_id = a.id AND v.kind = 'TAG')
         AND EXISTS (SELECT 1 FROM employee_action_terms t JOIN vocabulary_terms v ON v.id = t.term_id WHERE t.action_id = a.id AND v.kind = 'EMPLOYMENT_TYPE')
       ORDER BY a.external_id LIMIT 1`,
    );
    const original = await termsOf(id);
    const { slug: otherTag } = await one<{ slug: string }>(
      `SELECT slug FROM vocabulary_terms v WHERE kind = 'TAG' AND merged_into_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM employee_action_terms t WHERE t.action_id = $1 AND t.term_id = v.id) ORDER BY slug LIMIT 1`,
      [id],
    );
    // The form offers them A to Z as a reader reads them, not capitals first.
    const { termOptions } = await import('@/lib/data/form-lookups');
    const labels = (await termOptions()).tags.map(([, label]) => label);
    expect(labels.indexOf('Ableism')).toBeGreaterThanOrEqual(0);
    expect(labels.indexOf('Ableism')).toBeLessThan(labels.indexOf('AI'));
    const state = (await readState(client, 'EMPLOYEE_ACTION', id))!;
    // Its state holds them, as its form shows them.
    expect([
      ...(state.fields.employmentTypeSlugs as string[]).map((slug) => `EMPLOYMENT_TYPE:${slug}`),
      ...(state.fields.tagSlugs as string[]).map((slug) => `TAG:${slug}`),
    ]).toEqual(original);

    // A change sent before the form offered them names neither: it leaves them, its review says
    // nothing of them, and its form reopens with the action's own ticked.
    const { tagSlugs: _tags, employmentTypeSlugs: _types, ...older } = state.fields;
    const waiting = await submitChange({
      user: users.editor,
      recordType: 'EMPLOYEE_ACTION',
      recordId: id,
      baseVersion: state.version,
      payload: { ...older, demands: 'Demands corrected (a test)' },
      form: { values: { title: String(state.fields.title), demands: 'Demands corrected (a test)' } },
    });
    const review = await getChangeForReview(users.reviewer, waiting.id);
    expect(review?.diff.map((line) => line.field)).toEqual(['demands']);
    // Sent again after a rejection, from today's form (which holds them, as the action has them),
    // its review says the editor changed nothing of them since.
    const { rejectChange } = await import('@/lib/data/changes');
    await rejectChange({ user: users.reviewer, changeId: waiting.id, reason: 'Say where the demands come from.' });
    const again = await submitChange({
      user: users.editor,
      recordType: 'EMPLOYEE_ACTION',
      recordId: id,
      baseVersion: state.version,
      payload: { ...state.fields, demands: 'Demands corrected (a test)' },
      form: { values: { title: String(state.fields.title), demands: 'Demands corrected (a test)' }, from: waiting.id },
    });
    expect((await getChangeForReview(users.reviewer, again.id))?.earlier?.changedSince).toEqual([]);
    const { ownChange } = await import('@/lib/data/edit-forms');
    const reopened = (await ownChange(users.editor, again.id))?.start?.values;
    expect(reopened?.tagSlugs?.split('\n').sort()).toEqual(state.fields.tagSlugs);
    expect(reopened?.employmentTypeSlugs?.split('\n').sort()).toEqual(state.fields.employmentTypeSlugs);
    // Published as the older form sent it: the action's stay.
    await database().query(
      `UPDATE change_requests SET payload = payload - 'tagSlugs' - 'employmentTypeSlugs' WHERE id = $1`,
      [again.id],
    );
    await publishChange({ user: users.reviewer, changeId: again.id });
    expect(await termsOf(id)).toEqual(original);

    // The form changes them: another tag, no employment type.
    const current = (await readState(client, 'EMPLOYEE_ACTION', id))!;
    await publish(
      'EMPLOYEE_ACTION',
      { ...current.fields, tagSlugs: [otherTag], employmentTypeSlugs: [] },
      id,
      current.version,
    );
    expect(await termsOf(id)).toEqual([`TAG:${otherTag}`]);
    const [step] = await listRevisions('EMPLOYEE_ACTION', id);
    expect(step?.changes.map((line) => line.field).sort()).toEqual(['employmentTypeSlugs', 'tagSlugs']);

    // One not in the list is refused by its field, and nothing is kept.
    const changes = await changeCount();
    const unknown = await refused(
      submitChange({
        user: users.editor,
        recordType: 'EMPLOYEE_ACTION',
        recordId: id,
        baseVersion: current.version + 1,
        payload: { ...current.fields, tagSlugs: ['no-such-tag-in-a-test'], employmentTypeSlugs: ['No Such Type'] },
      }),
    );
    expect(unknown.fields).toMatchObject({
      tagSlugs: ['Choose tags from the list.'],
      employmentTypeSlugs: ['Choose employment types from the list.'],
    });
    expect(await changeCount()).toBe(changes);

    // A version kept before states held them, restored, leaves them as they are now.
    const first = await one<{ id: string }>(
      `SELECT id FROM revisions WHERE record_id = $1 AND kind = 'PUBLISH' ORDER BY created_at, id LIMIT 1`,
      [id],
    );
    await database().query(
      `UPDATE revisions SET before = jsonb_set(before, '{fields}', (before->'fields') - 'tagSlugs' - 'employmentTypeSlugs') WHERE id = $1`,
      [first.id],
    );
    await revertRecord({
      user: users.reviewer,
      revisionId: first.id,
      side: 'before',
      baseVersion: current.version + 1,
      reason: 'Back to the demands as the data set gives them.',
    });
    const restored = (await readState(client, 'EMPLOYEE_ACTION', id))!;
    expect(restored.fields.demands).toBe(state.fields.demands);
    expect(await termsOf(id)).toEqual([`TAG:${otherTag}`]);

    // A form with none ticked still sends the lists' hidden empty fields: kept with its change, it
    // reopens with none ticked, not with the action's own.
    const none = await submitChange({
      user: users.editor,
      recordType: 'EMPLOYEE_ACTION',
      recordId: id,
      baseVersion: restored.version,
      payload: { ...restored.fields, tagSlugs: [] },
      form: { values: { title: String(restored.fields.title), tagSlugs: '', employmentTypeSlugs: '' } },
    });
    expect((await ownChange(users.editor, none.id))?.start?.values).toMatchObject({
      tagSlugs: '',
      employmentTypeSlugs: '',
    });
    await database().query('DELETE FROM change_requests WHERE id = $1', [none.id]);
  });
});
