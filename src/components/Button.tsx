import type { ButtonHTMLAttributes } from 'react';

/** Designsystemet button (`ds-button`); primary by default. */
export function Button({
  variant = 'primary',
  className,
  type = 'button',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'tertiary' }) {
  return (
    <button
      {...rest}
      type={type}
      className={['ds-button', className].filter(Boolean).join(' ')}
      data-variant={variant}
    />
  );
}
