import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import {
  type DecisionKind,
  decisionKinds,
  nextParagraph,
  normaliseParagraph,
} from '@lagesbild/shared/domain/governance'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { Field } from '../../../components/field'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { TextArea } from '../../../components/text-area'
import { isApiProblem } from '../../../lib/api-client'
import { type Decision, type SteeringGroup, useRecordDecision } from '../api/governance'
import { useKeepingTranslation } from '../i18n-keeping'

type FieldName = 'paragraph' | 'date' | 'text'

/**
 * A keeper enters a decision of the group by hand, from the minutes of a meeting held or taken per
 * capsulam, and a correction or reversal as a new decision naming the one it supersedes. The next
 * free § of the chosen meeting is suggested; the register never changes a decision once entered.
 */
export function RecordDecision({
  group,
  decisions,
}: {
  group: SteeringGroup
  decisions: readonly Decision[]
}) {
  const { t } = useTranslation('governance')
  const { t: tk } = useKeepingTranslation()
  const record = useRecordDecision(group.id)
  const today = todayInSweden()
  const held = group.meetings.filter((m) => m.date <= today).sort((a, b) => b.date.localeCompare(a.date))
  const usedAt = (meetingId: string) =>
    decisions.filter((d) => d.meeting?.id === meetingId && d.paragraph).map((d) => d.paragraph ?? '')
  const suggest = (meetingId: string) => (meetingId ? nextParagraph(usedAt(meetingId)) : '')
  const [meetingId, setMeetingId] = useState(held[0]?.id ?? '')
  const [paragraph, setParagraph] = useState(suggest(held[0]?.id ?? ''))
  const [date, setDate] = useState(today)
  const [kind, setKind] = useState<DecisionKind>('other')
  const [projectId, setProjectId] = useState('')
  const [text, setText] = useState('')
  const [diaryNumber, setDiaryNumber] = useState('')
  const [supersedesId, setSupersedesId] = useState('')
  const [decidedBy, setDecidedBy] = useState('')
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({})
  const [recorded, setRecorded] = useState('')
  const meeting = held.find((m) => m.id === meetingId)
  const serverError = (field: string) =>
    isApiProblem(record.error) ? record.error.fieldError(field) : undefined
  const hasFieldError = isApiProblem(record.error) && record.error.fieldErrors.length > 0

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setRecorded('')
    const found: typeof errors = {}
    const normalised = normaliseParagraph(paragraph)
    if (normalised === null) found.paragraph = t('decide.paragraphInvalid')
    else if (normalised && meeting && usedAt(meeting.id).includes(normalised)) {
      found.paragraph = t('decide.paragraphTaken', { paragraph: normalised })
    }
    if (!meeting && (!date || date > today)) found.date = t('decide.dateInvalid')
    if (!text.trim()) found.text = tk('record.textRequired')
    setErrors(found)
    if (Object.keys(found).length > 0) return
    record.mutate(
      {
        date: meeting ? meeting.date : date,
        text,
        kind,
        paragraph: normalised || null,
        diaryNumber: diaryNumber.trim() || null,
        projectId: projectId || null,
        meetingId: meeting?.id ?? null,
        perCapsulam: !meeting,
        supersedesId: supersedesId || null,
        ...(decidedBy.trim() ? { decidedBy: decidedBy.trim() } : {}),
      },
      {
        onSuccess: (decision) => {
          setText('')
          setSupersedesId('')
          setParagraph(meeting ? nextParagraph([...usedAt(meeting.id), decision.paragraph ?? '']) : '')
          setRecorded(
            decision.paragraph
              ? tk('record.recordedParagraph', { paragraph: decision.paragraph })
              : tk('record.recorded'),
          )
        },
      },
    )
  }

  return (
    <form onSubmit={submit} aria-labelledby="record-decision-title" noValidate>
      <h3 id="record-decision-title">{tk('record.title')}</h3>
      <p className="muted">{tk('record.intro')}</p>
      {hasFieldError ? null : <ProblemAlert error={record.error} />}
      <Select
        id="record-meeting"
        label={t('decide.meeting')}
        hint={tk('record.meetingHint')}
        emptyOption={t('decide.perCapsulam')}
        options={held.map((m) => ({
          value: m.id,
          label: [t('decide.meetingOption', { date: m.date }), m.place].filter(Boolean).join(', '),
        }))}
        value={meetingId}
        onChange={(e) => {
          setMeetingId(e.target.value)
          setParagraph(suggest(e.target.value))
        }}
        error={serverError('meetingId')}
        width="medium"
      />
      {meeting ? (
        <p className="muted small">{t('decide.meetingDate', { date: meeting.date })}</p>
      ) : (
        <Field
          id="record-date"
          type="date"
          label={t('decide.date')}
          hint={t('decide.dateHint')}
          required
          max={today}
          value={date}
          onChange={(e) => setDate(e.target.value)}
          error={errors.date ?? serverError('date')}
          width="short"
        />
      )}
      <Field
        id="record-paragraph"
        label={t('decide.paragraph')}
        hint={
          meeting && usedAt(meeting.id).length > 0
            ? t('decide.paragraphUsed', { paragraphs: usedAt(meeting.id).join(', ') })
            : t('decide.paragraphHint')
        }
        autoComplete="off"
        value={paragraph}
        onChange={(e) => setParagraph(e.target.value)}
        error={errors.paragraph ?? serverError('paragraph')}
        width="short"
      />
      <Select
        id="record-kind"
        label={t('columns.kind')}
        options={decisionKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        value={kind}
        onChange={(e) => setKind(e.target.value as DecisionKind)}
        width="medium"
      />
      <Select
        id="record-project"
        label={t('columns.project')}
        emptyOption={tk('record.noProject')}
        options={group.projects.map((p) => ({ value: p.id, label: p.name, depth: p.parentId ? 1 : 0 }))}
        value={projectId}
        onChange={(e) => setProjectId(e.target.value)}
        error={serverError('projectId')}
      />
      <TextArea
        id="record-text"
        label={tk('record.text')}
        hint={tk('record.textHint')}
        required
        rows={4}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={errors.text ?? serverError('text')}
      />
      <Field
        id="record-diary-number"
        label={tk('record.diaryNumber')}
        hint={tk('record.diaryNumberHint')}
        value={diaryNumber}
        onChange={(e) => setDiaryNumber(e.target.value)}
        error={serverError('diaryNumber')}
        width="medium"
      />
      <Select
        id="record-supersedes"
        label={tk('record.supersedes')}
        hint={tk('record.supersedesHint')}
        emptyOption={tk('record.supersedesNone')}
        options={[...decisions].reverse().map((d) => ({
          value: d.id,
          label: [d.date, d.paragraph ? `§ ${d.paragraph}` : '', t(`kinds.${d.kind}`), d.project?.name ?? '']
            .filter(Boolean)
            .join(' – '),
        }))}
        value={supersedesId}
        onChange={(e) => setSupersedesId(e.target.value)}
        error={serverError('supersedesId')}
      />
      <Field
        id="record-decided-by"
        label={t('columns.decidedBy')}
        hint={tk('record.decidedByHint', { name: group.name })}
        value={decidedBy}
        onChange={(e) => setDecidedBy(e.target.value)}
        error={serverError('decidedBy')}
        width="medium"
      />
      <Button type="submit" disabled={record.isPending}>
        {tk('record.submit')}
      </Button>
      <p role="status" className="muted">
        {recorded}
      </p>
    </form>
  )
}
