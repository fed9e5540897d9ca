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
  /** 1 for simulated demo responses (`npm run seed:demo`), never real figures (0002). */
  demo: number;
}

export type CredentialKind = 'invitation' | 'open';

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
}

export interface DatabaseSchema {
  responses: ResponsesTable;
  credentials: CredentialsTable;
}
