import type { ReactNode } from 'react';

type Tone = 'info' | 'success' | 'warning' | 'danger';

/** Designsystemet alert. `live` makes it announce itself (WCAG 4.1.3). */
export function Alert({
  tone,
  children,
  live,
  ...rest
}: {
  tone: Tone;
  children: ReactNode;
  live?: 'polite' | 'assertive';
  'data-testid'?: string;
}) {
  const role = live === 'assertive' ? 'alert' : live === 'polite' ? 'status' : undefined;
  return (
    <div className="ds-alert" data-color={tone} role={role} {...rest}>
      {children}
    </div>
  );
}
