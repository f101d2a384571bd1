import { describe, expect, it } from 'vitest';
import { CopyRows } from '@/lib/data/copy-frames';

/** A binary COPY output of one text column, as PostgreSQL writes it. */
function copyOutput(rows: string[], { extension = Buffer.alloc(0), flags = 0 } = {}): Buffer {
  const header = Buffer.concat([
    Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'),
    int32(flags),
    int32(extension.length),
    extension,
  ]);
  const body = rows.map((row) => {
    const bytes = Buffer.from(row, 'utf8');
    return Buffer.concat([int16(1), int32(bytes.length), bytes]);
  });
  return Buffer.concat([header, ...body, int16(-1)]);
}

const int16 = (value: number) => {
  const buffer = Buffer.alloc(2);
  buffer.writeInt16BE(value);
  return buffer;
};
const int32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
};

const ROWS = ['{"id":"a","title":"Walkout"}', '', '{"quote":"\\"Sí\\" — 合同\\nnext line"}', 'x'.repeat(3000)];

function readAll(output: Buffer, cuts: number[]): string[] {
  const reader = new CopyRows();
  const rows: string[] = [];
  let from = 0;
  for (const cut of [...cuts, output.length]) {
    rows.push(...reader.push(output.subarray(from, cut)));
    from = cut;
  }
  reader.end();
  return rows;
}

describe('binary COPY rows', () => {
  it('reads every row, byte for byte, however the output is split', () => {
    const output = copyOutput(ROWS, { extension: Buffer.from('ext') });
    expect(readAll(output, [])).toEqual(ROWS);
    for (let cut = 1; cut < output.length; cut += 7) expect(readAll(output, [cut])).toEqual(ROWS);
    const everyByte = Array.from({ length: output.length - 1 }, (_, index) => index + 1);
    expect(readAll(output, everyByte)).toEqual(ROWS);
  });

  it('reads a long row that arrives in many chunks', () => {
    const long = 'é'.repeat(300_000);
    const output = copyOutput(['a', long, 'b']);
    const cuts = Array.from({ length: Math.floor(output.length / 1000) }, (_, index) => (index + 1) * 1000);
    expect(readAll(output, cuts)).toEqual(['a', long, 'b']);
  });

  it('reads an empty result', () => {
    expect(readAll(copyOutput([]), [5])).toEqual([]);
  });

  it('refuses output that is not a one-column binary COPY', () => {
    expect(() => new CopyRows().push(Buffer.from('id,title\r\n1,Walkout\r\n'))).toThrow(/PGCOPY signature/);
    const twoColumns = Buffer.concat([copyOutput([]).subarray(0, 19), int16(2), int32(1), Buffer.from('a')]);
    expect(() => new CopyRows().push(twoColumns)).toThrow(/2 fields/);
    // Bit 16: each row carries an OID, which this does not read.
    expect(() => new CopyRows().push(copyOutput(['a'], { flags: 1 << 16 }))).toThrow(/header flags/);
    const negative = copyOutput([]);
    negative.writeInt32BE(-1, 15);
    expect(() => new CopyRows().push(negative)).toThrow(/negative header extension/);
    const withNull = Buffer.concat([copyOutput([]).subarray(0, 19), int16(1), int32(-1)]);
    expect(() => new CopyRows().push(withNull)).toThrow(/NULL row/);
  });

  it('notices output cut short, even between rows', () => {
    const output = copyOutput(ROWS);
    for (const cut of [10, 30, output.length - 2, output.length - 1]) {
      const reader = new CopyRows();
      reader.push(output.subarray(0, cut));
      expect(() => reader.end(), `cut at ${cut}`).toThrow(/ended before its trailer/);
    }
  });
});
