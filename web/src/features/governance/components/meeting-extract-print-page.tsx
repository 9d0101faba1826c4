import { useSuspenseQuery } from '@tanstack/react-query'
import { Link, useParams } from '@tanstack/react-router'
import { Button, buttonClass } from '../../../components/button'
import { DocumentView } from '../../../components/document-view'
import { DownloadLink } from '../../../components/download-link'
import { useDocumentTitle } from '../../../lib/use-document-title'
import { meetingExtractFileUrl, meetingExtractQueryOptions } from '../api/governance'
import { useKeepingTranslation } from '../i18n-keeping'
import './governance.css'

/** Protokollsutdrag as it prints: the same document model as the PDF and Word files, without the app around it. */
export function MeetingExtractPrintPage() {
  const { t, i18n } = useKeepingTranslation()
  const { meetingId } = useParams({ from: '/print/meeting-extract/$meetingId' })
  const { data: model } = useSuspenseQuery(meetingExtractQueryOptions(meetingId, i18n.language || 'sv'))
  useDocumentTitle(`${model.cover.title} – ${model.cover.subject}`)
  return (
    <div className="print-page">
      <div className="print-page__toolbar" role="toolbar" aria-label={t('extract.toolbar')}>
        <Link to="/meetings/$meetingId" params={{ meetingId }} className={buttonClass('quiet')}>
          {t('extract.back')}
        </Link>
        <DownloadLink className={buttonClass('secondary')} href={meetingExtractFileUrl(meetingId, 'pdf')}>
          {t('meeting.downloadPdf')}
        </DownloadLink>
        <Button variant="primary" onClick={() => window.print()}>
          {t('extract.print')}
        </Button>
      </div>
      <main>
        <DocumentView model={model} />
      </main>
    </div>
  )
}
