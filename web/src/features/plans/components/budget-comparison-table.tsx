import { useTranslation } from 'react-i18next'
import { Select } from '../../../components/select'
import { TableScroll } from '../../../components/table-scroll'
import { formatAmount } from '../../../lib/format'
import type { Comparison } from '../api/get-baselines'
import { useLanguage } from './use-language'

type Budget = Comparison['budget']
type Amounts = Budget['total']

/** A frozen amount, or a dash read out as "no budget to compare with" (no such revision, or one that froze none). */
function Amount({ ore, none }: { ore: number | null; none: string }) {
  if (ore === null) {
    return (
      <>
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{none}</span>
      </>
    )
  }
  return <span className="money">{formatAmount(ore)}</span>
}

/** A difference with its sign, so that more and less read apart: "+50 000 kr", "−100 000 kr". */
function Difference({ ore, none }: { ore: number | null; none: string }) {
  if (ore === null || ore <= 0) return <Amount ore={ore} none={none} />
  return <span className="money">+{formatAmount(ore)}</span>
}

/**
 * The budget per year × cost category in the original and the latest approved revision beside
 * the budget in force. A revision saved before revisions froze the budget has none, and says so.
 */
export interface BudgetComparisonProps {
  comparison: Comparison
  /** The project's sub-projects; with any, the budget can be shown for one of them. */
  subProjects: readonly { id: string; name: string }[]
  /** The sub-project shown, or null for the whole project. */
  subProjectId: string | null
  onSubProjectChange: (subProjectId: string | null) => void
}

export function BudgetComparisonTable({
  comparison,
  subProjects,
  subProjectId,
  onSubProjectChange,
}: BudgetComparisonProps) {
  const { t } = useTranslation('plans')
  const shown = subProjects.find((s) => s.id === subProjectId)
  const language = useLanguage()
  const { budget, original, approved } = comparison
  const categoryName = (code: string) => {
    const found = budget.categories.find((c) => c.code === code)
    if (!found) return code
    return language === 'en' ? found.nameEn : found.nameSv
  }
  const none = t('baselines.budget.none')
  const amounts = (a: Amounts) => (
    <>
      <td className="numeric">
        <Amount ore={a.original} none={none} />
      </td>
      <td className="numeric">
        <Amount ore={a.approved} none={none} />
      </td>
      <td className="numeric">
        <Amount ore={a.current} none={none} />
      </td>
      <td className="numeric">
        <Difference ore={a.vsOriginalOre} none={none} />
      </td>
      <td className="numeric">
        <Difference ore={a.vsApprovedOre} none={none} />
      </td>
    </>
  )
  // The original and the latest approved may be one and the same revision: say it once.
  const withoutBudget = new Map(
    [original, approved].flatMap((b) => (b && !b.budgetFrozen ? [[b.id, b] as const] : [])),
  )
  return (
    <>
      <h3>{t('baselines.budget.title')}</h3>
      {subProjects.length > 0 ? (
        <Select
          id="budget-comparison-scope"
          label={t('baselines.budget.scope')}
          width="medium"
          emptyOption={t('baselines.budget.wholeProject')}
          options={subProjects.map((s) => ({ value: s.id, label: s.name }))}
          value={subProjectId ?? ''}
          onChange={(event) => onSubProjectChange(event.target.value || null)}
        />
      ) : null}
      <p className="muted">
        {shown ? t('baselines.budget.introSubProject', { name: shown.name }) : t('baselines.budget.intro')}
      </p>
      {[...withoutBudget.values()].map((b) => (
        <p key={b.id} className="muted">
          {t('baselines.budget.notFrozen', { revision: `${b.label} ${b.revisionDate}` })}
        </p>
      ))}
      {budget.rows.length === 0 ? (
        <p className="muted">{t('baselines.budget.empty')}</p>
      ) : (
        <TableScroll>
          <table className="data-table data-table--compact">
            <caption className="visually-hidden">{t('baselines.budget.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('baselines.budget.year')}</th>
                <th scope="col">{t('baselines.budget.category')}</th>
                <th scope="col" className="numeric">
                  {t('baselines.original')}
                </th>
                <th scope="col" className="numeric">
                  {t('baselines.approved')}
                </th>
                <th scope="col" className="numeric">
                  {t('baselines.current')}
                </th>
                <th scope="col" className="numeric">
                  {t('baselines.budget.vsOriginal')}
                </th>
                <th scope="col" className="numeric">
                  {t('baselines.budget.vsApproved')}
                </th>
              </tr>
            </thead>
            <tbody>
              {budget.rows.map((row) => (
                <tr key={`${row.year}|${row.category}`}>
                  <td>{row.year}</td>
                  <th scope="row">{categoryName(row.category)}</th>
                  {amounts(row)}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t('baselines.budget.total')}
                </th>
                {amounts(budget.total)}
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      )}
    </>
  )
}
