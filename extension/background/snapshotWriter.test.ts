/**
 * The popup's two keys as the real background keeps them (fake chrome API, core's memory store): written together,
 * and the first paint's key follows every change the snapshot does — a removed message or a cleared chain history
 * must not come back on the next popup's first paint.
 */
import { afterEach, describe, expect, it } from 'vitest'

import { erc20Transfer } from '../../src/core/store/messageFixtures.test-helper'
import { createMemoryStore } from '../../src/core/store/memoryStore'
import type { TrackedMessage } from '../../src/core/model/message'
import type { Handlers } from '../messaging/server'
import { POPUP_FIRST_SCREEN_KEY, readFirstScreenRecord } from '../shared/firstScreenRecord'
import { POPUP_SNAPSHOT_KEY, POPUP_SNAPSHOT_VERSION } from '../shared/popupSnapshot'
import { createBackground, type Background } from './background'
import { createFakeHost, type FakeHost } from './fakeHost.test-helper'
import type { StorageAreaLike } from './host'
import { createSnapshotWriter } from './snapshotWriter'
import { createWallet, createWalletConnection } from './wallet'

const NOW = 1_767_225_600_000
// Port 1 refuses at once: nothing here needs a chain.
const NOWHERE = [
  { id: 901, name: 'Devnet L2 A', rpcUrl: 'http://127.0.0.1:1', nativeSymbol: 'ETH' },
  { id: 902, name: 'Devnet L2 B', rpcUrl: 'http://127.0.0.1:1', nativeSymbol: 'ETH' },
]

const running: Background[] = []
afterEach(() => {
  for (const bg of running.splice(0)) bg.stop()
})

/** Every `storage.local.set` the background makes, by the keys it wrote. */
function recordingSets(host: FakeHost): string[][] {
  const sets: string[][] = []
  const local: StorageAreaLike = host.storage.local
  const set = local.set.bind(local)
  host.storage.local.set = (items) => {
    sets.push(Object.keys(items).sort())
    return set(items)
  }
  return sets
}

async function start(messages: TrackedMessage[], host = createFakeHost()) {
  const store = createMemoryStore()
  for (const message of messages) await store.upsert(message)
  const bg = createBackground({
    host,
    openStore: async () => store,
    defaultChains: NOWHERE,
    verifyChains: false,
    now: () => NOW,
    fastPollMs: 3_600_000,
    log: () => {},
    wallet: createWallet(
      createWalletConnection(() => {
        throw new Error('no MetaMask here')
      }),
      host.storage.local,
    ),
  })
  running.push(bg)
  await bg.start()
  return { host, bg }
}

/** Waits (the writer coalesces changes over a quarter second) until the stored first screen passes `check`. */
async function firstScreenWhen(host: FakeHost, check: (hashes: string[] | undefined) => boolean) {
  const deadline = Date.now() + 5_000
  for (;;) {
    const stored = (await host.storage.local.get(POPUP_FIRST_SCREEN_KEY))[POPUP_FIRST_SCREEN_KEY]
    const hashes = readFirstScreenRecord(stored)?.rows.map((row) => row.hash)
    if (check(hashes)) return hashes
    if (Date.now() > deadline) throw new Error(`the first screen did not change: ${JSON.stringify(hashes)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Waits until the first-screen key holds a value of `version`. */
async function writtenBy(host: FakeHost, version: number) {
  const deadline = Date.now() + 5_000
  while ((host.storage.local.dump()[POPUP_FIRST_SCREEN_KEY] as { version?: number })?.version !== version) {
    if (Date.now() > deadline) throw new Error('the background wrote no first screen')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

// Final messages are never shown stale, so the first screen stands with chains that do not answer.
const MESSAGES = [1n, 2n, 3n].map((nonce) =>
  erc20Transfer({ nonce, status: 'finalized', createdAt: NOW - Number(nonce) * 60_000 }),
)

describe('the popup snapshot writer', () => {
  it('writes the snapshot and the first screen on start, in one storage write, with the same version', async () => {
    const host = createFakeHost()
    const sets = recordingSets(host)
    await start(MESSAGES, host)
    await writtenBy(host, POPUP_SNAPSHOT_VERSION)
    const stored = host.storage.local.dump()
    expect(stored[POPUP_SNAPSHOT_KEY]).toMatchObject({ version: POPUP_SNAPSHOT_VERSION })
    expect(stored[POPUP_FIRST_SCREEN_KEY]).toMatchObject({ version: POPUP_SNAPSHOT_VERSION })
    const popupSets = sets.filter((keys) => keys.some((k) => k.startsWith('popup')))
    expect(popupSets.length).toBeGreaterThan(0)
    for (const keys of popupSets) expect(keys).toEqual([POPUP_FIRST_SCREEN_KEY, POPUP_SNAPSHOT_KEY])
  })

  it('rewrites both keys on start when the first screen is missing or from another version', async () => {
    for (const stale of [undefined, { version: POPUP_SNAPSHOT_VERSION - 1, screen: {} }]) {
      const { host } = await start(MESSAGES)
      await writtenBy(host, POPUP_SNAPSHOT_VERSION)
      for (const bg of running.splice(0)) bg.stop()
      if (stale) await host.storage.local.set({ [POPUP_FIRST_SCREEN_KEY]: stale })
      else await host.storage.local.remove(POPUP_FIRST_SCREEN_KEY)
      await start(MESSAGES, host)
      await writtenBy(host, POPUP_SNAPSHOT_VERSION)
    }
  })

  it('follows a removed message and a cleared chain history on the first screen, not only in the snapshot', async () => {
    // The writer over a source whose chains answer (the background's read, without a chain to poll): a chain not
    // answering leaves no first screen at all, which would hide whether the rewrite dropped the message.
    let messages = [...MESSAGES]
    const host = createFakeHost()
    const writer = createSnapshotWriter({
      storage: host.storage.local,
      now: () => NOW,
      log: () => {},
      delayMs: 10,
      read: async () => ({
        messages,
        accounts: [],
        chains: NOWHERE,
        health: NOWHERE.map((chain) => ({ chainId: chain.id, state: 'ok' as const, lastOkAt: NOW })),
      }),
    })
    await writer.ensure()
    expect(await firstScreenWhen(host, (h) => h?.length === 3)).toEqual(MESSAGES.map((m) => m.hash))

    // Remove: the tracker's 'messageRemoved' update schedules the rewrite (background.ts).
    const removed = MESSAGES[1]!.hash
    messages = messages.filter((m) => m.hash !== removed)
    writer.schedule()
    expect(await firstScreenWhen(host, (h) => h?.length === 2)).not.toContain(removed)

    // Clear chain history: a request with no update of its own, so the wrapped handler schedules it.
    const handlers = writer.watching({
      clearChainHistory: async () => {
        messages = []
      },
    } as unknown as Handlers)
    await handlers.clearChainHistory(901)
    await firstScreenWhen(host, (h) => h === undefined)
    // Still written, by this build: a first paint reads "nothing to paint", not an older screen.
    expect(host.storage.local.dump()[POPUP_FIRST_SCREEN_KEY]).toEqual({ version: POPUP_SNAPSHOT_VERSION })
  })
})
