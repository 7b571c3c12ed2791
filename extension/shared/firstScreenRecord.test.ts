import { describe, expect, it } from 'vitest'

import { buildMessagePreview, FIRST_SCREEN_ROWS } from '../../src/ui'
import { makeHistoryMessages } from '../../test/bench/fixtures'
import { POPUP_FIRST_SCREEN_KEY, readFirstScreenRecord } from './firstScreenRecord'
import { decodeSnapshot, encodePopupKeys, POPUP_SNAPSHOT_KEY } from './popupSnapshot'

const ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const NOW = 1_767_225_600_000
const CHAINS = [
  { id: 901, name: 'OP A', rpcUrl: 'http://127.0.0.1:9545', nativeSymbol: 'ETH' },
  { id: 902, name: 'OP B', rpcUrl: 'http://127.0.0.1:9546', nativeSymbol: 'ETH' },
]

type Loose = Record<string, unknown>
/** Both popup keys as the background stores them, through JSON as chrome.storage keeps them. */
function stored(count: number, health = [{ chainId: 901, state: 'ok' as const, lastOkAt: NOW }]) {
  const preview = buildMessagePreview({
    messages: makeHistoryMessages(count, ACCOUNT, NOW),
    accounts: [ACCOUNT],
    chains: CHAINS,
    health,
    asOf: NOW,
  })
  const keys = JSON.parse(JSON.stringify(encodePopupKeys(preview))) as Loose
  return {
    snapshot: keys[POPUP_SNAPSHOT_KEY] as Loose,
    first: keys[POPUP_FIRST_SCREEN_KEY] as Loose & { screen?: Loose & { rows: Loose[] } },
  }
}

describe('the first screen beside the popup snapshot', () => {
  it('is stored under its own key with the snapshot, in words, and read back by the first paint as stored', () => {
    const { snapshot, first } = stored(1_000)
    const screen = readFirstScreenRecord(first)
    expect(screen).toEqual(first.screen)
    expect(screen?.asOf).toBe(snapshot.asOf)
    // The first paint's key is a small part of the snapshot: that is why it is read alone.
    expect(JSON.stringify(first).length).toBeLessThan(JSON.stringify(snapshot).length / 4)
    expect(screen?.rows).toHaveLength(FIRST_SCREEN_ROWS)
    expect(screen?.footer).toBe('Watching 0xf39F…2266')
    expect(screen?.tabs.map((t) => t.count).reduce((a, b) => a + b)).toBe(1_000)
    // The rows are the snapshot's own first rows of that tab, in its order.
    const tab = (snapshot.tabs as Record<string, { messages: { hash: string }[] }>)[screen!.selected]!
    expect(screen?.rows.map((r) => r.hash)).toEqual(
      tab.messages.slice(0, FIRST_SCREEN_ROWS).map((m) => m.hash),
    )
  })

  it('is written empty when a chain is not answering (RelayApp draws that screen), so no older one is painted', () => {
    const { snapshot, first } = stored(5, [
      { chainId: 902, state: 'unreachable', lastOkAt: NOW - 5_000 } as never,
    ])
    expect(first).toEqual({ version: snapshot.version })
    expect(readFirstScreenRecord(first)).toBeUndefined()
    expect(decodeSnapshot(snapshot).tabs).toBeDefined()
  })

  it('is written empty when there is no message, so a removed one cannot come back on the first paint', () => {
    const { first } = stored(0)
    expect(first).toEqual({ version: first.version })
    expect(readFirstScreenRecord(first)).toBeUndefined()
  })

  it('is not painted when damaged or from another version; the snapshot React reads is its own', () => {
    type Stored = ReturnType<typeof stored>['first']
    const damaged = [
      (s: Stored) => (s.screen!.rows[0]!.hash = '0x1234'),
      (s: Stored) => (s.screen!.rows[0]!.summary = 42),
      (s: Stored) => (s.screen!.rows[0]!.tone = 'purple'),
      (s: Stored) => (s.screen!.selected = 'sideways'),
      (s: Stored) => (s.screen!.extra = true),
      (s: Stored) => (s.screen!.rows = []),
      (s: Stored) => (s.version = 3),
      (s: Stored) => (s.extra = true),
    ]
    for (const damage of damaged) {
      const { snapshot, first } = stored(20)
      expect(readFirstScreenRecord(first)).toBeDefined()
      damage(first)
      expect(readFirstScreenRecord(first)).toBeUndefined()
      expect(decodeSnapshot(snapshot).asOf).toBe(NOW)
    }
  })

  it.each([undefined, null, 'screen', [], 42])('is none when the stored value is %j', (value) => {
    expect(readFirstScreenRecord(value)).toBeUndefined()
  })
})
