import type { AdminClient, AdminProblem, PublicationOverview } from './adminApi.ts';

/**
 * The state of one questionnaire's publication panel and the owner's
 * actions on it (publish, admit open-link responses, close and reopen the
 * round). Plain TypeScript with a subscribe/getState pair for
 * `useSyncExternalStore`; the React view only shows the state and forwards
 * clicks.
 */

export type PanelAction = 'publish' | 'admit' | 'close' | 'reopen';

/** The outcome of the owner's last action, announced in the panel's live region. */
export type PanelNotice =
  | { readonly kind: 'published'; readonly number: number }
  | Extract<AdminProblem, { kind: 'not_publishable' | 'conflict' }>
  | { readonly kind: 'admit_changed'; readonly isAdmitted: boolean }
  | { readonly kind: 'round_closed' }
  | { readonly kind: 'round_reopened' }
  | { readonly kind: 'action_failed' };

export interface PanelState {
  readonly overview: PublicationOverview | null;
  /** Loading failed and there is nothing to show. */
  readonly hasLoadFailed: boolean;
  readonly pending: PanelAction | null;
  readonly notice: PanelNotice | null;
  /** The action the notice is about, so the view can say it next to that control. */
  readonly noticeAction: PanelAction | null;
}

export interface PublicationPanel {
  readonly subscribe: (listener: () => void) => () => void;
  readonly getState: () => PanelState;
  readonly load: () => Promise<void>;
  readonly publish: () => Promise<void>;
  readonly setAdmitOpenLink: (isAdmitted: boolean) => Promise<void>;
  readonly closeRound: () => Promise<void>;
  /** Partial responses count again only once settled by time (PB1). */
  readonly reopenRound: () => Promise<void>;
}

export function createPublicationPanel(options: {
  readonly client: AdminClient;
  readonly questionnaireId: string;
  /** The key was refused (401/403): the screen asks for it again. */
  readonly onUnauthorised: (problem: AdminProblem) => void;
}): PublicationPanel {
  const { client, questionnaireId, onUnauthorised } = options;
  let state: PanelState = {
    overview: null,
    hasLoadFailed: false,
    pending: null,
    notice: null,
    noticeAction: null,
  };
  const listeners = new Set<() => void>();
  const update = (change: Partial<PanelState>) => {
    state = { ...state, ...change };
    for (const listener of listeners) listener();
  };
  const isUnauthorised = (problem: AdminProblem) => {
    if (problem.kind !== 'wrong_key' && problem.kind !== 'admin_off') return false;
    onUnauthorised(problem);
    return true;
  };

  async function load(): Promise<void> {
    const result = await client.publication(questionnaireId);
    if (result.ok) update({ overview: result.value, hasLoadFailed: false });
    else if (!isUnauthorised(result.problem)) update({ hasLoadFailed: state.overview === null });
  }

  /**
   * Runs one action at a time; the figures are read again afterwards, whatever
   * the outcome, except when the key was refused (`run` gave no notice): the
   * screen is asking for the key again, and reading would be refused too.
   */
  async function act(action: PanelAction, run: () => Promise<PanelNotice | null>): Promise<void> {
    if (state.pending) return;
    update({ pending: action, notice: null, noticeAction: null });
    const notice = await run();
    if (notice) await load();
    update({ pending: null, notice, noticeAction: notice ? action : null });
  }

  const showAdmitted = (admitOpenLink: boolean) => {
    const { overview } = state;
    if (overview)
      update({ overview: { ...overview, settings: { ...overview.settings, admitOpenLink } } });
  };

  /** Null when the key was refused: the screen then asks for it again instead. */
  const noticeOf = (problem: AdminProblem): PanelNotice | null => {
    if (isUnauthorised(problem)) return null;
    if (problem.kind === 'not_publishable') return problem;
    if (problem.kind === 'conflict') return { kind: 'conflict' };
    return { kind: 'action_failed' };
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getState: () => state,
    load,
    publish: () =>
      act('publish', async () => {
        const result = await client.publish(questionnaireId);
        return result.ok
          ? { kind: 'published', number: result.value.number }
          : noticeOf(result.problem);
      }),
    setAdmitOpenLink: (isAdmitted) =>
      act('admit', async () => {
        // The switch shows the owner's choice at once; the reload afterwards shows what the server kept.
        const before = state.overview?.settings;
        showAdmitted(isAdmitted);
        const result = await client.changeSettings(questionnaireId, { admitOpenLink: isAdmitted });
        if (result.ok) return { kind: 'admit_changed', isAdmitted: result.value.admitOpenLink };
        if (before) showAdmitted(before.admitOpenLink);
        return noticeOf(result.problem);
      }),
    closeRound: () =>
      act('close', async () => {
        const result = await client.changeSettings(questionnaireId, { isClosed: true });
        return result.ok ? { kind: 'round_closed' } : noticeOf(result.problem);
      }),
    reopenRound: () =>
      act('reopen', async () => {
        const result = await client.changeSettings(questionnaireId, { isClosed: false });
        return result.ok ? { kind: 'round_reopened' } : noticeOf(result.problem);
      }),
  };
}
