import nextEnv from '@next/env';

/**
 * Reads the .env files of the folder `root` into the environment as the Next.js server reads them
 * (.env, .env.local, and .env.production or, for development, .env.development, with their .local),
 * a setting of the environment winning over any file, and says on stderr which it read (a command's
 * own output may be read by another program). Once per process: @next/env reads no more after.
 */
export function readEnvFiles(root: string, dev: boolean): string[] {
  const { loadedEnvFiles } = nextEnv.loadEnvConfig(root, dev, {
    info: () => undefined,
    error: (...words: unknown[]) => console.error(...words),
  });
  const read = loadedEnvFiles.map((file) => file.path);
  if (read.length > 0) console.error(`Settings read from ${read.join(', ')} (the environment wins over them).`);
  return read;
}
