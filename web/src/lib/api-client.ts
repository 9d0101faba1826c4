import {
  buildPath,
  type Endpoint,
  type EndpointInput,
  type EndpointOutput,
} from '@lagesbild/shared/http/endpoint'
import type { FieldError, Problem } from '@lagesbild/shared/http/problem'
import i18next from 'i18next'
import type { Static } from 'typebox'

export type ProblemDetails = Static<typeof Problem>
export type ProblemFieldError = Static<typeof FieldError>

/** Codes of problems the client makes up itself when the server gave no problem document. */
export const clientProblemCodes = ['network', 'unexpected_response'] as const

/** A failed API call: always carries an RFC 9457 problem, parsed or made up. */
export class ApiProblem extends Error {
  readonly problem: ProblemDetails

  constructor(problem: ProblemDetails) {
    super(problem.detail ?? problem.title)
    this.name = 'ApiProblem'
    this.problem = problem
  }

  get status(): number {
    return this.problem.status
  }

  get code(): string {
    return this.problem.code
  }

  get fieldErrors(): ProblemFieldError[] {
    return this.problem.errors ?? []
  }

  /** The server's message for one field, to show beside it. */
  fieldError(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field)?.message
  }
}

export const isApiProblem = (error: unknown): error is ApiProblem => error instanceof ApiProblem

export const isUnauthenticated = (error: unknown): boolean => isApiProblem(error) && error.status === 401

let csrfToken: string | null = null

/** The auth feature sets this from the login response and GET /api/me. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

interface LooseInput {
  params?: Record<string, string>
  query?: Record<string, unknown>
  body?: unknown
  headers?: Record<string, string>
}

export interface RequestOptions {
  signal?: AbortSignal
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return ''
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    search.append(key, typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value))
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}

function isProblemBody(value: unknown): value is ProblemDetails {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return typeof record.status === 'number' && typeof record.title === 'string'
}

export function madeUpProblem(status: number, code: string, title: string): ProblemDetails {
  return { type: `urn:lagesbild:client:${code}`, title, status, code }
}

export async function problemFrom(response: Response): Promise<ApiProblem> {
  const body: unknown = await response.json().catch(() => null)
  if (isProblemBody(body)) {
    return new ApiProblem({ ...body, code: typeof body.code === 'string' ? body.code : 'http_error' })
  }
  return new ApiProblem(madeUpProblem(response.status, 'unexpected_response', response.statusText))
}

/**
 * Calls one endpoint of the API. Request and response types come from the endpoint's
 * shared schema; every failure is thrown as an ApiProblem.
 */
export async function apiRequest<E extends Endpoint>(
  endpoint: E,
  input: EndpointInput<E>,
  options: RequestOptions = {},
): Promise<EndpointOutput<E>> {
  const { params, query, body, headers: extraHeaders } = input as unknown as LooseInput
  const url = `${buildPath(endpoint.url, params)}${queryString(query)}`
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': i18next.language || 'sv',
    ...extraHeaders,
  }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (endpoint.method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken

  let response: Response
  try {
    response = await fetch(url, {
      method: endpoint.method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiProblem(madeUpProblem(0, 'network', 'Network error'))
  }

  if (!response.ok) throw await problemFrom(response)
  if (response.status === 204) return undefined as EndpointOutput<E>
  const text = await response.text()
  if (!text) return undefined as EndpointOutput<E>
  try {
    return JSON.parse(text) as EndpointOutput<E>
  } catch {
    throw new ApiProblem(madeUpProblem(response.status, 'unexpected_response', 'Unexpected response'))
  }
}

/**
 * Sends a file as multipart/form-data (field "file") to an endpoint that takes an upload;
 * the answer and any failure are handled as in apiRequest.
 */
export async function apiUpload<E extends Endpoint>(
  endpoint: E,
  input: EndpointInput<E>,
  file: File,
): Promise<EndpointOutput<E>> {
  const { params, query } = input as unknown as LooseInput
  const form = new FormData()
  form.append('file', file, file.name)
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': i18next.language || 'sv',
  }
  if (csrfToken) headers['x-csrf-token'] = csrfToken
  let response: Response
  try {
    response = await fetch(`${buildPath(endpoint.url, params)}${queryString(query)}`, {
      method: endpoint.method,
      credentials: 'same-origin',
      headers,
      body: form,
    })
  } catch {
    throw new ApiProblem(madeUpProblem(0, 'network', 'Network error'))
  }
  if (!response.ok) throw await problemFrom(response)
  return (await response.json()) as EndpointOutput<E>
}
