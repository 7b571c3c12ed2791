import { describe, expect, it } from 'vitest'

import { BOB, CHAINS, hex32, makeMessage, NOW } from './messageFixtures.test-helper'
import {
  chainHistoryCounts,
  relayInFlight,
  removalConsequence,
  removalRefusal,
  resetLeftovers,
} from './removal'

const pendingRelay = { transactionHash: hex32(0x4e1a), relayer: BOB, submittedAt: NOW }

describe('removing a message', () => {
  it('is refused while a relay is on its way, and only then', () => {
    expect(removalRefusal(makeMessage({ status: 'relaying', pendingRelay }), CHAINS)).toBe(
      'A relay of this message is on its way on OP B. Wait until it is delivered or fails, then remove it.',
    )
    // A journalled relay not yet reflected in the status counts too: its record is what prevents a second relay.
    expect(relayInFlight(makeMessage({ status: 'ready', pendingRelay }))).toBe(true)
    for (const status of [
      'ready',
      'failed',
      'expired',
      'vanished',
      'relayed',
      'finalized',
      'pending',
    ] as const) {
      expect(removalRefusal(makeMessage({ status }), CHAINS)).toBeUndefined()
    }
    // Delivered: the old journal entry no longer matters.
    expect(relayInFlight(makeMessage({ status: 'relayed', pendingRelay }))).toBe(false)
    // A wallet's relay asked for (an intent, no hash yet) is in flight too.
    expect(
      relayInFlight(makeMessage({ status: 'relaying', relayIntent: { relayer: BOB, startedAt: NOW } })),
    ).toBe(true)
  })

  it('is allowed for a relay seen but not confirmed: no journal of ours is on it', () => {
    // 'relaying' with no attempt of ours: somebody's relay the last reading could not confirm (relayUnconfirmed).
    const unconfirmed = makeMessage({ status: 'relaying' })
    expect(relayInFlight(unconfirmed)).toBe(false)
    expect(removalRefusal(unconfirmed, CHAINS)).toBeUndefined()
    expect(removalConsequence(unconfirmed, CHAINS)).toBe(
      'A relay of it was seen on OP B but not confirmed yet; it will no longer be followed. Track its transaction again to bring it back.',
    )
  })

  it('says what is left behind', () => {
    const gone = makeMessage({ status: 'vanished', locationChange: { cause: 'chainReset', at: NOW } })
    expect(removalConsequence(gone, CHAINS)).toMatch(/^OP A was reset: this message no longer exists there/)
    expect(removalConsequence(makeMessage({ status: 'ready' }), CHAINS)).toMatch(
      /not arrived on OP B yet, and nobody will remind you to relay it/,
    )
    expect(removalConsequence(makeMessage({ status: 'finalized' }), CHAINS)).toBe(
      'It has arrived on OP B; only the record goes.',
    )
  })
})

describe('clearing a chain', () => {
  it('counts the messages from or to each chain, as core clears them, configured chains first', () => {
    const messages = [
      makeMessage({ seed: 1 }),
      makeMessage({ seed: 2, source: 902, destination: 901 }),
      makeMessage({ seed: 3, source: 903, destination: 902, status: 'relaying', pendingRelay }),
    ]
    expect(chainHistoryCounts(messages, CHAINS)).toEqual([
      { chainId: 901, name: 'OP A', count: 2, relaying: 0 },
      { chainId: 902, name: 'OP B', count: 3, relaying: 1 },
      { chainId: 903, name: 'Chain 903', count: 1, relaying: 1 },
    ])
    expect(chainHistoryCounts([], CHAINS)).toEqual([])
  })

  it('finds the chains a reset left gone transfers on', () => {
    const reset = { cause: 'chainReset' as const, at: NOW }
    expect(
      resetLeftovers([
        makeMessage({ seed: 1, status: 'vanished', locationChange: reset }),
        makeMessage({ seed: 2, status: 'vanished', locationChange: reset }),
        makeMessage({ seed: 3, status: 'vanished', locationChange: { cause: 'reorg', at: NOW } }),
        makeMessage({ seed: 4, status: 'ready', source: 902, destination: 901, locationChange: reset }),
      ]),
    ).toEqual([{ chainId: 901, vanished: 2 }])
  })
})
