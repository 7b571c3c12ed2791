import { describe, expect, it } from 'vitest'

import { buildMessagePreview, FIRST_SCREEN_ROWS } from '../../src/ui'
import { makeHistoryMessages } from '../../test/bench/fixtures'
import { readFirstScreenRecord } from './firstScreenRecord'
import { decodeSnapshot, encodeSnapshot } from './popupSnapshot'

const ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const NOW = 1_767_225_600_000
const CHAINS = [
  { id: 901, name: 'OP A', rpcUrl: 'http://127.0.0.1:9545', nativeSymbol: 'ETH' },
  { id: 902, name: 'OP B', rpcUrl: 'http://127.0.0.1:9546', nativeSymbol: 'ETH' },
]

/** The snapshot as the background stores it, through JSON as chrome.storage keeps it. */
function stored(count: number, health = [{ chainId: 901, state: 'ok' as const, lastOkAt: NOW }]) {
  const preview = buildMessagePreview({
    messages: makeHistoryMessages(count, ACCOUNT, NOW),
    accounts: [ACCOUNT],
    chains: CHAINS,
    health,
    asOf: NOW,
  })
  return JSON.parse(JSON.stringify(encodeSnapshot(preview))) as Record<string, unknown> & {
    firstScreen?: Record<string, unknown> & { rows: Record<string, unknown>[] }
  }
}

describe('the first screen in the popup snapshot', () => {
  it('is stored with the snapshot, in words, and read back by the first paint as stored', () => {
    const snapshot = stored(1_000)
    const screen = readFirstScreenRecord(snapshot.firstScreen)
    expect(screen).toEqual(snapshot.firstScreen)
    expect(screen?.rows).toHaveLength(FIRST_SCREEN_ROWS)
    expect(screen?.footer).toBe('Watching 0xf39F…2266')
    expect(screen?.tabs.map((t) => t.count).reduce((a, b) => a + b)).toBe(1_000)
    // The rows are the snapshot's own first rows of that tab, in its order.
    const tab = (snapshot.tabs as Record<string, { messages: { hash: string }[] }>)[screen!.selected]!
    expect(screen?.rows.map((r) => r.hash)).toEqual(
      tab.messages.slice(0, FIRST_SCREEN_ROWS).map((m) => m.hash),
    )
  })

  it('is left out when a chain is not answering (RelayApp draws that screen)', () => {
    const snapshot = stored(5, [{ chainId: 902, state: 'unreachable', lastOkAt: NOW - 5_000 } as never])
    expect(snapshot.firstScreen).toBeUndefined()
    expect(decodeSnapshot(snapshot).tabs).toBeDefined()
  })

  it('is not painted when damaged, and then the whole snapshot is refused, so React takes the rows off', () => {
    const damaged = [
      (s: ReturnType<typeof stored>) => (s.firstScreen!.rows[0]!.hash = '0x1234'),
      (s: ReturnType<typeof stored>) => (s.firstScreen!.rows[0]!.summary = 42),
      (s: ReturnType<typeof stored>) => (s.firstScreen!.rows[0]!.tone = 'purple'),
      (s: ReturnType<typeof stored>) => (s.firstScreen!.selected = 'sideways'),
      (s: ReturnType<typeof stored>) => (s.firstScreen!.extra = true),
      (s: ReturnType<typeof stored>) => (s.firstScreen!.rows = []),
    ]
    for (const damage of damaged) {
      const snapshot = stored(20)
      damage(snapshot)
      expect(readFirstScreenRecord(snapshot.firstScreen)).toBeUndefined()
      expect(() => decodeSnapshot(snapshot)).toThrow()
    }
  })
})
