import { formatDate } from '../lib/format'

/** "2013-09-01 – 2016-06-30" that may wrap at the dash but never inside a date. */
export function Period({ start, end }: { start: string | null; end: string | null }) {
  return (
    <span className="period">
      <span className="nowrap">{formatDate(start)}</span> –{' '}
      {end ? <span className="nowrap">{formatDate(end)}</span> : null}
    </span>
  )
}
