import type { AnswerValue } from '../../../src/engine/index.ts';

/**
 * What the page of `npm run bench:field` offers the bench on `window.__field` (`main.ts`), and
 * what it answers: plain data, so it crosses Playwright's `evaluate` as JSON.
 */
export interface PlannedRespondent {
  readonly questionnaire: { readonly id: string; readonly version: number };
  readonly label: string;
  /** The answers page by page, as a collector pressing «Neste» leaves them: one save each. */
  readonly saves: readonly Readonly<Record<string, AnswerValue>>[];
  /** Answered to the end and submitted; otherwise left part-way, as a draft. */
  readonly submit: boolean;
}

/** One press of «Send alle»: what `sendCollectedNow` reported, counted. */
export interface Press {
  readonly ms: number;
  readonly responses: number;
  readonly acknowledged: number;
  /** Acknowledged submissions whose answers left the device with this press. */
  readonly removed: number;
  /** Tried and still queued (the batch then stops), or left untried after that. */
  readonly queued: number;
  readonly untried: number;
  /** The server's code for each response that needs attention (none expected). */
  readonly attention: readonly string[];
  readonly gone: number;
  readonly removedEarlier: number;
  /** Collected responses still not acknowledged at their revision once the press is over. */
  readonly left: number;
}

/** One collected response as the device holds it. */
export interface DeviceResponse {
  readonly responseId: string;
  readonly respondentToken: string;
  /** The roster line's removal record: when the answers left, and when their acknowledgement came. */
  readonly removed: { readonly at: number; readonly acknowledgedAt: number } | null;
  readonly isAcknowledged: boolean;
  readonly delivery: string;
  /** The draft, with the digest of what a save of it carries (`responseDigest`); null once gone. */
  readonly draft: {
    readonly questionnaireId: string;
    readonly questionnaireVersion: number;
    readonly revision: number;
    readonly status: 'draft' | 'submitted';
    readonly digest: string;
  } | null;
  readonly hasOutboxRow: boolean;
  readonly hasCredential: boolean;
}

export interface FieldApi {
  /** SY15 with the collector link's token; the enrolment's outcome, or why there is none. */
  enrol(token: string): Promise<string>;
  /** Starts these respondents through the collector store and saves their answers; the page's time in ms. */
  queue(respondents: readonly PlannedRespondent[]): Promise<number>;
  press(): Promise<Press>;
  device(): Promise<DeviceResponse[]>;
}

export type FieldWindow = Window & { __field?: FieldApi };
