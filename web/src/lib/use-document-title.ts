import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'

/** Each page names itself in the browser tab (WCAG 2.4.2): "Projekt – Lägesbild". */
export function useDocumentTitle(title: string | undefined): void {
  const { t } = useTranslation('common')
  const product = t('productName')
  useEffect(() => {
    document.title = title ? `${title} – ${product}` : product
  }, [title, product])
}
