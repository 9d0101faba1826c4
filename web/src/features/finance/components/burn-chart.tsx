import { formatMoney } from '@lagesbild/shared/domain/money'
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

export interface BurnChartPoint {
  month: string
  plan: number
  actual: number | null
  forecast: number | null
}

const kronor = (ore: number) => Math.round(ore / 100)
const axisMoney = (value: number) =>
  `${new Intl.NumberFormat('sv-SE', { notation: 'compact' }).format(value)} kr`

/** The burn chart (loaded on its own, so recharts stays out of the first bundle); a table beside it carries the same data. */
export default function BurnChart({
  points,
  labels,
}: {
  points: readonly BurnChartPoint[]
  labels: { plan: string; actual: string; forecast: string; description: string }
}) {
  const data = points.map((p) => ({
    month: p.month,
    plan: kronor(p.plan),
    actual: p.actual === null ? null : kronor(p.actual),
    forecast: p.forecast === null ? null : kronor(p.forecast),
  }))
  return (
    <div className="burn-chart" role="img" aria-label={labels.description}>
      <ResponsiveContainer width="100%" height={320}>
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
          <CartesianGrid stroke="#d6dce4" strokeDasharray="3 3" />
          <XAxis dataKey="month" minTickGap={24} tick={{ fill: '#4c5767', fontSize: 12 }} />
          <YAxis tickFormatter={axisMoney} width={80} tick={{ fill: '#4c5767', fontSize: 12 }} />
          <Tooltip
            formatter={(value) => (typeof value === 'number' ? formatMoney(value * 100) : String(value))}
          />
          <Legend />
          <Line
            isAnimationActive={false}
            type="monotone"
            dataKey="plan"
            name={labels.plan}
            stroke="#1a4f8b"
            strokeWidth={2}
            dot={false}
          />
          <Line
            isAnimationActive={false}
            type="monotone"
            dataKey="actual"
            name={labels.actual}
            stroke="#1d6a3a"
            strokeWidth={3}
            dot={false}
            connectNulls={false}
          />
          <Line
            isAnimationActive={false}
            type="monotone"
            dataKey="forecast"
            name={labels.forecast}
            stroke="#7a4a00"
            strokeWidth={2}
            strokeDasharray="6 4"
            dot={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}
