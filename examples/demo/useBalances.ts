/** The connected account's MOCK and ETH on each chain, re-read every 2 s and after each action (`tick`). */
import { useEffect, useState } from 'react'
import type { Address } from 'viem'

import { CHAIN_IDS, MOCK, mockAbi, publicClients } from './chains'

export interface Balances {
  [chainId: number]: { MOCK?: bigint; ETH?: bigint }
}

export function useBalances(account: Address | undefined, tick: number): Balances {
  const [balances, setBalances] = useState<Balances>({})
  useEffect(() => {
    if (!account) return
    let active = true
    const read = async () => {
      const next: Balances = {}
      await Promise.all(
        CHAIN_IDS.map(async (id) => {
          const client = publicClients[id]!
          const [mock, eth] = await Promise.all([
            client
              .readContract({ address: MOCK, abi: mockAbi, functionName: 'balanceOf', args: [account] })
              .catch(() => undefined),
            client.getBalance({ address: account }).catch(() => undefined),
          ])
          next[id] = { MOCK: mock, ETH: eth }
        }),
      )
      if (active) setBalances(next)
    }
    void read()
    const timer = setInterval(read, 2_000)
    return () => {
      active = false
      clearInterval(timer)
    }
  }, [account, tick])
  return account ? balances : {}
}
