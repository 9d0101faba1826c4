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

export function focusPageHeading(): void {
  const heading = document.querySelector<HTMLElement>('main h1')
  if (!heading) return
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1')
  heading.focus({ preventScroll: false })
}
