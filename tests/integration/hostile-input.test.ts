import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/roles';
import {
  ChangeRejected,
  publishChange,
  rejectChange,
  submitChange,
  withdrawChange,
  type EditableType,
} from '@/lib/data/changes';
import { createUser } from '@/lib/records/users';
import { DIRECTION_CONTROLS, INVISIBLE_SPACES, withoutInvisibleSpaces } from '@/lib/text';
import { withDemoDatabase } from '../helpers/data-layer';
import { HOSTILE_INPUTS, inputsOf, stringInputs, type HostileInput } from '../helpers/hostile-inputs';

/*
 * Every hostile input of the corpus through submitChange, in every text, url, amount and date field
 * of every editable record type. Each must end in one of two ways: a ChangeRejected naming the
 * field (and nothing stored), or acceptance with the text stored exactly as given (after the trim
 * the forms promise). Never another exception, never a PostgreSQL error.
 */

const database = withDemoDatabase();
const users = {} as Record<'editor' | 'reviewer', SessionUser>;
const ids = {} as Record<'salesforce' | 'dhs' | 'ice', string>;

beforeAll(async () => {
  for (const [key, role] of [
    ['editor', 'EDITOR'],
    ['reviewer', 'REVIEWER'],
  ] as const) {
    const email = `hostile-${key}@test.example`;
    const { id } = await createUser(database().client, { email, name: key, role, password: 'a-long-test-password' });
    users[key] = { id, email, name: key, role };
  }
  const one = async (sql: string) => (await database().query<{ id: string }>(sql))[0]!.id;
  ids.salesforce = await one(`SELECT id FROM companies WHERE slug = 'salesforce'`);
  ids.dhs = await one(`SELECT id FROM agencies WHERE slug = 'dhs'`);
  ids.ice = await one(`SELECT id FROM agencies WHERE slug = 'ice'`);
});

const changeCount = async () =>
  Number((await database().query<{ n: string }>('SELECT count(*) AS n FROM change_requests'))[0]!.n);

/** A valid payload of each type, which the tests spoil one field at a time. */
const BASE: Record<EditableType, () => Record<string, unknown>> = {
  DONATION_RESPONSE: () => ({
    company: { id: ids.salesforce },
    organization: null,
    date: '2019-03',
    response: 'REJECTED',
    amount: '50000',
    currency: 'USD',
    amountUndisclosed: false,
    reason: 'Tied to the CBP contract.',
    quote: 'We will not take it.',
    quoteAttribution: 'A director',
    sources: [{ url: 'https://example.org/news/fund-rejects-gift' }],
  }),
  EMPLOYEE_ACTION: () => ({
    title: 'A walkout',
    description: 'Employees walked out.',
    date: '2019',
    companies: [{ id: ids.salesforce }],
    formSlugs: ['walkout'],
    participantsMin: 10,
    participantsMax: 20,
    participantsText: 'dozens',
    demands: 'End the contract.',
    outcome: 'UNKNOWN',
    outcomeNote: 'Unknown so far.',
    sources: [{ url: 'https://example.org/a' }],
  }),
  COMPANY: () => ({
    name: 'Hostile Input Testing Corporation',
    confirmNew: true,
    sector: 'Software',
    hqCountry: 'US',
    website: 'https://example.org',
    ticker: 'HIT',
    description: 'A company made up for the tests.',
    sources: [{ url: 'https://example.org/c' }],
  }),
  CONTRACT: () => ({
    company: { id: ids.salesforce },
    agencyId: ids.dhs,
    subAgencyId: ids.ice,
    title: 'Example cloud services',
    purpose: 'Cloud.',
    piid: 'HSCEMD-19-C-00001',
    obligatedAmount: '1000',
    potentialAmount: '2000',
    awardDate: '2019-09',
    contractStatus: 'ACTIVE',
    sources: [{ url: 'https://example.org/contract' }],
  }),
  COMPANY_STATEMENT: () => ({
    company: { id: ids.salesforce },
    date: '2019-10-02',
    kind: 'STATEMENT',
    summary: 'The company defended the contract.',
    quote: 'We are proud of our work.',
    speaker: 'A spokesperson',
    sources: [{ url: 'https://example.org/statement' }],
  }),
  AGENCY: () => ({
    name: 'Office of Hostile Input Testing',
    // Each text makes another agency, named like the one before: not a near-duplicate to ask about.
    confirmNew: true,
    acronym: 'OHIT',
    parentId: ids.dhs,
    country: 'US',
    level: 'FEDERAL',
    website: 'https://example.gov',
    sources: [{ url: 'https://example.org/agency' }],
  }),
  ORGANIZATION: () => ({
    name: 'Hostile Input Defence Fund',
    // Each text makes another organisation, named like the one before: not a near-duplicate to ask about.
    confirmNew: true,
    acronym: 'HIDF',
    kind: 'NGO',
    country: 'US',
    website: 'https://example.org/fund',
    description: 'An organisation made up for the tests.',
    sources: [{ url: 'https://example.org/organization' }],
  }),
};

type FieldKind =
  | 'text'
  | 'ticker'
  | 'url'
  | 'amount'
  | 'date'
  | 'number'
  | 'party'
  | 'parties'
  | 'code'
  | 'names'
  // A part of a new citation without a url (the form's citationPublisher, citationTitle, citationDate).
  | 'citation'
  // A term of a vocabulary, ticked by its slug (an action's forms, issues, tags, employment types): none of these is one.
  | 'term';
const FIELDS: Record<EditableType, [string, FieldKind][]> = {
  DONATION_RESPONSE: [
    ['reason', 'text'],
    ['quote', 'text'],
    ['quoteAttribution', 'text'],
    ['organization', 'party'],
    ['sources', 'url'],
    ['amount', 'amount'],
    ['currency', 'code'],
    ['date', 'date'],
  ],
  EMPLOYEE_ACTION: [
    ['title', 'text'],
    ['description', 'text'],
    ['participantsText', 'text'],
    ['demands', 'text'],
    ['outcomeNote', 'text'],
    ['organizations', 'parties'],
    ['participantsMin', 'number'],
    ['sources', 'url'],
    ['date', 'date'],
    ['formSlugs', 'term'],
    ['issueSlugs', 'term'],
    ['tagSlugs', 'term'],
    ['employmentTypeSlugs', 'term'],
  ],
  COMPANY: [
    ['name', 'text'],
    ['sector', 'text'],
    ['ticker', 'ticker'],
    ['description', 'text'],
    ['aliases', 'names'],
    ['website', 'url'],
    ['hqCountry', 'code'],
  ],
  CONTRACT: [
    ['title', 'text'],
    ['purpose', 'text'],
    ['piid', 'text'],
    ['company', 'party'],
    ['sources', 'url'],
    ['obligatedAmount', 'amount'],
    ['potentialAmount', 'amount'],
    ['awardDate', 'date'],
  ],
  COMPANY_STATEMENT: [
    ['summary', 'text'],
    ['quote', 'text'],
    ['speaker', 'text'],
    ['sources', 'url'],
    ['date', 'date'],
    ['citationPublisher', 'citation'],
    ['citationTitle', 'citation'],
    ['citationDate', 'citation'],
  ],
  AGENCY: [
    ['name', 'text'],
    ['acronym', 'text'],
    ['aliases', 'names'],
    ['website', 'url'],
    ['sources', 'url'],
    ['country', 'code'],
  ],
  ORGANIZATION: [
    ['name', 'text'],
    ['acronym', 'text'],
    ['description', 'text'],
    ['website', 'url'],
    ['sources', 'url'],
    ['country', 'code'],
  ],
};

/** The inputs relevant to each kind of field. */
const RELEVANT: Record<FieldKind, readonly HostileInput[]> = {
  text: HOSTILE_INPUTS.filter((input) => input.group !== 'date'),
  ticker: HOSTILE_INPUTS.filter((input) => input.group !== 'date'),
  party: inputsOf('script', 'sql', 'unicode', 'long', 'wrong-type'),
  parties: inputsOf('script', 'sql', 'unicode', 'long', 'wrong-type'),
  names: inputsOf('script', 'sql', 'unicode', 'long', 'wrong-type'),
  url: inputsOf('url', 'script', 'unicode', 'path', 'wrong-type', 'long'),
  amount: inputsOf('number', 'sql', 'unicode', 'wrong-type'),
  number: inputsOf('number', 'wrong-type'),
  date: inputsOf('date', 'number', 'sql', 'unicode', 'wrong-type'),
  code: inputsOf('script', 'sql', 'unicode', 'wrong-type'),
  citation: HOSTILE_INPUTS,
  term: inputsOf('script', 'sql', 'unicode', 'long', 'path', 'wrong-type'),
};

/** The part of a citation a form field gives, and a whole citation for the other parts. */
const CITATION_PART: Record<string, 'publisher' | 'title' | 'date'> = {
  citationPublisher: 'publisher',
  citationTitle: 'title',
  citationDate: 'date',
};
const WHOLE_CITATION = { publisher: 'Daily Planet', title: 'Workers walk out', date: '2019-03' };

/** Rules across two fields (low end above high end) put their message on the other one. */
const RELATED: Record<string, string> = { participantsMin: 'participantsMax', obligatedAmount: 'potentialAmount' };

/** Puts a hostile value where a field's value goes (inside a party or a source for those kinds). */
function place(kind: FieldKind, field: string, value: unknown): unknown {
  if (kind === 'url') return field === 'sources' ? [{ url: value }] : value;
  if (kind === 'citation') return [{ citation: { ...WHOLE_CITATION, [CITATION_PART[field]!]: value } }];
  if (kind === 'party') return { newName: value, confirmNew: true };
  // A list of companies or organisations (an action's): the value as a new one's name.
  if (kind === 'parties') return [{ newName: value, confirmNew: true }];
  // A list of names (other names of a company or agency), or of terms: the value as one of them.
  if (kind === 'names' || kind === 'term') return [value];
  return value;
}

/** What the stored payload must hold for an accepted value: the value as given, trimmed. */
function expectedStored(kind: FieldKind, given: unknown, field: string): unknown {
  if (typeof given !== 'string') return undefined;
  // Text as it reads: without the invisible spaces pasted along with it (lib/text.ts).
  const value = withoutInvisibleSpaces(given);
  // A citation's publisher and heading with their spaces collapsed, as the record stores them.
  if (kind === 'citation') return CITATION_PART[field] === 'date' ? undefined : value.replace(/\s+/g, ' ').trim();
  if (kind === 'text' || kind === 'party' || kind === 'parties') return value.trim();
  // A ticker is kept in capitals, as exchanges write it.
  if (kind === 'ticker') return value.trim().toUpperCase();
  if (kind === 'names') return [value.trim()];
  return undefined;
}

async function outcome(recordType: EditableType, payload: unknown, note?: string) {
  try {
    const { id } = await submitChange({ user: users.editor, recordType, payload, note });
    return { id } as const;
  } catch (error) {
    return { error } as const;
  }
}

describe('every hostile input in every field: a field message or exact storage', () => {
  /** The changes filed so far: an input the form's rules turn into a payload already sent is that sending. */
  const filed = new Set<string>();
  for (const [recordType, fields] of Object.entries(FIELDS) as [EditableType, [string, FieldKind][]][]) {
    for (const [field, kind] of fields) {
      it(`${recordType}.${field} (${kind}, ${RELEVANT[kind].length} inputs)`, async () => {
        const problems: string[] = [];
        for (const input of RELEVANT[kind]) {
          const payload = {
            ...BASE[recordType](),
            [kind === 'citation' ? 'sources' : field]: place(kind, field, input.value),
          };
          const before = await changeCount();
          const result = await outcome(recordType, payload);
          const after = await changeCount();
          if ('error' in result) {
            const error = result.error;
            if (!(error instanceof ChangeRejected)) {
              problems.push(`${input.label}: threw ${String(error).slice(0, 300)}`);
            } else if (Object.keys(error.fields).length === 0) {
              problems.push(`${input.label}: refused without a field message (${error.message})`);
            } else if (!Object.keys(error.fields).some((name) => name === field || name === RELATED[field])) {
              problems.push(`${input.label}: refused, but the message is on ${Object.keys(error.fields).join(', ')}`);
            }
            if (after !== before) problems.push(`${input.label}: refused, yet a change request was stored`);
            continue;
          }
          if (kind === 'term') problems.push(`${input.label}: accepted as a term of the vocabulary`);
          // An input that normalises to the payload of one sent just before is that sending again.
          const sentAgain = after === before && filed.has(result.id);
          if (after !== before + 1 && !sentAgain) {
            problems.push(`${input.label}: accepted, but ${after - before} rows were stored`);
          }
          filed.add(result.id);
          const expected = expectedStored(kind, input.value, field);
          if (expected !== undefined) {
            const [row] = await database().query<{ payload: Record<string, unknown> }>(
              'SELECT payload FROM change_requests WHERE id = $1',
              [result.id],
            );
            const stored =
              kind === 'party'
                ? (row?.payload[field] as { newName?: unknown })?.newName
                : kind === 'parties'
                  ? (row?.payload[field] as { newName?: unknown }[])?.[0]?.newName
                  : kind === 'citation'
                    ? (row?.payload.sources as { citation?: Record<string, unknown> }[])?.[0]?.citation?.[
                        CITATION_PART[field]!
                      ]
                    : row?.payload[field];
            // Optional fields store an empty text as null.
            if (JSON.stringify(stored) !== JSON.stringify(expected === '' ? null : expected)) {
              problems.push(`${input.label}: stored ${JSON.stringify(stored)?.slice(0, 80)}, not the text given`);
            }
          }
        }
        expect(problems.join('\n')).toBe('');
      });
    }
  }

  it('refuses a name or another name over two lines, which lists and exports hold one per line', async () => {
    for (const [recordType, field, value, message] of [
      ['COMPANY', 'name', 'Example\nTwo Lines Inc', 'The name must be on one line.'],
      ['COMPANY', 'aliases', ['Example\r\nOther Name'], 'Another name must be on one line.'],
      ['AGENCY', 'aliases', ['Office\u2028of Two Lines'], 'Another name must be on one line.'],
      ['ORGANIZATION', 'name', 'Two\rLines Fund', 'The name must be on one line.'],
    ] as const) {
      const before = await changeCount();
      const result = await outcome(recordType, { ...BASE[recordType](), [field]: value });
      expect('error' in result && result.error, `${recordType}.${field}`).toBeInstanceOf(ChangeRejected);
      expect((result as { error: ChangeRejected }).error.fields[field]).toEqual([message]);
      expect(await changeCount()).toBe(before);
    }
  });

  it('refuses a NUL byte and lone surrogates in text fields with a clear message', async () => {
    for (const value of ['before\u0000after', 'a\uD800b', 'a\uDC00b']) {
      const before = await changeCount();
      const result = await outcome('COMPANY_STATEMENT', { ...BASE.COMPANY_STATEMENT(), summary: value });
      expect('error' in result && result.error).toBeInstanceOf(ChangeRejected);
      const error = (result as { error: ChangeRejected }).error;
      expect(error.fields.summary?.join(' ')).toMatch(/cannot contain/);
      expect(await changeCount()).toBe(before);
    }
  });

  it('refuses the invisible controls that make text read backwards, in a name, a text and the note', async () => {
    for (const value of ['Zeta\u202Egnp.exe Corp', 'a\u202Bb', 'a\u2067b\u2069']) {
      for (const [recordType, field] of [
        ['COMPANY', 'name'],
        ['COMPANY_STATEMENT', 'summary'],
      ] as const) {
        const before = await changeCount();
        const result = await outcome(recordType, { ...BASE[recordType](), [field]: value });
        expect('error' in result && result.error, `${recordType}.${field}`).toBeInstanceOf(ChangeRejected);
        const { fields } = (result as { error: ChangeRejected }).error;
        expect(fields[field]?.join(' ')).toMatch(/cannot contain invisible text-direction controls/);
        expect(await changeCount()).toBe(before);
      }
      const noted = await outcome('COMPANY_STATEMENT', BASE.COMPANY_STATEMENT(), value);
      expect((noted as { error: ChangeRejected }).error.fields.note?.join(' ')).toMatch(/text-direction controls/);
    }
    // Right-to-left letters, with the marks that reorder nothing around them, are kept.
    const hebrew = 'חברה\u200F בע״מ';
    const kept = await outcome('COMPANY_STATEMENT', { ...BASE.COMPANY_STATEMENT(), summary: hebrew });
    expect(kept).toHaveProperty('id');
  });

  it('keeps text as it reads, without the invisible spaces pasted along with it, and keeps the joiners words need', async () => {
    for (const value of ['Walk\u200Bout at ICE', 'Walk\u2060out at ICE', 'Walk\uFEFFout at ICE']) {
      for (const [recordType, field] of [
        ['EMPLOYEE_ACTION', 'title'],
        ['COMPANY_STATEMENT', 'summary'],
      ] as const) {
        const result = await outcome(recordType, { ...BASE[recordType](), [field]: value });
        expect(result, `${recordType}.${field}`).toHaveProperty('id');
        const [row] = await database().query<{ text: string }>(
          `SELECT payload->>'${field}' AS text FROM change_requests WHERE id = $1`,
          [(result as { id: string }).id],
        );
        expect(row?.text, `${recordType}.${field}`).toBe('Walkout at ICE');
        await database().query(`DELETE FROM change_requests WHERE id = $1`, [(result as { id: string }).id]);
      }
    }
    // A Persian word's non-joiner and an emoji's joiner are letters' business: kept.
    for (const summary of ['می\u200Cخواهم', 'Workers \u{1F469}\u200D\u{1F4BB} walked out']) {
      expect(await outcome('COMPANY_STATEMENT', { ...BASE.COMPANY_STATEMENT(), summary })).toHaveProperty('id');
    }
  });

  it('the note for the reviewer: hostile text is refused or kept, never a database error', async () => {
    const problems: string[] = [];
    for (const { label, value } of stringInputs('script', 'sql', 'unicode', 'long')) {
      const result = await outcome('COMPANY_STATEMENT', BASE.COMPANY_STATEMENT(), value);
      if ('error' in result && !(result.error instanceof ChangeRejected)) {
        problems.push(`${label}: threw ${String(result.error).slice(0, 200)}`);
      }
    }
    expect(problems.join('\n')).toBe('');
  });

  it('hostile change ids and revision marks (revise, send again, withdraw, decide) are refused, nothing written', async () => {
    const { id: waiting } = await submitChange({
      user: users.editor,
      recordType: 'COMPANY_STATEMENT',
      payload: BASE.COMPANY_STATEMENT(),
    });
    const snapshot = async () =>
      JSON.stringify(
        await database().query(`SELECT id, status, payload, form, revised_at FROM change_requests ORDER BY id`),
      );
    const before = await snapshot();
    const problems: string[] = [];
    for (const { label, value } of stringInputs('sql', 'path', 'unicode', 'long', 'script')) {
      const attempts: [string, () => Promise<unknown>][] = [
        ['withdraw', () => withdrawChange({ user: users.editor, changeId: value })],
        [
          'revise',
          () =>
            submitChange({
              user: users.editor,
              recordType: 'COMPANY_STATEMENT',
              payload: BASE.COMPANY_STATEMENT(),
              changeId: value,
            }),
        ],
        [
          'send again',
          () =>
            submitChange({
              user: users.editor,
              recordType: 'COMPANY_STATEMENT',
              // Not the waiting change again (which a second sending of its form would be, and be given).
              payload: { ...BASE.COMPANY_STATEMENT(), summary: 'The company defended the contract again.' },
              form: { values: {}, from: value },
            }),
        ],
        ['publish', () => publishChange({ user: users.reviewer, changeId: waiting, seen: value })],
        ['reject', () => rejectChange({ user: users.reviewer, changeId: waiting, reason: 'No.', seen: value })],
        ['publish as the change', () => publishChange({ user: users.reviewer, changeId: value })],
        ['reject as the change', () => rejectChange({ user: users.reviewer, changeId: value, reason: 'No.' })],
      ];
      for (const [what, attempt] of attempts) {
        const error = await attempt().then(
          () => new Error('accepted'),
          (caught: unknown) => caught,
        );
        if (!(error instanceof ChangeRejected)) problems.push(`${what} ${label}: ${String(error).slice(0, 200)}`);
      }
    }
    expect(problems.join('\n')).toBe('');
    expect(await snapshot()).toBe(before);
    await database().query(`DELETE FROM change_requests WHERE id = $1`, [waiting]);
  });

  it('whole payloads of the wrong type are refused cleanly', async () => {
    for (const recordType of Object.keys(FIELDS) as EditableType[]) {
      for (const { label, value } of [...inputsOf('wrong-type'), { label: 'a string', value: '<script>' }]) {
        const before = await changeCount();
        const result = await outcome(recordType, value);
        expect('error' in result && result.error, `${recordType} ${label}`).toBeInstanceOf(ChangeRejected);
        expect(await changeCount()).toBe(before);
      }
    }
  });
});

describe('storable hostile text is published and read back exactly', () => {
  const STORABLE = [
    ...stringInputs('script', 'sql'),
    ...stringInputs('unicode').filter(
      ({ value }) =>
        !/\u0000|[\uD800-\uDFFF]/u.test(value) &&
        !DIRECTION_CONTROLS.test(value) &&
        !INVISIBLE_SPACES.test(value) &&
        value.trim() !== '',
    ),
  ];
  const TEXT_FIELDS: Record<EditableType, string[]> = {
    DONATION_RESPONSE: ['reason', 'quote', 'quoteAttribution'],
    EMPLOYEE_ACTION: ['title', 'description', 'participantsText', 'demands', 'outcomeNote'],
    COMPANY: ['name', 'sector', 'description'],
    CONTRACT: ['title', 'purpose', 'piid'],
    COMPANY_STATEMENT: ['summary', 'quote', 'speaker'],
    AGENCY: ['name'],
    ORGANIZATION: ['name', 'description'],
  };
  const read = {
    DONATION_RESPONSE: (id: string) => database().client.donationResponse.findUniqueOrThrow({ where: { id } }),
    EMPLOYEE_ACTION: (id: string) => database().client.employeeAction.findUniqueOrThrow({ where: { id } }),
    COMPANY: (id: string) => database().client.company.findUniqueOrThrow({ where: { id } }),
    CONTRACT: (id: string) => database().client.governmentContract.findUniqueOrThrow({ where: { id } }),
    COMPANY_STATEMENT: (id: string) => database().client.companyStatement.findUniqueOrThrow({ where: { id } }),
    AGENCY: (id: string) => database().client.agency.findUniqueOrThrow({ where: { id } }),
    ORGANIZATION: (id: string) => database().client.organization.findUniqueOrThrow({ where: { id } }),
  } as Record<EditableType, (id: string) => Promise<Record<string, unknown>>>;

  for (const recordType of Object.keys(TEXT_FIELDS) as EditableType[]) {
    it(`${recordType}: ${STORABLE.length} texts`, async () => {
      const fields = TEXT_FIELDS[recordType];
      // Each published record carries several inputs at once, one per text field, rotating through the list.
      for (let start = 0; start < STORABLE.length; start += fields.length) {
        const payload: Record<string, unknown> = BASE[recordType]();
        const expected: Record<string, string> = {};
        fields.forEach((field, offset) => {
          const input = STORABLE[(start + offset) % STORABLE.length]!;
          // Within every field's limit (100 UTF-16 units), without splitting a surrogate pair.
          let value = input.value.slice(0, 90).replace(/[\uD800-\uDBFF]$/, '');
          // A name must be unique: keep the hostile text, make the name its own; and on one line
          // (one over two lines is refused, above).
          if (field === 'name') value = `${value.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ')} ${start}`;
          payload[field] = value;
          expected[field] = value.trim();
        });
        // Nor may two agencies share an acronym.
        if (recordType === 'AGENCY') payload.acronym = `OHIT${start}`;
        const { id } = await submitChange({ user: users.editor, recordType, payload }).catch((error: unknown) => {
          throw new Error(`${JSON.stringify(expected)} refused: ${JSON.stringify((error as ChangeRejected).fields)}`);
        });
        const { recordId } = await publishChange({ user: users.reviewer, changeId: id });
        const record = await read[recordType](recordId);
        for (const field of fields) expect(record[field], `${recordType}.${field}`).toBe(expected[field]);
      }
    });
  }

  it('an organisation named with a script payload is stored exactly and gets a safe slug', async () => {
    const name = '<img src=x onerror=window.__pwned=1> Fund';
    const { id } = await submitChange({
      user: users.editor,
      recordType: 'DONATION_RESPONSE',
      payload: { ...BASE.DONATION_RESPONSE(), organization: { newName: name, confirmNew: true } },
    });
    const { recordId } = await publishChange({ user: users.reviewer, changeId: id });
    const [row] = await database().query<{ name: string; slug: string }>(
      'SELECT o.name, o.slug FROM donation_responses d JOIN organizations o ON o.id = d.organization_id WHERE d.id = $1',
      [recordId],
    );
    expect(row?.name).toBe(name);
    expect(row?.slug).toMatch(/^[a-z0-9-]{1,100}$/);
  });
});
