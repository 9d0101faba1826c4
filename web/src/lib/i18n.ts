import { type Language, languages } from '@lagesbild/shared/http/language'
import i18next, { type BackendModule, type i18n, type ResourceKey } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { en as appEn, sv as appSv } from '../app/i18n'
import { en as commonEn, sv as commonSv } from '../components/i18n'
import type * as account from '../features/account/i18n'
import type * as admin from '../features/admin/i18n'
import { en as authEn, sv as authSv } from '../features/auth/i18n'
import type * as finance from '../features/finance/i18n'
import type * as governance from '../features/governance/i18n'
import type * as governanceKeeping from '../features/governance/i18n-keeping'
import type * as home from '../features/home/i18n'
import type * as indicators from '../features/indicators/i18n'
import type * as organisations from '../features/organisations/i18n'
import type * as plans from '../features/plans/i18n'
import type * as portfolio from '../features/portfolio/i18n'
import type * as programmes from '../features/programmes/i18n'
import type * as projects from '../features/projects/i18n'
import type * as reports from '../features/reports/i18n'
import type * as statusReports from '../features/status-reports/i18n'

/** The English (or any other) texts of a namespace: the same keys as the Swedish, any string values. */
export type Translations<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : Translations<T[K]>
}

interface NamespaceModule {
  sv: object
  en: object
}

/** What the shell and the login page say: in the initial JavaScript. */
export const eagerResources = {
  sv: { common: commonSv, app: appSv, auth: authSv },
  en: { common: commonEn, app: appEn, auth: authEn },
} as const satisfies Record<Language, Record<string, unknown>>

/**
 * Every feature's texts, loaded with the first page that asks for them, so they stay out of
 * the initial JavaScript. A feature adds its own `i18n.ts` (exporting `sv` and `en`) here.
 */
export const lazyNamespaces = {
  home: () => import('../features/home/i18n'),
  projects: () => import('../features/projects/i18n'),
  organisations: () => import('../features/organisations/i18n'),
  programmes: () => import('../features/programmes/i18n'),
  admin: () => import('../features/admin/i18n'),
  account: () => import('../features/account/i18n'),
  reports: () => import('../features/reports/i18n'),
  plans: () => import('../features/plans/i18n'),
  finance: () => import('../features/finance/i18n'),
  governance: () => import('../features/governance/i18n'),
  governanceKeeping: () => import('../features/governance/i18n-keeping'),
  indicators: () => import('../features/indicators/i18n'),
  statusReports: () => import('../features/status-reports/i18n'),
  portfolio: () => import('../features/portfolio/i18n'),
} satisfies Record<string, () => Promise<NamespaceModule>>

type LazyNamespace = keyof typeof lazyNamespaces

/** The Swedish texts of every namespace, for the types of `t` and for checks. */
interface SwedishResources {
  common: typeof commonSv
  app: typeof appSv
  auth: typeof authSv
  home: typeof home.sv
  projects: typeof projects.sv
  organisations: typeof organisations.sv
  programmes: typeof programmes.sv
  admin: typeof admin.sv
  account: typeof account.sv
  reports: typeof reports.sv
  plans: typeof plans.sv
  finance: typeof finance.sv
  governance: typeof governance.sv
  governanceKeeping: typeof governanceKeeping.sv
  indicators: typeof indicators.sv
  statusReports: typeof statusReports.sv
  portfolio: typeof portfolio.sv
}

const isLazyNamespace = (namespace: string): namespace is LazyNamespace => namespace in lazyNamespaces

/** Hands i18next a feature's texts from its own chunk; react-i18next suspends until they are here. */
const lazyBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, namespace, callback) {
    if (!isLazyNamespace(namespace) || !isLanguage(language)) {
      callback(null, {})
      return
    }
    lazyNamespaces[namespace]().then(
      (module) => callback(null, module[language] as ResourceKey),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    )
  },
}

export const defaultNS = 'common'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: typeof defaultNS
    resources: SwedishResources
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
  void i18next
    .use(initReactI18next)
    .use(lazyBackend)
    .init({
      resources: eagerResources,
      // The eager namespaces come bundled; the rest through the backend when first used.
      partialBundledLanguages: true,
      lng: language,
      fallbackLng: 'sv',
      supportedLngs: languages,
      ns: Object.keys(eagerResources.sv),
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
