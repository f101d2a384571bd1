/**
 * A streaming CSV reader for RFC 4180 files: fields separated by commas, records by CRLF or LF,
 * fields that hold commas, quotes or line breaks enclosed in double quotes, a quote inside a
 * quoted field written twice. It reads any size of file in constant memory (one record at a
 * time) and reports where each record starts, so problems can name their line.
 */

/*
 * The most a record may hold. A Prime Award Summaries row has 286 fields and a few kilobytes of
 * text; a file with a line of megabytes is something else. A record is read again from its start
 * each time a chunk arrives before it ends, so without a bound a 9 MB line (of commas, say) kept
 * the server busy, and every other request waiting, for most of a minute.
 */
export const MAX_FIELDS = 1000;
export const MAX_RECORD_CHARS = 1_000_000;
const tooLong = (line: number) =>
  new CsvSyntaxError(
    `the record is longer than ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters (a Prime Award Summaries row holds a few thousand)`,
    line,
  );

export interface CsvRecord {
  fields: string[];
  /** The line of the file the record starts on (1 for the header). */
  line: number;
}

/** The file is not well-formed CSV (or not UTF-8 text) at `line`. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    /** The field (1 for the first) at fault, when known. */
    readonly field?: number,
  ) {
    super(`line ${line}${field ? `, field ${field}` : ''}: ${reason}`);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** What `parseRecord` found: a whole record, or the need for more text before it can tell. */
type Parsed = { fields: string[]; end: number; newlines: number } | null;

/**
 * Reads records one at a time from a byte (or text) stream. Chunks may split a record, a quoted
 * field or a multi-byte character anywhere. Blank lines are skipped. A byte-order mark is dropped.
 */
export async function* readCsvRecords(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<CsvRecord> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let buffer = '';
  let line = 1;
  let first = true;

  const decode = (chunk: Uint8Array | string, stream: boolean): string => {
    if (typeof chunk === 'string') return chunk;
    try {
      return decoder.decode(chunk, { stream });
    } catch {
      // The line of the first byte that is not UTF-8: past the lines read and those still held.
      const held = buffer.split('\n').length - 1;
      const before = chunk.subarray(0, firstInvalidUtf8(chunk, !first)).filter((byte) => byte === LF).length;
      throw new CsvSyntaxError(
        'the file is not UTF-8 text (as USAspending writes it; a file opened and saved again in a spreadsheet may be in another encoding: use the downloaded file as it came)',
        line + held + before,
      );
    }
  };

  function* drain(final: boolean): Generator<CsvRecord> {
    let position = 0;
    while (position < buffer.length) {
      const parsed = parseRecord(buffer, position, final, line);
      if (!parsed) break;
      if (parsed.end - position > MAX_RECORD_CHARS) throw tooLong(line);
      const blank = parsed.fields.length === 1 && parsed.fields[0] === '';
      if (!blank) yield { fields: parsed.fields, line };
      line += parsed.newlines;
      position = parsed.end;
    }
    buffer = position === 0 ? buffer : buffer.slice(position);
    // What is left is a record not yet ended: refused once it is too long, before more is read.
    if (buffer.length > MAX_RECORD_CHARS) throw tooLong(line);
  }

  for await (const chunk of input) {
    let text = decode(chunk, true);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    buffer += text;
    yield* drain(false);
  }
  buffer += decode(new Uint8Array(0), false);
  yield* drain(true);
}

/**
 * Where the first byte that cannot be UTF-8 is in a chunk (its length when there is none). After
 * another chunk (`continued`), a character begun there may end at this one's start: up to three
 * continuation bytes there are taken as its end.
 */
export function firstInvalidUtf8(bytes: Uint8Array, continued: boolean): number {
  let i = 0;
  while (continued && i < 3 && i < bytes.length && (bytes[i]! & 0xc0) === 0x80) i += 1;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte <= 0xdf
          ? 2
          : byte >= 0xe0 && byte <= 0xef
            ? 3
            : byte >= 0xf0 && byte <= 0xf4
              ? 4
              : 0;
    if (length === 0) return i;
    for (let next = 1; next < length; next += 1) {
      // A character cut by the chunk's end is whole in the next one.
      if (i + next >= bytes.length) return bytes.length;
      if ((bytes[i + next]! & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return bytes.length;
}

/**
 * Parses the record starting at `start`. Returns null when the text ends before the record does
 * and more may come (`final` false); at the end of the input an unclosed quote is an error.
 */
function parseRecord(text: string, start: number, final: boolean, line: number): Parsed {
  const fields: string[] = [];
  const length = text.length;
  let i = start;
  let newlines = 0;
  const push = (value: string) => {
    if (fields.length === MAX_FIELDS) {
      // Lines ended by a carriage return alone run together into one record.
      if (fields.some((field) => /\r(?!\n)/.test(field))) {
        throw new CsvSyntaxError(
          'its lines end with a carriage return alone (CR, as old Mac files did), so they run together: save the file ' +
            'with LF or CRLF line ends, as USAspending writes it, and import it again',
          line,
        );
      }
      throw new CsvSyntaxError(
        `the record has more than ${MAX_FIELDS.toLocaleString('en-US')} fields (a Prime Award Summaries row has 286)`,
        line + newlines,
      );
    }
    fields.push(value);
  };

  for (;;) {
    if (i < length && text.charCodeAt(i) === QUOTE) {
      // A quoted field: runs to the next quote that is not doubled.
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) {
          if (!final) return null;
          throw new CsvSyntaxError(
            'a quote opens the field and is never closed before the end of the file (is the file truncated?)',
            line + newlines,
            fields.length + 1,
          );
        }
        if (quote + 1 >= length && !final) return null;
        if (text.charCodeAt(quote + 1) === QUOTE) {
          value += text.slice(from, quote + 1);
          from = quote + 2;
          continue;
        }
        value += text.slice(from, quote);
        newlines += countNewlines(text, i, quote);
        i = quote + 1;
        break;
      }
      push(value);
      const next = i < length ? text.charCodeAt(i) : -1;
      if (next === COMMA) {
        i += 1;
        continue;
      }
      if (next === LF) return { fields, end: i + 1, newlines: newlines + 1 };
      if (next === CR) {
        if (i + 1 >= length && !final) return null;
        if (i + 1 >= length) return { fields, end: i + 1, newlines };
        if (text.charCodeAt(i + 1) === LF) return { fields, end: i + 2, newlines: newlines + 1 };
      }
      if (next === -1) {
        if (!final) return null;
        return { fields, end: i, newlines };
      }
      throw new CsvSyntaxError(
        'text follows the closing quote of the field (a quote inside a quoted field must be doubled)',
        line + newlines,
        fields.length,
      );
    }

    // An unquoted field: runs to the next comma or line end.
    let j = i;
    let c = -1;
    while (j < length) {
      c = text.charCodeAt(j);
      if (c === COMMA || c === LF) break;
      j += 1;
    }
    if (j >= length) {
      if (!final) return null;
      push(text.slice(i, j > i && text.charCodeAt(j - 1) === CR ? j - 1 : j));
      return { fields, end: j, newlines };
    }
    if (c === COMMA) {
      push(text.slice(i, j));
      i = j + 1;
      continue;
    }
    // A line feed, perhaps after a carriage return.
    const endOfValue = j > i && text.charCodeAt(j - 1) === CR ? j - 1 : j;
    push(text.slice(i, endOfValue));
    return { fields, end: j + 1, newlines: newlines + 1 };
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/** One CSV field as RFC 4180 writes it: quoted only when it must be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
