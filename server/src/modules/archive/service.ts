import { createHash } from 'node:crypto'
import type { ArchiveManifest, ArchiveManifestFile, ArchiveSelection } from '@lagesbild/shared/api/archive'
import { archiveRoles } from '@lagesbild/shared/domain/access'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import type { Language } from '@lagesbild/shared/http/language'
import { stringify } from 'csv-stringify/sync'
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate'
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { invalidField, notFound } from '../../plugins/problem.ts'
import { safeFileName } from '../documents/filename.ts'
import { renderDocument } from '../documents/render.ts'
import { decisionsCsv, decisionsOfProjects, decisionsWorkbook } from '../governance/decisions.ts'
import { listSubmittedReports, reportStatus } from '../reports/queries.ts'
import { finalReportDocument } from '../reports/service.ts'

type Db = Kysely<Database>
type Selection = Static<typeof ArchiveSelection>
type ManifestFile = Static<typeof ArchiveManifestFile>
type Manifest = Static<typeof ArchiveManifest>

export interface ArchivePackage {
  fileName: string
  /**
   * The ZIP in pieces, one entry's worth at a time. Nothing is rendered until it is read: each
   * report is rendered when the previous one has been taken, so a slow client holds back the
   * rendering rather than piling the archive up in memory.
   */
  chunks: AsyncGenerator<Uint8Array>
}

const words = {
  sv: {
    register: 'beslutsregister',
    reports: 'slutrapporter',
    fileName: (name: string, date: string) => `Arkivleverans ${name} ${date}`,
    status: { submitted: 'inlämnad', approved: 'godkänd', returned: 'återremitterad', draft: 'utkast' },
    columns: [
      'Fil',
      'Slag',
      'Diarienummer',
      'Projekt',
      'Projektets diarienummer',
      'Datum',
      'Status',
      'Byte',
      'SHA-256',
    ],
  },
  en: {
    register: 'decision-register',
    reports: 'final-reports',
    fileName: (name: string, date: string) => `Archive package ${name} ${date}`,
    status: { submitted: 'submitted', approved: 'approved', returned: 'returned', draft: 'draft' },
    columns: [
      'File',
      'Kind',
      'Reference number',
      'Project',
      "Project's reference number",
      'Date',
      'Status',
      'Bytes',
      'SHA-256',
    ],
  },
} satisfies Record<Language, unknown>

/**
 * The organisations where the user may deliver to the archive: those they hold an archive role on
 * and everything below them. A role elsewhere (viewer, finance, a project role) reaches nothing.
 */
function archivedOrganisations(db: Db, user: AuthUser) {
  return db
    .selectFrom('role_grant as g')
    .innerJoin('organisation_closure as c', 'c.ancestor_id', 'g.organisation_id')
    .where('g.user_id', '=', user.id)
    .where('g.role', 'in', [...archiveRoles])
    .select('c.descendant_id')
}

/**
 * What the selection names and the projects in it (sub-projects with their main project) that the
 * user may archive: owned, or funded through a programme owned, under an organisation they hold an
 * archive role on. A selection outside that reach is not found, so nothing is told about it.
 */
async function resolveSelection(
  db: Db,
  user: AuthUser,
  selection: Selection,
): Promise<{ kind: string; id: string; name: string; projectIds: string[] }> {
  const given = Object.entries(selection).filter(([, v]) => v !== undefined)
  if (given.length !== 1) {
    throw invalidField('query.projectId', 'one_selection', {
      sv: 'Välj ett projekt, ett program eller en organisation att arkivera.',
      en: 'Choose one project, programme or organisation to archive.',
    })
  }
  const [field, id] = given[0] as [keyof Selection, string]
  const reached = archivedOrganisations(db, user)
  let name: string | undefined
  let inScope: RawBuilder<SqlBool>
  if (field === 'projectId') {
    name = (await db.selectFrom('project').where('id', '=', id).select('name').executeTakeFirst())?.name
    inScope = sql<SqlBool>`(p.id = ${id} or p.parent_id = ${id})`
  } else if (field === 'programmeId') {
    const programme = await db
      .selectFrom('programme')
      .where('id', '=', id)
      .where('owner_organisation_id', 'in', reached)
      .select('name')
      .executeTakeFirst()
    name = programme?.name
    inScope = sql<SqlBool>`(p.programme_id = ${id} or parent.programme_id = ${id})`
  } else {
    const organisation = await db
      .selectFrom('organisation')
      .where('id', '=', id)
      .where('id', 'in', reached)
      .select('name')
      .executeTakeFirst()
    name = organisation?.name
    inScope = sql<SqlBool>`coalesce(parent.owner_organisation_id, p.owner_organisation_id) in
      (select descendant_id from organisation_closure where ancestor_id = ${id})`
  }
  if (!name) throw notFound()
  const projects = await db
    .selectFrom('project as p')
    .leftJoin('project as parent', 'parent.id', 'p.parent_id')
    .leftJoin('programme as pr', (j) =>
      j.on(sql<SqlBool>`pr.id = coalesce(parent.programme_id, p.programme_id)`),
    )
    .where(inScope)
    .where((eb) =>
      eb.or([
        eb(sql`coalesce(parent.owner_organisation_id, p.owner_organisation_id)`, 'in', reached),
        eb('pr.owner_organisation_id', 'in', reached),
      ]),
    )
    .select('p.id')
    .orderBy('p.id')
    .execute()
  if (field === 'projectId' && !projects.some((p) => p.id === id)) throw notFound()
  return { kind: field.replace('Id', ''), id, name, projectIds: projects.map((p) => p.id) }
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')

/** The report's file name in the package: its diarienummer, which a path cannot hold a slash of. */
function reportFileName(diaryNumber: string | null, fallback: string): string {
  return safeFileName((diaryNumber ?? fallback).replaceAll('/', '_'))
}

/**
 * The archive package: the decision register of the selected projects (XLSX, and CSV for a copy
 * any program reads), every submitted final report and addendum as PDF and DOCX named by its
 * diarienummer, and a manifest (JSON and CSV) with each file's SHA-256, so the archive can check
 * what it received. Submitted reports render from their frozen snapshot, as they were handed in.
 *
 * Everything that can refuse the request (the selection, its reach, the lists of what goes in)
 * is decided here, before the package starts; the documents are rendered as the package is read.
 */
export async function openArchivePackage(
  db: Db,
  user: AuthUser,
  selection: Selection,
  language: Language,
  now: Date = new Date(),
): Promise<ArchivePackage> {
  const scope = await resolveSelection(db, user, selection)
  const [decisions, reports] = await Promise.all([
    decisionsOfProjects(db, user, scope.projectIds),
    listSubmittedReports(db, scope.projectIds),
  ])
  const projects = new Map(
    scope.projectIds.length === 0
      ? []
      : (
          await db
            .selectFrom('project')
            .where('id', 'in', scope.projectIds)
            .select(['id', 'name', 'code'])
            .execute()
        ).map((p) => [p.id, p]),
  )
  return {
    fileName: words[language].fileName(scope.name, todayInSweden(now)),
    chunks: packageChunks(db, user, language, now, { scope, decisions, reports, projects }),
  }
}

/** What goes into the package, listed before the first byte of it is written. */
interface Contents {
  scope: { kind: string; id: string; name: string }
  decisions: Awaited<ReturnType<typeof decisionsOfProjects>>
  reports: Awaited<ReturnType<typeof listSubmittedReports>>
  projects: Map<string, { id: string; name: string; code: string | null }>
}

async function* packageChunks(
  db: Db,
  user: AuthUser,
  language: Language,
  now: Date,
  { scope, decisions, reports, projects }: Contents,
): AsyncGenerator<Uint8Array> {
  const w = words[language]
  // The ZIP writer hands its output over synchronously while an entry is pushed; it is collected
  // here and yielded before the next document is rendered, so at most one entry is held.
  let pending: Uint8Array[] = []
  let failure: Error | null = null
  const zip = new Zip((error, chunk) => {
    if (error) failure = error
    else pending.push(chunk)
  })
  const take = () => {
    if (failure) throw failure
    const chunks = pending
    pending = []
    return chunks
  }
  const store = (file: string, data: Uint8Array) => {
    // Already compressed formats are stored as they are; deflating them again only costs time.
    const entry = /\.(pdf|docx|xlsx)$/.test(file)
      ? new ZipPassThrough(file)
      : new ZipDeflate(file, { level: 6 })
    entry.mtime = now
    zip.add(entry)
    entry.push(data, true)
    return take()
  }

  const listed: ManifestFile[] = []
  const add = (file: string, data: Uint8Array, entry: Omit<ManifestFile, 'file' | 'bytes' | 'sha256'>) => {
    listed.push({ file, ...entry, bytes: data.byteLength, sha256: sha256(data) })
    return store(file, data)
  }

  const registerEntry = {
    kind: 'decision_register' as const,
    diaryNumber: null,
    project: null,
    projectCode: null,
    date: todayInSweden(now),
    status: null,
  }
  yield* add(`${w.register}.xlsx`, await decisionsWorkbook(decisions, language), registerEntry)
  yield* add(`${w.register}.csv`, decisionsCsv(decisions, language), registerEntry)

  const taken = new Set<string>()
  for (const report of reports) {
    const project = projects.get(report.project_id)
    const base = reportFileName(
      report.diary_number,
      `${project?.code ?? project?.name ?? report.project_id} ${report.report_date} ${report.id.slice(-8)}`,
    )
    // Two reports without a diarienummer on one day of one project still get a file each.
    const name = taken.has(base) ? `${base} ${report.id.slice(-8)}` : base
    taken.add(name)
    const { model } = await finalReportDocument(db, report.project_id, report.id)
    const entry = {
      kind: report.kind === 'addendum' ? ('addendum' as const) : ('final_report' as const),
      diaryNumber: report.diary_number,
      project: project?.name ?? null,
      projectCode: project?.code ?? null,
      date: report.report_date,
      status: w.status[reportStatus(report)],
    }
    yield* add(`${w.reports}/${name}.pdf`, await renderDocument(model, 'pdf'), entry)
    yield* add(`${w.reports}/${name}.docx`, await renderDocument(model, 'docx'), entry)
  }

  const manifest: Manifest = {
    format: 'lagesbild.archive',
    version: 1,
    createdAt: now.toISOString(),
    createdBy: user.name,
    selection: { kind: scope.kind, id: scope.id, name: scope.name },
    files: listed,
  }
  yield* store('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'))
  yield* store(
    'manifest.csv',
    Buffer.from(
      stringify(
        listed.map((f) => [
          f.file,
          f.kind,
          f.diaryNumber ?? '',
          f.project ?? '',
          f.projectCode ?? '',
          f.date ?? '',
          f.status ?? '',
          String(f.bytes),
          f.sha256,
        ]),
        { header: true, columns: w.columns, delimiter: ';', bom: true, record_delimiter: 'windows' },
      ),
      'utf8',
    ),
  )
  // The central directory, written once every entry is in.
  zip.end()
  yield* take()
}
