import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export interface ControlA11yProps {
  id: string
  'aria-describedby'?: string
  'aria-invalid'?: true
  'aria-required'?: true
}

export interface FieldShellProps {
  id: string
  label: ReactNode
  hint?: ReactNode
  error?: string | undefined
  required?: boolean
  className?: string
  children: (control: ControlA11yProps) => ReactNode
}

export const hintId = (id: string) => `${id}-hint`
export const errorId = (id: string) => `${id}-error`

/** Label, hint and error around one form control, tied to it with aria-describedby. */
export function FieldShell({ id, label, hint, error, required, className, children }: FieldShellProps) {
  const { t } = useTranslation('common')
  const describedBy = [hint ? hintId(id) : null, error ? errorId(id) : null].filter(Boolean).join(' ')
  return (
    <div className={['field', error ? 'field--invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
        {required ? <span className="field__required"> {t('required')}</span> : null}
      </label>
      {hint ? (
        <div className="field__hint" id={hintId(id)}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId(id)}>
          <span className="visually-hidden">{t('errorPrefix')} </span>
          {error}
        </p>
      ) : null}
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
        ...(required ? { 'aria-required': true as const } : {}),
      })}
    </div>
  )
}
