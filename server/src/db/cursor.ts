import { HttpProblem } from '../plugins/problem.ts'

type Key = string | number

/** Keyset cursors: the sort key of the last row of a page, opaque to clients. */
export function encodeCursor(key: readonly Key[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

export function decodeCursor(cursor: string | undefined, arity: number): Key[] | null {
  if (cursor === undefined) return null
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((k) => typeof k === 'string' || (typeof k === 'number' && Number.isFinite(k)))
    ) {
      return key as Key[]
    }
  } catch {
    // fall through to the problem below
  }
  throw new HttpProblem(400, 'invalid_cursor', undefined, {
    detail: { sv: 'Ogiltig sidmarkör (cursor).', en: 'Invalid page cursor.' },
    errors: [
      {
        field: 'query.cursor',
        code: 'invalid_cursor',
        message: { sv: 'Ogiltig sidmarkör.', en: 'Invalid cursor.' },
      },
    ],
  })
}

/** Fetch one row more than asked to learn whether another page follows. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => Key[]) {
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null }
}
