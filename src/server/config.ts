import * as yup from 'yup';

/**
 * Server settings from the environment, every one checked at start: a bad
 * value stops the server with one line per problem, never a silent default.
 * Every variable is listed in the README's configuration table.
 */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const PRINTABLE = /^[\x21-\x7e]+$/;

/** A whole number in a range, from an environment string; the message names the variable and the value. */
const wholeNumber = (name: string, min: number, max: number, fallback: number) =>
  yup
    .string()
    .default(String(fallback))
    .test(
      'whole',
      ({ value }) =>
        `${name} must be a whole number from ${min} to ${max} (got "${String(value)}")`,
      (value) => /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max,
    )
    .transform((value: string) => value.trim());

const schema = yup.object({
  PORT: wholeNumber('PORT', 0, 65_535, 8080),
  HOST: yup.string().trim().min(1, 'HOST must not be empty').default('127.0.0.1'),
  DATABASE_URL: yup
    .string()
    .optional()
    .matches(/^postgres(ql)?:\/\/\S+$/, {
      message: ({ value }: { value: unknown }) =>
        `DATABASE_URL must be a postgres:// URL (got "${String(value).replace(/:[^:@/]*@/, ':…@')}")`,
    }),
  SQLITE_FILE: yup.string().min(1).default('data/barometer.sqlite'),
  SQLITE_SYNCHRONOUS: yup
    .string()
    .default('FULL')
    .oneOf(['FULL', 'NORMAL'], 'SQLITE_SYNCHRONOUS must be FULL or NORMAL'),
  ADMIN_TOKEN: yup
    .string()
    .optional()
    .test(
      'token',
      'ADMIN_TOKEN must be at least 32 printable characters without spaces (for example the output of `openssl rand -base64 32`)',
      (value) => value === undefined || (value.length >= 32 && PRINTABLE.test(value)),
    ),
  OPEN_QUESTIONNAIRES: yup
    .string()
    .default('*')
    .matches(/^(\*|[a-z0-9][a-z0-9_.-]*(\s*,\s*[a-z0-9][a-z0-9_.-]*)*)?$/, {
      message: 'OPEN_QUESTIONNAIRES must be *, empty, or questionnaire ids separated by commas',
    }),
  PUBLIC_URL: yup
    .string()
    .optional()
    .test('url', 'PUBLIC_URL must be an http:// or https:// address', (value) => {
      if (value === undefined) return true;
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }),
  RATE_LIMIT_PER_MINUTE: wholeNumber('RATE_LIMIT_PER_MINUTE', 1, 1_000_000, 600),
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: wholeNumber(
    'RATE_LIMIT_PER_ADDRESS_PER_MINUTE',
    1,
    10_000_000,
    6_000,
  ),
  LOG_LEVEL: yup
    .string()
    .default('info')
    .oneOf(LOG_LEVELS, `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`),
  // k below 5 would let too few respondents make a figure: refused, not adjusted (PB2).
  BENCHMARK_MIN_GROUP: wholeNumber('BENCHMARK_MIN_GROUP', 5, 1_000, 5),
  PUBLISH_AT: yup
    .string()
    .default('02:00')
    .matches(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, {
      message: ({ value }: { value: unknown }) =>
        `PUBLISH_AT must be HH:MM (24-hour server time) or "off" (got "${String(value)}")`,
    }),
  PARTIAL_SETTLED_AFTER_HOURS: wholeNumber('PARTIAL_SETTLED_AFTER_HOURS', 0, 87_600, 168),
});

export type ServerConfig = ReturnType<typeof serverConfig>;

/** Throws a ConfigError listing every bad value. */
export function serverConfig(env: NodeJS.ProcessEnv) {
  // An empty variable counts as unset, as shells and compose files often leave them.
  const given = Object.fromEntries(
    Object.keys(schema.fields).flatMap((key) =>
      env[key] === undefined || env[key] === '' ? [] : [[key, env[key]]],
    ),
  );
  let valid;
  try {
    valid = schema.validateSync(given, { abortEarly: false, stripUnknown: true });
  } catch (error) {
    if (error instanceof yup.ValidationError) throw new ConfigError(error.errors);
    throw error;
  }
  const host = valid.HOST;
  const port = Number(valid.PORT);
  const open = valid.OPEN_QUESTIONNAIRES;
  return {
    host,
    port,
    databaseUrl: valid.DATABASE_URL,
    sqliteFile: valid.SQLITE_FILE,
    adminToken: valid.ADMIN_TOKEN,
    openQuestionnaires:
      open === '*'
        ? ('*' as const)
        : open
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    publicUrl: valid.PUBLIC_URL ?? `http://${host}:${port}`,
    rateLimitPerMinute: Number(valid.RATE_LIMIT_PER_MINUTE),
    addressLimitPerMinute: Number(valid.RATE_LIMIT_PER_ADDRESS_PER_MINUTE),
    logLevel: valid.LOG_LEVEL,
    benchmarkMinGroup: Number(valid.BENCHMARK_MIN_GROUP),
    settledAfterMs: Number(valid.PARTIAL_SETTLED_AFTER_HOURS) * 3_600_000,
    publishAt: valid.PUBLISH_AT,
  };
}
