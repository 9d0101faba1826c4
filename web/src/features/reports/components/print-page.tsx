import { Link, useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { Button, buttonClass } from '../../../components/button'
import { DocumentView } from '../../../components/document-view'
import { useDocumentTitle } from '../../../lib/use-document-title'
import { useFinalReportDocument } from '../api/get-final-report-document'
import './reports.css'

/** The report as it prints: the same document model as the Word and PDF files, without the app around it. */
export function FinalReportPrintPage() {
  const { t } = useTranslation('reports')
  const { projectId, reportId } = useParams({ from: '/print/final-report/$projectId/$reportId' })
  const { data: model } = useFinalReportDocument(projectId, reportId)
  useDocumentTitle(`${model.cover.title} – ${model.cover.subject}`)
  return (
    <div className="print-page">
      <div className="print-page__toolbar" role="toolbar" aria-label={t('print.toolbar')}>
        <Link
          to="/projects/$projectId/final-report/$reportId"
          params={{ projectId, reportId }}
          className={buttonClass('quiet')}
        >
          {t('print.back')}
        </Link>
        <Button variant="primary" onClick={() => window.print()}>
          {t('print.print')}
        </Button>
      </div>
      <main>
        <DocumentView model={model} />
      </main>
    </div>
  )
}
