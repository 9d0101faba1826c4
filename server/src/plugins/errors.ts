import { type Language, pickLanguage } from '@lagesbild/shared/http/language'
import type { Problem } from '@lagesbild/shared/http/problem'
import { toFieldErrors } from '@lagesbild/shared/http/validation-messages'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Static } from 'typebox'
import type { TValidationError } from 'typebox/error'
import { problemFromDatabase } from '../db/errors.ts'
import { HttpProblem, titleFor } from './problem.ts'

type ProblemBody = Static<typeof Problem>

const validationBase: Record<string, string> = {
  body: '',
  querystring: '/query',
  params: '/path',
  headers: '/headers',
}

function pointerOf(field: string): string {
  return `/${field.split('.').join('/')}`
}

function fromHttpProblem(problem: HttpProblem, language: Language): ProblemBody {
  const { detail, errors, current } = problem.options
  return {
    type: `urn:lagesbild:problem:${problem.code}`,
    title: problem.title?.[language] ?? titleFor(problem.status, language),
    status: problem.status,
    code: problem.code,
    ...(detail ? { detail: detail[language] } : {}),
    ...(errors
      ? {
          errors: errors.map((e) => ({
            pointer: pointerOf(e.field),
            field: e.field,
            code: e.code,
            message: e.message[language],
          })),
        }
      : {}),
    ...(current !== undefined ? { current } : {}),
  }
}

function fromValidation(error: FastifyError, language: Language): ProblemBody {
  const context = error.validationContext ?? 'body'
  const errors = toFieldErrors(
    error.validation as unknown as TValidationError[],
    language,
    validationBase[context] ?? '',
  )
  const first = errors[0]
  return {
    type: 'urn:lagesbild:problem:validation',
    title: titleFor(400, language),
    status: 400,
    code: 'validation',
    detail:
      language === 'sv'
        ? `Kontrollera ${first ? `fältet ${first.field}` : 'uppgifterna'}: ${first?.message ?? 'ogiltigt värde.'}`
        : `Check ${first ? `the field ${first.field}` : 'the data'}: ${first?.message ?? 'invalid value.'}`,
    errors,
  }
}

const fastifyCodes: Record<string, { code: string; detail: Record<Language, string> }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'payload_too_large',
    detail: { sv: 'Det du skickade är för stort.', en: 'What you sent is too large.' },
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    detail: { sv: 'Skicka JSON (application/json).', en: 'Send JSON (application/json).' },
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'malformed_json',
    detail: { sv: 'Innehållet är inte giltig JSON.', en: 'The body is not valid JSON.' },
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'malformed_json',
    detail: { sv: 'Innehållet är tomt men ska vara JSON.', en: 'The body is empty but should be JSON.' },
  },
}

function fromFastify(error: FastifyError, language: Language): ProblemBody | null {
  const status = error.statusCode
  if (!status || status < 400 || status >= 500) return null
  const known = error.code ? fastifyCodes[error.code] : undefined
  return {
    type: `urn:lagesbild:problem:${known?.code ?? 'bad_request'}`,
    title: titleFor(status, language),
    status,
    code: known?.code ?? 'bad_request',
    detail: known?.detail[language] ?? titleFor(status, language),
  }
}

function internal(language: Language): ProblemBody {
  return {
    type: 'urn:lagesbild:problem:internal',
    title: titleFor(500, language),
    status: 500,
    code: 'internal',
    detail:
      language === 'sv'
        ? 'Något gick fel hos oss. Felet är loggat; ange begärans id om du kontaktar support.'
        : 'Something went wrong on our side. It is logged; quote the request id if you contact support.',
  }
}

export function sendProblem(reply: FastifyReply, problem: ProblemBody, headers: Record<string, string> = {}) {
  return reply.code(problem.status).headers(headers).type('application/problem+json').send(problem)
}

export function toProblem(
  error: unknown,
  request: FastifyRequest,
): { body: ProblemBody; headers: Record<string, string> } {
  const language = pickLanguage(request.headers['accept-language'])
  const withInstance = (body: ProblemBody) => ({
    ...body,
    instance: request.url.split('?')[0],
    requestId: request.id,
  })
  if (error instanceof HttpProblem) {
    return { body: withInstance(fromHttpProblem(error, language)), headers: error.options.headers ?? {} }
  }
  const fastifyError = error as FastifyError
  if (fastifyError?.validation)
    return { body: withInstance(fromValidation(fastifyError, language)), headers: {} }
  const database = problemFromDatabase(error)
  if (database)
    return {
      body: withInstance(fromHttpProblem(database, language)),
      headers: database.options.headers ?? {},
    }
  const fromFramework = fromFastify(fastifyError, language)
  if (fromFramework) return { body: withInstance(fromFramework), headers: {} }
  return { body: withInstance(internal(language)), headers: {} }
}

/** One error shape everywhere: RFC 9457 problem details, no stack traces to clients. */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error, request, reply) => {
    const { body, headers } = toProblem(error, request)
    if (body.status >= 500) request.log.error({ err: error }, 'request failed')
    else request.log.info({ problem: body.code, status: body.status }, 'request refused')
    return sendProblem(reply, body, headers)
  })
})
