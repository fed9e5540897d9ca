let markPainted: () => void = () => undefined;

/** Resolves once the app's first screen has been painted. */
export const firstScreenPainted = new Promise<void>((resolve) => {
  markPainted = resolve;
});

/** Called when the first screen has rendered; resolves after the frame that shows it. */
export function firstScreenRendered() {
  requestAnimationFrame(() => setTimeout(markPainted, 0));
}
