import { describe, expect, it } from 'vitest'

import { MESSAGE_EXPIRY_SECONDS } from '../protocol/addresses'
import type {
  InitiatingLog,
  MessageStatus,
  RelayAttempt,
  RelayFailure,
  RelayRecord,
  TrackedMessage,
} from './message'
import { canResend } from './progress'
import { PROGRESS_STEPS, isInFlight, needsUser, progressOf, reduceMessage } from './status'
import type { DestinationObservation, MessageObservation, TrackerEvent } from './status'

const NOW = 1_700_000_000_000
const LOG_TS = 1_000n

function makeLog(overrides: Partial<InitiatingLog> = {}): InitiatingLog {
  return {
    blockNumber: 10n,
    blockHash: `0x${'aa'.repeat(32)}`,
    logIndex: 2,
    timestamp: LOG_TS,
    transactionHash: `0x${'11'.repeat(32)}`,
    ...overrides,
  }
}

function makeRelay(overrides: Partial<RelayRecord> = {}): RelayRecord {
  return {
    transactionHash: `0x${'22'.repeat(32)}`,
    blockNumber: 50n,
    relayer: `0x${'33'.repeat(20)}`,
    ...overrides,
  }
}

function makeAttempt(): RelayAttempt {
  return {
    transactionHash: `0x${'44'.repeat(32)}`,
    relayer: `0x${'55'.repeat(20)}`,
    submittedAt: NOW - 5_000,
  }
}

function makeFailure(): RelayFailure {
  return { reason: 'ERC20InsufficientBalance(…)', at: NOW - 10_000 }
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
    initiatingLog: makeLog(),
    sourceSafety: 'unsafe',
    status: 'initiated',
    accounts: [`0x${'66'.repeat(20)}`],
    createdAt: NOW - 60_000,
    updatedAt: NOW - 60_000,
    ...overrides,
  }
}

/** A destination reading `offset` seconds after the initiating timestamp, not relayed. */
function dest(offset: bigint, overrides: Partial<DestinationObservation> = {}): DestinationObservation {
  return { timestamp: LOG_TS + offset, interopDelay: 0n, relayed: false, ...overrides }
}

function found(log: InitiatingLog = makeLog(), safety: 'unsafe' | 'safe' | 'finalized' = 'unsafe') {
  return { state: 'found' as const, log, safety }
}

function observe(message: TrackedMessage, observation: MessageObservation) {
  return reduceMessage(message, { type: 'observed', observation }, NOW)
}

function expectUnchanged(message: TrackedMessage, event: TrackerEvent) {
  const result = reduceMessage(message, event, NOW)
  expect(result.changed).toBe(false)
  expect(result.message).toBe(message)
  expect(result.from).toBe(message.status)
  expect(result.to).toBe(message.status)
}

const ALL_STATUSES: MessageStatus[] = [
  'pending',
  'initiated',
  'ready',
  'relaying',
  'relayed',
  'finalized',
  'failed',
  'expired',
  'reorged',
]

describe('finalized is terminal', () => {
  const finalized = makeMessage({ status: 'finalized', relay: makeRelay(), destinationSafety: 'finalized' })
  it.each<[string, TrackerEvent]>([
    ['observed, not relayed', { type: 'observed', observation: { destination: dest(10n) } }],
    ['observed, source missing', { type: 'observed', observation: { initiating: { state: 'missing' } } }],
    ['relaySubmitted', { type: 'relaySubmitted', attempt: makeAttempt() }],
    ['relayFailed', { type: 'relayFailed', failure: makeFailure() }],
    ['relayDropped', { type: 'relayDropped' }],
    ['resent', { type: 'resent', sourceTransactionHash: `0x${'99'.repeat(32)}` }],
  ])('ignores %s', (_name, event) => {
    expectUnchanged(finalized, event)
  })
})

describe('observed: relayed wins', () => {
  it('ready → relayed, recording the relay and its safety', () => {
    const relay = makeRelay()
    const result = observe(makeMessage({ status: 'ready' }), {
      destination: dest(10n, { relayed: { relay, safety: 'unsafe' } }),
    })
    expect(result).toMatchObject({ changed: true, from: 'ready', to: 'relayed' })
    expect(result.message.relay).toEqual(relay)
    expect(result.message.destinationSafety).toBe('unsafe')
    expect(result.message.updatedAt).toBe(NOW)
  })

  it('relayed by someone else while ours was pending: pendingRelay cleared', () => {
    const result = observe(makeMessage({ status: 'relaying', pendingRelay: makeAttempt() }), {
      destination: dest(10n, { relayed: { relay: makeRelay(), safety: 'unsafe' } }),
    })
    expect(result.to).toBe('relayed')
    expect(result.message).not.toHaveProperty('pendingRelay')
  })

  it('relayed after we saw a failure: relayed, not failed, failure cleared', () => {
    const result = observe(makeMessage({ status: 'failed', failure: makeFailure() }), {
      destination: dest(10n, { relayed: { relay: makeRelay(), safety: 'safe' } }),
    })
    expect(result.to).toBe('relayed')
    expect(result.message).not.toHaveProperty('failure')
    expect(result.message.destinationSafety).toBe('safe')
  })

  it('a relay in a finalized block → finalized', () => {
    const result = observe(makeMessage({ status: 'ready' }), {
      destination: dest(10n, { relayed: { relay: makeRelay(), safety: 'finalized' } }),
    })
    expect(result.to).toBe('finalized')
    expect(result.message.destinationSafety).toBe('finalized')
  })

  it('relayed → finalized when the relay block finalizes', () => {
    const message = makeMessage({ status: 'relayed', relay: makeRelay(), destinationSafety: 'safe' })
    const result = observe(message, {
      destination: dest(10n, { relayed: { relay: makeRelay(), safety: 'finalized' } }),
    })
    expect(result).toMatchObject({ changed: true, from: 'relayed', to: 'finalized' })
  })

  it('relayed → relayed with a safer relay block is a change (same status)', () => {
    const message = makeMessage({ status: 'relayed', relay: makeRelay(), destinationSafety: 'unsafe' })
    const result = observe(message, {
      destination: dest(10n, { relayed: { relay: makeRelay(), safety: 'safe' } }),
    })
    expect(result).toMatchObject({ changed: true, from: 'relayed', to: 'relayed' })
    expect(result.message.destinationSafety).toBe('safe')
  })

  it('no change when the same relay is read again (fresh, equal objects)', () => {
    const message = makeMessage({ status: 'relayed', relay: makeRelay(), destinationSafety: 'unsafe' })
    expectUnchanged(message, {
      type: 'observed',
      observation: {
        initiating: found(makeLog()),
        destination: dest(20n, { relayed: { relay: makeRelay(), safety: 'unsafe' } }),
      },
    })
  })

  it('wins over an expired clock', () => {
    const result = observe(makeMessage({ status: 'ready' }), {
      destination: dest(MESSAGE_EXPIRY_SECONDS + 100n, { relayed: { relay: makeRelay(), safety: 'unsafe' } }),
    })
    expect(result.to).toBe('relayed')
  })

  it('wins over a missing initiating log, which is then kept', () => {
    const message = makeMessage({ status: 'relayed', relay: makeRelay(), destinationSafety: 'unsafe' })
    const observation: MessageObservation = {
      initiating: { state: 'missing' },
      destination: dest(10n, { relayed: { relay: makeRelay(), safety: 'unsafe' } }),
    }
    expectUnchanged(message, { type: 'observed', observation })
    const fromReady = observe(makeMessage({ status: 'ready' }), observation)
    expect(fromReady.to).toBe('relayed')
    expect(fromReady.message.initiatingLog).toEqual(makeLog())
  })

  it('records a found log alongside the relay', () => {
    const moved = makeLog({ blockNumber: 11n, blockHash: `0x${'bb'.repeat(32)}` })
    const result = observe(makeMessage({ status: 'ready' }), {
      initiating: found(moved, 'safe'),
      destination: dest(10n, { relayed: { relay: makeRelay(), safety: 'unsafe' } }),
    })
    expect(result.message.initiatingLog).toEqual(moved)
    expect(result.message.sourceSafety).toBe('safe')
  })

  it('a relay reorged out of the destination: relayed → back through the log rules', () => {
    const message = makeMessage({ status: 'relayed', relay: makeRelay(), destinationSafety: 'unsafe' })
    const result = observe(message, { destination: dest(10n) })
    expect(result).toMatchObject({ changed: true, from: 'relayed', to: 'ready' })
    expect(result.message).not.toHaveProperty('relay')
    expect(result.message).not.toHaveProperty('destinationSafety')
  })

  it('a relayed message with no destination reading stays relayed', () => {
    const message = makeMessage({ status: 'relayed', relay: makeRelay(), destinationSafety: 'unsafe' })
    expectUnchanged(message, { type: 'observed', observation: { initiating: found() } })
    expectUnchanged(message, { type: 'observed', observation: { initiating: { state: 'missing' } } })
    const safer = observe(message, { initiating: found(makeLog(), 'safe') })
    expect(safer).toMatchObject({ changed: true, from: 'relayed', to: 'relayed' })
    expect(safer.message.sourceSafety).toBe('safe')
  })

  it('a relay reorged out together with the source log → reorged', () => {
    const message = makeMessage({ status: 'relayed', relay: makeRelay(), destinationSafety: 'unsafe' })
    const result = observe(message, { initiating: { state: 'missing' }, destination: dest(10n) })
    expect(result.to).toBe('reorged')
    expect(result.message).not.toHaveProperty('relay')
  })

  it('a relay reorged out of a message whose log we lost → pending until the source is read', () => {
    const message = makeMessage({ status: 'relayed', relay: makeRelay(), destinationSafety: 'unsafe' })
    delete message.initiatingLog
    const result = observe(message, { destination: dest(10n) })
    expect(result.to).toBe('pending')
  })
})

describe('observed: initiating missing / pending', () => {
  it('missing → reorged, dropping the log and its safety, keeping the rest', () => {
    const message = makeMessage({ status: 'relaying', pendingRelay: makeAttempt(), sourceSafety: 'safe' })
    const result = observe(message, { initiating: { state: 'missing' }, destination: dest(10n) })
    expect(result).toMatchObject({ changed: true, from: 'relaying', to: 'reorged' })
    expect(result.message).not.toHaveProperty('initiatingLog')
    expect(result.message).not.toHaveProperty('sourceSafety')
    expect(result.message.pendingRelay).toEqual(makeAttempt())
    expect(result.message.sourceTransactionHash).toBe(message.sourceTransactionHash)
  })

  it.each<MessageStatus>(['initiated', 'ready', 'failed', 'expired'])('%s → reorged on missing', (status) => {
    const result = observe(makeMessage({ status }), { initiating: { state: 'missing' } })
    expect(result.to).toBe('reorged')
  })

  it('missing again on a reorged message: no change', () => {
    const message = makeMessage({ status: 'reorged', initiatingLog: undefined, sourceSafety: undefined })
    delete message.initiatingLog
    delete message.sourceSafety
    expectUnchanged(message, { type: 'observed', observation: { initiating: { state: 'missing' } } })
  })

  it('reorged stays reorged while the source is not read', () => {
    const message = makeMessage({ status: 'reorged' })
    delete message.initiatingLog
    expectUnchanged(message, { type: 'observed', observation: { destination: dest(10n) } })
  })

  it('pending → pending: no change', () => {
    const message = makeMessage({ status: 'pending' })
    delete message.initiatingLog
    delete message.sourceSafety
    expectUnchanged(message, {
      type: 'observed',
      observation: { initiating: { state: 'pending' }, destination: dest(10n) },
    })
  })

  it('a mined tx back in the mempool → pending, without its log', () => {
    const result = observe(makeMessage({ status: 'ready' }), { initiating: { state: 'pending' } })
    expect(result.to).toBe('pending')
    expect(result.message).not.toHaveProperty('initiatingLog')
  })
})

describe('observed: initiating found', () => {
  function pendingMessage(overrides: Partial<TrackedMessage> = {}) {
    const message = makeMessage({ status: 'pending', ...overrides })
    delete message.initiatingLog
    delete message.sourceSafety
    return message
  }

  it('pending → ready, recording the log and source safety', () => {
    const log = makeLog()
    const result = observe(pendingMessage(), { initiating: found(log, 'safe'), destination: dest(1n) })
    expect(result).toMatchObject({ changed: true, from: 'pending', to: 'ready' })
    expect(result.message.initiatingLog).toEqual(log)
    expect(result.message.sourceSafety).toBe('safe')
  })

  it('pending → initiated when the destination has not passed the initiating timestamp', () => {
    const result = observe(pendingMessage(), { initiating: found(), destination: dest(0n) })
    expect(result.to).toBe('initiated')
  })

  it('pending → initiated without a destination reading', () => {
    const result = observe(pendingMessage(), { initiating: found() })
    expect(result.to).toBe('initiated')
  })

  describe('readiness boundaries', () => {
    it.each<[string, bigint, bigint, MessageStatus]>([
      ['same timestamp, no delay', 0n, 0n, 'initiated'],
      ['one second later, no delay', 1n, 0n, 'ready'],
      ['delay not yet elapsed', 4n, 5n, 'initiated'],
      ['delay exactly elapsed', 5n, 5n, 'ready'],
      ['destination behind the source', -3n, 0n, 'initiated'],
    ])('%s → %s', (_name, offset, interopDelay, expected) => {
      const result = observe(makeMessage({ status: 'pending' }), {
        initiating: found(),
        destination: dest(offset, { interopDelay }),
      })
      expect(result.to).toBe(expected)
    })
  })

  it('initiated → ready as the destination clock passes, using the recorded log', () => {
    const result = observe(makeMessage({ status: 'initiated' }), { destination: dest(2n) })
    expect(result).toMatchObject({ changed: true, from: 'initiated', to: 'ready' })
  })

  it('initiated stays initiated: no change', () => {
    expectUnchanged(makeMessage({ status: 'initiated' }), {
      type: 'observed',
      observation: { initiating: found(makeLog()), destination: dest(0n) },
    })
  })

  it('ready stays ready on an identical reading: no change', () => {
    expectUnchanged(makeMessage({ status: 'ready' }), {
      type: 'observed',
      observation: { initiating: found(makeLog(), 'unsafe'), destination: dest(100n) },
    })
  })

  it('an empty observation changes nothing', () => {
    for (const status of ALL_STATUSES)
      expectUnchanged(makeMessage({ status }), { type: 'observed', observation: {} })
  })

  it('a safer source block is a change with the same status', () => {
    const result = observe(makeMessage({ status: 'ready' }), { initiating: found(makeLog(), 'finalized') })
    expect(result).toMatchObject({ changed: true, from: 'ready', to: 'ready' })
    expect(result.message.sourceSafety).toBe('finalized')
  })

  it('keeps the time-derived status without a destination reading when the log timestamp is unchanged', () => {
    const moved = makeLog({ blockNumber: 12n, blockHash: `0x${'cc'.repeat(32)}`, logIndex: 0 })
    const result = observe(makeMessage({ status: 'ready' }), { initiating: found(moved) })
    expect(result.to).toBe('ready')
    expect(result.message.initiatingLog).toEqual(moved)
    const expired = makeMessage({ status: 'expired' })
    expectUnchanged(expired, { type: 'observed', observation: { initiating: found(makeLog()) } })
  })

  it('falls back to initiated without a destination reading when the log moved to a new timestamp', () => {
    const moved = makeLog({ blockNumber: 12n, timestamp: LOG_TS + 4n })
    const result = observe(makeMessage({ status: 'ready' }), { initiating: found(moved) })
    expect(result).toMatchObject({ changed: true, from: 'ready', to: 'initiated' })
    expect(result.message.initiatingLog).toEqual(moved)
  })

  it('a moved log is re-timed against the destination', () => {
    const moved = makeLog({ blockNumber: 12n, timestamp: LOG_TS + 10n })
    const result = observe(makeMessage({ status: 'ready' }), {
      initiating: found(moved),
      destination: dest(10n),
    })
    expect(result.to).toBe('initiated')
  })

  describe('expiry', () => {
    it('exactly at the expiry boundary is still ready', () => {
      const result = observe(makeMessage({ status: 'ready' }), { destination: dest(MESSAGE_EXPIRY_SECONDS) })
      expect(result.changed).toBe(false)
      expect(result.to).toBe('ready')
    })

    it('one second past it → expired', () => {
      const result = observe(makeMessage({ status: 'ready' }), {
        destination: dest(MESSAGE_EXPIRY_SECONDS + 1n),
      })
      expect(result).toMatchObject({ changed: true, from: 'ready', to: 'expired' })
    })

    it('wins over a pending relay', () => {
      const message = makeMessage({ status: 'relaying', pendingRelay: makeAttempt() })
      const result = observe(message, { destination: dest(MESSAGE_EXPIRY_SECONDS + 1n) })
      expect(result.to).toBe('expired')
    })

    it('ends a failed message', () => {
      const message = makeMessage({ status: 'failed', failure: makeFailure() })
      const result = observe(message, { destination: dest(MESSAGE_EXPIRY_SECONDS + 1n) })
      expect(result).toMatchObject({ changed: true, from: 'failed', to: 'expired' })
    })

    it('expired stays expired: no change', () => {
      expectUnchanged(makeMessage({ status: 'expired' }), {
        type: 'observed',
        observation: { initiating: found(makeLog()), destination: dest(MESSAGE_EXPIRY_SECONDS + 50n) },
      })
    })
  })

  it('relaying while our relay is pending, even when the clock says ready', () => {
    const message = makeMessage({ status: 'relaying', pendingRelay: makeAttempt() })
    expectUnchanged(message, {
      type: 'observed',
      observation: { initiating: found(makeLog()), destination: dest(10n) },
    })
  })

  it('a pending message whose log is found while our relay is pending → relaying', () => {
    const message = makeMessage({ status: 'pending', pendingRelay: makeAttempt() })
    delete message.initiatingLog
    const result = observe(message, { initiating: found(), destination: dest(10n) })
    expect(result.to).toBe('relaying')
  })

  it('failed stays failed with its failure while relayable: no change', () => {
    const message = makeMessage({ status: 'failed', failure: makeFailure() })
    expectUnchanged(message, {
      type: 'observed',
      observation: { initiating: found(makeLog()), destination: dest(10n) },
    })
  })

  describe('a reorged message found again', () => {
    function reorged(overrides: Partial<TrackedMessage> = {}) {
      const message = makeMessage({ status: 'reorged', ...overrides })
      delete message.initiatingLog
      delete message.sourceSafety
      return message
    }

    it('at a new block and index → ready', () => {
      const moved = makeLog({ blockNumber: 13n, blockHash: `0x${'dd'.repeat(32)}`, logIndex: 5 })
      const result = observe(reorged(), { initiating: found(moved), destination: dest(3n) })
      expect(result).toMatchObject({ changed: true, from: 'reorged', to: 'ready' })
      expect(result.message.initiatingLog).toEqual(moved)
    })

    it('at a later timestamp the destination has not reached → initiated', () => {
      const moved = makeLog({ blockNumber: 13n, timestamp: LOG_TS + 20n })
      const result = observe(reorged(), { initiating: found(moved), destination: dest(20n) })
      expect(result.to).toBe('initiated')
    })

    it('with the failure it had → failed again', () => {
      const result = observe(reorged({ failure: makeFailure() }), {
        initiating: found(),
        destination: dest(3n),
      })
      expect(result.to).toBe('failed')
      expect(result.message.failure).toEqual(makeFailure())
    })

    it('with our relay still pending → relaying', () => {
      const result = observe(reorged({ pendingRelay: makeAttempt() }), {
        initiating: found(),
        destination: dest(3n),
      })
      expect(result.to).toBe('relaying')
    })

    it('past expiry → expired', () => {
      const result = observe(reorged(), {
        initiating: found(),
        destination: dest(MESSAGE_EXPIRY_SECONDS + 1n),
      })
      expect(result.to).toBe('expired')
    })
  })
})

describe('relaySubmitted', () => {
  it.each<MessageStatus>(['ready', 'failed', 'initiated', 'expired', 'reorged', 'pending'])(
    '%s → relaying with pendingRelay, failure cleared',
    (status) => {
      const attempt = makeAttempt()
      const result = reduceMessage(
        makeMessage({ status, failure: makeFailure() }),
        { type: 'relaySubmitted', attempt },
        NOW,
      )
      expect(result).toMatchObject({ changed: true, from: status, to: 'relaying' })
      expect(result.message.pendingRelay).toEqual(attempt)
      expect(result.message).not.toHaveProperty('failure')
      expect(result.message.updatedAt).toBe(NOW)
    },
  )

  it('a new attempt replaces the pending one', () => {
    const replacement = { ...makeAttempt(), transactionHash: `0x${'77'.repeat(32)}` as const }
    const message = makeMessage({ status: 'relaying', pendingRelay: makeAttempt() })
    const result = reduceMessage(message, { type: 'relaySubmitted', attempt: replacement }, NOW)
    expect(result).toMatchObject({ changed: true, from: 'relaying', to: 'relaying' })
    expect(result.message.pendingRelay).toEqual(replacement)
  })

  it('the same attempt again: no change', () => {
    expectUnchanged(makeMessage({ status: 'relaying', pendingRelay: makeAttempt() }), {
      type: 'relaySubmitted',
      attempt: makeAttempt(),
    })
  })

  it('ignored once relayed', () => {
    expectUnchanged(makeMessage({ status: 'relayed', relay: makeRelay() }), {
      type: 'relaySubmitted',
      attempt: makeAttempt(),
    })
  })
})

describe('relayFailed', () => {
  it.each<MessageStatus>(['relaying', 'ready', 'initiated'])(
    '%s → failed, pendingRelay cleared',
    (status) => {
      const failure = makeFailure()
      const message = makeMessage({ status, pendingRelay: makeAttempt() })
      const result = reduceMessage(message, { type: 'relayFailed', failure }, NOW)
      expect(result).toMatchObject({ changed: true, from: status, to: 'failed' })
      expect(result.message.failure).toEqual(failure)
      expect(result.message).not.toHaveProperty('pendingRelay')
    },
  )

  it('a newer failure replaces the old one', () => {
    const newer: RelayFailure = {
      reason: 'NotInAccessList',
      at: NOW,
      transactionHash: `0x${'88'.repeat(32)}`,
    }
    const result = reduceMessage(
      makeMessage({ status: 'failed', failure: makeFailure() }),
      { type: 'relayFailed', failure: newer },
      NOW,
    )
    expect(result).toMatchObject({ changed: true, from: 'failed', to: 'failed' })
    expect(result.message.failure).toEqual(newer)
  })

  it('the same failure again: no change', () => {
    expectUnchanged(makeMessage({ status: 'failed', failure: makeFailure() }), {
      type: 'relayFailed',
      failure: makeFailure(),
    })
  })

  it('ignored once relayed', () => {
    expectUnchanged(makeMessage({ status: 'relayed', relay: makeRelay() }), {
      type: 'relayFailed',
      failure: makeFailure(),
    })
  })
})

describe('relayDropped', () => {
  it('relaying → ready, pendingRelay cleared', () => {
    const result = reduceMessage(
      makeMessage({ status: 'relaying', pendingRelay: makeAttempt() }),
      { type: 'relayDropped' },
      NOW,
    )
    expect(result).toMatchObject({ changed: true, from: 'relaying', to: 'ready' })
    expect(result.message).not.toHaveProperty('pendingRelay')
  })

  it('clears pendingRelay without touching another status', () => {
    const result = reduceMessage(
      makeMessage({ status: 'expired', pendingRelay: makeAttempt() }),
      { type: 'relayDropped' },
      NOW,
    )
    expect(result).toMatchObject({ changed: true, from: 'expired', to: 'expired' })
    expect(result.message).not.toHaveProperty('pendingRelay')
  })

  it('nothing pending: no change', () => {
    expectUnchanged(makeMessage({ status: 'ready' }), { type: 'relayDropped' })
  })
})

describe('resent', () => {
  const newTx = `0x${'99'.repeat(32)}` as const

  it.each<MessageStatus>(['expired', 'reorged', 'failed', 'ready', 'initiated'])(
    '%s → pending with the new source tx, failure and old log dropped',
    (status) => {
      const message = makeMessage({ status, failure: makeFailure(), sourceSafety: 'safe' })
      const result = reduceMessage(message, { type: 'resent', sourceTransactionHash: newTx }, NOW)
      expect(result).toMatchObject({ changed: true, from: status, to: 'pending' })
      expect(result.message.sourceTransactionHash).toBe(newTx)
      expect(result.message).not.toHaveProperty('failure')
      expect(result.message).not.toHaveProperty('initiatingLog')
      expect(result.message).not.toHaveProperty('sourceSafety')
      expect(result.message.hash).toBe(message.hash)
    },
  )

  it.each<MessageStatus>(['pending', 'relaying', 'relayed'])('ignored from %s', (status) => {
    expectUnchanged(makeMessage({ status }), { type: 'resent', sourceTransactionHash: newTx })
  })

  it('the fresh log then makes it ready again', () => {
    const resent = reduceMessage(
      makeMessage({ status: 'expired' }),
      { type: 'resent', sourceTransactionHash: newTx },
      NOW,
    )
    const freshLog = makeLog({
      blockNumber: 9_000n,
      timestamp: LOG_TS + MESSAGE_EXPIRY_SECONDS,
      transactionHash: newTx,
    })
    const result = observe(resent.message, {
      initiating: found(freshLog),
      destination: dest(MESSAGE_EXPIRY_SECONDS + 2n),
    })
    expect(result).toMatchObject({ changed: true, from: 'pending', to: 'ready' })
  })
})

describe('purity', () => {
  function deepFreeze<T>(value: T): T {
    if (value && typeof value === 'object') {
      for (const inner of Object.values(value)) deepFreeze(inner)
      Object.freeze(value)
    }
    return value
  }

  const events: TrackerEvent[] = [
    {
      type: 'observed',
      observation: { initiating: found(makeLog({ logIndex: 9 }), 'safe'), destination: dest(5n) },
    },
    { type: 'observed', observation: { initiating: { state: 'missing' } } },
    {
      type: 'observed',
      observation: { destination: dest(5n, { relayed: { relay: makeRelay(), safety: 'unsafe' } }) },
    },
    { type: 'relaySubmitted', attempt: makeAttempt() },
    { type: 'relayFailed', failure: makeFailure() },
    { type: 'relayDropped' },
    { type: 'resent', sourceTransactionHash: `0x${'99'.repeat(32)}` },
  ]

  it.each(events.map((event) => [event.type, event] as const))(
    '%s never mutates its inputs',
    (_type, event) => {
      for (const status of ALL_STATUSES) {
        const message = deepFreeze(
          makeMessage({ status, pendingRelay: makeAttempt(), failure: makeFailure(), relay: makeRelay() }),
        )
        const before = structuredClone(message)
        const frozenEvent = deepFreeze(structuredClone(event))
        const result = reduceMessage(message, frozenEvent, NOW)
        expect(message).toEqual(before)
        if (result.changed) {
          expect(result.message).not.toBe(message)
          expect(result.message.updatedAt).toBe(NOW)
        } else {
          expect(result.message).toBe(message)
          expect(result.message.updatedAt).toBe(before.updatedAt)
        }
      }
    },
  )
})

describe('needsUser / isInFlight / progressOf', () => {
  it.each<[MessageStatus, boolean, boolean]>([
    ['pending', false, true],
    ['initiated', false, true],
    ['ready', true, true],
    ['relaying', false, true],
    ['relayed', false, true],
    ['finalized', false, false],
    ['failed', true, true],
    ['expired', true, true],
    ['reorged', false, true],
    // Not polled every tick: the source said it does not exist (re-location still looks for a while).
    ['vanished', false, false],
  ])('%s: needsUser %s, inFlight %s', (status, user, inFlight) => {
    expect(needsUser(makeMessage({ status }))).toBe(user)
    expect(isInFlight(makeMessage({ status }))).toBe(inFlight)
  })

  it('orders the happy path sent → included → ready → relayed → finalized', () => {
    const path: MessageStatus[] = ['pending', 'initiated', 'ready', 'relayed', 'finalized']
    expect(path.map(progressOf)).toEqual([0, 1, 2, 3, 4])
    expect(path.map((status) => PROGRESS_STEPS[progressOf(status)])).toEqual([
      'sent',
      'included',
      'ready',
      'relayed',
      'finalized',
    ])
  })

  it.each<[MessageStatus, string]>([
    // The step where the problem is: the inclusion was lost (the UI's timeline marks it; one table, STEP_OF).
    ['reorged', 'included'],
    ['vanished', 'included'],
    ['relaying', 'ready'],
    ['failed', 'ready'],
    ['expired', 'ready'],
  ])('%s sits on the %s step', (status, step) => {
    expect(PROGRESS_STEPS[progressOf(status)]).toBe(step)
  })
})

describe('messenger 2.x: MessageExpired', () => {
  const expiry = {
    transactionHash: `0x${'77'.repeat(32)}` as const,
    blockNumber: 900n,
    blockHash: `0x${'88'.repeat(32)}` as const,
    undeliveredAt: LOG_TS + 8n * 86_400n + 1n,
  }
  const recorded: TrackerEvent = { type: 'expiryRecorded', expiry }

  it.each<MessageStatus>(['expired', 'ready', 'failed', 'relaying'])(
    '%s → expired with the record; any relay attempt cleared',
    (status) => {
      const message = makeMessage({ status, pendingRelay: makeAttempt(), failure: makeFailure() })
      const result = reduceMessage(message, recorded, NOW)
      expect(result).toMatchObject({ changed: true, to: 'expired' })
      expect(result.message.expiry).toEqual(expiry)
      expect(result.message.pendingRelay).toBeUndefined()
      expect(result.message.failure).toBeUndefined()
    },
  )

  it('is ignored once relayed: the destination’s record wins', () => {
    expectUnchanged(makeMessage({ status: 'relayed', relay: makeRelay() }), recorded)
  })

  const final = makeMessage({ status: 'expired', expiry, sourceMessenger: '2.0.0' })
  it.each<[string, TrackerEvent]>([
    ['observed, not relayed', { type: 'observed', observation: { destination: dest(10n) } }],
    ['relaySubmitted', { type: 'relaySubmitted', attempt: makeAttempt() }],
    ['resent', { type: 'resent', sourceTransactionHash: `0x${'99'.repeat(32)}` }],
  ])('expired with a record is terminal: ignores %s', (_name, event) => {
    expectUnchanged(final, event)
    expect(isInFlight(final)).toBe(false)
    expect(needsUser(final)).toBe(false)
  })

  it('a reset of its source voids the record (it is read again)', () => {
    const result = reduceMessage(final, { type: 'chainReset', chainIds: [901] }, NOW)
    expect(result.message.status).toBe('reorged')
    expect(result.message.expiry).toBeUndefined()
    expect(result.message.sourceMessenger).toBeUndefined()
  })

  it('messengerRead records the source messenger without changing the status', () => {
    const result = reduceMessage(
      makeMessage({ status: 'ready' }),
      { type: 'messengerRead', version: '2.0.0' },
      NOW,
    )
    expect(result).toMatchObject({ changed: true, from: 'ready', to: 'ready' })
    expect(result.message.sourceMessenger).toBe('2.0.0')
    expectUnchanged(result.message, { type: 'messengerRead', version: '2.0.0' })
  })
})

describe('canResend and needsUser follow the source messenger', () => {
  it('an expired message on messenger 1.x (or not read yet) can be resent and waits for the user', () => {
    for (const sourceMessenger of ['1.3.0', undefined]) {
      const m = makeMessage({ status: 'expired', ...(sourceMessenger ? { sourceMessenger } : {}) })
      expect(canResend(m)).toBe(true)
      expect(needsUser(m)).toBe(true)
    }
  })

  it('on messenger 2.x it cannot, and nothing waits for the user', () => {
    const m = makeMessage({ status: 'expired', sourceMessenger: '2.0.0' })
    expect(canResend(m)).toBe(false)
    expect(needsUser(m)).toBe(false)
  })

  it('never for a relayed message', () => {
    expect(canResend(makeMessage({ status: 'relayed', sourceMessenger: '1.3.0' }))).toBe(false)
  })
})
