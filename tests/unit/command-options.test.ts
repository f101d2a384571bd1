import { spawnSync } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandOptions } from '../../scripts/command-options';

const USAGE = 'Usage: test';
const numbers = {
  scale: { fallback: 1, min: 0.001, max: 5 },
  readers: { fallback: 64, min: 1, max: 1024, integer: true },
};

// Most of these run a command in a process of its own, which takes seconds on a busy machine.
describe("the commands' arguments", { timeout: 60_000 }, () => {
  it('reads --name=value and --name value, keeps the defaults of the rest, and reads flags', () => {
    expect(
      commandOptions(['--scale=0.05', '--readers', '8', '--rebuild'], numbers, ['rebuild', 'verbose'], USAGE),
    ).toEqual({ scale: 0.05, readers: 8, rebuild: true, verbose: false });
    expect(commandOptions([], numbers, ['rebuild'], USAGE)).toEqual({ scale: 1, readers: 64, rebuild: false });
  });

  // Each command run for real with a mistake: it stops at once with code 2, naming it, before any work
  // (none of these opens a database).
  const run = (script: string, args: string[], typedIn = process.cwd()) =>
    spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
      encoding: 'utf8',
      timeout: 60_000,
      // Where the command was typed, as npm says it.
      env: { ...process.env, INIT_CWD: typedIn },
    });

  it.each([
    ['scripts/bench/run.ts', ['--durations=3'], "Unknown option '--durations'"],
    ['scripts/bench/run.ts', ['--scale=abc'], '--scale must be a number from 0.001 to 5 (got abc).'],
    ['scripts/bench/run.ts', ['--seed=1.5'], '--seed must be a whole number'],
    ['scripts/bench/run.ts', ['full'], "Unexpected argument 'full'"],
    ['scripts/loadtest/run.ts', ['--readers='], '--readers must be a whole number from 6 to 1024 (got ).'],
    ['scripts/loadtest/run.ts', ['--outage=30'], '--outage must be shorter than --fault-duration'],
    [
      'scripts/bench/usaspending.ts',
      ['lots'],
      'The number of rows must be a whole number from 1 to 2000000 (got lots).',
    ],
    ['scripts/db-backup.ts', ['--gzip'], "Unknown option '--gzip'"],
    ['scripts/db-restore.ts', ['backup.jsonl.gz', '--forse'], "Unknown option '--forse'"],
    ['scripts/db-restore.ts', [], 'Name the file.'],
    ['scripts/import-cat.ts', ['actions.json', 'more.json'], 'One file only (got actions.json more.json).'],
    ['scripts/import-usaspending.ts', [], 'Name the file.'],
    // A command that takes nothing is not run with what it would ignore.
    ['scripts/seed.ts', ['--force'], "Unknown option '--force'"],
    ['scripts/migrate.ts', ['now'], "Unexpected argument 'now'"],
  ])('%s %j is refused', (script, args, message) => {
    const result = run(script, args);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it.each(['scripts/import-cat.ts', 'scripts/import-usaspending.ts'])(
    '%s given a file that is not there, or a folder, says so in one line before it opens a database',
    (script) => {
      for (const [file, message] of [
        ['no-such-file.csv', 'There is no file no-such-file.csv.'],
        ['tests', 'Cannot read tests: it is a folder, not a file.'],
        // A device, not a file: refused at once, not opened (a pipe would be waited on for ever).
        ...(script.endsWith('usaspending.ts')
          ? [['/dev/null', 'Cannot read /dev/null: it is not a file.'] as const]
          : []),
      ] as const) {
        const result = run(script, [file]);
        expect(result.status, result.stderr).toBe(1);
        expect(result.stderr).toBe(`${message}\n`);
        expect(result.stdout).toBe('');
      }
    },
  );

  it('npm start refuses a PORT that is no port, in one line, before any work', () => {
    for (const port of ['abc', '0', '70000', '30.5']) {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, PORT: port },
      });
      expect(result.status, port).toBe(1);
      expect(result.stderr, port).toBe(`PORT must be a whole number from 1 to 65535, such as 3000 (got "${port}").\n`);
      expect(result.stdout, port).toBe('');
    }
  });

  it('reads a file named from another folder than the project’s from the folder it was typed in', () => {
    const inData = (file: string) => run('scripts/import-cat.ts', [file], path.resolve('data'));
    expect(inData('collective-action-tech/no-such.json').stderr).toBe(
      `There is no file ${path.join('data', 'collective-action-tech', 'no-such.json')}.\n`,
    );
    expect(inData('collective-action-tech').stderr).toBe(
      `Cannot read ${path.join('data', 'collective-action-tech')}: it is a folder, not a file.\n`,
    );
    // The project's folder itself, named so.
    expect(inData('..').stderr).toBe('Cannot read .: it is a folder, not a file.\n');
    // Outside the project, named whole.
    expect(run('scripts/import-cat.ts', ['no-such.json'], os.tmpdir()).stderr).toBe(
      `There is no file ${path.join(os.tmpdir(), 'no-such.json')}.\n`,
    );
  });

  it.each([
    ['scripts/db-backup.ts', ['--help']],
    ['scripts/db-restore.ts', ['-h']],
    ['scripts/import-cat.ts', ['--help']],
    ['scripts/bench/run.ts', ['--help']],
    ['scripts/bench/usaspending.ts', ['--help']],
    ['scripts/seed.ts', ['--help']],
    ['scripts/migrate.ts', ['-h']],
  ])('%s %j prints its usage and ends there, successfully', (script, args) => {
    const result = run(script, args);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run /);
    expect(result.stderr).toBe('');
  });

  it('a DATABASE_URL that is no PostgreSQL address is named as such, without its value', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, DATABASE_URL: 'localhost:5432/counterweight?password=secret' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'DATABASE_URL is not a PostgreSQL address: postgresql://user:password@host:5432/database',
    );
  });

  it.each([
    ['scripts/migrate.ts', []],
    ['scripts/db-backup.ts', []],
    ['scripts/create-user.ts', ['--email', 'a@example.org', '--role', 'editor']],
  ])(
    '%s on a DATABASE_URL nothing answers says so in a line, without the password or a stack trace',
    async (script, args) => {
      // A port just let go of: nothing listens there.
      const closed = await new Promise<number>((resolve) => {
        const server = net.createServer().listen(0, '127.0.0.1', () => {
          const { port } = server.address() as net.AddressInfo;
          server.close(() => resolve(port));
        });
      });
      const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          ...process.env,
          DATABASE_URL: `postgresql://someone:s3cret-word@127.0.0.1:${closed}/counterweight`,
          COUNTERWEIGHT_PASSWORD: 'a long enough password',
        },
      });
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr.trim()).toBe(
        `Cannot connect to the database at DATABASE_URL (127.0.0.1:${closed}, database counterweight): ` +
          `connect ECONNREFUSED 127.0.0.1:${closed}. Is the server running, and are its address, user and password right?`,
      );
      expect(result.stdout).not.toContain('s3cret');
    },
  );
});
