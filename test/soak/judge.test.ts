/**
 * The soak's judge on crafted inputs: a tracker that is wrong in each of the ways the soak counts must be caught,
 * and a right one — or one whose chain it reports as not answering, or one that saw either side of a change during
 * its tick — must not be. Without this, a soak that reports zeros proves nothing.
 */
import { hashCrossDomainMessage } from '@eth-optimism/viem/utils/interop'
import { concat, encodeAbiParameters, encodeFunctionData, pad, toHex, type Hex } from 'viem'
import { describe, expect, it } from 'vitest'

import type { TrackedMessage } from '../../src/core/model/message'
import { l2ToL2CrossDomainMessengerAbi } from '../../src/core/protocol/abis'
import { erc20Transfer } from '../../src/core/store/messageFixtures.test-helper'
import type { ChainHealth } from '../../src/core/tracker/chainHealth'
import { SentLedger, type SentMessage, type Truth } from './groundTruth'
import { agrees, disagreements, judgeSample, type TrackerView } from './judge'
import { relayedHash } from './relayLedger'

const LOG = {
  blockNumber: 10n,
  blockHash: pad('0xb1', { size: 32 }),
  logIndex: 0,
  timestamp: 1_767_225_600n,
  transactionHash: pad('0x7a', { size: 32 }),
}

function tracked(status: TrackedMessage['status'], extra: Partial<TrackedMessage> = {}): TrackedMessage {
  return { ...erc20Transfer({ nonce: 1n }), status, initiatingLog: LOG, ...extra }
}

const base = tracked('ready')

function sent(m: TrackedMessage): SentMessage {
  return {
    hash: m.hash,
    source: m.source,
    destination: m.destination,
    nonce: m.nonce,
    from: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    transactionHash: LOG.transactionHash,
    epoch: 0,
    discovery: 'track',
    relayBy: 'node',
    race: false,
    doomed: false,
    replay: { user: 'alice', kind: 'mock', amount: 1n, to: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' },
  }
}

const ledger = new SentLedger()
ledger.add(sent(base))

const truth = (t: Truth) => new Map<Hex, Truth>([[base.hash.toLowerCase() as Hex, t]])
const SENT: Truth = { exists: true, relayed: false }
const RELAYED: Truth = { exists: true, relayed: true }
const GONE: Truth = { exists: false, relayed: false }
const OK: ChainHealth[] = [
  { chainId: 901, state: 'ok' },
  { chainId: 902, state: 'ok' },
]

function judge(m: TrackedMessage, before: Truth, after: Truth, health = OK) {
  const view: TrackerView = { messages: [m], health }
  return judgeSample('node', view, ledger, truth(before), truth(after), 1)
}
const kinds = (v: ReturnType<typeof judge>) => v.findings.map((f) => f.kind)

describe('judgeSample catches a broken tracker', () => {
  it('counts relayed (or finalized) that the destination does not confirm as falseRelayed', () => {
    // A tracker that believed a lying node's `successfulMessages = true`.
    expect(kinds(judge(tracked('relayed'), SENT, SENT))).toEqual(['falseRelayed'])
    expect(kinds(judge(tracked('finalized'), SENT, SENT))).toEqual(['falseRelayed'])
  })

  it('counts a Relay offered for an already relayed message as falseReady', () => {
    // A tracker that let one lagging `false` read move a relayed message back to ready.
    expect(kinds(judge(tracked('ready'), RELAYED, RELAYED))).toEqual(['falseReady'])
    expect(kinds(judge(tracked('failed'), RELAYED, RELAYED))).toEqual(['falseReady'])
  })

  it('counts a Relay offered for a message whose initiating log is gone as falseReady', () => {
    // A tracker that never re-checks the source after a reorg or a devnet restart.
    expect(kinds(judge(tracked('ready'), GONE, GONE))).toEqual(['falseReady'])
  })

  it('counts a message the soak never sent', () => {
    const stranger = { ...tracked('ready'), hash: pad('0xdead', { size: 32 }) }
    const v = judgeSample('node', { messages: [stranger], health: OK }, ledger, truth(SENT), truth(SENT), 1)
    expect(kinds(v)).toEqual(['unknownMessage'])
  })
})

describe('judgeSample does not blame a right tracker', () => {
  it('accepts statuses that match the chains', () => {
    expect(kinds(judge(tracked('ready'), SENT, SENT))).toEqual([])
    expect(kinds(judge(tracked('relayed'), RELAYED, RELAYED))).toEqual([])
    expect(kinds(judge(tracked('vanished', { initiatingLog: undefined }), GONE, GONE))).toEqual([])
    // In flight: no Relay button, so no false offer, whatever the chain says.
    const attempt = { transactionHash: LOG.transactionHash, relayer: base.sender, submittedAt: 1 }
    const inFlight = tracked('relaying', { pendingRelay: attempt })
    expect(kinds(judge(inFlight, RELAYED, RELAYED))).toEqual([])
  })

  it('lets a tracker have seen either side of a change that happened during its tick', () => {
    // Relayed mid-tick: the tracker may say ready (read before) or relayed (read after).
    expect(kinds(judge(tracked('ready'), SENT, RELAYED))).toEqual([])
    expect(kinds(judge(tracked('relayed'), SENT, RELAYED))).toEqual([])
  })

  it('does not judge a message whose chain the tracker reports as not answering (shown stale, no Relay)', () => {
    const down: ChainHealth[] = [
      { chainId: 901, state: 'ok' },
      { chainId: 902, state: 'unreachable' },
    ]
    const v = judge(tracked('ready'), RELAYED, RELAYED, down)
    expect(v.findings).toEqual([])
    expect(v.stale).toBe(1)
    expect(v.judged).toBe(0)
  })
})

describe('agrees / disagreements: lost messages', () => {
  it('a message the tracker does not have, or ends in the wrong state, is lost', () => {
    const expected = [sent(base)]
    expect(disagreements({ messages: [], health: OK }, expected, truth(SENT), true)).toHaveLength(1)
    // Still "relaying" at the end: stuck, not settled.
    const stuck = tracked('relaying')
    expect(disagreements({ messages: [stuck], health: OK }, expected, truth(SENT), true)).toHaveLength(1)
    expect(disagreements({ messages: [stuck], health: OK }, expected, truth(SENT), false)).toHaveLength(0)
    // Relayed on chain, ready in the tracker; gone on chain, ready in the tracker.
    expect(agrees(tracked('ready'), RELAYED, false)).toBe(false)
    expect(agrees(tracked('ready'), GONE, false)).toBe(false)
    expect(agrees(tracked('vanished'), GONE, true)).toBe(true)
    expect(agrees(tracked('finalized'), RELAYED, true)).toBe(true)
  })
})

describe('relayedHash (duplicateRelays)', () => {
  it('reads the message hash a relayMessage call executes', () => {
    const m = base
    // The payload is SentMessage's topics (selector, destination, target, nonce) followed by its data.
    const payload = concat([
      pad('0x01', { size: 32 }),
      toHex(BigInt(m.destination), { size: 32 }),
      pad(m.target, { size: 32 }),
      toHex(m.nonce, { size: 32 }),
      encodeAbiParameters([{ type: 'address' }, { type: 'bytes' }], [m.sender, m.message]),
    ])
    const id = { origin: m.sender, blockNumber: 10n, logIndex: 0n, timestamp: 1n, chainId: BigInt(m.source) }
    const input = encodeFunctionData({
      abi: l2ToL2CrossDomainMessengerAbi,
      functionName: 'relayMessage',
      args: [id, payload],
    })
    const expected = hashCrossDomainMessage({
      source: BigInt(m.source),
      destination: BigInt(m.destination),
      nonce: m.nonce,
      sender: m.sender,
      target: m.target,
      message: m.message,
    } as Parameters<typeof hashCrossDomainMessage>[0])
    expect(relayedHash(input)).toBe(expected)
    expect(expected).toBe(m.hash)
    expect(relayedHash('0xdeadbeef')).toBeUndefined()
  })
})
