import { useSyncExternalStore } from 'react';
import { storageAfterPaint } from '../../platform/storageAfterPaint.ts';
import { readEnrolmentAtStart } from '../../storage/lazy.ts';
import type { CollectorRecord } from '../../storage/lazy.ts';

/**
 * Who has this device: nobody special (not a collector's device), the
 * collector, or one respondent (`activeRespondent`, kept in IndexedDB by the
 * collector store's `handOver`). The app's gate reads it on every address.
 *
 * It is read with one plain IndexedDB request as soon as this module is
 * evaluated, before React's first render, and kept current after the first
 * paint by a live query, which sees a hand-over or take-back in another tab
 * too. Own changes are applied at once (`holderChanged`), not a turn later,
 * so the next screen is judged by them.
 */
export type DeviceHolder =
  | { readonly isKnown: false }
  | {
      readonly isKnown: true;
      readonly isEnrolled: boolean;
      /** The response whose respondent has the device, or null. */
      readonly activeRespondent: string | null;
    };

let holder: DeviceHolder = { isKnown: false };
const listeners = new Set<() => void>();

function set(next: DeviceHolder) {
  if (
    holder.isKnown &&
    next.isKnown &&
    holder.isEnrolled === next.isEnrolled &&
    holder.activeRespondent === next.activeRespondent
  )
    return;
  holder = next;
  for (const listener of listeners) listener();
}

/** What the app now knows of the enrolment; the gate closes or opens with it. */
export function holderChanged(enrolment: CollectorRecord | undefined) {
  set({
    isKnown: true,
    isEnrolled: enrolment !== undefined,
    activeRespondent: enrolment?.activeRespondent ?? null,
  });
}

if (typeof indexedDB !== 'undefined') {
  void readEnrolmentAtStart().then((enrolment) => {
    // The live query may have answered first; it is newer.
    if (!holder.isKnown) holderChanged(enrolment);
  });
  void storageAfterPaint().then((storage) => {
    const store = storage.collectorStore();
    storage
      .liveQuery(() => store.getEnrolment())
      .subscribe({
        next: holderChanged,
        // A failed read keeps what is known: a lock stays a lock.
        error: () => undefined,
      });
  });
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

const snapshot = () => holder;

export function useDeviceHolder(): DeviceHolder {
  return useSyncExternalStore(subscribe, snapshot);
}
