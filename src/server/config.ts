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
    benchmarkMinGroup: Number(env.BENCHMARK_MIN_GROUP ?? 5),
  };
}
