import {
  reportGenerators,
  type SectionKind,
  sectionKeyFrom,
  sectionKinds,
  type TemplateSection,
} from '@lagesbild/shared/domain/report-template'
import { Link, useParams } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Breadcrumbs } from '../../../components/breadcrumbs'
import { Button } from '../../../components/button'
import { Checkbox } from '../../../components/checkbox'
import { Field } from '../../../components/field'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { TextArea } from '../../../components/text-area'
import { isApiProblem } from '../../../lib/api-client'
import { hasOrganisationRole, useCurrentUser } from '../../../lib/current-user'
import { formatTimestamp } from '../../../lib/format'
import { currentLanguage } from '../../../lib/i18n'
import { type ReportTemplate, useReportTemplate } from '../api/get-report-template'
import { useUpdateReportTemplate } from '../api/update-report-template'
import './reports.css'

/** A template: read it, or as its organisation's administrator edit it into a new version. */
export function ReportTemplatePage() {
  const { t } = useTranslation('reports')
  const { templateId } = useParams({ from: '/authenticated/report-templates/$templateId' })
  const { data: template } = useReportTemplate(templateId)
  const isAdmin = hasOrganisationRole(useCurrentUser(), ['administrator'])

  return (
    <div className="report-template">
      <PageHeader
        title={template.name}
        breadcrumbs={
          <Breadcrumbs label={t('report.breadcrumbs')}>
            <li>
              <Link to="/report-templates">{t('templates.title')}</Link>
            </li>
            <li aria-current="page">{template.name}</li>
          </Breadcrumbs>
        }
        description={
          <p>
            {template.organisation?.name ?? t('templates.builtIn')} · {t('templates.version')}{' '}
            {template.version}
          </p>
        }
      />
      {template.builtIn ? (
        <div className="alert alert--info" role="status">
          <p>{t('templates.builtInReadOnly')}</p>
        </div>
      ) : null}
      {!template.builtIn && !isAdmin ? (
        <div className="alert alert--info" role="status">
          <p>{t('templates.notAdmin')}</p>
        </div>
      ) : null}
      {!template.builtIn && isAdmin ? (
        <TemplateEditor key={template.id} template={template} />
      ) : (
        <TemplateReadOnly template={template} />
      )}
      <section className="panel" aria-labelledby="template-versions-title">
        <h2 id="template-versions-title">{t('templates.versions')}</h2>
        <ul>
          {template.versions.map((v) => (
            <li key={v.number}>
              {t('templates.versionLine', { number: v.number, time: formatTimestamp(v.createdAt) })}
              {v.createdBy ? ` · ${v.createdBy.name}` : ''}
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}

function TemplateReadOnly({ template }: { template: ReportTemplate }) {
  const { t } = useTranslation('reports')
  const language = currentLanguage()
  return (
    <ol className="template-sections">
      {template.sections.map((section) => (
        <li key={section.key} className="panel template-section">
          <h2>{section.heading[language] || section.heading.sv}</h2>
          <p className="muted small">{t(`templates.kinds.${section.kind}`)}</p>
          <p>{section.guidance[language] || section.guidance.sv}</p>
        </li>
      ))}
    </ol>
  )
}

function TemplateEditor({ template }: { template: ReportTemplate }) {
  const { t } = useTranslation('reports')
  const language = currentLanguage()
  const update = useUpdateReportTemplate(template.id)
  const [name, setName] = useState(template.name)
  const [sections, setSections] = useState<TemplateSection[]>(template.sections)
  const [added, setAdded] = useState<ReadonlySet<string>>(new Set())
  const [savedVersion, setSavedVersion] = useState<number | null>(null)

  const change = (index: number, patch: Partial<TemplateSection>) =>
    setSections((all) => all.map((s, i) => (i === index ? { ...s, ...patch } : s)))

  function rename(index: number, heading: string) {
    const section = sections[index]
    if (!section) return
    const patch: Partial<TemplateSection> = { heading: { ...section.heading, sv: heading } }
    // A new section takes its key from its heading; an existing one keeps its key, so its text follows it.
    if (added.has(section.key)) {
      const key = sectionKeyFrom(
        heading,
        sections.filter((_, i) => i !== index).map((s) => s.key),
      )
      patch.key = key
      setAdded((keys) => new Set([...[...keys].filter((k) => k !== section.key), key]))
    }
    change(index, patch)
  }

  function move(index: number, by: -1 | 1) {
    setSections((all) => {
      const next = [...all]
      const [item] = next.splice(index, 1)
      if (item) next.splice(index + by, 0, item)
      return next
    })
  }

  function add() {
    const key = sectionKeyFrom(
      t('templates.newSection'),
      sections.map((s) => s.key),
    )
    setSections((all) => [
      ...all,
      {
        key,
        heading: { sv: t('templates.newSection'), en: '' },
        guidance: { sv: '', en: '' },
        kind: 'narrative',
        generators: [],
      },
    ])
    setAdded((keys) => new Set([...keys, key]))
  }

  function setKind(index: number, kind: SectionKind) {
    change(index, kind === 'narrative' ? { kind, generators: [] } : { kind })
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setSavedVersion(null)
    update.mutate(
      { version: template.version, name, sections },
      { onSuccess: (saved) => setSavedVersion(saved.version) },
    )
  }

  const errorsOf = (index: number) =>
    (update.error?.fieldErrors ?? [])
      .filter((e) => e.field.startsWith(`sections.${index}.`))
      .map((e) => e.message)
  const conflict = isApiProblem(update.error) && update.error.status === 409

  return (
    <form className="form" onSubmit={submit} noValidate>
      <Field
        id="template-name"
        label={t('templates.templateName')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
      />
      <h2>{t('templates.sections')}</h2>
      <ol className="template-sections">
        {sections.map((section, index) => {
          const id = `section-${index}`
          const errors = errorsOf(index)
          return (
            <li key={section.key} className="panel template-section">
              <fieldset aria-labelledby={`${id}-legend`}>
                <h3 id={`${id}-legend`}>
                  {t('templates.sectionN', { n: index + 1 })}:{' '}
                  {section.heading[language] || section.heading.sv}
                </h3>
                {errors.length > 0 ? (
                  <div className="alert alert--error" role="alert">
                    {errors.map((message) => (
                      <p key={message}>{message}</p>
                    ))}
                  </div>
                ) : null}
                <Field
                  id={`${id}-heading-sv`}
                  label={t('templates.headingSv')}
                  value={section.heading.sv}
                  onChange={(e) => rename(index, e.target.value)}
                  required
                />
                <Field
                  id={`${id}-heading-en`}
                  label={t('templates.headingEn')}
                  value={section.heading.en}
                  onChange={(e) => change(index, { heading: { ...section.heading, en: e.target.value } })}
                />
                <TextArea
                  id={`${id}-guidance-sv`}
                  label={t('templates.guidanceSv')}
                  value={section.guidance.sv}
                  rows={4}
                  onChange={(e) => change(index, { guidance: { ...section.guidance, sv: e.target.value } })}
                />
                <TextArea
                  id={`${id}-guidance-en`}
                  label={t('templates.guidanceEn')}
                  value={section.guidance.en}
                  rows={4}
                  onChange={(e) => change(index, { guidance: { ...section.guidance, en: e.target.value } })}
                />
                <Select
                  id={`${id}-kind`}
                  label={t('templates.kind')}
                  width="medium"
                  value={section.kind}
                  options={sectionKinds.map((kind) => ({ value: kind, label: t(`templates.kinds.${kind}`) }))}
                  onChange={(e) => setKind(index, e.target.value as SectionKind)}
                />
                {section.kind !== 'narrative' ? (
                  <fieldset className="form-section">
                    <legend>{t('templates.generators')}</legend>
                    {reportGenerators.map((key) => {
                      const info = template.generators.find((g) => g.key === key)
                      return (
                        <Checkbox
                          key={key}
                          id={`${id}-generator-${key}`}
                          label={`${info?.label[language] ?? key}${info && !info.available ? ` ${t('templates.notYetAvailable')}` : ''}`}
                          checked={section.generators.includes(key)}
                          onChange={(e) =>
                            change(index, {
                              generators: e.target.checked
                                ? [...section.generators, key]
                                : section.generators.filter((g) => g !== key),
                            })
                          }
                        />
                      )
                    })}
                  </fieldset>
                ) : null}
              </fieldset>
              <div className="template-section__actions">
                <Button size="small" disabled={index === 0} onClick={() => move(index, -1)}>
                  {t('templates.moveUp')}
                </Button>
                <Button size="small" disabled={index === sections.length - 1} onClick={() => move(index, 1)}>
                  {t('templates.moveDown')}
                </Button>
                <Button
                  size="small"
                  variant="danger"
                  disabled={sections.length === 1}
                  onClick={() => setSections((all) => all.filter((_, i) => i !== index))}
                >
                  {t('templates.removeSection')}
                </Button>
              </div>
            </li>
          )
        })}
      </ol>
      <Button onClick={add}>{t('templates.addSection')}</Button>
      {conflict ? (
        <div className="alert alert--warning" role="alert">
          <p>{t('templates.conflict')}</p>
        </div>
      ) : update.isError ? (
        <ProblemAlert error={update.error} />
      ) : null}
      {savedVersion ? (
        <p role="status" className="alert alert--info">
          {t('templates.saved', { version: savedVersion })}
        </p>
      ) : null}
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={update.isPending}>
          {t('templates.save')}
        </Button>
      </div>
    </form>
  )
}
