import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export interface AppProcess {
  child: ChildProcess;
  output: () => string;
  /** Sends Ctrl-C to the whole process group, as a terminal does; resolves with the exit code. */
  interrupt: (timeoutMs?: number) => Promise<number | null>;
}

/**
 * Runs `npm start`'s script in its own process group with the given environment. `throughShell`:
 * under a shell that stays its parent and passes no signal on, as npm runs it (the child is the shell).
 */
export function startApp(env: Record<string, string>, { throughShell = false } = {}): AppProcess {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const [command, args] = throughShell
    ? // The `; exit` keeps the shell from handing its place to node.
      ['/bin/sh', ['-c', `"${process.execPath}" --import tsx scripts/start.ts; exit $?`]]
    : [process.execPath, ['--import', 'tsx', 'scripts/start.ts']];
  const child = spawn(command, args, {
    env: { ...inherited, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    child,
    output: () => output,
    interrupt: (timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        const timer = setTimeout(
          () => reject(new Error(`still running ${timeoutMs} ms after Ctrl-C:\n${output}`)),
          timeoutMs,
        );
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolve(code);
        });
        process.kill(-(child.pid as number), 'SIGINT');
      }),
  };
}

export async function waitForOutput(app: AppProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const match = app.output().match(pattern);
    if (match) return match;
    if (app.child.exitCode !== null) throw new Error(`the app exited (${app.child.exitCode}):\n${app.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${pattern}:\n${app.output()}`);
}

/** Processes whose command line mentions `text` (for example a data directory): what Ctrl-C must not leave behind. */
export function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (command.includes(text) && Number(pid) !== process.pid) found.push(`${pid}: ${command}`);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}
