/**
 * The poller's promise: a fixed number of reads per chain and tick, whatever the number of tracked messages — and
 * all of them in one HTTP request per chain (a JSON-RPC batch, docs/ARCHITECTURE.md §2).
 */
import { encodeFunctionData, parseAbi } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { l2ToL2CrossDomainMessengerAbi } from '../../src/core/protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER, MULTICALL3 } from '../../src/core/protocol/addresses'
import type { Tracker } from '../../src/core/tracker/api'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { createTestTracker } from '../fixtures/tracker'

const multicallAbi = parseAbi([
  'struct Call3 { address target; bool allowFailure; bytes callData; }',
  'function aggregate3(Call3[] calls) payable returns ((bool success, bytes returnData)[])',
])

let devnet: TestDevnet
let tracker: Tracker
beforeAll(async () => {
  devnet = await startTestDevnet({ blockTime: 0 })
  ;({ tracker } = await createTestTracker(devnet))
})
afterAll(async () => {
  await devnet?.stop()
})

/** One tx sending `n` generic messages 901 → 902 (through Multicall3), tracked by its hash. */
async function trackBatch(n: number, t: Tracker = tracker) {
  const calls = Array.from({ length: n }, (_, i) => ({
    target: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
    allowFailure: false,
    callData: encodeFunctionData({
      abi: l2ToL2CrossDomainMessengerAbi,
      functionName: 'sendMessage',
      args: [902n, '0x000000000000000000000000000000000000dEaD', `0x${i.toString(16).padStart(8, '0')}`],
    }),
  }))
  const hash = await devnet.walletClient(901).writeContract({
    address: MULTICALL3,
    abi: multicallAbi,
    functionName: 'aggregate3',
    args: [calls],
    account: devnet.account(0),
    chain: devnet.chain(901).chain,
    gas: 20_000_000n,
  })
  await devnet.publicClient(901).waitForTransactionReceipt({ hash })
  return t.trackTransaction(901, hash)
}

async function steadyRequests() {
  await tracker.poll()
  const report = await tracker.poll()
  expect(report.errors).toEqual([])
  return { calls: report.requests, http: report.httpRequests }
}

it('costs the same calls per tick for 1 message and for 200, in one HTTP request per chain', async () => {
  expect(await trackBatch(1)).toHaveLength(1)
  const one = await steadyRequests()
  expect(await trackBatch(199)).toHaveLength(199)
  const many = await steadyRequests()
  expect((await tracker.listMessages()).length).toBe(200)
  expect(many).toEqual(one)
  // Each chain: heads (latest, safe, finalized) + the anchor's block; the source adds one getLogs (the log
  // re-check), the destination one multicall (the flags) and one getLogs (relays since the last tick's head).
  expect(one.calls).toEqual({ 901: 5, 902: 6 })
  expect(one.http).toEqual({ 901: 1, 902: 1 })
})

it('polls fast while messages can move by themselves, slowly when only the user can act', async () => {
  const fast = await createTestTracker(devnet)
  expect(fast.tracker.nextPollDelayMs()).toBe(30_000)
  await trackBatch(1, fast.tracker)
  await fast.tracker.poll()
  expect(fast.tracker.nextPollDelayMs()).toBe(2_000)
})
