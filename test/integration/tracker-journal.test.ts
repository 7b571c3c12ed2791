/**
 * Never twice, never lost (docs/ARCHITECTURE.md §5): the relay journal on a real devnet, with the fault proxy
 * making broadcasts fail in both ways a user can meet — the node got the transaction but the answer was lost, or it
 * never got it — and a restart between signing and broadcasting.
 */
import { parseEther, type Hex } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { MessageStatus, TrackedMessage } from '../../src/core/model/message'
import { PlanChangedError, RelayInProgressError } from '../../src/core/relay/errors'
import { approvalOf } from '../../src/core/relay/plan'
import { createMemoryStore } from '../../src/core/store/memoryStore'
import type { MessageStore } from '../../src/core/store/types'
import type { Tracker } from '../../src/core/tracker/api'
import { INTENT_ORPHANED_MS, UNKNOWN_OUTCOME } from '../../src/core/tracker/relayJournal'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { startFaultyRpc, type FaultyRpc } from '../fixtures/faultyRpc'
import { createTestTracker, devnetChainConfigs, relayApproved } from '../fixtures/tracker'

let devnet: TestDevnet
let destination: FaultyRpc

beforeAll(async () => {
  devnet = await startTestDevnet()
  destination = await startFaultyRpc({ upstreams: [devnet.chain(902).rpcUrl] })
})
beforeEach(() => destination.clear())
afterAll(async () => {
  await destination?.close()
  await devnet?.stop()
})

/** A tracker reading and relaying through the proxy in front of 902, signing with `key` (default account #2). */
async function journalTracker(store: MessageStore = createMemoryStore(), key?: Hex, now?: () => number) {
  const chains = devnetChainConfigs(devnet).map((c) => (c.id === 902 ? { ...c, rpcUrl: destination.url } : c))
  return (
    await createTestTracker(devnet, {
      store,
      chains,
      key,
      tracker: { rpcTimeoutMs: 800, ...(now ? { now } : {}) },
    })
  ).tracker
}

async function until(tracker: Tracker, hash: Hex, statuses: MessageStatus[]): Promise<TrackedMessage> {
  for (let i = 0; i < 60; i++) {
    await tracker.poll()
    const m = await tracker.getMessage(hash)
    if (m && statuses.includes(m.status)) return m
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${hash} never reached ${statuses.join('/')}: ${(await tracker.getMessage(hash))?.status}`)
}

async function readyMessage(tracker: Tracker): Promise<TrackedMessage> {
  const receipt = await devnet.sendMock({ amount: 0n })
  const [message] = await tracker.trackTransaction(901, receipt.transactionHash)
  return until(tracker, message!.hash, ['ready'])
}

describe('the relay journal', () => {
  it('refuses a second relay while the first is on its way — also from a restarted tracker on the same history', async () => {
    const store = createMemoryStore()
    const tracker = await journalTracker(store)
    const message = await readyMessage(tracker)
    const first = await relayApproved(tracker, message.hash)
    await expect(relayApproved(tracker, message.hash)).rejects.toMatchObject({
      name: 'RelayInProgressError',
      transactionHash: first,
    })
    const restarted = await journalTracker(store)
    await expect(relayApproved(restarted, message.hash)).rejects.toBeInstanceOf(RelayInProgressError)
    expect((await until(restarted, message.hash, ['relayed', 'finalized'])).relay?.transactionHash).toBe(
      first,
    )
  })

  it('a broadcast whose answer is lost stays relaying with its hash, and is seen relayed', async () => {
    const tracker = await journalTracker()
    const message = await readyMessage(tracker)
    // The node gets the transaction; the answer is cut short.
    destination.inject({ fault: { kind: 'truncate' }, methods: ['eth_sendRawTransaction'], times: 1 })
    const hash = await relayApproved(tracker, message.hash)
    expect(await tracker.getMessage(message.hash)).toMatchObject({
      status: 'relaying',
      pendingRelay: { transactionHash: hash, stage: 'signed' },
    })
    expect((await until(tracker, message.hash, ['relayed', 'finalized'])).relay?.transactionHash).toBe(hash)
  })

  it('a broadcast that never reached the node is sent again, the same bytes — even by a tracker started afterwards', async () => {
    const store = createMemoryStore()
    const tracker = await journalTracker(store)
    const message = await readyMessage(tracker)
    destination.inject({ fault: { kind: 'hang' }, methods: ['eth_sendRawTransaction'], times: 1 })
    const hash = await relayApproved(tracker, message.hash)
    const recorded = (await store.get(message.hash))!.pendingRelay!
    expect(recorded).toMatchObject({ transactionHash: hash, stage: 'signed' })
    expect(recorded.rawTransaction).toMatch(/^0x/)
    expect(
      await devnet
        .publicClient(902)
        .getTransaction({ hash })
        .catch(() => undefined),
    ).toBeUndefined()

    // As if the process stopped between signing and broadcasting: a new tracker over the same history.
    const restarted = await journalTracker(store)
    const relayed = await until(restarted, message.hash, ['relayed', 'finalized'])
    expect(relayed.relay?.transactionHash).toBe(hash)
    const broadcasts = destination.requests.filter((r) => r.method === 'eth_sendRawTransaction')
    expect(broadcasts.length).toBeGreaterThanOrEqual(2)
  })

  it('a signed relay whose nonce another transaction took is dropped, and the message is relayable again', async () => {
    const key = devnet.accounts[3].privateKey
    const tracker = await journalTracker(createMemoryStore(), key)
    const message = await readyMessage(tracker)
    destination.inject({ fault: { kind: 'hang' }, methods: ['eth_sendRawTransaction'], times: 1 })
    await relayApproved(tracker, message.hash)
    // The same account spends that nonce on something else, straight to the chain.
    const spend = await devnet.walletClient(902, devnet.account(3)).sendTransaction({
      to: devnet.accounts[1].address,
      value: parseEther('0.001'),
      account: devnet.account(3),
      chain: devnet.chain(902).chain,
    })
    await devnet.publicClient(902).waitForTransactionReceipt({ hash: spend })
    const back = await until(tracker, message.hash, ['ready'])
    expect(back.pendingRelay).toBeUndefined()
    await relayApproved(tracker, message.hash)
    await until(tracker, message.hash, ['relayed', 'finalized'])
  })

  it('a wallet prompt nobody waits on any more is surfaced as an unknown outcome, never retried on its own', async () => {
    let clock = Date.now()
    const store = createMemoryStore()
    const tracker = await journalTracker(store, undefined, () => clock)
    const message = await readyMessage(tracker)
    const seen = destination.requests.length
    // What a process that stopped while the wallet was asking leaves behind.
    await store.update(
      message.hash,
      (m) =>
        m && {
          ...m,
          status: 'relaying',
          relayIntent: { relayer: devnet.accounts[0].address, startedAt: clock },
        },
    )
    await tracker.poll()
    expect((await tracker.getMessage(message.hash))?.status).toBe('relaying')
    clock += INTENT_ORPHANED_MS + 1
    await tracker.poll()
    const surfaced = await tracker.getMessage(message.hash)
    expect(surfaced).toMatchObject({ status: 'failed', failure: { reason: UNKNOWN_OUTCOME } })
    expect(surfaced?.relayIntent).toBeUndefined()
    expect(
      destination.requests
        .slice(seen)
        .some((r) => r.method === 'eth_sendRawTransaction' || r.method === 'eth_sendTransaction'),
    ).toBe(false)
  })
})

describe('the approved plan is binding', () => {
  it('a fee re-priced above the approval (beyond 10%) is refused with the new figures; within it, it signs', async () => {
    const tracker = await journalTracker()
    const message = await readyMessage(tracker)
    const plan = await tracker.prepareRelay(message.hash, { kind: 'relayAccount' })
    const approved = approvalOf(plan)!
    const seen = destination.requests.length
    // A lying RPC quotes fees ten times higher between the preview and the signature.
    const inflate = (value: unknown) => `0x${(BigInt(value as string) * 10n).toString(16)}`
    destination.inject({
      fault: { kind: 'rewrite', rewrite: (_m, _p, result) => inflate(result) },
      methods: ['eth_gasPrice', 'eth_maxPriorityFeePerGas'],
    })
    const error = await tracker
      .relay(message.hash, { kind: 'relayAccount' }, approved)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PlanChangedError)
    expect((error as PlanChangedError).current.maxFeePerGas).toBeGreaterThan(
      (approved.maxFeePerGas * 11n) / 10n,
    )
    expect(await tracker.getMessage(message.hash)).toMatchObject({ status: 'ready' })
    expect(destination.requests.slice(seen).some((r) => r.method === 'eth_sendRawTransaction')).toBe(false)

    destination.clear()
    const hash = await tracker.relay(message.hash, { kind: 'relayAccount' }, approved)
    const sent = await devnet.publicClient(902).getTransaction({ hash })
    expect(sent.gas).toBeLessThanOrEqual((approved.gas * 11n) / 10n)
    expect(sent.maxFeePerGas).toBeLessThanOrEqual((approved.maxFeePerGas * 11n) / 10n)
  })
})
