import type { ImportPreview, ImportResult } from '@lagesbild/shared/api/plans'
import { isActivityNumber } from '@lagesbild/shared/domain/activity-number'
import { changedFields } from '@lagesbild/shared/domain/changes'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import { type FieldIssue, HttpProblem, invalidField } from '../../plugins/problem.ts'
import {
  type ActivityState,
  applyInput,
  emptyState,
  insertActivity,
  loadPlanFacts,
  type PlanFacts,
  type PlanScope,
  rememberNumber,
  stateOf,
  validateActivity,
  writeActivity,
} from './activities.ts'
import {
  type FileRow,
  type PlanFile,
  readBoolean,
  readDateCell,
  readPlanFile,
  readStatus,
  readText,
  UnreadableFile,
} from './plan-file.ts'

type Db = Kysely<Database>
type Row = Static<typeof ImportPreview>['rows'][number]

interface PlannedRow {
  file: FileRow
  activityId: string | null
  version: number | null
  before: ActivityState | null
  after: ActivityState
  issues: FieldIssue[]
  /** The file was exported before the activity's latest change. */
  stale: boolean
}

async function decode(format: 'xlsx' | 'csv', content: string): Promise<PlanFile> {
  try {
    return await readPlanFile(format, Buffer.from(content, 'base64'))
  } catch (error) {
    if (!(error instanceof UnreadableFile)) throw error
    if (error.message === 'missing_title_column') {
      throw invalidField('content', 'missing_column', {
        sv: 'Filen saknar kolumnen "Aktivitet". Utgå från en exporterad plan.',
        en: 'The file has no "Activity" column. Start from an exported plan.',
      })
    }
    throw invalidField('content', 'unreadable_file', {
      sv: `Filen kan inte läsas som ${format.toUpperCase()}.`,
      en: `The file cannot be read as ${format.toUpperCase()}.`,
    })
  }
}

const numberIssue = (value: string): FieldIssue => ({
  field: 'number',
  code: 'pattern',
  message: {
    sv: `"${value}" är inget aktivitetsnummer (1.1, 2.10 …).`,
    en: `"${value}" is not an activity number (1.1, 2.10 …).`,
  },
})

/** Which activity a row means: its Id, or else the same number in the same project. */
async function planRows(db: Db, scope: PlanScope, file: PlanFile, facts: PlanFacts): Promise<PlannedRow[]> {
  const ids = scope.projects.map((p) => p.id)
  const existing = await db.selectFrom('activity').where('project_id', 'in', ids).selectAll().execute()
  const byId = new Map(existing.map((row) => [row.id, row]))
  const projectByName = new Map(scope.projects.map((p) => [p.name.toLowerCase(), p.id]))
  const goalByNumber = new Map([...facts.subGoals].map(([id, g]) => [`${g.projectId}:${g.number}`, id]))
  const planned: PlannedRow[] = file.rows.map((fileRow) => {
    const cells = fileRow.cells
    const issues: FieldIssue[] = []
    const projectName = readText(cells.project)
    const projectId = projectName ? projectByName.get(projectName.toLowerCase()) : scope.project.id
    if (!projectId) {
      issues.push({
        field: 'project',
        code: 'unknown_project',
        message: {
          sv: `"${projectName}" är varken projektet eller något av dess delprojekt.`,
          en: `"${projectName}" is neither the project nor one of its sub-projects.`,
        },
      })
    }
    const target = projectId ?? scope.project.id
    const number = readText(cells.number)
    if (number && !isActivityNumber(number)) issues.push(numberIssue(number))
    const idText = readText(cells.id)
    let row = idText ? byId.get(idText) : undefined
    if (idText && !row) {
      issues.push({
        field: 'id',
        code: 'unknown_activity',
        message: {
          sv: 'Id:t hör inte till någon aktivitet i planen. Töm cellen för att lägga till en ny.',
          en: 'The id is not an activity of this plan. Empty the cell to add a new one.',
        },
      })
    }
    if (!idText && number) row = existing.find((a) => a.project_id === target && a.number === number)
    const goalText = readText(cells.goal)
    const goalId = goalText
      ? goalByNumber.get(`${target}:${Number(goalText)}`)
      : goalText === ''
        ? null
        : undefined
    if (goalText && !goalId) {
      issues.push({
        field: 'goal',
        code: 'unknown_goal',
        message: {
          sv: `Delmål ${goalText} finns inte i projektet.`,
          en: `Sub-goal ${goalText} does not exist in the project.`,
        },
      })
    }
    const before = row ? stateOf(row) : null
    const after = applyInput(
      before ?? emptyState(target),
      {
        ...(file.columns.has('project') ? { projectId: target } : {}),
        ...(goalId !== undefined ? { goalId } : {}),
        ...(file.columns.has('number') && (!number || isActivityNumber(number))
          ? { number: number || null }
          : {}),
        title: readText(cells.title) ?? before?.title ?? '',
        responsible: readText(cells.responsible),
        description: readText(cells.description),
        deviationExplanation: readText(cells.deviationExplanation),
        status: readStatus(cells.status, issues),
        milestone: readBoolean(cells.milestone, issues),
        plannedStart: readDateCell('plannedStart', cells.plannedStart, issues),
        plannedEnd: readDateCell('plannedEnd', cells.plannedEnd, issues),
        actualStart: readDateCell('actualStart', cells.actualStart, issues),
        actualEnd: readDateCell('actualEnd', cells.actualEnd, issues),
      },
      issues,
    )
    const versionText = readText(cells.version)
    return {
      file: fileRow,
      activityId: row?.id ?? null,
      version: row?.version ?? null,
      before,
      after,
      issues,
      stale: Boolean(row && versionText && Number(versionText) !== row.version),
    }
  })
  // Numbers the file moves between its own rows are free until the rows say otherwise.
  for (const p of planned)
    if (p.before?.number) facts.numbers.delete(`${p.before.projectId}:${p.before.number}`)
  for (const p of planned) {
    p.issues.push(...validateActivity(scope, facts, p.after, p.activityId ?? `row-${p.file.row}`))
    rememberNumber(facts, p.after, p.activityId ?? `row-${p.file.row}`)
    if (p.stale && changes(p).length > 0) {
      p.issues.push({
        field: 'version',
        code: 'stale_version',
        message: {
          sv: 'Aktiviteten har ändrats i Lägesbild sedan filen exporterades. Exportera på nytt och gör om ändringen.',
          en: 'The activity changed in Lägesbild since the file was exported. Export again and re-apply the change.',
        },
      })
    }
  }
  return planned
}

const comparable = (s: ActivityState) => ({
  ...s,
  plannedStart: s.plannedStart && { ...s.plannedStart, note: null },
  plannedEnd: s.plannedEnd && { ...s.plannedEnd, note: null },
  actualStart: s.actualStart && { ...s.actualStart, note: null },
  actualEnd: s.actualEnd && { ...s.actualEnd, note: null },
})

function changes(p: PlannedRow) {
  return p.before
    ? changedFields(comparable(p.before), comparable(p.after))
    : changedFields({}, comparable(p.after))
}

function actionOf(p: PlannedRow): Row['action'] {
  if (p.issues.length > 0) return 'error'
  if (!p.before) return 'create'
  return changes(p).length > 0 ? 'update' : 'unchanged'
}

function describe(p: PlannedRow, language: 'sv' | 'en'): Row {
  return {
    row: p.file.row,
    action: actionOf(p),
    activityId: p.activityId,
    number: p.after.number,
    title: p.after.title,
    changes: changes(p),
    errors: p.issues.map((i) => ({ field: i.field, code: i.code, message: i.message[language] })),
  }
}

function summarise(rows: Row[]) {
  const count = (action: Row['action']) => rows.filter((r) => r.action === action).length
  return {
    create: count('create'),
    update: count('update'),
    unchanged: count('unchanged'),
    error: count('error'),
  }
}

export async function previewImport(
  db: Db,
  scope: PlanScope,
  body: { format: 'xlsx' | 'csv'; content: string },
  language: 'sv' | 'en',
): Promise<Static<typeof ImportPreview>> {
  const file = await decode(body.format, body.content)
  const rows = (await planRows(db, scope, file, await loadPlanFacts(db, scope))).map((p) =>
    describe(p, language),
  )
  return { rows, summary: summarise(rows) }
}

/** All rows or none: any row error refuses the whole file with every error named by row. */
export async function commitImport(
  db: Db,
  actorId: string,
  scope: PlanScope,
  body: { format: 'xlsx' | 'csv'; content: string },
): Promise<Static<typeof ImportResult>> {
  const file = await decode(body.format, body.content)
  return db.transaction().execute(async (trx) => {
    const planned = await planRows(trx, scope, file, await loadPlanFacts(trx, scope))
    const issues = planned.flatMap((p) =>
      p.issues.map((i) => ({ ...i, field: `rows.${p.file.row}.${i.field}` })),
    )
    if (issues.length > 0) {
      throw new HttpProblem(422, 'import_rows_invalid', undefined, {
        detail: {
          sv: `${new Set(issues.map((i) => i.field.split('.')[1])).size} rader har fel. Inget har sparats.`,
          en: `${new Set(issues.map((i) => i.field.split('.')[1])).size} rows have errors. Nothing was saved.`,
        },
        errors: issues,
      })
    }
    const result = { created: 0, updated: 0, unchanged: 0 }
    for (const p of planned) {
      const action = actionOf(p)
      if (action === 'create') {
        await insertActivity(trx, actorId, p.after)
        result.created++
      } else if (action === 'update' && p.activityId && p.before && p.version !== null) {
        await writeActivity(trx, actorId, p.activityId, p.version, p.before, p.after, 'import')
        result.updated++
      } else {
        result.unchanged++
      }
    }
    return result
  })
}
