import { Line } from 'recharts'
import type { BreakdownTable } from '../burn-view'
import { kronor, MoneyLineChart } from './money-line-chart'

// Distinct on white and to the common kinds of colour blindness; the dash tells budget from actual.
const colours = ['#1a4f8b', '#b35c00', '#1d6a3a', '#8b1a5a', '#4b3f9e', '#00707a', '#6b6b00', '#5c5c5c']

/**
 * Cumulative budget (dashed) and actual (solid) per funder or category, one colour a series.
 * Loaded on its own like the total chart; the table beside it carries the same data.
 */
export default function BreakdownChart({
  table,
  labels,
}: {
  table: BreakdownTable
  labels: { plan: (name: string) => string; actual: (name: string) => string; description: string }
}) {
  const data = table.rows.map((row) => {
    const point: Record<string, string | number | null> = { month: row.month }
    row.plan.forEach((value, i) => {
      point[`plan${i}`] = kronor(value)
    })
    row.actual.forEach((value, i) => {
      point[`actual${i}`] = value === null ? null : kronor(value)
    })
    return point
  })
  return (
    <MoneyLineChart data={data} height={360} description={labels.description}>
      {table.series.flatMap((series, i) => {
        const colour = colours[i % colours.length]
        return [
          <Line
            key={`plan${series.key}`}
            isAnimationActive={false}
            type="monotone"
            dataKey={`plan${i}`}
            name={labels.plan(series.label)}
            stroke={colour}
            strokeWidth={2}
            strokeDasharray="6 4"
            dot={false}
          />,
          <Line
            key={`actual${series.key}`}
            isAnimationActive={false}
            type="monotone"
            dataKey={`actual${i}`}
            name={labels.actual(series.label)}
            stroke={colour}
            strokeWidth={3}
            dot={false}
            connectNulls={false}
          />,
        ]
      })}
    </MoneyLineChart>
  )
}
