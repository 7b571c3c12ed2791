/**
 * One round trip per chain and tick (docs/ARCHITECTURE.md §2), through the fault proxy (test/fixtures/faultyRpc.ts)
 * in front of each chain of a real devnet: every read of a tick rides in one JSON-RPC batch; someone else's relay is
 * seen from the batch; flags from a call that did not run at the head are not used; a call the node fails inside a
 * batch costs only that call; and an RPC that refuses batches gets the same calls one by one, remembered. (Faults
 * of the whole exchange — errors, 429, timeouts, truncated and malformed replies — are tracker-faults.test.ts.)
 * Blocks come only from transactions and `mine` here, so no block lands between two calls of a batch by chance.
 */
import {
  decodeFunctionResult,
  encodeAbiParameters,
  encodeFunctionResult,
  multicall3Abi,
  type Hex,
  type TransactionReceipt,
} from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { MessageStatus, TrackedMessage } from '../../src/core/model/message'
import { isRelayable } from '../../src/core/model/progress'
import type { Tracker } from '../../src/core/tracker/api'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { startFaultyRpc, type FaultyRpc, type RequestRecord } from '../fixtures/faultyRpc'
import { createTestTracker, devnetChainConfigs } from '../fixtures/tracker'

let devnet: TestDevnet
let source: FaultyRpc
let destination: FaultyRpc
let tracker: Tracker

beforeAll(async () => {
  devnet = await startTestDevnet({ blockTime: 0 })
  source = await startFaultyRpc({ upstreams: [devnet.chain(901).rpcUrl] })
  destination = await startFaultyRpc({ upstreams: [devnet.chain(902).rpcUrl] })
  ;({ tracker } = await createTestTracker(devnet, { chains: through(source, destination) }))
})
beforeEach(() => {
  source?.clear()
  destination?.clear()
})
afterAll(async () => {
  await source?.close()
  await destination?.close()
  await devnet?.stop()
})

function through(src: FaultyRpc, dst: FaultyRpc) {
  return devnetChainConfigs(devnet).map((c) => ({ ...c, rpcUrl: c.id === 901 ? src.url : dst.url }))
}

/** One poll, with what each proxy saw during it. */
async function observedPoll(t: Tracker = tracker, dst: FaultyRpc = destination) {
  const [a, b] = [source.requests.length, dst.requests.length]
  const report = await t.poll()
  return { report, src: source.requests.slice(a), dst: dst.requests.slice(b) }
}
const exchanges = (records: RequestRecord[]) => new Set(records.map((r) => r.http)).size

async function until(hash: Hex, statuses: MessageStatus[], t: Tracker = tracker): Promise<TrackedMessage> {
  for (let i = 0; i < 20; i++) {
    await t.poll()
    const m = await t.getMessage(hash)
    if (m && statuses.includes(m.status)) return m
  }
  throw new Error(`${hash} never reached ${statuses.join('/')}`)
}

/** A transfer 901 → 902 that the destination's clock already allows to relay. */
async function readyTransfer(
  t: Tracker = tracker,
): Promise<{ message: TrackedMessage; receipt: TransactionReceipt }> {
  const receipt = await devnet.sendMock({ amount: 0n })
  await devnet.increaseTime(902, 5)
  await devnet.mine(902)
  const [message] = await t.trackTransaction(901, receipt.transactionHash)
  return { message: await until(message!.hash, ['ready'], t), receipt }
}

async function relayBySomeoneElse(receipt: TransactionReceipt): Promise<Hex> {
  const hash = await devnet.sendRelay(await devnet.executingMessage(receipt))
  await devnet.publicClient(902).waitForTransactionReceipt({ hash })
  return hash
}

function expectOneBatch(records: RequestRecord[], methods: string[]) {
  expect(exchanges(records)).toBe(1)
  expect(records.every((r) => r.batched)).toBe(true)
  expect(records.map((r) => r.method).sort()).toEqual([...methods].sort())
}

const HEADS = Array<string>(4).fill('eth_getBlockByNumber') // latest, safe, finalized, the anchor's block

describe('one round trip per chain', () => {
  it('a tick reads each chain in one HTTP request: heads, anchor, log re-check, flags and recent relays', async () => {
    await readyTransfer()
    const { report, src, dst } = await observedPoll()
    expect(report.errors).toEqual([])
    expectOneBatch(src, [...HEADS, 'eth_getLogs'])
    expectOneBatch(dst, [...HEADS, 'eth_call', 'eth_getLogs'])
    expect(report.httpRequests).toEqual({ 901: 1, 902: 1 })
    expect(report.requests).toEqual({ 901: 5, 902: 6 })
  })

  it("someone else's relay is seen from the batch, and its record (who, when) comes in the next tick's batch", async () => {
    const { message, receipt } = await readyTransfer()
    await observedPoll() // the recent window starts at the head this tick reads
    const relay = await relayBySomeoneElse(receipt)
    const first = await observedPoll()
    const seen = await tracker.getMessage(message.hash)
    // Relayed at once, from flag and log, in the tick's one request; its block is the head, so its time is known.
    expect(seen?.status).toBe('relayed')
    expect(seen?.relay).toMatchObject({ transactionHash: relay })
    expect(seen?.relay?.timestamp).toBeTypeOf('bigint')
    expect(seen?.relay?.relayer).toBeUndefined()
    expect(exchanges(first.dst)).toBe(1)
    expect(first.dst.filter((r) => !r.batched)).toEqual([]) // nothing read one by one, no log search
    expect(first.dst.filter((r) => r.method === 'eth_getLogs')).toHaveLength(1) // the recent window
    expect(first.report.httpRequests[902]).toBe(1)

    // Who relayed it: the relay's transaction, read in the next tick's one request.
    const second = await observedPoll()
    expect(exchanges(second.dst)).toBe(1)
    expect(second.dst.filter((r) => r.method === 'eth_getTransactionByHash').map((r) => r.batched)).toEqual([
      true,
    ])
    const detailed = await tracker.getMessage(message.hash)
    expect(detailed?.status).toBe('relayed')
    expect(detailed?.relay?.relayer?.toLowerCase()).toBe(devnet.account(0).address.toLowerCase())
    expect(detailed?.relay?.timestamp).toBe(seen?.relay?.timestamp)

    // Complete: the tick after that asks for it no more.
    const third = await observedPoll()
    expect(third.dst.filter((r) => r.method === 'eth_getTransactionByHash')).toEqual([])
    expect(exchanges(third.dst)).toBe(1)

    // Final on both sides, then back to one request per chain.
    await devnet.mine(901, 5)
    await devnet.mine(902, 5)
    await until(message.hash, ['finalized'])
    const steady = await observedPoll()
    expect(exchanges(steady.dst)).toBeLessThanOrEqual(1)
  })

  it('a call the node fails inside a batch costs only that call, read again on its own', async () => {
    const { message } = await readyTransfer()
    source.inject({
      fault: { kind: 'rpcError', code: -32005, message: 'query timeout' },
      methods: ['eth_getLogs'],
      times: 1,
    })
    const { report, src } = await observedPoll()
    expect(report.errors).toEqual([])
    expect(src.filter((r) => r.method === 'eth_getLogs').map((r) => r.batched)).toEqual([true, false])
    expect((await tracker.getMessage(message.hash))?.status).toBe('ready')
  })
})

describe('flags read at the head, or not used', () => {
  const cases: [string, (block: bigint, parent: Hex) => [bigint, Hex]][] = [
    ['at the next block (one landed between the calls)', (block, parent) => [block + 1n, parent]],
    ['at a block on another parent (another fork, another node)', (block) => [block, `0x${'ab'.repeat(32)}`]],
  ]
  it.each(cases)('a multicall that ran %s is read again, pinned to the head’s hash', async (_, elsewhere) => {
    const { message } = await readyTransfer()
    // The batched multicall claims another block and, there, that every message was relayed.
    destination.inject({
      fault: {
        kind: 'rewrite',
        rewrite: (method, params, result) =>
          isBatchedFlags(method, params) ? moved(result as Hex, elsewhere) : result,
      },
      methods: ['eth_call'],
      times: 1,
    })
    const { report, dst } = await observedPoll()
    expect(report.errors).toEqual([])
    // Asked again on its own (pinned to the head's hash: callAtBlock), and that answer decided.
    expect(dst.filter((r) => r.method === 'eth_call' && !r.batched)).toHaveLength(1)
    const after = await tracker.getMessage(message.hash)
    expect(after?.status).toBe('ready')
    expect(after?.relay).toBeUndefined()
  })
})

describe('a relay one read sees and the other hides', () => {
  it('a flag without its log (a node hiding RelayedMessage logs): no Relay offered, relayed once the log shows', async () => {
    const { message, receipt } = await readyTransfer()
    expect(isRelayable((await tracker.getMessage(message.hash))!)).toBe(true)
    await relayBySomeoneElse(receipt)
    destination.inject({ fault: { kind: 'rewrite', rewrite: () => [] }, methods: ['eth_getLogs'] })
    const { report } = await observedPoll()
    expect(report.errors).toEqual([])
    const hidden = await tracker.getMessage(message.hash)
    expect(hidden?.status).toBe('relaying')
    expect(isRelayable(hidden!)).toBe(false)
    expect(hidden?.relay).toBeUndefined()
    expect(hidden?.pendingRelay).toBeUndefined()
    await expect(tracker.prepareRelay(message.hash)).rejects.toThrow()

    destination.clear()
    const relayed = await until(message.hash, ['relayed'])
    expect(relayed.relay?.transactionHash).toBeDefined()
  })

  it('a log the flag denies (a node lying "not relayed"): no Relay offered, relayed once the flag agrees', async () => {
    const { message, receipt } = await readyTransfer()
    await observedPoll() // the recent window starts at the head this tick reads
    await relayBySomeoneElse(receipt)
    // The batched flags keep their block getters, so they are used as read: every flag says "not relayed".
    destination.inject({
      fault: {
        kind: 'rewrite',
        rewrite: (method, params, result) =>
          isBatchedFlags(method, params) ? allFlags(result as Hex, false) : result,
      },
      methods: ['eth_call'],
    })
    const { report } = await observedPoll()
    expect(report.errors).toEqual([])
    const denied = await tracker.getMessage(message.hash)
    expect(denied?.status).toBe('relaying')
    expect(isRelayable(denied!)).toBe(false)
    expect(denied?.relay).toBeUndefined()

    destination.clear()
    await until(message.hash, ['relayed'])
  })
})

describe('an RPC that refuses batches', () => {
  it.each(['http400', 'invalidRequest', 'firstOnly'] as const)(
    '%s: the same calls one by one, remembered; statuses move as with batches',
    async (answer) => {
      const refusing = await startFaultyRpc({ upstreams: [devnet.chain(902).rpcUrl] })
      refusing.inject({ fault: { kind: 'refuseBatches', answer } })
      try {
        const { tracker: t } = await createTestTracker(devnet, { chains: through(source, refusing) })
        const { message, receipt } = await readyTransfer(t)
        const first = refusing.requests.filter((r) => r.fault === 'refuseBatches')
        expect(first.length).toBeGreaterThan(0) // it was asked once, with a batch

        const { report, dst } = await observedPoll(t, refusing)
        expect(report.errors).toEqual([])
        expect(dst.length).toBeGreaterThan(0)
        expect(dst.every((r) => !r.batched)).toBe(true)
        expect(report.httpRequests[902]).toBe(report.requests[902])
        // The source, which takes batches, still gets one request.
        expect(report.httpRequests[901]).toBe(1)

        await relayBySomeoneElse(receipt)
        await until(message.hash, ['relayed'], t)
        // Who relayed it comes one tick later, one by one like the rest.
        await t.poll()
        expect((await t.getMessage(message.hash))?.relay?.relayer).toBeDefined()
        expect(refusing.requests.filter((r) => r.fault === 'refuseBatches')).toEqual(first)
      } finally {
        await refusing.close()
      }
    },
  )
})

/** The tick's flags multicall (at `latest`), not the pinned one (at a block hash). */
function isBatchedFlags(method: string, params: unknown[]): boolean {
  return method === 'eth_call' && params[1] === 'latest'
}

/** The aggregate3 answer with its block getters (number, parent hash) replaced and every flag set to true. */
function moved(result: Hex, elsewhere: (block: bigint, parent: Hex) => [bigint, Hex]): Hex {
  const answers = decodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', data: result })
  const block = BigInt(answers[0]!.returnData)
  const [number, parent] = elsewhere(block, answers[1]!.returnData)
  const yes = encodeAbiParameters([{ type: 'bool' }], [true])
  return encodeFunctionResult({
    abi: multicall3Abi,
    functionName: 'aggregate3',
    result: answers.map((a, i) => ({
      success: a.success,
      returnData:
        i === 0
          ? encodeAbiParameters([{ type: 'uint256' }], [number])
          : i === 1
            ? encodeAbiParameters([{ type: 'bytes32' }], [parent])
            : yes,
    })),
  })
}

/** The aggregate3 answer with its block getters kept and every flag set to `value`. */
function allFlags(result: Hex, value: boolean): Hex {
  const answers = decodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', data: result })
  const flag = encodeAbiParameters([{ type: 'bool' }], [value])
  return encodeFunctionResult({
    abi: multicall3Abi,
    functionName: 'aggregate3',
    result: answers.map((a, i) => ({ success: a.success, returnData: i < 2 ? a.returnData : flag })),
  })
}
