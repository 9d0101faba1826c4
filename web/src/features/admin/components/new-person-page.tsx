import { Link, useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { Breadcrumbs } from '../../../components/breadcrumbs'
import { buttonClass } from '../../../components/button'
import { PageHeader } from '../../../components/page-header'
import { useAdministeredOrganisations } from '../api/organisations'
import { useCreatePerson } from '../api/people'
import { AdminNav } from './admin-nav'
import { PersonForm } from './person-form'
import './admin.css'

/** Register a member of staff; on success, their page. */
export function NewPersonPage() {
  const { t } = useTranslation('admin')
  const { t: tc } = useTranslation('common')
  const organisations = useAdministeredOrganisations()
  const create = useCreatePerson()
  const navigate = useNavigate()
  return (
    <>
      <AdminNav />
      <PageHeader
        title={t('person.newTitle')}
        description={<p>{t('person.newIntro')}</p>}
        breadcrumbs={
          <Breadcrumbs label={t('nav.label')}>
            <li>
              <Link to="/admin/people">{t('people.title')}</Link>
            </li>
          </Breadcrumbs>
        }
      />
      <section className="panel">
        <PersonForm
          idPrefix="person"
          initial={{ name: '', title: '', email: '', organisationId: '' }}
          organisations={organisations.options}
          error={create.error}
          busy={create.isPending}
          submitLabel={t('person.create')}
          onSubmit={(values) =>
            create.mutate(
              {
                name: values.name.trim(),
                title: values.title.trim() || null,
                email: values.email.trim() || null,
                organisationId: values.organisationId,
              },
              {
                onSuccess: (person) =>
                  void navigate({ to: '/admin/people/$personId', params: { personId: person.id } }),
              },
            )
          }
        >
          <Link to="/admin/people" className={buttonClass('quiet')}>
            {tc('actions.cancel')}
          </Link>
        </PersonForm>
      </section>
    </>
  )
}
