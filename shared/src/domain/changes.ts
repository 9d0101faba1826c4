export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

const ignored = new Set(['version', 'updatedAt', 'createdAt'])

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** The fields that differ between two snapshots of an entity, for history views. */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const b = isRecord(before) ? before : {}
  const a = isRecord(after) ? after : {}
  const fields = new Set([...Object.keys(b), ...Object.keys(a)])
  return [...fields]
    .filter((field) => !ignored.has(field) && !same(b[field], a[field]))
    .sort()
    .map((field) => ({ field, before: b[field] ?? null, after: a[field] ?? null }))
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
