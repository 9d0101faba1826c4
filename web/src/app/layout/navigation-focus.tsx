import { useRouter } from '@tanstack/react-router'
import { useEffect } from 'react'
import { focusPageHeading, takeKeepFocus } from '../../lib/navigation-focus'

/**
 * Moves focus to the new page's h1 after each change of page (not on the first load,
 * and not when only the search changes, e.g. while typing in a filter).
 */
export function NavigationFocus() {
  const router = useRouter()
  useEffect(
    () =>
      router.subscribe('onRendered', (event) => {
        if (!event.fromLocation || !event.pathChanged) return
        if (takeKeepFocus()) return
        requestAnimationFrame(focusPageHeading)
      }),
    [router],
  )
  return null
}
