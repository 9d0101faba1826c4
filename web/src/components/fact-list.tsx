import type { ReactNode } from 'react'

export interface Fact {
  key: string
  term: string
  value: ReactNode
}

/** Key facts as a description list, laid out as a grid. */
export function FactList({ facts }: { facts: readonly Fact[] }) {
  return (
    <dl className="fact-list">
      {facts.map((fact) => (
        <div className="fact-list__item" key={fact.key}>
          <dt>{fact.term}</dt>
          <dd>{fact.value}</dd>
        </div>
      ))}
    </dl>
  )
}
