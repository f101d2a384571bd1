// The arguments of the npm commands: the measuring commands' numbers within their range and flags
// (`npm run bench`, `npm run loadtest`, `npm run bench:usaspending`), the one file of the import,
// backup and restore commands. A mistyped argument stops the command with its usage before it
// starts any work (a benchmark that ignored `--durations=3` would run for minutes with the
// defaults; a backup given `--gzip` would be written to a file of that name). `--help` (or `-h`)
// prints the usage and ends the command there.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { shownPath } from '../lib/file-refusal';

/** A numeric option: its default and the range it must lie in. */
export interface NumberOption {
  fallback: number;
  min: number;
  max: number;
  /** Whole numbers only (a count of rows or connections). */
  integer?: boolean;
}

/** Says what is wrong and how to use the command, then exits with code 2. */
export function refuseOption(problem: string, usage?: string): never {
  console.error(usage ? `${problem}\n${usage}` : problem);
  process.exit(2);
}

/** `--help` or `-h`, asked for: the usage on the standard output, and the command ends there, successfully. */
export function answerHelp(args: string[], usage: string): void {
  if (!args.includes('--help') && !args.includes('-h')) return;
  console.log(usage);
  process.exit(0);
}

/** A number given on the command line, or its default; refused when not a number in its range. */
export function numberIn(raw: string | undefined, name: string, option: NumberOption, usage: string): number {
  const parsed = raw === undefined ? option.fallback : Number(raw);
  const valid =
    raw !== '' &&
    Number.isFinite(parsed) &&
    parsed >= option.min &&
    parsed <= option.max &&
    (!option.integer || Number.isInteger(parsed));
  if (!valid) {
    refuseOption(
      `${name} must be a ${option.integer ? 'whole number' : 'number'} from ${option.min} to ${option.max} (got ${raw}).`,
      usage,
    );
  }
  return parsed;
}

/**
 * `--name=value` (or `--name value`) for each numeric option and `--flag` for each flag; anything
 * else (an unknown option, a stray word, a value for a flag) is refused with the usage.
 */
export function commandOptions<Numbers extends string, Flags extends string>(
  args: string[],
  numbers: Record<Numbers, NumberOption>,
  flags: readonly Flags[],
  usage: string,
): Record<Numbers, number> & Record<Flags, boolean> {
  answerHelp(args, usage);
  const names = Object.keys(numbers) as Numbers[];
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        ...Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
        ...Object.fromEntries(flags.map((flag) => [flag, { type: 'boolean' as const }])),
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return refuseOption(error instanceof Error ? error.message : String(error), usage);
  }
  const parsed: Record<string, number | boolean> = {};
  for (const name of names)
    parsed[name] = numberIn(values[name] as string | undefined, `--${name}`, numbers[name], usage);
  for (const flag of flags) parsed[flag] = values[flag] === true;
  return parsed as Record<Numbers, number> & Record<Flags, boolean>;
}

/**
 * The command's one file (`npm run import:cat -- <file>`): refused with the usage when missing
 * (unless optional), followed by another, or written like an option. A relative path is read from
 * the folder the command was typed in (npm runs the script from the project's folder, and says
 * where it was typed in INIT_CWD), and given back from the project's folder when under it.
 */
export function fileArgument(args: string[], usage: string): string;
export function fileArgument(args: string[], usage: string, options: { optional: true }): string | undefined;
export function fileArgument(args: string[], usage: string, { optional = false } = {}): string | undefined {
  answerHelp(args, usage);
  const option = args.find((arg) => arg.startsWith('-'));
  if (option) refuseOption(`Unknown option '${option}'`, usage);
  if (args.length > 1) refuseOption(`One file only (got ${args.join(' ')}).`, usage);
  if (args[0] === undefined && !optional) refuseOption('Name the file.', usage);
  return args[0] === undefined ? undefined : typedPath(args[0]);
}

function typedPath(typed: string): string {
  const typedIn = process.env.INIT_CWD;
  if (!typedIn || path.isAbsolute(typed) || path.resolve(typedIn) === process.cwd()) return typed;
  return shownPath(path.resolve(typedIn, typed));
}
