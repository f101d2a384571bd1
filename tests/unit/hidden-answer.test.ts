import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askHidden } from '../../scripts/hidden-answer';

describe('a password typed into a command', () => {
  it('is read without being shown: only the question and the line break reach the terminal', async () => {
    const input = new PassThrough();
    const shown: string[] = [];
    const output = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        shown.push(chunk.toString());
        done();
      },
    });
    const answer = askHidden('Password: ', input, output);
    // Typed key by key, with a mistake taken back, as in a terminal.
    for (const key of ['c', 'o', 'r', 'x', '\x7f', 'r', 'e', 'c', 't', ' ', 'h', 'o', 'r', 's', 'e', '\r'])
      input.write(key);
    expect(await answer).toBe('correct horse');
    expect(shown.join('')).toBe('Password: \n');
  });
});
