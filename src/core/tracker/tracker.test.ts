import { describe, expect, it } from 'vitest'

import { historyJson } from '../../../test/bench/fixtures'
import { createMemoryStore } from '../store/memoryStore'
import type { TrackerUpdate } from './api'
import { createTracker, InvalidAccountError } from './tracker'

const ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'

// No chain is contacted here: these are the tracker's own bookkeeping paths.
async function offlineTracker() {
  const store = createMemoryStore()
  const tracker = await createTracker({ store, defaultChains: [], verifyChains: false })
  return { store, tracker }
}

describe('tracker bookkeeping', () => {
  it('imports a history and tells subscribers about every imported message', async () => {
    const { tracker } = await offlineTracker()
    const updates: TrackerUpdate[] = []
    tracker.subscribe((u) => updates.push(u))
    const result = await tracker.importHistory(await historyJson(3, ACCOUNT))
    expect(result).toEqual({ added: 3, updated: 0, skipped: 0 })
    expect(updates.filter((u) => u.type === 'messageAdded')).toHaveLength(3)
    expect(await tracker.listMessages({ accounts: [ACCOUNT] })).toHaveLength(3)
  })

  it('rejects a bad history without touching what is stored or telling anyone', async () => {
    const { tracker } = await offlineTracker()
    await tracker.importHistory(await historyJson(2, ACCOUNT))
    const updates: TrackerUpdate[] = []
    tracker.subscribe((u) => updates.push(u))
    await expect(
      tracker.importHistory(
        '{"format":"superchain-relay-history","version":1,"exportedAt":1,"messages":[{}]}',
      ),
    ).rejects.toThrow(/messages\[0\]/)
    expect(updates).toEqual([])
    expect(await tracker.listMessages()).toHaveLength(2)
  })

  it('keeps watched accounts lower-cased and unique, and names a bad address', async () => {
    const { tracker } = await offlineTracker()
    await tracker.watchAccount(ACCOUNT)
    await tracker.watchAccount(ACCOUNT.toLowerCase() as `0x${string}`)
    expect(await tracker.listAccounts()).toEqual([ACCOUNT.toLowerCase()])
    await expect(tracker.watchAccount('0x1234')).rejects.toBeInstanceOf(InvalidAccountError)
    await tracker.unwatchAccount(ACCOUNT)
    expect(await tracker.listAccounts()).toEqual([])
  })

  it('refuses to track on a chain it does not know, naming it', async () => {
    const { tracker } = await offlineTracker()
    await expect(tracker.trackTransaction(999, `0x${'1'.repeat(64)}`)).rejects.toThrow(/999/)
  })
})

describe('tracker polling against a dead RPC', () => {
  it('reports the failing chain, then backs off instead of hammering it', async () => {
    const store = createMemoryStore()
    const dead = { rpcUrl: 'http://127.0.0.1:1', nativeSymbol: 'ETH' }
    const tracker = await createTracker({
      store,
      defaultChains: [
        { id: 901, name: 'A', ...dead },
        { id: 902, name: 'B', ...dead },
      ],
      verifyChains: false,
    })
    await tracker.importHistory(await historyJson(2, ACCOUNT))
    const before = await tracker.listMessages()

    const first = await tracker.poll()
    expect(first.errors.map((e) => e.chainId).sort()).toEqual([901, 902])
    expect(first.updated).toBe(0)

    const second = await tracker.poll()
    expect(second.errors).toEqual([])
    expect(second.requests).toEqual({})
    // Nothing is concluded from a chain that could not be read.
    expect(await tracker.listMessages()).toEqual(before)
  })
})
