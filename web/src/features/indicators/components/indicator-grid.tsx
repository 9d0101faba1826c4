import { formatQuantity } from '@lagesbild/shared/domain/indicator-format'
import { type KeyboardEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { isApiProblem } from '../../../lib/api-client'
import { currentLanguage } from '../../../lib/i18n'
import { type Cell, type GridRow, usePutMeasurement } from '../api/indicators'
import { type Amount, amountText, parseAmountText } from './cell-text'

interface Conflict {
  indicator: GridRow['indicator']
  period: string
  mine: Amount
  theirs: Cell | null
}

const key = (indicatorId: string, period: string) => `${indicatorId}:${period}`

/**
 * Indicators × periods of one frequency, entered like a spreadsheet: arrow keys move between
 * cells, Enter saves and moves down, Escape puts the saved value back. A cell someone else
 * changed meanwhile gets a 409; the conflict is shown with both values to choose from.
 */
export function IndicatorGrid({
  projectId,
  rows,
  caption,
  editable,
}: {
  projectId: string
  rows: GridRow[]
  caption: string
  editable: boolean
}) {
  const { t } = useTranslation('indicators')
  const language = currentLanguage()
  const put = usePutMeasurement(projectId)
  const [drafts, setDrafts] = useState<Record<string, string>>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [announcement, setAnnouncement] = useState('')
  const [conflict, setConflict] = useState<Conflict | null>(null)
  const table = useRef<HTMLTableElement>(null)
  // Enter saves and moves focus, and the move blurs the cell, which saves again: without this the
  // second request (same text, the version from before the first) comes back as a false 409.
  const inFlight = useRef(new Map<string, string>())
  // Saves overlap when someone types fast; only the latest one started is announced, so the live
  // region never ends on an older cell (its refresh can finish after the newer one's).
  const latestSave = useRef(0)
  const periods = [...new Set(rows.flatMap((r) => r.periods))].sort()

  const cellOf = (row: GridRow, period: string) => row.cells.find((c) => c.period === period)
  const savedText = (row: GridRow, period: string) => amountText(row.indicator.unit, cellOf(row, period))

  async function save(row: GridRow, period: string, version: number | undefined, amount: Amount) {
    const k = key(row.indicator.id, period)
    latestSave.current += 1
    const seq = latestSave.current
    try {
      await put.mutateAsync({
        indicatorId: row.indicator.id,
        period,
        body: { ...amount, ...(version !== undefined ? { version } : {}) },
      })
      setDrafts(({ [k]: _saved, ...rest }) => rest)
      setErrors(({ [k]: _fixed, ...rest }) => rest)
      if (seq === latestSave.current)
        setAnnouncement(t('grid.saved', { indicator: row.indicator.name, period }))
    } catch (error) {
      if (isApiProblem(error) && error.status === 409) {
        setConflict({
          indicator: row.indicator,
          period,
          mine: amount,
          theirs: (error.problem.current as Cell | null) ?? null,
        })
      } else if (isApiProblem(error)) {
        setErrors((e) => ({
          ...e,
          [k]: error.problem.errors?.[0]?.message ?? error.problem.detail ?? error.message,
        }))
      }
    }
  }

  function commit(row: GridRow, period: string) {
    const k = key(row.indicator.id, period)
    const text = drafts[k]
    if (text === undefined || text === savedText(row, period) || inFlight.current.get(k) === text) return
    const amount = parseAmountText(row.indicator.unit, text)
    if (amount === undefined) return
    if (amount === null) {
      setErrors((e) => ({ ...e, [k]: t('grid.invalid') }))
      return
    }
    inFlight.current.set(k, text)
    void save(row, period, cellOf(row, period)?.version, amount).finally(() => inFlight.current.delete(k))
  }

  function move(from: HTMLInputElement, rowDelta: number, columnDelta: number) {
    const r = Number(from.dataset.row) + rowDelta
    const c = Number(from.dataset.column) + columnDelta
    table.current?.querySelector<HTMLInputElement>(`input[data-row="${r}"][data-column="${c}"]`)?.focus()
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>, row: GridRow, period: string) {
    const input = event.currentTarget
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0
    const atEnd = input.selectionStart === input.value.length
    if (event.key === 'Enter') {
      event.preventDefault()
      commit(row, period)
      move(input, 1, 0)
    } else if (event.key === 'Escape') {
      setDrafts(({ [key(row.indicator.id, period)]: _dropped, ...rest }) => rest)
    } else if (event.key === 'ArrowDown') {
      event.preventDefault()
      move(input, 1, 0)
    } else if (event.key === 'ArrowUp') {
      event.preventDefault()
      move(input, -1, 0)
    } else if (event.key === 'ArrowLeft' && atStart) {
      event.preventDefault()
      move(input, 0, -1)
    } else if (event.key === 'ArrowRight' && atEnd) {
      event.preventDefault()
      move(input, 0, 1)
    }
  }

  return (
    <div className="indicator-grid">
      <div className="table-scroll">
        <table className="data-table data-table--compact" ref={table}>
          <caption className="data-table__caption">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('grid.indicator')}</th>
              <th scope="col">{t('grid.progress')}</th>
              {periods.map((p) => (
                <th key={p} scope="col" className="numeric">
                  {p}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={row.indicator.id}>
                <th scope="row">
                  {row.indicator.name}
                  <span className="indicator-grid__unit"> ({t(`units.${row.indicator.unit}`)})</span>
                </th>
                <td>
                  <span
                    className={`indicator-status indicator-status--${row.indicator.progress.status}`}
                    title={row.indicator.progress.explanation}
                  >
                    {t(`status.${row.indicator.progress.status}`)}
                  </span>
                </td>
                {periods.map((period, c) => {
                  const k = key(row.indicator.id, period)
                  const inRow = row.periods.includes(period)
                  const saved = cellOf(row, period)
                  if (!inRow) return <td key={period} />
                  if (!editable)
                    return (
                      <td key={period} className="numeric">
                        {saved ? formatQuantity(row.indicator.unit, saved, language) : ''}
                      </td>
                    )
                  const error = errors[k]
                  return (
                    <td key={period} className="indicator-grid__cell">
                      <input
                        className={`input indicator-grid__input${error ? ' input--invalid' : ''}`}
                        aria-label={t('grid.cellLabel', { indicator: row.indicator.name, period })}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${k}-error` : undefined}
                        inputMode={row.indicator.unit === 'percentage' ? 'text' : 'decimal'}
                        data-row={r}
                        data-column={c}
                        value={drafts[k] ?? savedText(row, period)}
                        onChange={(e) => setDrafts((d) => ({ ...d, [k]: e.target.value }))}
                        onBlur={() => commit(row, period)}
                        onKeyDown={(e) => onKeyDown(e, row, period)}
                      />
                      {error ? (
                        <span id={`${k}-error`} className="field__error">
                          {error}
                        </span>
                      ) : null}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {conflict ? (
        <div className="alert alert--warning" role="alert">
          <p className="alert__title">
            {t('grid.conflictTitle', { indicator: conflict.indicator.name, period: conflict.period })}
          </p>
          <p>
            {t('grid.conflictBody', {
              theirs: conflict.theirs
                ? formatQuantity(conflict.indicator.unit, conflict.theirs, language)
                : '–',
              mine: formatQuantity(conflict.indicator.unit, conflict.mine, language),
            })}
          </p>
          <div className="button-row">
            <Button
              size="small"
              onClick={() => {
                setDrafts(({ [key(conflict.indicator.id, conflict.period)]: _dropped, ...rest }) => rest)
                setConflict(null)
              }}
            >
              {t('grid.useTheirs')}
            </Button>
            <Button
              size="small"
              variant="secondary"
              onClick={() => {
                const row = rows.find((x) => x.indicator.id === conflict.indicator.id)
                setConflict(null)
                if (row) void save(row, conflict.period, conflict.theirs?.version, conflict.mine)
              }}
            >
              {t('grid.useMine')}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  )
}
