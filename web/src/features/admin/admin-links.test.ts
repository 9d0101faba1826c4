import { organisationRoles } from '@lagesbild/shared/domain/access'
import { describe, expect, it } from 'vitest'
import { adminPagesFor } from './admin-links'

describe('the administration pages in the menu', () => {
  it('are all four for an administrator', () => {
    expect(adminPagesFor(['administrator'])).toEqual(['users', 'people', 'audit', 'privacy'])
  })

  it('are Personer alone for a portfolio manager, who may keep people', () => {
    expect(adminPagesFor(['portfolio_manager'])).toEqual(['people'])
    expect(adminPagesFor(['viewer', 'portfolio_manager'])).toEqual(['people'])
  })

  it('are none for finance, a viewer or someone with project roles only', () => {
    expect(adminPagesFor(['finance'])).toEqual([])
    expect(adminPagesFor(['viewer'])).toEqual([])
    expect(adminPagesFor([])).toEqual([])
  })

  it('cover every role', () => {
    for (const role of organisationRoles) expect(Array.isArray(adminPagesFor([role]))).toBe(true)
  })
})
