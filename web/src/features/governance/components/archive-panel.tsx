import { exportArchive } from '@lagesbild/shared/api/archive'
import { archiveRoles } from '@lagesbild/shared/domain/access'
import { useTranslation } from 'react-i18next'
import { buttonClass } from '../../../components/button'
import { DownloadLink } from '../../../components/download-link'
import { hasOrganisationRole, useCurrentUser } from '../../../lib/current-user'

/**
 * Delivery to the municipality's archive, beside the register it holds: the project shown, or each
 * organisation the user keeps the archive for. Shown only to the roles that may archive; building
 * the ZIP renders every report and takes a while, which the download link says while it works.
 */
export function ArchivePanel({ projectId }: { projectId?: string | undefined }) {
  const { t } = useTranslation('governance')
  const me = useCurrentUser()
  if (!hasOrganisationRole(me, archiveRoles)) return null
  const organisations = new Map(
    me.roles
      .filter((g) => (archiveRoles as readonly string[]).includes(g.role))
      .map((g) => [g.organisationId, g.organisationName]),
  )
  const links = projectId
    ? [{ key: projectId, href: `${exportArchive.url}?projectId=${projectId}`, label: t('archive.project') }]
    : [...organisations].map(([id, name]) => ({
        key: id,
        href: `${exportArchive.url}?organisationId=${id}`,
        label: t('archive.organisation', { name }),
      }))
  return (
    <section className="panel" aria-labelledby="archive-heading">
      <h2 id="archive-heading">{t('archive.title')}</h2>
      <p>{t('archive.intro')}</p>
      {links.map((link) => (
        <p key={link.key}>
          <DownloadLink className={buttonClass('secondary')} href={link.href}>
            {link.label}
          </DownloadLink>
        </p>
      ))}
    </section>
  )
}
