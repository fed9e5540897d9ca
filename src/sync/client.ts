// Sends responses to and reads them from our sync endpoint (`/api/responses`, `/api/invitations/claim`, open-link tokens, `/api/collectors/enrol`).
import {
  acknowledgement,
  claimReply,
  enrolReply,
  errorReply,
  openResponseReply,
  readMessage,
  refusal,
  responseCopy,
  type Acknowledgement,
  type EnrolReply,
  type ResponseBody,
  type ResponseCopy,
} from '../contract/index.ts';

/**
 * HTTP calls to our sync endpoint, each turned into what the sender should
 * do next. Every reply is checked against the contract (`src/contract/`)
 * before it is used: only our JSON acknowledgement counts as delivered (SY6),
 * and a copy that does not fit is never merged into a draft.
 */
export type SendResult =
  | {
      readonly kind: 'ack';
      readonly version: number;
      readonly outcome: Acknowledgement['outcome'];
    }
  | { readonly kind: 'conflict' | 'submitted' }
  | { readonly kind: 'problem'; readonly code: string }
  | { readonly kind: 'retry'; readonly reason: string };

/** The PUT body as the sender builds it. */
export type ResponsePayload = ResponseBody;

/** The server's copy of a response, with only the fields the contract names. */
export type ServerResponseCopy = Omit<ResponseCopy, 'ack'>;

type Fetch = typeof fetch;

const TIMEOUT_MS = 20_000;

/** The JSON body of a reply, or undefined when it has none (a portal's HTML page, an empty 502). */
async function readJson(response: Response): Promise<unknown> {
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** Our error reply with one of `codes`; a proxy's 404 page is not our server saying "no". */
const isErrorOf = (body: unknown, ...codes: readonly string[]) => {
  const code = readMessage(errorReply, body)?.error;
  return code !== undefined && codes.includes(code);
};

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
    // A captive portal or a proxy answers 200 with its own page; an ack of
    // another response or of an older version does not cover this one either.
    const ack = readMessage(acknowledgement, body);
    if (!ack || ack.id !== id || ack.version < payload.version)
      return { kind: 'retry', reason: 'no_ack' };
    return { kind: 'ack', version: ack.version, outcome: ack.outcome };
  }
  const refused = response.status === 409 ? readMessage(refusal, body) : undefined;
  if (refused?.error === 'conflict' || refused?.error === 'submitted')
    return { kind: refused.error };
  if (response.status === 408 || response.status === 429 || response.status >= 500) {
    return { kind: 'retry', reason: `http_${response.status}` };
  }
  return {
    kind: 'problem',
    code: readMessage(errorReply, body)?.error ?? `http_${response.status}`,
  };
}

/**
 * The server's copy of a response (MG1): null when it has none (204),
 * 'failed' when it cannot be read or is not a copy of this response.
 */
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
    if (!response.ok) return 'failed';
    const copy = readMessage(responseCopy, await readJson(response));
    if (!copy || copy.id !== id) return 'failed';
    // Fresh objects of the named fields: whatever else the reply held stays behind.
    return {
      id: copy.id,
      questionnaireId: copy.questionnaireId,
      questionnaireVersion: copy.questionnaireVersion,
      status: copy.status,
      version: copy.version,
      answers: Object.fromEntries(Object.entries(copy.answers)),
      answeredAt: Object.fromEntries(Object.entries(copy.answeredAt)),
      updatedAt: copy.updatedAt,
    };
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
    const body = await readJson(response);
    const reply = response.status === 201 ? readMessage(openResponseReply, body) : undefined;
    if (reply) return { kind: 'token', token: reply.token } as const;
    if (
      (response.status === 404 && isErrorOf(body, 'not_found')) ||
      (response.status === 409 && isErrorOf(body, 'exists'))
    )
      return { kind: 'refused' } as const;
    return { kind: 'retry' } as const;
  } catch {
    return { kind: 'retry' } as const;
  }
}

/** SY8: exchanges the token of an invitation link for the response it opens. */
export async function claimInvitation(
  token: string,
  fetchFn: Fetch = (input, init) => fetch(input, init),
  baseUrl: string = window.location.origin,
) {
  try {
    const response = await fetchFn(`${baseUrl}/api/invitations/claim`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = await readJson(response);
    const claim = response.ok ? readMessage(claimReply, body) : undefined;
    if (claim) {
      return {
        kind: 'claimed',
        responseId: claim.responseId,
        questionnaireId: claim.questionnaireId,
        questionnaireVersion: claim.questionnaireVersion,
      } as const;
    }
    return response.status === 404 && isErrorOf(body, 'not_found')
      ? ({ kind: 'invalid' } as const)
      : ({ kind: 'failed' } as const);
  } catch {
    return { kind: 'failed' } as const;
  }
}

/** Whom a collector device collects for, as the server said when it enrolled (SY15). */
export type Enrolment = EnrolReply;

export type EnrolResult =
  | { readonly kind: 'enrolled'; readonly enrolment: Enrolment }
  /** Our server does not know the link: mistyped, revoked or expired (the same 404 for each). */
  | { readonly kind: 'not_found' }
  /** The server answered, but not with an enrolment: busy, failing, or someone else's page. */
  | { readonly kind: 'unavailable' }
  /** No answer at all. */
  | { readonly kind: 'offline' };

/** SY15: a collector link's token for the collector it stands for. The token stays the device's key. */
export async function enrol(
  token: string,
  fetchFn: Fetch = (input, init) => fetch(input, init),
  baseUrl: string = window.location.origin,
): Promise<EnrolResult> {
  let response: Response;
  try {
    response = await fetchFn(`${baseUrl}/api/collectors/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch {
    return { kind: 'offline' };
  }
  const body = await readJson(response);
  const reply = response.ok ? readMessage(enrolReply, body) : undefined;
  if (reply) {
    // A fresh object of the named fields: whatever else the reply held stays behind.
    return {
      kind: 'enrolled',
      enrolment: {
        collectorId: reply.collectorId,
        label: reply.label,
        questionnaireIds: [...reply.questionnaireIds],
        expiresAt: reply.expiresAt,
      },
    };
  }
  // A token no link can hold (400) is as unknown as a revoked one.
  const isUnknown =
    (response.status === 404 && isErrorOf(body, 'not_found')) ||
    (response.status === 400 && isErrorOf(body, 'invalid_body'));
  return isUnknown ? { kind: 'not_found' } : { kind: 'unavailable' };
}
