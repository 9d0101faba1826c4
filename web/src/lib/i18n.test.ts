import { describe, expect, it } from 'vitest'
import { eagerResources, lazyNamespaces } from './i18n'

type Tree = { readonly [key: string]: string | Tree }

/** Every key of a namespace as a dotted path, with its value (or a note of what is wrong with it). */
function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const entries = new Map<string, unknown>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'object' && value !== null) {
      for (const [inner, innerValue] of flatten(value, path)) entries.set(inner, innerValue)
    } else {
      entries.set(path, value)
    }
  }
  return entries
}

/** Every namespace in both languages, the lazy ones loaded as the app would load them. */
const lazyLoaded = await Promise.all(
  Object.entries(lazyNamespaces).map(async ([namespace, load]) => [namespace, await load()] as const),
)
const resources = {
  sv: { ...eagerResources.sv, ...Object.fromEntries(lazyLoaded.map(([ns, module]) => [ns, module.sv])) },
  en: { ...eagerResources.en, ...Object.fromEntries(lazyLoaded.map(([ns, module]) => [ns, module.en])) },
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort()

const allResources = resources as Record<keyof typeof resources, Record<string, Tree>>

const languages = Object.keys(resources) as (keyof typeof resources)[]
const namespaces = [...new Set(languages.flatMap((language) => Object.keys(allResources[language])))].sort()

/** `xLabel` keys whose `x` is another element's text, not what the labelled control shows. */
const notShownWithItsLabel = new Set([
  'admin:user.privacy.confirmLabel', // the name field's label; `confirm` is the erase button's text
  'governance:project.budgetVersionLabel', // an option's text; `budgetVersion` labels the select
  'governanceKeeping:projects.linkLabel', // the button shows `linkOne`; `link` is the heading
])

describe('translations', () => {
  it('has both Swedish and English', () => {
    expect(languages.sort()).toEqual(['en', 'sv'])
  })

  it('registers every feature’s translations, so none is left out of this check', () => {
    const features = import.meta.glob<{ sv: object; en: object }>(
      ['../features/*/i18n.ts', '../features/*/i18n-*.ts', '../app/i18n.ts', '../components/i18n.ts'],
      {
        eager: true,
      },
    )
    const unregistered = Object.entries(features)
      .filter(
        ([, module]) =>
          !Object.values(resources.sv).includes(module.sv as never) ||
          !Object.values(resources.en).includes(module.en as never),
      )
      .map(([path]) => path)
    expect(Object.keys(features).length).toBeGreaterThan(10)
    expect(unregistered).toEqual([])
  })

  it('registers the same namespaces in every language', () => {
    for (const language of languages) expect(Object.keys(allResources[language]).sort()).toEqual(namespaces)
  })

  it('finds the lazily registered namespaces', () => {
    expect(namespaces).toContain('governanceKeeping')
  })

  for (const namespace of namespaces) {
    describe(namespace, () => {
      const flat = Object.fromEntries(
        languages.map((language) => {
          const tree = allResources[language][namespace] ?? {}
          return [language, flatten(tree)]
        }),
      ) as Record<(typeof languages)[number], Map<string, unknown>>
      const keys = [...new Set(languages.flatMap((language) => [...flat[language].keys()]))].sort()

      it('has every key in every language, as a non-empty text', () => {
        const problems: string[] = []
        for (const key of keys) {
          for (const language of languages) {
            const value = flat[language].get(key)
            if (value === undefined) problems.push(`${language}: ${namespace}:${key} is missing`)
            else if (typeof value !== 'string')
              problems.push(`${language}: ${namespace}:${key} is not a text`)
            else if (!value.trim()) problems.push(`${language}: ${namespace}:${key} is empty`)
          }
        }
        expect(problems).toEqual([])
      })

      // A button shows `x` and is named by `xLabel` (e.g. "Ta bort" / "Ta bort {{name}}"): a person
      // using speech input says what they see, so the name must contain the shown text (WCAG 2.5.3).
      it('names a control with a text that contains what it shows', () => {
        const problems: string[] = []
        const labels = keys.filter(
          (k) => k.endsWith('Label') && !notShownWithItsLabel.has(`${namespace}:${k}`),
        )
        for (const key of labels) {
          const shownKey = key.slice(0, -'Label'.length)
          for (const language of languages) {
            const shown = flat[language].get(shownKey)
            const label = flat[language].get(key)
            if (typeof shown !== 'string' || typeof label !== 'string' || shown.includes('{{')) continue
            if (!label.toLocaleLowerCase(language).includes(shown.toLocaleLowerCase(language)))
              problems.push(`${language}: ${namespace}:${key} "${label}" lacks "${shown}"`)
          }
        }
        expect(problems).toEqual([])
      })

      it('uses the same {{variables}} in every language', () => {
        const problems: string[] = []
        for (const key of keys) {
          const [first, ...rest] = languages.map((language) => {
            const value = flat[language].get(key)
            return typeof value === 'string' ? variables(value).join(',') : ''
          })
          if (rest.some((other) => other !== first)) problems.push(`${namespace}:${key}`)
        }
        expect(problems).toEqual([])
      })
    })
  }
})
