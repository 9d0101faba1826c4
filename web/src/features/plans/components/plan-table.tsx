import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { activityStatuses, formatDeviation, humanDuration } from '@lagesbild/shared/domain/deviation'
import { Link } from '@tanstack/react-router'
import { type KeyboardEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, buttonClass } from '../../../components/button'
import { isApiProblem } from '../../../lib/api-client'
import { useKeepingTranslation } from '../../governance/i18n-keeping'
import { useDeleteActivity } from '../api/delete-activity'
import type { Activity, ActivityList } from '../api/get-activities'
import { type ActivityPatch, isActivity, useUpdateActivity } from '../api/update-activity'
import { readDateEntry, showDate } from './date-text'
import type { MilestoneApprovalState } from './milestone-approvals'
import { useLanguage } from './use-language'

const columns = [
  'number',
  'title',
  'responsible',
  'plannedStart',
  'plannedEnd',
  'actualStart',
  'actualEnd',
  'status',
  'deviation',
  'deviationExplanation',
  'actions',
] as const
type Column = (typeof columns)[number]
type DateColumn = 'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd'
type TextColumn = 'title' | 'responsible' | 'deviationExplanation'
type EditableColumn = DateColumn | TextColumn | 'status'

const textColumns = new Set<Column>(['title', 'responsible', 'deviationExplanation'])
const isTextColumn = (column: Column): column is TextColumn => textColumns.has(column)
const editable = new Set<Column>([
  'title',
  'responsible',
  'deviationExplanation',
  'plannedStart',
  'plannedEnd',
  'actualStart',
  'actualEnd',
  'status',
])
const dateColumns = new Set<Column>(['plannedStart', 'plannedEnd', 'actualStart', 'actualEnd'])

type Edit = Omit<ActivityPatch, 'version'>

interface Conflict {
  edit: Edit
  column: EditableColumn
}

interface Position {
  row: number
  col: number
}

export interface PlanTableProps {
  projectId: string
  plan: ActivityList
  canEdit: boolean
  /** May ask the steering group for decisions (project:edit): "Begär godkännande" on milestones. */
  canRequest?: boolean
  /** Each milestone's standing with the steering group, when known. */
  approvals?: ReadonlyMap<string, MilestoneApprovalState>
}

const noApprovals: ReadonlyMap<string, MilestoneApprovalState> = new Map()

/**
 * The plan as a spreadsheet-like grid: arrow keys move, Enter edits and saves (and moves down),
 * Escape undoes the edit. Each save is optimistic; a 409 shows the other person's version.
 */
export function PlanTable({
  projectId,
  plan,
  canEdit,
  canRequest = false,
  approvals = noApprovals,
}: PlanTableProps) {
  const { t } = useTranslation('plans')
  const { t: tk } = useKeepingTranslation()
  const language = useLanguage()
  const update = useUpdateActivity(projectId)
  const remove = useDeleteActivity(projectId)
  const [active, setActive] = useState<Position>({ row: 0, col: 1 })
  const [editing, setEditing] = useState<{ position: Position; value: string } | null>(null)
  const [errors, setErrors] = useState<Map<string, string>>(new Map())
  const [conflicts, setConflicts] = useState<Map<string, Conflict>>(new Map())
  const [confirming, setConfirming] = useState<string | null>(null)
  const table = useRef<HTMLTableElement>(null)
  const focusWanted = useRef(false)
  const rows = plan.items
  const grouped = plan.projects.length > 1

  useEffect(() => {
    if (!focusWanted.current || editing) return
    focusWanted.current = false
    const cell = table.current?.querySelector<HTMLElement>(`[data-cell="${active.row}:${active.col}"]`)
    const target = cell?.querySelector<HTMLElement>('a, button') ?? cell
    target?.focus()
  }, [active, editing])

  const moveTo = (row: number, col: number) => {
    focusWanted.current = true
    setActive({
      row: Math.max(0, Math.min(rows.length - 1, row)),
      col: Math.max(0, Math.min(columns.length - 1, col)),
    })
  }

  const columnName = (column: Column) => t(`plan.columns.${column}`)

  const startEdit = (position: Position) => {
    const activity = rows[position.row]
    const column = columns[position.col]
    if (!canEdit || !activity || !column || !editable.has(column)) return
    const value =
      column === 'status'
        ? activity.status
        : isTextColumn(column)
          ? activity[column]
          : showDate(activity[column as DateColumn], language)
    setEditing({ position, value })
  }

  const setRowMessage = (id: string, message: string | null) =>
    setErrors((current) => {
      const next = new Map(current)
      if (message) next.set(id, message)
      else next.delete(id)
      return next
    })

  const save = (activity: Activity, column: EditableColumn, edit: Edit) => {
    setRowMessage(activity.id, null)
    update.mutate(
      { activity, patch: edit },
      {
        onError: (error) => {
          if (isApiProblem(error) && error.status === 409 && isActivity(error.problem.current)) {
            setConflicts((current) => new Map(current).set(activity.id, { edit, column }))
            return
          }
          const message = isApiProblem(error)
            ? (error.fieldErrors[0]?.message ?? error.message)
            : String(error)
          setRowMessage(activity.id, t('plan.cellError', { column: columnName(column), message }))
        },
      },
    )
  }

  /** The edit as the API takes it; null when the typed date cannot be read. */
  const editFor = (activity: Activity, column: EditableColumn, value: string): Edit | null => {
    if (column === 'status') {
      const status = activityStatuses.find((s) => s === value) ?? activity.status
      // Marking done without an actual end means it ended today.
      if (status === 'done' && !activity.actualEnd) return { status, actualEnd: { from: todayInSweden() } }
      return { status }
    }
    if (isTextColumn(column)) return { [column]: value.trim() }
    const entry = readDateEntry(value)
    if (!entry.ok) {
      const key = entry.reason === 'impossible' ? 'date.impossible' : 'date.unreadable'
      setRowMessage(
        activity.id,
        t('plan.cellError', { column: columnName(column), message: t(key, { value }) }),
      )
      return null
    }
    return { [column]: entry.value }
  }

  const unchanged = (activity: Activity, column: EditableColumn, value: string) =>
    column === 'status'
      ? value === activity.status
      : isTextColumn(column)
        ? value.trim() === activity[column]
        : value.trim() === showDate(activity[column], language)

  /** Saves the cell being edited; returns false when the entry must be corrected first. */
  const commit = (): boolean => {
    if (!editing) return true
    const activity = rows[editing.position.row]
    const column = columns[editing.position.col] as EditableColumn
    if (!activity) return true
    if (unchanged(activity, column, editing.value)) {
      setEditing(null)
      return true
    }
    const edit = editFor(activity, column, editing.value)
    if (!edit) return false
    setEditing(null)
    save(activity, column, edit)
    return true
  }

  const onGridKey = (event: KeyboardEvent<HTMLTableElement>) => {
    if (editing) return
    const { row, col } = active
    const moves: Record<string, Position> = {
      ArrowUp: { row: row - 1, col },
      ArrowDown: { row: row + 1, col },
      ArrowLeft: { row, col: col - 1 },
      ArrowRight: { row, col: col + 1 },
      Home: { row, col: 0 },
      End: { row, col: columns.length - 1 },
    }
    const move = moves[event.key]
    if (move) {
      event.preventDefault()
      moveTo(move.row, move.col)
      return
    }
    if ((event.key === 'Enter' || event.key === 'F2') && columns[col] !== 'actions') {
      event.preventDefault()
      startEdit(active)
    }
  }

  const onEditorKey = (event: KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => {
    if (!editing) return
    if (event.key === 'Escape') {
      event.preventDefault()
      focusWanted.current = true
      setEditing(null)
      return
    }
    if (event.key === 'Enter') {
      event.preventDefault()
      const { row, col } = editing.position
      if (commit()) moveTo(row + 1, col)
    }
  }

  const resolve = (activity: Activity, apply: boolean) => {
    const conflict = conflicts.get(activity.id)
    setConflicts((current) => {
      const next = new Map(current)
      next.delete(activity.id)
      return next
    })
    if (apply && conflict) save(activity, conflict.column, conflict.edit)
  }

  let lastProject: string | null = null

  return (
    // The grid scrolls inside its own box, which is a stop for Tab so the keyboard can scroll it too;
    // the cells' arrow-key moves bring the focused cell into view.
    <section
      className="table-scroll plan-table__scroll"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1)
      tabIndex={0}
      aria-label={t('plan.scrollRegion', { name: plan.project.name })}
    >
      <table
        ref={table}
        className="data-table data-table--compact plan-table"
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the APG data-grid pattern is a table with role grid
        role="grid"
        aria-label={t('plan.caption', { name: plan.project.name })}
        aria-describedby="plan-keyboard-help"
        onKeyDown={onGridKey}
      >
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className={`plan-table__${column}`}>
                {column === 'actions' ? (
                  <span className="visually-hidden">{columnName(column)}</span>
                ) : (
                  columnName(column)
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((activity, rowIndex) => {
            const header =
              grouped && activity.project.id !== lastProject ? (
                <tr key={`group-${activity.project.id}`} className="plan-table__group">
                  <th scope="colgroup" colSpan={columns.length}>
                    {activity.project.name}
                  </th>
                </tr>
              ) : null
            lastProject = activity.project.id
            const conflict = conflicts.get(activity.id)
            const message = errors.get(activity.id)
            return [
              header,
              <tr
                key={activity.id}
                className={[
                  'plan-table__row',
                  activity.deviation.late ? 'plan-table__row--late' : '',
                  conflict ? 'plan-table__row--conflict' : '',
                ]
                  .filter(Boolean)
                  .join(' ')}
                aria-invalid={message ? true : undefined}
              >
                {columns.map((column, colIndex) => {
                  const isActive = active.row === rowIndex && active.col === colIndex
                  const isEditing = editing?.position.row === rowIndex && editing.position.col === colIndex
                  return (
                    // biome-ignore lint/a11y/useKeyWithClickEvents: the grid handles the keyboard for every cell
                    <td
                      key={column}
                      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: cells of the APG data grid
                      role="gridcell"
                      data-cell={`${rowIndex}:${colIndex}`}
                      tabIndex={column === 'actions' ? undefined : isActive ? 0 : -1}
                      aria-readonly={!canEdit || !editable.has(column) ? true : undefined}
                      className={[
                        `plan-table__${column}`,
                        dateColumns.has(column) ? 'nowrap' : '',
                        isActive ? 'plan-table__cell--active' : '',
                      ]
                        .filter(Boolean)
                        .join(' ')}
                      onClick={() => setActive({ row: rowIndex, col: colIndex })}
                      onDoubleClick={() => startEdit({ row: rowIndex, col: colIndex })}
                    >
                      {isEditing && editing ? (
                        <CellEditor
                          column={column as EditableColumn}
                          value={editing.value}
                          label={t('plan.editCell', { column: columnName(column), title: activity.title })}
                          onChange={(value) => setEditing({ ...editing, value })}
                          onKeyDown={onEditorKey}
                          onBlur={() => {
                            commit()
                          }}
                        />
                      ) : column === 'actions' ? (
                        <div className="plan-table__actions">
                          {canRequest &&
                          activity.milestone &&
                          approvals.get(activity.id)?.kind !== 'pending' &&
                          approvals.get(activity.id)?.kind !== 'approved' ? (
                            <Link
                              to="/projects/$projectId/governance"
                              params={{ projectId }}
                              search={{ kind: 'milestone', subject: activity.id }}
                              className={buttonClass('secondary', 'small')}
                              tabIndex={isActive ? 0 : -1}
                              aria-label={tk('plan.requestApprovalLabel', { title: activity.title })}
                            >
                              {tk('plan.requestApproval')}
                            </Link>
                          ) : null}
                          {canEdit ? (
                            <RemoveButton
                              activity={activity}
                              focusable={isActive}
                              confirming={confirming === activity.id}
                              onAsk={() => setConfirming(activity.id)}
                              onConfirm={() => {
                                setConfirming(null)
                                remove.mutate(activity, {
                                  onError: (error) =>
                                    setRowMessage(
                                      activity.id,
                                      isApiProblem(error) ? error.message : String(error),
                                    ),
                                })
                              }}
                            />
                          ) : null}
                        </div>
                      ) : (
                        <CellValue
                          activity={activity}
                          column={column}
                          approval={approvals.get(activity.id)}
                        />
                      )}
                    </td>
                  )
                })}
              </tr>,
              message ? (
                <tr key={`${activity.id}-error`} className="plan-table__message">
                  <td colSpan={columns.length} role="alert">
                    {message}
                  </td>
                </tr>
              ) : null,
              conflict ? (
                <tr key={`${activity.id}-conflict`} className="plan-table__message">
                  <td colSpan={columns.length}>
                    <ConflictNotice
                      activity={activity}
                      conflict={conflict}
                      onReapply={() => resolve(activity, true)}
                      onKeep={() => resolve(activity, false)}
                    />
                  </td>
                </tr>
              ) : null,
            ]
          })}
        </tbody>
      </table>
    </section>
  )
}

function CellEditor({
  column,
  value,
  label,
  onChange,
  onKeyDown,
  onBlur,
}: {
  column: EditableColumn
  value: string
  label: string
  onChange: (value: string) => void
  onKeyDown: (event: KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => void
  onBlur: () => void
}) {
  const { t } = useTranslation('plans')
  if (column === 'status') {
    return (
      <select
        className="input input--select plan-table__editor"
        aria-label={label}
        value={value}
        // biome-ignore lint/a11y/noAutofocus: the editor replaces the focused cell; focus must follow it
        autoFocus
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
      >
        {activityStatuses.map((status) => (
          <option key={status} value={status}>
            {t(`status.${status}`)}
          </option>
        ))}
      </select>
    )
  }
  const isDate = dateColumns.has(column)
  return (
    <input
      className="input plan-table__editor"
      aria-label={label}
      aria-description={isDate ? t('date.hint') : undefined}
      value={value}
      // biome-ignore lint/a11y/noAutofocus: the editor replaces the focused cell; focus must follow it
      autoFocus
      onFocus={(event) => event.currentTarget.select()}
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={onKeyDown}
      onBlur={onBlur}
    />
  )
}

function CellValue({
  activity,
  column,
  approval,
}: {
  activity: Activity
  column: Column
  approval: MilestoneApprovalState | undefined
}) {
  const { t } = useTranslation('plans')
  const language = useLanguage()
  switch (column) {
    case 'number':
      return <>{activity.number ?? ''}</>
    case 'title':
      return (
        <span className="plan-table__title-text">
          {activity.milestone ? (
            <span
              className={`plan-table__milestone${activity.approvals.length > 0 ? ' plan-table__milestone--approved' : ''}`}
              title={activity.approvals.length > 0 ? t('plan.approvedMilestone') : t('plan.milestone')}
            >
              <span aria-hidden="true">◆</span>
              <span className="visually-hidden">
                {activity.approvals.length > 0 ? t('plan.approvedMilestone') : t('plan.milestone')}:{' '}
              </span>
            </span>
          ) : null}
          {activity.title}
          {approval ? <ApprovalBadge approval={approval} /> : null}
          {activity.outsideProjectPeriod ? (
            <span className="plan-badge plan-badge--warning" title={t('plan.outsidePeriodLong')}>
              {t('plan.outsidePeriod')}
            </span>
          ) : null}
        </span>
      )
    case 'responsible':
      return <>{activity.responsible}</>
    case 'deviationExplanation':
      return <>{activity.deviationExplanation}</>
    case 'plannedStart':
    case 'plannedEnd':
    case 'actualStart':
    case 'actualEnd': {
      const date = activity[column]
      return (
        <>
          {showDate(date, language)}
          {date?.note ? (
            <span className="plan-table__note" title={date.note}>
              <span aria-hidden="true"> *</span>
              <span className="visually-hidden">
                {' '}
                ({t('date.noteTitle')}: {date.note})
              </span>
            </span>
          ) : null}
        </>
      )
    }
    case 'status':
      return (
        <span className={`plan-status plan-status--${activity.status}`}>
          {t(`status.${activity.status}`)}
        </span>
      )
    case 'deviation':
      return (
        <span className={`plan-deviation plan-deviation--${activity.deviation.kind}`}>
          {formatDeviation(activity.deviation, language)}
          {activity.deviation.late && activity.deviation.overdueDays !== null ? (
            <span className="plan-badge plan-badge--late" title={t('plan.late')}>
              {t('plan.overdue', { text: humanDuration(activity.deviation.overdueDays, language) })}
            </span>
          ) : null}
        </span>
      )
    case 'actions':
      return null
  }
}

function ApprovalBadge({ approval }: { approval: MilestoneApprovalState }) {
  const { t: tk } = useKeepingTranslation()
  if (approval.kind === 'pending') {
    return <span className="plan-badge plan-badge--pending">{tk('plan.approval.pending')}</span>
  }
  const text = approval.paragraph
    ? tk(`plan.approval.${approval.kind}Paragraph`, { paragraph: approval.paragraph, date: approval.date })
    : tk(`plan.approval.${approval.kind}`, { date: approval.date })
  return <span className={`plan-badge plan-badge--${approval.kind}`}>{text}</span>
}

function RemoveButton({
  activity,
  focusable,
  confirming,
  onAsk,
  onConfirm,
}: {
  activity: Activity
  focusable: boolean
  confirming: boolean
  onAsk: () => void
  onConfirm: () => void
}) {
  const { t } = useTranslation('plans')
  return confirming ? (
    <Button
      size="small"
      variant="danger"
      tabIndex={focusable ? 0 : -1}
      aria-label={t('plan.confirmRemoveLabel', { title: activity.title })}
      onClick={onConfirm}
    >
      {t('plan.confirmRemove')}
    </Button>
  ) : (
    <Button
      size="small"
      variant="quiet"
      tabIndex={focusable ? 0 : -1}
      aria-label={t('plan.removeLabel', { title: activity.title })}
      onClick={onAsk}
    >
      {t('plan.remove')}
    </Button>
  )
}

function ConflictNotice({
  activity,
  conflict,
  onReapply,
  onKeep,
}: {
  activity: Activity
  conflict: Conflict
  onReapply: () => void
  onKeep: () => void
}) {
  const { t } = useTranslation('plans')
  const language = useLanguage()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const show = (column: EditableColumn, source: Edit | Activity): string => {
    const value = (source as Record<string, unknown>)[column]
    if (value === undefined) return ''
    if (value === null) return '–'
    if (column === 'status') return t(`status.${value as Activity['status']}`)
    if (typeof value === 'string') return value
    return showDate(value as { from: string; precision: 'day' }, language)
  }
  const fields = Object.keys(conflict.edit) as EditableColumn[]
  return (
    <section className="conflict plan-conflict" role="alert" aria-labelledby={`conflict-${activity.id}`}>
      <h3 id={`conflict-${activity.id}`} ref={heading} tabIndex={-1}>
        {t('conflict.title', { title: activity.title })}
      </h3>
      <p>{t('conflict.intro')}</p>
      <dl className="plan-conflict__values">
        {fields.map((field) => (
          <div key={field}>
            <dt>{t(`plan.columns.${field}`)}</dt>
            <dd>
              {t('conflict.yours')}: <strong>{show(field, conflict.edit)}</strong> · {t('conflict.theirs')}:{' '}
              <strong>{show(field, activity)}</strong>
            </dd>
          </div>
        ))}
      </dl>
      <div className="button-row">
        <Button variant="primary" size="small" onClick={onReapply}>
          {t('conflict.reapply')}
        </Button>
        <Button size="small" onClick={onKeep}>
          {t('conflict.keep')}
        </Button>
      </div>
    </section>
  )
}
