import type { ReactNode, TextareaHTMLAttributes } from 'react'
import { FieldShell } from './field-shell'

export interface TextAreaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'required'> {
  id: string
  label: ReactNode
  hint?: ReactNode
  error?: string | undefined
  required?: boolean
}

export function TextArea({
  id,
  label,
  hint,
  error,
  required,
  className,
  rows = 5,
  ...textarea
}: TextAreaProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required ?? false}>
      {(control) => (
        <textarea
          className={['input', 'input--textarea', className ?? ''].filter(Boolean).join(' ')}
          rows={rows}
          {...textarea}
          {...control}
        />
      )}
    </FieldShell>
  )
}
