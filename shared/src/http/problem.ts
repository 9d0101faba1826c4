import { Type } from 'typebox'

export const FieldError = Type.Object({
  pointer: Type.String({ description: 'JSON pointer to the offending value, e.g. /plannedEnd' }),
  field: Type.String({ description: 'Dotted field name, e.g. plannedEnd' }),
  code: Type.String({ description: 'Machine-readable reason, e.g. required, minLength, date' }),
  message: Type.String({ description: 'Human-readable reason in the request language' }),
})

/** RFC 9457 problem details, the one error shape of the whole API. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.String({ description: 'Machine-readable problem code' }),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(FieldError)),
    current: Type.Optional(Type.Unknown({ description: 'On 409: the current state of the resource' })),
  },
  { additionalProperties: true },
)

export const problemResponses = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  413: Problem,
  422: Problem,
  429: Problem,
} as const
