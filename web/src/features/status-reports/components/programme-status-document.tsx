import { useTranslation } from 'react-i18next'
import { DownloadLink } from '../../../components/download-link'

/** Links to the committee's status report of a programme, built by the server's document pipeline. */
export function ProgrammeStatusDocument({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation('statusReports')
  const base = `/api/programmes/${encodeURIComponent(programmeId)}/status-report`
  return (
    <section aria-labelledby="programme-status-document-title" className="panel">
      <h2 id="programme-status-document-title">{t('programme.title')}</h2>
      <p className="muted">{t('programme.intro')}</p>
      <ul>
        <li>
          <DownloadLink href={`${base}.docx`}>{t('programme.docx')}</DownloadLink>
        </li>
        <li>
          <DownloadLink href={`${base}.pdf`}>{t('programme.pdf')}</DownloadLink>
        </li>
      </ul>
    </section>
  )
}
