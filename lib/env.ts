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
