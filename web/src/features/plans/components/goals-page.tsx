import { Link, useParams } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { Field } from '../../../components/field'
import { Loading } from '../../../components/loading'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { can, useProject } from '../../projects/api/get-project'
import {
  type Goal,
  type GoalTree,
  useCreateGoal,
  useDeleteGoal,
  useGoals,
  useMoveGoal,
  useUpdateGoal,
} from '../api/get-goals'
import './plans.css'

type Kind = Goal['kind']

export function GoalsPage() {
  const { t } = useTranslation('plans')
  const { projectId } = useParams({ from: '/authenticated/projects/$projectId/goals' })
  const { data: project } = useProject(projectId)
  const goals = useGoals(projectId)
  const canEdit = can(project, 'project:plan')
  const create = useCreateGoal(projectId)
  const update = useUpdateGoal(projectId)
  const move = useMoveGoal(projectId)
  const remove = useDeleteGoal(projectId)
  const tree = goals.data

  if (goals.isPending) return <Loading />
  if (!tree) return <ProblemAlert error={goals.error} />

  const actions = { canEdit, update, move, remove, subGoals: tree.sub }
  const looseSubs = tree.sub.filter((s) => !s.parentId || !tree.project.some((p) => p.id === s.parentId))

  return (
    <section aria-labelledby="goals-title" className="panel goals">
      <h2 id="goals-title">{t('goals.title')}</h2>
      <p className="muted">{t('goals.intro')}</p>
      {[create, update, move, remove].map((m, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of four mutations
        m.isError ? <ProblemAlert key={i} error={m.error} /> : null,
      )}
      <Purpose tree={tree} />

      <h3>{t('goals.overall')}</h3>
      <GoalList goals={tree.overall} {...actions} />
      {canEdit ? (
        <AddGoal kind="overall" label={t('goals.addOverall')} onAdd={(body) => create.mutate(body)} />
      ) : null}

      <h3>{t('goals.project')}</h3>
      {tree.project.length === 0 ? <p className="muted">{t('goals.none')}</p> : null}
      <ol className="goals__list goals__list--project">
        {tree.project.map((goal, index) => (
          <li key={goal.id} className="goals__project">
            <GoalRow goal={goal} index={index} count={tree.project.length} {...actions} />
            <SubGoals goals={tree.sub.filter((s) => s.parentId === goal.id)} {...actions} />
          </li>
        ))}
      </ol>
      {looseSubs.length > 0 ? <SubGoals goals={looseSubs} {...actions} /> : null}
      {canEdit ? (
        <div className="goals__add">
          <AddGoal kind="project" label={t('goals.addProject')} onAdd={(body) => create.mutate(body)} />
          <AddGoal
            kind="sub"
            label={t('goals.addSub')}
            parents={tree.project}
            onAdd={(body) => create.mutate(body)}
          />
        </div>
      ) : null}

      {tree.subProjects.length > 0 ? (
        <>
          <h3>{t('goals.subProjects')}</h3>
          {tree.subProjects.map((part) => (
            <article
              key={part.subProject.id}
              className="goals__part"
              aria-labelledby={`part-${part.subProject.id}`}
            >
              <h4 id={`part-${part.subProject.id}`}>
                <Link to="/projects/$projectId/goals" params={{ projectId: part.subProject.id }}>
                  {part.subProject.name}
                </Link>
              </h4>
              <ReadOnlyGoals title={t('goals.overall')} goals={part.overall} />
              <ReadOnlyGoals title={t('goals.project')} goals={part.project} />
              <ReadOnlyGoals title={t('goals.sub')} goals={part.sub} numbered />
            </article>
          ))}
        </>
      ) : null}
    </section>
  )
}

function Purpose({ tree }: { tree: GoalTree }) {
  const { t } = useTranslation('plans')
  return (
    <dl className="fact-list goals__facts">
      <div className="fact-list__item">
        <dt>{t('goals.purpose')}</dt>
        <dd>{tree.purpose || <span className="muted">{t('goals.noPurpose')}</span>}</dd>
      </div>
      <div className="fact-list__item">
        <dt>{t('goals.targetGroup')}</dt>
        <dd>{tree.targetGroup || '–'}</dd>
      </div>
    </dl>
  )
}

function ReadOnlyGoals({
  title,
  goals,
  numbered = false,
}: {
  title: string
  goals: Goal[]
  numbered?: boolean
}) {
  const { t } = useTranslation('plans')
  if (goals.length === 0) return null
  return (
    <>
      <h5>{title}</h5>
      <ul className="goals__list">
        {goals.map((g) => (
          <li key={g.id}>
            {numbered && g.number ? `${t('goals.subNumber', { number: g.number })}: ` : ''}
            {g.title}
          </li>
        ))}
      </ul>
    </>
  )
}

interface Actions {
  canEdit: boolean
  update: ReturnType<typeof useUpdateGoal>
  move: ReturnType<typeof useMoveGoal>
  remove: ReturnType<typeof useDeleteGoal>
  subGoals: Goal[]
}

function GoalList({ goals, ...actions }: { goals: Goal[] } & Actions) {
  const { t } = useTranslation('plans')
  if (goals.length === 0) return <p className="muted">{t('goals.none')}</p>
  return (
    <ol className="goals__list">
      {goals.map((goal, index) => (
        <li key={goal.id}>
          <GoalRow goal={goal} index={index} count={goals.length} {...actions} />
        </li>
      ))}
    </ol>
  )
}

function SubGoals({ goals, ...actions }: { goals: Goal[] } & Actions) {
  if (goals.length === 0) return null
  const all = actions.subGoals
  return (
    <ol className="goals__list goals__list--sub">
      {goals.map((goal) => (
        <li key={goal.id}>
          <GoalRow goal={goal} index={all.indexOf(goal)} count={all.length} {...actions} />
        </li>
      ))}
    </ol>
  )
}

function GoalRow({
  goal,
  index,
  count,
  canEdit,
  update,
  move,
  remove,
  subGoals,
}: { goal: Goal; index: number; count: number } & Actions) {
  const { t } = useTranslation('plans')
  const [editing, setEditing] = useState(false)
  const [title, setTitle] = useState(goal.title)
  const [removing, setRemoving] = useState(false)
  const [target, setTarget] = useState('')

  const save = (event: FormEvent) => {
    event.preventDefault()
    update.mutate({ goal, title }, { onSuccess: () => setEditing(false) })
  }

  return (
    <div className="goals__row">
      {editing ? (
        <form className="inline-form goals__edit" onSubmit={save}>
          <div className="inline-form__row">
            <Field
              id={`goal-${goal.id}`}
              label={t('goals.edit', { title: goal.title })}
              value={title}
              onChange={(event) => setTitle(event.target.value)}
            />
            <Button type="submit" variant="primary" size="small" busy={update.isPending}>
              {t('staffing.save')}
            </Button>
            <Button size="small" onClick={() => setEditing(false)}>
              {t('staffing.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <p className="goals__text">
          {goal.kind === 'sub' ? (
            <strong className="goals__number">{t('goals.subNumber', { number: goal.number ?? '' })}: </strong>
          ) : null}
          {goal.title}
          {goal.kind === 'sub' ? (
            <span className="muted small"> · {t('goals.activities', { count: goal.activityCount })}</span>
          ) : null}
        </p>
      )}
      {canEdit && !editing ? (
        <div className="goals__controls">
          <Button
            size="small"
            variant="quiet"
            disabled={index <= 0}
            aria-label={t('goals.moveUp', { title: goal.title })}
            onClick={() => move.mutate({ goal, position: goal.position - 1 })}
          >
            ↑
          </Button>
          <Button
            size="small"
            variant="quiet"
            disabled={index >= count - 1}
            aria-label={t('goals.moveDown', { title: goal.title })}
            onClick={() => move.mutate({ goal, position: goal.position + 1 })}
          >
            ↓
          </Button>
          <Button
            size="small"
            variant="quiet"
            aria-label={t('goals.edit', { title: goal.title })}
            onClick={() => setEditing(true)}
          >
            {t('goals.change')}
          </Button>
          <Button
            size="small"
            variant="quiet"
            aria-label={t('goals.remove', { title: goal.title })}
            aria-expanded={removing}
            onClick={() => (goal.activityCount > 0 ? setRemoving(!removing) : remove.mutate({ goal }))}
          >
            {t('goals.confirmRemove')}
          </Button>
        </div>
      ) : null}
      {removing ? (
        <fieldset className="goals__remove">
          <legend className="small">{t('goals.removeTitle', { title: goal.title })}</legend>
          <p className="small">{t('goals.removeWithActivities')}</p>
          <div className="inline-form__row">
            <Select
              id={`move-${goal.id}`}
              label={t('goals.moveTo')}
              width="medium"
              emptyOption="–"
              options={subGoals
                .filter((s) => s.id !== goal.id)
                .map((s) => ({ value: s.id, label: `${s.number}. ${s.title}` }))}
              value={target}
              onChange={(event) => setTarget(event.target.value)}
            />
            <Button
              size="small"
              variant="danger"
              disabled={!target}
              onClick={() => remove.mutate({ goal, moveActivitiesTo: target })}
            >
              {t('goals.confirmRemove')}
            </Button>
            <Button size="small" variant="danger" onClick={() => remove.mutate({ goal, detach: true })}>
              {t('goals.detach')}
            </Button>
          </div>
        </fieldset>
      ) : null}
    </div>
  )
}

function AddGoal({
  kind,
  label,
  parents,
  onAdd,
}: {
  kind: Kind
  label: string
  parents?: Goal[]
  onAdd: (body: { kind: Kind; title: string; parentId?: string | null }) => void
}) {
  const { t } = useTranslation('plans')
  const [title, setTitle] = useState('')
  const [parentId, setParentId] = useState(parents?.[0]?.id ?? '')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!title.trim()) return
    onAdd({ kind, title, ...(kind === 'sub' ? { parentId: parentId || parents?.[0]?.id || null } : {}) })
    setTitle('')
  }
  return (
    <form className="inline-form goals__add-form" onSubmit={submit}>
      <div className="inline-form__row">
        <Field
          id={`add-goal-${kind}`}
          label={label}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
        {kind === 'sub' && parents && parents.length > 1 ? (
          <Select
            id="add-goal-parent"
            label={t('goals.parent')}
            width="medium"
            options={parents.map((p) => ({ value: p.id, label: p.title }))}
            value={parentId}
            onChange={(event) => setParentId(event.target.value)}
          />
        ) : null}
        <Button type="submit" className="inline-form__submit">
          {t('add.submit')}
        </Button>
      </div>
    </form>
  )
}
