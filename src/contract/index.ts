/**
 * The HTTP contract between the app and the sync server: every message as a
 * Yup schema with its TypeScript type, and the id rules. The server checks
 * request bodies with these schemas; the client checks every reply with them
 * before anything reaches a draft or a screen. Imports only `yup` and the
 * engine's entry (lint-enforced), so both sides can share it.
 */
export { BEARER_TOKEN, ID, UUID, isResponseId } from './ids.ts';
export { isMessage, readMessage } from './fields.ts';
export {
  ACK,
  acknowledgement,
  errorReply,
  invalidReply,
  isAnswerValue,
  refusal,
  responseBody,
  responseCopy,
  type Acknowledgement,
  type ErrorReply,
  type InvalidReply,
  type Refusal,
  type ResponseBody,
  type ResponseCopy,
} from './responses.ts';
export {
  claimBody,
  claimReply,
  invitationBody,
  openResponseBody,
  openResponseReply,
  type ClaimBody,
  type ClaimReply,
  type InvitationBody,
  type OpenResponseBody,
  type OpenResponseReply,
} from './access.ts';
export {
  NOT_PUBLISHABLE_REASONS,
  isIndicatorOutcome,
  notPublishableReply,
  publicationOverviewReply,
  responseCounts,
  settingsBody,
  settingsReply,
  type NotPublishableReason,
  type NotPublishableReply,
  type PublicationOverviewReply,
  type ResponseCounts,
  type SettingsBody,
  type SettingsReply,
} from './admin.ts';
export {
  notPublishedReply,
  readPublication,
  readPublicationReply,
  type NotPublishedReply,
  type PublicationReply,
} from './publications.ts';
