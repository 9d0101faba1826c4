import { Link, useNavigate } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { type Column, DataTable } from '../../../components/data-table'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { useCurrentUser } from '../../../lib/current-user'
import { formatTimestamp } from '../../../lib/format'
import { useCreateReportTemplate } from '../api/create-report-template'
import { type ReportTemplateSummary, useReportTemplates } from '../api/get-report-templates'
import './reports.css'

/** The report templates an administrator can see and adapt. */
export function ReportTemplatesPage() {
  const { t } = useTranslation('reports')
  const { data } = useReportTemplates()
  const user = useCurrentUser()
  const adminOf = user.roles.filter((grant) => grant.role === 'administrator')

  const columns: Column<ReportTemplateSummary>[] = [
    {
      key: 'name',
      header: t('templates.name'),
      rowHeader: true,
      cell: (row) => (
        <Link to="/report-templates/$templateId" params={{ templateId: row.id }}>
          {row.name}
        </Link>
      ),
    },
    {
      key: 'organisation',
      header: t('templates.organisation'),
      cell: (row) => row.organisation?.name ?? t('templates.builtIn'),
    },
    { key: 'version', header: t('templates.version'), cell: (row) => row.version },
    { key: 'updated', header: t('templates.updated'), cell: (row) => formatTimestamp(row.updatedAt) },
  ]

  return (
    <div className="report-templates">
      <PageHeader title={t('templates.title')} description={<p>{t('templates.intro')}</p>} />
      <DataTable
        caption={t('templates.tableCaption')}
        columns={columns}
        rows={data.items}
        rowKey={(r) => r.id}
      />
      {adminOf.length > 0 ? (
        <CreateTemplateForm
          organisations={adminOf.map((g) => ({ value: g.organisationId, label: g.organisationName }))}
          taken={data.items.flatMap((i) => (i.organisation ? [i.organisation.id] : []))}
        />
      ) : null}
    </div>
  )
}

function CreateTemplateForm({
  organisations,
  taken,
}: {
  organisations: { value: string; label: string }[]
  taken: string[]
}) {
  const { t } = useTranslation('reports')
  const create = useCreateReportTemplate()
  const navigate = useNavigate()
  const options = organisations.filter((o) => !taken.includes(o.value))
  const [organisationId, setOrganisationId] = useState('')
  if (options.length === 0) return null

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!organisationId) return
    create.mutate(
      { organisationId },
      {
        onSuccess: (template) =>
          navigate({ to: '/report-templates/$templateId', params: { templateId: template.id } }),
      },
    )
  }

  return (
    <section className="panel" aria-labelledby="create-template-title">
      <h2 id="create-template-title">{t('templates.createTitle')}</h2>
      <p>{t('templates.createIntro')}</p>
      <form className="inline-form" onSubmit={submit} noValidate>
        <div className="inline-form__row">
          <Select
            id="template-organisation"
            label={t('templates.organisationField')}
            options={options}
            emptyOption={t('templates.chooseOrganisation')}
            value={organisationId}
            onChange={(event) => setOrganisationId(event.target.value)}
            required
          />
          <div className="inline-form__submit">
            <Button type="submit" variant="primary" busy={create.isPending} disabled={!organisationId}>
              {t('templates.create')}
            </Button>
          </div>
        </div>
        {create.isError ? <ProblemAlert error={create.error} /> : null}
      </form>
    </section>
  )
}
