import { type TSchema, Type } from 'typebox'

/** Opaque identifier. UUIDv7 today; clients must not parse it. */
export const Id = Type.String({ format: 'uuid', description: 'Opaque identifier' })

/** A calendar date, no time zone: YYYY-MM-DD. */
export const IsoDate = Type.String({
  format: 'date',
  description: 'Calendar date, YYYY-MM-DD',
  examples: ['2014-06-01'],
})

export const Timestamp = Type.String({ format: 'date-time', description: 'Instant, ISO 8601 with zone' })

export const Version = Type.Integer({
  minimum: 1,
  description: 'Optimistic-concurrency version; send the one you read, a stale one gets 409',
})

/** A short single-line text: trimmed of nothing, but never empty. */
export const Name = (maxLength = 300) => Type.String({ minLength: 1, maxLength })

/** Longer free text (purpose, background). */
export const Text = (maxLength = 20_000) => Type.String({ maxLength })

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'Opaque cursor from the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
}

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    nextCursor: Nullable(
      Type.String({ description: 'Pass as `cursor` to get the next page; null at the end' }),
    ),
  })

export const IdParams = Type.Object({ id: Id })
export const ProjectParams = Type.Object({ projectId: Id })

export const Ref = Type.Object({ id: Id, name: Type.String() })
