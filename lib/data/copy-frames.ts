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
 * the rows the chunk completes, `end` checks that the output ended with its trailer.
 */
export class CopyRows {
  private pending: Buffer = Buffer.alloc(0);
  private headerRead = false;
  private finished = false;

  push(chunk: Buffer): string[] {
    const buffer = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    let at = 0;
    if (!this.headerRead) {
      if (buffer.length < HEADER_LENGTH) return this.keep(buffer, 0);
      if (!buffer.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new CopyFormatError('no PGCOPY signature');
      const extension = buffer.readInt32BE(SIGNATURE.length + 4);
      if (buffer.length < HEADER_LENGTH + extension) return this.keep(buffer, 0);
      at = HEADER_LENGTH + extension;
      this.headerRead = true;
    }
    const rows: string[] = [];
    while (buffer.length - at >= 2) {
      if (this.finished) throw new CopyFormatError('bytes after the trailer');
      const fields = buffer.readInt16BE(at);
      if (fields === -1) {
        this.finished = true;
        at += 2;
        continue;
      }
      if (fields !== 1) throw new CopyFormatError(`a row of ${fields} fields (expected 1)`);
      if (buffer.length - at < 6) break;
      const length = buffer.readInt32BE(at + 2);
      if (length < 0) throw new CopyFormatError('a NULL row');
      if (buffer.length - at < 6 + length) break;
      rows.push(buffer.toString('utf8', at + 6, at + 6 + length));
      at += 6 + length;
    }
    this.keep(buffer, at);
    return rows;
  }

  /** Throws unless the output was whole: header, rows, trailer. */
  end(): void {
    if (!this.finished || this.pending.length > 0) throw new CopyFormatError('it ended before its trailer');
  }

  private keep(buffer: Buffer, from: number): [] {
    // A copy, so that the chunk the rest came from is not kept alive with it.
    this.pending = from >= buffer.length ? Buffer.alloc(0) : Buffer.from(buffer.subarray(from));
    return [];
  }
}
