import type { ReactNode } from 'react'
import { useDocumentTitle } from '../lib/use-document-title'

export interface PageHeaderProps {
  title: string
  /** Shown next to the heading, e.g. a status badge. */
  badge?: ReactNode
  breadcrumbs?: ReactNode
  description?: ReactNode
  actions?: ReactNode
}

/** The page's one h1, which also names the browser tab; focus lands here after navigation. */
export function PageHeader({ title, badge, breadcrumbs, description, actions }: PageHeaderProps) {
  useDocumentTitle(title)
  return (
    <div className="page-header">
      {breadcrumbs}
      <div className="page-header__row">
        <div className="page-header__heading">
          <h1 tabIndex={-1}>{title}</h1>
          {badge}
        </div>
        {actions ? <div className="page-header__actions">{actions}</div> : null}
      </div>
      {description ? <div className="page-header__description">{description}</div> : null}
    </div>
  )
}
