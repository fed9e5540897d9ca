/**
 * Whether the browser may evict this app's storage. Asking for persistence
 * is what makes a week-old draft survive storage pressure on Chromium and
 * Firefox; iOS Safari only keeps it when the app is on the home screen.
 */
export interface StorageHealth {
  readonly isPersisted: boolean | null;
  readonly usage: number | null;
  readonly quota: number | null;
  /** iOS/iPadOS Safari outside an installed home-screen app: storage may go after 7 days. */
  readonly isEvictableSafari: boolean;
}

export async function readStorageHealth(): Promise<StorageHealth> {
  const storage =
    typeof navigator === 'undefined'
      ? undefined
      : (navigator.storage as StorageManager | undefined);
  const [isPersisted, estimate] = await Promise.all([
    storage?.persisted ? storage.persisted().catch(() => null) : Promise.resolve(null),
    storage?.estimate ? storage.estimate().catch(() => null) : Promise.resolve(null),
  ]);
  return {
    isPersisted,
    usage: estimate?.usage ?? null,
    quota: estimate?.quota ?? null,
    isEvictableSafari: isIosSafari() && !isStandalone(),
  };
}

let asked = false;

/** Asks once per session, after the first saved answer, as browsers expect a reason. */
export async function requestPersistence(): Promise<boolean | null> {
  if (
    asked ||
    typeof navigator === 'undefined' ||
    !(navigator.storage as StorageManager | undefined)?.persist
  )
    return null;
  asked = true;
  try {
    return await navigator.storage.persist();
  } catch {
    return null;
  }
}

function isIosSafari(): boolean {
  const ua = navigator.userAgent;
  const isIos =
    /iPad|iPhone|iPod/.test(ua) || (ua.includes('Macintosh') && navigator.maxTouchPoints > 1);
  return isIos && /Safari/.test(ua) && !/CriOS|FxiOS|EdgiOS/.test(ua);
}

function isStandalone(): boolean {
  return (
    window.matchMedia('(display-mode: standalone)').matches ||
    (navigator as Navigator & { standalone?: boolean }).standalone === true
  );
}
