import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { humanDuration } from '@lagesbild/shared/domain/deviation'
import { useParams } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { EmptyState } from '../../../components/empty-state'
import { Field } from '../../../components/field'
import { Loading } from '../../../components/loading'
import { ProblemAlert } from '../../../components/problem-alert'
import { isApiProblem } from '../../../lib/api-client'
import { formatTimestamp } from '../../../lib/format'
import { can, useProject } from '../../projects/api/get-project'
import { type Comparison, useBaselines, useComparison, useCreateBaseline } from '../api/get-baselines'
import { type BudgetComparisonProps, BudgetComparisonTable } from './budget-comparison-table'
import { showDate } from './date-text'
import { useLanguage } from './use-language'
import './plans.css'
import { TableScroll } from '../../../components/table-scroll'
import { RequestDecisionLink } from '../../governance/components/request-decision-link'

type ComparisonRow = Comparison['rows'][number]

export function BaselinesPage() {
  const { t } = useTranslation('plans')
  const { projectId } = useParams({ from: '/authenticated/projects/$projectId/baselines' })
  const { data: project } = useProject(projectId)
  const baselines = useBaselines(projectId)
  // The sub-project whose budget the comparison shows; null for the whole project.
  const [subProjectId, setSubProjectId] = useState<string | null>(null)
  const comparison = useComparison(projectId, subProjectId)
  const create = useCreateBaseline(projectId)
  const [label, setLabel] = useState('')
  const [date, setDate] = useState(todayInSweden())
  const [saved, setSaved] = useState<string | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate(
      { label, revisionDate: date },
      {
        onSuccess: (baseline) => {
          setSaved(t('baselines.saved', { revision: baseline.revision }))
          setLabel('')
        },
      },
    )
  }
  const fieldError = (field: string) =>
    isApiProblem(create.error) ? create.error.fieldError(field) : undefined

  return (
    <section aria-labelledby="baselines-title" className="panel baselines">
      <h2 id="baselines-title">{t('baselines.title')}</h2>
      <RequestDecisionLink projectId={projectId} kind="plan_revision" />
      <p className="muted">{t('baselines.intro')}</p>
      {baselines.isPending ? <Loading /> : null}
      <ProblemAlert error={baselines.error} />
      {baselines.data && baselines.data.items.length === 0 ? (
        <EmptyState title={t('baselines.empty')} />
      ) : null}
      {baselines.data && baselines.data.items.length > 0 ? (
        <TableScroll>
          <table className="data-table data-table--compact">
            <caption className="visually-hidden">{t('baselines.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('baselines.revision')}</th>
                <th scope="col">{t('baselines.label')}</th>
                <th scope="col">{t('baselines.date')}</th>
                <th scope="col">{t('baselines.kind')}</th>
                <th scope="col" className="numeric">
                  {t('baselines.activities')}
                </th>
                <th scope="col">{t('baselines.createdBy')}</th>
              </tr>
            </thead>
            <tbody>
              {baselines.data.items.map((b) => (
                <tr key={b.id}>
                  <td className="numeric">{b.revision}</td>
                  <th scope="row">{b.label}</th>
                  <td className="nowrap">{b.revisionDate}</td>
                  <td>{t(`baselines.kinds.${b.kind}`)}</td>
                  <td className="numeric">{b.activityCount}</td>
                  <td>
                    {b.createdBy?.name ?? '–'}{' '}
                    <span className="muted small">{formatTimestamp(b.createdAt)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {can(project, 'project:plan') ? (
        <form className="inline-form baselines__form" onSubmit={submit}>
          <h3>{t('baselines.saveTitle')}</h3>
          {isApiProblem(create.error) && create.error.fieldErrors.length === 0 ? (
            <ProblemAlert error={create.error} />
          ) : null}
          <div className="inline-form__row">
            <Field
              id="baseline-label"
              label={t('baselines.label')}
              hint={t('baselines.labelHint')}
              value={label}
              required
              error={fieldError('label')}
              onChange={(event) => setLabel(event.target.value)}
            />
            <Field
              id="baseline-date"
              label={t('baselines.date')}
              type="date"
              width="medium"
              value={date}
              error={fieldError('revisionDate')}
              onChange={(event) => setDate(event.target.value)}
            />
            <Button type="submit" variant="primary" busy={create.isPending} className="inline-form__submit">
              {t('baselines.save')}
            </Button>
          </div>
          <p role="status" className="muted small">
            {saved}
          </p>
        </form>
      ) : null}
      <h3>{t('baselines.compareTitle')}</h3>
      <ProblemAlert error={comparison.error} />
      {comparison.data ? (
        <ComparisonTable
          comparison={comparison.data}
          subProjects={project?.subProjects ?? []}
          subProjectId={subProjectId}
          onSubProjectChange={setSubProjectId}
        />
      ) : null}
    </section>
  )
}

function ComparisonTable({
  comparison,
  ...budgetFilter
}: { comparison: Comparison } & Omit<BudgetComparisonProps, 'comparison'>) {
  const { t } = useTranslation('plans')
  const language = useLanguage()
  if (!comparison.original) return <p className="muted">{t('baselines.noBaselines')}</p>
  const end = (a: ComparisonRow['current']) =>
    a ? showDate(a.plannedEnd, language, '–') : t('baselines.missing')
  const change = (row: ComparisonRow) => {
    const c = row.vsOriginal
    const parts: string[] = [t(`baselines.states.${c.state}`)]
    if (c.moved) parts.push(t('baselines.moved'))
    if (c.endShiftDays) {
      const text = humanDuration(c.endShiftDays, language)
      parts.push(
        t('baselines.shifted', {
          shift: c.endShiftDays > 0 ? t('baselines.later', { text }) : t('baselines.earlier', { text }),
        }),
      )
    }
    return parts.join(', ')
  }
  return (
    <>
      <p className="muted">
        {t('baselines.compareIntro', {
          original: `${comparison.original.label} ${comparison.original.revisionDate}`,
          approved: comparison.approved
            ? `${comparison.approved.label} ${comparison.approved.revisionDate}`
            : '–',
        })}
      </p>
      <TableScroll>
        <table className="data-table data-table--compact comparison">
          <caption className="visually-hidden">{t('baselines.compareCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plan.columns.number')}</th>
              <th scope="col">{t('plan.columns.title')}</th>
              <th scope="col">{t('baselines.original')}</th>
              <th scope="col">{t('baselines.approved')}</th>
              <th scope="col">{t('baselines.current')}</th>
              <th scope="col">{t('baselines.change')}</th>
            </tr>
          </thead>
          <tbody>
            {comparison.rows.map((row) => (
              <tr key={row.activityId} className={`comparison__row comparison__row--${row.vsOriginal.state}`}>
                <td>{row.current?.number ?? row.number ?? ''}</td>
                <th scope="row">{row.title}</th>
                <td className="nowrap">
                  {row.original?.number ? <span className="muted small">{row.original.number} </span> : null}
                  {end(row.original)}
                </td>
                <td className="nowrap">{end(row.approved)}</td>
                <td className="nowrap">{end(row.current)}</td>
                <td>{change(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <BudgetComparisonTable comparison={comparison} {...budgetFilter} />
    </>
  )
}
