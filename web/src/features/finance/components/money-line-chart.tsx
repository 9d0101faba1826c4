import { formatMoney } from '@lagesbild/shared/domain/money'
import type { ReactNode } from 'react'
import { CartesianGrid, Legend, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

/** Charts draw whole kronor: öre would only make the axis ticks longer. */
export const kronor = (ore: number) => Math.round(ore / 100)

const axisMoney = (value: number) =>
  `${new Intl.NumberFormat('sv-SE', { notation: 'compact' }).format(value)} kr`

/**
 * The frame the finance line charts share: months along, kronor up, a tooltip in sv-SE money.
 * The chart is an image to assistive technology; the table beside it carries the same data.
 */
export function MoneyLineChart({
  data,
  height,
  description,
  children,
}: {
  data: Record<string, string | number | null>[]
  height: number
  description: string
  children: ReactNode
}) {
  return (
    <div className="burn-chart" role="img" aria-label={description}>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
          <CartesianGrid stroke="#d6dce4" strokeDasharray="3 3" />
          <XAxis dataKey="month" minTickGap={24} tick={{ fill: '#4c5767', fontSize: 12 }} />
          <YAxis tickFormatter={axisMoney} width={80} tick={{ fill: '#4c5767', fontSize: 12 }} />
          <Tooltip
            formatter={(value) => (typeof value === 'number' ? formatMoney(value * 100) : String(value))}
          />
          <Legend />
          {children}
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}
