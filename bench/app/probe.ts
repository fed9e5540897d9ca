/**
 * The scripts `npm run bench:app` injects: into every document before the
 * page's own scripts (PROBE, and REACT_COMMITS for the tap profile), and into
 * the app's workers (WORKER_PROBE). Plain scripts, not serialized TS
 * functions, so that the transpiler's helpers never leak into the page.
 * Methods: bench/README.md.
 */

// ---------------------------------------------------------------------------
// Probe for the app's workers (the answer worker writes answers off the main
// thread). CDP cannot throttle a worker's CPU ("only supported for pages"), so
// each write also reports its span inside the worker, which the report scales
// by the throttling rate. Times are absolute (timeOrigin + now): the page
// converts them to its own clock.
// ---------------------------------------------------------------------------
export const WORKER_PROBE = String.raw`(() => {
  if (self.__benchWorker) return;
  self.__benchWorker = true;
  const channel = new BroadcastChannel('bench-writes');
  const now = () => performance.timeOrigin + performance.now();
  // The worker's database connection is open before this probe arrives, and Dexie bound
  // IDBDatabase#transaction at opening; the first store a transaction touches is seen instead,
  // which Dexie asks for as it makes the transaction's first request.
  const seen = new WeakSet();
  const objectStore = IDBTransaction.prototype.objectStore;
  IDBTransaction.prototype.objectStore = function (...args) {
    if (!seen.has(this)) {
      seen.add(this);
      const names = [...this.objectStoreNames];
      if (this.db.name === 'barometer' && this.mode === 'readwrite' && names.includes('drafts')) {
        const opened = now();
        this.addEventListener('complete', () => channel.postMessage({ opened, committed: now() }));
      }
    }
    return objectStore.apply(this, args);
  };
})()`;

// ---------------------------------------------------------------------------
// In-page probe. A plain script (not a serialized TS function) so that the
// transpiler's helpers never leak into the page. All times are
// performance.now(), i.e. milliseconds since the navigation started.
// ---------------------------------------------------------------------------
export const PROBE = String.raw`(() => {
  if (window.__bench) return;
  const now = () => performance.now();
  /**
   * The end of the frame being made: called from a rAF callback (or once a
   * frame's callbacks ran), a user-blocking task runs right after that frame's
   * style, layout and paint, ahead of ordinary tasks either page queued
   * meanwhile (IndexedDB events, worker and BroadcastChannel messages,
   * timers). A setTimeout task would run behind those, and time them too.
   */
  const frameDone = () => new Promise((r) => {
    const mark = () => r(now());
    if (globalThis.scheduler && typeof scheduler.postTask === 'function') scheduler.postTask(mark, { priority: 'user-blocking' });
    else setTimeout(mark, 0);
  });
  /** The next ordinary task: when the main thread is free again, behind whatever was queued before it. */
  const nextTask = () => new Promise((r) => setTimeout(() => r(now()), 0));
  /** The end of the next frame: rAF runs before style/layout/paint, the task after it. */
  const afterNextPaint = () => new Promise((r) => requestAnimationFrame(() => frameDone().then(r)));
  /** The first ordinary task after the next frame. */
  const freeAfterNextPaint = () => new Promise((r) => requestAnimationFrame(() => nextTask().then(r)));
  const events = [];
  /**
   * Every read-write transaction on barometer.drafts, with the moment it was
   * opened and the moment the page was told it committed ('complete'). A
   * passive listener; the app's own handlers run unchanged after it.
   */
  const writes = [];
  const openTransaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const tx = openTransaction.apply(this, args);
    const [stores, mode] = args;
    const names = typeof stores === 'string' ? [stores] : [...stores];
    if (this.name === 'barometer' && mode === 'readwrite' && names.includes('drafts')) {
      const write = { opened: now(), committed: null, inWorker: false };
      writes.push(write);
      tx.addEventListener('complete', () => { write.committed = now(); });
    }
    return tx;
  };
  // Held on window: an unreferenced channel may be collected, and its messages lost with it.
  window.__benchWrites = new BroadcastChannel('bench-writes');
  window.__benchWrites.onmessage = ({ data }) => {
    const toPage = (t) => t - performance.timeOrigin;
    writes.push({ opened: toPage(data.opened), committed: toPage(data.committed), inWorker: true });
  };
  try {
    new PerformanceObserver((list) => events.push(...list.getEntries()))
      .observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch {}

  /** Visible and enabled, and (when on screen) its first control is what a tap at its centre hits. */
  const isClickable = (root) => {
    const input = root.querySelector('input, textarea, select, button');
    if (!input || input.disabled || input.closest('fieldset[disabled]')) return false;
    const style = getComputedStyle(root);
    if (style.display === 'none' || style.visibility !== 'visible' || Number(style.opacity) === 0) return false;
    const box = root.getBoundingClientRect();
    const r = input.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || r.width === 0 || r.height === 0) return false;
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return true;
    const hit = document.elementFromPoint(x, y);
    if (!hit) return false;
    return hit === input || input.contains(hit) || [...(input.labels || [])].some((l) => l.contains(hit));
  };

  /**
   * Resolves when predicate() is truthy, checked at the start of every frame
   * (requestAnimationFrame, before style, layout and paint). Not after every
   * DOM mutation: the predicates read layout, and reading it between a
   * page's commits forced extra style and layout passes on the page being
   * measured, while the frame that paints the change is the same either way.
   */
  const when = (predicate, timeoutMs) => new Promise((resolve) => {
    let done = false;
    const check = (inFrame) => {
      if (done) return;
      const value = predicate();
      if (!value) return;
      done = true;
      clearTimeout(timer);
      resolve({ at: now(), value, inFrame });
    };
    const timer = setTimeout(() => { if (!done) { done = true; resolve(null); } }, timeoutMs);
    const poll = () => { check(true); if (!done) requestAnimationFrame(poll); };
    check(false);
    if (!done) requestAnimationFrame(poll);
  });
  const paintedAfter = (hit) => (hit.inFrame ? frameDone() : afterNextPaint());

  const REVIEW = '(review)';
  const firstQuestion = () => {
    const root = document.querySelector('[data-name]');
    return root && isClickable(root) ? root.getAttribute('data-name') : null;
  };

  let database = null;
  const openDatabase = () => {
    database ??= new Promise((resolve, reject) => {
      const request = indexedDB.open('barometer');
      request.onsuccess = () => {
        request.result.onversionchange = () => { request.result.close(); database = null; };
        resolve(request.result);
      };
      request.onerror = () => reject(request.error);
    });
    return database;
  };
  const readDraft = async () => {
    const db = await openDatabase();
    const draftId = decodeURIComponent(location.pathname.split('/')[2] || '');
    return new Promise((resolve, reject) => {
      const request = db.transaction('drafts', 'readonly').objectStore('drafts').get(draftId);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  };
  /** The stored answer shows this click: a single choice, a grid row (name "...--<row>") or a checkbox. */
  const isStored = (draft, question, input, expected) => {
    const value = draft && draft.answers ? draft.answers[question] : undefined;
    if (input.type === 'checkbox') return (Array.isArray(value) && value.includes(input.value)) === expected;
    if (typeof value === 'string') return value === input.value;
    if (value && typeof value === 'object') {
      const row = input.name.split('--')[1];
      return row === undefined ? Object.values(value).includes(input.value) : value[row] === input.value;
    }
    return false;
  };
  const saveState = () => {
    if (document.querySelector('[data-testid="save-error"]')) return 'error';
    const status = document.querySelector('[data-testid="save-status"]');
    return status ? status.getAttribute('data-state') : null;
  };

  const bench = {
    firstQuestion: when(firstQuestion, 60000).then(async (hit) =>
      hit ? { name: hit.value, ready: hit.at, painted: await paintedAfter(hit) } : null),
    fcp: () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    resourcesUntil: (t) => performance.getEntriesByType('resource').filter((e) => e.responseEnd <= t).map((e) => e.name),
    navigation: () => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { workerStart: nav ? nav.workerStart : 0, controlled: !!navigator.serviceWorker?.controller };
    },
    saveState,
    /** The first radio or checkbox group of the page with nothing chosen (its input name), or null. */
    nextGroup() {
      const form = document.querySelector('form[data-section]');
      if (!form) return null;
      const inputs = [...form.querySelectorAll('[data-name] input[type=radio], [data-name] input[type=checkbox]')];
      const groups = [...new Set(inputs.map((i) => i.name))];
      return groups.find((name) => !inputs.some((i) => i.name === name && i.checked)) ?? null;
    },
    /**
     * Where to click the first element matching the selector: its centre,
     * after scrolling it to the middle of the viewport when it is not wholly
     * on screen or something else covers its centre (a sticky bar), and letting that scroll be painted (so that the click's own
     * frame draws only the click). Null when there is no such element.
     */
    async aim(selector) {
      const target = document.querySelector(selector);
      if (!target) return null;
      const box = target.getBoundingClientRect();
      // Covered: something else (a sticky action bar) is on top of its centre, and would get the click.
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      const isCovered = hit !== null && hit !== target && !target.contains(hit) && !(hit.closest('label') && hit.closest('label').htmlFor === target.id);
      if (box.top < 0 || box.bottom > innerHeight || isCovered) {
        target.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
        await afterNextPaint();
      }
      const r = target.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    /** Milestones of this document for the report: navigation timing, paints, fetches, first IndexedDB commit. */
    timeline: () => {
      const nav = performance.getEntriesByType('navigation')[0];
      const marks = nav
        ? [['HTML received', nav.responseEnd], ['DOMContentLoaded', nav.domContentLoadedEventEnd], ['load event', nav.loadEventEnd]]
        : [];
      const fcp = bench.fcp();
      if (fcp !== null) marks.push(['first contentful paint', fcp]);
      const write = writes.find((w) => w.committed !== null);
      if (write) marks.push(['first IndexedDB write committed', write.committed]);
      const resources = performance.getEntriesByType('resource').map((e) => ({
        path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd,
      }));
      return { marks: marks.filter(([, t]) => t > 0), resources };
    },

    /**
     * Arms a one-shot measurement of the next click on a radio or checkbox.
     * persist: 'verify' waits for "saved" and reads the answer back from
     * IndexedDB (the app), 'saved' only waits for "saved" (the tap profile),
     * 'none' measures the paint alone (the bare page, which saves nothing).
     * dependent: a question this click shows or hides (skip logic), timed to
     * the end of the frame that shows it clickable, or no longer shows it.
     */
    armAnswer({ persist = 'verify', dependent = null } = {}) {
      bench.answer = new Promise((resolve) => {
        const onClick = async (event) => {
          const input = event.target;
          if (!(input instanceof HTMLInputElement) || (input.type !== 'radio' && input.type !== 'checkbox')) return;
          removeEventListener('click', onClick, true);
          const t0 = event.timeStamp;
          const dispatched = performance.now() - t0;
          const expected = input.checked;
          const question = input.closest('[data-name]')?.getAttribute('data-name') ?? '';
          // Started before the page's own handlers run (capture phase), so no frame is missed.
          const dependentPainted = dependent
            ? when(() => {
                const root = document.querySelector('[data-name="' + CSS.escape(dependent.name) + '"]');
                return dependent.shows ? root !== null && isClickable(root) : root === null || root.getClientRects().length === 0;
              }, 10000).then(async (hit) => (hit ? (await paintedAfter(hit)) - t0 : null))
            : Promise.resolve(null);
          const waitsForSave = persist !== 'none';
          // "Saved" for this click: the line says saved, at a time no earlier than the click (the
          // app may take «Lagrer …» and «Lagret» in together after the click's frame).
          const clickedAtWall = performance.timeOrigin + t0;
          const saved = !waitsForSave ? Promise.resolve(null) : new Promise((done) => {
            const check = () => {
              const state = saveState();
              if (state === 'error') return finish(false);
              const at = Number(document.querySelector('[data-testid="save-status"]')?.getAttribute('data-saved-at'));
              if (state === 'saved' && at >= Math.floor(clickedAtWall)) finish(true);
            };
            const observer = new MutationObserver(check);
            const timer = setTimeout(() => finish(false), 10000);
            const finish = (ok) => { observer.disconnect(); clearTimeout(timer); done(ok ? now() : null); };
            observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-testid', 'data-saved-at'] });
          });
          const free = freeAfterNextPaint();
          let painted = await afterNextPaint();
          for (let i = 0; i < 60 && input.checked !== expected; i++) painted = await afterNextPaint();
          const freeAt = await free;
          const savedAt = await saved;
          let stored = false;
          if (persist === 'verify' && savedAt !== null) {
            for (let i = 0; i < 50 && !stored; i++) {
              if (i > 0) await new Promise((r) => setTimeout(r, 20));
              stored = isStored(await readDraft(), question, input, expected);
            }
          }
          // A worker's report arrives as a message, possibly after the page heard "saved".
          const findWrite = () => writes.find((w) => w.opened >= t0 && w.committed !== null);
          for (let i = 0; i < 50 && savedAt !== null && !findWrite(); i++) await new Promise((r) => setTimeout(r, 20));
          const write = findWrite();
          const dependentAt = await dependentPainted;
          await afterNextPaint();
          const eventTiming = events
            .filter((e) => e.startTime >= t0 - 150 && e.startTime <= t0 + 1)
            .reduce((max, e) => Math.max(max, e.duration), 0);
          resolve({
            question,
            type: input.type,
            clickedAt: t0,
            paint: painted - t0,
            dispatched,
            free: Math.max(freeAt, painted) - t0,
            rendered: input.checked === expected,
            saved: savedAt === null ? null : savedAt - t0,
            opened: write ? write.opened - t0 : null,
            committed: write ? write.committed - t0 : null,
            inWorker: write ? write.inWorker : null,
            stored,
            dependent: dependentAt,
            eventTiming: eventTiming || null,
          });
        };
        addEventListener('click', onClick, true);
      });
    },

    /** Arms a one-shot measurement from the next click on a submit button to the next page's first question painted. */
    armTransition() {
      const from = document.querySelector('form[data-section]')?.getAttribute('data-section') ?? null;
      bench.transition = new Promise((resolve) => {
        const onClick = async (event) => {
          if (!(event.target instanceof Element) || !event.target.closest('button[type="submit"]')) return;
          removeEventListener('click', onClick, true);
          const t0 = event.timeStamp;
          const hit = await when(() => {
            const form = document.querySelector('form[data-section]');
            if (location.pathname.endsWith('/oppsummering')) return REVIEW;
            if (!form || form.getAttribute('data-section') === from) return null;
            const root = form.querySelector('[data-name]');
            return root && isClickable(root) ? form.getAttribute('data-section') : null;
          }, 15000);
          if (!hit || hit.value === REVIEW) resolve({ from, to: hit ? hit.value : null, clickedAt: t0 });
          else resolve({ from, to: hit.value, clickedAt: t0, ready: hit.at - t0, painted: (await paintedAfter(hit)) - t0 });
        };
        addEventListener('click', onClick, true);
      });
    },
  };
  window.__bench = bench;
})();
//# sourceURL=bench-probe.js`;

// ---------------------------------------------------------------------------
// React commits, for the tap profile only. React DOM reads
// `__REACT_DEVTOOLS_GLOBAL_HOOK__` once when it loads (production builds
// too) and then reports every commit to `onCommitFiberRoot`. For each commit
// this records the components that rendered in it, walking only the parts of
// the tree that changed, as React DevTools does: a subtree whose child
// pointer is the previous tree's was not touched. A component rendered when
// it is new (no alternate) or React flagged PerformedWork (1) on it; a memo
// or a bail-out leaves that flag off. Names are readable only in an
// unminified build.
// ---------------------------------------------------------------------------
export const REACT_COMMITS = String.raw`(() => {
  if (window.__REACT_DEVTOOLS_GLOBAL_HOOK__) return;
  // FunctionComponent, ClassComponent, ForwardRef, MemoComponent, SimpleMemoComponent.
  const COMPONENT_TAGS = new Set([0, 1, 11, 14, 15]);
  const PERFORMED_WORK = 1;
  const nameOf = (fiber) => {
    const type = fiber.type;
    if (!type) return '(anonymous)';
    const inner = fiber.tag === 14 ? type.type : fiber.tag === 11 ? type.render : type;
    return type.displayName || (inner && (inner.displayName || inner.name)) || '(anonymous)';
  };
  const collect = (next, previous, rendered) => {
    if (COMPONENT_TAGS.has(next.tag) && (previous === null || (next.flags & PERFORMED_WORK) !== 0)) {
      rendered.push({ name: nameOf(next), mounted: previous === null });
    }
    if (previous !== null && next.child === previous.child) return;
    for (let child = next.child; child !== null; child = child.sibling) collect(child, child.alternate, rendered);
  };
  let commits = [];
  let renderers = 0;
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject(internals) {
      renderers += 1;
      this.renderers.set(renderers, internals);
      return renderers;
    },
    onCommitFiberRoot(_renderer, root) {
      const rendered = [];
      collect(root.current, root.current.alternate, rendered);
      commits.push({ at: performance.now(), rendered });
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
  };
  /** The commits since the last call. */
  window.__benchReact = { take: () => { const taken = commits; commits = []; return taken; } };
})();
//# sourceURL=bench-react-commits.js`;
