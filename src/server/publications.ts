import {
  planPublication,
  summaryKey,
  type Contribution,
  type Members,
  type PublicationDocument,
  type PublicationPlan,
  type RespondentSummary,
} from '../engine/index.ts';
import type { Provenance } from './db/schema.ts';
import type { MemberRow, PublicationSource, QuestionnaireSettings } from './db/publicationStore.ts';
import type { ServerStore } from './db/serverStore.ts';
import type { QuestionnaireRegistry } from './questionnaireRegistry.ts';

/**
 * Publications of the national and peer-group figures: who counts (PB1),
 * what may be shown (the engine's planPublication, PB2–PB8), and storing
 * the result so that every server process serves the same one (PB9).
 */
export interface PublicationOptions {
  /** k: no figure and no difference between figures rests on fewer respondents. */
  readonly k: number;
  /** A partial response counts once it has been left alone this long. */
  readonly settledAfterMs: number;
  readonly now: () => number;
}

export type ResponseCounts = Readonly<Record<Provenance, number>> & {
  /** Responses that count in a publication made now. */
  readonly counted: number;
  /** Admitted partial responses not yet settled. */
  readonly waiting: number;
};

export interface Preview {
  readonly plan: PublicationPlan;
  readonly settings: QuestionnaireSettings;
  readonly responses: ResponseCounts;
}

export type PublishOutcome =
  | { readonly kind: 'published'; readonly document: PublicationDocument; readonly body: string }
  | { readonly kind: 'not_publishable'; readonly plan: PublicationPlan }
  /** Another process published the same number first. */
  | { readonly kind: 'raced' };

/** PB1: invited and collector responses count; open-link and simulated ones when the owner admits them. */
export function isAdmitted(provenance: Provenance, settings: QuestionnaireSettings): boolean {
  switch (provenance) {
    case 'invited':
    case 'collector':
      return true;
    case 'open':
      return settings.admitOpenLink;
    case 'simulated':
      return settings.admitSimulated;
  }
}

/** PB1: a partial counts once left alone for the settling time, or once the round closed after its last change. */
export function isSettled(
  source: Pick<PublicationSource, 'status' | 'updatedAt'>,
  settings: QuestionnaireSettings,
  now: number,
  settledAfterMs: number,
): boolean {
  return (
    source.status === 'submitted' ||
    now - source.updatedAt >= settledAfterMs ||
    (settings.closedAt !== null && source.updatedAt <= settings.closedAt)
  );
}

const contributionOf = (summaryJson: string): Contribution => {
  const summary = JSON.parse(summaryJson) as RespondentSummary;
  return { summary, key: summaryKey(summary) };
};

export function createPublications(
  store: ServerStore,
  registry: QuestionnaireRegistry,
  options: PublicationOptions,
) {
  async function prepare(questionnaireId: string) {
    const spec = registry.latest(questionnaireId);
    if (!spec) return undefined;
    const now = options.now();
    const [settings, sources, stored, memberRows] = await Promise.all([
      store.settings(questionnaireId),
      store.publicationSources(questionnaireId),
      store.publications(questionnaireId),
      store.members(questionnaireId),
    ]);

    // Each stored member row is parsed at most once, and only when a check needs it.
    const parsed = new Map<MemberRow, Contribution>();
    const contributionOfRow = (row: MemberRow) => {
      let contribution = parsed.get(row);
      if (!contribution) {
        contribution = contributionOf(row.summary);
        parsed.set(row, contribution);
      }
      return contribution;
    };
    // Who contributed to the latest publication, by response.
    const latestMembers = new Map<string, MemberRow>();
    for (const row of memberRows) if (row.toNumber === null) latestMembers.set(row.responseId, row);

    const contributors = new Map<string, Contribution>();
    const summaries = new Map<string, string>();
    const counts = { invited: 0, open: 0, collector: 0, simulated: 0, counted: 0, waiting: 0 };
    let simulated = 0;
    for (const source of sources) {
      counts[source.provenance] += 1;
      if (!isAdmitted(source.provenance, settings)) continue;
      const published = latestMembers.get(source.id);
      if (isSettled(source, settings, now, options.settledAfterMs)) {
        const isUnchanged = published?.summary === source.summary;
        contributors.set(
          source.id,
          published && isUnchanged ? contributionOfRow(published) : contributionOf(source.summary),
        );
        summaries.set(source.id, source.summary);
      } else {
        counts.waiting += 1;
        // Never while it is being typed: the version last published stays until this one settles.
        if (!published) continue;
        contributors.set(source.id, contributionOfRow(published));
        summaries.set(source.id, published.summary);
      }
      counts.counted += 1;
      if (source.provenance === 'simulated') simulated += 1;
    }

    const earlier = stored.map((p) => JSON.parse(p.document) as PublicationDocument);
    const memberCache = new Map<number, Members>();
    const membersOf = (number: number): Members => {
      let members = memberCache.get(number);
      if (!members) {
        const built = new Map<string, Contribution>();
        for (const row of memberRows) {
          if (row.fromNumber <= number && (row.toNumber === null || row.toNumber >= number))
            built.set(row.responseId, contributionOfRow(row));
        }
        members = built;
        memberCache.set(number, members);
      }
      return members;
    };
    const plan = planPublication({ spec, k: options.k, contributors, earlier, membersOf });
    return { spec, now, plan, settings, counts, contributors, summaries, earlier, simulated };
  }

  return {
    k: options.k,

    async preview(questionnaireId: string): Promise<Preview | undefined> {
      const prepared = await prepare(questionnaireId);
      return (
        prepared && {
          plan: prepared.plan,
          settings: prepared.settings,
          responses: prepared.counts,
        }
      );
    },

    /** The owner's action and the schedule: publishes when PB2–PB8 allow it. */
    async publish(questionnaireId: string): Promise<PublishOutcome | undefined> {
      const prepared = await prepare(questionnaireId);
      if (!prepared) return undefined;
      const { plan, now, earlier, contributors, summaries, simulated } = prepared;
      if (!plan.isPublishable) return { kind: 'not_publishable', plan };
      const earlierDates: Record<string, number> = {};
      for (const indicator of Object.values(plan.figures.indicators)) {
        const source = earlier.find((p) => p.number === indicator.from);
        if (source) earlierDates[String(source.number)] = source.publishedAt;
      }
      const document: PublicationDocument = {
        questionnaireId,
        publishedAt: now,
        isSimulated: simulated > 0,
        earlierDates,
        ...plan.figures,
      };
      const body = JSON.stringify(document);
      const members = new Map(
        [...contributors].map(([id, c]) => [
          id,
          { summary: summaries.get(id) ?? '', summaryKey: c.key },
        ]),
      );
      const isStored = await store.insertPublication(
        questionnaireId,
        { number: document.number, publishedAt: now, document: body },
        members,
      );
      return isStored ? { kind: 'published', document, body } : { kind: 'raced' };
    },

    /** PB9: the latest stored publication, read from the database on every call. */
    async current(
      questionnaireId: string,
    ): Promise<{ body: string; etag: string } | 'not_published' | undefined> {
      if (!registry.latest(questionnaireId)) return undefined;
      const latest = await store.latestPublication(questionnaireId);
      if (!latest) return 'not_published';
      // The time as well as the number: publications removed by `seed:demo --remove` reuse numbers.
      return {
        body: latest.document,
        etag: `"${questionnaireId}-${latest.number}-${latest.publishedAt}"`,
      };
    },
  };
}

export type Publications = ReturnType<typeof createPublications>;
