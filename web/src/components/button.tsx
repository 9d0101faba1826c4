import type { ButtonHTMLAttributes, Ref } from 'react'

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet'

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant
  size?: 'normal' | 'small'
  busy?: boolean
  ref?: Ref<HTMLButtonElement>
}

/** Class names for a link that should look like a button ("Nytt projekt", "Redigera"). */
export function buttonClass(
  variant: ButtonVariant = 'secondary',
  size: 'normal' | 'small' = 'normal',
): string {
  return ['button', `button--${variant}`, size === 'small' ? 'button--small' : ''].filter(Boolean).join(' ')
}

export function Button({
  variant = 'secondary',
  size = 'normal',
  busy = false,
  type = 'button',
  className,
  disabled,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={[buttonClass(variant, size), className ?? ''].filter(Boolean).join(' ')}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {children}
    </button>
  )
}
