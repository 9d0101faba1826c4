import {
  type DatePrecision,
  datePrecisions,
  formatPreciseDate,
} from '@lagesbild/shared/domain/date-precision'
import { lifecycleStatuses } from '@lagesbild/shared/domain/lifecycle'
import { useParams } from '@tanstack/react-router'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../../components/empty-state'
import { LoadMore } from '../../../components/load-more'
import { Loading } from '../../../components/loading'
import { ProblemAlert } from '../../../components/problem-alert'
import { TableScroll } from '../../../components/table-scroll'
import { formatTimestamp } from '../../../lib/format'
import { currentLanguage } from '../../../lib/i18n'
import { useProgrammeOptions } from '../api/get-programme-options'
import { type Project, useProject } from '../api/get-project'
import { type AuditEvent, useProjectHistory } from '../api/get-project-history'
import { useProjectMembers } from '../api/get-project-members'
import { sv } from '../i18n'

type FieldKey = keyof typeof sv.history.fields
type ActionKey = keyof typeof sv.history.action
type EntityKey = keyof typeof sv.history.entity

const has = <T extends object>(map: T, key: string): key is Extract<keyof T, string> =>
  Object.hasOwn(map, key)

const referenceFields = new Set(['parentId', 'programmeId', 'ownerOrganisationId', 'leaderPersonId'])

/** Names for the ids a change may mention, from what this page already knows. */
function useReferenceNames(project: Project): Map<string, string> {
  const programmes = useProgrammeOptions()
  const members = useProjectMembers(project.id)
  const names = new Map<string, string>()
  for (const option of programmes.data ?? []) names.set(option.value, option.label)
  for (const member of members.data?.items ?? []) names.set(member.user.id, member.user.name)
  names.set(project.ownerOrganisation.id, project.ownerOrganisation.name)
  if (project.programme) names.set(project.programme.id, project.programme.name)
  if (project.parent) names.set(project.parent.id, project.parent.name)
  for (const leader of project.leaders) names.set(leader.person.id, leader.person.name)
  return names
}

export function ProjectHistory() {
  const { t } = useTranslation('projects')
  const { projectId } = useParams({ from: '/authenticated/projects/$projectId/history' })
  const { data: project } = useProject(projectId)
  const history = useProjectHistory(projectId)
  const names = useReferenceNames(project)
  const events = history.data?.pages.flatMap((page) => page.items) ?? []

  return (
    <section aria-labelledby="history-title" className="panel">
      <h2 id="history-title">{t('history.title')}</h2>
      <p className="muted">{t('history.intro')}</p>
      {history.isError ? <ProblemAlert error={history.error} /> : null}
      {history.isPending ? (
        <Loading />
      ) : events.length === 0 ? (
        <EmptyState title={t('history.empty')} />
      ) : (
        <>
          <ol className="history">
            {events.map((event) => (
              <HistoryEvent key={event.id} event={event} names={names} />
            ))}
          </ol>
          <LoadMore
            shown={events.length}
            hasMore={history.hasNextPage}
            loading={history.isFetchingNextPage}
            onLoadMore={() => void history.fetchNextPage()}
          />
        </>
      )}
    </section>
  )
}

function HistoryEvent({ event, names }: { event: AuditEvent; names: Map<string, string> }) {
  const { t } = useTranslation('projects')
  const { t: tc } = useTranslation('common')
  const action: ActionKey = has(sv.history.action, event.action) ? event.action : 'other'
  const entity: EntityKey = has(sv.history.entity, event.entity) ? event.entity : 'other'
  const label =
    event.entityLabel ??
    (entity === 'project_member' ? (names.get(event.entityId) ?? t('history.unknownUser')) : null)
  const headingId = `history-event-${event.id}`
  // A new record lists its empty fields as null → ''; that is no change worth reading.
  const changes = event.changes
    .filter((change) => !(isEmpty(change.before) && isEmpty(change.after)))
    .sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field))

  return (
    <li className="history__event">
      <article aria-labelledby={headingId}>
        <header className="history__header">
          <h3 id={headingId} className="history__title">
            <span className={`history__action history__action--${action}`}>
              {t(`history.action.${action}`)}
            </span>{' '}
            <span className="history__entity">{t(`history.entity.${entity}`)}</span>
            {label ? <span className="history__label">{label}</span> : null}
          </h3>
          <p className="history__meta">
            <time dateTime={event.at}>{formatTimestamp(event.at)}</time>
            <span aria-hidden="true"> · </span>
            <span>{event.actor?.name ?? t('history.system')}</span>
          </p>
        </header>
        {changes.length === 0 ? (
          <p className="muted small">{t('history.noChanges')}</p>
        ) : (
          <TableScroll>
            <table className="data-table data-table--compact history__changes">
              <caption className="visually-hidden">{t('history.changesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('history.field')}</th>
                  <th scope="col">{t('history.before')}</th>
                  <th scope="col">{t('history.after')}</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((change) => (
                  <tr key={change.field}>
                    <th scope="row">{fieldLabel(change.field, t)}</th>
                    <td className="history__value history__value--before">
                      {formatValue(change.field, change.before, names, t, tc)}
                    </td>
                    <td className="history__value history__value--after">
                      {formatValue(change.field, change.after, names, t, tc)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </article>
    </li>
  )
}

const fieldOrderList: readonly string[] = Object.keys(sv.history.fields)

/** Fields in the order a person reads a project (name first), unknown ones last. */
const fieldOrder = (field: string) => {
  const index = fieldOrderList.indexOf(field)
  return index === -1 ? fieldOrderList.length : index
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === ''

function fieldLabel(field: string, t: TFunction<'projects'>): string {
  return has(sv.history.fields, field) ? t(`history.fields.${field as FieldKey}`) : field
}

/** Plan dates are recorded with their precision ("Våren 2016"). */
function isPreciseDate(value: unknown): value is { from: string; precision: DatePrecision } {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return typeof record.from === 'string' && datePrecisions.some((p) => p === record.precision)
}

function formatValue(
  field: string,
  value: unknown,
  names: Map<string, string>,
  t: TFunction<'projects'>,
  tc: TFunction<'common'>,
): string {
  if (isEmpty(value)) return tc('emptyValue')
  if (typeof value === 'boolean') return value ? tc('yes') : tc('no')
  if (typeof value === 'number') return String(value)
  if (isPreciseDate(value)) return formatPreciseDate(value, currentLanguage())
  if (typeof value === 'string') {
    if (field === 'status') {
      const status = lifecycleStatuses.find((s) => s === value)
      return status ? tc(`status.${status}`) : value
    }
    if (field === 'role' && (value === 'leader' || value === 'member')) return tc(`role.${value}`)
    if (referenceFields.has(field)) return names.get(value) ?? t('history.unknownValue')
    return value
  }
  return JSON.stringify(value)
}
