/** Editing an organisation's cost categories and account rules before one PUT saves them all. */

export interface DraftCategory {
  code: string
  nameSv: string
  nameEn: string
  active: boolean
}

export interface DraftRule {
  prefix: string
  category: string
}

export interface SettingsDraft {
  categories: DraftCategory[]
  accountRules: DraftRule[]
}

const CODE_MAX = 40

/**
 * A code the server accepts (`^[a-z][a-z0-9_]{0,39}$`) from a category's Swedish name,
 * unique in the list: "Lokaler & hyra" → "lokaler_hyra", again → "lokaler_hyra_2".
 */
export function codeFromName(name: string, taken: readonly string[]): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^[^a-z]+/, '')
      .replace(/_+$/, '')
      .slice(0, CODE_MAX)
      .replace(/_+$/, '') || 'category'
  if (!taken.includes(base)) return base
  for (let n = 2; ; n++) {
    const suffix = `_${n}`
    const candidate = `${base.slice(0, CODE_MAX - suffix.length)}${suffix}`
    if (!taken.includes(candidate)) return candidate
  }
}

/** Moves the item at `index` one step up (-1) or down (+1); out of range leaves the list as it is. */
export function move<T>(items: readonly T[], index: number, step: -1 | 1): T[] {
  const target = index + step
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items]
  const next = [...items]
  const [item] = next.splice(index, 1)
  if (item !== undefined) next.splice(target, 0, item)
  return next
}

export function addCategory(draft: SettingsDraft, nameSv: string, nameEn: string): SettingsDraft {
  const code = codeFromName(
    nameSv,
    draft.categories.map((c) => c.code),
  )
  return {
    ...draft,
    categories: [
      ...draft.categories,
      { code, nameSv: nameSv.trim(), nameEn: nameEn.trim() || nameSv.trim(), active: true },
    ],
  }
}

/**
 * Removes a category and the account rules that pointed at it (a rule to a missing category
 * would be refused). Whether the category is in use only the server knows; it refuses then.
 */
export function removeCategory(draft: SettingsDraft, code: string): SettingsDraft {
  return {
    categories: draft.categories.filter((c) => c.code !== code),
    accountRules: draft.accountRules.filter((r) => r.category !== code),
  }
}

/** Rules ordered as the server applies them when reading: the longest matching prefix wins. */
export function categoryForAccount(rules: readonly DraftRule[], account: string): string | null {
  let best: DraftRule | null = null
  for (const rule of rules) {
    if (account.startsWith(rule.prefix) && (!best || rule.prefix.length > best.prefix.length)) best = rule
  }
  return best?.category ?? null
}

export const PREFIX_PATTERN = /^[0-9A-Za-z]{1,20}$/

export type DraftErrors = Partial<Record<string, 'required' | 'prefix' | 'duplicate'>>

/** Client-side checks before saving, keyed like the server's field paths. */
export function draftErrors(draft: SettingsDraft): DraftErrors {
  const errors: DraftErrors = {}
  draft.categories.forEach((c, i) => {
    if (!c.nameSv.trim()) errors[`categories.${i}.nameSv`] = 'required'
    if (!c.nameEn.trim()) errors[`categories.${i}.nameEn`] = 'required'
  })
  const seen = new Set<string>()
  draft.accountRules.forEach((r, i) => {
    if (!PREFIX_PATTERN.test(r.prefix)) errors[`accountRules.${i}.prefix`] = 'prefix'
    else if (seen.has(r.prefix)) errors[`accountRules.${i}.prefix`] = 'duplicate'
    seen.add(r.prefix)
  })
  return errors
}
