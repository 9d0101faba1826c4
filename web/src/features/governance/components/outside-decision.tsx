import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { normaliseParagraph } from '@lagesbild/shared/domain/governance'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { Field } from '../../../components/field'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { TextArea } from '../../../components/text-area'
import { isApiProblem } from '../../../lib/api-client'
import { type ProjectRequest, useRecordOutside } from '../api/governance'
import { useKeepingTranslation } from '../i18n-keeping'

type FieldName = 'requestId' | 'date' | 'decidedBy' | 'comment' | 'paragraph'

/**
 * An administrator records the decision on a pending request that the steering group took outside
 * Lägesbild (on paper, at a meeting nobody entered here): the register says so and names who
 * decided, and the effect applies as for an approval. The server checks that the user administers
 * the project.
 */
export function OutsideDecision({ requests }: { requests: readonly ProjectRequest[] }) {
  const { t } = useTranslation('governance')
  const { t: tk } = useKeepingTranslation()
  const recordOutside = useRecordOutside()
  const today = todayInSweden()
  const pending = requests.filter((r) => r.status === 'pending')
  const [requestId, setRequestId] = useState(pending[0]?.id ?? '')
  const [outcome, setOutcome] = useState<'approved' | 'rejected'>('approved')
  const [date, setDate] = useState('')
  const [decidedBy, setDecidedBy] = useState('')
  const [paragraph, setParagraph] = useState('')
  const [comment, setComment] = useState('')
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({})
  const [done, setDone] = useState('')
  // After the last pending request is decided the section stays, to say what was recorded.
  if (pending.length === 0 && !done) return null
  const request = pending.find((r) => r.id === requestId) ?? pending[0]
  const serverError = (field: string) =>
    isApiProblem(recordOutside.error) ? recordOutside.error.fieldError(field) : undefined
  const hasFieldError = isApiProblem(recordOutside.error) && recordOutside.error.fieldErrors.length > 0

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setDone('')
    const found: typeof errors = {}
    if (!date || date > today) found.date = t('decide.dateInvalid')
    if (!decidedBy.trim()) found.decidedBy = tk('outside.decidedByRequired')
    if (outcome === 'rejected' && !comment.trim()) found.comment = t('decide.commentRequired')
    const normalised = normaliseParagraph(paragraph)
    if (normalised === null) found.paragraph = t('decide.paragraphInvalid')
    setErrors(found)
    if (Object.keys(found).length > 0 || !request) return
    recordOutside.mutate(
      {
        request,
        body: {
          version: request.version,
          outcome,
          date,
          decidedBy: decidedBy.trim(),
          comment,
          paragraph: normalised || null,
        },
      },
      {
        onSuccess: () => {
          setComment('')
          setParagraph('')
          setRequestId('')
          setDone(tk(outcome === 'approved' ? 'outside.approved' : 'outside.rejected'))
        },
      },
    )
  }

  return (
    <section className="panel" aria-labelledby="outside-title">
      <h2 id="outside-title">{tk('outside.title')}</h2>
      <p className="muted">{tk('outside.intro')}</p>
      {pending.length > 0 ? (
        <form onSubmit={submit} noValidate aria-labelledby="outside-title">
          {hasFieldError ? null : <ProblemAlert error={recordOutside.error} />}
          <Select
            id="outside-request"
            label={tk('outside.request')}
            options={pending.map((r) => ({
              value: r.id,
              label: `${t(`requestKinds.${r.kind}`)}: ${r.summary} (${r.requestedAt.slice(0, 10)})`,
            }))}
            value={request?.id ?? ''}
            onChange={(e) => setRequestId(e.target.value)}
          />
          <Select
            id="outside-outcome"
            label={t('columns.outcome')}
            options={[
              { value: 'approved', label: t('outcome.approved') },
              { value: 'rejected', label: t('outcome.rejected') },
            ]}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value === 'rejected' ? 'rejected' : 'approved')}
            width="short"
          />
          <Field
            id="outside-date"
            type="date"
            required
            label={t('decide.date')}
            hint={t('decide.dateHint')}
            max={today}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            error={errors.date ?? serverError('date')}
            width="short"
          />
          <Field
            id="outside-decided-by"
            required
            label={t('columns.decidedBy')}
            hint={tk('outside.decidedByHint')}
            value={decidedBy}
            onChange={(e) => setDecidedBy(e.target.value)}
            error={errors.decidedBy ?? serverError('decidedBy')}
          />
          <Field
            id="outside-paragraph"
            label={t('decide.paragraph')}
            hint={t('decide.paragraphHint')}
            autoComplete="off"
            value={paragraph}
            onChange={(e) => setParagraph(e.target.value)}
            error={errors.paragraph ?? serverError('paragraph')}
            width="short"
          />
          <TextArea
            id="outside-comment"
            label={t('decide.comment')}
            hint={t('decide.commentHint')}
            rows={3}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            error={errors.comment ?? serverError('comment')}
          />
          <Button type="submit" disabled={recordOutside.isPending}>
            {tk('outside.submit')}
          </Button>
        </form>
      ) : null}
      {/* One live region for the section, kept when the form goes with the last pending request. */}
      <p role="status" className="muted">
        {done}
      </p>
    </section>
  )
}
