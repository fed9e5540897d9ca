import { useEffect, useRef } from 'react';

/**
 * The screen's heading takes the focus when the screen appears and each time
 * `step` changes, so a screen reader reads where the person now is (the app
 * changes screens without a page load).
 */
export function useHeadingFocus(step: unknown) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [step]);
  return heading;
}
