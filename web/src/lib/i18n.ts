import { type Language, languages } from '@lagesbild/shared/http/language'
import i18next, { type i18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { en as appEn, sv as appSv } from '../app/i18n'
import { en as commonEn, sv as commonSv } from '../components/i18n'
import { en as accountEn, sv as accountSv } from '../features/account/i18n'
import { en as adminEn, sv as adminSv } from '../features/admin/i18n'
import { en as authEn, sv as authSv } from '../features/auth/i18n'
import { en as financeEn, sv as financeSv } from '../features/finance/i18n'
import { en as governanceEn, sv as governanceSv } from '../features/governance/i18n'
import type { sv as governanceKeepingSv } from '../features/governance/i18n-keeping'
import { en as homeEn, sv as homeSv } from '../features/home/i18n'
import { en as indicatorsEn, sv as indicatorsSv } from '../features/indicators/i18n'
import { en as organisationsEn, sv as organisationsSv } from '../features/organisations/i18n'
import { en as plansEn, sv as plansSv } from '../features/plans/i18n'
import { en as portfolioEn, sv as portfolioSv } from '../features/portfolio/i18n'
import { en as programmesEn, sv as programmesSv } from '../features/programmes/i18n'
import { en as projectsEn, sv as projectsSv } from '../features/projects/i18n'
import { en as reportsEn, sv as reportsSv } from '../features/reports/i18n'
import { en as statusReportsEn, sv as statusReportsSv } from '../features/status-reports/i18n'

/** The English (or any other) texts of a namespace: the same keys as the Swedish, any string values. */
export type Translations<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : Translations<T[K]>
}

/**
 * Every namespace of the app. A feature adds its own `i18n.ts` (exporting `sv` and `en`)
 * and registers it here, in both languages.
 */
export const resources = {
  sv: {
    common: commonSv,
    app: appSv,
    auth: authSv,
    home: homeSv,
    projects: projectsSv,
    organisations: organisationsSv,
    programmes: programmesSv,
    admin: adminSv,
    account: accountSv,
    reports: reportsSv,
    plans: plansSv,
    finance: financeSv,
    governance: governanceSv,
    indicators: indicatorsSv,
    statusReports: statusReportsSv,
    portfolio: portfolioSv,
  },
  en: {
    common: commonEn,
    app: appEn,
    auth: authEn,
    home: homeEn,
    projects: projectsEn,
    organisations: organisationsEn,
    programmes: programmesEn,
    admin: adminEn,
    account: accountEn,
    reports: reportsEn,
    plans: plansEn,
    finance: financeEn,
    governance: governanceEn,
    indicators: indicatorsEn,
    statusReports: statusReportsEn,
    portfolio: portfolioEn,
  },
} as const satisfies Record<Language, Record<string, unknown>>

export const defaultNS = 'common'

/** Namespaces registered by lazily loaded pages (lib/i18n-lazy.ts), typed like the rest. */
export interface LazyResources {
  governanceKeeping: typeof governanceKeepingSv
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: typeof defaultNS
    resources: (typeof resources)['sv'] & LazyResources
  }
}

const STORAGE_KEY = 'lagesbild.language'

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (languages as readonly string[]).includes(value)

function storedLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY)
    return isLanguage(stored) ? stored : 'sv'
  } catch {
    return 'sv'
  }
}

function applyToDocument(language: Language) {
  if (typeof document !== 'undefined') document.documentElement.lang = language
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'sv'
}

/** Swedish unless the user picked English earlier on this device. */
export function initI18n(): i18n {
  const language = storedLanguage()
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'sv',
    supportedLngs: languages,
    ns: Object.keys(resources.sv),
    defaultNS,
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  })
  applyToDocument(language)
  return i18next
}

export async function setLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language)
  applyToDocument(language)
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language)
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this visit only.
  }
}
