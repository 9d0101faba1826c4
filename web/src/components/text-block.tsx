import { useTranslation } from 'react-i18next'

/** Free text as the user wrote it, line breaks kept; says so when nothing is written. */
export function TextBlock({ text }: { text: string | null | undefined }) {
  const { t } = useTranslation('common')
  if (!text?.trim()) return <p className="text-block text-block--empty">{t('notSet')}</p>
  return <p className="text-block">{text}</p>
}
