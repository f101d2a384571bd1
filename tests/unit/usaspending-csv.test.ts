import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, MAX_FIELDS, MAX_RECORD_CHARS, readCsvRecords } from '@/lib/import/usaspending-csv';

/** The text in chunks of `size` bytes, as a file upload's stream gives it, counting the chunks read. */
function chunked(text: string, size = 64 * 1024) {
  const bytes = new TextEncoder().encode(text);
  const read = { chunks: 0 };
  async function* stream() {
    for (let at = 0; at < bytes.length; at += size) {
      read.chunks += 1;
      yield bytes.subarray(at, at + size);
    }
  }
  return { stream: stream(), read, total: Math.ceil(bytes.length / size) };
}

async function firstError(input: AsyncIterable<Uint8Array>): Promise<unknown> {
  try {
    for await (const record of readCsvRecords(input)) void record;
  } catch (error) {
    return error;
  }
  return null;
}

describe('reading CSV: a file that is no Prime Award Summaries file is refused early', () => {
  it('a line of several megabytes without a line break is refused once it passes the longest record, not read to its end', async () => {
    const file = chunked(`a,b\n${'x'.repeat(6 * 1024 * 1024)}`);
    const error = await firstError(file.stream);
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).line).toBe(2);
    expect((error as CsvSyntaxError).reason).toMatch(/longer than 1,000,000 characters/);
    expect(file.read.chunks).toBeLessThan(file.total / 2);
  });

  it('a line of commas is refused at the field past the most a record has, in its first chunk', async () => {
    const file = chunked(','.repeat(9 * 1024 * 1024));
    const error = await firstError(file.stream);
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).reason).toMatch(/more than 1,000 fields/);
    expect(file.read.chunks).toBe(1);
  });

  it('a quoted field that never ends is refused once it passes the longest record', async () => {
    const file = chunked(`"${'""'.repeat(3 * 1024 * 1024)}`);
    const error = await firstError(file.stream);
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).reason).toMatch(/longer than 1,000,000 characters/);
    expect(file.read.chunks).toBeLessThan(file.total / 2);
  });

  it('a record as long and as wide as the limits allow is read whole', async () => {
    const wide = Array.from({ length: MAX_FIELDS }, (_, index) => `f${index}`).join(',');
    const long = `"${'y'.repeat(MAX_RECORD_CHARS - 10)}"`;
    const records = [];
    for await (const record of readCsvRecords(chunked(`${wide}\n${long}\n`).stream)) records.push(record);
    expect(records.map((record) => [record.line, record.fields.length])).toEqual([
      [1, MAX_FIELDS],
      [2, 1],
    ]);
    expect(records[1]!.fields[0]).toHaveLength(MAX_RECORD_CHARS - 10);
  });
});

describe('a waiting recipient’s name for a company', () => {
  it('is its own, else its parent’s where the file gives it no name of letters or digits, else none', async () => {
    const { recipientCompanyName, NO_RECIPIENT_NAME } = await import('@/lib/import/usaspending-report');
    expect(recipientCompanyName('PALANTIR USG, INC.', 'PALANTIR TECHNOLOGIES INC.')).toBe('PALANTIR USG, INC.');
    expect(recipientCompanyName(NO_RECIPIENT_NAME, 'PALANTIR TECHNOLOGIES INC.')).toBe('PALANTIR TECHNOLOGIES INC.');
    expect(recipientCompanyName('---', 'ÉLECTRICITÉ DE FRANCE')).toBe('ÉLECTRICITÉ DE FRANCE');
    expect(recipientCompanyName(NO_RECIPIENT_NAME, null)).toBeNull();
    expect(recipientCompanyName('---', '...')).toBeNull();
  });
});
