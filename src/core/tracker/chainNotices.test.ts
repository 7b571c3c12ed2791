import { describe, expect, it } from 'vitest'

import { LOCAL_DEVNET } from '../chains/presets'
import type { ChainConfig } from '../chains/types'
import { createMemoryStore } from '../store/memoryStore'
import { erc20Transfer } from '../store/messageFixtures.test-helper'
import { dismissChainNotice, listChainNotices } from './chainNotices'
import { CHAIN_NOTICES_SETTING, CHAINS_SETTING, openChainSet } from './chainSet'

const NOW = 1_700_000_000_000
const alpha: ChainConfig[] = [
  {
    id: 420120000,
    name: 'Alpha 0',
    rpcUrl: 'https://interop-alpha-0.optimism.io',
    nativeSymbol: 'ETH',
    preset: 'interopAlpha',
  },
  {
    id: 420120001,
    name: 'Alpha 1',
    rpcUrl: 'https://interop-alpha-1.optimism.io',
    nativeSymbol: 'ETH',
    preset: 'interopAlpha',
  },
]

/** A store as an older version left it: the devnet and the alpha chains, and messages tracked on both. */
async function migratedStore() {
  const store = createMemoryStore()
  await store.setSetting(CHAINS_SETTING, [...LOCAL_DEVNET, ...alpha] as never)
  await store.upsertMany([
    erc20Transfer({ nonce: 1n, source: 420120000, destination: 420120001 }),
    erc20Transfer({ nonce: 2n, source: 901, destination: 420120001 }),
    erc20Transfer({ nonce: 3n, source: 901, destination: 902 }),
  ])
  await openChainSet({ store, now: () => NOW, verifyChains: false })
  return store
}

describe('chain notices', () => {
  it('lists the migration’s notice with the messages still tracked on its chains', async () => {
    const store = await migratedStore()
    const notices = await listChainNotices(store)
    expect(notices.map((n) => [n.id, n.network, n.chains.map((c) => c.id), n.messages])).toEqual([
      ['retired:interopAlpha', 'Interop alpha testnet', [420120000, 420120001], 2],
    ])
  })

  it('dismissing removes it from the setting for good, and leaves other notices', async () => {
    const store = await migratedStore()
    await store.updateSetting(CHAIN_NOTICES_SETTING, (list) => [
      ...(list as never[]),
      {
        id: 'retired:other',
        kind: 'retiredNetwork',
        network: 'Other',
        chains: [],
        at: NOW,
        text: 'Other went.',
      },
    ])
    await dismissChainNotice(store, 'retired:interopAlpha')
    expect((await listChainNotices(store)).map((n) => n.id)).toEqual(['retired:other'])
    // Opening again does not bring it back: the chains are gone from the stored list.
    await openChainSet({ store, now: () => NOW + 1, verifyChains: false })
    expect((await listChainNotices(store)).map((n) => n.id)).toEqual(['retired:other'])
    await dismissChainNotice(store, 'retired:unknown')
    expect(await store.getSetting(CHAIN_NOTICES_SETTING)).toHaveLength(1)
  })

  it('leaves out a damaged entry instead of showing it', async () => {
    const store = createMemoryStore()
    await store.setSetting(CHAIN_NOTICES_SETTING, [{ id: 3 }, 'text', null] as never)
    expect(await listChainNotices(store)).toEqual([])
    await store.setSetting(CHAIN_NOTICES_SETTING, 'not a list')
    expect(await listChainNotices(store)).toEqual([])
  })
})
