import { type IndicatorDirection, indicatorDirections } from '@lagesbild/shared/domain/indicator-progress'
import { type PeriodFrequency, periodFrequencies } from '@lagesbild/shared/domain/reporting-period'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { Field } from '../../../components/field'
import { FreeTextArea } from '../../../components/free-text-area'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { isApiProblem } from '../../../lib/api-client'
import { useGoals } from '../../plans/api/get-goals'
import { type Indicator, useDeleteIndicator, useUpdateIndicator } from '../api/indicators'
import { amountText, parseAmountText } from './cell-text'

type Mode = { kind: 'edit' | 'delete'; id: string } | null

const isConflict = (error: unknown) => isApiProblem(error) && error.status === 409

/**
 * The project's indicators with edit and delete. Someone else's change meanwhile (409) reloads
 * the indicator and says so, so nobody overwrites or deletes what they have not seen.
 */
export function ManageIndicators({ projectId, indicators }: { projectId: string; indicators: Indicator[] }) {
  const { t } = useTranslation('indicators')
  const [mode, setMode] = useState<Mode>(null)
  const [notice, setNotice] = useState('')
  // The indicator whose save met a 409; its form restarts from the refreshed version and says why.
  const [conflicted, setConflicted] = useState<string | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const close = (message = '') => {
    setMode(null)
    setConflicted(null)
    setNotice(message)
    heading.current?.focus()
  }
  return (
    <section aria-labelledby="indicator-manage-title" className="indicators__manage">
      <h3 id="indicator-manage-title" ref={heading} tabIndex={-1}>
        {t('manage.title')}
      </h3>
      <p role="status" className="muted">
        {notice}
      </p>
      <ul className="indicators__manage-list">
        {indicators.map((indicator) => (
          <li key={indicator.id}>
            <div className="button-row">
              <span className="indicators__manage-name">
                {indicator.name}
                <span className="indicator-grid__unit"> ({t(`units.${indicator.unit}`)})</span>
              </span>
              <Button
                size="small"
                aria-label={t('manage.edit', { name: indicator.name })}
                aria-expanded={mode?.kind === 'edit' && mode.id === indicator.id}
                onClick={() => setMode({ kind: 'edit', id: indicator.id })}
              >
                {t('manage.editShort')}
              </Button>
              <Button
                size="small"
                variant="danger"
                aria-label={t('manage.delete', { name: indicator.name })}
                aria-expanded={mode?.kind === 'delete' && mode.id === indicator.id}
                onClick={() => setMode({ kind: 'delete', id: indicator.id })}
              >
                {t('manage.deleteShort')}
              </Button>
            </div>
            {mode?.id === indicator.id && mode.kind === 'edit' ? (
              <EditIndicator
                // A newer version (after a 409 or someone's save) starts the form over from it.
                key={indicator.version}
                projectId={projectId}
                indicator={indicator}
                conflicted={conflicted === indicator.id}
                onConflict={() => setConflicted(indicator.id)}
                onDone={(saved) => close(t('manage.saved', { name: saved.name }))}
                onCancel={() => close()}
              />
            ) : null}
            {mode?.id === indicator.id && mode.kind === 'delete' ? (
              <ConfirmDelete
                projectId={projectId}
                indicator={indicator}
                onDone={() => close(t('manage.deleted', { name: indicator.name }))}
                onCancel={() => close()}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}

function ConfirmDelete({
  projectId,
  indicator,
  onDone,
  onCancel,
}: {
  projectId: string
  indicator: Indicator
  onDone: () => void
  onCancel: () => void
}) {
  const { t } = useTranslation('indicators')
  const remove = useDeleteIndicator(projectId)
  const titleId = `indicator-delete-${indicator.id}`
  useEffect(() => document.getElementById(`${titleId}-cancel`)?.focus(), [titleId])
  return (
    <fieldset className="indicators__confirm">
      <legend className="alert__title">{t('manage.confirmTitle', { name: indicator.name })}</legend>
      <p>{t('manage.confirmBody')}</p>
      {isConflict(remove.error) ? (
        <p className="alert alert--warning" role="alert">
          {t('manage.deleteConflict')}
        </p>
      ) : (
        <ProblemAlert error={remove.error} />
      )}
      <div className="button-row">
        <Button
          size="small"
          variant="danger"
          disabled={remove.isPending}
          onClick={() => void remove.mutateAsync(indicator).then(onDone, () => undefined)}
        >
          {t('manage.confirmDelete')}
        </Button>
        <Button size="small" id={`${titleId}-cancel`} onClick={onCancel}>
          {t('manage.cancel')}
        </Button>
      </div>
    </fieldset>
  )
}

function EditIndicator({
  projectId,
  indicator,
  conflicted,
  onConflict,
  onDone,
  onCancel,
}: {
  projectId: string
  indicator: Indicator
  conflicted: boolean
  onConflict: () => void
  onDone: (saved: Indicator) => void
  onCancel: () => void
}) {
  const { t } = useTranslation('indicators')
  const update = useUpdateIndicator(projectId)
  const goals = useGoals(projectId)
  const { unit } = indicator
  const [name, setName] = useState(indicator.name)
  const [definition, setDefinition] = useState(indicator.definition)
  const [frequency, setFrequency] = useState<PeriodFrequency>(indicator.frequency)
  const [direction, setDirection] = useState<IndicatorDirection>(indicator.direction)
  const [goalId, setGoalId] = useState(indicator.goal?.id ?? '')
  const [baseline, setBaseline] = useState(amountText(unit, indicator.baseline))
  const [baselineDate, setBaselineDate] = useState(indicator.baseline?.date ?? '')
  const [target, setTarget] = useState(amountText(unit, indicator.target))
  const [targetDate, setTargetDate] = useState(indicator.target?.date ?? '')
  const [sharedKey, setSharedKey] = useState(indicator.sharedKey ?? '')
  const [source, setSource] = useState(indicator.source)
  const [unreadable, setUnreadable] = useState<{ baseline?: string; target?: string }>({})
  const tree = goals.data
  const goalOptions = tree
    ? [...tree.overall, ...tree.project, ...tree.sub].map((g) => ({ value: g.id, label: g.title }))
    : []
  const prefix = `indicator-edit-${indicator.id}`
  useEffect(() => document.getElementById(`${prefix}-name`)?.focus(), [prefix])
  const errorOf = (field: string) =>
    isApiProblem(update.error)
      ? update.error.fieldErrors.find((e) => e.field.startsWith(field))?.message
      : undefined

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const baselineAmount = parseAmountText(unit, baseline)
    const targetAmount = parseAmountText(unit, target)
    const invalid = t('grid.invalid')
    setUnreadable({
      ...(baselineAmount === null ? { baseline: invalid } : {}),
      ...(targetAmount === null ? { target: invalid } : {}),
    })
    if (baselineAmount === null || targetAmount === null) return
    // mutateAsync, not mutate: the refresh after the request remounts this form (new version)
    // before per-call callbacks would run, and React Query skips those once unmounted.
    update
      .mutateAsync({
        indicatorId: indicator.id,
        body: {
          version: indicator.version,
          name,
          definition,
          frequency,
          direction,
          goalId: goalId || null,
          sharedKey: sharedKey.trim() || null,
          source,
          baseline: baselineAmount ? { ...baselineAmount, date: baselineDate || null } : null,
          target: targetAmount ? { ...targetAmount, date: targetDate || null } : null,
        },
      })
      .then(onDone, (error: unknown) => {
        if (isConflict(error)) onConflict()
      })
  }

  return (
    <form onSubmit={onSubmit} className="form-grid indicators__edit" aria-labelledby={`${prefix}-title`}>
      <h4 id={`${prefix}-title`}>{t('manage.editTitle', { name: indicator.name })}</h4>
      {conflicted ? (
        <p className="alert alert--warning" role="alert">
          {t('manage.editConflict')}
        </p>
      ) : null}
      <Field
        id={`${prefix}-name`}
        label={t('add.name')}
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errorOf('name')}
      />
      <p className="muted">
        {t('add.unit')}: {t(`units.${unit}`)} – {t('manage.unitFixed')}
      </p>
      <FreeTextArea
        id={`${prefix}-definition`}
        label={t('manage.definition')}
        value={definition}
        rows={3}
        onChange={(e) => setDefinition(e.target.value)}
        error={errorOf('definition')}
      />
      <Select
        id={`${prefix}-frequency`}
        label={t('add.frequency')}
        value={frequency}
        onChange={(e) => setFrequency(e.target.value as PeriodFrequency)}
        options={periodFrequencies.map((f) => ({ value: f, label: t(`frequencies.${f}`) }))}
      />
      <Select
        id={`${prefix}-direction`}
        label={t('add.direction')}
        value={direction}
        onChange={(e) => setDirection(e.target.value as IndicatorDirection)}
        options={indicatorDirections.map((d) => ({ value: d, label: t(`directions.${d}`) }))}
      />
      <Select
        id={`${prefix}-goal`}
        label={t('add.goal')}
        emptyOption={t('add.noGoal')}
        value={goalId}
        onChange={(e) => setGoalId(e.target.value)}
        options={goalOptions}
      />
      <Field
        id={`${prefix}-baseline`}
        label={t('add.baseline')}
        hint={t('add.valueHint')}
        value={baseline}
        onChange={(e) => setBaseline(e.target.value)}
        error={unreadable.baseline ?? errorOf('baseline')}
      />
      <Field
        id={`${prefix}-baseline-date`}
        label={t('add.baselineDate')}
        type="date"
        value={baselineDate}
        onChange={(e) => setBaselineDate(e.target.value)}
      />
      <Field
        id={`${prefix}-target`}
        label={t('add.target')}
        hint={t('add.valueHint')}
        value={target}
        onChange={(e) => setTarget(e.target.value)}
        error={unreadable.target ?? errorOf('target')}
      />
      <Field
        id={`${prefix}-target-date`}
        label={t('add.targetDate')}
        type="date"
        value={targetDate}
        onChange={(e) => setTargetDate(e.target.value)}
      />
      <Field
        id={`${prefix}-shared-key`}
        label={t('add.sharedKey')}
        hint={t('add.sharedKeyHint')}
        value={sharedKey}
        onChange={(e) => setSharedKey(e.target.value)}
        error={errorOf('sharedKey')}
      />
      <Field
        id={`${prefix}-source`}
        label={t('add.source')}
        value={source}
        onChange={(e) => setSource(e.target.value)}
      />
      {isConflict(update.error) ? null : <ProblemAlert error={update.error} />}
      <div className="button-row">
        <Button type="submit" variant="primary" disabled={update.isPending}>
          {t('manage.save')}
        </Button>
        <Button onClick={onCancel}>{t('manage.cancel')}</Button>
      </div>
    </form>
  )
}
