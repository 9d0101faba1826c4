import { useTranslation } from 'react-i18next'
import { Button } from './button'

export interface LoadMoreProps {
  hasMore: boolean
  loading: boolean
  onLoadMore: () => void
  shown: number
  /** Says what the rows are, instead of only how many (e.g. the search they answer). */
  summary?: string | undefined
}

/** "Visa fler" for keyset-paged lists, with a live count of rows shown. */
export function LoadMore({ hasMore, loading, onLoadMore, shown, summary }: LoadMoreProps) {
  const { t } = useTranslation('common')
  return (
    <div className="load-more">
      <p className="load-more__count" aria-live="polite">
        {summary ?? t('showingCount', { count: shown })}
      </p>
      {hasMore ? (
        <Button onClick={onLoadMore} busy={loading}>
          {loading ? t('actions.loadingMore') : t('actions.showMore')}
        </Button>
      ) : null}
    </div>
  )
}
