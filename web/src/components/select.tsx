import type { ReactNode, SelectHTMLAttributes } from 'react'
import { FieldShell } from './field-shell'

export interface SelectOption {
  value: string
  label: string
  /** Indentation level, for options that form a tree (organisations). */
  depth?: number
}

export interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'required'> {
  id: string
  label: ReactNode
  options: readonly SelectOption[]
  /** Text of a first, empty option ("Alla program", "Inget"). */
  emptyOption?: string
  hint?: ReactNode
  error?: string | undefined
  required?: boolean
  width?: 'full' | 'medium' | 'short'
}

const INDENT = '\u00a0\u00a0\u00a0'

export function Select({
  id,
  label,
  options,
  emptyOption,
  hint,
  error,
  required,
  width = 'full',
  className,
  ...select
}: SelectProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required ?? false}>
      {(control) => (
        <select
          className={['input', 'input--select', `input--${width}`, className ?? ''].filter(Boolean).join(' ')}
          {...select}
          {...control}
        >
          {emptyOption !== undefined ? <option value="">{emptyOption}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {INDENT.repeat(option.depth ?? 0)}
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  )
}
