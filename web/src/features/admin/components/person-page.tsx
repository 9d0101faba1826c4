import { Link, useParams } from '@tanstack/react-router'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Breadcrumbs } from '../../../components/breadcrumbs'
import { Button, buttonClass } from '../../../components/button'
import { FactList } from '../../../components/fact-list'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { useAdministeredOrganisations } from '../api/organisations'
import { isPerson, type Person, usePerson, useUpdatePerson } from '../api/people'
import { useErasePerson } from '../api/privacy'
import { AdminNav } from './admin-nav'
import { ErasurePanel } from './erasure-panel'
import { PersonForm } from './person-form'
import './admin.css'

/** One staff record: facts, its accounts, editing, and data protection when it has no account. */
export function PersonPage() {
  const { t } = useTranslation('admin')
  const { personId } = useParams({ from: '/authenticated/admin/people/$personId' })
  const person = usePerson(personId)
  if (person.isPending) return <Loading />
  if (person.isError) return <ProblemAlert error={person.error} />
  const p = person.data
  return (
    <>
      <AdminNav />
      <PageHeader
        title={p.name}
        badge={
          p.erased ? <span className="status-badge status-badge--erased">{t('people.erased')}</span> : null
        }
        breadcrumbs={
          <Breadcrumbs label={t('nav.label')}>
            <li>
              <Link to="/admin/people">{t('people.title')}</Link>
            </li>
          </Breadcrumbs>
        }
      />
      <PersonFacts person={p} />
      {p.erased ? (
        <div className="alert alert--info">
          <p>{t('person.erasedNote')}</p>
        </div>
      ) : (
        <EditPanel person={p} />
      )}
      <PersonPrivacy person={p} />
    </>
  )
}

function PersonFacts({ person }: { person: Person }) {
  const { t } = useTranslation('admin')
  return (
    <FactList
      facts={[
        { key: 'title', term: t('person.facts.title'), value: person.title ?? '–' },
        { key: 'email', term: t('person.facts.email'), value: person.email ?? '–' },
        { key: 'org', term: t('person.facts.organisation'), value: person.organisation.name },
        {
          key: 'accounts',
          term: t('person.facts.accounts'),
          value:
            person.accounts.length === 0
              ? t('person.facts.none')
              : person.accounts.map((account, i) => (
                  <span key={account.id}>
                    {i > 0 ? ', ' : null}
                    <Link to="/admin/users/$userId" params={{ userId: account.id }}>
                      {account.name}
                    </Link>
                  </span>
                )),
        },
      ]}
    />
  )
}

function EditPanel({ person }: { person: Person }) {
  const { t } = useTranslation('admin')
  const { t: tc } = useTranslation('common')
  const update = useUpdatePerson(person.id)
  const organisations = useAdministeredOrganisations()
  const [editing, setEditing] = useState(false)
  const [conflict, setConflict] = useState(false)
  const [status, setStatus] = useState('')
  // The version the form was opened on: a save with it after someone else's save gets 409.
  const [base, setBase] = useState<Person>(person)
  const options = organisations.options.some((o) => o.value === base.organisation.id)
    ? organisations.options
    : [{ value: base.organisation.id, label: base.organisation.name }, ...organisations.options]

  // Closing the form gives focus back to the button that opened it, once that is rendered again.
  const returnFocus = useRef(false)
  function close() {
    setEditing(false)
    setConflict(false)
    update.reset()
    returnFocus.current = true
  }

  return (
    <section className="panel" aria-labelledby="person-edit-heading">
      <h2 id="person-edit-heading">{t('person.edit.title')}</h2>
      <p role="status" className="muted">
        {status}
      </p>
      {editing ? (
        <PersonForm
          key={base.version}
          idPrefix="person-edit"
          initial={{
            name: base.name,
            title: base.title ?? '',
            email: base.email ?? '',
            organisationId: base.organisation.id,
          }}
          organisations={options}
          error={conflict ? null : update.error}
          busy={update.isPending}
          submitLabel={tc('actions.save')}
          notice={
            conflict ? (
              <div className="alert alert--warning" role="alert">
                <p>{t('person.edit.conflict')}</p>
              </div>
            ) : null
          }
          onSubmit={(values) =>
            update.mutate(
              {
                version: base.version,
                name: values.name.trim(),
                title: values.title.trim() || null,
                email: values.email.trim() || null,
                ...(values.organisationId !== base.organisation.id
                  ? { organisationId: values.organisationId }
                  : {}),
              },
              {
                onSuccess: (saved) => {
                  setBase(saved)
                  setStatus(t('person.edit.saved'))
                  close()
                },
                onError: (error) => {
                  const current = error.status === 409 ? error.problem.current : undefined
                  if (isPerson(current)) {
                    setConflict(true)
                    setBase(current)
                  }
                },
              },
            )
          }
        >
          <Button variant="quiet" onClick={close}>
            {tc('actions.cancel')}
          </Button>
        </PersonForm>
      ) : (
        <Button
          id="person-edit-open"
          ref={(button) => {
            if (!button || !returnFocus.current) return
            returnFocus.current = false
            button.focus()
          }}
          onClick={() => {
            setBase(person)
            setStatus('')
            setEditing(true)
          }}
        >
          {t('person.edit.open')}
        </Button>
      )}
    </section>
  )
}

function PersonPrivacy({ person }: { person: Person }) {
  const { t } = useTranslation('admin')
  const erase = useErasePerson(person.id)
  if (person.accounts.length > 0) {
    return (
      <section className="panel" aria-labelledby="privacy-title">
        <h2 id="privacy-title">{t('user.privacy.title')}</h2>
        <p>{t('person.privacyByAccount')}</p>
        <ul>
          {person.accounts.map((account) => (
            <li key={account.id}>
              <Link to="/admin/users/$userId" params={{ userId: account.id }}>
                {account.name}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    )
  }
  return (
    <ErasurePanel
      name={person.name}
      erased={person.erased}
      erase={erase}
      intro={t('person.privacyIntro')}
      extractLink={
        <Link
          to="/admin/people/$personId/extract"
          params={{ personId: person.id }}
          className={buttonClass('secondary')}
        >
          {t('user.privacy.extract')}
        </Link>
      }
    />
  )
}
