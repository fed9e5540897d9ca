/**
 * The HTTP contract between the app and the sync server: every message as a
 * Yup schema with its TypeScript type, and the id rules. The server checks
 * request bodies with these schemas; the client checks every reply with them
 * before anything reaches a draft or a screen. Imports only `yup` and the
 * engine's entry (lint-enforced), so both sides can share it.
 */
export { BEARER_TOKEN, ID, UUID, isResponseId } from './ids.ts';
export { SHA256_HEX, isMessage, readMessage } from './fields.ts';
export { canonicalJson } from './canonicalJson.ts';
export {
  ACK,
  acknowledgement,
  errorReply,
  invalidReply,
  isAnswerValue,
  refusal,
  responseBody,
  responseCopy,
  responseFields,
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
  EXPORT_FLAVOURS,
  EXPORT_FORMATS,
  EXPORT_TABLES,
  NOT_PUBLISHABLE_REASONS,
  exportFileName,
  isIndicatorOutcome,
  notPublishableReply,
  publicationOverviewReply,
  responseCounts,
  settingsBody,
  settingsReply,
  type ExportChoice,
  type ExportFlavour,
  type ExportFormat,
  type ExportTableName,
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
export {
  COLLECTOR_DEFAULT_DAYS,
  COLLECTOR_MAX_DAYS,
  IMPORT_OUTCOMES,
  IMPORT_REFUSALS,
  collectorBody,
  collectorListReply,
  collectorReply,
  collectorSummary,
  enrolBody,
  enrolReply,
  importRefusal,
  importReply,
  type CollectorBody,
  type CollectorListReply,
  type CollectorReply,
  type CollectorSummary,
  type EnrolBody,
  type EnrolReply,
  type ImportOutcome,
  type ImportRefusal,
  type ImportRefusalCode,
  type ImportReply,
} from './collectors.ts';
export {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  EXPORT_MAX_RESPONSES,
  exportChecksum,
  exportFile,
  exportedResponse,
  sealExportFile,
  type ExportFile,
  type ExportFileContent,
  type ExportedResponse,
  type Sha256Hex,
} from './exportFile.ts';
