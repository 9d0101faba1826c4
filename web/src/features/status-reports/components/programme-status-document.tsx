import { useTranslation } from 'react-i18next'

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
          <a href={`${base}.docx`} download>
            {t('programme.docx')}
          </a>
        </li>
        <li>
          <a href={`${base}.pdf`} download>
            {t('programme.pdf')}
          </a>
        </li>
      </ul>
    </section>
  )
}
