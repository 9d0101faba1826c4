import type { Light } from '@lagesbild/shared/domain/traffic-light'
import { useTranslation } from 'react-i18next'

/** A traffic light as a coloured dot with its name in words, so colour is never the only cue. */
export function LightBadge({ light }: { light: Light | null }) {
  const { t } = useTranslation('statusReports')
  return (
    <span className={`light light--${light ?? 'none'}`}>
      <span className="light__dot" aria-hidden="true" />
      {light ? t(`lights.${light}`) : t('lights.none')}
    </span>
  )
}
