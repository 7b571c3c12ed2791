/**
 * What one poll tick costs with 1,000 tracked messages on 2 chains — HTTP requests and JSON-RPC calls — while
 * statuses change (blocks mined, messages becoming ready, some relayed by someone else), beside two naive clients
 * measured in the same ticks: one `getCrossDomainMessageStatus` per message, and the same with viem's
 * `batch.multicall` on. Then scale: one tick's wall time with 10,000 stored messages, and the heap they take.
 */
import {
  buildExecutingMessage,
  getCrossDomainMessages,
  getCrossDomainMessageStatus,
} from '@eth-optimism/viem/actions/interop'
import {
  createPublicClient,
  createWalletClient,
  custom,
  encodeFunctionData,
  http,
  parseAbi,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

import { l2ToL2CrossDomainMessengerAbi } from '../../src/core/protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER, MULTICALL3 } from '../../src/core/protocol/addresses'
import type { TrackedMessage } from '../../src/core/model/message'
import type { Tracker } from '../../src/core/tracker/api'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { createTestTracker, devnetChainConfigs } from '../fixtures/tracker'
import { median, type BenchRow } from './report'

const multicallAbi = parseAbi([
  'struct Call3 { address target; bool allowFailure; bytes callData; }',
  'function aggregate3(Call3[] calls) payable returns ((bool success, bytes returnData)[])',
])

/** The destination's clock must pass this before a message may be relayed: messages become ready mid-bench. */
const INTEROP_DELAY = 40
const CHANGING_TICKS = 12
/** Relays by someone else per tick, once messages are ready. */
const RELAYS_PER_TICK = 4

export async function benchPoller(): Promise<BenchRow[]> {
  const devnet = await startTestDevnet({ blockTime: 0, interopDelay: INTEROP_DELAY })
  try {
    return [...(await changingTicks(devnet)), ...(await scale(devnet))]
  } finally {
    await devnet.stop()
  }
}

/** Send `count` generic messages 901 → 902, 100 per transaction through Multicall3; returns the receipts. */
async function sendMessages(devnet: TestDevnet, count: number, tag: number): Promise<TransactionReceipt[]> {
  const wallet = createWalletClient({
    account: privateKeyToAccount(devnet.accounts[0].privateKey as Hex),
    chain: devnet.chain(901).chain,
    transport: http(devnet.chain(901).rpcUrl),
  })
  const receipts: TransactionReceipt[] = []
  for (let sent = 0; sent < count; sent += 100) {
    const n = Math.min(100, count - sent)
    const calls = Array.from({ length: n }, (_, i) => ({
      target: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
      allowFailure: false,
      callData: encodeFunctionData({
        abi: l2ToL2CrossDomainMessengerAbi,
        functionName: 'sendMessage',
        args: [
          902n,
          '0x000000000000000000000000000000000000dEaD',
          `0x${tag.toString(16)}${sent + i}`.padEnd(12, '0') as Hex,
        ],
      }),
    }))
    const hash = await wallet.writeContract({
      address: MULTICALL3,
      abi: multicallAbi,
      functionName: 'aggregate3',
      args: [calls],
      gas: 25_000_000n,
    })
    receipts.push(await devnet.publicClient(901).waitForTransactionReceipt({ hash }))
  }
  return receipts
}

async function track(tracker: Tracker, receipts: TransactionReceipt[]): Promise<void> {
  for (const r of receipts) await tracker.trackTransaction(901, r.transactionHash)
}

/** A destination client that counts its JSON-RPC calls and HTTP requests. */
function countedClient(devnet: TestDevnet, multicall: boolean) {
  const counts = { calls: 0, http: 0 }
  const c = devnet.chain(902)
  // A minute: 2,000 requests at once through the devnet proxy on a shared machine outlast viem's default 10 s.
  const inner = http(c.rpcUrl, { timeout: 60_000, retryCount: 0, onFetchRequest: () => void counts.http++ })({
    chain: c.chain,
  })
  const client = createPublicClient({
    chain: { ...c.chain, contracts: { multicall3: { address: MULTICALL3 } } },
    cacheTime: 0,
    ...(multicall ? { batch: { multicall: true } } : {}),
    transport: custom({ request: (args) => (counts.calls++, inner.request(args)) }, { retryCount: 0 }),
  }) as PublicClient
  return { client, counts }
}

/**
 * One status call per message, 100 messages in flight at a time: all 1,000 at once (2,000 requests) make the devnet
 * proxy drop connections on a loaded machine. The request count does not depend on the pacing.
 */
async function naiveTick(client: PublicClient, messages: readonly TrackedMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 100) {
    await Promise.all(
      messages.slice(i, i + 100).map((m) =>
        getCrossDomainMessageStatus(client, {
          message: {
            source: BigInt(m.source),
            destination: BigInt(m.destination),
            nonce: m.nonce,
            sender: m.sender,
            target: m.target,
            message: m.message,
            log: undefined as never,
          },
        }),
      ),
    )
  }
}

/** Heap in use after a full collection (the bench runs without --expose-gc, hence the flag set at run time). */
function heapUsedMiB(): number {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
  return process.memoryUsage().heapUsed / 2 ** 20
}

const sum = (r: Record<number, number>) => Object.values(r).reduce((a, b) => a + b, 0)
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

async function changingTicks(devnet: TestDevnet): Promise<BenchRow[]> {
  const { tracker } = await createTestTracker(devnet, {
    chains: devnetChainConfigs(devnet).map((c) => ({ ...c, interopDelay: INTEROP_DELAY })),
  })
  const receipts = await sendMessages(devnet, 1000, 1)
  await track(tracker, receipts)
  const messages = await tracker.listMessages()
  await tracker.poll() // the first tick settles what tracking read
  await tracker.poll()
  // Each relay is the first-to-last message of a receipt, by someone else (account 3), not the tracker.
  const relayable = (
    await Promise.all(receipts.map((r) => getCrossDomainMessages(devnet.publicClient(901), { logs: r.logs })))
  ).flat()
  const naive = countedClient(devnet, false)
  const batched = countedClient(devnet, true)
  const ours = { http: [] as number[], calls: [] as number[] }
  const theirs = { naive: [] as number[], naiveCalls: [] as number[], batched: [] as number[] }
  let relayed = 0
  for (let i = 0; i < CHANGING_TICKS; i++) {
    await devnet.mine(901)
    await devnet.increaseTime(902, Math.ceil(INTEROP_DELAY / 6)) // ready after ~6 ticks
    const ready = (await tracker.listMessages()).some((m) => m.status === 'ready')
    if (ready) {
      for (let k = 0; k < RELAYS_PER_TICK; k++) {
        const m = relayable[relayed++]!
        const hash = await devnet.sendRelay(
          await buildExecutingMessage(devnet.publicClient(901), { log: m.log }),
          {
            from: 3,
          },
        )
        await devnet.publicClient(902).waitForTransactionReceipt({ hash })
      }
    }
    const report = await tracker.poll()
    if (report.errors.length) throw new Error(`tick ${i}: ${JSON.stringify(report.errors)}`)
    ours.http.push(sum(report.httpRequests))
    ours.calls.push(sum(report.requests))
    for (const [client, into, calls] of [
      [naive, theirs.naive, theirs.naiveCalls],
      [batched, theirs.batched, undefined],
    ] as const) {
      client.counts.calls = client.counts.http = 0
      await naiveTick(client.client, messages)
      into.push(client.counts.http)
      calls?.push(client.counts.calls)
    }
  }
  const statuses = new Set((await tracker.listMessages()).map((m) => m.status))
  const during = `${CHANGING_TICKS} ticks while blocks are mined, messages turn ready and ${relayed} are relayed by someone else (${[...statuses].join(', ')} at the end)`
  const range = (xs: number[]) => `min ${Math.min(...xs)}, max ${Math.max(...xs)}`
  return [
    {
      id: 'poller.httpRequests.1000',
      group: 'poller',
      name: '1,000 msgs on 2 chains: HTTP requests per tick (mean)',
      value: mean(ours.http),
      unit: 'req',
      note: `${range(ours.http)}; ${during}`,
    },
    {
      id: 'poller.rpcCalls.1000',
      group: 'poller',
      name: '1,000 msgs on 2 chains: JSON-RPC calls per tick (mean)',
      value: mean(ours.calls),
      unit: 'calls',
      note: range(ours.calls),
    },
    {
      id: 'poller.naive.httpRequests.1000',
      group: 'poller',
      name: '1,000 msgs, naive (getCrossDomainMessageStatus each): HTTP requests per tick',
      value: mean(theirs.naive),
      unit: 'req',
      note: `${mean(theirs.naiveCalls)} calls; destination reads only, same ticks`,
    },
    {
      id: 'poller.naiveBatched.httpRequests.1000',
      group: 'poller',
      name: '1,000 msgs, naive with viem batch.multicall: HTTP requests per tick',
      value: mean(theirs.batched),
      unit: 'req',
      note: 'destination reads only, same ticks',
    },
  ]
}

async function scale(devnet: TestDevnet): Promise<BenchRow[]> {
  const receipts = await sendMessages(devnet, 10_000, 2)
  await devnet.increaseTime(902, INTEROP_DELAY + 1)
  const heapBefore = heapUsedMiB()
  const { tracker } = await createTestTracker(devnet, {
    chains: devnetChainConfigs(devnet).map((c) => ({ ...c, interopDelay: INTEROP_DELAY })),
  })
  await track(tracker, receipts)
  const count = (await tracker.listMessages()).length
  await tracker.poll()
  const times: number[] = []
  const failed: string[] = []
  let http = 0
  for (let i = 0; i < 6; i++) {
    await devnet.mine(901)
    await devnet.mine(902)
    const started = performance.now()
    const report = await tracker.poll()
    // A tick a chain failed (a dropped connection on this loaded machine) did not do the work: not timed.
    if (report.errors.length) {
      failed.push(report.errors.map((e) => e.message).join('; '))
      continue
    }
    times.push(performance.now() - started)
    http = sum(report.httpRequests)
  }
  if (times.length === 0) throw new Error(`every 10,000 tick failed: ${failed.join(' | ')}`)
  const heap = heapUsedMiB() - heapBefore
  return [
    {
      id: 'poller.tick.ms.10000',
      group: 'poller',
      name: `${count.toLocaleString('en')} msgs: one poll tick, wall time (median of ${times.length})`,
      value: median(times),
      unit: 'ms',
      note: `${http} HTTP requests per tick; blocks mined between ticks${failed.length ? `; ${failed.length} failed tick(s) left out: ${failed[0]}` : ''}`,
    },
    {
      id: 'poller.heap.10000',
      group: 'poller',
      name: `${count.toLocaleString('en')} msgs: heap used by the tracker (memory store)`,
      value: heap,
      unit: 'MiB',
      note: 'heap after tracking and polling, minus before, after a full GC',
    },
  ]
}
