/**
 * After a page change, focus moves to the page's h1 so screen-reader and keyboard users
 * start at the new content. Tab-like sub-navigation asks to keep focus where it is.
 */
let keepFocus = false

export function keepFocusOnNextNavigation(): void {
  keepFocus = true
}

export function takeKeepFocus(): boolean {
  const value = keepFocus
  keepFocus = false
  return value
}

/**
 * Focuses the new page's h1 once it is there. The router says a page has rendered before the page
 * has always drawn its heading (its data is still loading, or the old page is still leaving), so
 * this watches the document for a few seconds and moves focus to whichever h1 is in main, until
 * the person moves focus themselves. `origin` is what had focus when the navigation began.
 * Returns a function that stops watching.
 */
export function followPageHeading(origin: Element | null, withinMs = 5000): () => void {
  let focused: Element | null = null
  const untouched = () => {
    const active = document.activeElement
    return !active || active === document.body || active === origin || active === focused
  }
  const attempt = () => {
    if (!untouched()) {
      stop()
      return
    }
    const heading = document.querySelector<HTMLElement>('main h1')
    if (!heading || heading === document.activeElement) return
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1')
    heading.focus({ preventScroll: false })
    focused = heading
  }
  const observer = new MutationObserver(attempt)
  observer.observe(document.body, { childList: true, subtree: true })
  const frame = requestAnimationFrame(attempt)
  const timer = setTimeout(() => stop(), withinMs)
  function stop() {
    observer.disconnect()
    cancelAnimationFrame(frame)
    clearTimeout(timer)
  }
  return stop
}
