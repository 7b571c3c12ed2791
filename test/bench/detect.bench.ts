/**
 * Detection latency: how long after someone else's relay the tracker shows the message relayed, at the pace the UI
 * polls while a popup is open (every 2 s, extension/background/scheduler.ts), on a devnet with 1 s blocks.
 *
 * N transfers are sent and become ready; an independent relayer (an account the tracker does not use) relays each,
 * at a random moment relative to the poll loop, and takes the time its receipt arrives (polled every 25 ms — what a
 * relayer waiting on its transaction sees). The tracker, running its own loop, records when its update says
 * 'relayed'. Latency = that update − the relay's receipt. Measured twice: with the tracker's loop polling once per
 * block while something is in flight (the default), and at the fixed pace alone, each with the HTTP requests per
 * second it cost (counted at a proxy in front of each chain).
 */
import type { Hex, TransactionReceipt } from 'viem'

import type { Tracker, TrackerUpdate } from '../../src/core/tracker/api'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { startFaultyRpc, type FaultyRpc } from '../fixtures/faultyRpc'
import { createTestTracker, devnetChainConfigs } from '../fixtures/tracker'
import type { BenchRow } from './report'

/** The UI's poll pace while a popup is open (extension/background/scheduler.ts FAST_POLL_MS). */
const UI_POLL_MS = 2_000
const TRANSFERS = 16

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length) - 1
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!
}

/** Resolves when the receipt exists, polling fast: the relayer's own view of "relayed". */
async function receiptOf(devnet: TestDevnet, hash: Hex): Promise<TransactionReceipt> {
  for (;;) {
    const receipt = await devnet
      .publicClient(902)
      .getTransactionReceipt({ hash })
      .catch(() => undefined)
    if (receipt) return receipt
    await sleep(25)
  }
}

/** Detection latencies and what the tracker's loop sent meanwhile, with per-block polling on or off. */
async function measure(devnet: TestDevnet, pollPerBlock: boolean) {
  // Every request the tracker makes goes through a counting proxy: loop ticks, discovery, everything.
  const proxies = await Promise.all(devnet.chains.map((c) => startFaultyRpc({ upstreams: [c.rpcUrl] })))
  const chains = devnetChainConfigs(devnet).map((c, i) => ({ ...c, rpcUrl: proxies[i]!.url }))
  let tracker: Tracker | undefined
  try {
    ;({ tracker } = await createTestTracker(devnet, {
      chains,
      tracker: { activePollMs: UI_POLL_MS, pollPerBlock },
    }))
    const t = tracker
    const relayedAt = new Map<Hex, number>()
    t.subscribe((u: TrackerUpdate) => {
      if (
        u.type === 'messageUpdated' &&
        (u.to === 'relayed' || u.to === 'finalized') &&
        !relayedAt.has(u.message.hash)
      )
        relayedAt.set(u.message.hash, performance.now())
    })
    const receipts: TransactionReceipt[] = []
    for (let i = 0; i < TRANSFERS; i++) receipts.push(await devnet.sendMock({ amount: 0n }))
    const hashes: Hex[] = []
    for (const r of receipts)
      hashes.push(...(await t.trackTransaction(901, r.transactionHash)).map((m) => m.hash))
    t.start()
    // All ready before any relay: the bench times relays, not readiness.
    for (let i = 0; ; i++) {
      const statuses = await Promise.all(hashes.map(async (h) => (await t.getMessage(h))?.status))
      if (statuses.every((s) => s === 'ready')) break
      if (i > 120) throw new Error(`not ready after 60 s: ${statuses.join(', ')}`)
      await sleep(500)
    }

    const httpBefore = proxies.map((p) => requestsOf(p))
    const started = performance.now()
    const latencies: number[] = []
    for (const [i, receipt] of receipts.entries()) {
      await sleep(Math.random() * UI_POLL_MS) // a random phase against the poll loop
      const message = await devnet.executingMessage(receipt)
      const tx = await devnet.sendRelay(message, { from: 3 })
      await receiptOf(devnet, tx)
      const seenFrom = performance.now()
      const hash = hashes[i]!
      for (let waited = 0; !relayedAt.has(hash); waited += 10) {
        if (waited > 30_000) throw new Error(`relay of ${hash} not seen in 30 s`)
        await sleep(10)
      }
      latencies.push(Math.max(0, relayedAt.get(hash)! - seenFrom))
    }
    const seconds = (performance.now() - started) / 1000
    const http = proxies.reduce((n, p, i) => n + requestsOf(p) - httpBefore[i]!, 0)
    return { latencies, httpPerSecond: http / seconds }
  } finally {
    tracker?.stop()
    await Promise.all(proxies.map((p) => p.close()))
  }
}

/** HTTP requests a proxy carried (the calls of one batch share one). */
const requestsOf = (proxy: FaultyRpc) => new Set(proxy.requests.map((r) => r.http)).size

export async function benchDetect(): Promise<BenchRow[]> {
  const devnet = await startTestDevnet({ blockTime: 1 })
  try {
    const perBlock = await measure(devnet, true)
    const fixed = await measure(devnet, false)
    const note = `${TRANSFERS} relays by another account, 1 s blocks, UI pace ${UI_POLL_MS / 1000} s, tracker polling once per block while in flight; from the relayer's receipt`
    const rate = (r: { httpPerSecond: number }) => `${r.httpPerSecond.toFixed(2)} HTTP requests/s (2 chains)`
    return [
      {
        id: 'detect.inFlight.p50',
        group: 'detect',
        name: 'relay by someone else → shown relayed, popup open (p50)',
        value: percentile(perBlock.latencies, 50),
        unit: 'ms',
        note,
      },
      {
        id: 'detect.inFlight.p95',
        group: 'detect',
        name: 'relay by someone else → shown relayed, popup open (p95)',
        value: percentile(perBlock.latencies, 95),
        unit: 'ms',
        note: `max ${Math.max(...perBlock.latencies).toFixed(0)} ms; ${rate(perBlock)} meanwhile`,
      },
      {
        id: 'detect.inFlight.httpPerSecond',
        group: 'detect',
        name: 'HTTP requests per second while messages are in flight (per-block polling, 2 chains)',
        value: perBlock.httpPerSecond,
        unit: 'req/s',
        note: 'every request the tracker sent during the relays, counted at a proxy; idle pace unchanged (30 s)',
      },
      {
        id: 'detect.inFlight.fixedPace.p95',
        group: 'detect',
        name: `same, fixed ${UI_POLL_MS / 1000} s pace (pollPerBlock: false) (p95)`,
        value: percentile(fixed.latencies, 95),
        unit: 'ms',
        note: `p50 ${percentile(fixed.latencies, 50).toFixed(0)} ms; ${rate(fixed)}`,
      },
    ]
  } finally {
    await devnet.stop()
  }
}
