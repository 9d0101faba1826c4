import { Line } from 'recharts'
import { kronor, MoneyLineChart } from './money-line-chart'

export interface BurnChartPoint {
  month: string
  plan: number
  actual: number | null
  forecast: number | null
}

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
    <MoneyLineChart data={data} height={320} description={labels.description}>
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
    </MoneyLineChart>
  )
}
