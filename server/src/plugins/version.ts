import type { FastifyReply, FastifyRequest } from 'fastify'
import { missingVersion } from './problem.ts'

/** The version the client read: `version` in the body, or an If-Match header ("3", W/"3" or 3). */
export function expectedVersion(request: FastifyRequest, bodyVersion: number | undefined): number {
  if (bodyVersion !== undefined) return bodyVersion
  const header = request.headers['if-match']
  const match = typeof header === 'string' ? /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim()) : null
  if (match?.[1] && Number(match[1]) >= 1) return Number(match[1])
  throw missingVersion()
}

export function setEtag(reply: FastifyReply, version: number) {
  reply.header('etag', `"${version}"`)
}
