import { useEffect, useRef } from 'react';

export interface SummaryItem {
  readonly targetId: string;
  readonly text: string;
}

/**
 * Designsystemet error summary. Takes focus once per failed submit so a
 * keyboard or screen-reader user lands on the list of what to fix; each item
 * links to its field.
 */
export function ErrorSummary({
  heading,
  items,
  focusKey,
}: {
  heading: string;
  items: readonly SummaryItem[];
  /** Changes with each submit (the form's submit count); only a new value may take focus. */
  focusKey: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const focusedFor = useRef<number | undefined>(undefined);
  // Not on every change of the items: they change as the person types into a field, and taking
  // focus then would send the next keystrokes here. The items may arrive a render after the submit
  // (validation runs after the count goes up), so this waits for them within the same submit.
  useEffect(() => {
    if (items.length === 0 || focusedFor.current === focusKey) return;
    focusedFor.current = focusKey;
    ref.current?.focus();
  }, [focusKey, items.length]);
  if (items.length === 0) return null;
  return (
    <div
      className="ds-error-summary"
      ref={ref}
      tabIndex={-1}
      aria-labelledby="error-summary-heading"
    >
      <h2 className="ds-heading" data-size="xs" id="error-summary-heading">
        {heading}
      </h2>
      <ul className="ds-list">
        {items.map((item) => (
          <li key={item.targetId}>
            <a
              className="ds-link"
              href={`#${item.targetId}`}
              onClick={(event) => {
                const target = document.getElementById(item.targetId);
                if (!target) return;
                event.preventDefault();
                target.scrollIntoView({ block: 'center' });
                target.focus();
              }}
            >
              {item.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
