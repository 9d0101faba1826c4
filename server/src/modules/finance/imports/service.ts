import { createHash } from 'node:crypto'
import type {
  FinanceImport,
  FinanceImportDetail,
  ImportPreview,
  ImportRowError,
} from '@lagesbild/shared/api/finance-imports'
import { type Ore, sumOre } from '@lagesbild/shared/domain/money'
import type { Language } from '@lagesbild/shared/http/language'
import { type Kysely, type Selectable, sql } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import { decodeCursor, toPage } from '../../../db/cursor.ts'
import { registerConstraintMessages } from '../../../db/errors.ts'
import type { Database, FinanceImportTable } from '../../../db/schema.ts'
import type { AuthUser } from '../../../plugins/auth.ts'
import { HttpProblem, invalidField, notFound, staleVersion } from '../../../plugins/problem.ts'
import { recordAudit } from '../../audit/record.ts'
import { loadProjectAccess } from '../../projects/access.ts'
import { codeMap } from '../actuals.ts'
import { addToRollup, costsOf, removeFromRollup } from '../cost-rollup.ts'
import { lockOrganisationSettings, organisationSettings, servedOrganisation } from '../settings.ts'
import { fileChunks, storeFile } from './file-store.ts'
import {
  detect,
  detectFormat,
  type FileSource,
  type Format,
  headerCells,
  type Mapping,
  mappingFits,
  readRows,
  type Settings,
} from './parse.ts'
import { type CostRow, columnIndexes, interpretRow, type RowContext, type RowIssue, rowKey } from './rows.ts'

registerConstraintMessages({
  finance_import_committing_key: {
    sv: 'En annan import för organisationen skrivs just nu. Vänta tills den är klar.',
    en: 'Another import for the organisation is being written right now. Wait until it is done.',
  },
})

/** Rows per insert; each insert sends one array per column, so its size is not bound by parameter limits. */
export const BATCH_ROWS = 5000
/** Row errors kept per validation; the counts cover every row. */
const MAX_STORED_ERRORS = 1000
/** A commit whose heartbeat is older than this has died with its process. */
const STALE_AFTER_MS = 2 * 60_000
const PREVIEW_ROWS = 10

interface StoredSettings {
  settings: Settings
  detected: Settings
  mappingFromProfile: boolean
}

type ImportRow = Selectable<FinanceImportTable>
type ImportT = Static<typeof FinanceImport>

const importQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('finance_import as i')
    .innerJoin('organisation as o', 'o.id', 'i.organisation_id')
    .innerJoin('app_user as cu', 'cu.id', 'i.created_by')
    .leftJoin('app_user as mu', 'mu.id', 'i.committed_by')
    .leftJoin('finance_import_rollback as r', 'r.import_id', 'i.id')
    .leftJoin('app_user as ru', 'ru.id', 'r.rolled_back_by')
    .selectAll('i')
    .select([
      'o.name as organisation_name',
      'cu.name as created_by_name',
      'mu.name as committed_by_name',
      'r.rolled_back_by',
      'ru.name as rolled_back_by_name',
      'r.rolled_back_at',
      'r.reason as rollback_reason',
      'r.rows_removed',
    ])

type ImportView = Awaited<ReturnType<ReturnType<typeof importQuery>['executeTakeFirstOrThrow']>>

const isStale = (row: Pick<ImportRow, 'status' | 'heartbeat_at'>) =>
  row.status === 'committing' &&
  (!row.heartbeat_at || Date.now() - new Date(row.heartbeat_at).getTime() > STALE_AFTER_MS)

function toImport(row: ImportView): ImportT {
  const stored = row.settings as StoredSettings
  return {
    id: row.id,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    fileName: row.file_name,
    fileSize: row.file_size,
    format: row.format === 'xlsx' ? 'xlsx' : 'csv',
    status: row.status as ImportT['status'],
    settings: stored.settings,
    detected: stored.detected,
    mappingFromProfile: stored.mappingFromProfile,
    counts: {
      total: row.rows_total,
      valid: row.rows_valid,
      invalid: row.rows_invalid,
      done: row.rows_done,
      inserted: row.rows_inserted,
      duplicate: row.rows_duplicate,
    },
    amountTotalOre: row.amount_total_ore,
    failure: row.failure,
    stale: isStale(row),
    createdBy: { id: row.created_by, name: row.created_by_name },
    createdAt: new Date(row.created_at).toISOString(),
    committedBy:
      row.committed_by && row.committed_by_name
        ? { id: row.committed_by, name: row.committed_by_name }
        : null,
    committedAt: row.committed_at ? new Date(row.committed_at).toISOString() : null,
    rollback:
      row.rolled_back_by && row.rolled_back_by_name && row.rolled_back_at
        ? {
            by: { id: row.rolled_back_by, name: row.rolled_back_by_name },
            at: new Date(row.rolled_back_at).toISOString(),
            reason: row.rollback_reason ?? '',
            rowsRemoved: row.rows_removed ?? 0,
          }
        : null,
    version: row.version,
  }
}

/** The import, if the user serves its organisation; 404 otherwise (it is not theirs to know of). */
async function servedImport(db: Kysely<Database>, user: AuthUser, importId: string): Promise<ImportView> {
  const row = await importQuery(db).where('i.id', '=', importId).executeTakeFirst()
  if (!row) throw notFound()
  await servedOrganisation(db, user, row.organisation_id)
  return row
}

const wrongState = (status: string) =>
  new HttpProblem(409, 'wrong_state', undefined, {
    detail: {
      sv: `Importen har status ${status} och kan inte göra det nu.`,
      en: `The import is ${status} and cannot do that now.`,
    },
  })

async function rowContext(
  db: Kysely<Database>,
  user: AuthUser,
  organisationId: string,
  settings: Settings,
  headers: string[],
): Promise<RowContext> {
  const [codes, orgSettings] = await Promise.all([
    codeMap(db, organisationId),
    organisationSettings(db, organisationId),
  ])
  const allowed = new Map<string, boolean>()
  for (const projectId of new Set(codes.values())) {
    const access = await loadProjectAccess(db, user, projectId)
    allowed.set(projectId, access?.capabilities.includes('project:finance') ?? false)
  }
  return {
    columns: columnIndexes(settings.mapping, headers),
    headers,
    codes,
    mayFinance: (projectId) => allowed.get(projectId) ?? false,
    categories: orgSettings.categories.filter((c) => c.active),
    accountRules: orgSettings.accountRules,
  }
}

/** The columns the mapping must name before rows can be read. */
function checkMapping(mapping: Mapping, headers: readonly string[]) {
  const require = (field: keyof Mapping, ok: boolean, message: { sv: string; en: string }) => {
    if (!ok) throw invalidField(`settings.mapping.${field}`, 'required', message)
  }
  for (const [field, header] of Object.entries(mapping)) {
    if (header && !headers.includes(header)) {
      throw invalidField(`settings.mapping.${field}`, 'unknown_column', {
        sv: `Kolumnen "${header}" finns inte i filen.`,
        en: `The column "${header}" is not in the file.`,
      })
    }
  }
  require('date', Boolean(mapping.date), { sv: 'Välj kolumnen med datum.', en: 'Choose the date column.' })
  require('amount', Boolean(mapping.amount || mapping.debit || mapping.credit), {
    sv: 'Välj kolumnen med belopp (eller debet och kredit).',
    en: 'Choose the amount column (or debit and credit).',
  })
  require('voucher', Boolean(mapping.voucher), {
    sv: 'Välj kolumnen med verifikationsnummer.',
    en: 'Choose the voucher number column.',
  })
  require('costCentre', Boolean(mapping.costCentre || mapping.projectCode), {
    sv: 'Välj kolumnen med projektkod eller ansvar/kostnadsställe, som kopplar raden till ett projekt.',
    en: 'Choose the project code or cost centre column that links a row to a project.',
  })
}

async function headersOf(content: AsyncIterable<Uint8Array>, format: Format, settings: Settings) {
  const before: string[][] = []
  for await (const row of readRows(content, format, settings)) {
    if (row.rowNumber === settings.headerRow) return { headers: headerCells(row.cells), before }
    before.push(row.cells)
  }
  return { headers: [], before }
}

async function preview(
  db: Kysely<Database>,
  user: AuthUser,
  row: ImportView,
  open: () => AsyncIterable<Uint8Array>,
  language: Language,
) {
  const stored = row.settings as StoredSettings
  const format: Format = row.format === 'xlsx' ? 'xlsx' : 'csv'
  const { headers, before } = await headersOf(open(), format, stored.settings)
  const ctx = await rowContext(db, user, row.organisation_id, stored.settings, headers)
  const projectIds = [...new Set(ctx.codes.values())]
  const projects =
    projectIds.length > 0
      ? await db.selectFrom('project').where('id', 'in', projectIds).select(['id', 'name']).execute()
      : []
  const names = new Map(projects.map((p) => [p.id, p.name]))
  const rows: Static<typeof ImportPreview>['rows'] = []
  for await (const fileRow of readRows(open(), format, stored.settings)) {
    if (fileRow.rowNumber <= stored.settings.headerRow) continue
    const result = interpretRow(fileRow.cells, ctx)
    if (!result) continue
    rows.push({
      rowNumber: fileRow.rowNumber,
      cells: fileRow.cells,
      parsed: result.row
        ? {
            date: result.row.date,
            amountOre: result.row.amountOre,
            voucher: result.row.voucher,
            project: { id: result.row.projectId, name: names.get(result.row.projectId) ?? '' },
            category: result.row.category,
          }
        : null,
      errors: result.issues.map((i) => ({ column: i.column, code: i.code, message: i.message[language] })),
    })
    if (rows.length >= PREVIEW_ROWS) break
  }
  return { headers, before, rows }
}

async function detail(
  db: Kysely<Database>,
  user: AuthUser,
  importId: string,
  language: Language,
): Promise<Static<typeof FinanceImportDetail>> {
  const row = await servedImport(db, user, importId)
  return { ...toImport(row), preview: await preview(db, user, row, () => fileChunks(db, importId), language) }
}

export const getImport = detail

export async function listImports(
  db: Kysely<Database>,
  user: AuthUser,
  query: { organisationId: string; cursor?: string | undefined; limit?: number | undefined },
) {
  const root = await servedOrganisation(db, user, query.organisationId)
  const limit = query.limit ?? 50
  const after = decodeCursor(query.cursor, 1)
  let q = importQuery(db).where('i.organisation_id', '=', root)
  if (after) q = q.where('i.id', '<', String(after[0]))
  const rows = await q
    .orderBy('i.id', 'desc')
    .limit(limit + 1)
    .execute()
  const page = toPage(rows, limit, (r) => [r.id])
  return { items: page.items.map(toImport), nextCursor: page.nextCursor }
}

const unsupported = () =>
  new HttpProblem(415, 'unsupported_file', undefined, {
    detail: {
      sv: 'Filen är varken CSV eller XLSX. Exportera från ekonomisystemet som CSV (semikolon eller komma) eller Excel.',
      en: 'The file is neither CSV nor XLSX. Export from the finance system as CSV (semicolon or comma) or Excel.',
    },
  })

export async function uploadImport(
  db: Kysely<Database>,
  user: AuthUser,
  organisationId: string,
  file: { fileName: string } & FileSource,
  language: Language,
) {
  const root = await servedOrganisation(db, user, organisationId)
  const format = detectFormat(file.head)
  const extension = file.fileName.toLowerCase().split('.').pop() ?? ''
  if (
    !format ||
    (format === 'xlsx') !== (extension === 'xlsx') ||
    !['csv', 'txt', 'skv', 'xlsx'].includes(extension)
  ) {
    throw unsupported()
  }
  let detection: Awaited<ReturnType<typeof detect>>
  try {
    detection = await detect(file, format)
  } catch {
    throw unsupported()
  }
  const saved = (await organisationSettings(db, root)).columnMapping
  const fromProfile = saved !== null && mappingFits(saved, detection.headers)
  const stored: StoredSettings = {
    detected: detection.settings,
    settings: fromProfile && saved ? { ...detection.settings, mapping: saved } : detection.settings,
    mappingFromProfile: fromProfile,
  }
  // A first pass over the file for its checksum: the import row, which the stored file points
  // at, carries it.
  const hash = createHash('sha256')
  for await (const chunk of file.open()) hash.update(chunk)
  const sha256 = hash.digest('hex')
  const id = uuid()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('finance_import')
      .values({
        id,
        organisation_id: root,
        file_name: file.fileName.slice(0, 255) || 'export',
        file_size: file.size,
        file_sha256: sha256,
        format,
        settings: JSON.stringify(stored),
        created_by: user.id,
      })
      .execute()
    await storeFile(trx, id, file.open())
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'finance_import',
      entityId: id,
      action: 'upload',
      after: {
        fileName: file.fileName,
        size: file.size,
        format,
        organisationId: root,
        settings: stored.settings,
      },
    })
  })
  return detail(db, user, id, language)
}

export async function putImportSettings(
  db: Kysely<Database>,
  user: AuthUser,
  importId: string,
  expected: number,
  settings: Settings,
  remember: boolean,
  language: Language,
) {
  const row = await servedImport(db, user, importId)
  const content = fileChunks(db, importId)
  const format: Format = row.format === 'xlsx' ? 'xlsx' : 'csv'
  const { headers } = await headersOf(content, format, settings)
  checkMapping(settings.mapping, headers)
  await db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('finance_import')
      .where('id', '=', importId)
      .selectAll()
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (locked.version !== expected) throw staleVersion(toImport({ ...row, ...locked }))
    if (!['uploaded', 'validated', 'invalid', 'failed'].includes(locked.status))
      throw wrongState(locked.status)
    const stored = locked.settings as StoredSettings
    await trx.deleteFrom('finance_import_error').where('import_id', '=', importId).execute()
    await trx
      .updateTable('finance_import')
      .set({
        settings: JSON.stringify({ ...stored, settings }),
        status: 'uploaded',
        rows_total: null,
        rows_valid: null,
        rows_invalid: null,
        amount_total_ore: null,
        failure: null,
        version: locked.version + 1,
      })
      .where('id', '=', importId)
      .execute()
    if (remember) {
      const orgSettings = await lockOrganisationSettings(trx, locked.organisation_id)
      await trx
        .updateTable('finance_settings')
        .set({
          column_mapping: JSON.stringify(settings.mapping),
          version: orgSettings.version + 1,
          updated_at: new Date(),
        })
        .where('organisation_id', '=', locked.organisation_id)
        .execute()
    }
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'finance_import',
      entityId: importId,
      action: 'settings',
      before: stored.settings,
      after: { ...settings, remember },
    })
  })
  return detail(db, user, importId, language)
}

interface Scan {
  total: number
  valid: number
  invalid: number
  amountTotalOre: Ore
  errors: (RowIssue & { rowNumber: number })[]
}

/** Reads every data row through the mapping; `onRow` receives the valid ones with their identity. */
async function scan(
  db: Kysely<Database>,
  user: AuthUser,
  row: ImportRow,
  content: AsyncIterable<Uint8Array>,
  onRow?: (cost: CostRow, key: string, rowNumber: number) => Promise<void>,
  stopAtFirstError = false,
): Promise<Scan> {
  const { settings } = row.settings as StoredSettings
  const format: Format = row.format === 'xlsx' ? 'xlsx' : 'csv'
  const result: Scan = { total: 0, valid: 0, invalid: 0, amountTotalOre: 0, errors: [] }
  let ctx: RowContext | null = null
  const occurrences = new Map<string, number>()
  for await (const fileRow of readRows(content, format, settings)) {
    if (fileRow.rowNumber < settings.headerRow) continue
    if (fileRow.rowNumber === settings.headerRow) {
      const headers = headerCells(fileRow.cells)
      checkMapping(settings.mapping, headers)
      ctx = await rowContext(db, user, row.organisation_id, settings, headers)
      continue
    }
    if (!ctx) break
    const interpreted = interpretRow(fileRow.cells, ctx)
    if (!interpreted) continue
    result.total += 1
    if (!interpreted.row) {
      result.invalid += 1
      for (const issue of interpreted.issues) {
        if (result.errors.length < MAX_STORED_ERRORS)
          result.errors.push({ ...issue, rowNumber: fileRow.rowNumber })
      }
      if (stopAtFirstError) return result
      continue
    }
    result.valid += 1
    result.amountTotalOre = sumOre([result.amountTotalOre, interpreted.row.amountOre])
    if (onRow) {
      const base = rowKey(interpreted.row, 0)
      const seen = occurrences.get(base) ?? 0
      occurrences.set(base, seen + 1)
      await onRow(interpreted.row, seen === 0 ? base : rowKey(interpreted.row, seen), fileRow.rowNumber)
    }
  }
  if (!ctx) {
    throw invalidField('settings.headerRow', 'no_header', {
      sv: 'Filen har ingen rubrikrad där du angett den.',
      en: 'The file has no header row where you said it is.',
    })
  }
  return result
}

async function storeErrors(trx: Kysely<Database>, importId: string, errors: Scan['errors']) {
  await trx.deleteFrom('finance_import_error').where('import_id', '=', importId).execute()
  for (let i = 0; i < errors.length; i += 500) {
    await trx
      .insertInto('finance_import_error')
      .values(
        errors.slice(i, i + 500).map((e, j) => ({
          import_id: importId,
          seq: i + j + 1,
          row_number: e.rowNumber,
          column_name: e.column,
          value: e.value === null ? null : e.value.slice(0, 200),
          code: e.code,
          message_sv: e.message.sv,
          message_en: e.message.en,
        })),
      )
      .execute()
  }
}

/** Checks every row and records row-level errors; nothing is written to the actuals. */
export async function validateImport(db: Kysely<Database>, user: AuthUser, importId: string) {
  const view = await servedImport(db, user, importId)
  if (!['uploaded', 'validated', 'invalid', 'failed'].includes(view.status)) throw wrongState(view.status)
  const result = await scan(db, user, view, fileChunks(db, importId))
  const status = result.invalid === 0 && result.total > 0 ? 'validated' : 'invalid'
  await db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('finance_import')
      .where('id', '=', importId)
      .select(['version', 'status'])
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (locked.version !== view.version)
      throw staleVersion(
        toImport(await importQuery(trx).where('i.id', '=', importId).executeTakeFirstOrThrow()),
      )
    await storeErrors(trx, importId, result.errors)
    await trx
      .updateTable('finance_import')
      .set({
        status,
        rows_total: result.total,
        rows_valid: result.valid,
        rows_invalid: result.invalid,
        amount_total_ore: result.amountTotalOre,
        failure:
          result.total === 0
            ? 'Filen har inga rader under rubrikraden. / The file has no rows below the header row.'
            : null,
        version: locked.version + 1,
      })
      .where('id', '=', importId)
      .execute()
  })
  return toImport(await importQuery(db).where('i.id', '=', importId).executeTakeFirstOrThrow())
}

export async function listImportErrors(
  db: Kysely<Database>,
  user: AuthUser,
  importId: string,
  query: { cursor?: string | undefined; limit?: number | undefined },
  language: Language,
): Promise<{ items: Static<typeof ImportRowError>[]; nextCursor: string | null }> {
  await servedImport(db, user, importId)
  const limit = query.limit ?? 50
  const after = decodeCursor(query.cursor, 1)
  let q = db.selectFrom('finance_import_error').where('import_id', '=', importId)
  if (after) q = q.where('seq', '>', Number(after[0]))
  const rows = await q
    .selectAll()
    .orderBy('seq')
    .limit(limit + 1)
    .execute()
  const page = toPage(rows, limit, (r) => [r.seq])
  return {
    items: page.items.map((r) => ({
      rowNumber: r.row_number,
      column: r.column_name,
      value: r.value,
      code: r.code,
      message: language === 'sv' ? r.message_sv : r.message_en,
    })),
    nextCursor: page.nextCursor,
  }
}

/** Marks commits whose process died as failed and removes their invisible rows. */
export async function reapStaleCommits(db: Kysely<Database>, organisationId: string) {
  const cutoff = new Date(Date.now() - STALE_AFTER_MS)
  await db.transaction().execute(async (trx) => {
    const stale = await trx
      .selectFrom('finance_import')
      .where('organisation_id', '=', organisationId)
      .where('status', '=', 'committing')
      .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', cutoff)]))
      .select('id')
      .forUpdate()
      .execute()
    for (const { id } of stale) {
      await trx.deleteFrom('actual_cost').where('import_id', '=', id).execute()
      await trx
        .updateTable('finance_import')
        .set({
          status: 'failed',
          failure:
            'Importen avbröts innan den blev klar; inget räknades. / The import stopped before it finished; nothing counted.',
          rows_done: 0,
          heartbeat_at: null,
        })
        .where('id', '=', id)
        .execute()
    }
  })
}

export interface CommitOptions {
  batchRows?: number
  /** Called after each batch is written (progress is then visible to other requests). */
  afterBatch?: (rowsDone: number) => Promise<void>
}

class ImportInvalid extends Error {}

/**
 * Writes the rows of a validated import, all or nothing, with flat memory:
 * rows stream from the file and go in as multi-row inserts of `batchRows`, each batch in a
 * short transaction that also records progress. They stay invisible (the import is
 * 'committing') until the final transaction marks the import committed. A failure removes them;
 * a killed process leaves them invisible until the next commit reaps them. Rows whose
 * (voucher, row identity) is already imported are skipped, so re-imports never double-count.
 */
export async function commitImport(
  db: Kysely<Database>,
  user: AuthUser,
  importId: string,
  options: CommitOptions = {},
) {
  const batchRows = options.batchRows ?? BATCH_ROWS
  const view = await servedImport(db, user, importId)
  await reapStaleCommits(db, view.organisation_id)
  const started = await db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('finance_import')
      .where('id', '=', importId)
      .selectAll()
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (locked.status !== 'validated') throw wrongState(locked.status)
    return trx
      .updateTable('finance_import')
      .set({
        status: 'committing',
        heartbeat_at: new Date(),
        committed_by: user.id,
        rows_done: 0,
        failure: null,
        version: locked.version + 1,
      })
      .where('id', '=', importId)
      .returningAll()
      .executeTakeFirstOrThrow()
  })

  let inserted = 0
  let done = 0
  const perProject = new Map<string, { rows: number; amountOre: Ore }>()
  let batch: { cost: CostRow; key: string }[] = []
  const flush = async () => {
    if (batch.length === 0) return
    const rows = batch
    batch = []
    await db.transaction().execute(async (trx) => {
      const column = <T>(pick: (cost: CostRow, key: string) => T) =>
        rows.map(({ cost, key }) => pick(cost, key))
      // One array per column, unnested: the statement and its parameters stay the same whatever
      // the batch size, which both drivers bind far faster than thousands of scalars. Who
      // imported a row is on its import, so created_by stays null and costs no key check.
      const { rows: result } = await sql<{ project_id: string; amount_ore: number }>`
        insert into actual_cost (id, project_id, organisation_id, entry_date, amount_ore, category, account,
          cost_centre, voucher, description, source, import_id, row_key, created_by)
        select id, project_id, ${started.organisation_id}::uuid, entry_date, amount_ore, category, account,
          cost_centre, voucher, description, 'import', ${importId}::uuid, row_key, null
        from unnest(
          ${rows.map(() => uuid())}::uuid[], ${column((c) => c.projectId)}::uuid[], ${column((c) => c.date)}::date[],
          ${column((c) => String(c.amountOre))}::int8[], ${column((c) => c.category)}::text[],
          ${column((c) => c.account)}::text[], ${column((c) => c.costCentre)}::text[], ${column((c) => c.voucher)}::text[],
          ${column((c) => c.description)}::text[], ${column((_, k) => k)}::text[]
        ) as r(id, project_id, entry_date, amount_ore, category, account, cost_centre, voucher, description, row_key)
        on conflict (organisation_id, voucher, row_key) where row_key is not null do nothing
        returning project_id, amount_ore
      `.execute(trx)
      inserted += result.length
      for (const r of result) {
        const sum = perProject.get(r.project_id) ?? { rows: 0, amountOre: 0 }
        perProject.set(r.project_id, { rows: sum.rows + 1, amountOre: sumOre([sum.amountOre, r.amount_ore]) })
      }
      done += rows.length
      const alive = await trx
        .updateTable('finance_import')
        .set({ rows_done: done, heartbeat_at: new Date() })
        .where('id', '=', importId)
        .where('status', '=', 'committing')
        .returning('id')
        .executeTakeFirst()
      if (!alive) throw wrongState('failed')
    })
    await options.afterBatch?.(done)
  }

  try {
    const result = await scan(
      db,
      user,
      started,
      fileChunks(db, importId),
      async (cost, key) => {
        batch.push({ cost, key })
        if (batch.length >= batchRows) await flush()
      },
      true,
    )
    if (result.invalid > 0) {
      await db.transaction().execute((trx) => storeErrors(trx, importId, result.errors))
      throw new ImportInvalid()
    }
    await flush()
    return await db.transaction().execute(async (trx) => {
      const locked = await trx
        .selectFrom('finance_import')
        .where('id', '=', importId)
        .selectAll()
        .forUpdate()
        .executeTakeFirstOrThrow()
      if (locked.status !== 'committing') throw wrongState(locked.status)
      await trx
        .updateTable('finance_import')
        .set({
          status: 'committed',
          committed_at: new Date(),
          rows_total: result.total,
          rows_valid: result.valid,
          rows_invalid: 0,
          rows_done: done,
          rows_inserted: inserted,
          rows_duplicate: result.valid - inserted,
          amount_total_ore: result.amountTotalOre,
          heartbeat_at: null,
          version: locked.version + 1,
        })
        .where('id', '=', importId)
        .execute()
      // Its rows count from now on: in the roll-ups too, in this transaction.
      await addToRollup(trx, costsOf.import(importId))
      await recordAudit(trx, {
        actorId: user.id,
        entity: 'finance_import',
        entityId: importId,
        action: 'commit',
        after: {
          rows: result.valid,
          inserted,
          duplicate: result.valid - inserted,
          amountTotalOre: result.amountTotalOre,
        },
      })
      for (const [projectId, sum] of perProject) {
        await recordAudit(trx, {
          actorId: user.id,
          entity: 'finance_import',
          entityId: importId,
          projectId,
          action: 'import_actuals',
          after: { fileName: locked.file_name, rows: sum.rows, amountOre: sum.amountOre },
        })
      }
      return toImport(await importQuery(trx).where('i.id', '=', importId).executeTakeFirstOrThrow())
    })
  } catch (error) {
    const invalid = error instanceof ImportInvalid
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('actual_cost').where('import_id', '=', importId).execute()
      await trx
        .updateTable('finance_import')
        .set({
          status: invalid ? 'invalid' : 'failed',
          rows_done: 0,
          heartbeat_at: null,
          failure: invalid
            ? 'En rad gick inte att läsa; inget skrevs. / A row could not be read; nothing was written.'
            : 'Importen avbröts; inget skrevs. / The import was stopped; nothing was written.',
        })
        .where('id', '=', importId)
        .where('status', '=', 'committing')
        .execute()
    })
    if (invalid) {
      throw new HttpProblem(422, 'import_invalid', undefined, {
        detail: {
          sv: 'Importen stoppades av en rad med fel; inget skrevs. Se radfelen.',
          en: 'A row with errors stopped the import; nothing was written. See the row errors.',
        },
      })
    }
    throw error
  }
}

/** Takes back every row of a committed import; the import itself stays on record. */
export async function rollbackImport(db: Kysely<Database>, user: AuthUser, importId: string, reason: string) {
  await servedImport(db, user, importId)
  await db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('finance_import')
      .where('id', '=', importId)
      .selectAll()
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (locked.status !== 'committed') throw wrongState(locked.status)
    const already = await trx
      .selectFrom('finance_import_rollback')
      .where('import_id', '=', importId)
      .select('id')
      .executeTakeFirst()
    if (already) {
      throw new HttpProblem(409, 'already_rolled_back', undefined, {
        detail: { sv: 'Importen är redan återkallad.', en: 'The import is already rolled back.' },
      })
    }
    await removeFromRollup(trx, costsOf.import(importId))
    const removed = await trx
      .deleteFrom('actual_cost')
      .where('import_id', '=', importId)
      .returning(['project_id', 'amount_ore'])
      .execute()
    await trx
      .insertInto('finance_import_rollback')
      .values({
        id: uuid(),
        import_id: importId,
        rolled_back_by: user.id,
        reason,
        rows_removed: removed.length,
      })
      .execute()
    const perProject = new Map<string, Ore[]>()
    for (const r of removed)
      perProject.set(r.project_id, [...(perProject.get(r.project_id) ?? []), r.amount_ore])
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'finance_import',
      entityId: importId,
      action: 'rollback',
      after: { reason, rowsRemoved: removed.length },
    })
    for (const [projectId, amounts] of perProject) {
      await recordAudit(trx, {
        actorId: user.id,
        entity: 'finance_import',
        entityId: importId,
        projectId,
        action: 'rollback_actuals',
        before: { fileName: locked.file_name, rows: amounts.length, amountOre: sumOre(amounts) },
      })
    }
  })
  return toImport(await importQuery(db).where('i.id', '=', importId).executeTakeFirstOrThrow())
}

export async function discardImport(db: Kysely<Database>, user: AuthUser, importId: string) {
  await servedImport(db, user, importId)
  await db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('finance_import')
      .where('id', '=', importId)
      .selectAll()
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (locked.status === 'committed' || locked.status === 'committing') throw wrongState(locked.status)
    await trx.deleteFrom('actual_cost').where('import_id', '=', importId).execute()
    await trx.deleteFrom('finance_import').where('id', '=', importId).execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'finance_import',
      entityId: importId,
      action: 'discard',
      before: { fileName: locked.file_name, status: locked.status },
    })
  })
}
