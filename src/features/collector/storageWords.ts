import type { StorageHealth } from '../../storage/lazy.ts';
import { formatBytes, formatPercent, type WordTools } from './formats.ts';

/**
 * What the device storage panel says about the browser's storage for this
 * app: how much is used of what the browser allows, whether the browser may
 * evict it, and when to act before the quota is reached.
 */

/**
 * From this share of the quota on, the collector is warned: a browser refuses writes at its quota,
 * and a week of answers offline grows, so the warning comes while there is room to send or export.
 */
export const USAGE_WARNING_SHARE = 0.8;

export type Usage =
  | { readonly kind: 'unknown' }
  | {
      readonly kind: 'known';
      readonly usage: number;
      readonly quota: number;
      /** `usage / quota`, 0–1 (more when a browser reports usage past its quota). */
      readonly share: number;
      readonly isNearlyFull: boolean;
    };

export function usageOf(health: Pick<StorageHealth, 'usage' | 'quota'>): Usage {
  const { usage, quota } = health;
  if (usage === null || quota === null || quota <= 0) return { kind: 'unknown' };
  const share = usage / quota;
  return { kind: 'known', usage, quota, share, isNearlyFull: share >= USAGE_WARNING_SHARE };
}

/** «2,3 MB av 120 GB (under 1 %)»: a share that rounds to 0 % is not «0 %» when something is stored. */
export function usageText({ t, language }: WordTools, usage: Usage): string {
  if (usage.kind === 'unknown') return t('collectorPanels.storage.usageUnknown');
  const isTiny = usage.share > 0 && usage.share < 0.005;
  return t('collectorPanels.storage.usage', {
    usage: formatBytes(usage.usage, language),
    quota: formatBytes(usage.quota, language),
    percent: isTiny
      ? t('collectorPanels.storage.underPercent', { percent: formatPercent(0.01, language) })
      : formatPercent(usage.share, language),
  });
}

/** The warning once usage reaches `USAGE_WARNING_SHARE`; null below it or when unknown. */
export function usageWarning({ t, language }: WordTools, usage: Usage): string | null {
  if (usage.kind !== 'known' || !usage.isNearlyFull) return null;
  return t('collectorPanels.storage.nearlyFull', { percent: formatPercent(usage.share, language) });
}

/** Whether the browser may delete this app's data under storage pressure. */
export function persistenceText({ t }: WordTools, isPersisted: boolean | null): string {
  if (isPersisted === true) return t('collectorPanels.storage.persistent');
  if (isPersisted === false) return t('collectorPanels.storage.notPersistent');
  return t('collectorPanels.storage.persistenceUnknown');
}

/**
 * Asks the browser to keep this app's storage, now: the collector pressed
 * the button, which is the reason browsers want. Not `requestPersistence`
 * from storage, which asks once per session and so would do nothing here
 * after the answering flow has asked. Null when the browser cannot be asked.
 */
export async function askForPersistentStorage(
  storage: Pick<StorageManager, 'persist'> | undefined,
): Promise<boolean | null> {
  if (!storage?.persist) return null;
  try {
    return await storage.persist();
  } catch {
    return null;
  }
}
