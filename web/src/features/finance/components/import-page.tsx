import { importFields } from '@lagesbild/shared/api/finance-imports'
import { useSuspenseQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { type FormEvent, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, buttonClass } from '../../../components/button'
import { Checkbox } from '../../../components/checkbox'
import { type Column, DataTable } from '../../../components/data-table'
import { EmptyState } from '../../../components/empty-state'
import { Field } from '../../../components/field'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { formatAmount, formatTimestamp } from '../../../lib/format'
import {
  type FinanceImport,
  financeOrganisationsQueryOptions,
  type ImportSettings,
  type ImportSummary,
  sampleUrl,
  useImport,
  useImportErrors,
  useImportHistory,
  useImportStep,
  useUpload,
} from '../api/imports'
import './finance.css'

export function ImportPage() {
  const { t } = useTranslation('finance')
  const { data: organisations } = useSuspenseQuery(financeOrganisationsQueryOptions())
  const [organisationId, setOrganisationId] = useState(organisations.items[0]?.id ?? '')
  const [importId, setImportId] = useState<string | null>(null)

  return (
    <div className="finance">
      <PageHeader
        title={t('import.title')}
        description={<p>{t('import.intro')}</p>}
        actions={
          <Link to="/finance/settings" className={buttonClass('secondary')}>
            {t('settings.link')}
          </Link>
        }
      />
      {organisations.items.length === 0 ? (
        <EmptyState title={t('import.noOrganisations')} />
      ) : (
        <>
          <UploadStep
            organisations={organisations.items}
            organisationId={organisationId}
            onOrganisation={(id) => {
              setOrganisationId(id)
              setImportId(null)
            }}
            onUploaded={setImportId}
          />
          {importId ? <ImportFlow importId={importId} onNew={() => setImportId(null)} /> : null}
          <ImportHistory organisationId={organisationId} onOpen={setImportId} />
        </>
      )}
    </div>
  )
}

function UploadStep({
  organisations,
  organisationId,
  onOrganisation,
  onUploaded,
}: {
  organisations: { id: string; name: string }[]
  organisationId: string
  onOrganisation: (id: string) => void
  onUploaded: (id: string) => void
}) {
  const { t } = useTranslation('finance')
  const upload = useUpload()
  const [file, setFile] = useState<File | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!file) return
    upload.mutate({ organisationId, file }, { onSuccess: (created) => onUploaded(created.id) })
  }
  return (
    <section className="panel" aria-labelledby="upload-title">
      <h2 id="upload-title">
        <span className="muted small">{t('import.step', { n: 1 })}</span> {t('import.newImport')}
      </h2>
      <form className="form" onSubmit={submit} noValidate>
        <div className="inline-form__row">
          <Select
            id="import-organisation"
            label={t('import.organisation')}
            width="medium"
            value={organisationId}
            onChange={(e) => onOrganisation(e.target.value)}
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
          <Field
            id="import-file"
            type="file"
            label={t('import.file')}
            hint={t('import.fileHint')}
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            error={upload.error?.fieldError('file')}
          />
        </div>
        {upload.error && !upload.error.fieldErrors.length ? <ProblemAlert error={upload.error} /> : null}
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={upload.isPending} disabled={!file}>
            {t('import.upload')}
          </Button>
          <span role="status" className="muted small">
            {upload.isPending ? t('import.uploading') : ''}
          </span>
        </div>
        <p className="small">
          {t('import.samples')} <a href={sampleUrl('clean')}>{t('import.sample')}</a> ·{' '}
          <a href={sampleUrl('broken')}>{t('import.sampleBroken')}</a>
        </p>
      </form>
    </section>
  )
}

function ImportFlow({ importId, onNew }: { importId: string; onNew: () => void }) {
  const step = useImportStep()
  // While the commit request runs, progress comes from the database through polling.
  const query = useImport(importId, step.isPending && step.variables?.kind === 'commit')
  if (query.isError) return <ProblemAlert error={query.error} />
  if (!query.data) return <Loading />
  return <ImportSteps imported={query.data} step={step} onNew={onNew} />
}

function ImportSteps({
  imported,
  step,
  onNew,
}: {
  imported: FinanceImport
  step: ReturnType<typeof useImportStep>
  onNew: () => void
}) {
  const { t } = useTranslation('finance')
  const [settings, setSettings] = useState<ImportSettings>(imported.settings)
  const [remember, setRemember] = useState(true)
  useEffect(() => setSettings(imported.settings), [imported.settings])
  const errors = useImportErrors(imported.id, imported.status === 'invalid')
  const headers = imported.preview.headers
  const fieldError = (field: string) => step.error?.fieldError(field)
  const busy = step.isPending || imported.status === 'committing'
  const editable = ['uploaded', 'validated', 'invalid', 'failed'].includes(imported.status)

  const applySettings = (event: FormEvent) => {
    event.preventDefault()
    step.mutate({ kind: 'settings', importId: imported.id, version: imported.version, settings, remember })
  }

  type PreviewRow = FinanceImport['preview']['rows'][number]
  const previewColumns: Column<PreviewRow>[] = [
    { key: 'row', header: t('import.row'), rowHeader: true, cell: (r) => r.rowNumber },
    ...headers.map((h, i) => ({ key: `c${i}`, header: h || '–', cell: (r: PreviewRow) => r.cells[i] ?? '' })),
    { key: 'project', header: t('import.project'), cell: (r) => r.parsed?.project?.name ?? '–' },
    {
      key: 'problems',
      header: t('import.problems'),
      cell: (r) => (r.errors.length === 0 ? t('import.ok') : r.errors.map((e) => e.message).join(' ')),
    },
  ]

  return (
    <>
      <section className="panel" aria-labelledby="settings-title">
        <h2 id="settings-title">
          <span className="muted small">{t('import.step', { n: 2 })}</span> {t('import.detected')}:{' '}
          {imported.fileName}
        </h2>
        {imported.mappingFromProfile ? (
          <p className="alert alert--info">{t('import.mappingFromProfile')}</p>
        ) : null}
        <form className="form" onSubmit={applySettings} noValidate>
          <div className="inline-form__row">
            <Select
              id="import-encoding"
              label={t('import.encoding')}
              width="medium"
              value={settings.encoding}
              disabled={!editable || imported.format === 'xlsx'}
              onChange={(e) =>
                setSettings({ ...settings, encoding: e.target.value === 'utf-8' ? 'utf-8' : 'windows-1252' })
              }
              options={[
                { value: 'utf-8', label: 'UTF-8' },
                { value: 'windows-1252', label: 'Windows-1252' },
              ]}
            />
            <Select
              id="import-delimiter"
              label={t('import.delimiter')}
              width="medium"
              value={settings.delimiter}
              disabled={!editable || imported.format === 'xlsx'}
              onChange={(e) => {
                const value = e.target.value
                setSettings({ ...settings, delimiter: value === ',' ? ',' : value === '\t' ? '\t' : ';' })
              }}
              options={[
                { value: ';', label: t('import.delimiters.semicolon') },
                { value: ',', label: t('import.delimiters.comma') },
                { value: '\t', label: t('import.delimiters.tab') },
              ]}
            />
            <Field
              id="import-header-row"
              type="number"
              min={1}
              max={100}
              width="short"
              label={t('import.headerRow')}
              value={settings.headerRow}
              disabled={!editable}
              onChange={(e) =>
                setSettings({ ...settings, headerRow: Math.max(1, Number(e.target.value) || 1) })
              }
              error={fieldError('settings.headerRow')}
            />
          </div>
          <fieldset className="form-section">
            <legend>{t('import.mappingTitle')}</legend>
            <p className="form-section__note">{t('import.mappingHint')}</p>
            <div className="import-mapping">
              {importFields.map((field) => (
                <Select
                  key={field}
                  id={`import-map-${field}`}
                  label={t(`import.field.${field}`)}
                  width="full"
                  emptyOption={t('import.noColumn')}
                  value={settings.mapping[field] ?? ''}
                  disabled={!editable}
                  onChange={(e) =>
                    setSettings({
                      ...settings,
                      mapping: { ...settings.mapping, [field]: e.target.value || null },
                    })
                  }
                  options={headers.filter(Boolean).map((h) => ({ value: h, label: h }))}
                  error={fieldError(`settings.mapping.${field}`)}
                />
              ))}
            </div>
            <Checkbox
              id="import-remember"
              label={t('import.remember')}
              checked={remember}
              onChange={(e) => setRemember(e.target.checked)}
            />
          </fieldset>
          {step.error && !step.error.fieldErrors.length ? <ProblemAlert error={step.error} /> : null}
          {editable ? (
            <div className="form__actions">
              <Button type="submit" busy={step.isPending && step.variables?.kind === 'settings'}>
                {t('import.apply')}
              </Button>
            </div>
          ) : null}
        </form>
        <h3>{t('import.preview')}</h3>
        <DataTable
          caption={t('import.previewCaption')}
          captionHidden={false}
          columns={previewColumns}
          rows={imported.preview.rows}
          rowKey={(r) => String(r.rowNumber)}
        />
      </section>

      <section className="panel" aria-labelledby="validate-title" aria-live="polite">
        <h2 id="validate-title">
          <span className="muted small">{t('import.step', { n: 3 })}</span> {t('import.validate')}
        </h2>
        {step.isPending && step.variables?.kind === 'validate' ? <p>{t('import.validating')}</p> : null}
        {imported.status === 'validated' || imported.status === 'committed' ? (
          <p className="alert alert--info">
            {t('import.validated', {
              count: imported.counts.valid ?? 0,
              amount: formatAmount(imported.amountTotalOre ?? 0),
            })}
          </p>
        ) : null}
        {imported.status === 'invalid' ? (
          <>
            <p className="alert alert--error">
              {t('import.invalid', {
                invalid: imported.counts.invalid ?? 0,
                total: imported.counts.total ?? 0,
              })}
            </p>
            {errors.data ? (
              <DataTable
                caption={t('import.errorsCaption')}
                captionHidden={false}
                rows={errors.data.items}
                rowKey={(e) => `${e.rowNumber}|${e.column}|${e.code}`}
                columns={[
                  { key: 'row', header: t('import.row'), rowHeader: true, cell: (e) => e.rowNumber },
                  { key: 'column', header: t('import.column'), cell: (e) => e.column ?? '–' },
                  { key: 'value', header: t('import.value'), cell: (e) => e.value ?? '' },
                  { key: 'reason', header: t('import.reason'), cell: (e) => e.message },
                ]}
              />
            ) : null}
          </>
        ) : null}
        {editable ? (
          <Button
            busy={step.isPending && step.variables?.kind === 'validate'}
            onClick={() => step.mutate({ kind: 'validate', importId: imported.id })}
          >
            {t('import.validate')}
          </Button>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="commit-title" aria-live="polite">
        <h2 id="commit-title">
          <span className="muted small">{t('import.step', { n: 4 })}</span> {t('import.commitTitle')}
        </h2>
        {imported.status === 'committing' ? (
          <>
            <p>{t('import.committing', { done: imported.counts.done, total: imported.counts.valid ?? 0 })}</p>
            <progress
              aria-label={t('import.commitTitle')}
              className="import-progress"
              max={imported.counts.valid ?? 1}
              value={imported.counts.done}
            />
          </>
        ) : null}
        {imported.status === 'committed' ? (
          <p className="alert alert--info">
            {t('import.committed', {
              inserted: imported.counts.inserted ?? 0,
              duplicate: imported.counts.duplicate ?? 0,
            })}
          </p>
        ) : null}
        {imported.status === 'failed' ? <p className="alert alert--error">{t('import.failed')}</p> : null}
        {imported.status === 'validated' ? (
          <Button
            variant="primary"
            busy={busy}
            onClick={() => step.mutate({ kind: 'commit', importId: imported.id })}
          >
            {t('import.commit', { count: imported.counts.valid ?? 0 })}
          </Button>
        ) : null}
        {imported.status === 'committed' ? <Button onClick={onNew}>{t('import.newImport')}</Button> : null}
      </section>
    </>
  )
}

function ImportHistory({ organisationId, onOpen }: { organisationId: string; onOpen: (id: string) => void }) {
  const { t } = useTranslation('finance')
  const history = useImportHistory(organisationId)
  const step = useImportStep()
  const columns: Column<ImportSummary>[] = [
    {
      key: 'when',
      header: t('import.when'),
      cell: (i) => <span className="nowrap">{formatTimestamp(i.createdAt)}</span>,
    },
    {
      key: 'file',
      header: t('import.fileName'),
      rowHeader: true,
      cell: (i) => (
        <Button variant="quiet" size="small" onClick={() => onOpen(i.id)}>
          {i.fileName}
        </Button>
      ),
    },
    { key: 'who', header: t('import.who'), cell: (i) => i.createdBy.name },
    { key: 'rows', header: t('import.rows'), className: 'numeric', cell: (i) => i.counts.total ?? '–' },
    {
      key: 'inserted',
      header: t('import.inserted'),
      className: 'numeric',
      cell: (i) => i.counts.inserted ?? '–',
    },
    {
      key: 'duplicates',
      header: t('import.duplicates'),
      className: 'numeric',
      cell: (i) => i.counts.duplicate ?? '–',
    },
    {
      key: 'status',
      header: t('import.statusLabel'),
      cell: (i) =>
        i.rollback
          ? t('import.rolledBack', { date: i.rollback.at.slice(0, 10), rows: i.rollback.rowsRemoved })
          : t(`import.state.${i.status}`),
    },
    {
      key: 'actions',
      header: <span className="visually-hidden">{t('import.rollback')}</span>,
      cell: (i) =>
        i.status === 'committed' && !i.rollback ? (
          <Button
            size="small"
            variant="danger"
            onClick={() => {
              if (window.confirm(t('import.rollbackConfirm', { file: i.fileName })))
                step.mutate({ kind: 'rollback', importId: i.id })
            }}
          >
            {t('import.rollback')}
          </Button>
        ) : null,
    },
  ]
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">{t('import.history')}</h2>
      <ProblemAlert error={step.error} />
      {!history.data ? (
        <Loading />
      ) : (
        <DataTable
          caption={t('import.historyCaption')}
          columns={columns}
          rows={history.data.items}
          rowKey={(i) => i.id}
        />
      )}
    </section>
  )
}
