import { describe, expect, it } from 'vitest';
import { ImportFileError, parseCollectiveActionFile, readDescription } from '@/lib/import/collective-action-file';
import { actionTitle } from '@/lib/import/collective-action-import';
import { wordsAtMost } from '@/lib/import/participant-words';

const record = (overrides: Record<string, unknown> = {}) => ({
  id: 92,
  date: '2018/06/25',
  sources: ['https://www.bloomberg.com/news/articles/2018-06-25/salesforce-employees-ask-ceo'],
  actions: ['open letter'],
  struggles: ['ethics'],
  employment_types: ['white collar workers', 'inhouse workers'],
  description: 'Hundreds of Salesforce.com Inc. employees signed a letter.',
  online: true,
  locations: ['usa'],
  companies: ['salesforce'],
  workers: 650,
  tags: ['cbp'],
  author: ['someone'],
  latlngs: [[45.5, -122.9]],
  addresses: ['somewhere'],
  ...overrides,
});

const parse = (records: unknown) => parseCollectiveActionFile(JSON.stringify(records));

function problemsOf(records: unknown): string[] {
  try {
    parse(records);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError);
    return (error as ImportFileError).problems;
  }
  throw new Error('the file was accepted');
}

describe('parseCollectiveActionFile', () => {
  it('reads a record of the data set', () => {
    const { actions, skipped } = parse([record()]);
    expect(skipped).toEqual([]);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      externalId: '92',
      date: { date: new Date('2018-06-25T00:00:00Z'), precision: 'DAY' },
      workers: 650,
      online: true,
      forms: ['open letter'],
      companies: [{ raw: 'salesforce', company: { name: 'Salesforce' } }],
      places: [{ label: 'USA', country: 'US' }],
    });
  });

  it('rejects broken JSON with the parser message', () => {
    expect(() => parseCollectiveActionFile('[{"id": 1,')).toThrow(/not valid JSON/);
    // Where, as an editor shows it: line and column, not only a count of characters.
    expect(() => parseCollectiveActionFile('[\n  {"id": 1},\n  {"id": 2,, "date": "2019"}\n]')).toThrow(
      /^The file is not valid JSON: .* at position 26 \(line 3, column 12\)$/,
    );
  });

  it('reads a file saved with a byte-order mark', () => {
    expect(parseCollectiveActionFile(`\uFEFF${JSON.stringify([record()])}`).actions).toHaveLength(1);
  });

  it('names an archive, another kind of file or an empty list for what it is, never echoing its bytes', () => {
    expect(() => parseCollectiveActionFile('PK\u0003\u0004\u0014\u0000binary')).toThrow(
      /^This is a zip archive: unzip it/,
    );
    expect(() => parseCollectiveActionFile('\u001f\ufffd\u0008\u0000binary')).toThrow(
      /^This is a gzip-compressed file/,
    );
    expect(() => parseCollectiveActionFile('contract_award_unique_key,award_id_piid\n1,2')).toThrow(
      /^The file is not JSON: it begins “contract_award_unique_key,award_id_piid …”\. The importer reads/,
    );
    expect(() => parseCollectiveActionFile(' [ ] ')).toThrow(/^The file holds an empty list: no action to import/);
  });

  it('rejects a file that is not a list', () => {
    expect(() => parse({ actions: [] })).toThrow(/JSON list of actions/);
  });

  it('names the record and the field of every problem', () => {
    const problems = problemsOf([
      record(),
      record({ id: 7, date: undefined }),
      record({ id: 8, sources: [] }),
      record({ id: 9, date: '2019/02/30' }),
      record({ id: 10, workers: -5 }),
      record({ id: 92 }),
      record({ id: 11, sources: 'https://example.org/one' }),
    ]);
    expect(problems).toEqual([
      'record 2 (id 7), field "date": is missing (expected a text "YYYY/MM/DD")',
      'record 3 (id 8), field "sources": is empty: every action needs a source',
      'record 4 (id 9), field "date": "2019/02/30" is not a real date in the form YYYY/MM/DD',
      'record 5 (id 10), field "workers": cannot be negative',
      'record 6 (id 92), field "id": the id 92 appears more than once',
      // There, but not a list: said so, not "missing".
      'record 7 (id 11), field "sources": must be a list of urls',
    ]);
  });

  it('names the record and field of a text PostgreSQL cannot hold: a NUL byte, half of a broken character', () => {
    const problems = problemsOf([
      record(),
      record({ id: 7, description: 'Workers walked out.\u0000' }),
      record({ id: 8, tags: ['ice', 'broken \ud800'] }),
      record({ id: 9, sources: ['https://example.org/\u0000'] }),
    ]);
    expect(problems).toEqual([
      'record 2 (id 7), field "description": holds a NUL byte or a broken character, which cannot be stored',
      'record 3 (id 8), field "tags.1": holds a NUL byte or a broken character, which cannot be stored',
      'record 4 (id 9), field "sources.0": holds a NUL byte or a broken character, which cannot be stored',
    ]);
  });

  it("names a record's bad date and repeated id in the same run as its other problems", () => {
    const problems = problemsOf([
      record({ id: 3, description: '', date: '2019/13/01' }),
      record({ id: 3, workers: 2_147_483_648 }),
      record({ id: 4, description: undefined, date: '2999/01/01' }),
    ]);
    expect(problems).toEqual([
      'record 1 (id 3), field "description": is empty',
      'record 1 (id 3), field "date": "2019/13/01" is not a real date in the form YYYY/MM/DD',
      'record 2 (id 3), field "workers": is more than 2,147,483,647',
      'record 2 (id 3), field "id": the id 3 appears more than once',
      'record 3 (id 4), field "description": is missing (expected a text)',
      'record 3 (id 4), field "date": 2999/01/01 is in the future',
    ]);
    // The most workers an action can record is accepted.
    expect(parse([record({ workers: 2_147_483_647 })]).actions[0]?.workers).toBe(2_147_483_647);
  });

  it('rejects a record whose sources are all unusable', () => {
    expect(problemsOf([record({ sources: ['', 'javascript:alert(1)'] })])).toEqual([
      'record 1 (id 92), field "sources": none of its 2 source(s) is a usable url',
    ]);
  });

  it('rejects a date in the future', () => {
    expect(problemsOf([record({ date: '2999/01/01' })])[0]).toContain('is in the future');
  });

  it('skips, and reports, defects that lose nothing', () => {
    const { actions, skipped } = parse([
      record({
        sources: ['https://example.org/a', '', 'www-proquest-com.proxy.example.edu/docview/1'],
        companies: ['na', 'google'],
      }),
    ]);
    expect(actions[0]?.sourceUrls).toEqual([
      'https://example.org/a',
      'https://www-proquest-com.proxy.example.edu/docview/1',
    ]);
    expect(actions[0]?.companies.map((c) => c.company.name)).toEqual(['Google']);
    expect(skipped.map((skip) => [skip.field, skip.value])).toEqual([
      ['sources', ''],
      ['sources', 'www-proquest-com.proxy.example.edu/docview/1'],
      ['companies', 'na'],
    ]);
  });

  it('reads each url of an entry that holds several, one a line (id 344)', () => {
    const entry = 'https://example.org/a/\nhttps://example.org/b\nhttps://example.org/a';
    const { actions, skipped } = parse([record({ sources: [entry] })]);
    expect(actions[0]?.sourceUrls).toEqual(['https://example.org/a', 'https://example.org/b']);
    expect(skipped).toEqual([
      { externalId: '92', field: 'sources', value: entry, reason: 'holds 3 urls: each is kept' },
    ]);
  });

  it('joins the rest of a url cut in two onto it, and says so (id 426)', () => {
    const { actions, skipped } = parse([
      record({
        sources: [
          'https://example.org/first',
          'https://itwire.com/open-source/pro-stallman-group-issues-open-letter',
          '-wants-him-to-stay-on-fsf-board.html',
        ],
      }),
    ]);
    const whole =
      'https://itwire.com/open-source/pro-stallman-group-issues-open-letter-wants-him-to-stay-on-fsf-board.html';
    expect(actions[0]?.sourceUrls).toEqual(['https://example.org/first', whole]);
    expect(skipped).toEqual([
      {
        externalId: '92',
        field: 'sources',
        value: '-wants-him-to-stay-on-fsf-board.html',
        reason: `joined onto the url before it: ${whole}`,
      },
    ]);
  });

  it('joins nothing that does not plainly continue the url before it', () => {
    const { actions, skipped } = parse([
      record({
        sources: [
          'https://example.org/a/',
          '-more',
          'https://example.org/b?page=2',
          '_more',
          'https://example.org/c',
          'more',
        ],
      }),
    ]);
    expect(actions[0]?.sourceUrls).toEqual([
      'https://example.org/a',
      'https://example.org/b?page=2',
      'https://example.org/c',
    ]);
    expect(skipped.map((skip) => skip.value)).toEqual(['-more', '_more', 'more']);
  });

  it('reads a 1 January date as its year unless the description names that day (ids 323, 324)', () => {
    const { actions, skipped } = parse([
      record({ id: 323, date: '1973/01/01', description: 'Workers held a unionizing drive.' }),
      record({ id: 2, date: '2019/01/01', description: 'On January 1, drivers struck.' }),
    ]);
    expect(actions.map((action) => [action.date.date.toISOString().slice(0, 10), action.date.precision])).toEqual([
      ['1973-01-01', 'YEAR'],
      ['2019-01-01', 'DAY'],
    ]);
    expect(skipped).toEqual([
      {
        externalId: '323',
        field: 'date',
        value: '1973/01/01',
        reason: '1 January, a day the description does not name: read as the year 1973',
      },
    ]);
  });

  it('reads 1970/01/01 as the year 1970, as any other 1 January (id 314)', () => {
    const { actions, skipped } = parse([
      record({ id: 314, date: '1970/01/01', description: 'Black IBM employees founded the BWA.' }),
    ]);
    expect(actions.map((action) => [action.externalId, action.date])).toEqual([
      ['314', { date: new Date('1970-01-01T00:00:00Z'), precision: 'YEAR' }],
    ]);
    expect(skipped.map((skip) => [skip.externalId, skip.field, skip.reason])).toEqual([
      ['314', 'date', '1 January, a day the description does not name: read as the year 1970'],
    ]);
  });

  it('reads 31 December as its year where the description dates the action by its year alone (id 542)', () => {
    const { actions, skipped } = parse([
      record({ id: 542, date: '2018/12/31', description: 'Knights League, a WeChat group, was founded in 2018.' }),
      // A court ruled on the last day of the year: the description gives no year alone, the day stays.
      record({ id: 395, date: '2020/12/31', description: 'A court in Bologna upheld the lawsuit.' }),
      record({ id: 3, date: '2019/12/31', description: 'In 2019, on December 31, drivers struck.' }),
    ]);
    expect(actions.map((action) => [action.externalId, action.date])).toEqual([
      ['542', { date: new Date('2018-01-01T00:00:00Z'), precision: 'YEAR' }],
      ['395', { date: new Date('2020-12-31T00:00:00Z'), precision: 'DAY' }],
      ['3', { date: new Date('2019-12-31T00:00:00Z'), precision: 'DAY' }],
    ]);
    expect(skipped.map((skip) => [skip.externalId, skip.field, skip.reason])).toEqual([
      [
        '542',
        'date',
        '31 December, a day the description does not name for what it dates "in 2018": read as the year 2018',
      ],
    ]);
  });

  it('stores a url cited twice in one record once', () => {
    const { actions } = parse([record({ sources: ['https://example.org/a#x', 'https://example.org/a/'] })]);
    expect(actions[0]?.sourceUrls).toEqual(['https://example.org/a']);
  });
});

describe('participant words', () => {
  const wordsFor = (description: string, workers: number | null) =>
    parse([record({ description, workers })]).actions[0]?.participantsText;

  it('reads the highest number of words that give only one, and none of others', () => {
    expect(wordsAtMost('Nearly five thousand Google workers')).toBe(5000);
    // The words' hundred, though the data set writes 90.
    expect(wordsAtMost('Nearly one hundred Didi drivers')).toBe(100);
    expect(wordsAtMost('up to 1000 protesters')).toBe(1000);
    expect(wordsAtMost('almost 1,200 workers')).toBe(1200);
    expect(wordsAtMost('More than 1,000 IBM factory workers')).toBeNull();
    expect(wordsAtMost('Hundreds of workers')).toBeNull();
    expect(wordsAtMost(null)).toBeNull();
  });

  it('keeps the words of a vague count beside the number the data set rounded it to', () => {
    expect(wordsFor("'Hundreds' of immigrant tech workers protested H1B visa caps.", 200)).toBe(
      'Hundreds of immigrant tech workers',
    );
    expect(wordsFor('Hundreds of workers at a Chinese Nokia factory went on strike.', 100)).toBe('Hundreds of workers');
    expect(wordsFor('Dozens of protesters voiced their concerns in Surry Hills.', 24)).toBe('Dozens of protesters');
    expect(wordsFor('More than 1,000 IBM factory workers walked off the job.', 1000)).toBe(
      'More than 1,000 IBM factory workers',
    );
    expect(wordsFor('More than 250 Facebook employees signed a letter.', 251)).toBe('More than 250 Facebook employees');
    expect(wordsFor('Organizers say up to 1000 protesters have attended a demonstration.', 1000)).toBe(
      'up to 1000 protesters',
    );
  });

  it('reads a count written out in words, "several" hundred or dozen, "200+" and "around" the number', () => {
    // Id 85, the Project Maven petition: the data set writes 5000.
    expect(wordsFor('Nearly five thousand Google workers signed an internal petition.', 5000)).toBe(
      'Nearly five thousand Google workers',
    );
    // Id 88: the data set writes 90 for "nearly one hundred".
    expect(wordsFor('Nearly one hundred Didi drivers gathered in front of the office.', 90)).toBe(
      'Nearly one hundred Didi drivers',
    );
    expect(wordsFor('A class action lawsuit launched by several hundred older workers.', 200)).toBe(
      'several hundred older workers',
    );
    expect(wordsFor('Several dozen Former Amazon workers held a protest.', 24)).toBe(
      'Several dozen Former Amazon workers',
    );
    expect(wordsFor('In June 2016, the group had 200+ members.', 201)).toBe('200+ members');
    expect(wordsFor('Around 600 Google employees signed a manifesto.', 601)).toBe('Around 600 Google employees');
    // Ids 67 and 137.
    expect(wordsFor("A 'handful' of Facebook employees have vowed not to fly.", 3)).toBe(
      'handful of Facebook employees',
    );
    expect(wordsFor('In the last seven months, roughly a dozen moderators in the United States quit.', 12)).toBe(
      'roughly a dozen moderators',
    );
  });

  it('keeps no such words when the number is not theirs', () => {
    // Id 475: the dozens fired are not the 150 who protested.
    expect(wordsFor('Gorillas fired “several dozen Berlin-based delivery workers.”', 150)).toBeNull();
    expect(wordsFor('Over two hundred Mechanical Turk workers signed.', 262)).toBeNull();
    expect(wordsFor('Nearly one hundred drivers gathered.', 50)).toBeNull();
    expect(wordsFor('A handful of employees walked out.', 40)).toBeNull();
    expect(wordsFor('With 90+ Google workers and 300+ Amazon workers signing it.', 2000)).toBeNull();
  });

  it('prefers a bound of the very number to a vague word', () => {
    expect(wordsFor('Hundreds of Lexmark workers have protested. At least 700 workers went on strike.', 700)).toBe(
      'At least 700 workers',
    );
  });

  it('keeps no words that are not about the people counted, or that do not fit the number', () => {
    expect(wordsFor('Drivers are fined hundreds of dollars for being double-parked.', 80)).toBeNull();
    expect(wordsFor('A petition drew 4,000 signatures and dozens resigned.', 5000)).toBeNull();
    expect(wordsFor('Over 200 Google employees in the US walked out.', 701)).toBeNull();
    expect(wordsFor('650 Salesforce employees signed a letter.', 650)).toBeNull();
    expect(wordsFor('Hundreds of workers protested.', null)).toBeNull();
  });
});

describe('readDescription', () => {
  it('keeps the paragraphs of a description (ids 537, 524)', () => {
    expect(readDescription('Poor wages.\n\nIn 2019,  more  than 100 workers acted. \n\n')).toBe(
      'Poor wages.\n\nIn 2019, more than 100 workers acted.',
    );
    expect(readDescription('They struck. \nUnions called it.')).toBe('They struck.\n\nUnions called it.');
    expect(readDescription('The union said “no.”\n\nIt went on.')).toBe('The union said “no.”\n\nIt went on.');
  });

  it('reads a line break inside a sentence as a space (id 449)', () => {
    expect(readDescription('A former employee of Chef, a Seattle-based tech firm,\nprotested.')).toBe(
      'A former employee of Chef, a Seattle-based tech firm, protested.',
    );
  });
});

describe('actionTitle', () => {
  const company = (name: string) => ({ raw: name.toLowerCase(), company: { name } });
  it('says what and which companies, without saying who acted', () => {
    expect(actionTitle({ forms: ['open letter'], companies: [company('Salesforce')], manyCompanies: false })).toBe(
      'Open letter involving Salesforce',
    );
    // Id 118: Stanford students protesting Palantir, not Palantir's or Salesforce's workers.
    expect(
      actionTitle({
        forms: ['protest'],
        companies: [company('Palantir'), company('Salesforce')],
        manyCompanies: false,
      }),
    ).toBe('Protest involving Palantir and Salesforce');
    expect(
      actionTitle({
        forms: ['protest', 'strike'],
        companies: [company('Amazon'), company('Deliveroo')],
        manyCompanies: false,
      }),
    ).toBe('Protest and strike involving Amazon and Deliveroo');
    expect(actionTitle({ forms: ['protest'], companies: [], manyCompanies: true })).toBe(
      'Protest by workers of many companies',
    );
    // Id 256: its only company is "na", which the data set does not explain as many companies.
    expect(actionTitle({ forms: ['open letter'], companies: [], manyCompanies: false })).toBe(
      'Open letter with no company named',
    );
    expect(actionTitle({ forms: [], companies: ['A', 'B', 'C', 'D'].map(company), manyCompanies: false })).toBe(
      'Collective action involving 4 companies',
    );
    // "Resources" alone does not say what workers did: built resources for each other.
    expect(actionTitle({ forms: ['resources'], companies: [company('IBM')], manyCompanies: false })).toBe(
      'Worker resources involving IBM',
    );
    expect(
      actionTitle({ forms: ['protest', 'resources'], companies: [company('Microsoft')], manyCompanies: false }),
    ).toBe('Protest and worker resources involving Microsoft');
  });

  it("names the companies a stored action is linked to when they are given, not the file's", () => {
    const action = { forms: ['protest'], companies: [company('Amazon')], manyCompanies: false };
    expect(actionTitle(action, ['Amazon', 'Deliveroo'])).toBe('Protest involving Amazon and Deliveroo');
    expect(actionTitle({ ...action, companies: [], manyCompanies: true }, ['Amazon'])).toBe('Protest involving Amazon');
  });
});
