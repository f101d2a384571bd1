/*
 * PostgreSQL's binary COPY format, for a statement of one text column (`COPY (SELECT text …) TO
 * STDOUT (FORMAT binary)`): a header (signature, flags, extension), then per row a field count and
 * the field's length and bytes, then a trailer (a field count of -1). Unlike the text and CSV
 * formats, the bytes are the value itself, nothing escaped: a row is passed on as it came.
 * https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4
 */

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER_LENGTH = SIGNATURE.length + 8; // then flags (int32) and the extension's length (int32)

export class CopyFormatError extends Error {
  constructor(message: string) {
    super(`The database's COPY output is not what was expected: ${message}`);
    this.name = 'CopyFormatError';
  }
}

/**
 * Reads the rows of a binary COPY of one text column from its chunks, in any split: `push` returns
 * the rows the chunk completes, `end` checks that the output ended with its trailer. Chunks that do
 * not complete anything are only collected (a long row is joined once, when it is whole).
 */
export class CopyRows {
  private pieces: Buffer[] = [];
  private size = 0;
  /** Bytes needed before anything more can be read. */
  private needed = HEADER_LENGTH;
  private headerRead = false;
  private finished = false;

  push(chunk: Buffer): string[] {
    this.pieces.push(chunk);
    this.size += chunk.length;
    if (this.size < this.needed) return [];
    const buffer = this.pieces.length === 1 ? (this.pieces[0] as Buffer) : Buffer.concat(this.pieces, this.size);
    let at = 0;
    const rows: string[] = [];
    if (!this.headerRead) {
      if (!buffer.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new CopyFormatError('no PGCOPY signature');
      // Bits 16-31 of the flags are critical: an unknown one means a format this cannot read.
      if (buffer.readInt32BE(SIGNATURE.length) !== 0) throw new CopyFormatError('unexpected header flags');
      const extension = buffer.readInt32BE(SIGNATURE.length + 4);
      if (extension < 0) throw new CopyFormatError('a negative header extension length');
      if (buffer.length < HEADER_LENGTH + extension) return this.keep(buffer, 0, HEADER_LENGTH + extension, rows);
      at = HEADER_LENGTH + extension;
      this.headerRead = true;
    }
    for (;;) {
      if (buffer.length - at < 2) return this.keep(buffer, at, 2, rows);
      if (this.finished) throw new CopyFormatError('bytes after the trailer');
      const fields = buffer.readInt16BE(at);
      if (fields === -1) {
        this.finished = true;
        at += 2;
        continue;
      }
      if (fields !== 1) throw new CopyFormatError(`a row of ${fields} fields (expected 1)`);
      if (buffer.length - at < 6) return this.keep(buffer, at, 6, rows);
      const length = buffer.readInt32BE(at + 2);
      if (length < 0) throw new CopyFormatError('a NULL row');
      if (buffer.length - at < 6 + length) return this.keep(buffer, at, 6 + length, rows);
      rows.push(buffer.toString('utf8', at + 6, at + 6 + length));
      at += 6 + length;
    }
  }

  /** Throws unless the output was whole: header, rows, trailer. */
  end(): void {
    if (!this.finished || this.size > 0) throw new CopyFormatError('it ended before its trailer');
  }

  /** Keeps the bytes from `from` on (a copy, so that the chunk they came from is not kept alive with them). */
  private keep(buffer: Buffer, from: number, needed: number, rows: string[]): string[] {
    const rest = buffer.length - from;
    this.pieces = rest > 0 ? [Buffer.from(buffer.subarray(from))] : [];
    this.size = rest;
    this.needed = needed;
    return rows;
  }
}
