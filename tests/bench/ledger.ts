import type { LedgerRow } from '@lagesbild/server/modules/finance/sample'

export interface LedgerOptions {
  /** Finance-system project codes the rows are spread over. */
  projectCodes: readonly string[]
  year?: number
  /** Set in every voucher, so a repeated run imports new rows rather than duplicates. */
  run?: string
}

/**
 * A finance export's rows as the benchmarks upload them: eight account classes, dates over a
 * year, three rows a voucher, amounts spread from a credit of 2 500 kr to 50 000 kr.
 */
export function ledger(rows: number, options: LedgerOptions): LedgerRow[] {
  const accounts = ['5011', '5411', '6110', '6410', '5620', '6910', '7390', '7010']
  const year = options.year ?? 2016
  const codes = options.projectCodes
  return Array.from({ length: rows }, (_, i) => {
    const month = (i % 12) + 1
    const day = (i % 28) + 1
    return {
      date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      voucher: `${options.run ?? ''}${1_600_000 + Math.floor(i / 3)}`,
      account: accounts[i % accounts.length] ?? '5011',
      costCentre: '6140',
      projectCode: codes[i % codes.length] ?? 'P0000',
      text: `Kostnad ${i} för föräldrastöd och lokaler`,
      amountOre: ((i * 7919) % 5_000_000) - 250_000,
    }
  })
}
