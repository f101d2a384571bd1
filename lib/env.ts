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
