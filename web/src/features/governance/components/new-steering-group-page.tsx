import { steeringGroupKeeperRoles } from '@lagesbild/shared/domain/access'
import { Link, useNavigate } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Breadcrumbs } from '../../../components/breadcrumbs'
import { Button, buttonClass } from '../../../components/button'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { hasOrganisationRole, useCurrentUser } from '../../../lib/current-user'
import { withinOrganisations } from '../../../lib/organisation-options'
import { useOrganisationOptions } from '../../projects/api/get-organisation-options'
import { useCreateGroup } from '../api/governance'
import { useKeepingTranslation } from '../i18n-keeping'
import { GroupFields, type GroupValues } from './group-fields'
import './governance.css'

/** A new styrgrupp or ledningsgrupp, owned where the user keeps groups' records. */
export function NewSteeringGroupPage() {
  const { t } = useTranslation('governance')
  const { t: tc } = useTranslation('common')
  const { t: tk } = useKeepingTranslation()
  const me = useCurrentUser()
  const navigate = useNavigate()
  const organisations = useOrganisationOptions()
  const create = useCreateGroup()
  const keeperGrants = new Set(
    me.roles
      .filter((grant) => (steeringGroupKeeperRoles as readonly string[]).includes(grant.role))
      .map((grant) => grant.organisationId),
  )
  const owners = withinOrganisations(organisations.data ?? [], keeperGrants)
  const [ownerId, setOwnerId] = useState('')
  const [values, setValues] = useState<GroupValues>({
    name: '',
    kind: 'steering_group',
    description: '',
    organisationIds: [],
  })
  const title = tk('create.title')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate(
      {
        ownerOrganisationId: ownerId || owners[0]?.value || '',
        name: values.name,
        kind: values.kind,
        description: values.description,
        organisationIds: values.organisationIds,
      },
      {
        onSuccess: (group) =>
          navigate({
            to: '/steering-groups/$groupId',
            params: { groupId: group.id },
            state: { flash: tk('create.created') },
          }),
      },
    )
  }

  return (
    <>
      <PageHeader
        title={title}
        breadcrumbs={
          <Breadcrumbs label={t('groups.title')}>
            <li>
              <Link to="/steering-groups">{t('groups.title')}</Link>
            </li>
            <li aria-current="page">{title}</li>
          </Breadcrumbs>
        }
        description={<p>{tk('create.intro')}</p>}
      />
      {hasOrganisationRole(me, steeringGroupKeeperRoles) ? (
        <form className="form" onSubmit={submit}>
          <ProblemAlert error={create.error} />
          <div className="form-section">
            <Select
              id="group-owner"
              label={tk('create.owner')}
              hint={tk('create.ownerHint')}
              required
              options={owners}
              value={ownerId || owners[0]?.value || ''}
              onChange={(e) => setOwnerId(e.target.value)}
            />
            <GroupFields
              idPrefix="group"
              values={values}
              organisations={organisations.data ?? []}
              onChange={(patch) => setValues((current) => ({ ...current, ...patch }))}
            />
          </div>
          <div className="form__actions">
            <Button type="submit" variant="primary" busy={create.isPending}>
              {tk('create.submit')}
            </Button>
            <Link to="/steering-groups" className={buttonClass('quiet')}>
              {tc('actions.cancel')}
            </Link>
          </div>
        </form>
      ) : (
        <p>{tk('create.notAllowed')}</p>
      )}
    </>
  )
}
