import { formatMoney } from '@lagesbild/shared/domain/money'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

const axisMoney = (value: number) =>
  `${new Intl.NumberFormat('sv-SE', { notation: 'compact' }).format(value)} kr`

/** Granted and spent per funder; the table below it on the page carries the same numbers. */
export default function FunderChart({
  funders,
  labels,
}: {
  funders: readonly { funderName: string; grantedOre: number; spentOre: number }[]
  labels: { granted: string; spent: string; description: string }
}) {
  const data = funders.map((f) => ({
    name: f.funderName,
    granted: Math.round(f.grantedOre / 100),
    spent: Math.round(f.spentOre / 100),
  }))
  return (
    <div className="burn-chart" role="img" aria-label={labels.description}>
      <ResponsiveContainer width="100%" height={280}>
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
          <CartesianGrid stroke="#d6dce4" strokeDasharray="3 3" />
          <XAxis dataKey="name" tick={{ fill: '#4c5767', fontSize: 12 }} />
          <YAxis tickFormatter={axisMoney} width={80} tick={{ fill: '#4c5767', fontSize: 12 }} />
          <Tooltip
            formatter={(value) => (typeof value === 'number' ? formatMoney(value * 100) : String(value))}
          />
          <Legend />
          <Bar isAnimationActive={false} dataKey="granted" name={labels.granted} fill="#1a4f8b" />
          <Bar isAnimationActive={false} dataKey="spent" name={labels.spent} fill="#1d6a3a" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}
