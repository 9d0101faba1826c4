import { findPersonalData, personalDataMessages } from '@lagesbild/shared/domain/personal-data'
import { useDeferredValue } from 'react'
import { useTranslation } from 'react-i18next'
import { currentLanguage } from '../lib/i18n'
import { TextArea, type TextAreaProps } from './text-area'

export interface FreeTextAreaProps extends TextAreaProps {
  value: string
  /** Show the reminder under the label; off where the section already says it once. */
  reminder?: boolean
}

/**
 * A free-text field about a project's work: reminds not to write personal data about the
 * children and families served, and warns while typing when the text looks like a personal
 * identity number or a list of names (the same check the server applies when an
 * organisation chose to refuse such text).
 */
export function FreeTextArea({ value, reminder = true, hint, id, ...props }: FreeTextAreaProps) {
  const { t } = useTranslation('common')
  const checked = useDeferredValue(value)
  const finding = findPersonalData(checked)[0]
  return (
    <div className="free-text">
      <TextArea
        id={id}
        value={value}
        hint={
          reminder || hint ? (
            <>
              {hint ? <span>{hint} </span> : null}
              {reminder ? <span>{t('personalDataReminder')}</span> : null}
            </>
          ) : undefined
        }
        {...props}
      />
      <div className="free-text__warning" aria-live="polite">
        {finding ? (
          <p className="alert alert--warning">{personalDataMessages[finding.kind][currentLanguage()]}</p>
        ) : null}
      </div>
    </div>
  )
}
