import { languages } from '@lagesbild/shared/http/language'
import { useTranslation } from 'react-i18next'
import { currentLanguage, setLanguage } from '../lib/i18n'

/** Svenska / English, each label in its own language; the choice is remembered on this device. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t } = useTranslation('common')
  const active = currentLanguage()
  return (
    <fieldset className={['language-switch', className ?? ''].filter(Boolean).join(' ')}>
      <legend className="language-switch__label">{t('language.label')}</legend>
      <div className="language-switch__options">
        {languages.map((language) => (
          <button
            key={language}
            type="button"
            lang={language}
            className="language-switch__option"
            aria-pressed={active === language}
            onClick={() => void setLanguage(language)}
          >
            {t(`language.${language}`)}
          </button>
        ))}
      </div>
    </fieldset>
  )
}
