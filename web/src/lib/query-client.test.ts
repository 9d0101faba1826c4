import { describe, expect, it } from 'vitest'
import { createQueryClient } from './query-client'
import { queryKeys } from './query-keys'

function clientWithPortfolio() {
  const client = createQueryClient({ onUnauthenticated: () => {} })
  client.setQueryData(queryKeys.portfolio.home, { shown: true })
  client.setQueryData(queryKeys.finance.all, { shown: true })
  return client
}

const run = (client: ReturnType<typeof createQueryClient>, mutationFn: () => Promise<unknown>) =>
  client.getMutationCache().build(client, { mutationFn }).execute(undefined)

describe('the query client', () => {
  it('makes the portfolio and home pages stale after any change', async () => {
    const client = clientWithPortfolio()
    await run(client, async () => 'saved')
    expect(client.getQueryState(queryKeys.portfolio.home)?.isInvalidated).toBe(true)
    expect(client.getQueryState(queryKeys.finance.all)?.isInvalidated).toBe(false)
  })

  it('leaves them alone when the change failed', async () => {
    const client = clientWithPortfolio()
    await expect(
      run(client, async () => {
        throw new Error('refused')
      }),
    ).rejects.toThrow('refused')
    expect(client.getQueryState(queryKeys.portfolio.home)?.isInvalidated).toBe(false)
  })
})
