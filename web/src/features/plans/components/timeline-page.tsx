import { daysBetween, todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { formatDeviation } from '@lagesbild/shared/domain/deviation'
import { useParams } from '@tanstack/react-router'
import { type ReactElement, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, ComposedChart, ReferenceLine, XAxis, YAxis } from 'recharts'
import { EmptyState } from '../../../components/empty-state'
import { Loading } from '../../../components/loading'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { type Activity, useActivities } from '../api/get-activities'
import { type Baseline, useBaseline, useBaselines } from '../api/get-baselines'
import { showDate } from './date-text'
import { useLanguage } from './use-language'
import './plans.css'

type Zoom = 'month' | 'quarter' | 'year'
type Span = [number, number]

interface Row {
  id: string
  label: string
  planned: Span | null
  actual: Span | null
  baseline: Span | null
  milestone: boolean
  done: boolean
  late: boolean
}

const DAY = 86_400_000
const epoch = (date: string) => Date.parse(`${date}T00:00:00Z`)
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const pxPerDay: Record<Zoom, number> = { month: 2.4, quarter: 0.9, year: 0.32 }
const ROW_HEIGHT = 34
const LABEL_WIDTH = 280

interface Dated {
  plannedStart: { from: string; to: string } | null
  plannedEnd: { from: string; to: string } | null
}

function plannedSpan(a: Dated): Span | null {
  const from = a.plannedStart?.from ?? a.plannedEnd?.from
  const to = a.plannedEnd?.to ?? a.plannedStart?.to
  return from && to ? [epoch(from), epoch(to) + DAY] : null
}

function actualSpan(a: Activity, today: string): Span | null {
  const from = a.actualStart?.from ?? a.actualEnd?.from
  if (!from) return null
  const to = a.actualEnd?.to ?? (a.status === 'in_progress' ? today : a.actualStart?.to)
  return to ? [epoch(from), epoch(to) + DAY] : null
}

function rowsOf(activities: Activity[], baseline: Baseline | undefined, today: string): Row[] {
  const frozen = new Map((baseline?.snapshot.activities ?? []).map((a) => [a.id, a]))
  return activities.map((a) => {
    const before = frozen.get(a.id)
    return {
      id: a.id,
      label: `${a.number ? `${a.number} ` : ''}${a.title}`,
      planned: plannedSpan(a),
      actual: actualSpan(a, today),
      baseline: before ? plannedSpan(before) : null,
      milestone: a.milestone,
      done: a.status === 'done',
      late: a.deviation.late,
    }
  })
}

/** Ticks at the start of every month, quarter or year in the range. */
function ticks(from: number, to: number, zoom: Zoom): number[] {
  const step = zoom === 'month' ? 1 : zoom === 'quarter' ? 3 : 12
  const start = new Date(from)
  let year = start.getUTCFullYear()
  let month = Math.floor(start.getUTCMonth() / step) * step
  const out: number[] = []
  for (;;) {
    const tick = Date.UTC(year, month, 1)
    if (tick > to) return out
    if (tick >= from) out.push(tick)
    month += step
    if (month >= 12) {
      year += Math.floor(month / 12)
      month %= 12
    }
  }
}

function tickLabel(ms: number, zoom: Zoom, language: 'sv' | 'en'): string {
  const date = new Date(ms)
  if (zoom === 'year') return String(date.getUTCFullYear())
  if (zoom === 'quarter') return `Q${Math.floor(date.getUTCMonth() / 3) + 1} ${date.getUTCFullYear()}`
  return new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  }).format(date)
}

interface ShapeProps {
  x?: number
  y?: number
  width?: number
  height?: number
  payload?: Row
}

/** A planned bar, or a diamond at its end for a milestone. */
function PlannedShape(props: unknown): ReactElement {
  const { x = 0, y = 0, width = 0, height = 0, payload } = props as ShapeProps
  if (payload?.milestone) {
    const cx = x + width
    const cy = y + height / 2
    const r = 7
    return (
      <polygon
        points={`${cx},${cy - r} ${cx + r},${cy} ${cx},${cy + r} ${cx - r},${cy}`}
        className="timeline__milestone"
      />
    )
  }
  return <rect x={x} y={y} width={Math.max(width, 3)} height={height} rx={2} className="timeline__planned" />
}

function ActualShape(props: unknown): ReactElement {
  const { x = 0, y = 0, width = 0, height = 0, payload } = props as ShapeProps
  return (
    <rect
      x={x}
      y={y}
      width={Math.max(width, 3)}
      height={height}
      rx={2}
      className={payload?.late ? 'timeline__actual timeline__actual--late' : 'timeline__actual'}
    />
  )
}

function BaselineShape(props: unknown): ReactElement {
  const { x = 0, y = 0, width = 0, height = 0 } = props as ShapeProps
  return <rect x={x} y={y} width={Math.max(width, 3)} height={height} rx={2} className="timeline__baseline" />
}

export function TimelinePage() {
  const { t } = useTranslation('plans')
  const language = useLanguage()
  const { projectId } = useParams({ from: '/authenticated/projects/$projectId/timeline' })
  const plan = useActivities(projectId)
  const baselines = useBaselines(projectId)
  const [zoom, setZoom] = useState<Zoom>('quarter')
  const [chosen, setChosen] = useState<string | null>(null)
  const latest = baselines.data?.items.at(-1)?.id ?? null
  const baselineId = chosen === '' ? null : (chosen ?? latest)
  const baseline = useBaseline(projectId, baselineId)
  const today = todayInSweden()
  const rows = useMemo(
    () => rowsOf(plan.data?.items ?? [], baseline.data, today),
    [plan.data, baseline.data, today],
  )

  const spans = rows.flatMap((r) => [r.planned, r.actual, r.baseline]).filter((s): s is Span => s !== null)
  const project = plan.data?.project
  const first = Math.min(
    ...spans.map((s) => s[0]),
    project ? epoch(project.plannedStart) : Number.POSITIVE_INFINITY,
  )
  const last = Math.max(
    ...spans.map((s) => s[1]),
    project ? epoch(project.plannedEnd) : Number.NEGATIVE_INFINITY,
  )
  const todayMs = epoch(today)
  // Today is shown when it is near the plan; a plan from 2014 is not stretched to today.
  const from = Math.min(first, todayMs <= last + 365 * DAY && todayMs >= first ? todayMs : first) - 15 * DAY
  const to = Math.max(last, todayMs <= last + 365 * DAY && todayMs >= first ? todayMs : last) + 15 * DAY
  const days = Number.isFinite(from) && Number.isFinite(to) ? daysBetween(iso(from), iso(to)) : 0
  const width = LABEL_WIDTH + Math.max(600, days * pxPerDay[zoom])

  return (
    <section aria-labelledby="timeline-title" className="panel timeline">
      <div className="panel__header plan-page__header">
        <div>
          <h2 id="timeline-title">{t('timeline.title')}</h2>
          <p className="muted">{t('timeline.intro')}</p>
        </div>
      </div>
      <div className="timeline__controls">
        <fieldset className="timeline__zoom">
          <legend>{t('timeline.zoom')}</legend>
          {(['month', 'quarter', 'year'] as const).map((z) => (
            <label key={z} className="timeline__zoom-option">
              <input type="radio" name="zoom" value={z} checked={zoom === z} onChange={() => setZoom(z)} />
              {t(`timeline.zoom${z === 'month' ? 'Month' : z === 'quarter' ? 'Quarter' : 'Year'}`)}
            </label>
          ))}
        </fieldset>
        <Select
          id="timeline-baseline"
          label={t('timeline.baseline')}
          width="medium"
          emptyOption={t('timeline.noBaseline')}
          options={(baselines.data?.items ?? []).map((b) => ({
            value: b.id,
            label: `${b.revision}. ${b.label} ${b.revisionDate}`,
          }))}
          value={baselineId ?? ''}
          onChange={(event) => setChosen(event.target.value)}
        />
        <ul className="timeline__legend" aria-label={t('timeline.legend')}>
          <li>
            <span className="timeline__key timeline__key--planned" aria-hidden="true" />
            {t('timeline.planned')}
          </li>
          <li>
            <span className="timeline__key timeline__key--actual" aria-hidden="true" />
            {t('timeline.actual')}
          </li>
          <li>
            <span className="timeline__key timeline__key--baseline" aria-hidden="true" />
            {t('timeline.baselineBar')}
          </li>
          <li>
            <span className="timeline__key timeline__key--milestone" aria-hidden="true">
              ◆
            </span>
            {t('timeline.milestone')}
          </li>
          <li>
            <span className="timeline__key timeline__key--today" aria-hidden="true" />
            {t('timeline.today')}
          </li>
        </ul>
      </div>
      {plan.isError ? <ProblemAlert error={plan.error} /> : null}
      {plan.isPending ? <Loading /> : null}
      {plan.data && rows.length === 0 ? <EmptyState title={t('plan.empty')} /> : null}
      {plan.data && rows.length > 0 ? (
        <>
          <figure className="timeline__figure">
            <div
              className="timeline__scroll"
              role="img"
              aria-label={t('timeline.chartLabel', { count: rows.length })}
              // biome-ignore lint/a11y/noNoninteractiveTabindex: the wide chart scrolls sideways from the keyboard
              tabIndex={0}
            >
              <ComposedChart
                layout="vertical"
                width={width}
                height={rows.length * ROW_HEIGHT + 60}
                data={rows}
                barGap={2}
                barCategoryGap={8}
                margin={{ top: 28, right: 24, bottom: 4, left: 8 }}
                accessibilityLayer={false}
              >
                <XAxis
                  type="number"
                  orientation="top"
                  domain={[from, to]}
                  ticks={ticks(from, to, zoom)}
                  tickFormatter={(ms: number) => tickLabel(ms, zoom, language)}
                  allowDataOverflow
                />
                {/* The revision's ghost bars sit on an axis of their own, so they lie behind the live bars. */}
                <YAxis yAxisId="ghost" type="category" dataKey="label" hide />
                <YAxis
                  type="category"
                  dataKey="label"
                  width={LABEL_WIDTH}
                  tick={{ fontSize: 12 }}
                  tickFormatter={(label: string) => (label.length > 42 ? `${label.slice(0, 41)}…` : label)}
                  interval={0}
                />
                <Bar
                  dataKey="baseline"
                  yAxisId="ghost"
                  barSize={24}
                  shape={BaselineShape}
                  isAnimationActive={false}
                />
                <Bar dataKey="planned" barSize={10} shape={PlannedShape} isAnimationActive={false} />
                <Bar dataKey="actual" barSize={8} shape={ActualShape} isAnimationActive={false} />
                {todayMs >= from && todayMs <= to ? (
                  <ReferenceLine
                    x={todayMs}
                    className="timeline__today"
                    stroke="#b1261d"
                    strokeWidth={2}
                    label={{ value: t('timeline.today'), position: 'top', fill: '#b1261d', fontSize: 12 }}
                  />
                ) : null}
              </ComposedChart>
            </div>
          </figure>
          <TimelineTable activities={plan.data.items} baseline={baseline.data} />
        </>
      ) : null}
    </section>
  )
}

function period(
  from: { from: string; precision: 'day' | 'month' | 'term' | 'year' } | null | undefined,
  to: typeof from,
  language: 'sv' | 'en',
) {
  const a = showDate(from, language)
  const b = showDate(to, language)
  if (a && b && a !== b) return `${a} – ${b}`
  return a || b || '–'
}

/** The same facts as the chart, for reading without it. */
function TimelineTable({ activities, baseline }: { activities: Activity[]; baseline: Baseline | undefined }) {
  const { t } = useTranslation('plans')
  const language = useLanguage()
  const frozen = new Map((baseline?.snapshot.activities ?? []).map((a) => [a.id, a]))
  return (
    <details className="plan-disclosure timeline__table">
      <summary>{t('timeline.tableTitle')}</summary>
      <section
        className="table-scroll"
        aria-label={t('timeline.tableCaption')}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a wide table must scroll from the keyboard
        tabIndex={0}
      >
        <table className="data-table data-table--compact">
          <caption className="visually-hidden">{t('timeline.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plan.columns.number')}</th>
              <th scope="col">{t('plan.columns.title')}</th>
              <th scope="col">{t('timeline.planned')}</th>
              <th scope="col">{t('timeline.actual')}</th>
              <th scope="col">{t('timeline.baselineBar')}</th>
              <th scope="col">{t('plan.columns.deviation')}</th>
            </tr>
          </thead>
          <tbody>
            {activities.map((a) => {
              const before = frozen.get(a.id)
              return (
                <tr key={a.id}>
                  <td>{a.number ?? ''}</td>
                  <th scope="row">
                    {a.milestone ? `${t('timeline.milestone')}: ` : ''}
                    {a.title}
                  </th>
                  <td className="nowrap">{period(a.plannedStart, a.plannedEnd, language)}</td>
                  <td className="nowrap">{period(a.actualStart, a.actualEnd, language)}</td>
                  <td className="nowrap">
                    {before ? period(before.plannedStart, before.plannedEnd, language) : '–'}
                  </td>
                  <td className="nowrap">{formatDeviation(a.deviation, language)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </section>
    </details>
  )
}
