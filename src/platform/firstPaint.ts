let markPainted: () => void = () => undefined;

/** Resolves once the app's first screen has been painted. */
export const firstScreenPainted = new Promise<void>((resolve) => {
  markPainted = resolve;
});

/** Called when the first screen has rendered; resolves after the frame that shows it. */
export function firstScreenRendered() {
  afterNextPaint(markPainted);
}

/**
 * Resolves with `value` in a later task of its own. Work that several parts of the app start at
 * the same moment (after the first paint, once storage has loaded) otherwise runs back to back in
 * one long task, and a tap made meanwhile waits for all of it (on a phone, 4× slower, several
 * such tasks were over 100 ms).
 */
export function inOwnTask<T>(value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), 0));
}

/** Runs `work` after the frame now being prepared has been painted; returns a cancel. */
export function afterNextPaint(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
