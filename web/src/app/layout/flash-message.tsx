import { useRouterState } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

/** Shows the confirmation a page passed along in the history state (navigate({ state: { flash } })). */
export function FlashMessage() {
  const { t } = useTranslation('app')
  const flash = useRouterState({ select: (state) => state.location.state.flash })
  const key = useRouterState({ select: (state) => state.location.state.key })
  const [dismissed, setDismissed] = useState<string | undefined>(undefined)
  if (!flash || dismissed === key) return null
  return (
    <div className="flash" role="status">
      <p>{flash}</p>
      <button type="button" className="flash__dismiss" onClick={() => setDismissed(key)}>
        <span aria-hidden="true">×</span>
        <span className="visually-hidden">{t('dismiss')}</span>
      </button>
    </div>
  )
}
