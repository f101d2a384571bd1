import { parsePreciseDate } from '../dates';
import { MAX_YEAR, MIN_YEAR } from '../validation/list-filters';
import { normalizeSourceUrl } from '../urls';
import { ImportFileError } from './collective-action-file';
import { hasLetterOrDigit, plural, UNSTORABLE } from '../text';
import { PRIME_AWARD_SUMMARY_CONTRACT_COLUMNS } from './usaspending-columns';
import { CsvSyntaxError, readCsvRecords } from './usaspending-csv';

/**
 * The columns of USAspending's "Prime Award Summaries" contracts download that the importer reads
 * (the file has 286, listed in order in ./usaspending-columns.ts).
 */
export const USASPENDING_COLUMNS = {
  awardKey: 'contract_award_unique_key',
  piid: 'award_id_piid',
  obligatedAmount: 'total_obligated_amount',
  potentialAmount: 'potential_total_value_of_award',
  awardDate: 'award_base_action_date',
  periodStart: 'period_of_performance_start_date',
  periodEnd: 'period_of_performance_current_end_date',
  agency: 'awarding_agency_name',
  subAgency: 'awarding_sub_agency_name',
  recipient: 'recipient_name',
  recipientParent: 'recipient_parent_name',
  description: 'prime_award_base_transaction_description',
  permalink: 'usaspending_permalink',
  lastModified: 'last_modified_date',
} as const;

type Column = keyof typeof USASPENDING_COLUMNS;

/** One award of the file, checked: amounts as exact decimal strings ("1250000.50"), days as "YYYY-MM-DD". */
export interface UsaspendingAward {
  line: number;
  awardKey: string;
  piid: string | null;
  obligatedAmount: string | null;
  potentialAmount: string | null;
  awardDate: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  agency: string;
  subAgency: string | null;
  recipient: string;
  recipientParent: string | null;
  description: string | null;
  /** The permalink, normalised (lib/urls.ts). */
  permalink: string;
  lastModified: string | null;
  /** The row's values the record cannot store (a negative amount): not stored (a new contract's empty, a stored one's kept). */
  leftOut: LeftOut[];
}

/** A value the file holds that the record cannot store, and what was done instead. */
export interface LeftOut {
  line: number;
  awardKey: string;
  column: string;
  value: string;
  reason: string;
}

/** A row that is well-formed but contradicts itself: not imported, listed for a reviewer. */
export interface RowForReview {
  line: number;
  awardKey: string;
  reason: string;
}

/** At most this many problems are kept and printed; the rest are counted. */
const MAX_PROBLEMS = 100;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Decimal(18, 2): at most 16 digits before the point. */
const MAX_INTEGER_DIGITS = 16;

/**
 * Reads a Prime Award Summaries contracts CSV from a stream, one record at a time, keeping only the
 * 14 columns the importer needs, and hands the checked awards on a part at a time: the file is
 * never held whole. Every problem is collected (naming the line and the column). Once there is
 * one, no further part is handed on, but the file is read to its end so that `check()` can name
 * every problem; the caller writes the parts in one transaction and calls `check()` before it
 * commits, so a file with any problem leaves nothing behind.
 */
export class UsaspendingFileReader {
  /** Rows well-formed but contradicting themselves: not handed on, listed for a reviewer. */
  readonly review: RowForReview[] = [];
  /** Data rows read (every row, whether handed on or not). */
  rows = 0;
  private header: string[] | null = null;
  private readonly problems: string[] = [];
  private problemCount = 0;
  /** The line each award key was first seen on: an award appears once in the file. */
  private readonly lineOfKey = new Map<string, number>();

  /** The checked awards, `size` at a time, until the file ends or has a problem. */
  async *parts(input: AsyncIterable<Uint8Array | string>, size: number): AsyncGenerator<UsaspendingAward[]> {
    let part: UsaspendingAward[] = [];
    for await (const award of this.awards(input)) {
      if (this.problemCount > 0) continue;
      part.push(award);
      if (part.length === size) {
        yield part;
        part = [];
      }
    }
    if (part.length > 0 && this.problemCount === 0) yield part;
  }

  /** Throws an ImportFileError naming every problem of the file read (up to MAX_PROBLEMS). */
  check(): void {
    // A file whose first line could not be read (not text at all) has no header either: it is not empty.
    if (!this.header && this.problemCount === 0) {
      throw new ImportFileError('The file is empty: a Prime Award Summaries file starts with a header line.');
    }
    if (this.problemCount > 0) {
      const more =
        this.problemCount > this.problems.length ? [`… and ${this.problemCount - this.problems.length} more`] : [];
      throw new ImportFileError(
        `The file has ${plural(this.problemCount, 'problem', 'problems')}; nothing was imported.`,
        [...this.problems, ...more],
        this.problemCount,
      );
    }
  }

  private problem(text: string): void {
    this.problemCount += 1;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(own(text));
  }

  private async *awards(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<UsaspendingAward> {
    const problem = (text: string) => this.problem(text);
    let index: Record<Column, number> | null = null;
    let cutShortHeader: HeaderCutShort | null = null;
    try {
      for await (const record of readCsvRecords(rejectArchives(input))) {
        const header = this.header;
        if (!header) {
          this.header = record.fields.map((name) => name.trim());
          try {
            index = checkHeader(this.header);
          } catch (error) {
            // Said to be cut short only if nothing follows it, below.
            if (!(error instanceof HeaderCutShort)) throw error;
            cutShortHeader = error;
          }
          continue;
        }
        // A row after a short header: the header is whole, of another file.
        if (cutShortHeader) throw cutShortHeader.otherwise;
        this.rows += 1;
        const { fields, line } = record;
        if (fields.length !== header.length) {
          problem(
            fields.length < header.length
              ? `line ${line}: the row has ${fields.length} fields where the header has ${header.length} columns; it stops after column "${header[fields.length - 1] ?? ''}" (is the file truncated?)`
              : `line ${line}: the row has ${fields.length} fields where the header has ${header.length} columns (an unquoted comma?)`,
          );
          continue;
        }
        const award = readRow(fields, line, index as Record<Column, number>, problem);
        if (!award) continue;
        const seen = this.lineOfKey.get(award.awardKey);
        if (seen !== undefined) {
          problem(
            `line ${line}, column "${USASPENDING_COLUMNS.awardKey}": "${award.awardKey}" is already on line ${seen} (an award appears once in a Prime Award Summaries file)`,
          );
          continue;
        }
        this.lineOfKey.set(award.awardKey, line);
        if (award.periodStart && award.periodEnd && award.periodStart > award.periodEnd) {
          this.review.push({
            line,
            awardKey: award.awardKey,
            reason: `${USASPENDING_COLUMNS.periodStart} ${award.periodStart} is after ${USASPENDING_COLUMNS.periodEnd} ${award.periodEnd}`,
          });
          continue;
        }
        yield award;
      }
      if (cutShortHeader) throw cutShortHeader;
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      const column = error.field && this.header ? this.header[error.field - 1] : undefined;
      problem(column ? `line ${error.line}, column "${column}": ${error.reason}` : error.message);
    }
  }
}

/**
 * A zip or gzip archive is refused with a word on what to do, rather than as "not UTF-8 text". An
 * Excel workbook (.xlsx, however named) is a zip too: the CSV opened in Excel and saved again, whose
 * dates and numbers Excel rewrote, so it is named as such rather than as USAspending's download.
 */
async function* rejectArchives(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array | string> {
  // Read by hand, to take more of a zip's start at once; given back (a stream closed) as for await would.
  const chunks = input[Symbol.asyncIterator]();
  let ended = false;
  let first = true;
  try {
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
      const chunk = next.value;
      if (first && typeof chunk !== 'string' && chunk.length >= 2) {
        if (chunk[0] === 0x50 && chunk[1] === 0x4b) {
          // The names of its first entries tell a workbook from a download: read up to a few KiB of them,
          // whatever the size of the pieces the file comes in (it is refused either way).
          const start = [chunk];
          for (let length = chunk.length; length < ZIP_NAMES_READ;) {
            const more = await chunks.next();
            if (more.done) break;
            const piece = typeof more.value === 'string' ? Buffer.from(more.value) : more.value;
            start.push(piece);
            length += piece.length;
          }
          throw new ImportFileError(
            isWorkbook(Buffer.concat(start))
              ? 'This is an Excel workbook, not the CSV file as USAspending delivers it: import the CSV file you downloaded ' +
                  'itself, not a copy saved from Excel (saving it from Excel changes its dates and numbers).'
              : 'This is a zip archive, as USAspending delivers its downloads: unzip it and import the CSV file inside whose name contains "Contracts_PrimeAwardSummaries".',
          );
        }
        if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
          throw new ImportFileError('This is a gzip-compressed file: decompress it and import the CSV file.');
        }
      }
      if (typeof chunk === 'string' || chunk.length > 0) first = false;
      yield chunk;
    }
    ended = true;
  } finally {
    if (!ended) await chunks.return?.();
  }
}

/** How much of a zip file's start is read for the names of its first entries. */
const ZIP_NAMES_READ = 64 * 1024;

/**
 * Whether a zip file's start is an Office Open XML workbook's (.xlsx): its entries are
 * "[Content_Types].xml" and the sheets under "xl/", and Excel writes the first first. Each entry
 * opens with a local file header ("PK\x03\x04"), its name's length at byte 26 and the name at
 * byte 30; the headers are looked for by their signature, since an entry's size may be written only
 * after its data.
 */
function isWorkbook(start: Buffer): boolean {
  let at = start.indexOf(LOCAL_HEADER);
  while (at !== -1 && at + 30 <= start.length) {
    const name = start.toString('latin1', at + 30, Math.min(at + 30 + start.readUInt16LE(at + 26), start.length));
    if (name === '[Content_Types].xml' || name.startsWith('xl/')) return true;
    at = start.indexOf(LOCAL_HEADER, at + 4);
  }
  return false;
}

const LOCAL_HEADER = Buffer.from('PK\x03\x04', 'latin1');

/** A header that is the start of the real one: the file is truncated if nothing follows it, else `otherwise` holds. */
class HeaderCutShort extends ImportFileError {
  constructor(
    message: string,
    readonly otherwise: ImportFileError,
  ) {
    super(message);
  }
}

/** Whether the header is the start of the real one, its last name perhaps cut: a file that ends within line 1. */
function cutShort(header: string[]): boolean {
  const columns = PRIME_AWARD_SUMMARY_CONTRACT_COLUMNS;
  if (header.length < 2 || header.length >= columns.length) return false;
  const last = header.length - 1;
  return (
    header.slice(0, last).every((name, at) => name === columns[at]) &&
    (columns[last] as string).startsWith(header[last] as string)
  );
}

function checkHeader(header: string[]): Record<Column, number> {
  // Lines ended by a carriage return alone run together into one line: the header is then the whole file.
  if (header.some((name) => name.includes('\r'))) {
    throw new ImportFileError(
      'The lines of this file end with a carriage return alone (CR, as old Mac files did): save it with LF or CRLF ' +
        'line ends, as USAspending writes it, and import it again.',
    );
  }
  if (header.includes('contract_transaction_unique_key')) {
    throw new ImportFileError(
      'This is a USAspending transactions file (it has the column "contract_transaction_unique_key"): it holds one row per ' +
        'modification of each award. Import the "Prime Award Summaries" contracts file instead ' +
        '(in the download, the CSV whose name contains "Contracts_PrimeAwardSummaries").',
    );
  }
  if (header.includes('assistance_award_unique_key') || header.includes('assistance_transaction_unique_key')) {
    throw new ImportFileError(
      'This is a USAspending assistance file (grants, loans and other financial assistance): this importer reads contracts. ' +
        'Import the "Prime Award Summaries" contracts file (its name contains "Contracts_PrimeAwardSummaries").',
    );
  }
  // Saved again by a spreadsheet set to another country's ways: the columns run together, split by ; or tabs.
  const separator = header.length === 1 ? [';', '\t'].find((sign) => header[0]!.split(sign).length > 5) : undefined;
  if (separator) {
    throw new ImportFileError(
      `The columns of this file are separated by ${separator === ';' ? 'semicolons' : 'tabs'}, not commas: it was saved ` +
        'again by a spreadsheet. Import the file as USAspending gave it (comma-separated), or save it again as CSV ' +
        'with commas.',
    );
  }
  const duplicates = [...new Set(header.filter((name, at) => name && header.indexOf(name) !== at))];
  if (duplicates.length) {
    throw new ImportFileError(`Line 1 names these columns more than once: ${duplicates.join(', ')}.`);
  }
  const missing = Object.values(USASPENDING_COLUMNS).filter((name) => !header.includes(name));
  if (missing.length) {
    const lacking = new ImportFileError(
      `This is not a USAspending "Prime Award Summaries" contracts file: line 1 lacks ${missing.length} of the ` +
        `${Object.keys(USASPENDING_COLUMNS).length} columns the importer reads: ${missing.join(', ')}.`,
    );
    if (!cutShort(header)) throw lacking;
    throw new HeaderCutShort(
      `The file ends inside its first line, after ${header.length} of the ${PRIME_AWARD_SUMMARY_CONTRACT_COLUMNS.length} ` +
        'columns of the "Prime Award Summaries" header: the file is truncated (an interrupted download?); download it again.',
      lacking,
    );
  }
  return Object.fromEntries(
    Object.entries(USASPENDING_COLUMNS).map(([column, name]) => [column, header.indexOf(name)]),
  ) as Record<Column, number>;
}

function readRow(
  fields: string[],
  line: number,
  index: Record<Column, number>,
  problem: (text: string) => void,
): UsaspendingAward | null {
  const value = (column: Column) => (fields[index[column]] as string).trim();
  const where = (column: Column) => `line ${line}, column "${USASPENDING_COLUMNS[column]}"`;
  let ok = true;
  const fail = (column: Column, text: string) => {
    problem(`${where(column)}: ${text}`);
    ok = false;
  };

  // A NUL byte PostgreSQL cannot hold (the file's invalid bytes are read as U+FFFD, which it can).
  for (const column of Object.keys(index) as Column[]) {
    if (UNSTORABLE.test(fields[index[column]] ?? '')) fail(column, 'holds a NUL byte, which cannot be stored');
  }
  if (!ok) return null;

  const leftOut: LeftOut[] = [];
  // USAspending writes its keys in capitals: one written otherwise (a spreadsheet's doing) is the
  // same award, found again by the next import and seen twice in one file.
  const awardKey = value('awardKey').toUpperCase();
  if (!awardKey) fail('awardKey', 'is empty: every award needs its unique key');

  const amount = (column: 'obligatedAmount' | 'potentialAmount'): string | null => {
    const raw = value(column);
    const read = readAmount(raw);
    if (!read.ok) {
      fail(column, `"${raw}" ${read.reason}`);
      return null;
    }
    if (read.negative) {
      leftOut.push({
        line,
        awardKey: own(awardKey),
        column: USASPENDING_COLUMNS[column],
        value: own(raw),
        reason:
          'negative (more was de-obligated than obligated); the record keeps amounts of zero or more, so it is not stored (a new contract’s is left empty, a stored one’s kept)',
      });
      return null;
    }
    return read.value;
  };
  const obligatedAmount = amount('obligatedAmount');
  const potentialAmount = amount('potentialAmount');

  // A date on the calendar, within the years the record holds (as its lists' years); an award
  // made, not one to come (a day's grace for the time zones). A period may end in years to come.
  const date = (column: 'awardDate' | 'periodStart' | 'periodEnd'): string | null => {
    const raw = value(column);
    if (!raw) return null;
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? parsePreciseDate(raw) : null;
    if (!parsed) {
      fail(column, `"${raw}" is not a real date in the form YYYY-MM-DD`);
      return null;
    }
    const year = parsed.date.getUTCFullYear();
    if (year < MIN_YEAR || year > MAX_YEAR) {
      fail(column, `"${raw}" is not a year from ${MIN_YEAR} to ${MAX_YEAR}: check it`);
      return null;
    }
    if (column === 'awardDate' && parsed.date.getTime() > Date.now() + DAY_MS) {
      fail(column, `"${raw}" is in the future: an award's date is when it was made`);
      return null;
    }
    return own(raw);
  };
  const awardDate = date('awardDate');
  const periodStart = date('periodStart');
  const periodEnd = date('periodEnd');

  const lastModified = value('lastModified') || null;
  if (lastModified) {
    const match = /^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(lastModified);
    if (!match || !parsePreciseDate(match[1] as string)) {
      fail('lastModified', `"${lastModified}" is not a date (YYYY-MM-DD, perhaps followed by a time)`);
    }
  }

  const agency = collapse(value('agency'));
  if (!agency) fail('agency', 'is empty: every contract needs its awarding agency');
  else if (!hasLetterOrDigit(agency)) fail('agency', `"${agency.slice(0, 120)}" names no agency (no letter or digit)`);
  // A sub-agency written without a letter or digit ("-") names none.
  const subAgency = collapse(value('subAgency'));

  const rawPermalink = value('permalink');
  let permalink = '';
  if (!rawPermalink) fail('permalink', 'is empty: the permalink is the source every imported contract cites');
  else {
    const url = normalizeSourceUrl(rawPermalink);
    if (!url.ok) fail('permalink', `"${rawPermalink.slice(0, 120)}": ${url.reason}`);
    else if (!/(^|\.)usaspending\.gov$/.test(new URL(url.url).hostname)) {
      fail('permalink', `"${rawPermalink.slice(0, 120)}" is not a usaspending.gov address`);
    } else {
      // The award's own page, which its contract cites: another award's would cite the wrong one.
      const named = awardOfPermalink(url.url);
      if (named === null)
        fail('permalink', `"${rawPermalink.slice(0, 120)}" is not an award's page (usaspending.gov/award/…)`);
      else if (awardKey && named.toUpperCase() !== awardKey) {
        fail(
          'permalink',
          `"${rawPermalink.slice(0, 120)}" is the page of award ${named.slice(0, 80)}, not of this row's ${awardKey.slice(0, 80)}`,
        );
      } else permalink = url.url;
    }
  }

  if (!ok) return null;
  const description = value('description');
  // Copies, so that the kept values do not hold on to the megabytes of text they were cut from.
  return {
    line,
    awardKey: own(awardKey),
    piid: own(value('piid')) || null,
    obligatedAmount,
    potentialAmount,
    awardDate,
    periodStart,
    periodEnd,
    agency: own(agency),
    subAgency: hasLetterOrDigit(subAgency) ? own(subAgency) : null,
    recipient: own(collapse(value('recipient'))),
    recipientParent: own(collapse(value('recipientParent'))) || null,
    description: own(description) || null,
    permalink,
    lastModified: lastModified && own(lastModified),
    leftOut,
  };
}

/**
 * The award a usaspending.gov permalink is the page of ("…/award/CONT_AWD_…/", or one of its
 * tabs after it); null for an address that is no award's page.
 */
function awardOfPermalink(url: string): string | null {
  const segment = /^\/award\/([^/]+)/.exec(new URL(url).pathname)?.[1];
  if (!segment) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * A copy of a string that shares no memory with the string it was sliced from (V8 keeps a slice's
 * whole parent alive otherwise: here, the chunk of the file a value came from).
 */
function own(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

type Amount = { ok: true; value: string | null; negative: boolean } | { ok: false; reason: string };

/**
 * An amount as USAspending writes it ("1250000.5", "-300.00"), as an exact decimal string with two
 * places; never read through a float. Thousands separators, currency signs, exponents and
 * fractions of a cent are refused.
 */
export function readAmount(raw: string): Amount {
  if (!raw) return { ok: true, value: null, negative: false };
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(raw);
  if (!match) return { ok: false, reason: 'is not an amount (digits, an optional "-" and "." with cents)' };
  const [, sign, digits, fraction = ''] = match as unknown as [string, string, string, string | undefined];
  if (/[1-9]/.test(fraction.slice(2))) return { ok: false, reason: 'has fractions of a cent' };
  const integer = digits.replace(/^0+(?=\d)/, '');
  if (integer.length > MAX_INTEGER_DIGITS) return { ok: false, reason: 'is too large (more than 16 digits)' };
  const value = `${integer}.${fraction.slice(0, 2).padEnd(2, '0')}`;
  const negative = sign === '-' && /[1-9]/.test(value);
  return { ok: true, value: negative ? `-${value}` : value, negative };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
