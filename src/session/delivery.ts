/**
 * Where a response stands on its way to the server (SYNC.md SY12). The rule
 * lives in storage (`records.ts`), which decides with it what a collector's
 * roster shows and what may be removed; the session shows it.
 */
export { deliveryOf, type Delivery } from '../storage/lazy.ts';
