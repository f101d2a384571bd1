import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCollectiveActionFile } from '@/lib/import/collective-action-file';
import { canonicalCompany } from '@/lib/import/company-names';
import {
  COLLECTIVE_ACTION_SOURCE,
  DATASET_CITATION,
  importCollectiveActions,
} from '@/lib/import/collective-action-import';
import { printImportReport } from '@/lib/import/report';
import { revisionChanges } from '@/lib/data/review';
import { ensureCompanies } from '@/lib/records/companies';
import { nameKey } from '@/lib/text';
import { readableUrl } from '@/lib/urls';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

const FILE = 'data/collective-action-tech/actions.json';
const raw = fs.readFileSync(FILE, 'utf8');
const records = JSON.parse(raw) as {
  id: number;
  companies: string[] | null;
  sources: string[];
  description: string;
  actions: string[];
}[];
const imported = records;

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => database.drop());

const count = async (table: string) =>
  Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

describe('importing the Collective Action in Tech data set', () => {
  it('imports the 506 actions, each published with its sources', async () => {
    const report = await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    expect(imported).toHaveLength(506);
    expect(report.created.actions).toBe(506);
    expect(await count('employee_actions')).toBe(506);
    const unsourced = await database.query(`
      SELECT a.id FROM employee_actions a
      WHERE NOT EXISTS (SELECT 1 FROM employee_action_sources s JOIN sources src ON src.id = s.source_id
                        WHERE s.action_id = a.id AND src.url <> 'https://github.com/collective-action/tech')`);
    expect(unsourced).toEqual([]);
    const [published] = await database.query<{ n: string }>(
      `SELECT count(*) AS n FROM employee_actions WHERE status = 'PUBLISHED'`,
    );
    expect(Number(published?.n)).toBe(506);
  });

  it('links each company to exactly the actions the file names it in', async () => {
    await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    // Which company each raw name became, read back from the stored aliases.
    const aliases = await database.query<{ key: string; slug: string }>(
      'SELECT a.key, c.slug FROM company_aliases a JOIN companies c ON c.id = a.company_id',
    );
    const slugOfKey = new Map(aliases.map((alias) => [alias.key, alias.slug]));
    const expected = new Map<string, Set<number>>();
    for (const record of imported) {
      for (const name of record.companies ?? []) {
        if (name === 'na') continue;
        const slug = slugOfKey.get(nameKey(canonicalCompany(name)?.name ?? name));
        expect(slug, `company "${name}"`).toBeDefined();
        expected.set(slug as string, (expected.get(slug as string) ?? new Set()).add(record.id));
      }
    }
    const stored = await database.query<{ slug: string; n: string }>(`
      SELECT c.slug, count(*) AS n FROM employee_action_companies l JOIN companies c ON c.id = l.company_id GROUP BY c.slug`);
    expect(Object.fromEntries(stored.map((row) => [row.slug, Number(row.n)]))).toEqual(
      Object.fromEntries([...expected].map(([slug, ids]) => [slug, ids.size])),
    );
    // Spot checks against the data set's own counts.
    const bySlug = Object.fromEntries(stored.map((row) => [row.slug, Number(row.n)]));
    expect(bySlug.amazon).toBe(imported.filter((r) => r.companies?.includes('amazon')).length);
    expect(bySlug.salesforce).toBe(imported.filter((r) => r.companies?.includes('salesforce')).length);
    expect(bySlug.meta).toBe(imported.filter((r) => r.companies?.some((c) => c === 'facebook' || c === 'meta')).length);
  });

  it('never gives back a parent an editor took away, nor one that would make a loop of parents', async () => {
    await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    const { client } = database;
    const company = (slug: string) => client.company.findUniqueOrThrow({ where: { slug } });
    const [google, alphabet, github, microsoft] = [
      await company('google'),
      await company('alphabet'),
      await company('github'),
      await company('microsoft'),
    ];
    const editor = await client.user.create({
      data: { email: 'parents@example.org', name: 'Parents', role: 'EDITOR' },
    });
    // An editor's step took Google out of Alphabet.
    await client.company.update({ where: { id: google.id }, data: { parentId: null } });
    await client.revision.create({
      data: {
        recordType: 'COMPANY',
        recordId: google.id,
        kind: 'PUBLISH',
        userId: editor.id,
        actor: editor.email,
        before: { parent: { id: alphabet.id } },
        after: { parent: null },
      },
    });
    // GitHub lost its parent with no editor's step (as older data may have), and Microsoft was put
    // under GitHub since: the file's GitHub under Microsoft would now be a loop.
    await client.company.update({ where: { id: github.id }, data: { parentId: null } });
    await client.company.update({ where: { id: microsoft.id }, data: { parentId: github.id } });
    await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    expect((await company('google')).parentId).toBeNull();
    expect((await company('github')).parentId).toBeNull();
    expect((await company('microsoft')).parentId).toBe(github.id);
  });

  it('normalises companies: display names, aliases, Alphabet as the parent of Google', async () => {
    await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    const google = await database.client.company.findUniqueOrThrow({
      where: { slug: 'google' },
      include: { parent: true },
    });
    expect(google.parent?.name).toBe('Alphabet');
    // Given its parent after it was created: a second step of its history, at version 2, as the API says.
    const steps = await database.client.revision.findMany({
      where: { recordType: 'COMPANY', recordId: google.id },
      orderBy: { createdAt: 'asc' },
      select: { kind: true, before: true, after: true },
    });
    expect(steps.map((step) => step.kind)).toEqual(['CREATE', 'UPDATE']);
    expect(steps[1]).toMatchObject({
      before: { version: 1, parentId: null },
      after: { version: 2, parentId: google.parentId },
    });
    expect(google.version).toBe(2);
    const github = await database.client.company.findUniqueOrThrow({
      where: { slug: 'github' },
      include: { parent: true },
    });
    expect([github.name, github.parent?.name]).toEqual(['GitHub', 'Microsoft']);
    expect((await database.client.company.findUniqueOrThrow({ where: { slug: 'ibm' } })).name).toBe('IBM');
    expect(await database.client.company.count({ where: { slug: { in: ['facebook'] } } })).toBe(0);
    // Its other names are names it goes by, not the data set's slips ("foodera") nor its lower case.
    const otherNames = async (slug: string) =>
      (
        await database.query<{ name: string }>(
          'SELECT a.name FROM company_aliases a JOIN companies c ON c.id = a.company_id WHERE c.slug = $1 AND a.key <> $2 ORDER BY a.name',
          [slug, nameKey((await database.client.company.findUniqueOrThrow({ where: { slug } })).name)],
        )
      ).map((alias) => alias.name);
    expect(await otherNames('foodora')).toEqual([]);
    expect(await otherNames('yemeksepeti-banabi')).toEqual([]);
    expect(await otherNames('china-literature')).toEqual([]);
    expect(await otherNames('yurtici-kargo')).toEqual([]);
    expect(await otherNames('sap')).toEqual(['SAP SE']);
    expect(await otherNames('meta')).toEqual(['Facebook', 'Meta Platforms']);
    expect((await otherNames('amazon')).sort()).toEqual(['AWS', 'Amazon Web Services', 'Amazon.com']);
    // A company the import creates has its other names in its history's first step.
    const created = await database.client.revision.findFirstOrThrow({
      where: {
        recordType: 'COMPANY',
        recordId: (await database.client.company.findUniqueOrThrow({ where: { slug: 'sap' } })).id,
      },
    });
    expect([created.kind, (created.after as { aliases: string[] }).aliases]).toEqual(['CREATE', ['SAP SE']]);
    // And the source it was created citing, the data set, as its page lists it.
    const dataset = await database.client.source.findUniqueOrThrow({ where: { url: DATASET_CITATION.url } });
    expect((created.after as { sources: unknown[] }).sources).toEqual([{ sourceId: dataset.id }]);
    // Its history names it by its address, as its page does.
    const lines = await revisionChanges('COMPANY', {}, created.after, database.client);
    expect(lines.find((line) => line.field === 'sources')?.after).toBe(readableUrl(DATASET_CITATION.url));
  });

  it('gives a stored company the other names the file calls it by, as a step of its history, once', async () => {
    const { idByKey } = await ensureCompanies(database.client, [{ name: 'Amazon', aliases: ['AWS'] }], {
      actor: 'an earlier import',
      sourceIds: [],
      status: 'PUBLISHED',
    });
    const amazon = idByKey.get(nameKey('Amazon')) as string;
    const steps = () =>
      database.client.revision.findMany({
        where: { recordType: 'COMPANY', recordId: amazon },
        orderBy: { createdAt: 'asc' },
        select: { kind: true, before: true, after: true, actor: true },
      });
    expect((await steps()).map((step) => [step.kind, (step.after as { aliases: string[] }).aliases])).toEqual([
      ['CREATE', ['AWS']],
    ]);
    await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    const [, named] = await steps();
    expect(named).toEqual({
      kind: 'UPDATE',
      actor: `import:${COLLECTIVE_ACTION_SOURCE}`,
      before: { version: 1, aliases: ['AWS'] },
      after: { version: 2, aliases: ['AWS', 'Amazon Web Services', 'Amazon.com'] },
    });
    expect((await database.client.company.findUniqueOrThrow({ where: { id: amazon } })).version).toBe(2);
    // The second run knows every name: no step more.
    await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    expect(await steps()).toHaveLength(2);
  });

  it('stores no placeholder day: 1 January as its year, and 31 December of an action dated by its year alone', async () => {
    const report = await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    const dated = await database.client.employeeAction.findMany({
      where: { externalSource: COLLECTIVE_ACTION_SOURCE, externalId: { in: ['314', '323', '324', '395', '542'] } },
      select: { externalId: true, startDate: true, datePrecision: true },
      orderBy: { externalId: 'asc' },
    });
    expect(dated).toEqual([
      { externalId: '314', startDate: new Date('1970-01-01T00:00:00Z'), datePrecision: 'YEAR' },
      { externalId: '323', startDate: new Date('1973-01-01T00:00:00Z'), datePrecision: 'YEAR' },
      { externalId: '324', startDate: new Date('2020-01-01T00:00:00Z'), datePrecision: 'YEAR' },
      // The Bologna ruling of 31 December 2020 keeps its day; Knights League "was founded in 2018".
      { externalId: '395', startDate: new Date('2020-12-31T00:00:00Z'), datePrecision: 'DAY' },
      { externalId: '542', startDate: new Date('2018-01-01T00:00:00Z'), datePrecision: 'YEAR' },
    ]);
    expect(report.skipped.filter((skip) => skip.field === 'date').map((skip) => skip.externalId)).toEqual([
      '314',
      '323',
      '542',
      '324',
    ]);
  });

  it('keeps the words of a vague count beside the number the data set rounded it to', async () => {
    await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    const counted = await database.client.employeeAction.findMany({
      where: {
        externalSource: COLLECTIVE_ACTION_SOURCE,
        externalId: { in: ['15', '31', '34', '68', '82', '85', '88', '381', '650'] },
      },
      select: { externalId: true, participantsMin: true, participantsMax: true, participantsText: true },
    });
    expect(
      Object.fromEntries(counted.map(({ externalId, ...participants }) => [externalId, Object.values(participants)])),
    ).toEqual({
      15: [200, 200, 'Hundreds of immigrant tech workers'],
      31: [100, 100, 'Hundreds of workers'],
      34: [1000, 1000, 'More than 1,000 IBM factory workers'],
      // A figure the words make a highest number is kept as at most that many: no "at least" sum counts it.
      68: [null, 1000, 'up to 1000 protesters'],
      82: [24, 24, 'Dozens of protesters'],
      // The Project Maven petition: "nearly", not at least, 5,000.
      85: [null, 5000, 'Nearly five thousand Google workers'],
      // At most the words' hundred, not the data set's 90.
      88: [null, 100, 'Nearly one hundred Didi drivers'],
      381: [201, 201, '200+ members'],
    });
    const exact = await database.client.employeeAction.findFirstOrThrow({
      where: { externalSource: COLLECTIVE_ACTION_SOURCE, externalId: '229' },
    });
    // "over 100 AI researchers", but the data set counts 141: its number is not a rounding of those words.
    expect([exact.participantsMin, exact.participantsText]).toEqual([141, null]);
  });

  it('keeps union representation apart from union drive, on a first import and on a re-import', async () => {
    const withForm = (form: string) => imported.filter((r) => r.actions.includes(form)).map((r) => String(r.id));
    const linked = async (slug: string) =>
      (
        await database.query<{ external_id: string }>(
          `SELECT a.external_id FROM employee_action_terms l JOIN vocabulary_terms t ON t.id = l.term_id
           JOIN employee_actions a ON a.id = l.action_id WHERE t.kind = 'ACTION_FORM' AND t.slug = $1`,
          [slug],
        )
      )
        .map((row) => row.external_id)
        .sort();
    await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    expect(await linked('union-representation')).toEqual(withForm('union representation').sort());
    expect(await linked('union-drive')).toEqual(withForm('union drive').sort());
    expect(withForm('union representation')).toHaveLength(48);

    // A database an earlier import filled, when "union representation" was an alias of union drive.
    await database.query(`
      INSERT INTO vocabulary_aliases (id, kind, key, term_id)
        SELECT 'former-alias', 'ACTION_FORM', 'union-representation', id FROM vocabulary_terms
        WHERE kind = 'ACTION_FORM' AND slug = 'union-drive';
      INSERT INTO employee_action_terms (action_id, term_id)
        SELECT l.action_id, d.id FROM employee_action_terms l
        JOIN vocabulary_terms r ON r.id = l.term_id AND r.slug = 'union-representation' AND r.kind = 'ACTION_FORM'
        JOIN vocabulary_terms d ON d.kind = 'ACTION_FORM' AND d.slug = 'union-drive'
        ON CONFLICT DO NOTHING;
      DELETE FROM employee_action_terms WHERE term_id IN
        (SELECT id FROM vocabulary_terms WHERE kind = 'ACTION_FORM' AND slug = 'union-representation');
      DELETE FROM vocabulary_terms WHERE kind = 'ACTION_FORM' AND slug = 'union-representation';`);
    const onlyRepresentation = withForm('union representation').filter((id) => !withForm('union drive').includes(id));
    expect(onlyRepresentation).toHaveLength(37);
    const someone = await database.client.employeeAction.findFirstOrThrow({
      where: { externalSource: COLLECTIVE_ACTION_SOURCE, externalId: onlyRepresentation[0] },
    });

    const again = await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    expect(await linked('union-representation')).toEqual(withForm('union representation').sort());
    expect(await linked('union-drive')).toEqual(withForm('union drive').sort());
    // Each action the file calls union representation gained its link, and said so: those that were
    // only union drive by the former alias lost that one, the others kept it.
    expect(
      again.updated
        .filter((update) => update.fields.includes('formSlugs'))
        .map((u) => u.externalId)
        .sort(),
    ).toEqual(withForm('union representation').sort());
    const after = await database.client.employeeAction.findUniqueOrThrow({ where: { id: someone.id } });
    expect(after.version).toBe(someone.version + 1);
    const revision = await database.client.revision.findFirstOrThrow({
      where: { recordId: someone.id, kind: 'IMPORT' },
      orderBy: { createdAt: 'desc' },
    });
    const { before, after: afterward } = revision as unknown as Record<'before' | 'after', { formSlugs: string[] }>;
    expect(before).toMatchObject({ version: someone.version });
    expect(afterward).toMatchObject({ version: someone.version + 1 });
    expect(afterward.formSlugs).toEqual(
      before.formSlugs.map((slug) => (slug === 'union-drive' ? 'union-representation' : slug)).sort(),
    );
  });

  it('reads every url of ids 344 and 426, and a re-import removes the links an earlier import misread', async () => {
    await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    const urlsOf = async (externalId: string) =>
      (
        await database.query<{ url: string }>(
          `SELECT s.url FROM employee_action_sources l JOIN sources s ON s.id = l.source_id
           JOIN employee_actions a ON a.id = l.action_id WHERE a.external_id = $1 AND s.url <> $2 ORDER BY s.url`,
          [externalId, 'https://github.com/collective-action/tech'],
        )
      ).map((row) => row.url);
    const shipt = [
      'https://news.trust.org/item/20201016131049-xq8h3',
      'https://techcrunch.com/2020/09/29/shipt-shoppers-are-organizing-a-walkout-in-protest-of-new-pay-model',
      'https://thehill.com/policy/technology/521290-shipt-workers-organize-most-targeted-protest-yet-over-new-pay-model',
    ];
    expect(await urlsOf('344')).toEqual(shipt);
    const itwire =
      'https://itwire.com/open-source/pro-stallman-group-issues-open-letter-wants-him-to-stay-on-fsf-board.html';
    expect(await urlsOf('426')).toContain(itwire);
    expect(await urlsOf('426')).toHaveLength(4);

    // What an earlier import made of the same entries: the three urls run together, the first half alone.
    const glued =
      'https://techcrunch.com/2020/09/29/shipt-shoppers-are-organizing-a-walkout-in-protest-of-new-pay-model/' +
      'https://news.trust.org/item/20201016131049-xq8h3' +
      'https://thehill.com/policy/technology/521290-shipt-workers-organize-most-targeted-protest-yet-over-new-pay-model';
    const half = 'https://itwire.com/open-source/pro-stallman-group-issues-open-letter';
    for (const [externalId, url] of [
      ['344', glued],
      ['426', half],
    ] as const) {
      const source = await database.client.source.create({ data: { url } });
      const action = await database.client.employeeAction.findFirstOrThrow({ where: { externalId } });
      await database.client.employeeActionSource.create({ data: { actionId: action.id, sourceId: source.id } });
      // That import linked none of the urls read right.
      await database.client.employeeActionSource.deleteMany({
        where: { actionId: action.id, source: { url: { in: [...shipt, itwire] } } },
      });
    }
    const again = await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    // The history says what the step did: the run-together url out, the three read right in.
    const [step] = await database.query<{ before: { sources: string[] }; after: { sources: string[] } }>(
      `SELECT r.before, r.after FROM revisions r JOIN employee_actions a ON a.id = r.record_id
       WHERE a.external_id = '344' ORDER BY r.created_at DESC LIMIT 1`,
    );
    expect(step?.before.sources).toContain(glued);
    expect(step?.before.sources.filter((url) => shipt.includes(url))).toEqual([]);
    expect(step?.after.sources).toEqual(expect.arrayContaining(shipt));
    expect(step?.after.sources).not.toContain(glued);
    expect(again.updated).toEqual([
      { externalId: '344', fields: ['sources'] },
      { externalId: '426', fields: ['sources'] },
    ]);
    expect(await urlsOf('344')).toEqual(shipt);
    expect(await urlsOf('426')).not.toContain(half);
  });

  it('keeps every source url once, shared between the actions that cite it', async () => {
    await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    const duplicates = await database.query('SELECT url FROM sources GROUP BY url HAVING count(*) > 1');
    expect(duplicates).toEqual([]);
    const shared = await database.query<{ n: string }>(
      'SELECT count(*) AS n FROM (SELECT source_id FROM employee_action_sources GROUP BY source_id HAVING count(*) > 1) s',
    );
    expect(Number(shared[0]?.n)).toBeGreaterThan(1);
  });

  it('maps drifting vocabularies onto one list', async () => {
    await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    const tags = await database.query<{ slug: string }>(
      `SELECT slug FROM vocabulary_terms WHERE kind = 'TAG' AND slug LIKE 'coworker%'`,
    );
    expect(tags.map((tag) => tag.slug)).toEqual(['coworker-solidarity']);
    const solidarity = imported.filter((r) =>
      (r as { tags?: string[] | null }).tags?.some((t) => /^coworker[ _]solidarity$/.test(t)),
    ).length;
    const [linked] = await database.query<{ n: string }>(`
      SELECT count(*) AS n FROM employee_action_terms l JOIN vocabulary_terms t ON t.id = l.term_id WHERE t.slug = 'coworker-solidarity'`);
    expect(Number(linked?.n)).toBe(solidarity);
    const types = await database.query<{ slug: string }>(
      `SELECT slug FROM vocabulary_terms WHERE kind = 'EMPLOYMENT_TYPE' AND slug LIKE '%house%'`,
    );
    expect(types.map((type) => type.slug)).toEqual(['in-house-workers']);
  });

  it("records each action's forms, issues, tags and employment types in the first step of its history", async () => {
    await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    // Every action's terms as its page lists them, by kind, against what its import step kept.
    const rows = await database.query<{ after: Record<string, unknown>; linked: Record<string, string[]> | null }>(`
      SELECT r.after,
             (SELECT json_object_agg(kind, slugs) FROM (
                SELECT t.kind, json_agg(t.slug ORDER BY t.slug) AS slugs
                FROM employee_action_terms l JOIN vocabulary_terms t ON t.id = l.term_id
                WHERE l.action_id = a.id GROUP BY t.kind) k) AS linked
      FROM employee_actions a JOIN revisions r ON r.record_id = a.id AND r.kind = 'IMPORT'`);
    expect(rows).toHaveLength(506);
    const field = {
      ACTION_FORM: 'formSlugs',
      ISSUE: 'issueSlugs',
      TAG: 'tagSlugs',
      EMPLOYMENT_TYPE: 'employmentTypeSlugs',
    };
    for (const { after, linked } of rows) {
      for (const [kind, name] of Object.entries(field)) {
        expect(after[name], `${String(after.externalId)} ${name}`).toEqual(linked?.[kind] ?? []);
      }
    }
    expect(rows.filter(({ after }) => (after.tagSlugs as string[]).length > 0).length).toBeGreaterThan(100);
    // Its history names them as its page does.
    const [withTags] = await database.query<{ id: string }>(`
      SELECT a.id FROM employee_actions a JOIN employee_action_terms l ON l.action_id = a.id
      JOIN vocabulary_terms t ON t.id = l.term_id WHERE t.kind = 'TAG' AND t.slug = 'ice' LIMIT 1`);
    const step = await database.client.revision.findFirstOrThrow({
      where: { recordId: withTags!.id, kind: 'IMPORT' },
    });
    const lines = await revisionChanges('EMPLOYEE_ACTION', {}, step.after, database.client);
    const named = (field: string) => lines.find((line) => line.field === field)?.after?.split('\n');
    expect(named('tagSlugs')).toContain('ICE');
    expect(named('formSlugs')?.length).toBeGreaterThan(0);
    // Every source it was created citing, the data set too, as its page lists them.
    const cited = await database.query<{ url: string }>(
      `SELECT s.url FROM employee_action_sources l JOIN sources s ON s.id = l.source_id WHERE l.action_id = $1`,
      [withTags!.id],
    );
    expect([...(step.after as { sources: string[] }).sources].sort()).toEqual(cited.map((row) => row.url).sort());
    expect((step.after as { sources: string[] }).sources).toContain(DATASET_CITATION.url);
  });

  it('finds a tag stored under the slug an earlier reading of other scripts gave it, by its name', async () => {
    // "Kadın hakları" was kad-n-haklar before slugs wrote other letters in Latin ones (kadin-haklari).
    await database.query(
      `INSERT INTO vocabulary_terms (id, kind, slug, label) VALUES ('test-old-slug', 'TAG', 'kad-n-haklar', 'Kadın hakları')`,
    );
    const [first] = JSON.parse(raw) as Record<string, unknown>[];
    await importCollectiveActions(
      database.client,
      parseCollectiveActionFile(JSON.stringify([{ ...first, tags: ['Kadın hakları'] }])),
    );
    expect(await database.query(`SELECT slug FROM vocabulary_terms WHERE label ILIKE 'kad%'`)).toEqual([
      { slug: 'kad-n-haklar' },
    ]);
    expect(
      await database.query(`SELECT term_id FROM employee_action_terms WHERE term_id = 'test-old-slug'`),
    ).toHaveLength(1);
    // A new tag in another script keeps its letters, under a slug written in Latin ones.
    await importCollectiveActions(
      database.client,
      parseCollectiveActionFile(JSON.stringify([{ ...first, tags: ['забастовка'] }])),
    );
    expect(await database.query(`SELECT slug, label FROM vocabulary_terms WHERE slug = 'zabastovka'`)).toEqual([
      { slug: 'zabastovka', label: 'Забастовка' },
    ]);
  });

  it('creates nothing and changes nothing the second time', async () => {
    await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    const before = await Promise.all(
      [
        'employee_actions',
        'companies',
        'sources',
        'vocabulary_terms',
        'revisions',
        'employee_action_terms',
        'action_locations',
      ].map(count),
    );
    const again = await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    expect(again.created).toEqual({ actions: 0, companies: [], sources: 0, tags: [] });
    expect(again.updated).toEqual([]);
    expect(again.unchanged).toBe(506);
    const after = await Promise.all(
      [
        'employee_actions',
        'companies',
        'sources',
        'vocabulary_terms',
        'revisions',
        'employee_action_terms',
        'action_locations',
      ].map(count),
    );
    expect(after).toEqual(before);
  });

  it('updates only what the file changed, keeps what editors added, and records the revision', async () => {
    await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    const action = await database.client.employeeAction.findFirstOrThrow({
      where: { externalSource: COLLECTIVE_ACTION_SOURCE, externalId: '92' },
    });
    const editorSource = await database.client.source.create({ data: { url: 'https://example.org/editor-added' } });
    await database.client.employeeAction.update({
      where: { id: action.id },
      data: {
        outcome: 'NOT_MET',
        participantsText: '650 signatures',
        sources: { create: [{ sourceId: editorSource.id }] },
      },
    });

    const changed = records.map((record) =>
      record.id === 92
        ? { ...record, description: 'Hundreds of Salesforce.com Inc. employees signed a corrected letter.' }
        : record,
    );
    const report = await importCollectiveActions(database.client, parseCollectiveActionFile(JSON.stringify(changed)));
    expect(report.updated).toEqual([{ externalId: '92', fields: ['description'] }]);
    expect(report.unchanged).toBe(505);

    const after = await database.client.employeeAction.findUniqueOrThrow({
      where: { id: action.id },
      include: { sources: true },
    });
    expect(after.description).toBe('Hundreds of Salesforce.com Inc. employees signed a corrected letter.');
    expect(after.outcome).toBe('NOT_MET');
    // The source's words an editor wrote stay, though the new description has words of its own.
    expect(after.participantsText).toBe('650 signatures');
    expect(after.version).toBe(action.version + 1);
    expect(after.sources.map((s) => s.sourceId)).toContain(editorSource.id);
    const revision = await database.client.revision.findFirstOrThrow({
      where: { recordId: action.id, kind: 'IMPORT', before: { not: undefined } },
      orderBy: { createdAt: 'desc' },
    });
    // What changed, and the version it took the record from and to.
    expect(revision.before).toEqual({ version: action.version, description: action.description });
    expect(revision.after).toEqual({
      version: action.version + 1,
      description: 'Hundreds of Salesforce.com Inc. employees signed a corrected letter.',
    });
  });

  it('says, records and dates the links a re-import adds, and names in the title a company the file no longer does', async () => {
    await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    const action = await database.client.employeeAction.findFirstOrThrow({
      where: { externalSource: COLLECTIVE_ACTION_SOURCE, externalId: '92' },
    });
    // The next edition of the file adds Google and a tag to id 92, and nothing else.
    const edition = (companies: string[], tags: string[]) =>
      parseCollectiveActionFile(
        JSON.stringify(records.map((record) => (record.id === 92 ? { ...record, companies, tags } : record))),
      );
    const report = await importCollectiveActions(database.client, edition(['salesforce', 'google'], ['cbp', 'ai']));
    expect(report.updated).toEqual([{ externalId: '92', fields: ['title', 'companies', 'tagSlugs'] }]);
    expect(report.unchanged).toBe(505);
    const after = await database.client.employeeAction.findUniqueOrThrow({ where: { id: action.id } });
    expect(after.title).toBe('Open letter involving Salesforce and Google');
    expect(after.version).toBe(action.version + 1);
    expect(after.updatedAt.getTime()).toBeGreaterThan(action.updatedAt.getTime());
    const revision = await database.client.revision.findFirstOrThrow({
      where: { recordId: action.id, kind: 'IMPORT' },
      orderBy: { createdAt: 'desc' },
    });
    expect(revision.before).toEqual({
      version: action.version,
      title: 'Open letter involving Salesforce',
      companies: ['Salesforce'],
      tagSlugs: ['cbp'],
    });
    expect(revision.after).toEqual({
      version: action.version + 1,
      title: 'Open letter involving Salesforce and Google',
      companies: ['Google', 'Salesforce'],
      tagSlugs: ['ai', 'cbp'],
    });

    // The edition after drops Google again: a re-import removes no link, so the title still names it.
    const again = await importCollectiveActions(database.client, edition(['salesforce'], ['cbp', 'ai']));
    expect([again.updated, again.unchanged]).toEqual([[], 506]);
    const kept = await database.client.employeeAction.findUniqueOrThrow({
      where: { id: action.id },
      include: { companies: { select: { company: { select: { name: true } } } } },
    });
    expect(kept.title).toBe('Open letter involving Salesforce and Google');
    expect(kept.companies.map((link) => link.company.name).sort()).toEqual(['Google', 'Salesforce']);
  });

  it('never writes over a field editors corrected, and says so, while the fields they left follow the file', async () => {
    await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    const action = await database.client.employeeAction.findFirstOrThrow({
      where: { externalSource: COLLECTIVE_ACTION_SOURCE, externalId: '92' },
    });
    const corrected = {
      title: 'Salesforce employees ask the CEO to revisit the CBP contract',
      startDate: new Date('2018-06-26T00:00:00Z'),
    };
    await database.client.employeeAction.update({ where: { id: action.id }, data: corrected });

    // The next edition of the file changes the date and the description; the title it makes is as before.
    const changed = records.map((record) =>
      record.id === 92 ? { ...record, date: '2018/06/24', description: `${record.description} (Corrected.)` } : record,
    );
    const file = parseCollectiveActionFile(JSON.stringify(changed));
    const report = await importCollectiveActions(database.client, file);
    expect(report.updated).toEqual([{ externalId: '92', fields: ['description'] }]);
    expect(report.kept).toEqual([{ externalId: '92', fields: ['title', 'startDate'] }]);
    const lines: string[] = [];
    printImportReport(report, (line) => lines.push(line));
    expect(lines).toContain('Kept as editors corrected them, where the file says otherwise: fields of 1 action.');
    expect(lines).toContain('Created: 0 actions, 0 companies, 0 sources, 0 tags.');
    expect(lines).toContain('Updated: 1 action.');
    expect(lines).toContain('  id 92: title, startDate');

    const after = await database.client.employeeAction.findUniqueOrThrow({ where: { id: action.id } });
    expect({ title: after.title, startDate: after.startDate }).toEqual(corrected);
    expect(after.description).toBe(`${action.description} (Corrected.)`);

    // Run again: nothing to change, the corrections still kept and said to be.
    const again = await importCollectiveActions(database.client, file);
    expect([again.updated, again.unchanged]).toEqual([[], 506]);
    expect(again.kept).toEqual(report.kept);

    // An editor who puts back what the import wrote hands the field back to the file.
    await database.client.employeeAction.update({ where: { id: action.id }, data: { title: action.title } });
    const third = await importCollectiveActions(database.client, parseCollectiveActionFile(raw));
    expect(third.updated).toEqual([{ externalId: '92', fields: ['description'] }]);
    expect(third.kept).toEqual([{ externalId: '92', fields: ['startDate'] }]);
  });

  it('writes nothing of a run that fails part-way', async () => {
    // A fault injected into this test's own database: the insert of the action with id 92 fails, after
    // companies, sources and tags were already written in the same transaction.
    await database.query(`
      CREATE FUNCTION fail_on_action() RETURNS trigger AS $$
      BEGIN IF NEW.external_id = '92' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER fail_on_action BEFORE INSERT ON employee_actions FOR EACH ROW EXECUTE FUNCTION fail_on_action();`);
    await expect(importCollectiveActions(database.client, parseCollectiveActionFile(raw))).rejects.toThrow(
      /injected failure/,
    );
    for (const table of [
      'employee_actions',
      'companies',
      'company_aliases',
      'sources',
      'vocabulary_terms',
      'revisions',
    ]) {
      expect(await count(table), table).toBe(0);
    }
  });

  it('rejects a malformed file before writing anything', async () => {
    const broken = records.map((record) => (record.id === 92 ? { ...record, date: '2018/02/30' } : record));
    expect(() => parseCollectiveActionFile(JSON.stringify(broken))).toThrow(/id 92\), field "date"/);
    expect(await count('employee_actions')).toBe(0);
  });
});
