import { useRouter } from '@tanstack/react-router'
import { useEffect } from 'react'
import { followPageHeading, takeKeepFocus } from '../../lib/navigation-focus'

/**
 * Moves focus to the new page's h1 after each change of page (not on the first load,
 * and not when only the search changes, e.g. while typing in a filter).
 */
export function NavigationFocus() {
  const router = useRouter()
  useEffect(() => {
    // What had focus when the navigation began: the link or button the person used.
    let origin: Element | null = null
    let stop: (() => void) | null = null
    const offBefore = router.subscribe('onBeforeNavigate', () => {
      origin = document.activeElement
    })
    const offRendered = router.subscribe('onRendered', (event) => {
      if (!event.fromLocation || !event.pathChanged) return
      if (takeKeepFocus()) return
      stop?.()
      stop = followPageHeading(origin)
    })
    return () => {
      offBefore()
      offRendered()
      stop?.()
    }
  }, [router])
  return null
}
