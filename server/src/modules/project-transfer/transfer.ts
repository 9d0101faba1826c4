import {
  type ProjectExportDocument,
  type ProjectExportTable,
  projectExportFormat,
  projectExportTables,
  projectExportVersion,
} from '@lagesbild/shared/api/project-export'
import type { Localized } from '@lagesbild/shared/http/language'
import { type Kysely, sql } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import { isPgError, problemFromDatabase } from '../../db/errors.ts'
import type { Database } from '../../db/schema.ts'
import { isUuid } from '../../plugins/access.ts'
import { HttpProblem, invalidField, notFound } from '../../plugins/problem.ts'
import { addToRollup, costsOf } from '../finance/cost-rollup.ts'
import { assertNoPersonalData } from '../privacy/text-check.ts'
import { type External, type OwnedTable, ownedTables, projectProject, type Row } from './registry.ts'

type Document = Static<typeof ProjectExportDocument>
type Db = Kysely<Database>

interface Column {
  type: string
  generated: boolean
}
type Columns = Map<string, Map<string, Column>>

/** What the database says each column is; the document is checked against it, not trusted. */
export async function loadColumns(db: Db): Promise<Columns> {
  const names = ['project', ...projectExportTables]
  const result = await sql<{
    table_name: string
    column_name: string
    data_type: string
    is_generated: string
  }>`
    select table_name, column_name, data_type, is_generated from information_schema.columns
    where table_schema = current_schema() and table_name in (${sql.join(names)})`.execute(db)
  const columns: Columns = new Map()
  for (const c of result.rows) {
    const table = columns.get(c.table_name) ?? new Map<string, Column>()
    table.set(c.column_name, { type: c.data_type, generated: c.is_generated === 'ALWAYS' })
    columns.set(c.table_name, table)
  }
  return columns
}

function withoutGenerated(row: Row, columns: Map<string, Column> | undefined): Row {
  return Object.fromEntries(Object.entries(row).filter(([name]) => !columns?.get(name)?.generated))
}

async function selectRows(db: Db, entry: OwnedTable, projectId: string): Promise<Row[]> {
  const family = sql`select id from project where id = ${projectId} or parent_id = ${projectId}`
  const where =
    'parent' in entry.scope
      ? sql`${sql.ref(entry.scope.column)} in (select id from ${sql.table(entry.scope.parent)} where project_id in (${family}))`
      : sql`project_id in (${family})`
  const order = sql.join(entry.order.map((c) => sql.ref(c)))
  const result =
    await sql<Row>`select * from ${sql.table(entry.table)} where ${where} order by ${order}`.execute(db)
  return result.rows
}

export async function exportProject(db: Db, projectId: string): Promise<Document> {
  const columns = await loadColumns(db)
  const project = await sql<Row>`select * from project where id = ${projectId}`.execute(db)
  const row = project.rows[0]
  if (!row) throw notFound()
  const subProjects =
    await sql<Row>`select * from project where parent_id = ${projectId} order by sort_key, name`.execute(db)
  const tables: Partial<Record<ProjectExportTable, Row[]>> = {}
  for (const entry of ownedTables) tables[entry.table] = await selectRows(db, entry, projectId)
  return {
    format: projectExportFormat,
    version: projectExportVersion,
    exportedAt: new Date().toISOString(),
    project: withoutGenerated(row, columns.get('project')),
    subProjects: subProjects.rows.map((r) => withoutGenerated(r, columns.get('project'))),
    tables,
  }
}

/* ---------------------------------------------------------------- import */

const refused = (field: string, code: string, message: Localized) => invalidField(field, code, message)

const danglingMessage: Localized = {
  sv: 'Hänvisningen pekar på en rad som inte finns i dokumentet.',
  en: 'The reference points to a row that is not in the document.',
}

/** Every id a row of the document has, mapped to the id its copy gets. */
function buildIdMap(doc: Document): Map<string, string> {
  const ids = new Map<string, string>()
  const give = (value: unknown, field: string) => {
    if (typeof value !== 'string' || !isUuid(value)) {
      throw refused(field, 'invalid_id', {
        sv: 'Id:t är inte ett giltigt uuid.',
        en: 'The id is not a valid uuid.',
      })
    }
    if (ids.has(value)) {
      throw refused(field, 'duplicate_id', { sv: 'Id:t förekommer två gånger.', en: 'The id occurs twice.' })
    }
    ids.set(value, uuid())
  }
  give(doc.project.id, 'document.project.id')
  for (const [i, row] of (doc.subProjects ?? []).entries()) give(row.id, `document.subProjects.${i}.id`)
  for (const entry of ownedTables) {
    const rows = doc.tables[entry.table] ?? []
    rows.forEach((row, i) => {
      for (const column of entry.fresh) give(row[column], `document.tables.${entry.table}.${i}.${column}`)
    })
  }
  return ids
}

/** Which of the external ids the document names exist in this installation. */
async function existingExternals(db: Db, doc: Document): Promise<Set<string>> {
  const wanted = new Map<string, Set<string>>()
  const collect = (row: Row, external: Readonly<Record<string, External>>, path: string) => {
    for (const [column, ref] of Object.entries(external)) {
      const value = row[column]
      if (value === null || value === undefined) continue
      if (typeof value !== 'string' || !isUuid(value)) {
        throw refused(`${path}.${column}`, 'invalid_id', {
          sv: 'Id:t är inte ett giltigt uuid.',
          en: 'The id is not a valid uuid.',
        })
      }
      const set = wanted.get(ref.table) ?? new Set<string>()
      set.add(value)
      wanted.set(ref.table, set)
    }
  }
  collect(doc.project, projectProject.external, 'document.project')
  for (const [i, row] of (doc.subProjects ?? []).entries()) {
    collect(row, projectProject.external, `document.subProjects.${i}`)
  }
  for (const entry of ownedTables) {
    ;(doc.tables[entry.table] ?? []).forEach((row, i) => {
      collect(row, entry.external, `document.tables.${entry.table}.${i}`)
    })
  }
  const found = new Set<string>()
  for (const [table, values] of wanted) {
    const result = await sql<{
      id: string
    }>`select id from ${sql.table(table)} where id in (${sql.join([...values])})`.execute(db)
    for (const r of result.rows) found.add(r.id)
  }
  return found
}

/** Ids inside JSON (snapshots, request payloads) follow their rows. */
function remapJson(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') return ids.get(value) ?? value
  if (Array.isArray(value)) return value.map((v) => remapJson(v, ids))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, remapJson(v, ids)]))
  }
  return value
}

interface Context {
  ids: Map<string, string>
  existing: Set<string>
  ownerOrganisationId: string
}

const dropRow = Symbol('drop row')

type Classification = Pick<OwnedTable, 'fresh' | 'owned' | 'external' | 'cleared'>

/** The row as its copy is inserted, or `dropRow` when a person or user it needs is not here. */
function transformRow(
  row: Row,
  entry: Classification,
  columns: Map<string, Column>,
  context: Context,
  path: string,
): Row | typeof dropRow {
  const out: Row = {}
  for (const [column, value] of Object.entries(row)) {
    const field = `${path}.${column}`
    const meta = columns.get(column)
    if (!meta) {
      throw refused(field, 'unknown_column', { sv: 'Kolumnen finns inte.', en: 'There is no such column.' })
    }
    if (meta.generated) continue
    if (entry.fresh.includes(column)) {
      out[column] = context.ids.get(value as string)
    } else if (entry.cleared?.includes(column)) {
      out[column] = null
    } else if (entry.owned.includes(column)) {
      if (value === null) out[column] = null
      else if (typeof value === 'string' && context.ids.has(value)) out[column] = context.ids.get(value)
      else throw refused(field, 'dangling_reference', danglingMessage)
    } else if (entry.external[column]) {
      const resolved = resolveExternal(value, entry.external[column], context, field)
      if (resolved === dropRow) return dropRow
      out[column] = resolved
    } else if (meta.type === 'jsonb' || meta.type === 'json') {
      out[column] = value === null ? null : JSON.stringify(remapJson(value, context.ids))
    } else if (value !== null && typeof value === 'object') {
      throw refused(field, 'invalid_value', {
        sv: 'Värdet har fel form.',
        en: 'The value has the wrong shape.',
      })
    } else if (meta.type === 'uuid' && value !== null) {
      // A uuid column nobody classified must not carry an id of the original into the copy.
      throw refused(field, 'unclassified_reference', danglingMessage)
    } else {
      out[column] = value
    }
  }
  return out
}

function resolveExternal(value: unknown, ref: External, context: Context, field: string): unknown {
  if (value === null || value === undefined) return null
  if (context.existing.has(value as string)) return value
  switch (ref.missing) {
    case 'null':
      return null
    case 'drop_row':
      return dropRow
    case 'owner_organisation':
      return context.ownerOrganisationId
    case 'refuse':
      throw refused(field, 'unknown_reference', {
        sv: 'Det som raden hänvisar till finns inte i den här installationen.',
        en: 'What the row refers to does not exist in this installation.',
      })
  }
}

/** Parents before children within one table (a goal under a goal, a report continuing another). */
function parentsFirst(rows: Row[], owned: readonly string[]): number[] {
  const index = new Map<unknown, number>()
  rows.forEach((row, i) => {
    if (row.id !== undefined) index.set(row.id, i)
  })
  const done = new Set<number>()
  const visiting = new Set<number>()
  const order: number[] = []
  const visit = (i: number) => {
    if (done.has(i) || visiting.has(i)) return
    visiting.add(i)
    for (const column of owned) {
      const parent = index.get(rows[i]?.[column])
      if (parent !== undefined && parent !== i) visit(parent)
    }
    visiting.delete(i)
    done.add(i)
    order.push(i)
  }
  for (let i = 0; i < rows.length; i++) visit(i)
  return order
}

async function insertRow(trx: Db, table: string, values: Row, path: string): Promise<void> {
  const names = Object.keys(values)
  try {
    await sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))})
      values (${sql.join(names.map((n) => values[n]))})`.execute(trx)
  } catch (error) {
    throw asDocumentProblem(error, path)
  }
}

async function updateRow(trx: Db, table: string, id: string, values: Row, path: string): Promise<void> {
  const sets = Object.entries(values).map(([name, value]) => sql`${sql.ref(name)} = ${value}`)
  try {
    await sql`update ${sql.table(table)} set ${sql.join(sets)} where id = ${id}`.execute(trx)
  } catch (error) {
    throw asDocumentProblem(error, path)
  }
}

/** A row the database refused is a fault of the document: 422 naming the row (and column). */
function asDocumentProblem(error: unknown, path: string): unknown {
  if (!isPgError(error) || !/^(22|23|P0|LB)/.test(error.code)) return error
  const problem = problemFromDatabase(error)
  const code = problem?.code ?? 'refused'
  const message = problem?.options.detail ?? { sv: 'Raden kan inte sparas.', en: 'The row cannot be saved.' }
  const field = error.column ? `${path}.${error.column}` : path
  const detail: Localized = error.constraint
    ? { sv: `${message.sv} (${error.constraint})`, en: `${message.en} (${error.constraint})` }
    : message
  return new HttpProblem(422, code, undefined, { detail, errors: [{ field, code, message: detail }] })
}

export interface ImportOutcome {
  id: string
  name: string
  ids: Record<string, string>
  dropped: Record<string, number>
}

/**
 * Inserts the document as a new project in `trx`. Everything is checked that can be before the
 * first insert; what only the database can judge fails the transaction, so nothing is written.
 */
export async function importDocument(
  trx: Db,
  doc: Document,
  options: { ownerOrganisationId: string; name?: string | undefined },
): Promise<ImportOutcome> {
  const columns = await loadColumns(trx)
  const ids = buildIdMap(doc)
  checkChildrenPlaced(doc, ids)
  const existing = await existingExternals(trx, doc)
  const context: Context = { ids, existing, ownerOrganisationId: options.ownerOrganisationId }
  const dropped: Record<string, number> = {}

  const project = await insertProject(
    trx,
    { ...doc.project, parent_id: null },
    columns,
    context,
    'document.project',
    options.name,
  )
  const subIds: string[] = []
  for (const [i, sub] of (doc.subProjects ?? []).entries()) {
    if (sub.parent_id !== doc.project.id) {
      throw refused(`document.subProjects.${i}.parent_id`, 'dangling_reference', danglingMessage)
    }
    subIds.push((await insertProject(trx, sub, columns, context, `document.subProjects.${i}`)).id as string)
  }
  const projectId = project.id as string

  const children = new Set(ownedTables.flatMap((t) => t.staged?.children ?? []))
  const byTable = new Map(ownedTables.map((t) => [t.table, t]))

  const insertAll = async (entry: OwnedTable, filter?: (row: Row) => boolean) => {
    const rows = doc.tables[entry.table] ?? []
    const tableColumns = columns.get(entry.table) ?? new Map<string, Column>()
    for (const i of parentsFirst(rows, entry.owned)) {
      const row = rows[i] as Row
      if (filter && !filter(row)) continue
      const path = `document.tables.${entry.table}.${i}`
      const transformed = transformRow(row, entry, tableColumns, context, path)
      if (transformed === dropRow) {
        dropped[entry.table] = (dropped[entry.table] ?? 0) + 1
        continue
      }
      const values = entry.rewrite ? entry.rewrite(transformed) : transformed
      const staged = entry.staged?.when(row) ? entry.staged.columns : undefined
      await insertRow(trx, entry.table, staged ? { ...values, ...staged } : values, path)
      for (const childName of entry.staged?.children ?? []) {
        const child = byTable.get(childName)
        if (!child || !('parent' in child.scope)) continue
        const column = child.scope.column
        await insertAll(child, (c) => c[column] === row.id)
      }
      if (!staged) continue
      const real: Row = Object.fromEntries(Object.keys(staged).map((c) => [c, values[c] ?? null]))
      for (const c of ['version', 'updated_at']) if (values[c] !== undefined) real[c] = values[c]
      await updateRow(trx, entry.table, values.id as string, real, path)
    }
  }
  for (const entry of ownedTables) {
    if (!children.has(entry.table)) await insertAll(entry)
  }
  // The cost roll-ups are derived, so not in the document: the copy's are built from its entries.
  await addToRollup(trx, costsOf.projects([projectId, ...subIds]))

  return { id: projectId, name: project.name as string, ids: Object.fromEntries(ids), dropped }
}

/** The copy of a project row: in the chosen organisation; in its programme if that exists here. */
async function insertProject(
  trx: Db,
  row: Row,
  columns: Columns,
  context: Context,
  path: string,
  name?: string,
): Promise<Row> {
  const project = transformRow(row, projectProject, columns.get('project') ?? new Map(), context, path)
  if (project === dropRow) throw new Error('a project row has no droppable reference')
  // The organisation's personal-data rule applies to a copy as to a project typed in.
  const texts = ['name', 'client', 'purpose', 'background', 'target_group'].map((c) => [
    `${path}.${c}`,
    typeof project[c] === 'string' ? project[c] : null,
  ])
  await assertNoPersonalData(trx, context.ownerOrganisationId, Object.fromEntries(texts))
  project.owner_organisation_id = context.ownerOrganisationId
  if (name) project.name = name
  await insertRow(trx, 'project', project, path)
  return project
}

/**
 * Every row hangs off the project (or a sub-project, or a parent row) of the document: a row
 * that does not would silently vanish from the copy, or point into another project.
 */
function checkChildrenPlaced(doc: Document, ids: Map<string, string>): void {
  const projects = new Set([doc.project.id, ...(doc.subProjects ?? []).map((p) => p.id)])
  for (const entry of ownedTables) {
    const column = entry.scope.column
    const parents =
      'parent' in entry.scope ? new Set((doc.tables[entry.scope.parent] ?? []).map((r) => r.id)) : projects
    for (const [i, row] of (doc.tables[entry.table] ?? []).entries()) {
      const value = row[column]
      if (typeof value !== 'string' || !ids.has(value) || !parents.has(value)) {
        throw refused(`document.tables.${entry.table}.${i}.${column}`, 'dangling_reference', danglingMessage)
      }
    }
  }
}
