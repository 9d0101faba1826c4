import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'

export interface ErrorSummaryItem {
  /** The id of the form control to jump to. */
  controlId: string
  label: string
  message: string
}

export interface ErrorSummaryProps {
  items: readonly ErrorSummaryItem[]
}

function focusControl(controlId: string) {
  const control = document.getElementById(controlId)
  if (!control) return
  control.scrollIntoView({ block: 'center' })
  control.focus()
}

/** The list of form errors at the top of a form, each linking to its field. */
export function ErrorSummary({ items }: ErrorSummaryProps) {
  const { t } = useTranslation('common')
  if (items.length === 0) return null
  return (
    <section className="error-summary" aria-labelledby="error-summary-title">
      <h2 className="error-summary__title" id="error-summary-title">
        {t('errorSummary.title')}
      </h2>
      <p>{t('errorSummary.intro')}</p>
      <ul className="error-summary__list">
        {items.map((item) => (
          <li key={item.controlId}>
            <a
              href={`#${item.controlId}`}
              onClick={(event) => {
                event.preventDefault()
                focusControl(item.controlId)
              }}
            >
              {item.label}: {item.message}
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}

/**
 * After a failed submit, focus the first invalid field. `attempt` changes on every
 * submit so the same errors twice still move focus.
 */
export function useFocusFirstInvalid(items: readonly ErrorSummaryItem[], attempt: number): void {
  const first = items[0]?.controlId
  const lastAttempt = useRef(0)
  useEffect(() => {
    if (!first || attempt === lastAttempt.current) return
    lastAttempt.current = attempt
    focusControl(first)
  }, [first, attempt])
}
