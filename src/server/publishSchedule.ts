import type { Publications } from './publications.ts';
import type { QuestionnaireRegistry } from './questionnaireRegistry.ts';

/**
 * The nightly publication: at `HH:MM` server time every questionnaire with
 * indicators is published when the rules allow it. Several processes may
 * run it at once; the database lets one publication per number through.
 */
export interface PublishSchedule {
  /** When the schedule next runs (ms), or null when it is off. */
  nextAt(): number | null;
  stop(): void;
}

/** The next moment at `HH:MM` local time strictly after `now`. */
export function nextDailyAt(at: string, now: number): number {
  const [hours = 0, minutes = 0] = at.split(':').map(Number);
  const next = new Date(now);
  next.setHours(hours, minutes, 0, 0);
  if (next.getTime() <= now) next.setDate(next.getDate() + 1);
  return next.getTime();
}

export function startPublishSchedule(options: {
  /** `HH:MM`, or 'off'. */
  readonly at: string;
  readonly publications: Publications;
  readonly registry: QuestionnaireRegistry;
  readonly now: () => number;
  readonly log: (message: string, fields: Record<string, unknown>) => void;
}): PublishSchedule {
  const { at } = options;
  if (at === 'off') return { nextAt: () => null, stop: () => undefined };
  let nextAt = nextDailyAt(at, options.now());
  let timer: NodeJS.Timeout | undefined;

  const run = async () => {
    for (const id of options.registry.ids()) {
      if (!options.registry.latest(id)?.indicators?.length) continue;
      try {
        const outcome = await options.publications.publish(id);
        options.log('scheduled publication', {
          questionnaire: id,
          outcome: outcome?.kind,
          ...(outcome?.kind === 'published' ? { number: outcome.document.number } : {}),
          ...(outcome?.kind === 'not_publishable' && !outcome.plan.isPublishable
            ? { reason: outcome.plan.reason, changed: outcome.plan.changed }
            : {}),
        });
      } catch (error) {
        options.log('scheduled publication failed', { questionnaire: id, error: String(error) });
      }
    }
  };
  const arm = () => {
    // setTimeout cannot wait longer than ~24.8 days; a day is the most we ever need.
    timer = setTimeout(
      () => {
        void run().finally(() => {
          nextAt = nextDailyAt(at, options.now());
          arm();
        });
      },
      Math.max(0, nextAt - options.now()),
    );
    timer.unref();
  };
  arm();
  return {
    nextAt: () => nextAt,
    stop: () => clearTimeout(timer),
  };
}
