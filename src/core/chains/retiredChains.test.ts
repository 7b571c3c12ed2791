import { describe, expect, it } from 'vitest'

import { LOCAL_DEVNET } from './presets'
import { dropRetiredChains } from './retiredChains'
import type { ChainConfig } from './types'

const NOW = 1_700_000_000_000

const alpha0: ChainConfig = {
  id: 420120000,
  name: 'Interop Alpha 0',
  rpcUrl: 'https://interop-alpha-0.optimism.io',
  nativeSymbol: 'ETH',
  preset: 'interopAlpha',
}
const rc1: ChainConfig = {
  id: 420120004,
  name: 'RC 1',
  rpcUrl: 'https://interop-rc-alpha-1.optimism.io/',
  nativeSymbol: 'ETH',
}

describe('dropRetiredChains', () => {
  it('keeps every other chain, unchanged and in order, and says nothing', () => {
    const { kept, notices } = dropRetiredChains(LOCAL_DEVNET, NOW)
    expect(kept).toEqual(LOCAL_DEVNET)
    expect(notices).toEqual([])
  })

  it('drops chains of a retired preset, and ones typed by hand with its RPC, with one notice per network', () => {
    const { kept, notices } = dropRetiredChains([LOCAL_DEVNET[0]!, alpha0, rc1], NOW)
    expect(kept).toEqual([LOCAL_DEVNET[0]])
    expect(notices.map((n) => [n.id, n.chains.map((c) => c.id)])).toEqual([
      ['retired:interopAlpha', [420120000]],
      ['retired:interopRcAlpha', [420120004]],
    ])
    expect(notices[0]!.text).toBe(
      'Removed Interop Alpha 0 (420120000) from your chains: Interop alpha testnet is gone (that devnet was shut ' +
        'down and its RPCs no longer answer). Messages tracked on them stay in your history until you remove them.',
    )
  })

  it('a chain with a retired id but another RPC (the user’s own node) stays', () => {
    const own = { id: 420120000, name: 'Mine', rpcUrl: 'http://127.0.0.1:8545', nativeSymbol: 'ETH' }
    expect(dropRetiredChains([own], NOW).kept).toEqual([own])
  })
})

describe('opening a tracker over a stored list with retired chains', () => {
  it('removes them from the store once, keeps one notice per network', async () => {
    const { createMemoryStore } = await import('../store/memoryStore')
    const { openChainSet, CHAINS_SETTING, CHAIN_NOTICES_SETTING } = await import('../tracker/chainSet')
    const store = createMemoryStore()
    await store.setSetting(CHAINS_SETTING, [LOCAL_DEVNET[0]!, alpha0] as never)
    const chains = await openChainSet({ store, now: () => NOW, verifyChains: false })
    expect(chains.list().map((c) => c.id)).toEqual([901])
    expect(await store.getSetting(CHAINS_SETTING)).toEqual([LOCAL_DEVNET[0]])
    await openChainSet({ store, now: () => NOW + 1, verifyChains: false })
    const notices = (await store.getSetting(CHAIN_NOTICES_SETTING)) as { id: string }[]
    expect(notices.map((n) => n.id)).toEqual(['retired:interopAlpha'])
  })
})
