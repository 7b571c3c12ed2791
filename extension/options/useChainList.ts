/**
 * The configured chains as the options page knows them: the list, whether interop is active on each (one sentence
 * per chain, "interop is not active on OP Sepolia yet"), and the calls that change them. Adding goes one chain at a
 * time, after the host permission its RPC needs, so a preset with one dead RPC still adds the others and the error
 * names the one that failed.
 */
import { useEffect, useState } from 'react'

import type { ChainConfig, ChainReadiness } from '../../src/core'
import { errorText } from '../../src/ui'
import { client } from '../shared/connection'
import { useAction } from './useAction'

export function useChainList() {
  const [chains, setChains] = useState<ChainConfig[]>([])
  const [readiness, setReadiness] = useState<Record<number, ChainReadiness>>({})
  const readReadiness = () =>
    void client.call('chainReadiness').then(
      (list) => setReadiness(Object.fromEntries(list.map((r) => [r.chainId, r]))),
      () => {},
    )
  const load = useAction(() => client.call('listChains'))
  const remove = useAction(async (id: number) => {
    const list = await client.call('removeChain', id)
    setChains(list)
    return list
  })
  const add = useAction(async (permission: Promise<void>, configs: ChainConfig[]) => {
    await permission
    let list = chains
    const failures: string[] = []
    for (const config of configs) {
      try {
        list = await client.call('addChain', config)
      } catch (error) {
        failures.push(errorText(error))
      }
    }
    setChains(list)
    readReadiness()
    if (failures.length) throw new Error(failures.join('\n'))
    return list
  })

  useEffect(() => {
    void load.run().then((list) => list && setChains(list))
    readReadiness()
  }, [])

  return { chains, readiness, load, remove, add }
}

export type AddChains = ReturnType<typeof useChainList>['add']
