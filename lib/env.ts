import { z } from 'zod';

const serverEnvSchema = z.object({
  DATABASE_URL: z
    .string({ error: 'DATABASE_URL is not set: start the app with `npm start`, which provides one.' })
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// connection string'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

let cached: ServerEnv | undefined;

/** The environment the server needs, validated once; a clear error names what is missing. */
export function serverEnv(): ServerEnv {
  if (!cached) {
    const parsed = serverEnvSchema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Invalid environment: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
    }
    cached = parsed.data;
  }
  return cached;
}

const SAID_OFF = new Set(['off', 'false', 'no', '0']);
const SAID_ON = new Set(['on', 'true', 'yes', '1', '']);

/**
 * An on-or-off setting of the environment (COUNTERWEIGHT_DEMO_DATA, COUNTERWEIGHT_PAGE_CACHE): on
 * when unset; "off", "false", "no" or "0" (any case) turn it off, "on", "true", "yes" or "1" on.
 * Null for anything else, which the start refuses, naming it: "flase" must not mean on, least of
 * all on a production database that would get the demo data.
 */
export function onOffSetting(name: string): boolean | null {
  const value = process.env[name]?.trim().toLowerCase() ?? '';
  return SAID_OFF.has(value) ? false : SAID_ON.has(value) ? true : null;
}

/** What is wrong with an on-or-off setting, said as the start refuses it; null when it is either. */
export function onOffSettingProblem(name: string): string | null {
  return onOffSetting(name) === null
    ? `${name} must be on or off (or true or false, yes or no, 1 or 0), not ${JSON.stringify(process.env[name])}.`
    : null;
}

/** The whole-number settings, with the values each takes. */
export const NUMBER_SETTINGS = {
  COUNTERWEIGHT_PAGE_CACHE_SECONDS: { min: 0, max: 86_400, example: '60' },
  COUNTERWEIGHT_EXPORT_IDLE_SECONDS: { min: 1, max: 86_400, example: '300' },
  COUNTERWEIGHT_PROXY_HOPS: { min: 0, max: 10, example: '1' },
} as const;

/**
 * What is wrong with a whole-number setting, said as the start refuses it; null when it is unset or
 * a whole number in its range. Read otherwise, "abc" had turned the page cache off and "two" had
 * believed no proxy, without a word.
 */
export function numberSettingProblem(name: keyof typeof NUMBER_SETTINGS): string | null {
  const value = process.env[name]?.trim();
  if (value === undefined || value === '') return null;
  const { min, max, example } = NUMBER_SETTINGS[name];
  const number = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  return number >= min && number <= max
    ? null
    : `${name} must be a whole number from ${min} to ${max.toLocaleString('en-US')}, such as ${example}, not ${JSON.stringify(process.env[name])}.`;
}

/** The first problem of the settings the start reads (its switches and its numbers), or null. */
export function settingsProblem(): string | null {
  return (
    ['COUNTERWEIGHT_DEMO_DATA', 'COUNTERWEIGHT_PAGE_CACHE'].map(onOffSettingProblem).find(Boolean) ??
    (Object.keys(NUMBER_SETTINGS) as (keyof typeof NUMBER_SETTINGS)[]).map(numberSettingProblem).find(Boolean) ??
    null
  );
}
