import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { Field } from '../../../components/field'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import {
  type PortfolioSearch,
  useDeleteView,
  usePortfolioViews,
  useSaveView,
  useUpdateView,
} from '../api/portfolio'

interface Props {
  search: PortfolioSearch
  onApply: (query: PortfolioSearch) => void
}

/** Named filter-and-sort sets of the user's own: choose one, save the current as new, update, delete. */
export function SavedViews({ search, onApply }: Props) {
  const { t } = useTranslation('portfolio')
  const views = usePortfolioViews()
  const save = useSaveView()
  const update = useUpdateView()
  const remove = useDeleteView()
  const [selectedId, setSelectedId] = useState('')
  const [name, setName] = useState('')
  const [message, setMessage] = useState('')
  const selected = views.data?.items.find((view) => view.id === selectedId)
  const error = save.error ?? update.error ?? remove.error ?? views.error

  return (
    <section className="panel saved-views" aria-labelledby="saved-views-title">
      <h2 id="saved-views-title">{t('views.title')}</h2>
      {message ? (
        <p className="flash" role="status">
          {message}
        </p>
      ) : null}
      {error ? <ProblemAlert error={error} /> : null}
      <div className="saved-views__body">
        <div className="saved-views__row">
          <Select
            id="saved-view"
            label={t('views.choose')}
            width="medium"
            emptyOption={t('views.none')}
            options={(views.data?.items ?? []).map((view) => ({ value: view.id, label: view.name }))}
            value={selectedId}
            onChange={(event) => {
              setSelectedId(event.target.value)
              setMessage('')
              const view = views.data?.items.find((v) => v.id === event.target.value)
              if (view) onApply(view.query as PortfolioSearch)
            }}
          />
          {selected ? (
            <div className="saved-views__actions">
              <Button
                variant="secondary"
                busy={update.isPending}
                onClick={() =>
                  update.mutate(
                    { view: selected, query: search },
                    { onSuccess: (view) => setMessage(t('views.updated', { name: view.name })) },
                  )
                }
              >
                {t('views.update')}
              </Button>
              <Button
                variant="danger"
                busy={remove.isPending}
                onClick={() =>
                  remove.mutate(selected, {
                    onSuccess: () => {
                      setSelectedId('')
                      setMessage(t('views.deleted', { name: selected.name }))
                    },
                  })
                }
              >
                {t('views.delete')}
              </Button>
            </div>
          ) : null}
        </div>
        <form
          className="saved-views__row"
          onSubmit={(event) => {
            event.preventDefault()
            if (!name.trim()) return
            save.mutate(
              { name: name.trim(), query: search },
              {
                onSuccess: (view) => {
                  setSelectedId(view.id)
                  setName('')
                  setMessage(t('views.saved', { name: view.name }))
                },
              },
            )
          }}
        >
          <Field
            id="saved-view-name"
            label={t('views.name')}
            width="medium"
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          <Button type="submit" busy={save.isPending}>
            {t('views.save')}
          </Button>
        </form>
      </div>
    </section>
  )
}
