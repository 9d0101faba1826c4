import { riskLevel, riskScale } from '@lagesbild/shared/domain/risk'
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
import { type Risk, useCreateRisk, useDeleteRisk, useRisks, useUpdateRisk } from '../api/get-risks'
import './plans.css'
import { TableScroll } from '../../../components/table-scroll'

const statuses = ['open', 'mitigating', 'closed', 'occurred'] as const

export function RisksPage() {
  const { t } = useTranslation('plans')
  const { projectId } = useParams({ from: '/authenticated/projects/$projectId/risks' })
  const { data: project } = useProject(projectId)
  const risks = useRisks(projectId)
  const remove = useDeleteRisk(projectId)
  const [editing, setEditing] = useState<Risk | null>(null)
  const canEdit = can(project, 'project:plan')
  const items = risks.data?.items ?? []
  const numberOf = (risk: Risk) => items.indexOf(risk) + 1

  return (
    <section aria-labelledby="risks-title" className="panel risks">
      <h2 id="risks-title">{t('risks.title')}</h2>
      <p className="muted">{t('risks.intro')}</p>
      {risks.isPending ? <Loading /> : null}
      <ProblemAlert error={risks.error ?? remove.error} />
      {risks.data ? <RiskMatrix risks={items} /> : null}
      {risks.data && items.length === 0 ? <EmptyState title={t('risks.empty')} /> : null}
      {items.length > 0 ? (
        <TableScroll>
          <table className="data-table data-table--compact">
            <caption className="visually-hidden">{t('risks.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('risks.description')}</th>
                <th scope="col" className="numeric">
                  {t('risks.probability')}
                </th>
                <th scope="col" className="numeric">
                  {t('risks.consequence')}
                </th>
                <th scope="col" className="numeric">
                  {t('risks.score')}
                </th>
                <th scope="col">{t('risks.level')}</th>
                <th scope="col">{t('risks.mitigation')}</th>
                <th scope="col">{t('risks.owner')}</th>
                <th scope="col">{t('risks.status')}</th>
                {canEdit ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('plan.columns.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {items.map((risk) => (
                <tr key={risk.id}>
                  <td className="numeric">{numberOf(risk)}</td>
                  <th scope="row">{risk.description}</th>
                  <td className="numeric">{risk.probability}</td>
                  <td className="numeric">{risk.consequence}</td>
                  <td className="numeric">{risk.score}</td>
                  <td>
                    <span className={`risk-level risk-level--${risk.level}`}>
                      {t(`risks.levels.${risk.level}`)}
                    </span>
                  </td>
                  <td>{risk.mitigation}</td>
                  <td>{risk.owner}</td>
                  <td>{t(`risks.statuses.${risk.status}`)}</td>
                  {canEdit ? (
                    <td className="data-table__actions nowrap">
                      <Button
                        size="small"
                        variant="quiet"
                        aria-label={t('risks.edit', { number: numberOf(risk) })}
                        onClick={() => setEditing(risk)}
                      >
                        {t('goals.change')}
                      </Button>
                      <Button
                        size="small"
                        variant="quiet"
                        aria-label={t('risks.remove', { number: numberOf(risk) })}
                        onClick={() => remove.mutate(risk)}
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
        <RiskForm
          key={editing?.id ?? 'new'}
          projectId={projectId}
          risk={editing}
          number={editing ? numberOf(editing) : 0}
          onDone={() => setEditing(null)}
        />
      ) : null}
    </section>
  )
}

/** Probability (rows, high at the top) × consequence (columns); each cell lists its risks' numbers. */
function RiskMatrix({ risks }: { risks: Risk[] }) {
  const { t } = useTranslation('plans')
  const grades = [...riskScale]
  return (
    <TableScroll>
      <table className="risk-matrix">
        <caption className="data-table__caption">{t('risks.matrixCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">
              {t('risks.probability')} \ {t('risks.consequence')}
            </th>
            {grades.map((c) => (
              <th key={c} scope="col">
                {t(`risks.grades.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...grades].reverse().map((p) => (
            <tr key={p}>
              <th scope="row">{t(`risks.grades.${p}`)}</th>
              {grades.map((c) => {
                const here = risks.filter((r) => r.probability === p && r.consequence === c)
                return (
                  <td key={c} className={`risk-matrix__cell risk-level--${riskLevel(p, c)}`}>
                    <span className="visually-hidden">{t('risks.cell', { p, c, count: here.length })}</span>
                    <span aria-hidden="true">{here.map((r) => `#${risks.indexOf(r) + 1}`).join(' ')}</span>
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

function RiskForm({
  projectId,
  risk,
  number,
  onDone,
}: {
  projectId: string
  risk: Risk | null
  number: number
  onDone: () => void
}) {
  const { t } = useTranslation('plans')
  const create = useCreateRisk(projectId)
  const update = useUpdateRisk(projectId)
  const mutation = risk ? update : create
  const [description, setDescription] = useState(risk?.description ?? '')
  const [probability, setProbability] = useState(String(risk?.probability ?? 2))
  const [consequence, setConsequence] = useState(String(risk?.consequence ?? 2))
  const [mitigation, setMitigation] = useState(risk?.mitigation ?? '')
  const [owner, setOwner] = useState(risk?.owner ?? '')
  const [status, setStatus] = useState<Risk['status']>(risk?.status ?? 'open')
  const grade = (value: string) => Math.min(4, Math.max(1, Number(value)))
  const gradeOptions = riskScale.map((g) => ({ value: String(g), label: t(`risks.grades.${g}`) }))
  const fieldError = (field: string) =>
    isApiProblem(mutation.error) ? mutation.error.fieldError(field) : undefined

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const body = {
      description,
      probability: grade(probability),
      consequence: grade(consequence),
      mitigation,
      owner,
      status,
    }
    const done = () => {
      setDescription('')
      setMitigation('')
      setOwner('')
      onDone()
    }
    if (risk) update.mutate({ id: risk.id, body: { ...body, version: risk.version } }, { onSuccess: done })
    else create.mutate(body, { onSuccess: done })
  }

  return (
    <form className="form plan-form" onSubmit={submit} noValidate>
      <h3>{risk ? t('risks.editTitle', { number }) : t('risks.add')}</h3>
      {isApiProblem(mutation.error) && mutation.error.fieldErrors.length === 0 ? (
        <ProblemAlert error={mutation.error} />
      ) : null}
      <TextArea
        id="risk-description"
        label={t('risks.description')}
        required
        rows={2}
        value={description}
        error={fieldError('description')}
        onChange={(e) => setDescription(e.target.value)}
      />
      <div className="form-grid">
        <Select
          id="risk-probability"
          label={t('risks.probability')}
          width="medium"
          options={gradeOptions}
          value={probability}
          onChange={(e) => setProbability(e.target.value)}
        />
        <Select
          id="risk-consequence"
          label={t('risks.consequence')}
          width="medium"
          options={gradeOptions}
          value={consequence}
          onChange={(e) => setConsequence(e.target.value)}
        />
        <Field
          id="risk-owner"
          label={t('risks.owner')}
          value={owner}
          onChange={(e) => setOwner(e.target.value)}
        />
        <Select
          id="risk-status"
          label={t('risks.status')}
          width="medium"
          options={statuses.map((s) => ({ value: s, label: t(`risks.statuses.${s}`) }))}
          value={status}
          onChange={(e) => setStatus(statuses.find((s) => s === e.target.value) ?? 'open')}
        />
      </div>
      <TextArea
        id="risk-mitigation"
        label={t('risks.mitigation')}
        rows={2}
        value={mitigation}
        onChange={(e) => setMitigation(e.target.value)}
      />
      <div className="button-row">
        <Button type="submit" variant="primary" busy={mutation.isPending}>
          {risk ? t('risks.save') : t('add.submit')}
        </Button>
        {risk ? <Button onClick={onDone}>{t('risks.cancel')}</Button> : null}
      </div>
    </form>
  )
}
