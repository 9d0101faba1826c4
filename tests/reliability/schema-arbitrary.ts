import fc from 'fast-check'

/** The subset of JSON Schema our TypeBox schemas produce. */
export interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  format?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  minItems?: number
  maxItems?: number
  additionalProperties?: boolean | JsonSchema
}

/** Values that have broken real systems: injection, markup, huge, odd unicode, impossible dates, extremes. */
export const hostile: unknown[] = [
  "'; drop table project; --",
  "1' or '1'='1",
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}} #{7*7}',
  '../../etc/passwd',
  'ÅÄÖ åäö – “citat” 💥 \u202e',
  'a'.repeat(70_000),
  '\u0000',
  '2014-04-31',
  '0000-00-00',
  '9999-99-99',
  '2014-02-29',
  '-1',
  -1,
  -9_007_199_254_740_991,
  9_007_199_254_740_992,
  1e308,
  0.5,
  '',
  ' ',
  null,
  true,
  [],
  {},
  [null],
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
]

const formatArbitraries: Record<string, fc.Arbitrary<string>> = {
  date: fc
    .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  'date-time': fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  uuid: fc.uuid(),
  email: fc.emailAddress(),
}

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type
  return schema.type ? [schema.type] : []
}

/** Arbitrary values that satisfy the schema (as far as the generator knows it). */
export function valid(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum)
  if ('const' in schema) return fc.constant(schema.const)
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => valid(s, depth + 1)))
  const [type] = typesOf(schema)
  switch (type) {
    case 'string':
      if (schema.format && formatArbitraries[schema.format]) return formatArbitraries[schema.format]!
      return fc.string({
        minLength: schema.minLength ?? 0,
        maxLength: Math.min(schema.maxLength ?? 40, 40),
        unit: 'grapheme',
      })
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 })
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true })
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array':
      if (depth > 3) return fc.constant([])
      return fc.array(valid(schema.items ?? {}, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      })
    case 'object': {
      if (depth > 3) return fc.constant({})
      const properties = schema.properties ?? {}
      const required = new Set(schema.required ?? [])
      const record: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [name, property] of Object.entries(properties)) record[name] = valid(property, depth + 1)
      return fc.record(record, { requiredKeys: [...required].filter((k) => k in record) })
    }
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

/** Mostly-valid values with one part broken: a wrong type, a missing field, a hostile value, an extra field. */
export function mutated(schema: JsonSchema): fc.Arbitrary<unknown> {
  const hostileValue = fc.constantFrom(...hostile)
  if (typesOf(schema)[0] !== 'object' || !schema.properties || Object.keys(schema.properties).length === 0) {
    return fc.oneof(valid(schema), hostileValue)
  }
  const names = Object.keys(schema.properties)
  return fc
    .tuple(valid(schema), fc.constantFrom(...names), hostileValue, fc.nat({ max: 3 }))
    .map(([base, name, bad, how]) => {
      const body = { ...(base as Record<string, unknown>) }
      if (how === 0) delete body[name]
      else if (how === 1) body[name] = bad
      else if (how === 2) body[`${name}Extra`] = bad
      else body[name] = typeof body[name] === 'string' ? 12345 : 'text instead'
      return body
    })
}
