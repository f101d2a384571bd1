import { z } from 'zod';
import { parsePreciseDate, type PreciseDate } from '../dates';
import { normalizeSourceUrl } from '../urls';
import { plural, UNSTORABLE } from '../text';
import { canonicalCompany, type CanonicalCompany } from './company-names';
import { participantWords } from './participant-words';
import { parsePlace, type Place } from './places';

/** One action of the Collective Action in Tech data set, checked and normalised. */
export interface CollectiveAction {
  externalId: string;
  date: PreciseDate;
  description: string;
  sourceUrls: string[];
  /** Urls an earlier import read from entries this one reads otherwise (several urls run together,
   *  the first half of a url cut in two): a re-import removes the links it made to them. */
  misreadSourceUrls: string[];
  forms: string[];
  issues: string[];
  employmentTypes: string[];
  tags: string[];
  companies: { raw: string; company: CanonicalCompany }[];
  /** The data set names no company (null): "workers of many companies acted together". */
  manyCompanies: boolean;
  places: Place[];
  online: boolean | null;
  workers: number | null;
  /** The description's words for that number when they are vague ("hundreds of workers"). */
  participantsText: string | null;
}

/** Something the importer left out of a record without rejecting it, and why. */
export interface Skipped {
  externalId: string;
  field: string;
  value: string;
  reason: string;
}

export interface ParsedCollectiveActionFile {
  actions: CollectiveAction[];
  skipped: Skipped[];
}

/**
 * The file cannot be imported; `problems` names each record and field at fault. The message holds
 * them too (a command prints it); `summary` is the message without them, for a page that lists them.
 */
export class ImportFileError extends Error {
  constructor(
    readonly summary: string,
    readonly problems: string[] = [],
    /** How many problems there are in all, when `problems` lists only the first. */
    readonly count: number = problems.length,
  ) {
    super(problems.length ? `${summary}\n${problems.map((problem) => `  - ${problem}`).join('\n')}` : summary);
    this.name = 'ImportFileError';
  }
}

/**
 * A text PostgreSQL can hold: a NUL byte or half of a broken character (\u0000, a lone \ud800 in
 * the JSON) cannot be stored, and is said with the record and field rather than failing the import.
 */
const text = (params?: Parameters<typeof z.string>[0]) =>
  z
    .string(params)
    .refine((value) => !UNSTORABLE.test(value), 'holds a NUL byte or a broken character, which cannot be stored');
const stringList = z.array(text()).nullable().optional();

/** A field's message: missing, or there but of another type ("sources": "a url" is not a list). */
const missingOr =
  (expected: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? `is missing (expected ${expected})` : `must be ${expected}`;

const MAX_WORKERS = 2_147_483_647;

const recordSchema = z.object({
  id: z.number({ error: 'must be a number' }).int('must be a whole number').positive('must be positive'),
  date: text({ error: missingOr('a text "YYYY/MM/DD"') }),
  sources: z.array(text(), { error: missingOr('a list of urls') }).min(1, 'is empty: every action needs a source'),
  description: text({ error: missingOr('a text') })
    .trim()
    .min(1, 'is empty'),
  actions: z.array(text(), { error: missingOr('a list of action forms') }),
  struggles: stringList,
  employment_types: stringList,
  tags: stringList,
  companies: stringList,
  locations: stringList,
  online: z.boolean({ error: 'must be true, false or null' }).nullable().optional(),
  workers: z
    .number({ error: 'must be a number or null' })
    .int('must be a whole number')
    .nonnegative('cannot be negative')
    // The most a count of people is stored as (PostgreSQL's integer): billions are no count of workers.
    .max(MAX_WORKERS, `is more than ${MAX_WORKERS.toLocaleString('en-US')}`)
    .nullable()
    .optional(),
});

const MAX_FILE_BYTES = 50 * 1024 * 1024;

/**
 * JSON's own message with the line and column of the position it names ("… at position 5120"),
 * which a person finds in an editor; a byte-order mark taken off the text is counted back.
 */
function withLine(message: string, text: string): string {
  const found = /at position (\d+)/.exec(message);
  if (!found) return message;
  const before = text.replace(/^\uFEFF/, '').slice(0, Number(found[1]));
  const lines = before.split('\n');
  return `${message.replace(/\s*\(line \d+ column \d+\)$/, '')} (line ${lines.length}, column ${(lines.at(-1) ?? '').length + 1})`;
}

/**
 * Reads actions.json. Every problem in the file is collected and reported at once, naming the
 * record and the field; a file with any problem is rejected whole. Defects the data set is known
 * to have that lose nothing (an empty url beside good ones, an unknown "na") are skipped and listed.
 */
export function parseCollectiveActionFile(text: string): ParsedCollectiveActionFile {
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) throw new ImportFileError('The file is larger than 50 MB.');
  // A byte-order mark (an editor on Windows may save the file with one) is not part of the JSON.
  const body = text.replace(/^\uFEFF/, '');
  const start = body.trimStart();
  // An archive, read as text, is not echoed back as what a parser made of its bytes.
  if (start.startsWith('PK\u0003\u0004')) {
    throw new ImportFileError("This is a zip archive: unzip it and import the data set's actions.json inside.");
  }
  if (start.charCodeAt(0) === 0x1f)
    throw new ImportFileError('This is a gzip-compressed file: decompress it and import the JSON file.');
  // Another kind of file (a CSV, a web page): said so, with its first words, not as a misplaced token.
  if (start && !/^[[{]/.test(start)) {
    const opening = start.slice(0, 40).replace(/[^\p{L}\p{N}\p{P}\p{Zs}]/gu, ' ');
    throw new ImportFileError(
      `The file is not JSON: it begins “${opening}${start.length > 40 ? '…' : ''}”. The importer reads the data set's actions.json, a JSON list of actions.`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    throw new ImportFileError(`The file is not valid JSON: ${withLine((error as Error).message, text)}`);
  }
  if (!Array.isArray(data)) {
    throw new ImportFileError("The file must hold a JSON list of actions (the data set's actions.json).");
  }
  if (data.length === 0)
    throw new ImportFileError('The file holds an empty list: no action to import (was the download cut short?).');

  const problems: string[] = [];
  const skipped: Skipped[] = [];
  const actions: CollectiveAction[] = [];
  const seenIds = new Set<number>();

  data.forEach((item, index) => {
    const where = `record ${index + 1}${isObject(item) && 'id' in item ? ` (id ${String(item.id)})` : ''}`;
    const parsed = recordSchema.safeParse(item);
    const failed = new Set<string>();
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.join('.') || 'record';
        failed.add(String(issue.path[0] ?? 'record'));
        problems.push(`${where}, field "${field}": ${field === 'record' ? 'must be an object' : issue.message}`);
      }
    }
    // The id and the date are checked in a record whose other fields failed too, so that one run
    // names every problem.
    const fields = isObject(item) && !failed.has('record') ? item : {};
    const repeated = !failed.has('id') && typeof fields.id === 'number' && seenIds.has(fields.id);
    if (repeated) problems.push(`${where}, field "id": the id ${String(fields.id)} appears more than once`);
    else if (!failed.has('id') && typeof fields.id === 'number') seenIds.add(fields.id);
    const date = !failed.has('date') && typeof fields.date === 'string' ? readRecordDate(fields.date) : null;
    if (date && 'problem' in date) problems.push(`${where}, field "date": ${date.problem}`);
    if (!parsed.success || repeated || !date || 'problem' in date) return;

    const record = parsed.data;
    const externalId = String(record.id);
    const dated = actionDate(record.date.trim(), date.date, record.description);
    if (dated.note) skipped.push({ externalId, field: 'date', value: record.date, reason: dated.note });

    const sourceUrls: string[] = [];
    for (const raw of record.sources) {
      const count = urlsInEntry(raw).length;
      if (count > 1)
        skipped.push({ externalId, field: 'sources', value: raw, reason: `holds ${count} urls: each is kept` });
    }
    for (const source of readSourceUrls(record.sources)) {
      if (source.ok) {
        if (!sourceUrls.includes(source.url)) sourceUrls.push(source.url);
        if (source.note) skipped.push({ externalId, field: 'sources', value: source.raw, reason: source.note });
      } else {
        skipped.push({ externalId, field: 'sources', value: source.raw, reason: source.reason });
      }
    }
    if (sourceUrls.length === 0) {
      problems.push(`${where}, field "sources": none of its ${record.sources.length} source(s) is a usable url`);
      return;
    }

    const companies: CollectiveAction['companies'] = [];
    for (const raw of record.companies ?? []) {
      const company = canonicalCompany(raw);
      if (company) companies.push({ raw, company });
      else skipped.push({ externalId, field: 'companies', value: raw, reason: 'means "no company" in the data set' });
    }

    const places: Place[] = [];
    let online = record.online ?? null;
    for (const raw of record.locations ?? []) {
      const place = parsePlace(raw);
      if (place === 'online') online = true;
      else if (place) places.push(place);
    }

    const description = readDescription(record.description);
    actions.push({
      externalId,
      date: dated.date,
      description,
      sourceUrls,
      misreadSourceUrls: misreadSourceUrls(record.sources, sourceUrls),
      forms: record.actions,
      issues: record.struggles ?? [],
      employmentTypes: record.employment_types ?? [],
      tags: record.tags ?? [],
      companies,
      manyCompanies: record.companies === null,
      places,
      online,
      workers: record.workers ?? null,
      participantsText: participantWords(description, record.workers ?? null),
    });
  });

  if (problems.length) {
    throw new ImportFileError(
      `The file has ${plural(problems.length, 'problem', 'problems')}; nothing was imported.`,
      problems,
    );
  }
  return { actions, skipped };
}

/** A record's date read, or what is wrong with it. */
function readRecordDate(raw: string): { date: PreciseDate } | { problem: string } {
  const date = parsePreciseDate(raw);
  if (!date || !/^\d{4}\/\d{2}\/\d{2}$/.test(raw.trim())) {
    return { problem: `"${raw}" is not a real date in the form YYYY/MM/DD` };
  }
  if (date.date.getTime() > Date.now()) return { problem: `${raw} is in the future` };
  return { date };
}

/**
 * The date an action is stored at, and a note when it is not the file's. The data set writes a
 * date it knows only to the year as 1 January (ids 314, 323, 324: 1970, 1973, 2020), so 1 January
 * is read as its year unless the description names that day. (1970/01/01 is also the Unix epoch,
 * which tools write for no date; id 314 has no other date, so the year the data set gives is kept,
 * said to be a year and no more, as for the others.)
 */
function actionDate(raw: string, date: PreciseDate, description: string): { date: PreciseDate; note?: string } {
  const year = raw.slice(0, 4);
  if (raw.endsWith('/12/31') && datesOnlyToYear(description, year) && !namesNewYearsEve(description)) {
    return {
      date: { date: new Date(Date.UTC(Number(year), 0, 1)), precision: 'YEAR' },
      note: `31 December, a day the description does not name for what it dates "in ${year}": read as the year ${year}`,
    };
  }
  if (!raw.endsWith('/01/01') || namesNewYearsDay(description)) return { date };
  return {
    date: { date: date.date, precision: 'YEAR' },
    note: `1 January, a day the description does not name: read as the year ${year}`,
  };
}

/**
 * Whether a description dates what happened by its year alone ("was founded in 2018"): the data set
 * then writes the last day of that year (id 542), a day no source gives.
 */
const datesOnlyToYear = (text: string, year: string) =>
  new RegExp(`\\bin (?:early |mid-?|late )?${year}\\b`, 'i').test(text);

/** Whether a text names 31 December ("December 31", "Dec. 31st", "31 December", "New Year's Eve"). */
const namesNewYearsEve = (text: string) =>
  /\b(?:december|dec\.?)\s+31(?:st)?\b|\b31(?:st)?\s+(?:of\s+)?december\b|\bnew year'?s eve/i.test(text);

/** Whether a text names 1 January ("January 1", "Jan. 1st", "1 January", "New Year's Day"). */
const namesNewYearsDay = (text: string) =>
  /\b(?:january|jan\.?)\s+1(?:st)?\b|\b1(?:st)?\s+(?:of\s+)?january\b|\bnew year/i.test(text);

/**
 * A description with its paragraphs: a line break after the end of a sentence is kept (as a blank
 * line, which the action page shows as a new paragraph); one inside a sentence is a hard wrap in
 * the data set (id 449: "a Seattle-based tech firm,\nprotested") and reads as a space.
 */
export function readDescription(text: string): string {
  const lines = text
    .trim()
    .split(/\s*\n\s*/)
    .map((line) => line.replace(/\s+/g, ' '));
  return lines.reduce((joined, line) => `${joined}${endsSentence(joined) ? '\n\n' : ' '}${line}`);
}

/** Text ending as a sentence does: with . ! ? or : (and perhaps a closing quotation mark or bracket). */
const endsSentence = (text: string) => /[.!?:]["'”’)]?$/.test(text);

type SourceUrl = { ok: true; url: string; repaired: boolean } | { ok: false; reason: string };

/** What became of one entry of a record's sources: a url (with a note when it was mended) or a reason. */
type SourceEntry = { raw: string } & ({ ok: true; url: string; note?: string } | { ok: false; reason: string });

/**
 * The urls of a record's source entries. The data set sometimes writes several urls in one entry,
 * one a line (id 344), and once cut a url in two entries (id 426); both are mended and said so.
 */
function readSourceUrls(entries: string[]): SourceEntry[] {
  const pieces = entries.flatMap(urlsInEntry);
  const read: SourceEntry[] = [];
  for (let index = 0; index < pieces.length; index += 1) {
    const raw = pieces[index] as string;
    const next = pieces[index + 1];
    const joined = next === undefined ? null : joinedUrl(raw, next);
    if (joined) {
      read.push({ raw, ok: true, url: joined });
      read.push({ raw: next as string, ok: true, url: joined, note: `joined onto the url before it: ${joined}` });
      index += 1;
      continue;
    }
    const url = readSourceUrl(raw);
    if (!url.ok) read.push({ raw, ok: false, reason: url.reason });
    else read.push({ raw, ok: true, url: url.url, note: url.repaired ? `read as ${url.url}` : undefined });
  }
  return read;
}

/** What an import that read each entry whole made of entries now read otherwise. */
function misreadSourceUrls(entries: string[], urls: string[]): string[] {
  return entries.flatMap((entry) => {
    const whole = readSourceUrl(entry);
    return whole.ok && !urls.includes(whole.url) ? [whole.url] : [];
  });
}

/** The urls one entry holds: usually one, several when they were written one a line. */
function urlsInEntry(entry: string): string[] {
  const parts = entry.trim().split(/\s+/);
  // Several only when each part is an address of its own; a space inside one address is left to it.
  return parts.length > 1 && parts.every((part) => /^https?:\/\/\S+$/i.test(part)) ? parts : [entry];
}

/** The rest of a url cut in two: it begins with a hyphen or an underscore, which no address does. */
const URL_CONTINUATION = /^[-_][\w\-.~%/]*$/;

/**
 * A url and the entry after it as one url, when the entry plainly continues it: the entry is no
 * address of its own, begins as only the middle of a word can, and the url before it ends mid-word
 * (no query, no fragment, no closing slash). Null otherwise.
 */
function joinedUrl(head: string, tail: string): string | null {
  const url = head.trim();
  if (!URL_CONTINUATION.test(tail.trim()) || !/^https?:\/\/[^?#]*[a-z0-9]$/i.test(url)) return null;
  if (!normalizeSourceUrl(url, { spaces: true }).ok) return null;
  const joined = normalizeSourceUrl(url + tail.trim(), { spaces: true });
  return joined.ok ? joined.url : null;
}

/** A url as the data set wrote it; one missing its scheme ("www.example.org/x") is read as https. */
function readSourceUrl(raw: string): SourceUrl {
  const direct = normalizeSourceUrl(raw, { spaces: true });
  if (direct.ok) return { ...direct, repaired: false };
  if (/^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)+\//i.test(raw.trim())) {
    const repaired = normalizeSourceUrl(`https://${raw.trim()}`, { spaces: true });
    if (repaired.ok) return { ...repaired, repaired: true };
  }
  return { ok: false, reason: direct.reason };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
