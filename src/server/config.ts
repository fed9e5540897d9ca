/** Server settings from the environment; every variable is listed in the README. */
export function serverConfig(env: NodeJS.ProcessEnv) {
  const port = Number(env.PORT ?? 8080);
  const host = env.HOST ?? '127.0.0.1';
  const open = env.OPEN_QUESTIONNAIRES ?? '*';
  return {
    host,
    port,
    adminToken: env.ADMIN_TOKEN && env.ADMIN_TOKEN.length >= 16 ? env.ADMIN_TOKEN : undefined,
    openQuestionnaires:
      open === '*'
        ? ('*' as const)
        : open
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    publicUrl: env.PUBLIC_URL ?? `http://${host}:${port}`,
    rateLimitPerMinute: Number(env.RATE_LIMIT_PER_MINUTE ?? 600),
    logger: env.LOG_REQUESTS === '1',
    benchmarkMinGroup: minGroup(env.BENCHMARK_MIN_GROUP),
    settledAfterMs: settledAfter(env.PARTIAL_SETTLED_AFTER_HOURS),
    publishAt: publishAt(env.PUBLISH_AT),
  };
}

/** k below 5 would let too few respondents make a figure: refused, not adjusted. */
function minGroup(value: string | undefined): number {
  const k = Number(value ?? 5);
  if (!Number.isInteger(k) || k < 5)
    throw new Error(`BENCHMARK_MIN_GROUP must be a whole number of at least 5 (got "${value}")`);
  return k;
}

function settledAfter(value: string | undefined): number {
  const hours = Number(value ?? 168);
  if (!Number.isFinite(hours) || hours < 0)
    throw new Error(`PARTIAL_SETTLED_AFTER_HOURS must be a number of hours ≥ 0 (got "${value}")`);
  return hours * 3_600_000;
}

function publishAt(value: string | undefined): string {
  const at = value ?? '02:00';
  if (at !== 'off' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(at))
    throw new Error(`PUBLISH_AT must be HH:MM (24-hour server time) or "off" (got "${value}")`);
  return at;
}
