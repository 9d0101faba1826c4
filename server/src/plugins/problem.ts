import type { Language, Localized } from '@lagesbild/shared/http/language'

export interface FieldIssue {
  /** Dotted path of the field in the request body, e.g. `plannedEnd` or `rows.3.amount`. */
  field: string
  code: string
  message: Localized
}

export interface ProblemOptions {
  detail?: Localized
  errors?: FieldIssue[]
  /** On 409: the current state, so the client can show it and re-apply. */
  current?: unknown
  headers?: Record<string, string>
}

/** An error the client caused or may see; becomes application/problem+json. */
export class HttpProblem extends Error {
  readonly status: number
  readonly code: string
  readonly title: Localized | undefined
  readonly options: ProblemOptions

  constructor(status: number, code: string, title?: Localized, options: ProblemOptions = {}) {
    super(title?.en ?? code)
    this.status = status
    this.code = code
    this.title = title
    this.options = options
  }
}

export const statusTitles: Record<number, Localized> = {
  400: { sv: 'Ogiltig begäran', en: 'Bad request' },
  401: { sv: 'Du är inte inloggad', en: 'Not logged in' },
  403: { sv: 'Du saknar behörighet', en: 'Forbidden' },
  404: { sv: 'Hittades inte', en: 'Not found' },
  405: { sv: 'Metoden stöds inte', en: 'Method not allowed' },
  406: { sv: 'Formatet kan inte levereras', en: 'Not acceptable' },
  409: { sv: 'Konflikt', en: 'Conflict' },
  413: { sv: 'Begäran är för stor', en: 'Payload too large' },
  414: { sv: 'Adressen är för lång', en: 'URI too long' },
  415: { sv: 'Formatet stöds inte', en: 'Unsupported media type' },
  422: { sv: 'Uppgifterna kan inte sparas', en: 'The data cannot be saved' },
  429: { sv: 'För många försök', en: 'Too many requests' },
  500: { sv: 'Ett internt fel uppstod', en: 'Internal error' },
  503: { sv: 'Tjänsten är inte tillgänglig just nu', en: 'Service unavailable' },
}

export function titleFor(status: number, language: Language): string {
  return (statusTitles[status] ?? (status >= 500 ? statusTitles[500] : statusTitles[400]))![language]
}

export const notFound = (detail?: Localized) =>
  new HttpProblem(404, 'not_found', undefined, detail ? { detail } : {})

export const forbidden = (detail?: Localized) =>
  new HttpProblem(403, 'forbidden', undefined, {
    detail: detail ?? { sv: 'Din roll får inte göra detta.', en: 'Your role does not allow this.' },
  })

export const unauthenticated = () =>
  new HttpProblem(401, 'unauthenticated', undefined, {
    detail: { sv: 'Logga in för att fortsätta.', en: 'Log in to continue.' },
  })

export const staleVersion = (current: unknown) =>
  new HttpProblem(409, 'stale_version', undefined, {
    detail: {
      sv: 'Någon annan har ändrat detta sedan du läste det. Se den aktuella versionen och gör om din ändring.',
      en: 'Someone else changed this since you read it. Review the current version and re-apply your change.',
    },
    current,
  })

/** 422 naming one field: input that is well-formed but breaks a rule of the domain. */
export const invalidField = (field: string, code: string, message: Localized) =>
  new HttpProblem(422, code, undefined, { detail: message, errors: [{ field, code, message }] })

export const missingVersion = () =>
  new HttpProblem(400, 'version_required', undefined, {
    detail: {
      sv: 'Skicka versionen du läste (fältet version eller If-Match).',
      en: 'Send the version you read (the version field or If-Match).',
    },
    errors: [
      {
        field: 'version',
        code: 'required',
        message: { sv: 'Fältet måste fyllas i.', en: 'This field is required.' },
      },
    ],
  })
