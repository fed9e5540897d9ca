/**
 * Tables of the sync server. Do not change a column without a new migration
 * in `migrations.ts`; migrations are forward-only and run on both SQLite and
 * PostgreSQL. Times are milliseconds since the epoch; JSON is stored as text
 * so both databases hold exactly the same bytes.
 */
type Millis = number;

export interface ResponsesTable {
  id: string;
  questionnaire_id: string;
  questionnaire_version: number;
  status: 'draft' | 'submitted';
  /** The client's revision counter; the server keeps the highest it accepted. */
  version: number;
  answers: string;
  answered_at: string;
  content_hash: string;
  credential_id: string;
  created_at: Millis;
  updated_at: Millis;
  submitted_at: Millis | null;
  /** JSON of the engine's RespondentSummary: scores and peer groups (0002). */
  summary: string | null;
  /** Who gave it (0003, replaces 0002's `demo` flag): decides whether it counts in a publication (PB1). */
  provenance: Provenance;
}

/** invited: an invitation link; open: an open link; collector: field collection; simulated: `seed:demo`. */
export type Provenance = 'invited' | 'open' | 'collector' | 'simulated';

/** The survey owner's choices per questionnaire (0003). */
export interface QuestionnaireSettingsTable {
  questionnaire_id: string;
  /** 1 when open-link responses count in publications. */
  admit_open_link: number;
  /** 1 when simulated responses count (a demo server; the figures then say they are test figures). */
  admit_simulated: number;
  /** When the owner closed the round: every partial response last changed before it is settled. */
  closed_at: Millis | null;
  updated_at: Millis;
}

/** Published figures, one row per publication, never changed once written (0003). */
export interface PublicationsTable {
  questionnaire_id: string;
  number: number;
  published_at: Millis;
  /** JSON of the engine's PublicationDocument, served as is. */
  document: string;
}

/**
 * Who contributed to which publications (0003): one row per response and
 * summary, valid from publication `from_number` through `to_number` (null:
 * still in the latest). Needed to check every new publication against all
 * earlier ones (PB7, PB8).
 */
export interface PublicationMembersTable {
  questionnaire_id: string;
  response_id: string;
  summary: string;
  summary_key: string;
  from_number: number;
  to_number: number | null;
}

/**
 * invitation: an invitation link; open: an open link; respondent (0005): the
 * respondent's own link to a response a collector gave, made with it.
 */
export type CredentialKind = 'invitation' | 'open' | 'respondent';

export interface CredentialsTable {
  id: string;
  /** SHA-256 of the token; the token itself is never stored. */
  token_hash: string;
  kind: CredentialKind;
  questionnaire_id: string;
  response_id: string;
  label: string | null;
  created_at: Millis;
  expires_at: Millis | null;
  revoked_at: Millis | null;
  first_used_at: Millis | null;
  /** The collector whose device gave the response (0005); null for every other kind. */
  collector_id: string | null;
}

/** Collector links for field collection (0005): one per team or person, for one or more questionnaires. */
export interface CollectorsTable {
  id: string;
  /** SHA-256 of the link's token; the token itself is never stored. */
  token_hash: string;
  label: string;
  /** JSON array of questionnaire ids the collector may give responses to. */
  questionnaire_ids: string;
  created_at: Millis;
  expires_at: Millis;
  revoked_at: Millis | null;
  first_used_at: Millis | null;
}

/** Responses erased at a respondent's request (0004): the id only, never what was in it. */
export interface ErasuresTable {
  response_id: string;
  erased_at: Millis;
}

export interface DatabaseSchema {
  responses: ResponsesTable;
  credentials: CredentialsTable;
  collectors: CollectorsTable;
  questionnaire_settings: QuestionnaireSettingsTable;
  publications: PublicationsTable;
  publication_members: PublicationMembersTable;
  erasures: ErasuresTable;
}
