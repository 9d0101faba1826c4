import { hasNarrative } from '@lagesbild/shared/domain/report-template'
import { type EditorDoc, editorDocIsEmpty, editorDocToBlocks } from '@lagesbild/shared/domain/rich-text'
import { Link, useParams } from '@tanstack/react-router'
import { type FormEvent, useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, buttonClass } from '../../../components/button'
import { DocumentBlocks } from '../../../components/document-view'
import { FactList } from '../../../components/fact-list'
import { Field } from '../../../components/field'
import { ProblemAlert } from '../../../components/problem-alert'
import { formatDate, formatTimestamp } from '../../../lib/format'
import { currentLanguage } from '../../../lib/i18n'
import {
  documentUrl,
  type FinalReport,
  type FinalReportSection,
  useFinalReport,
} from '../api/get-final-report'
import { useSubmitFinalReport } from '../api/submit-final-report'
import { useUpdateFinalReport } from '../api/update-final-report'
import { ReportStatusBadge } from './report-status-badge'
import { SectionEditor } from './section-editor'
import { useProjectPermissions } from './use-project-permissions'
import './reports.css'
import { DownloadLink } from '../../../components/download-link'

/** One final report (or addendum): every section with its guidance, generated part and text. */
export function FinalReportPage() {
  const { t } = useTranslation('reports')
  const { projectId, reportId } = useParams({
    from: '/authenticated/projects/$projectId/final-report/$reportId',
  })
  const { data: report } = useFinalReport(projectId, reportId)
  const permissions = useProjectPermissions(projectId)
  const editable = report.status === 'draft' && permissions.includes('project:edit')
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set())
  const onPendingChange = useCallback((key: string, isPending: boolean) => {
    setPending((current) => {
      if (current.has(key) === isPending) return current
      const next = new Set(current)
      if (isPending) next.add(key)
      else next.delete(key)
      return next
    })
  }, [])
  const language = currentLanguage()

  return (
    <article className="final-report" aria-labelledby="final-report-title">
      <div className="final-report__header">
        <h2 id="final-report-title">
          {t(`report.title.${report.kind}`)} <ReportStatusBadge status={report.status} />
        </h2>
        <ReportFacts report={report} />
        <StatusNotice report={report} />
        <div className="final-report__downloads">
          <DownloadLink
            className={buttonClass('secondary', 'small')}
            href={documentUrl(projectId, reportId, 'docx')}
          >
            {t('report.downloadDocx')}
          </DownloadLink>
          <DownloadLink
            className={buttonClass('secondary', 'small')}
            href={documentUrl(projectId, reportId, 'pdf')}
          >
            {t('report.downloadPdf')}
          </DownloadLink>
          <Link
            className={buttonClass('secondary', 'small')}
            to="/print/final-report/$projectId/$reportId"
            params={{ projectId, reportId }}
          >
            {t('report.printView')}
          </Link>
        </div>
        {editable ? <ReportDetailsForm report={report} /> : null}
      </div>

      <nav className="final-report__contents" aria-labelledby="report-contents-title">
        <h3 id="report-contents-title">{t('report.contents')}</h3>
        <ol>
          {report.sections.map((section) => (
            <li key={section.key}>
              <a href={`#section-${section.key}`}>{section.heading[language] || section.heading.sv}</a>
            </li>
          ))}
        </ol>
      </nav>

      <div className="final-report__sections">
        {report.sections.map((section) => (
          <SectionCard
            key={section.key}
            projectId={projectId}
            reportId={reportId}
            section={section}
            editable={editable}
            onPendingChange={onPendingChange}
          />
        ))}
      </div>

      {editable ? <SubmitPanel report={report} blocked={pending.size > 0} /> : null}
    </article>
  )
}

function ReportFacts({ report }: { report: FinalReport }) {
  const { t } = useTranslation('reports')
  const { t: tc } = useTranslation('common')
  const facts = [
    { key: 'date', term: t('report.date'), value: formatDate(report.reportDate) },
    {
      key: 'diaryNumber',
      term: t('report.diaryNumber'),
      value:
        report.diaryNumber ??
        (report.status === 'draft' ? t('report.noDiaryNumber') : t('report.noDiaryNumberSubmitted')),
    },
    { key: 'authors', term: t('report.authors'), value: report.authors || tc('notSet') },
    {
      key: 'template',
      term: t('report.template'),
      value: t('list.templateVersion', {
        name: report.template.name,
        version: report.template.versionNumber,
      }),
    },
    ...(report.submittedAt
      ? [{ key: 'submitted', term: t('report.submittedAt'), value: formatTimestamp(report.submittedAt) }]
      : []),
    ...(report.outcome?.comment
      ? [{ key: 'outcome', term: t('report.outcome'), value: report.outcome.comment }]
      : []),
  ]
  return <FactList facts={facts} />
}

function StatusNotice({ report }: { report: FinalReport }) {
  const { t } = useTranslation('reports')
  if (report.status === 'draft') return null
  const date = report.outcome ? formatTimestamp(report.outcome.decidedAt).slice(0, 10) : ''
  return (
    <div className="alert alert--info" role="status">
      <p>{t('report.frozen')}</p>
      {report.status === 'approved' ? <p>{t('report.approved', { date })}</p> : null}
      {report.status === 'returned' ? <p>{t('report.returned', { date })}</p> : null}
    </div>
  )
}

function ReportDetailsForm({ report }: { report: FinalReport }) {
  const { t } = useTranslation('reports')
  const update = useUpdateFinalReport(report.projectId, report.id)
  const [reportDate, setReportDate] = useState(report.reportDate)
  const [authors, setAuthors] = useState(report.authors)
  const [saved, setSaved] = useState(false)
  const dateError = update.error?.fieldError('reportDate')

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setSaved(false)
    update.mutate({ version: report.version, reportDate, authors }, { onSuccess: () => setSaved(true) })
  }

  return (
    <form className="inline-form final-report__details" onSubmit={submit} noValidate>
      <div className="inline-form__row">
        <Field
          id="report-date"
          label={t('report.date')}
          type="date"
          value={reportDate}
          onChange={(event) => setReportDate(event.target.value)}
          error={dateError}
          width="short"
        />
        <Field
          id="report-authors"
          label={t('report.authors')}
          hint={t('report.authorsHint')}
          value={authors}
          onChange={(event) => setAuthors(event.target.value)}
          maxLength={500}
        />
        <div className="inline-form__submit">
          <Button type="submit" busy={update.isPending}>
            {t('report.saveDetails')}
          </Button>
        </div>
      </div>
      {update.isError && !dateError ? <ProblemAlert error={update.error} /> : null}
      {saved ? (
        <p className="muted small" role="status">
          {t('report.detailsSaved')}
        </p>
      ) : null}
    </form>
  )
}

interface SectionCardProps {
  projectId: string
  reportId: string
  section: FinalReportSection
  editable: boolean
  onPendingChange: (key: string, pending: boolean) => void
}

function SectionCard({ projectId, reportId, section, editable, onPendingChange }: SectionCardProps) {
  const { t } = useTranslation('reports')
  const language = currentLanguage()
  const headingId = `section-${section.key}`
  const guidanceId = `guidance-${section.key}`
  const content = section.content as EditorDoc | null
  const writable = hasNarrative(section.kind)

  return (
    <section className="report-section panel" aria-labelledby={headingId}>
      <h3 id={headingId} tabIndex={-1}>
        {section.heading[language] || section.heading.sv}
      </h3>
      <div className="report-section__layout">
        <div className="report-section__main">
          {section.kind !== 'narrative' ? (
            <div className="report-section__generated">
              <p className="report-section__label">{t('section.generated')}</p>
              <DocumentBlocks blocks={section.generated} baseLevel={4} />
              {editable ? <p className="muted small">{t('section.generatedHint')}</p> : null}
            </div>
          ) : null}
          {writable ? (
            <div className="report-section__narrative">
              {section.kind === 'both' ? (
                <p className="report-section__label">{t('section.yourText')}</p>
              ) : null}
              {editable ? (
                <>
                  <p className="report-section__reminder small">{t('section.personalData')}</p>
                  <SectionEditor
                    projectId={projectId}
                    reportId={reportId}
                    section={section}
                    headingId={headingId}
                    guidanceId={guidanceId}
                    onPendingChange={onPendingChange}
                  />
                </>
              ) : content && !editorDocIsEmpty(content) ? (
                <div className="report-section__text">
                  <DocumentBlocks blocks={editorDocToBlocks(content)} baseLevel={4} />
                </div>
              ) : (
                <p className="muted">{t('section.noText')}</p>
              )}
            </div>
          ) : null}
        </div>
        {/* Named with the section's heading too: every section has one, and landmarks need unique names. */}
        <aside className="report-section__guidance" aria-labelledby={`${guidanceId}-title ${headingId}`}>
          <h4 id={`${guidanceId}-title`}>{t('section.guidance')}</h4>
          <p id={guidanceId}>{section.guidance[language] || section.guidance.sv}</p>
        </aside>
      </div>
    </section>
  )
}

function SubmitPanel({ report, blocked }: { report: FinalReport; blocked: boolean }) {
  const { t } = useTranslation('reports')
  const { t: tc } = useTranslation('common')
  const submit = useSubmitFinalReport(report.projectId, report.id)
  const [confirming, setConfirming] = useState(false)
  return (
    <section className="panel final-report__submit" aria-labelledby="submit-title">
      <h3 id="submit-title">{t('report.submitTitle')}</h3>
      <p>{t('report.submitIntro')}</p>
      {submit.isError ? <ProblemAlert error={submit.error} /> : null}
      {blocked ? (
        <p className="muted small" role="status">
          {t('report.waitForSaving')}
        </p>
      ) : null}
      {confirming ? (
        <div className="alert alert--warning" role="alert">
          <p className="alert__title">{t('report.submitCheck')}</p>
          <div className="button-row">
            <Button
              variant="primary"
              busy={submit.isPending}
              disabled={blocked}
              onClick={() => submit.mutate(report.version, { onSettled: () => setConfirming(false) })}
            >
              {submit.isPending ? t('report.submitting') : t('report.submitConfirm')}
            </Button>
            <Button variant="quiet" onClick={() => setConfirming(false)}>
              {tc('actions.cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="primary" disabled={blocked} onClick={() => setConfirming(true)}>
          {t('report.submit')}
        </Button>
      )}
    </section>
  )
}
