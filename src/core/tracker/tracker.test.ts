import { describe, expect, it } from 'vitest'

import { historyJson } from '../../../test/bench/fixtures'
import { createMemoryStore } from '../store/memoryStore'
import type { TrackerUpdate } from './api'
import { trackerOnDeadChains } from './deadChains.test-helper'
import { createTracker, InvalidAccountError } from './tracker'

const ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as const

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
    const { tracker } = await trackerOnDeadChains()
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

describe('where the chain list comes from (chainSource)', () => {
  const A = { id: 901, name: 'A', rpcUrl: 'http://127.0.0.1:1', nativeSymbol: 'ETH' }
  const B = { id: 902, name: 'B', rpcUrl: 'http://127.0.0.1:2', nativeSymbol: 'ETH' }
  const C = { id: 903, name: 'C', rpcUrl: 'http://127.0.0.1:3', nativeSymbol: 'ETH' }

  it("'store' (default): defaults seed a first run; once the user edits the list, stored chains win", async () => {
    const store = createMemoryStore()
    const first = await createTracker({ store, defaultChains: [A, B], verifyChains: false })
    expect((await first.listChains()).map((c) => c.id)).toEqual([901, 902])
    await first.addChain(C)
    const next = await createTracker({ store, defaultChains: [A], verifyChains: false })
    expect((await next.listChains()).map((c) => c.id)).toEqual([901, 902, 903])
    await next.removeChain(901)
    const third = await createTracker({ store, defaultChains: [A, B, C], verifyChains: false })
    expect((await third.listChains()).map((c) => c.id)).toEqual([902, 903])
  })

  it("'options': exactly the given chains every run; the stored list is neither read nor written", async () => {
    const store = createMemoryStore()
    await store.setSetting('chains', [C] as never)
    const tracker = await createTracker({
      store,
      defaultChains: [A, B],
      chainSource: 'options',
      verifyChains: false,
    })
    expect((await tracker.listChains()).map((c) => c.id)).toEqual([901, 902])
    await tracker.addChain(C)
    expect((await tracker.listChains()).map((c) => c.id)).toEqual([901, 902, 903])
    expect(await store.getSetting('chains')).toEqual([C])
  })
})

describe('removing history', () => {
  it('forgets one message, and clears a chain: its messages, cursors and reset anchor, telling subscribers', async () => {
    const { store, tracker } = await offlineTracker()
    await tracker.importHistory(await historyJson(3, ACCOUNT))
    const [one, ...rest] = await tracker.listMessages()
    const updates: TrackerUpdate[] = []
    tracker.subscribe((u) => updates.push(u))
    await tracker.forgetMessage(one!.hash)
    expect(await tracker.getMessage(one!.hash)).toBeUndefined()
    expect(updates).toEqual([{ type: 'messageRemoved', hash: one!.hash }])

    const cursor = {
      chainId: 901,
      account: ACCOUNT,
      direction: 'sender' as const,
      fromBlock: 0n,
      toBlock: 5n,
      rangeSize: 10n,
      updatedAt: 0,
    }
    await store.setCursor('901:a', cursor)
    await store.setCursor('902:a', { ...cursor, chainId: 902 })
    await store.setSetting('chainAnchors', { '901': { genesis: '0x1' }, '902': { genesis: '0x2' } })
    const onChain = rest.filter((m) => m.source === 901 || m.destination === 901)
    expect(await tracker.clearChainHistory(901)).toBe(onChain.length)
    expect(await tracker.listMessages({ chainId: 901 })).toEqual([])
    expect((await store.listCursors()).map((c) => c.key)).toEqual(['902:a'])
    expect(await store.getSetting('chainAnchors')).toEqual({ '902': { genesis: '0x2' } })
  })

  it('reports every configured chain as unknown before anything was read', async () => {
    const tracker = await createTracker({
      store: createMemoryStore(),
      defaultChains: [{ id: 901, name: 'A', rpcUrl: 'http://127.0.0.1:1', nativeSymbol: 'ETH' }],
      verifyChains: false,
    })
    expect(await tracker.chainHealth()).toEqual([{ chainId: 901, state: 'unknown' }])
  })
})
