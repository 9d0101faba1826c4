import type { Static } from 'typebox'
import type { TValidationError } from 'typebox/error'
import type { Language, Localized } from './language.ts'
import type { FieldError } from './problem.ts'

type FieldErrorT = Static<typeof FieldError>

function limitOf(error: TValidationError): number {
  const params = error.params as { limit?: number | bigint }
  return Number(params.limit ?? 0)
}

function typeMessage(error: TValidationError): Localized {
  const wanted = (error.params as { type?: string | string[] }).type
  const first = Array.isArray(wanted) ? wanted.find((t) => t !== 'null') : wanted
  switch (first) {
    case 'integer':
      return { sv: 'Ange ett heltal.', en: 'Enter a whole number.' }
    case 'number':
      return { sv: 'Ange ett tal.', en: 'Enter a number.' }
    case 'string':
      return { sv: 'Ange en text.', en: 'Enter a text.' }
    case 'boolean':
      return { sv: 'Ange ja eller nej (true/false).', en: 'Enter yes or no (true/false).' }
    case 'array':
      return { sv: 'Ange en lista.', en: 'Enter a list.' }
    case 'object':
      return { sv: 'Ange ett objekt.', en: 'Enter an object.' }
    default:
      return { sv: 'Värdet har fel typ.', en: 'The value has the wrong type.' }
  }
}

function formatMessage(format: string): Localized {
  switch (format) {
    case 'date':
      return {
        sv: 'Ange ett datum som finns, som ÅÅÅÅ-MM-DD.',
        en: 'Enter a date that exists, as YYYY-MM-DD.',
      }
    case 'date-time':
      return { sv: 'Ange en tidpunkt enligt ISO 8601.', en: 'Enter an ISO 8601 timestamp.' }
    case 'uuid':
      return { sv: 'Ogiltigt id.', en: 'Invalid id.' }
    case 'email':
      return { sv: 'Ange en giltig e-postadress.', en: 'Enter a valid e-mail address.' }
    default:
      return { sv: 'Värdet har fel format.', en: 'The value has the wrong format.' }
  }
}

function message(error: TValidationError): Localized {
  switch (error.keyword) {
    case 'required':
      return { sv: 'Fältet måste fyllas i.', en: 'This field is required.' }
    case 'minLength':
      return limitOf(error) <= 1
        ? { sv: 'Fältet får inte vara tomt.', en: 'This field cannot be empty.' }
        : { sv: `Minst ${limitOf(error)} tecken.`, en: `At least ${limitOf(error)} characters.` }
    case 'maxLength':
      return { sv: `Högst ${limitOf(error)} tecken.`, en: `At most ${limitOf(error)} characters.` }
    case 'minimum':
    case 'exclusiveMinimum':
      return {
        sv: `Värdet måste vara minst ${limitOf(error)}.`,
        en: `The value must be at least ${limitOf(error)}.`,
      }
    case 'maximum':
    case 'exclusiveMaximum':
      return {
        sv: `Värdet får vara högst ${limitOf(error)}.`,
        en: `The value must be at most ${limitOf(error)}.`,
      }
    case 'minItems':
      return { sv: `Minst ${limitOf(error)} st.`, en: `At least ${limitOf(error)} items.` }
    case 'maxItems':
      return { sv: `Högst ${limitOf(error)} st.`, en: `At most ${limitOf(error)} items.` }
    case 'format':
      return formatMessage((error.params as { format: string }).format)
    case 'pattern':
      return { sv: 'Värdet har fel format.', en: 'The value has the wrong format.' }
    case 'type':
      return typeMessage(error)
    case 'enum':
    case 'const':
    case 'anyOf':
    case 'oneOf':
      return { sv: 'Värdet är inte ett av de tillåtna.', en: 'The value is not one of those allowed.' }
    case 'additionalProperties':
      return { sv: 'Okänt fält.', en: 'Unknown field.' }
    default:
      return { sv: 'Ogiltigt värde.', en: 'Invalid value.' }
  }
}

/** Lower is more telling to a person; one message per field is enough. */
const priority: Record<string, number> = {
  required: 0,
  additionalProperties: 1,
  format: 2,
  minLength: 3,
  maxLength: 3,
  pattern: 3,
  minimum: 3,
  maximum: 3,
  exclusiveMinimum: 3,
  exclusiveMaximum: 3,
  enum: 4,
  const: 4,
  type: 5,
  anyOf: 6,
}

function pointersOf(error: TValidationError, base: string): string[] {
  const prefix = `${base}${error.instancePath}`
  if (error.keyword === 'required') {
    return (error.params as { requiredProperties: string[] }).requiredProperties.map((p) => `${prefix}/${p}`)
  }
  if (error.keyword === 'additionalProperties') {
    return (error.params as { additionalProperties: string[] }).additionalProperties.map(
      (p) => `${prefix}/${p}`,
    )
  }
  return [prefix]
}

function isNullBranch(error: TValidationError): boolean {
  return error.keyword === 'type' && (error.params as { type?: unknown }).type === 'null'
}

export function pointerToField(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.')
}

/**
 * Turns schema validation errors into one field error per offending value, in the
 * reader's language. `base` prefixes the pointer for non-body parts ("/query").
 */
export function toFieldErrors(
  errors: readonly TValidationError[],
  language: Language,
  base = '',
): FieldErrorT[] {
  const best = new Map<string, TValidationError>()
  for (const error of errors) {
    if (isNullBranch(error) && errors.length > 1) continue
    for (const pointer of pointersOf(error, base)) {
      const current = best.get(pointer)
      const rank = priority[error.keyword] ?? 7
      if (!current || rank < (priority[current.keyword] ?? 7)) best.set(pointer, error)
    }
  }
  return [...best.entries()].map(([pointer, error]) => ({
    pointer,
    field: pointerToField(pointer),
    code: error.keyword === 'format' ? (error.params as { format: string }).format : error.keyword,
    message: message(error)[language],
  }))
}
