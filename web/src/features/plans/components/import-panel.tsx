import { type FormEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { ProblemAlert } from '../../../components/problem-alert'
import { TableScroll } from '../../../components/table-scroll'
import { fileToBase64, type ImportBody, useImportPlan, usePreviewImport } from '../api/import-plan'

const MAX_BYTES = 600_000

/** Preview first, then import all rows or none. */
export function ImportPanel({ projectId }: { projectId: string }) {
  const { t } = useTranslation('plans')
  const preview = usePreviewImport(projectId)
  const commit = useImportPlan(projectId)
  const input = useRef<HTMLInputElement>(null)
  const [body, setBody] = useState<ImportBody | null>(null)
  const [tooLarge, setTooLarge] = useState(false)

  const read = async (event: FormEvent) => {
    event.preventDefault()
    const file = input.current?.files?.[0]
    if (!file) return
    setTooLarge(file.size > MAX_BYTES)
    if (file.size > MAX_BYTES) return
    commit.reset()
    const next: ImportBody = {
      format: file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx',
      content: await fileToBase64(file),
      fileName: file.name,
    }
    setBody(next)
    preview.mutate(next)
  }

  const result = preview.data
  const changes = result ? result.summary.create + result.summary.update : 0

  return (
    <details className="plan-disclosure">
      <summary>{t('import.title')}</summary>
      <p className="muted small">{t('import.intro')}</p>
      <form className="inline-form" onSubmit={read}>
        <div className="inline-form__row">
          <div className="field">
            <label className="field__label" htmlFor="import-file">
              {t('import.file')}
            </label>
            <input ref={input} id="import-file" type="file" accept=".xlsx,.csv,text/csv" className="input" />
          </div>
          <Button type="submit" busy={preview.isPending} className="inline-form__submit">
            {preview.isPending ? t('import.previewing') : t('import.preview')}
          </Button>
        </div>
      </form>
      {tooLarge ? (
        <p className="alert alert--error" role="alert">
          {t('import.tooLarge')}
        </p>
      ) : null}
      <ProblemAlert error={preview.error} />
      <ProblemAlert error={commit.error} />
      {commit.data ? (
        <p className="alert alert--info" role="status">
          {t('import.done', commit.data)}
        </p>
      ) : null}
      {result && !commit.data ? (
        <div className="plan-import" aria-live="polite">
          <p>{t('import.summary', result.summary)}</p>
          {result.summary.error > 0 ? <p className="alert alert--warning">{t('import.hasErrors')}</p> : null}
          {changes === 0 && result.summary.error === 0 ? (
            <p className="muted">{t('import.nothingToDo')}</p>
          ) : null}
          <TableScroll>
            <table className="data-table data-table--compact">
              <caption className="visually-hidden">{t('import.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('import.row')}</th>
                  <th scope="col">{t('import.action')}</th>
                  <th scope="col">{t('plan.columns.number')}</th>
                  <th scope="col">{t('plan.columns.title')}</th>
                  <th scope="col">{t('import.changes')}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows
                  .filter((row) => row.action !== 'unchanged')
                  .map((row) => (
                    <tr key={row.row} className={row.action === 'error' ? 'plan-import__error' : undefined}>
                      <td className="numeric">{row.row}</td>
                      <td>{t(`import.actions.${row.action}`)}</td>
                      <td>{row.number ?? ''}</td>
                      <th scope="row">{row.title}</th>
                      <td>
                        {row.errors.length > 0 ? (
                          <ul className="plan-import__list">
                            {row.errors.map((error) => (
                              <li key={`${error.field}-${error.code}`}>
                                <strong>{error.field}</strong>: {error.message}
                              </li>
                            ))}
                          </ul>
                        ) : (
                          row.changes.map((change) => change.field).join(', ')
                        )}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableScroll>
          <div className="button-row">
            <Button
              variant="primary"
              disabled={!body || result.summary.error > 0 || changes === 0}
              busy={commit.isPending}
              onClick={() => body && commit.mutate(body)}
            >
              {commit.isPending ? t('import.committing') : t('import.commit', { count: changes })}
            </Button>
            <Button
              onClick={() => {
                preview.reset()
                setBody(null)
              }}
            >
              {t('import.cancel')}
            </Button>
          </div>
        </div>
      ) : null}
    </details>
  )
}
