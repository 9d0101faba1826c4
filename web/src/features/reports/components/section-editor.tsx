import type { EditorDoc } from '@lagesbild/shared/domain/rich-text'
import { useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { isApiProblem } from '../../../lib/api-client'
import { formatTimestamp } from '../../../lib/format'
import { queryKeys } from '../../../lib/query-keys'
import type { FinalReport, FinalReportSection } from '../api/get-final-report'
import { isSavedSection, type SavedSection, saveFinalReportSection } from '../api/save-final-report-section'

const RichTextEditor = lazy(() => import('./rich-text-editor').then((m) => ({ default: m.RichTextEditor })))

const AUTOSAVE_DELAY_MS = 1200

type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'error' | 'conflict'

export interface SectionEditorProps {
  projectId: string
  reportId: string
  section: FinalReportSection
  headingId: string
  guidanceId: string
  /** Tells the page whether this section has changes not yet saved (it holds back submission). */
  onPendingChange: (key: string, pending: boolean) => void
}

/**
 * One section's narrative with autosave: saved a moment after typing stops, with the version
 * read; on 409 the writer chooses between their text and what someone else saved.
 */
export function SectionEditor({
  projectId,
  reportId,
  section,
  headingId,
  guidanceId,
  onPendingChange,
}: SectionEditorProps) {
  const { t } = useTranslation('reports')
  const queryClient = useQueryClient()
  const [state, setState] = useState<SaveState>('idle')
  const [savedAt, setSavedAt] = useState<string | null>(section.updatedAt)
  const [conflict, setConflict] = useState<SavedSection | null>(null)
  const [editorKey, setEditorKey] = useState(0)
  const [initial, setInitial] = useState<EditorDoc>(
    () => (section.content ?? { type: 'doc', content: [] }) as EditorDoc,
  )
  const latest = useRef<EditorDoc>(initial)
  const version = useRef(section.version ?? 1)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const inFlight = useRef(false)

  const remember = useCallback(
    (saved: SavedSection) => {
      queryClient.setQueryData<FinalReport>(queryKeys.finalReports.detail(projectId, reportId), (report) =>
        report
          ? {
              ...report,
              sections: report.sections.map((s) =>
                s.key === saved.key
                  ? {
                      ...s,
                      content: saved.content,
                      version: saved.version,
                      updatedAt: saved.updatedAt,
                      updatedBy: saved.updatedBy,
                    }
                  : s,
              ),
            }
          : report,
      )
      void queryClient.invalidateQueries({ queryKey: queryKeys.finalReports.document(projectId, reportId) })
    },
    [queryClient, projectId, reportId],
  )

  const save = useCallback(
    async (againstVersion: number) => {
      if (inFlight.current) return
      inFlight.current = true
      const sent = latest.current
      setState('saving')
      try {
        const saved = await saveFinalReportSection(projectId, reportId, section.key, againstVersion, sent)
        version.current = saved.version
        setSavedAt(saved.updatedAt)
        setConflict(null)
        remember(saved)
        const changedMeanwhile = latest.current !== sent
        setState(changedMeanwhile ? 'dirty' : 'saved')
        onPendingChange(section.key, changedMeanwhile)
        if (changedMeanwhile) timer.current = setTimeout(() => void save(version.current), AUTOSAVE_DELAY_MS)
      } catch (error) {
        const current = isApiProblem(error) && error.status === 409 ? error.problem.current : undefined
        if (isSavedSection(current)) {
          setConflict(current)
          setState('conflict')
        } else {
          setState('error')
        }
      } finally {
        inFlight.current = false
      }
    },
    [projectId, reportId, section.key, remember, onPendingChange],
  )

  const onChange = useCallback(
    (doc: EditorDoc) => {
      latest.current = doc
      onPendingChange(section.key, true)
      setState((s) => (s === 'conflict' ? s : 'dirty'))
      if (timer.current) clearTimeout(timer.current)
      timer.current = setTimeout(() => void save(version.current), AUTOSAVE_DELAY_MS)
    },
    [save, section.key, onPendingChange],
  )

  // Leaving the page with unsaved text saves it on the way out.
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current)
        void saveFinalReportSection(projectId, reportId, section.key, version.current, latest.current).then(
          remember,
          () => {},
        )
      }
    },
    [projectId, reportId, section.key, remember],
  )

  function keepMine() {
    if (!conflict) return
    void save(conflict.version)
  }

  function takeTheirs() {
    if (!conflict) return
    const theirs = conflict.content as EditorDoc
    latest.current = theirs
    version.current = conflict.version
    setInitial(theirs)
    setEditorKey((k) => k + 1)
    setConflict(null)
    setState('saved')
    setSavedAt(conflict.updatedAt)
    remember(conflict)
    onPendingChange(section.key, false)
  }

  const status =
    state === 'saving'
      ? t('section.saving')
      : state === 'saved' || (state === 'idle' && savedAt && section.version !== 1)
        ? t('section.saved', { time: savedAt ? formatTimestamp(savedAt) : '' })
        : state === 'error'
          ? t('section.saveFailed')
          : t('section.unsaved')

  return (
    <div className="section-editor">
      <Suspense fallback={<p className="muted">{t('section.loadingEditor')}</p>}>
        <RichTextEditor
          key={editorKey}
          initial={initial}
          onChange={onChange}
          labelledBy={headingId}
          describedBy={guidanceId}
        />
      </Suspense>
      <div className="section-editor__status">
        <p aria-live="polite" className={state === 'error' ? 'section-editor__error' : 'muted small'}>
          {status}
        </p>
        {state === 'error' ? (
          <Button size="small" onClick={() => void save(version.current)}>
            {t('section.retry')}
          </Button>
        ) : null}
      </div>
      {conflict ? (
        <div className="alert alert--warning" role="alert">
          <p className="alert__title">{t('section.conflictTitle')}</p>
          <p>
            {t('section.conflictIntro', {
              name: conflict.updatedBy?.name ?? t('section.someone'),
              time: formatTimestamp(conflict.updatedAt),
            })}
          </p>
          <div className="button-row">
            <Button size="small" variant="primary" onClick={keepMine}>
              {t('section.keepMine')}
            </Button>
            <Button size="small" onClick={takeTheirs}>
              {t('section.takeTheirs')}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  )
}
