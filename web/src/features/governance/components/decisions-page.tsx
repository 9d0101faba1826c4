import { decisionKinds } from '@lagesbild/shared/domain/governance'
import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, buttonClass } from '../../../components/button'
import { EmptyState } from '../../../components/empty-state'
import { Field } from '../../../components/field'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { decisionsExportUrl, parseDecisionSearch, useDecisions } from '../api/governance'
import { ArchivePanel } from './archive-panel'
import { DecisionTable } from './decision-table'
import './governance.css'
import { DownloadLink } from '../../../components/download-link'

export function DecisionsPage() {
  const { t } = useTranslation('governance')
  const search = useSearch({ from: '/authenticated/decisions' })
  const navigate = useNavigate({ from: '/decisions' })
  const decisions = useDecisions(search)
  const [kind, setKind] = useState<string>(search.kind ?? '')
  const [from, setFrom] = useState(search.from ?? '')
  const [to, setTo] = useState(search.to ?? '')
  const apply = (event: FormEvent) => {
    event.preventDefault()
    void navigate({
      search: parseDecisionSearch({
        kind,
        from,
        to,
        projectId: search.projectId,
        steeringGroupId: search.steeringGroupId,
      }),
    })
  }
  return (
    <>
      <PageHeader
        title={t('register.title')}
        description={<p>{t('register.intro')}</p>}
        actions={
          <DownloadLink className={buttonClass('secondary')} href={decisionsExportUrl(search)}>
            {t('register.export')}
          </DownloadLink>
        }
      />
      {search.projectId || search.steeringGroupId ? (
        <p className="panel">
          {search.projectId ? t('register.scopeProject') : t('register.scopeGroup')}{' '}
          <Link to="/decisions" search={parseDecisionSearch({ kind, from, to })}>
            {t('register.scopeAll')}
          </Link>
        </p>
      ) : null}
      <form className="panel filter-row" onSubmit={apply} aria-label={t('register.filters')}>
        <Select
          id="decision-kind"
          label={t('columns.kind')}
          emptyOption={t('register.allKinds')}
          options={decisionKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          width="medium"
        />
        <Field
          id="decision-from"
          type="date"
          label={t('register.from')}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          width="short"
        />
        <Field
          id="decision-to"
          type="date"
          label={t('register.to')}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          width="short"
        />
        <Button type="submit">{t('register.apply')}</Button>
      </form>
      {decisions.isPending ? <Loading /> : null}
      <ProblemAlert error={decisions.error} />
      {decisions.data && decisions.data.items.length === 0 ? (
        <EmptyState title={t('register.empty')} />
      ) : null}
      {decisions.data && decisions.data.items.length > 0 ? (
        <section className="panel">
          {decisions.data.truncated ? (
            <p className="muted">{t('register.truncated', { count: decisions.data.items.length })}</p>
          ) : null}
          <DecisionTable decisions={decisions.data.items} caption={t('register.caption')} />
        </section>
      ) : null}
      {search.steeringGroupId ? null : <ArchivePanel projectId={search.projectId} />}
    </>
  )
}
