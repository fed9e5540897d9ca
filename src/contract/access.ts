import * as yup from 'yup';
import { bodyToken, closed, id, label, lazily, open } from './fields.ts';
import { BEARER_TOKEN, UUID } from './ids.ts';

/**
 * How a device gets the token for one response (SYNC.md SY8, SY9), and how
 * the survey owner makes invitation links.
 */

/** `POST /api/invitations/claim`: the token from an invitation link. */
export const claimBody = lazily(() => closed({ token: bodyToken() }));

export type ClaimBody = yup.InferType<typeof claimBody>;

/** 200 to a claim: the response the link opens, on the version it was started on. */
export const claimReply = lazily(() =>
  open({
    responseId: yup.string().strict().matches(UUID).required(),
    questionnaireId: id(),
    questionnaireVersion: yup.number().strict().integer().min(1).required(),
  }),
);

export type ClaimReply = yup.InferType<typeof claimReply>;

/** `POST /api/questionnaires/<id>/responses` (open link): the UUID the device made. */
export const openResponseBody = lazily(() =>
  closed({
    responseId: yup.string().strict().required('is required').matches(UUID, 'must be a UUID'),
  }),
);

export type OpenResponseBody = yup.InferType<typeof openResponseBody>;

/** 201 to an open-link request: the token for that response alone. */
export const openResponseReply = lazily(() =>
  open({
    token: yup.string().strict().matches(BEARER_TOKEN).required(),
  }),
);

export type OpenResponseReply = yup.InferType<typeof openResponseReply>;

/** `POST /api/admin/invitations`: one link per label, or `count` links without labels. */
export const invitationBody = lazily(() =>
  closed({
    questionnaireId: id(),
    count: yup.number().strict().integer().min(1).max(10_000).optional(),
    labels: yup.array(label(200)).strict().max(10_000).optional(),
    expiresInDays: yup.number().strict().integer().min(1).max(3650).optional(),
  }),
);

export type InvitationBody = yup.InferType<typeof invitationBody>;
