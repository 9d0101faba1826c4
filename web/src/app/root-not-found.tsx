import { NotFoundPage } from './not-found-page'

/** A URL that matches no route at all, shown outside the app shell. */
export function RootNotFound() {
  return (
    <main id="main" className="standalone" tabIndex={-1}>
      <NotFoundPage />
    </main>
  )
}
