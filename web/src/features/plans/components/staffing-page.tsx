import { useParams } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { EmptyState } from '../../../components/empty-state'
import { Field } from '../../../components/field'
import { Loading } from '../../../components/loading'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { TextArea } from '../../../components/text-area'
import { isApiProblem } from '../../../lib/api-client'
import { can, useProject } from '../../projects/api/get-project'
import {
  type StaffingEntry,
  useCreateStaffing,
  useDeleteStaffing,
  useStaffing,
  useUpdateStaffing,
} from '../api/get-staffing'
import { readDateEntry, showDate } from './date-text'
import { useLanguage } from './use-language'
import './plans.css'
import { TableScroll } from '../../../components/table-scroll'

interface FormValues {
  name: string
  role: string
  timeShare: string
  periodStart: string
  periodEnd: string
  agreement: string
  comment: string
}

const agreements = ['oral', 'written'] as const

const blank: FormValues = {
  name: '',
  role: '',
  timeShare: '',
  periodStart: '',
  periodEnd: '',
  agreement: '',
  comment: '',
}

export function StaffingPage() {
  const { t } = useTranslation('plans')
  const language = useLanguage()
  const { projectId } = useParams({ from: '/authenticated/projects/$projectId/staffing' })
  const { data: project } = useProject(projectId)
  const staffing = useStaffing(projectId)
  const remove = useDeleteStaffing(projectId)
  const [editing, setEditing] = useState<StaffingEntry | null>(null)
  const canEdit = can(project, 'project:plan')

  return (
    <section aria-labelledby="staffing-title" className="panel staffing">
      <h2 id="staffing-title">{t('staffing.title')}</h2>
      <p className="muted">{t('staffing.intro')}</p>
      {staffing.isPending ? <Loading /> : null}
      <ProblemAlert error={staffing.error ?? remove.error} />
      {staffing.data && staffing.data.items.length === 0 ? <EmptyState title={t('staffing.empty')} /> : null}
      {staffing.data && staffing.data.items.length > 0 ? (
        <TableScroll>
          <table className="data-table data-table--compact">
            <caption className="visually-hidden">{t('staffing.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staffing.name')}</th>
                <th scope="col">{t('staffing.role')}</th>
                <th scope="col">{t('staffing.organisation')}</th>
                <th scope="col">{t('staffing.timeShare')}</th>
                <th scope="col">{t('staffing.period')}</th>
                <th scope="col">{t('staffing.agreement')}</th>
                <th scope="col">{t('staffing.comment')}</th>
                {canEdit ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('plan.columns.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {staffing.data.items.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">{entry.name}</th>
                  <td>{entry.role}</td>
                  <td>{entry.organisation?.name ?? ''}</td>
                  <td>
                    {entry.timeSharePercent === null
                      ? t('staffing.notStated')
                      : `${entry.timeSharePercent} %`}
                  </td>
                  <td className="nowrap">
                    {showDate(entry.periodStart, language, '?')} –{' '}
                    {entry.periodEnd ? showDate(entry.periodEnd, language) : t('staffing.openEnd')}
                  </td>
                  <td>
                    {entry.agreement
                      ? t(`staffing.agreements.${entry.agreement}`)
                      : t('staffing.noAgreement')}
                  </td>
                  <td>{entry.comment}</td>
                  {canEdit ? (
                    <td className="data-table__actions nowrap">
                      <Button
                        size="small"
                        variant="quiet"
                        aria-label={t('staffing.edit', { name: entry.name })}
                        onClick={() => setEditing(entry)}
                      >
                        {t('goals.change')}
                      </Button>
                      <Button
                        size="small"
                        variant="quiet"
                        aria-label={t('staffing.remove', { name: entry.name })}
                        onClick={() => remove.mutate(entry)}
                      >
                        {t('plan.remove')}
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {canEdit ? (
        <StaffingForm
          key={editing?.id ?? 'new'}
          projectId={projectId}
          entry={editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
    </section>
  )
}

function valuesOf(entry: StaffingEntry | null, language: 'sv' | 'en'): FormValues {
  if (!entry) return blank
  return {
    name: entry.name,
    role: entry.role,
    timeShare: entry.timeSharePercent === null ? '' : String(entry.timeSharePercent),
    periodStart: showDate(entry.periodStart, language),
    periodEnd: showDate(entry.periodEnd, language),
    agreement: entry.agreement ?? '',
    comment: entry.comment,
  }
}

function StaffingForm({
  projectId,
  entry,
  onDone,
}: {
  projectId: string
  entry: StaffingEntry | null
  onDone: () => void
}) {
  const { t } = useTranslation('plans')
  const language = useLanguage()
  const create = useCreateStaffing(projectId)
  const update = useUpdateStaffing(projectId)
  const [values, setValues] = useState<FormValues>(valuesOf(entry, language))
  const [dateError, setDateError] = useState<Record<string, string>>({})
  const mutation = entry ? update : create
  const set = (field: keyof FormValues) => (value: string) => setValues((v) => ({ ...v, [field]: value }))
  const fieldError = (field: string) =>
    dateError[field] ??
    (isApiProblem(mutation.error)
      ? mutation.error.fieldErrors.find((e) => e.field.startsWith(field))?.message
      : undefined)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const start = readDateEntry(values.periodStart)
    const end = readDateEntry(values.periodEnd)
    const errors: Record<string, string> = {}
    if (!start.ok) errors.periodStart = t('date.unreadable', { value: values.periodStart })
    if (!end.ok) errors.periodEnd = t('date.unreadable', { value: values.periodEnd })
    setDateError(errors)
    if (!start.ok || !end.ok) return
    const body = {
      name: values.name,
      role: values.role,
      timeSharePercent: values.timeShare ? Number(values.timeShare) : null,
      periodStart: start.value,
      periodEnd: end.value,
      agreement: agreements.find((a) => a === values.agreement) ?? null,
      comment: values.comment,
    }
    const done = () => {
      setValues(blank)
      onDone()
    }
    if (entry) update.mutate({ id: entry.id, body: { ...body, version: entry.version } }, { onSuccess: done })
    else create.mutate(body, { onSuccess: done })
  }

  return (
    <form className="form plan-form" onSubmit={submit} noValidate>
      <h3>{entry ? t('staffing.editTitle', { name: entry.name }) : t('staffing.add')}</h3>
      {isApiProblem(mutation.error) && mutation.error.fieldErrors.length === 0 ? (
        <ProblemAlert error={mutation.error} />
      ) : null}
      <div className="form-grid">
        <Field
          id="staffing-name"
          label={t('staffing.name')}
          required
          value={values.name}
          error={fieldError('name')}
          onChange={(e) => set('name')(e.target.value)}
        />
        <Field
          id="staffing-role"
          label={t('staffing.role')}
          value={values.role}
          onChange={(e) => set('role')(e.target.value)}
        />
        <Field
          id="staffing-share"
          label={t('staffing.timeSharePercent')}
          hint={t('staffing.notStated')}
          type="number"
          min={1}
          max={100}
          width="short"
          value={values.timeShare}
          error={fieldError('timeSharePercent')}
          onChange={(e) => set('timeShare')(e.target.value)}
        />
        <Field
          id="staffing-start"
          label={t('staffing.periodStart')}
          hint={t('date.hint')}
          width="medium"
          value={values.periodStart}
          error={fieldError('periodStart')}
          onChange={(e) => set('periodStart')(e.target.value)}
        />
        <Field
          id="staffing-end"
          label={t('staffing.periodEnd')}
          width="medium"
          value={values.periodEnd}
          error={fieldError('periodEnd')}
          onChange={(e) => set('periodEnd')(e.target.value)}
        />
        <Select
          id="staffing-agreement"
          label={t('staffing.agreement')}
          width="medium"
          emptyOption={t('staffing.noAgreement')}
          options={[
            { value: 'oral', label: t('staffing.agreements.oral') },
            { value: 'written', label: t('staffing.agreements.written') },
          ]}
          value={values.agreement}
          onChange={(e) => set('agreement')(e.target.value)}
        />
      </div>
      <TextArea
        id="staffing-comment"
        label={t('staffing.comment')}
        rows={2}
        value={values.comment}
        onChange={(e) => set('comment')(e.target.value)}
      />
      <div className="button-row">
        <Button type="submit" variant="primary" busy={mutation.isPending}>
          {entry ? t('staffing.save') : t('add.submit')}
        </Button>
        {entry ? <Button onClick={onDone}>{t('staffing.cancel')}</Button> : null}
      </div>
    </form>
  )
}
