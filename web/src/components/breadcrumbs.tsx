import type { ReactNode } from 'react'

export interface BreadcrumbsProps {
  label: string
  children: ReactNode
}

/** A trail of links above the h1; each child should be an <li>. */
export function Breadcrumbs({ label, children }: BreadcrumbsProps) {
  return (
    <nav className="breadcrumbs" aria-label={label}>
      <ol>{children}</ol>
    </nav>
  )
}
