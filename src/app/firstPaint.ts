import { useEffect, useState } from 'react';

let markPainted: () => void = () => undefined;

/** Resolves once the app's first screen has been painted. */
export const firstScreenPainted = new Promise<void>((resolve) => {
  markPainted = resolve;
});

/** Called when the first screen has rendered; resolves after the frame that shows it. */
export function firstScreenRendered() {
  requestAnimationFrame(() => setTimeout(markPainted, 0));
}

let painted = false;
void firstScreenPainted.then(() => {
  painted = true;
});

/** False until the first screen is on screen: work a screen can start later waits for it. */
export function useFirstScreenPainted(): boolean {
  const [isPainted, setPainted] = useState(painted);
  useEffect(() => {
    if (!isPainted) void firstScreenPainted.then(() => setPainted(true));
  }, [isPainted]);
  return isPainted;
}
