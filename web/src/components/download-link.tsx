import { type MouseEvent, type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiProblem, madeUpProblem, problemFrom } from '../lib/api-client'
import { fileNameFromDisposition } from '../lib/content-disposition'
import { ProblemAlert } from './problem-alert'

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob)
  const anchor = document.createElement('a')
  anchor.href = url
  anchor.download = name
  document.body.append(anchor)
  anchor.click()
  anchor.remove()
  // The browser has started the download by now; the blob is released a little later.
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}

/**
 * A link to a generated file (XLSX, DOCX, PDF) that shows that the file is being made: exports
 * of a large portfolio or report take seconds, and a plain link gives no sign of life meanwhile.
 * The click fetches the file itself, marks the link busy and disabled, announces progress and
 * the result through a status line, and shows the server's problem if it fails. The href stays
 * a real address, so opening it in a new tab or without JavaScript works as before.
 */
export function DownloadLink({
  href,
  className,
  children,
  'aria-label': label,
}: {
  href: string
  className?: string
  children: ReactNode
  'aria-label'?: string
}) {
  const { t, i18n } = useTranslation('common')
  const [state, setState] = useState<{ busy: boolean; done: string | null; error: unknown }>({
    busy: false,
    done: null,
    error: null,
  })
  const onClick = async (event: MouseEvent<HTMLAnchorElement>) => {
    // Modified clicks (new tab, save as) are the browser's to handle.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    if (state.busy) return
    setState({ busy: true, done: null, error: null })
    try {
      let response: Response
      try {
        response = await fetch(href, {
          credentials: 'same-origin',
          headers: { 'accept-language': i18n.language || 'sv' },
        })
      } catch {
        throw new ApiProblem(madeUpProblem(0, 'network', 'Network error'))
      }
      if (!response.ok) throw await problemFrom(response)
      const name =
        fileNameFromDisposition(response.headers.get('content-disposition')) ??
        decodeURIComponent(new URL(href, window.location.href).pathname.split('/').pop() ?? 'fil')
      save(await response.blob(), name)
      setState({ busy: false, done: name, error: null })
    } catch (error) {
      setState({ busy: false, done: null, error })
    }
  }
  return (
    <>
      <a
        href={href}
        download
        className={className}
        aria-label={label}
        aria-disabled={state.busy || undefined}
        aria-busy={state.busy || undefined}
        onClick={onClick}
      >
        {children}
      </a>
      <span role="status" className="download-status muted small">
        {state.busy ? t('download.preparing') : state.done ? t('download.done', { name: state.done }) : ''}
      </span>
      {state.error ? <ProblemAlert error={state.error} /> : null}
    </>
  )
}
