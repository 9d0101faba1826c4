import type { InputHTMLAttributes, ReactNode } from 'react'
import { FieldShell } from './field-shell'

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'required'> {
  id: string
  label: ReactNode
  hint?: ReactNode
  error?: string | undefined
  required?: boolean
  width?: 'full' | 'medium' | 'short'
}

/** A labelled text-like input (text, email, password, date, number, search). */
export function Field({ id, label, hint, error, required, width = 'full', className, ...input }: FieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required ?? false}>
      {(control) => (
        <input
          className={['input', `input--${width}`, className ?? ''].filter(Boolean).join(' ')}
          {...input}
          {...control}
        />
      )}
    </FieldShell>
  )
}
