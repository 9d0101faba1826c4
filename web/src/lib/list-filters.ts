import { useRouter } from '@tanstack/react-router'
import { useEffect, useState } from 'react'
import { useDebouncedValue } from './use-debounced-value'

const FIRST_YEAR = 2010

/** The years a list can be filtered by, newest first: from 2010 to five years ahead. */
export function yearOptions(now = new Date()): { value: string; label: string }[] {
  const years: { value: string; label: string }[] = []
  for (let year = now.getFullYear() + 5; year >= FIRST_YEAR; year -= 1)
    years.push({ value: String(year), label: String(year) })
  return years
}

/**
 * The text of a list's search box, written into the URL (`apply`) once typing has settled for
 * 300 ms, so the list is fetched once per search and not once per keystroke. A search that settles
 * after the user has left `pathname` is dropped, so it cannot pull them back.
 */
export function useSettledSearchText(
  pathname: string,
  current: string | undefined,
  apply: (q: string | undefined) => void,
) {
  const router = useRouter()
  const [text, setText] = useState(current ?? '')
  const settled = useDebouncedValue(text, 300)
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled search text should navigate
  useEffect(() => {
    const next = settled.trim() || undefined
    if (router.state.location.pathname !== pathname) return
    if (next !== current) apply(next)
  }, [settled])
  return [text, setText] as const
}
