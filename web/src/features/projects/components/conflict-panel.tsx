import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { TableScroll } from '../../../components/table-scroll'
import { formatTimestamp } from '../../../lib/format'
import { useProgrammeOptions } from '../api/get-programme-options'
import type { Project } from '../api/get-project'
import {
  differingFields,
  type EditableField,
  fieldLabelKeys,
  normalised,
  type ProjectFormValues,
  valuesFromProject,
} from './project-form'

export interface ConflictPanelProps {
  /** The project as saved by someone else, from the 409 problem's `current`. */
  current: Project
  /** What the user has typed. */
  values: ProjectFormValues
  /** What the user started from, to tell their changes from the other person's. */
  base: ProjectFormValues
  busy: boolean
  onUseMine: () => void
  onReload: () => void
}

/** Shown on 409: the other person's version next to yours, field by field. */
export function ConflictPanel({ current, values, base, busy, onUseMine, onReload }: ConflictPanelProps) {
  const { t } = useTranslation('projects')
  const { t: tc } = useTranslation('common')
  const programmes = useProgrammeOptions()
  const heading = useRef<HTMLHeadingElement>(null)
  const saved = valuesFromProject(current)
  const fields = differingFields(values, saved)

  useEffect(() => {
    heading.current?.focus()
  }, [])

  const show = (field: EditableField, formValues: ProjectFormValues) => {
    const value = normalised(formValues, field)
    if (!value) return tc('emptyValue')
    if (field === 'programmeId') {
      if (current.programme?.id === value) return current.programme.name
      return programmes.data?.find((option) => option.value === value)?.label ?? value
    }
    return value
  }

  return (
    <section className="conflict" role="alert" aria-labelledby="conflict-title">
      <h2 id="conflict-title" ref={heading} tabIndex={-1}>
        {t('conflict.title')}
      </h2>
      <p>{t('conflict.intro', { time: formatTimestamp(current.updatedAt) })}</p>
      {fields.length === 0 ? (
        <p>{t('conflict.noDifferences')}</p>
      ) : (
        <TableScroll>
          <table className="data-table data-table--compact conflict__table">
            <caption className="visually-hidden">{t('conflict.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('conflict.field')}</th>
                <th scope="col">{t('conflict.yours')}</th>
                <th scope="col">{t('conflict.theirs')}</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((field) => {
                const changedByYou = normalised(values, field) !== normalised(base, field)
                return (
                  <tr key={field}>
                    <th scope="row">{t(fieldLabelKeys[field])}</th>
                    <td className="conflict__value">
                      {show(field, values)}
                      {changedByYou ? null : (
                        <span className="conflict__note">{t('conflict.notChangedByYou')}</span>
                      )}
                    </td>
                    <td className="conflict__value">{show(field, saved)}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div className="button-row">
        <Button variant="primary" onClick={onUseMine} busy={busy}>
          {t('conflict.useMine')}
        </Button>
        <Button onClick={onReload} disabled={busy}>
          {t('conflict.reload')}
        </Button>
      </div>
      <p className="muted small">{t('conflict.reloadHint')}</p>
    </section>
  )
}
