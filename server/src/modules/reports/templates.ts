import type {
  ReportTemplate,
  ReportTemplateCreate,
  ReportTemplateUpdate,
} from '@lagesbild/shared/api/reports'
import {
  generatorDescriptions,
  MUNICIPAL_TEMPLATE_REVISION,
  municipalTemplate,
  municipalTemplateName,
  reportGenerators,
  type TemplateSection,
  templateProblems,
} from '@lagesbild/shared/domain/report-template'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import { registerConstraintMessages } from '../../db/errors.ts'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { forbidden, invalidField, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { hasRoleOver, homeRoots, listAncestors } from '../organisations/queries.ts'
import {
  findBuiltInTemplate,
  findTemplate,
  findTemplateOfOrganisations,
  findTemplateVersion,
  listTemplatesUnder,
  listTemplateVersions,
  lockTemplate,
  toTemplateSummary,
} from './queries.ts'
import { reportSections } from './section-registry.ts'

registerConstraintMessages({
  report_template_organisation_id_key: {
    sv: 'Organisationen har redan en egen mall; ändra den i stället.',
    en: 'The organisation already has its own template; edit that one instead.',
  },
  report_template_organisation_id_fkey: {
    sv: 'Organisationen finns inte.',
    en: 'The organisation does not exist.',
  },
})

const BUILT_IN = 'municipal'

type TemplateT = Static<typeof ReportTemplate>

/**
 * The built-in municipal template exists once in every database, at the revision this code
 * knows; a newer revision becomes a new version and older reports keep theirs. Idempotent,
 * and safe when several instances start at once.
 */
export async function ensureBuiltInTemplate(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('report_template')
    .values({
      id: uuid(),
      builtin_key: BUILT_IN,
      name: municipalTemplateName.sv,
      version: MUNICIPAL_TEMPLATE_REVISION,
    })
    .onConflict((oc) => oc.doNothing())
    .execute()
  const template = await findBuiltInTemplate(db, BUILT_IN)
  if (!template) throw new Error('The built-in report template could not be created')
  await db
    .insertInto('report_template_version')
    .values({
      id: uuid(),
      template_id: template.id,
      number: MUNICIPAL_TEMPLATE_REVISION,
      name: municipalTemplateName.sv,
      sections: JSON.stringify(municipalTemplate),
    })
    .onConflict((oc) => oc.doNothing())
    .execute()
  await db
    .updateTable('report_template')
    .set({ version: MUNICIPAL_TEMPLATE_REVISION })
    .where('id', '=', template.id)
    .where('version', '<', MUNICIPAL_TEMPLATE_REVISION)
    .execute()
}

export function generatorList() {
  return reportGenerators.map((key) => ({
    key,
    label: generatorDescriptions[key].label,
    placeholder: generatorDescriptions[key].placeholder,
    available: reportSections.has(key),
  }))
}

async function loadTemplate(db: Kysely<Database>, id: string): Promise<TemplateT | null> {
  const row = await findTemplate(db, id)
  if (!row) return null
  const [current, versions] = await Promise.all([
    findTemplateVersion(db, id, row.version),
    listTemplateVersions(db, id),
  ])
  if (!current) return null
  return {
    ...toTemplateSummary(row),
    sections: current.sections as TemplateSection[],
    versions,
    generators: generatorList(),
  }
}

async function visibleTemplates(db: Kysely<Database>, user: AuthUser) {
  return listTemplatesUnder(db, await homeRoots(db, user))
}

export async function listTemplates(db: Kysely<Database>, user: AuthUser) {
  const rows = await visibleTemplates(db, user)
  return { items: rows.map(toTemplateSummary) }
}

async function findVisibleTemplate(db: Kysely<Database>, user: AuthUser, id: string) {
  const visible = await visibleTemplates(db, user)
  return visible.some((t) => t.id === id) ? loadTemplate(db, id) : null
}

export async function getTemplate(db: Kysely<Database>, user: AuthUser, id: string): Promise<TemplateT> {
  const template = await findVisibleTemplate(db, user, id)
  if (!template) throw notFound()
  return template
}

async function sourceTemplate(db: Kysely<Database>, user: AuthUser, basedOnTemplateId: string | undefined) {
  if (basedOnTemplateId) return findVisibleTemplate(db, user, basedOnTemplateId)
  await ensureBuiltInTemplate(db)
  const builtIn = await findBuiltInTemplate(db, BUILT_IN)
  return builtIn ? loadTemplate(db, builtIn.id) : null
}

function checkSections(sections: readonly TemplateSection[]) {
  const problem = templateProblems(sections)
  if (problem) throw invalidField(problem.field, problem.code, problem.message)
}

const administrators = ['administrator'] as const

export async function createTemplate(
  db: Kysely<Database>,
  user: AuthUser,
  input: Static<typeof ReportTemplateCreate>,
): Promise<TemplateT> {
  if (!(await hasRoleOver(db, user, input.organisationId, administrators))) {
    throw forbidden({
      sv: 'Bara en administratör för organisationen kan ge den en egen mall.',
      en: 'Only an administrator of the organisation can give it its own template.',
    })
  }
  const source = await sourceTemplate(db, user, input.basedOnTemplateId)
  if (!source) {
    throw invalidField('basedOnTemplateId', 'unknown_reference', {
      sv: 'Mallen att utgå från finns inte.',
      en: 'The template to start from does not exist.',
    })
  }
  const id = uuid()
  const name = input.name?.trim() || source.name
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('report_template')
      .values({ id, organisation_id: input.organisationId, name, version: 1 })
      .execute()
    await trx
      .insertInto('report_template_version')
      .values({
        id: uuid(),
        template_id: id,
        number: 1,
        name,
        sections: JSON.stringify(source.sections),
        created_by: user.id,
      })
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'report_template',
      entityId: id,
      action: 'create',
      after: { organisationId: input.organisationId, name, basedOn: source.id, sections: source.sections },
    })
  })
  return getTemplate(db, user, id)
}

export async function updateTemplate(
  db: Kysely<Database>,
  user: AuthUser,
  id: string,
  version: number,
  input: Omit<Static<typeof ReportTemplateUpdate>, 'version'>,
): Promise<TemplateT> {
  await getTemplate(db, user, id)
  await db.transaction().execute(async (trx) => {
    const row = await lockTemplate(trx, id)
    if (!row) throw notFound()
    if (!row.organisation_id) {
      throw forbidden({
        sv: 'Den inbyggda mallen ändras inte; ge din organisation en egen mall och ändra den.',
        en: 'The built-in template is not edited; give your organisation its own template and edit that.',
      })
    }
    if (!(await hasRoleOver(trx, user, row.organisation_id, administrators))) throw forbidden()
    if (row.version !== version) throw staleVersion(await loadTemplate(trx, id))
    checkSections(input.sections)
    const before = await findTemplateVersion(trx, id, row.version)
    const next = row.version + 1
    const name = input.name.trim()
    await trx
      .insertInto('report_template_version')
      .values({
        id: uuid(),
        template_id: id,
        number: next,
        name,
        sections: JSON.stringify(input.sections),
        created_by: user.id,
      })
      .execute()
    await trx
      .updateTable('report_template')
      .set({ name, version: next, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', version)
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'report_template',
      entityId: id,
      action: 'update',
      before: { name: row.name, version: row.version, sections: before?.sections ?? null },
      after: { name, version: next, sections: input.sections },
    })
  })
  return getTemplate(db, user, id)
}

/**
 * The template version a new report of a project starts from: the template of the nearest
 * organisation above the project's owner that has one, else the built-in one.
 */
export async function templateVersionForOrganisation(db: Kysely<Database>, ownerOrganisationId: string) {
  const ancestors = await listAncestors(db, ownerOrganisationId)
  const chain = [ownerOrganisationId, ...[...ancestors].reverse().map((a) => a.id)]
  const templates = await findTemplateOfOrganisations(db, chain)
  const nearest = chain.map((orgId) => templates.find((t) => t.organisation_id === orgId)).find((t) => t)
  let template = nearest
  if (!template) {
    await ensureBuiltInTemplate(db)
    template = await findBuiltInTemplate(db, BUILT_IN)
  }
  const current = template && (await findTemplateVersion(db, template.id, template.version))
  if (!current) throw new Error('No report template version to start from')
  return current
}
