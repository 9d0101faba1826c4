import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorSummaryItem } from '../../../components/error-summary'
import { useFocusFirstInvalid } from '../../../components/error-summary'
import type { ApiProblem } from '../../../lib/api-client'
import {
  controlId,
  type FormError,
  fieldLabelKeys,
  type ProjectFormValues,
  serverFormErrors,
  validateProject,
} from './project-form'

/**
 * Form state shared by the create and edit pages: values, client-side checks, the server's
 * field errors, the error summary and focus on the first invalid field.
 */
export function useProjectForm(
  initial: ProjectFormValues | (() => ProjectFormValues),
  mode: 'create' | 'edit',
) {
  const { t } = useTranslation('projects')
  const [values, setValues] = useState(initial)
  const [clientErrors, setClientErrors] = useState<FormError[]>([])
  const [serverErrors, setServerErrors] = useState<FormError[]>([])
  const [attempt, setAttempt] = useState(0)

  const errors = clientErrors.length > 0 ? clientErrors : serverErrors
  const summary: ErrorSummaryItem[] = errors.map((error) => ({
    controlId: controlId(error.field),
    label: t(fieldLabelKeys[error.field]),
    message: error.message,
  }))
  useFocusFirstInvalid(summary, attempt)

  return {
    values,
    errors,
    summary,
    change: (patch: Partial<ProjectFormValues>) => setValues((previous) => ({ ...previous, ...patch })),
    replace: (next: ProjectFormValues) => {
      setValues(next)
      setClientErrors([])
      setServerErrors([])
    },
    /** Runs the client checks; true when the form may be sent. */
    check: (): boolean => {
      const found = validateProject(values, mode, t)
      setClientErrors(found)
      setServerErrors([])
      setAttempt((n) => n + 1)
      return found.length === 0
    },
    /** Puts the server's field errors on the fields; true when there were any. */
    showServerErrors: (problem: ApiProblem): boolean => {
      const found = serverFormErrors(problem.fieldErrors)
      setServerErrors(found)
      setAttempt((n) => n + 1)
      return found.length > 0
    },
  }
}
