import pg from 'pg';

/**
 * Tells every server process that credentials changed (a revocation, an
 * erasure), so their caches drop what they remember at once. On PostgreSQL
 * this is LISTEN/NOTIFY on a connection of its own; while that connection
 * is down, and on SQLite, `isLive()` is false and caches keep credentials
 * for one second only (SY7).
 */
export interface CredentialSignal {
  /** Sends the change to the other processes; never throws. */
  announce(): Promise<void>;
  onChange(listener: () => void): void;
  isLive(): boolean;
  close(): Promise<void>;
}

const CHANNEL = 'barometer_credentials';

/**
 * For a tool that changed credentials in the database beside running servers
 * (`npm run collector -- --revoke`): one notification on a connection of its
 * own. Throws when PostgreSQL cannot be reached.
 */
export async function announceCredentialChange(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`notify ${CHANNEL}`);
  } finally {
    await client.end();
  }
}

/** SQLite, or a single process: nothing to tell; caches rely on their short lifetime. */
export function localSignal(): CredentialSignal {
  return {
    announce: () => Promise.resolve(),
    onChange: () => undefined,
    isLive: () => false,
    close: () => Promise.resolve(),
  };
}

export function postgresSignal(url: string, log: (message: string) => void): CredentialSignal {
  const listeners: (() => void)[] = [];
  let client: pg.Client | undefined;
  let isLive = false;
  let isClosed = false;
  let retry: NodeJS.Timeout | undefined;
  const changed = () => {
    for (const listener of listeners) listener();
  };

  const connect = async () => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', changed);
    next.on('error', (error) => {
      log(`credential signal lost: ${error.message}`);
      lost();
    });
    next.on('end', lost);
    try {
      await next.connect();
      await next.query(`listen ${CHANNEL}`);
      client = next;
      isLive = true;
      // Whatever was announced while nobody listened: forget it all once.
      changed();
    } catch (error) {
      log(
        `credential signal not connected: ${error instanceof Error ? error.message : String(error)}`,
      );
      lost();
    }
  };
  const lost = () => {
    isLive = false;
    client = undefined;
    if (isClosed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, 1_000);
    retry.unref();
  };
  void connect();

  return {
    async announce() {
      try {
        if (client) await client.query(`notify ${CHANNEL}`);
      } catch (error) {
        log(
          `credential change not announced: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
    onChange(listener) {
      listeners.push(listener);
    },
    isLive: () => isLive,
    async close() {
      isClosed = true;
      clearTimeout(retry);
      isLive = false;
      await client?.end().catch(() => undefined);
    },
  };
}
