/**
 * Identity is the hash, the location is re-derived (docs/ARCHITECTURE.md §5): the status machine's location rules,
 * the relay journal's events and the guards that make poll results apply to the current record only.
 */
import { describe, expect, it } from 'vitest'

import type { InitiatingLog, RelayAttempt, RelayRecord, TrackedMessage } from './message'
import { describeLocationChange } from './location'
import { isRelayable } from './progress'
import { logBasisOf, reduceAll, reduceMessage, type TrackerEvent } from './status'

const NOW = 1_700_000_000_000

function log(overrides: Partial<InitiatingLog> = {}): InitiatingLog {
  return {
    blockNumber: 481n,
    blockHash: `0x${'aa'.repeat(32)}`,
    logIndex: 2,
    timestamp: 1_000n,
    transactionHash: `0x${'11'.repeat(32)}`,
    ...overrides,
  }
}
const moved = log({ blockNumber: 6n, blockHash: `0x${'bb'.repeat(32)}`, logIndex: 0 })
const relay: RelayRecord = {
  transactionHash: `0x${'22'.repeat(32)}`,
  blockNumber: 20n,
  blockHash: `0x${'cc'.repeat(32)}`,
}
const attempt: RelayAttempt = {
  transactionHash: `0x${'44'.repeat(32)}`,
  relayer: `0x${'55'.repeat(20)}`,
  submittedAt: NOW - 1,
  stage: 'signed',
  rawTransaction: '0x02',
  nonce: 4,
}

function message(overrides: Partial<TrackedMessage> = {}): TrackedMessage {
  return {
    hash: `0x${'ff'.repeat(32)}`,
    source: 901,
    destination: 902,
    nonce: 0n,
    sender: '0x4200000000000000000000000000000000000028',
    target: '0x4200000000000000000000000000000000000028',
    message: '0x7cfd6dbc',
    intent: { kind: 'generic', selector: '0x7cfd6dbc' },
    sourceTransactionHash: `0x${'11'.repeat(32)}`,
    initiatingLog: log(),
    sourceSafety: 'finalized',
    status: 'ready',
    accounts: [],
    createdAt: NOW - 60_000,
    updatedAt: NOW - 60_000,
    ...overrides,
  }
}
const finalized = () => message({ status: 'finalized', relay, destinationSafety: 'finalized' })
const reduce = (m: TrackedMessage, event: TrackerEvent) => reduceMessage(m, event, NOW)

describe('chainReset', () => {
  it('voids a finalized message of a reset devnet: relay dropped, log re-located', () => {
    const after = reduce(finalized(), { type: 'chainReset', chainIds: [901, 902] }).message
    expect(after.status).toBe('reorged')
    expect(after).not.toHaveProperty('relay')
    expect(after).not.toHaveProperty('initiatingLog')
    expect(after.locationChange).toEqual({
      cause: 'chainReset',
      at: NOW,
      from: { blockNumber: 481n, logIndex: 2, transactionHash: log().transactionHash },
    })
    expect(isRelayable(after)).toBe(false)
    expect(describeLocationChange(after)).toBe(
      'chain 901 was reset: checking whether this message still exists.',
    )
  })

  it('keeps a delivered message when only its source was reset: the relay on the destination stands', () => {
    const result = reduce(finalized(), { type: 'chainReset', chainIds: [901] })
    expect(result.message).toMatchObject({ status: 'finalized', relay, initiatingLog: log() })
    // …but its log is no longer vouched for, so a later reset of the destination has it checked again.
    expect(result.message).not.toHaveProperty('sourceSafety')
  })

  it('source reset, then (a tick later) destination reset: the kept log is re-located, never Ready again', () => {
    // The extension's loop can see one chain of a restarted devnet reset a tick before the other. The log kept
    // through the source's reset is from the old chain (and may sit above the new chain's head, where no log check
    // reaches): once the relay that kept it is void, the message is looked for again instead of derived from it.
    const kept = reduce(finalized(), { type: 'chainReset', chainIds: [901] }).message
    const voided = reduce(kept, { type: 'chainReset', chainIds: [902] }).message
    expect(voided.status).toBe('reorged')
    expect(voided).not.toHaveProperty('initiatingLog')
    expect(voided).not.toHaveProperty('relay')
    expect(voided.locationChange).toEqual({
      cause: 'chainReset',
      at: NOW,
      from: { blockNumber: 481n, logIndex: 2, transactionHash: log().transactionHash },
    })
    // A reading of the destination alone (the source not read this tick) cannot make it Ready.
    const read = reduce(voided, {
      type: 'observed',
      observation: { destination: { timestamp: 2_000n, interopDelay: 0n, relayed: false, relayBasis: null } },
    }).message
    expect(read.status).toBe('reorged')
    expect(isRelayable(read)).toBe(false)
    // Re-location's verdict: the source chain does not hold it.
    const gone = reduce(read, { type: 'vanished', cause: 'reorg', basis: null }).message
    expect(gone.status).toBe('vanished')
    expect(describeLocationChange(gone)).toBe(
      'chain 901 was reset: this message no longer exists there, and cannot be relayed.',
    )
  })

  it('a relay whose log was kept through its source reset, proven gone: the message is re-located', () => {
    const kept = reduce(message({ status: 'relayed', relay, destinationSafety: 'unsafe' }), {
      type: 'chainReset',
      chainIds: [901],
    }).message
    const disproved = reduce(kept, {
      type: 'observed',
      observation: {
        destination: {
          timestamp: 2_000n,
          interopDelay: 0n,
          relayed: false,
          relayBasis: relay.transactionHash,
        },
      },
    }).message
    expect(disproved.status).toBe('reorged')
    expect(disproved).not.toHaveProperty('initiatingLog')
    expect(isRelayable(disproved)).toBe(false)
  })

  it('a reset destination takes back the relay, our pending relay and any failure; the log stays', () => {
    const relaying = message({ status: 'relaying', pendingRelay: attempt })
    const result = reduce(relaying, { type: 'chainReset', chainIds: [902] })
    expect(result.message).toMatchObject({ status: 'initiated', initiatingLog: log() })
    expect(result.message).not.toHaveProperty('pendingRelay')
    expect(reduce(finalized(), { type: 'chainReset', chainIds: [902] }).message.status).toBe('initiated')
  })

  it('leaves messages of other chains alone', () => {
    expect(reduce(finalized(), { type: 'chainReset', chainIds: [903] }).changed).toBe(false)
  })
})

describe('relocated and vanished', () => {
  it('a reset search ends as vanished: never relayable, said so', () => {
    const searching = reduce(message(), { type: 'chainReset', chainIds: [901] }).message
    const gone = reduce(searching, { type: 'vanished', cause: 'reorg', basis: null }).message
    expect(gone.status).toBe('vanished')
    expect(gone.locationChange?.cause).toBe('chainReset')
    expect(isRelayable(gone)).toBe(false)
    expect(describeLocationChange(gone, () => 'Devnet L2 A')).toBe(
      'Devnet L2 A was reset: this message no longer exists there, and cannot be relayed.',
    )
    // A second verdict changes nothing.
    expect(reduce(gone, { type: 'vanished', cause: 'reorg' }).changed).toBe(false)
  })

  it('discovery finds the same hash sent again after the reset: the live position wins', () => {
    const gone = reduceAll(
      message(),
      [
        { type: 'chainReset', chainIds: [901] },
        { type: 'vanished', cause: 'reorg' },
      ],
      NOW,
    ).message
    const back = reduce(gone, { type: 'relocated', log: moved, cause: 'reorg' }).message
    expect(back).toMatchObject({
      status: 'initiated',
      initiatingLog: moved,
      sourceTransactionHash: moved.transactionHash,
    })
    expect(back.locationChange).toMatchObject({ cause: 'chainReset', to: { blockNumber: 6n, logIndex: 0 } })
    expect(describeLocationChange(back, () => 'A')).toBe(
      'A was reset; the same message was sent again at block 6 (log 0).',
    )
  })

  it('a reorg re-including the tx elsewhere is noted as such, and the time-derived status kept', () => {
    const result = reduce(message({ initiatingLog: log({ timestamp: 1_000n }) }), {
      type: 'relocated',
      log: { ...moved, timestamp: 1_000n },
      cause: 'reorg',
    })
    expect(result.message.status).toBe('ready')
    expect(describeLocationChange(result.message)).toBe('Re-included at block 6 (log 0), was block 481.')
  })

  it('a finalized message whose log moved goes back to relayed, so its relay is verified again', () => {
    const result = reduce(finalized(), { type: 'relocated', log: moved, cause: 'reorg' })
    expect(result.message).toMatchObject({ status: 'relayed', relay })
  })

  it('ignores a relocation or verdict about a log the record no longer holds', () => {
    const current = message({ initiatingLog: moved })
    const staleBasis = logBasisOf(message())
    expect(
      reduce(current, { type: 'relocated', log: log({ blockNumber: 9n }), cause: 'reorg', basis: staleBasis })
        .changed,
    ).toBe(false)
    expect(reduce(current, { type: 'vanished', cause: 'reorg', basis: staleBasis }).changed).toBe(false)
    expect(
      reduce(current, {
        type: 'observed',
        observation: { initiating: { state: 'missing', basis: staleBasis } },
      }).changed,
    ).toBe(false)
  })

  it('relocating to where it already is changes nothing', () => {
    expect(reduce(message(), { type: 'relocated', log: log(), cause: 'reorg' }).changed).toBe(false)
  })

  it('a log missing for one read and then found where it was leaves no note', () => {
    const missing = reduce(message(), {
      type: 'observed',
      observation: { initiating: { state: 'missing' } },
    }).message
    expect(missing.locationChange?.cause).toBe('reorg')
    const back = reduce(missing, {
      type: 'observed',
      observation: { initiating: { state: 'found', log: log(), safety: 'unsafe' } },
    })
    expect(back.message).not.toHaveProperty('locationChange')
  })

  it('resent: the new log found later completes the note', () => {
    const resent = reduce(message({ status: 'expired' }), {
      type: 'resent',
      sourceTransactionHash: moved.transactionHash,
    }).message
    expect(resent.locationChange).toMatchObject({ cause: 'resend', from: { blockNumber: 481n } })
    const found = reduce(resent, {
      type: 'observed',
      observation: { initiating: { state: 'found', log: moved, safety: 'unsafe' } },
    })
    expect(describeLocationChange(found.message)).toBe('Resent: now at block 6 (log 0).')
  })
})

describe('the relay journal', () => {
  it('an intent makes the message relaying (not offered again) before any tx hash exists', () => {
    const intended = reduce(message(), {
      type: 'relayIntended',
      intent: { relayer: attempt.relayer, startedAt: NOW },
    })
    expect(intended.message.status).toBe('relaying')
    expect(isRelayable(intended.message)).toBe(false)
    const signed = reduce(intended.message, { type: 'relaySubmitted', attempt })
    expect(signed.message).not.toHaveProperty('relayIntent')
    expect(signed.message.pendingRelay).toEqual(attempt)
  })

  it('the same tx submitted again only moves its stage on, keeping the signed bytes', () => {
    const signed = reduce(message(), { type: 'relaySubmitted', attempt }).message
    const sent = reduce(signed, {
      type: 'relaySubmitted',
      attempt: {
        transactionHash: attempt.transactionHash,
        relayer: attempt.relayer,
        submittedAt: NOW,
        stage: 'sent',
      },
    }).message
    expect(sent.pendingRelay).toMatchObject({ stage: 'sent', rawTransaction: '0x02', nonce: 4 })
  })

  it('a failure or drop about another tx than the recorded attempt is ignored', () => {
    const relaying = reduce(message(), { type: 'relaySubmitted', attempt }).message
    const other = `0x${'99'.repeat(32)}` as const
    expect(reduce(relaying, { type: 'relayDropped', transactionHash: other }).changed).toBe(false)
    expect(
      reduce(relaying, { type: 'relayFailed', failure: { reason: 'x', at: NOW }, transactionHash: other })
        .changed,
    ).toBe(false)
    expect(
      reduce(relaying, { type: 'relayDropped', transactionHash: attempt.transactionHash }).message.status,
    ).toBe('ready')
  })

  it('a `not relayed` reading demotes only the relay it knew of', () => {
    const relayed = message({ status: 'relayed', relay, destinationSafety: 'unsafe' })
    const notRelayed = (relayBasis: `0x${string}` | null) => ({
      type: 'observed' as const,
      observation: {
        destination: { timestamp: 2_000n, interopDelay: 0n, relayed: false as const, relayBasis },
      },
    })
    expect(reduce(relayed, notRelayed(null)).changed).toBe(false)
    expect(reduce(relayed, notRelayed(relay.transactionHash)).message.status).toBe('ready')
  })
})
