import type { Language } from '@lagesbild/shared/http/language'
import { useTranslation } from 'react-i18next'
import { isLanguage } from '../../../lib/i18n'

/** The UI language, for the shared formatters that speak Swedish and English. */
export function useLanguage(): Language {
  const { i18n } = useTranslation()
  return isLanguage(i18n.language) ? i18n.language : 'sv'
}
