import type { ReactNode } from 'react';
import { Button } from '../../components/Button.tsx';
import './panels.css';

/** One of the collector's panels: a section named by its heading, `data-testid` `<id>-panel`. */
export function CollectorPanel({
  id,
  heading,
  intro,
  children,
}: {
  id: string;
  heading: string;
  intro?: string;
  children: ReactNode;
}) {
  return (
    <section
      className="collector-panel"
      aria-labelledby={`${id}-heading`}
      data-testid={`${id}-panel`}
    >
      <h2 className="ds-heading" data-size="xs" id={`${id}-heading`} tabIndex={-1}>
        {heading}
      </h2>
      {intro ? <p className="ds-paragraph">{intro}</p> : null}
      {children}
    </section>
  );
}

/**
 * A button whose action runs for a while: pressing it again meanwhile does
 * nothing, and its text says what is going on. aria-disabled, not disabled:
 * a disabled button would drop the keyboard focus.
 */
export function BusyButton({
  isBusy,
  onPress,
  text,
  busyText = text,
  variant = 'primary',
  testId,
  describedBy,
}: {
  isBusy: boolean;
  onPress: () => void;
  text: string;
  busyText?: string;
  variant?: 'primary' | 'secondary';
  testId: string;
  describedBy?: string;
}) {
  return (
    <Button
      variant={variant}
      data-testid={testId}
      aria-describedby={describedBy}
      aria-disabled={isBusy || undefined}
      onClick={() => {
        if (!isBusy) onPress();
      }}
    >
      {isBusy ? busyText : text}
    </Button>
  );
}

/**
 * A Designsystemet checkbox (or switch, for a setting that applies at once)
 * with its label and a sentence on what it means. While busy it stays
 * focusable and ignores changes (aria-disabled), as `BusyButton` does.
 */
export function CheckboxField({
  id,
  label,
  help,
  isChecked,
  isSwitch = false,
  isBusy = false,
  onChange,
}: {
  id: string;
  label: string;
  help: string;
  isChecked: boolean;
  isSwitch?: boolean;
  isBusy?: boolean;
  onChange: (isChecked: boolean) => void;
}) {
  return (
    <div className="ds-field">
      <input
        id={id}
        className="ds-input"
        type="checkbox"
        role={isSwitch ? 'switch' : undefined}
        checked={isChecked}
        aria-describedby={`${id}-help`}
        aria-disabled={isBusy || undefined}
        onChange={(event) => {
          if (!isBusy) onChange(event.target.checked);
        }}
      />
      <label className="ds-label" htmlFor={id}>
        {label}
      </label>
      <p className="ds-paragraph collector-subtle" id={`${id}-help`}>
        {help}
      </p>
    </div>
  );
}
