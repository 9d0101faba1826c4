import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiProblem } from '../lib/api-client'

export interface ProblemAlertProps {
  error: unknown
  /** Show only the detail, where the title would say nothing new (e.g. the login form). */
  detailOnly?: boolean
  children?: ReactNode
}

/** Shows what the API said went wrong (problem title and detail), announced to screen readers. */
export function ProblemAlert({ error, detailOnly = false, children }: ProblemAlertProps) {
  const { t } = useTranslation('common')
  if (!error) return null
  let title: string = t('problem.unexpectedTitle')
  let detail: string | undefined = t('problem.unexpected')
  if (isApiProblem(error)) {
    if (error.code === 'network') {
      title = t('problem.networkTitle')
      detail = t('problem.network')
    } else if (error.code !== 'unexpected_response') {
      title = error.problem.title
      detail = error.problem.detail
    }
  }
  return (
    <div className="alert alert--error" role="alert">
      {detailOnly && detail ? null : <p className="alert__title">{title}</p>}
      {detail && detail !== title ? (
        <p className={detailOnly ? 'alert__title' : 'alert__detail'}>{detail}</p>
      ) : null}
      {children}
    </div>
  )
}
