let markPainted: () => void = () => undefined;

/** Resolves once the app's first screen has been painted. */
export const firstScreenPainted = new Promise<void>((resolve) => {
  markPainted = resolve;
});

/** Called when the first screen has rendered; resolves after the frame that shows it. */
export function firstScreenRendered() {
  afterNextPaint(markPainted);
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
