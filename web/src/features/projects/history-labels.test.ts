import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { auditActions, auditEntities } from '@lagesbild/shared/domain/audit-vocabulary'
import { describe, expect, it } from 'vitest'
import { en, sv } from './i18n'

const serverSources = join(import.meta.dirname, '../../../../server/src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

/** The string literals a server source gives a key (`entity: 'x'`, `action: c ? 'a' : 'b'`). */
function literalsFor(key: 'entity' | 'action'): Set<string> {
  const found = new Set<string>()
  const pattern = new RegExp(`\\b${key}: ([^,\\n}]+)`, 'g')
  for (const file of sourceFiles(serverSources)) {
    const text = readFileSync(file, 'utf8')
    if (!text.includes('recordAudit') && !text.includes("insertInto('audit_event')")) continue
    for (const match of text.matchAll(pattern)) {
      // The operand of a comparison in a condition is not a value written.
      const written = (match[1] ?? '').replace(/[!=]==\s*'[^']*'/g, '')
      for (const literal of written.matchAll(/'([a-z_]+)'/g)) found.add(literal[1] ?? '')
    }
  }
  return found
}

describe('project history labels', () => {
  it.each([
    ['sv', sv],
    ['en', en],
  ] as const)('name every audited entity and action in %s', (_language, labels) => {
    expect(auditEntities.filter((e) => !Object.hasOwn(labels.history.entity, e))).toEqual([])
    expect(auditActions.filter((a) => !Object.hasOwn(labels.history.action, a))).toEqual([])
  })

  // recordAudit's types hold the server to the vocabulary; this catches the literals written
  // beside it (the demo inserts audit events directly) and a list that drifted from the code.
  it('list every entity and action literal the server writes to the audit log', () => {
    const entities: readonly string[] = auditEntities
    const actions: readonly string[] = auditActions
    expect([...literalsFor('entity')].filter((e) => !entities.includes(e))).toEqual([])
    expect([...literalsFor('action')].filter((a) => !actions.includes(a))).toEqual([])
  })
})
