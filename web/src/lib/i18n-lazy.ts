import type { Language } from '@lagesbild/shared/http/language'
import i18next from 'i18next'

/**
 * Namespaces whose texts load with the pages that use them rather than with the first chunk.
 * A feature's `i18n-<part>.ts` calls this at module level, so the texts are in place before the
 * page that imports it renders; `lazyNamespaces` lists them for the type of `t` and for the test
 * that every key exists in both languages (see i18n.test.ts).
 */
export function registerLazyNamespace(namespace: string, texts: Record<Language, object>): void {
  const add = () => {
    for (const [language, bundle] of Object.entries(texts)) {
      if (!i18next.hasResourceBundle(language, namespace)) {
        i18next.addResourceBundle(language, namespace, bundle, true, false)
      }
    }
  }
  // The store exists once i18next is initialised (at start-up, before any lazy page loads).
  if (i18next.isInitialized) add()
  else i18next.on('initialized', add)
}
