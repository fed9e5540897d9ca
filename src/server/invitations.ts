import { randomUUID } from 'node:crypto';
import type { ServerStore } from './db/serverStore.ts';
import { hashToken, newToken } from './tokens.ts';

/**
 * Invitations: one random token (256 bits) per response, stored only as its
 * SHA-256. The token is shown once, in the link; the device that opens the
 * link keeps it and sends it with every save.
 */
export interface IssuedInvitation {
  readonly id: string;
  readonly responseId: string;
  readonly label: string | null;
  readonly link: string;
}

export async function issueInvitations(
  store: ServerStore,
  request: {
    questionnaireId: string;
    labels: readonly (string | null)[];
    expiresAt: number | null;
    publicUrl: string;
  },
  now: number,
): Promise<IssuedInvitation[]> {
  const made = request.labels.map((label) => ({
    token: newToken(),
    id: randomUUID(),
    responseId: randomUUID(),
    label,
  }));
  await store.createCredentials(
    made.map(({ token, id, responseId, label }) => ({
      id,
      tokenHash: hashToken(token),
      kind: 'invitation' as const,
      questionnaireId: request.questionnaireId,
      responseId,
      label,
      expiresAt: request.expiresAt,
    })),
    now,
  );
  const issued: IssuedInvitation[] = made.map(({ token, id, responseId, label }) => ({
    id,
    responseId,
    label,
    link: `${request.publicUrl.replace(/\/$/, '')}/i/${token}`,
  }));
  return issued;
}

/** For open-link questionnaires: a credential for a response id the device made itself. */
export async function openResponse(
  store: ServerStore,
  questionnaireId: string,
  responseId: string,
  now: number,
) {
  const token = newToken();
  await store.createCredential(
    {
      id: randomUUID(),
      tokenHash: hashToken(token),
      kind: 'open',
      questionnaireId,
      responseId,
      label: null,
      expiresAt: null,
    },
    now,
  );
  return token;
}
