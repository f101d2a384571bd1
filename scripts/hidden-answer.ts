import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';

/**
 * Asks a question in a terminal and reads the answer without showing it: what readline echoes
 * (each key, and the line it redraws when the line wraps) goes to an output that writes nothing.
 * Only the question and the line break after the answer reach the terminal.
 */
export async function askHidden(
  question: string,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<string> {
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const prompt = createInterface({ input, output: silent, terminal: true });
  output.write(question);
  try {
    return await prompt.question('');
  } catch (error) {
    // Ctrl-C at the question: the command ends there, as a terminal's Ctrl-C ends any command.
    if ((error as Error).name === 'AbortError') {
      output.write('\n');
      process.exit(130);
    }
    throw error;
  } finally {
    prompt.close();
    output.write('\n');
  }
}
