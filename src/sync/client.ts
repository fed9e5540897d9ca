import type { Answers } from '../engine/index.ts';

/**
 * HTTP calls to our sync endpoint, each turned into what the sender should
 * do next. Only our JSON acknowledgement counts as delivered (SY6).
 */
export type SendResult =
  | {
      readonly kind: 'ack';
      readonly version: number;
      readonly outcome: 'stored' | 'replay' | 'stale';
    }
  | { readonly kind: 'conflict' | 'submitted' }
  | { readonly kind: 'problem'; readonly code: string }
  | { readonly kind: 'retry'; readonly reason: string };

export interface ResponsePayload {
  readonly questionnaireId: string;
  readonly questionnaireVersion: number;
  readonly status: 'draft' | 'submitted';
  readonly version: number;
  readonly answers: Answers;
  readonly answeredAt: Readonly<Record<string, number>>;
}

export interface ServerResponseCopy extends ResponsePayload {
  readonly id: string;
}

type Fetch = typeof fetch;

const ACK = 'barometer.response';
const TIMEOUT_MS = 20_000;

async function readJson(response: Response): Promise<unknown> {
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function isAck(
  body: unknown,
  id: string,
): body is { ack: string; id: string; version: number; outcome: 'stored' | 'replay' | 'stale' } {
  const b = body as Record<string, unknown> | undefined;
  return (
    b?.ack === ACK && b.id === id && typeof b.version === 'number' && typeof b.outcome === 'string'
  );
}

export async function putResponse(
  fetchFn: Fetch,
  baseUrl: string,
  id: string,
  token: string,
  payload: ResponsePayload,
): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetchFn(`${baseUrl}/api/responses/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch (error) {
    return { kind: 'retry', reason: error instanceof Error ? error.name : 'network' };
  }
  const body = await readJson(response);
  if (response.ok) {
    // A captive portal or a proxy answers 200 with its own page: not delivered.
    if (!isAck(body, id) || body.version < payload.version)
      return { kind: 'retry', reason: 'no_ack' };
    return { kind: 'ack', version: body.version, outcome: body.outcome };
  }
  const code = (body as { error?: unknown } | undefined)?.error;
  if (response.status === 409 && (code === 'conflict' || code === 'submitted'))
    return { kind: code };
  if (response.status === 408 || response.status === 429 || response.status >= 500) {
    return { kind: 'retry', reason: `http_${response.status}` };
  }
  return { kind: 'problem', code: typeof code === 'string' ? code : `http_${response.status}` };
}

export async function getResponse(
  fetchFn: Fetch,
  baseUrl: string,
  id: string,
  token: string,
): Promise<ServerResponseCopy | null | 'failed'> {
  try {
    const response = await fetchFn(`${baseUrl}/api/responses/${id}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
      cache: 'no-store',
    });
    if (response.status === 204) return null;
    const body = await readJson(response);
    if (!response.ok || (body as { ack?: unknown } | undefined)?.ack !== ACK) return 'failed';
    return body as ServerResponseCopy;
  } catch {
    return 'failed';
  }
}

/** Open-link mode: a token for a response id this device made (SY9). */
export async function openResponse(
  fetchFn: Fetch,
  baseUrl: string,
  questionnaireId: string,
  responseId: string,
) {
  try {
    const response = await fetchFn(
      `${baseUrl}/api/questionnaires/${encodeURIComponent(questionnaireId)}/responses`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ responseId }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      },
    );
    const body = (await readJson(response)) as { token?: unknown } | undefined;
    if (response.status === 201 && typeof body?.token === 'string')
      return { kind: 'token', token: body.token } as const;
    if (response.status === 404 || response.status === 409) return { kind: 'refused' } as const;
    return { kind: 'retry' } as const;
  } catch {
    return { kind: 'retry' } as const;
  }
}

/** SY8: exchanges the token of an invitation link for the response it opens. */
export async function claimInvitation(fetchFn: Fetch, baseUrl: string, token: string) {
  try {
    const response = await fetchFn(`${baseUrl}/api/invitations/claim`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = (await readJson(response)) as
      | { responseId?: unknown; questionnaireId?: unknown; questionnaireVersion?: unknown }
      | undefined;
    if (
      response.ok &&
      typeof body?.responseId === 'string' &&
      typeof body.questionnaireId === 'string' &&
      typeof body.questionnaireVersion === 'number'
    ) {
      return {
        kind: 'claimed',
        responseId: body.responseId,
        questionnaireId: body.questionnaireId,
        questionnaireVersion: body.questionnaireVersion,
      } as const;
    }
    return response.status === 404 ? ({ kind: 'invalid' } as const) : ({ kind: 'failed' } as const);
  } catch {
    return { kind: 'failed' } as const;
  }
}
