import { randomUUID } from 'node:crypto';
import type { InvitationState } from '../contract/index.ts';
import type { InvitationRow } from './db/invitationStore.ts';
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
    link: invitationLink(request.publicUrl, token),
  }));
  return issued;
}

const invitationLink = (publicUrl: string, token: string) =>
  `${publicUrl.replace(/\/$/, '')}/i/${token}`;

/**
 * Re-send: the same invitation and response get a new token, and the old
 * link stops opening anything (its hash is gone from the database). The
 * caller empties the credential caches (SY7). A revoked or expired
 * invitation gets no new link: revoking is final, and an expired one would
 * be a link that opens nothing.
 */
export async function reissueInvitation(
  store: ServerStore,
  id: string,
  publicUrl: string,
  now: number,
): Promise<
  | { readonly kind: 'issued'; readonly invitation: Omit<IssuedInvitation, 'responseId'> }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'revoked' | 'expired' }
> {
  const invitation = await store.getInvitation(id);
  if (!invitation) return { kind: 'not_found' };
  const state = invitationState(invitation, now);
  if (state === 'revoked' || (invitation.expiresAt !== null && invitation.expiresAt <= now))
    return { kind: state === 'revoked' ? 'revoked' : 'expired' };
  const token = newToken();
  // A revocation between the read and this write wins: the update requires an unrevoked row.
  if (!(await store.replaceInvitationToken(id, hashToken(token)))) return { kind: 'revoked' };
  return {
    kind: 'issued',
    invitation: { id, label: invitation.label, link: invitationLink(publicUrl, token) },
  };
}

/** What an invitation has led to, from its credential and its response only (contract INVITATION_STATES). */
export function invitationState(row: InvitationRow, now: number): InvitationState {
  if (row.revokedAt !== null) return 'revoked';
  if (row.responseStatus === 'submitted') return 'submitted';
  if (row.expiresAt !== null && row.expiresAt <= now) return 'expired';
  if (row.responseStatus !== null) return 'started';
  return row.firstUsedAt === null ? 'not_opened' : 'opened';
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
