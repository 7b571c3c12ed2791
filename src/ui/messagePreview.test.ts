import { describe, expect, it } from 'vitest'

import type { TrackedMessage } from '../core/model/message'
import { splitByTab } from './directions'
import { ALICE, BOB, CAROL, CHAINS, makeMessage, NOW } from './messageFixtures.test-helper'
import { buildMessagePreview, PREVIEW_ROWS_PER_TAB, previewCounts, previewMessages } from './messagePreview'
import { sortMessages } from './messageUpdates'

/** `count` messages, sent a minute apart, in shuffled order; every third one to ALICE from BOB (incoming). */
function history(count: number): TrackedMessage[] {
  const messages = Array.from({ length: count }, (_, i) =>
    makeMessage({
      seed: i + 1,
      sentSecondsAgo: 60 * ((i * 7919) % count),
      ...(i % 3 === 0
        ? {
            intent: {
              kind: 'erc20' as const,
              token: CAROL,
              from: BOB,
              to: ALICE,
              amount: 1n,
              symbol: 'MOCK',
              decimals: 18,
            },
          }
        : {}),
    }),
  )
  return messages
}

describe('buildMessagePreview', () => {
  it("keeps each tab's first rows in the live list's order, with the whole tab's count", () => {
    const messages = history(100)
    const preview = buildMessagePreview({
      messages,
      accounts: [ALICE],
      chains: CHAINS,
      health: [],
      asOf: NOW,
    })
    const live = splitByTab(sortMessages(messages), [ALICE])
    expect(Object.keys(preview.tabs)).toEqual(live.tabs)
    for (const tab of live.tabs) {
      expect(preview.tabs[tab]!.count).toBe(live.byTab[tab]!.length)
      expect(preview.tabs[tab]!.messages.map((m) => m.hash)).toEqual(
        live.byTab[tab]!.slice(0, PREVIEW_ROWS_PER_TAB).map((m) => m.hash),
      )
    }
    expect(preview).toMatchObject({ asOf: NOW, accounts: [ALICE], chains: CHAINS })
  })

  it('gives the same split and order back: the preview list, split again, is each tab’s first rows', () => {
    const messages = history(300)
    const preview = buildMessagePreview({
      messages,
      accounts: [ALICE],
      chains: CHAINS,
      health: [],
      asOf: NOW,
    })
    const again = splitByTab(previewMessages(preview), preview.accounts)
    for (const tab of again.tabs)
      expect(again.byTab[tab]!.map((m) => m.hash)).toEqual(preview.tabs[tab]!.messages.map((m) => m.hash))
    expect(previewCounts(preview)).toEqual({ outgoing: 200, incoming: 100 })
  })

  it('stays the same size at 10,000 messages', () => {
    const messages = history(10_000)
    const preview = buildMessagePreview({
      messages,
      accounts: [ALICE],
      chains: CHAINS,
      health: [],
      asOf: NOW,
    })
    expect(previewMessages(preview)).toHaveLength(2 * PREVIEW_ROWS_PER_TAB)
    expect(previewCounts(preview)).toEqual({ outgoing: 6_666, incoming: 3_334 })
    const small = buildMessagePreview({
      messages: history(100),
      accounts: [ALICE],
      chains: CHAINS,
      health: [],
      asOf: NOW,
    })
    expect(
      JSON.stringify(preview, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)).length,
    ).toBeLessThan(
      1.1 * JSON.stringify(small, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)).length,
    )
  })

  it('has one "All" tab without accounts, and an "Other" tab only when some message involves none of them', () => {
    const messages = history(10)
    expect(
      Object.keys(
        buildMessagePreview({ messages, accounts: [], chains: CHAINS, health: [], asOf: NOW }).tabs,
      ),
    ).toEqual(['all'])
    expect(
      Object.keys(
        buildMessagePreview({ messages, accounts: [CAROL], chains: CHAINS, health: [], asOf: NOW }).tabs,
      ),
    ).toEqual(['outgoing', 'incoming', 'other'])
  })
})
