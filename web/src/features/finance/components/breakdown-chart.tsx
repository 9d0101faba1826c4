import { formatMoney } from '@lagesbild/shared/domain/money'
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { BreakdownTable } from '../burn-view'

const kronor = (ore: number) => Math.round(ore / 100)
const axisMoney = (value: number) =>
  `${new Intl.NumberFormat('sv-SE', { notation: 'compact' }).format(value)} kr`

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
    <div className="burn-chart" role="img" aria-label={labels.description}>
      <ResponsiveContainer width="100%" height={360}>
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
          <CartesianGrid stroke="#d6dce4" strokeDasharray="3 3" />
          <XAxis dataKey="month" minTickGap={24} tick={{ fill: '#4c5767', fontSize: 12 }} />
          <YAxis tickFormatter={axisMoney} width={80} tick={{ fill: '#4c5767', fontSize: 12 }} />
          <Tooltip
            formatter={(value) => (typeof value === 'number' ? formatMoney(value * 100) : String(value))}
          />
          <Legend />
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
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}
