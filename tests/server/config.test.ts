import { describe, expect, it } from 'vitest';
import { ConfigError, serverConfig } from '../../src/server/config.ts';

/** Configuration is checked at start: one clear line per bad value, never a silent default. */
const problems = (env: NodeJS.ProcessEnv): readonly string[] => {
  try {
    serverConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('server configuration', () => {
  it('defaults without any variable', () => {
    expect(serverConfig({})).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      adminToken: undefined,
      openQuestionnaires: '*',
      publicUrl: 'http://127.0.0.1:8080',
      rateLimitPerMinute: 600,
      logLevel: 'info',
      benchmarkMinGroup: 5,
      settledAfterMs: 168 * 3_600_000,
      publishAt: '02:00',
    });
  });

  it('names every bad value at once', () => {
    const found = problems({
      PORT: 'abc',
      ADMIN_TOKEN: 'short',
      BENCHMARK_MIN_GROUP: '3',
      PUBLISH_AT: '25:00',
      DATABASE_URL: 'mysql://user:secret@host/db',
      PUBLIC_URL: 'ftp://x',
      LOG_LEVEL: 'loud',
    });
    expect(found).toHaveLength(7);
    expect(found).toContain('PORT must be a whole number from 0 to 65535 (got "abc")');
    expect(found.join('\n')).toContain('ADMIN_TOKEN must be at least 32 printable characters');
    expect(found).toContain('BENCHMARK_MIN_GROUP must be a whole number from 5 to 1000 (got "3")');
    // A password in a bad URL is not repeated in the message.
    expect(found.join('\n')).not.toContain('secret');
  });

  it('takes an admin token with + / = as openssl rand -base64 prints it', () => {
    const token = 'q2Zk+8/Yx0lW3pD9sV6bN1mR4tH7cJ2aE5fG8iK0LoU=';
    expect(serverConfig({ ADMIN_TOKEN: token }).adminToken).toBe(token);
    expect(problems({ ADMIN_TOKEN: `${token} with spaces` })).toHaveLength(1);
  });

  it('treats an empty variable as unset', () => {
    expect(serverConfig({ PORT: '', ADMIN_TOKEN: '' })).toMatchObject({
      port: 8080,
      adminToken: undefined,
    });
  });

  it('reads lists and numbers', () => {
    expect(
      serverConfig({
        OPEN_QUESTIONNAIRES: 'a, b',
        PORT: '0',
        PARTIAL_SETTLED_AFTER_HOURS: '2',
        PUBLISH_AT: 'off',
      }),
    ).toMatchObject({
      openQuestionnaires: ['a', 'b'],
      port: 0,
      settledAfterMs: 7_200_000,
      publishAt: 'off',
    });
  });
});
