/**
 * A relay one read saw but could not confirm (`relayUnconfirmed`: a `successfulMessages` flag without its
 * RelayedMessage log, or a log the flag denies) is never offered for relaying, never recorded as relayed, and is
 * re-derived by the next reading that settles it (docs/ARCHITECTURE.md §5).
 */
import { describe, expect, it } from 'vitest'

import { MESSAGE_EXPIRY_SECONDS } from '../protocol/addresses'
import type { MessageStatus, RelayRecord, TrackedMessage } from './message'
import { isRelayable } from './progress'
import { reduceMessage, type DestinationObservation } from './status'

const NOW = 1_700_000_000_000
const LOG_TS = 1_000n

const relay: RelayRecord = {
  transactionHash: `0x${'22'.repeat(32)}`,
  blockNumber: 50n,
  blockHash: `0x${'23'.repeat(32)}`,
}

function makeMessage(overrides: Partial<TrackedMessage> = {}): TrackedMessage {
  return {
    hash: `0x${'ff'.repeat(32)}`,
    source: 901,
    destination: 902,
    nonce: 7n,
    sender: '0x4200000000000000000000000000000000000028',
    target: '0x4200000000000000000000000000000000000028',
    message: '0x7cfd6dbc',
    intent: { kind: 'generic', selector: '0x7cfd6dbc' },
    sourceTransactionHash: `0x${'11'.repeat(32)}`,
    initiatingLog: {
      blockNumber: 10n,
      blockHash: `0x${'aa'.repeat(32)}`,
      logIndex: 2,
      timestamp: LOG_TS,
      transactionHash: `0x${'11'.repeat(32)}`,
    },
    sourceSafety: 'unsafe',
    status: 'ready',
    accounts: [],
    createdAt: NOW - 60_000,
    updatedAt: NOW - 60_000,
    ...overrides,
  }
}

const unconfirmed = (offset = 10n): DestinationObservation => ({
  timestamp: LOG_TS + offset,
  interopDelay: 0n,
  relayed: false,
  relayBasis: null,
  relayUnconfirmed: true,
})
const notRelayed = (offset = 10n): DestinationObservation => ({
  timestamp: LOG_TS + offset,
  interopDelay: 0n,
  relayed: false,
  relayBasis: null,
})

const observe = (m: TrackedMessage, destination: DestinationObservation) =>
  reduceMessage(m, { type: 'observed', observation: { destination } }, NOW).message

describe('a relay seen but not confirmed', () => {
  it.each<MessageStatus>(['ready', 'initiated', 'failed'])(
    '%s → relaying, with no Relay offered and no relay recorded',
    (status) => {
      const m = makeMessage({
        status,
        ...(status === 'failed' ? { failure: { reason: 'reverted', at: NOW - 1 } } : {}),
      })
      expect(isRelayable(m)).toBe(status !== 'initiated')
      const after = observe(m, unconfirmed())
      expect(after.status).toBe('relaying')
      expect(isRelayable(after)).toBe(false)
      expect(after.relay).toBeUndefined()
      expect(after.pendingRelay).toBeUndefined()
    },
  )

  it('the next reading that settles it re-derives the status: ready again, or failed with its failure', () => {
    const seen = observe(makeMessage(), unconfirmed())
    expect(observe(seen, notRelayed()).status).toBe('ready')
    const failure = { reason: 'reverted', at: NOW - 1 }
    const seenFailed = observe(makeMessage({ status: 'failed', failure }), unconfirmed())
    expect(observe(seenFailed, notRelayed())).toMatchObject({ status: 'failed', failure })
  })

  it('a confirmed relay after it makes the message relayed', () => {
    const seen = observe(makeMessage(), unconfirmed())
    const after = observe(seen, { ...notRelayed(), relayed: { relay, safety: 'unsafe' } })
    expect(after).toMatchObject({ status: 'relayed', relay })
  })

  it('never takes back a relay recorded meanwhile (by another process)', () => {
    const relayed = makeMessage({ status: 'relayed', relay, destinationSafety: 'unsafe' })
    const after = reduceMessage(
      relayed,
      { type: 'observed', observation: { destination: unconfirmed() } },
      NOW,
    )
    expect(after.changed).toBe(false)
    expect(after.message.status).toBe('relayed')
  })

  it('our own pending relay stays relaying with its attempt', () => {
    const pendingRelay = {
      transactionHash: relay.transactionHash,
      relayer: `0x${'55'.repeat(20)}` as const,
      submittedAt: NOW,
    }
    const after = observe(makeMessage({ status: 'relaying', pendingRelay }), unconfirmed())
    expect(after).toMatchObject({ status: 'relaying', pendingRelay })
  })

  it('an expired message stays expired (it cannot be relayed either way)', () => {
    const after = observe(makeMessage(), unconfirmed(MESSAGE_EXPIRY_SECONDS + 10n))
    expect(after.status).toBe('expired')
    expect(isRelayable(after)).toBe(false)
  })
})
