import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'

export interface IndicatorChartPoint {
  period: string
  level: number | null
}

/**
 * One indicator over time against its baseline and target (loaded on its own, so recharts
 * stays out of the first bundle). The page offers the same numbers as a table.
 */
export default function IndicatorChart({
  points,
  baseline,
  target,
  format,
  labels,
}: {
  points: readonly IndicatorChartPoint[]
  baseline: number | null
  target: number | null
  format: (level: number) => string
  labels: { value: string; baseline: string; target: string; description: string }
}) {
  return (
    <div className="indicator-chart" role="img" aria-label={labels.description}>
      <ResponsiveContainer width="100%" height={300}>
        <LineChart
          accessibilityLayer={false}
          data={[...points]}
          margin={{ top: 16, right: 24, bottom: 8, left: 16 }}
        >
          <CartesianGrid stroke="#d6dce4" strokeDasharray="3 3" />
          <XAxis dataKey="period" minTickGap={16} tick={{ fill: '#4c5767', fontSize: 12 }} />
          <YAxis tickFormatter={format} width={90} tick={{ fill: '#4c5767', fontSize: 12 }} />
          <Tooltip formatter={(value) => (typeof value === 'number' ? format(value) : String(value))} />
          <Legend />
          {baseline !== null ? (
            <ReferenceLine
              y={baseline}
              ifOverflow="extendDomain"
              stroke="#4c5767"
              strokeDasharray="4 4"
              label={labels.baseline}
            />
          ) : null}
          {target !== null ? (
            <ReferenceLine
              y={target}
              ifOverflow="extendDomain"
              stroke="#1d6a3a"
              strokeDasharray="8 4"
              label={labels.target}
            />
          ) : null}
          <Line
            isAnimationActive={false}
            type="monotone"
            dataKey="level"
            name={labels.value}
            stroke="#1a4f8b"
            strokeWidth={3}
            connectNulls
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}
