import type { Static, TSchema } from 'typebox'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface EndpointSchema {
  summary: string
  tags: string[]
  description?: string
  params?: TSchema
  querystring?: TSchema
  body?: TSchema
  headers?: TSchema
  response: Record<number, TSchema>
}

/**
 * One HTTP endpoint of the API: the server registers it, the web client calls it,
 * the OpenAPI document describes it, all from this one definition.
 */
export interface Endpoint {
  method: HttpMethod
  url: `/api/${string}`
  schema: EndpointSchema
}

export const endpoint = <const E extends Endpoint>(definition: E): E => definition

type SchemaOf<E extends Endpoint, K extends keyof EndpointSchema> = E['schema'][K] extends TSchema
  ? E['schema'][K]
  : never

type Part<
  E extends Endpoint,
  K extends 'params' | 'querystring' | 'body',
  Name extends string,
> = E['schema'][K] extends TSchema ? { [P in Name]: Static<SchemaOf<E, K>> } : { [P in Name]?: never }

/** What a caller passes: path params, query and body, each only when the endpoint has one. */
export type EndpointInput<E extends Endpoint> = Part<E, 'params', 'params'> &
  Part<E, 'querystring', 'query'> &
  Part<E, 'body', 'body'> & { headers?: Record<string, string> }

type Response<E extends Endpoint> = E['schema']['response']

/** What a successful call returns (the 200 or 201 body; undefined for 204). */
export type EndpointOutput<E extends Endpoint> =
  Response<E> extends { 200: infer R extends TSchema }
    ? Static<R>
    : Response<E> extends { 201: infer R extends TSchema }
      ? Static<R>
      : undefined

/** Fills `:name` segments of an endpoint URL. */
export function buildPath(url: string, params: Record<string, string> | undefined): string {
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name]
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${url}`)
    return encodeURIComponent(value)
  })
}
