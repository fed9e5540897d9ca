/**
 * The admin screens' one door to the survey owner's API. The calls live with
 * the other network calls in `src/sync/adminClient.ts`; the messages they
 * exchange are in `src/contract/admin.ts`.
 */
export {
  createAdminClient,
  type AdminClient,
  type AdminProblem,
  type AdminResult,
  type ImportRefusalCode,
  type ImportSummary,
  type InvitationListing,
  type InvitationState,
  type IssuedLink,
  type NewInvitations,
  type NextPublication,
  type NotPublishableReason,
  type ProvenanceCounts,
  type PublicationOverview,
  type QuestionnaireSettings,
  type ResponseCounts,
  type SettingsChange,
} from '../../sync/adminClient.ts';
