import type { LocalizedText } from '../engine/index.ts';
import built from 'virtual:site-config';

/**
 * Who runs the survey, how to reach them, and who each questionnaire is for:
 * `config/site.json`, checked by `parseSiteConfig` when the app is built
 * (`src/build/siteConfigPlugin.ts`) and built into the app, so it shows
 * offline. The privacy statement is built into its own lazy chunk
 * (`virtual:site-privacy`), loaded by the privacy screen only.
 */
export interface SiteOwner {
  readonly name: LocalizedText;
  /** A page where the owner can be reached. */
  readonly url: string;
  readonly email?: string;
  /** Set when the operator must replace this with their own facts before going live. */
  readonly isExample?: boolean;
}

export interface QuestionnaireSite {
  /** Key into `owners`. */
  readonly owner: string;
  /** Who should answer it, in a sentence. */
  readonly audience: LocalizedText;
}

export interface SiteConfig {
  readonly owners: Readonly<Record<string, SiteOwner>>;
  readonly questionnaires: Readonly<Record<string, QuestionnaireSite>>;
}

export interface PrivacySection {
  readonly id: string;
  readonly heading: LocalizedText;
  readonly paragraphs: readonly LocalizedText[];
  readonly isExample?: boolean;
}

export interface PrivacyStatement {
  /** ISO date (YYYY-MM-DD) the statement was last changed. */
  readonly updated: string;
  readonly sections: readonly PrivacySection[];
}

const SITE = built as SiteConfig;

export function siteConfig(): SiteConfig {
  return SITE;
}

/** The owners in the order the config names them, each once. */
export function siteOwners(): readonly (SiteOwner & { readonly id: string })[] {
  return Object.entries(SITE.owners).map(([id, owner]) => ({ id, ...owner }));
}

/** Who runs a questionnaire and who should answer it; undefined for one the config does not know. */
export function questionnaireSite(
  questionnaireId: string,
): { readonly owner: SiteOwner; readonly audience: LocalizedText } | undefined {
  const entry = SITE.questionnaires[questionnaireId];
  const owner = entry ? SITE.owners[entry.owner] : undefined;
  return entry && owner ? { owner, audience: entry.audience } : undefined;
}
