import { describe, expect, it } from 'vitest'

import { makeHistoryMessages } from '../../../test/bench/fixtures'
import type { JsonValue } from '../store/types'
import type { TrackerUpdate } from './api'
import { ANCHORS_SETTING, type ChainAnchor } from './chainAnchor'
import { trackerOnDeadChains } from './deadChains.test-helper'

const ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as const
const block = (n: number) => ({
  number: String(n),
  hash: `0x${String(n).padStart(64, '0')}`,
  timestamp: '1000',
})
const anchor = { genesis: `0x${'a'.repeat(64)}`, finalized: block(3), head: block(5) } as ChainAnchor

/**
 * A store as a process left it when it stopped between a reset's new anchor (marked) and the voids it owed. Its chains
 * never answer: what is proven here happens before any read of a chain.
 */
async function halfReset() {
  const { store, tracker } = await trackerOnDeadChains()
  await store.upsertMany(makeHistoryMessages(2, ACCOUNT)) // 901 → 902: one ready, one relayed
  const marked = { ...anchor, voiding: { genesisChanged: true } }
  await store.setSetting(ANCHORS_SETTING, { '901': marked } as unknown as JsonValue)
  await store.setCursor('901:old', {
    chainId: 901,
    account: ACCOUNT.toLowerCase() as `0x${string}`,
    direction: 'outgoing',
    fromBlock: 0n,
    toBlock: 40n,
    rangeSize: 1000n,
    updatedAt: 1,
  })
  const updates: TrackerUpdate[] = []
  tracker.subscribe((u) => updates.push(u))
  return { store, tracker, updates }
}

describe('a reset a stopped process left half done', () => {
  it('is finished by an account scan before it scans: no cursor or message is written under the new anchor first', async () => {
    const { store, tracker, updates } = await halfReset()
    const [ready] = await tracker.listMessages({ statuses: ['ready'] })

    await tracker.scanAccounts() // nothing watched: it reads no chain, and still pays what is owed

    expect(updates.filter((u) => u.type === 'chainReset')).toEqual([
      { type: 'chainReset', chainId: 901, affected: 2 },
    ])
    const voided = await tracker.getMessage(ready!.hash)
    expect(voided).toMatchObject({ status: 'reorged', locationChange: { cause: 'chainReset' } })
    expect(voided?.initiatingLog).toBeUndefined()
    expect(updates.filter((u) => u.type === 'messageUpdated' && u.message.hash === ready!.hash)).toHaveLength(
      1,
    )
    expect(await store.listCursors()).toEqual([])
    expect(await store.getSetting(ANCHORS_SETTING)).toEqual({ '901': anchor })

    // Nothing is owed any more: the next entry point voids nothing.
    const before = updates.length
    await tracker.scanAccounts()
    expect(updates.slice(before)).toEqual([])
  })

  it('is finished once when two entry points start together', async () => {
    const { tracker, updates } = await halfReset()
    await Promise.all([tracker.scanAccounts(), tracker.poll(), tracker.scanAccounts()])
    expect(updates.filter((u) => u.type === 'chainReset')).toHaveLength(1)
    expect(updates.filter((u) => u.type === 'messageUpdated' && u.to === 'reorged')).toHaveLength(1)
  })

  it('is reported by the tick that finished it, as a reset of that chain', async () => {
    const { tracker } = await halfReset()
    expect((await tracker.poll()).resets).toEqual([901])
    expect((await tracker.poll()).resets).toEqual([])
  })
})
