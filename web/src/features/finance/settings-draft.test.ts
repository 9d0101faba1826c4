import { describe, expect, it } from 'vitest'
import {
  addCategory,
  categoryForAccount,
  codeFromName,
  draftErrors,
  move,
  removeCategory,
  type SettingsDraft,
} from './settings-draft'

const draft: SettingsDraft = {
  categories: [
    { code: 'staff', nameSv: 'Personal', nameEn: 'Staff', active: true },
    { code: 'premises', nameSv: 'Lokaler', nameEn: 'Premises', active: true },
  ],
  accountRules: [
    { prefix: '5', category: 'staff' },
    { prefix: '61', category: 'premises' },
  ],
}

describe('codeFromName', () => {
  it('makes a server-valid code from a Swedish name', () => {
    expect(codeFromName('Lokaler & hyra', [])).toBe('lokaler_hyra')
    expect(codeFromName('Övrigt – för åtgärder', [])).toBe('ovrigt_for_atgarder')
    expect(codeFromName('2024 års resor', [])).toBe('ars_resor')
    expect(codeFromName('!!!', [])).toBe('category')
    expect(codeFromName('x'.repeat(60), [])).toHaveLength(40)
  })

  it('never repeats a code already in the list', () => {
    expect(codeFromName('Personal', ['personal'])).toBe('personal_2')
    expect(codeFromName('Personal', ['personal', 'personal_2'])).toBe('personal_3')
    const long = 'y'.repeat(40)
    const next = codeFromName(long, [long])
    expect(next).toHaveLength(40)
    expect(next.endsWith('_2')).toBe(true)
  })
})

describe('draft edits', () => {
  it('moves within bounds only', () => {
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b'])
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c'])
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c'])
  })

  it('adds with a unique code and the Swedish name when the English one is blank', () => {
    const next = addCategory(draft, ' Personal ', '')
    expect(next.categories.at(-1)).toEqual({
      code: 'personal',
      nameSv: 'Personal',
      nameEn: 'Personal',
      active: true,
    })
    expect(addCategory(next, 'Personal', 'Staff 2').categories.at(-1)?.code).toBe('personal_2')
  })

  it('removes a category with the rules that pointed at it', () => {
    expect(removeCategory(draft, 'premises')).toEqual({
      categories: [draft.categories[0]],
      accountRules: [{ prefix: '5', category: 'staff' }],
    })
  })

  it('applies the longest matching prefix', () => {
    const rules = [...draft.accountRules, { prefix: '56', category: 'training' }]
    expect(categoryForAccount(rules, '5611')).toBe('training')
    expect(categoryForAccount(rules, '5010')).toBe('staff')
    expect(categoryForAccount(rules, '7000')).toBeNull()
  })

  it('flags blank names, bad and repeated prefixes by field path', () => {
    expect(
      draftErrors({
        categories: [{ code: 'staff', nameSv: ' ', nameEn: 'Staff', active: true }],
        accountRules: [
          { prefix: '5', category: 'staff' },
          { prefix: '5', category: 'staff' },
          { prefix: '5-1', category: 'staff' },
        ],
      }),
    ).toEqual({
      'categories.0.nameSv': 'required',
      'accountRules.1.prefix': 'duplicate',
      'accountRules.2.prefix': 'prefix',
    })
    expect(draftErrors(draft)).toEqual({})
  })
})
