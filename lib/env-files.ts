import nextEnv from '@next/env';

/** The settings the .env files gave (none the environment already had), by name. */
const fromFiles = new Set<string>();

/**
 * Reads the .env files of the folder `root` into the environment as the Next.js server reads them
 * (.env, .env.local, and .env.production or, for development, .env.development, with their .local),
 * a setting of the environment winning over any file, and says on stderr which it read (a command's
 * own output may be read by another program). Once per process; none at all when the environment
 * says the files were read already (@next/env's own mark, which the tests set so that no developer's
 * .env reaches them).
 */
export function readEnvFiles(root: string, dev: boolean): string[] {
  if (process.env.__NEXT_PROCESSED_ENV) return [];
  const before = new Set(Object.keys(process.env));
  const { loadedEnvFiles } = nextEnv.loadEnvConfig(root, dev, {
    info: () => undefined,
    error: (...words: unknown[]) => console.error(...words),
  });
  for (const name of Object.keys(process.env)) if (!before.has(name)) fromFiles.add(name);
  const read = loadedEnvFiles.map((file) => file.path);
  if (read.length > 0) console.error(`Settings read from ${read.join(', ')} (the environment wins over them).`);
  return read;
}

/**
 * The environment without what the .env files gave it: for a Next.js development server, which
 * reads them itself and reads them again when they change (given as the environment, they would
 * win over its own reading, and an edit would change nothing until a restart).
 */
export function withoutEnvFileSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !fromFiles.has(name))) as NodeJS.ProcessEnv;
}
