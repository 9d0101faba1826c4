import { useTranslation } from 'react-i18next'

export interface LoadingProps {
  label?: string
  inline?: boolean
}

export function Loading({ label, inline = false }: LoadingProps) {
  const { t } = useTranslation('common')
  return (
    <div className={inline ? 'loading loading--inline' : 'loading'} role="status">
      <span className="loading__spinner" aria-hidden="true" />
      <span>{label ?? t('loading')}</span>
    </div>
  )
}
