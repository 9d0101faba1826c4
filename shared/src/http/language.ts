export const languages = ['sv', 'en'] as const
export type Language = (typeof languages)[number]

/** A text in every language the product speaks. */
export type Localized = Record<Language, string>

/** Swedish unless the client clearly prefers English (Accept-Language order wins). */
export function pickLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'sv'
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';')
      const q = params.find((p) => p.trim().startsWith('q='))
      return { tag, q: q ? Number(q.trim().slice(2)) || 0 : 1 }
    })
    .sort((a, b) => b.q - a.q)
  for (const { tag } of ranked) {
    if (tag.startsWith('sv')) return 'sv'
    if (tag.startsWith('en')) return 'en'
  }
  return 'sv'
}
