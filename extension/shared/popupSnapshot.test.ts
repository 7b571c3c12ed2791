import { describe, expect, it } from 'vitest'

import type { ChainHealth } from '../../src/core'
import { buildMessagePreview, type MessagePreview } from '../../src/ui'
import { makeHistoryMessages } from '../../test/bench/fixtures'
import { createFakeStorageArea } from '../background/fakeHost.test-helper'
import { encodeSnapshot, POPUP_SNAPSHOT_KEY, readPopupSnapshot, type StoredSnapshot } from './popupSnapshot'

const ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const NOW = 1_767_225_600_000
const CHAINS = [
  { id: 901, name: 'OP A', rpcUrl: 'http://127.0.0.1:9545', nativeSymbol: 'ETH' },
  {
    id: 902,
    name: 'OP B',
    rpcUrl: 'http://127.0.0.1:9546',
    nativeSymbol: 'ETH',
    explorerUrl: 'https://x.test',
  },
]
const HEALTH: ChainHealth[] = [
  { chainId: 901, state: 'ok', lastOkAt: NOW },
  {
    chainId: 902,
    state: 'unreachable',
    lastOkAt: NOW - 5_000,
    error: 'connection refused',
    retryAt: NOW + 1_000,
  },
]

function preview(count = 50): MessagePreview {
  return buildMessagePreview({
    messages: makeHistoryMessages(count, ACCOUNT, NOW),
    // No accounts: one "All" tab, which the tampering below edits.
    accounts: [],
    chains: CHAINS,
    health: HEALTH,
    asOf: NOW,
  })
}

/** Stores `snapshot` as the background would (through JSON, as chrome.storage does) and reads it back. */
async function roundTrip(snapshot: unknown) {
  const storage = createFakeStorageArea()
  await storage.set({ [POPUP_SNAPSHOT_KEY]: snapshot })
  const refusals: unknown[] = []
  const read = await readPopupSnapshot(storage, (error) => refusals.push(error))
  return { read, refusals }
}

/** A stored snapshot with one part changed. */
function tampered(change: (stored: StoredSnapshot) => void): unknown {
  const stored = JSON.parse(JSON.stringify(encodeSnapshot(preview()))) as StoredSnapshot
  change(stored)
  return stored
}

describe('popup snapshot', () => {
  it('reads back exactly what the background stored, bigints and all', async () => {
    const written = preview()
    const { read, refusals } = await roundTrip(encodeSnapshot(written))
    expect(refusals).toEqual([])
    expect(read).toEqual(written)
    expect(read!.tabs.all!.messages[0]!.nonce).toBeTypeOf('bigint')
  })

  it('is none when nothing was stored yet', async () => {
    expect(await readPopupSnapshot(createFakeStorageArea())).toBeUndefined()
  })

  it.each([
    ['another version', (s: StoredSnapshot) => void (s.version = 1)],
    [
      'a message whose hash does not follow from its fields',
      (s: StoredSnapshot) => {
        s.tabs.all!.messages[0]!.nonce = '999999'
      },
    ],
    [
      'a message with an unknown status',
      (s: StoredSnapshot) => {
        ;(s.tabs.all!.messages[0] as { status: string }).status = 'live'
      },
    ],
    [
      'a chain whose RPC is not a URL',
      (s: StoredSnapshot) => {
        ;(s.chains[0] as { rpcUrl: string }).rpcUrl = 'javascript:alert(1)'
      },
    ],
    [
      'a health state this build does not know',
      (s: StoredSnapshot) => {
        ;(s.health[0] as { state: string }).state = 'fine'
      },
    ],
    [
      'an unknown tab',
      (s: StoredSnapshot) => {
        ;(s.tabs as Record<string, unknown>).starred = { count: 0, messages: [] }
      },
    ],
    ['more rows than the tab counts', (s: StoredSnapshot) => void (s.tabs.all!.count = 1)],
    ['a negative count', (s: StoredSnapshot) => void (s.tabs.all!.count = -1)],
    ['an account that is not an address', (s: StoredSnapshot) => void (s.accounts = ['0x1234'])],
  ])('is refused, and reported, for %s', async (_what, change) => {
    const { read, refusals } = await roundTrip(tampered(change))
    expect(read).toBeUndefined()
    expect(refusals).toHaveLength(1)
  })

  it.each([null, 'snapshot', [], 42])('is refused when the stored value is %j', async (value) => {
    expect((await roundTrip(value)).read).toBeUndefined()
  })
})
