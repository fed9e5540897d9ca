/**
 * Asks the sender to run soon. The sender itself is loaded on first use, so
 * none of the sync code is on the path to the first question.
 */
export function requestSync(): void {
  void import('./startSync.ts').then((sync) => {
    sync.requestSync();
  });
}
