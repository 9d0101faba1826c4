import type { ReactNode } from 'react'

/**
 * A table wider than its column scrolls sideways in its own box. The box is a Tab stop, so a
 * keyboard user can scroll it with the arrow keys (WCAG 2.1.1; axe: scrollable-region-focusable).
 */
export function TableScroll({ className, children }: { className?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1)
    <div className={className ? `table-scroll ${className}` : 'table-scroll'} tabIndex={0}>
      {children}
    </div>
  )
}
