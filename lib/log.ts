// Structured logs: one JSON line per event on stdout (info, debug) or stderr (warn, error), with
// secrets removed before anything is written. Usable from server code and from scripts; inside a
// request it adds the request id that proxy.ts sets (`x-request-id`).

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogContext = Record<string, unknown>;

/** Keys whose values are never written, whatever their case or separators. */
const SECRET_KEY = /password|secret|token|authori[sz]ation|cookie|database_?url|api_?key/i;
/** A postgres connection string with a password: `postgres://user:password@host`. */
const CONNECTION_WITH_PASSWORD = /(postgres(?:ql)?:\/\/[^:/@\s]*:)([^@\s]*)(@)/gi;
const REDACTED = '[redacted]';
const MAX_DEPTH = 6;

/** Removes secrets from a value to be logged: secret-named keys and passwords in connection strings. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(CONNECTION_WITH_PASSWORD, `$1${REDACTED}$3`);
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? value.toString() : value;
  }
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) {
    return redact({ name: value.name, message: value.message, code: (value as { code?: unknown }).code }, depth + 1);
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const clean: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    clean[key] = SECRET_KEY.test(key) ? REDACTED : redact(item, depth + 1);
  }
  return clean;
}

/** The line's own fields, and `context`: a context's keys of these names are kept under `context`. */
const CORE_FIELDS = new Set(['time', 'level', 'message', 'context']);

/** The line written for one event (exported for tests). */
export function formatLogLine(level: LogLevel, message: string, context: LogContext = {}, requestId?: string): string {
  const { requestId: fromContext, ...rest } = context;
  const id = requestId ?? (typeof fromContext === 'string' ? fromContext : undefined);
  // The line's own time, level and message always win: a context's `message` (an error's) would
  // otherwise replace what the line says happened.
  const extra: LogContext = {};
  const clashing: LogContext = {};
  for (const [key, value] of Object.entries(redact(rest) as LogContext)) {
    (CORE_FIELDS.has(key) ? clashing : extra)[key] = value;
  }
  const entry = {
    time: new Date().toISOString(),
    level,
    message: redact(message),
    ...(id ? { requestId: id } : {}),
    ...extra,
    ...(Object.keys(clashing).length ? { context: clashing } : {}),
  };
  return JSON.stringify(entry);
}

/**
 * The request id of the current request (`x-request-id`, set by proxy.ts), or undefined outside
 * a request (scripts, prerendering) or where request headers may not be read.
 */
async function currentRequestId(): Promise<string | undefined> {
  try {
    const { headers } = await import('next/headers');
    const id = (await headers()).get('x-request-id');
    return id && /^[\w.-]{1,100}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

function write(level: LogLevel, line: string) {
  if (level === 'warn' || level === 'error') process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

/** Writes one event now, with the given request id (or none): for scripts and known ids. */
export function logNow(level: LogLevel, message: string, context: LogContext = {}, requestId?: string): void {
  write(level, formatLogLine(level, message, context, requestId));
}

/** Writes one event, with the current request's id when there is one. */
export async function log(level: LogLevel, message: string, context: LogContext = {}): Promise<void> {
  const requestId = typeof context.requestId === 'string' ? context.requestId : await currentRequestId();
  logNow(level, message, context, requestId);
}

export const logger = {
  debug: (message: string, context?: LogContext) => log('debug', message, context),
  info: (message: string, context?: LogContext) => log('info', message, context),
  warn: (message: string, context?: LogContext) => log('warn', message, context),
  error: (message: string, context?: LogContext) => log('error', message, context),
};
