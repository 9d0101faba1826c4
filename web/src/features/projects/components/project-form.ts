import { isCalendarDate } from '@lagesbild/shared/domain/calendar-date'
import type { TFunction } from 'i18next'
import type { ProblemFieldError } from '../../../lib/api-client'
import type { ProjectCreate } from '../api/create-project'
import type { Project } from '../api/get-project'
import type { ProjectPatch } from '../api/update-project'

/** What the form holds: every control as text, '' for empty. */
export interface ProjectFormValues {
  name: string
  code: string
  ownerOrganisationId: string
  programmeId: string
  parentId: string
  client: string
  purpose: string
  background: string
  targetGroup: string
  plannedStart: string
  plannedEnd: string
  actualEnd: string
  leaderPersonId: string
}

export type ProjectFormField = keyof ProjectFormValues

export interface FormError {
  field: ProjectFormField
  message: string
}

/** The fields PATCH /api/projects/:id accepts, in the order the form shows them. */
export const editableFields = [
  'name',
  'code',
  'programmeId',
  'client',
  'purpose',
  'background',
  'targetGroup',
  'plannedStart',
  'plannedEnd',
  'actualEnd',
] as const satisfies readonly ProjectFormField[]

export type EditableField = (typeof editableFields)[number]

export const controlId = (field: ProjectFormField) => `project-${field}`

export const emptyProjectValues: ProjectFormValues = {
  name: '',
  code: '',
  ownerOrganisationId: '',
  programmeId: '',
  parentId: '',
  client: '',
  purpose: '',
  background: '',
  targetGroup: '',
  plannedStart: '',
  plannedEnd: '',
  actualEnd: '',
  leaderPersonId: '',
}

export function valuesFromProject(project: Project): ProjectFormValues {
  return {
    ...emptyProjectValues,
    name: project.name,
    code: project.code ?? '',
    ownerOrganisationId: project.ownerOrganisation.id,
    programmeId: project.programme?.id ?? '',
    parentId: project.parent?.id ?? '',
    client: project.client,
    purpose: project.purpose,
    background: project.background,
    targetGroup: project.targetGroup,
    plannedStart: project.plannedStart,
    plannedEnd: project.plannedEnd,
    actualEnd: project.actualEnd ?? '',
  }
}

const trimmed = new Set<ProjectFormField>(['name', 'code'])

/** The value as the server will store it, for comparing two versions of a field. */
export function normalised(values: ProjectFormValues, field: ProjectFormField): string {
  return trimmed.has(field) ? values[field].trim() : values[field]
}

export function isFormField(field: string): field is ProjectFormField {
  return Object.hasOwn(emptyProjectValues, field)
}

function checkDate(
  values: ProjectFormValues,
  field: 'plannedStart' | 'plannedEnd' | 'actualEnd',
  required: boolean,
  t: TFunction<'projects'>,
): FormError | null {
  const value = values[field]
  if (!value) return required ? { field, message: t('form.errors.dateRequired') } : null
  return isCalendarDate(value) ? null : { field, message: t('form.errors.dateInvalid') }
}

/** The checks a person should hear about before a round trip; the server checks everything again. */
export function validateProject(
  values: ProjectFormValues,
  mode: 'create' | 'edit',
  t: TFunction<'projects'>,
): FormError[] {
  const errors: FormError[] = []
  if (!values.name.trim()) errors.push({ field: 'name', message: t('form.errors.nameRequired') })
  if (mode === 'create' && !values.ownerOrganisationId)
    errors.push({ field: 'ownerOrganisationId', message: t('form.errors.ownerRequired') })
  const start = checkDate(values, 'plannedStart', true, t)
  const end = checkDate(values, 'plannedEnd', true, t)
  const actualEnd = mode === 'edit' ? checkDate(values, 'actualEnd', false, t) : null
  for (const error of [start, end, actualEnd]) if (error) errors.push(error)
  if (!start && !end && values.plannedEnd < values.plannedStart)
    errors.push({ field: 'plannedEnd', message: t('form.errors.endBeforeStart') })
  if (!start && !actualEnd && values.actualEnd && values.actualEnd < values.plannedStart)
    errors.push({ field: 'actualEnd', message: t('form.errors.actualEndBeforeStart') })
  return errors
}

/** Server field errors that belong to a control of this form, in the form's order. */
export function serverFormErrors(errors: readonly ProblemFieldError[]): FormError[] {
  const order = Object.keys(emptyProjectValues)
  return errors
    .flatMap((error) => (isFormField(error.field) ? [{ field: error.field, message: error.message }] : []))
    .sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field))
}

export function toCreateBody(values: ProjectFormValues): ProjectCreate {
  return {
    name: values.name.trim(),
    code: values.code.trim() || null,
    ownerOrganisationId: values.ownerOrganisationId,
    programmeId: values.programmeId || null,
    parentId: values.parentId || null,
    client: values.client,
    purpose: values.purpose,
    background: values.background,
    targetGroup: values.targetGroup,
    plannedStart: values.plannedStart,
    plannedEnd: values.plannedEnd,
    leaderPersonId: values.leaderPersonId || null,
  }
}

/** Only the fields that differ from `base`, as the API wants them (no version). */
export function toPatch(values: ProjectFormValues, base: ProjectFormValues): ProjectPatch {
  const changed = (field: EditableField) => normalised(values, field) !== normalised(base, field)
  const patch: ProjectPatch = {}
  if (changed('name')) patch.name = values.name.trim()
  if (changed('code')) patch.code = values.code.trim() || null
  if (changed('programmeId')) patch.programmeId = values.programmeId || null
  if (changed('client')) patch.client = values.client
  if (changed('purpose')) patch.purpose = values.purpose
  if (changed('background')) patch.background = values.background
  if (changed('targetGroup')) patch.targetGroup = values.targetGroup
  if (changed('plannedStart')) patch.plannedStart = values.plannedStart
  if (changed('plannedEnd')) patch.plannedEnd = values.plannedEnd
  if (changed('actualEnd')) patch.actualEnd = values.actualEnd || null
  return patch
}

export function differingFields(a: ProjectFormValues, b: ProjectFormValues): EditableField[] {
  return editableFields.filter((field) => normalised(a, field) !== normalised(b, field))
}

/** The translation key of each field's label. */
export const fieldLabelKeys = {
  name: 'fields.name',
  code: 'fields.code',
  ownerOrganisationId: 'fields.ownerOrganisation',
  programmeId: 'fields.programme',
  parentId: 'fields.parent',
  client: 'fields.client',
  purpose: 'fields.purpose',
  background: 'fields.background',
  targetGroup: 'fields.targetGroup',
  plannedStart: 'fields.plannedStart',
  plannedEnd: 'fields.plannedEnd',
  actualEnd: 'fields.actualEnd',
  leaderPersonId: 'fields.leader',
} as const satisfies Record<ProjectFormField, `fields.${string}`>
