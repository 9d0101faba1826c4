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
  onClick,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={[buttonClass(variant, size), className ?? ''].filter(Boolean).join(' ')}
      disabled={disabled}
      // A busy button refuses a second press but keeps focus: `disabled` would drop the focus of the
      // person who pressed it to the page's start, and a screen reader would lose its place.
      aria-disabled={busy || undefined}
      aria-busy={busy || undefined}
      onClick={(event) => {
        // Also stops the form's submission, whether by a press or by Enter in a field.
        if (busy) event.preventDefault()
        else onClick?.(event)
      }}
      {...rest}
    >
      {children}
    </button>
  )
}
