/**
 * Detection latency: how long after someone else's relay the tracker shows the message relayed, at the pace the UI
 * polls while a popup is open (every 2 s, extension/background/scheduler.ts), on a devnet with 1 s blocks.
 *
 * N transfers are sent and become ready; an independent relayer (an account the tracker does not use) relays each,
 * at a random moment relative to the poll loop, and takes the time its receipt arrives (polled every 25 ms — what a
 * relayer waiting on its transaction sees). The tracker, running its own loop, records when its update says
 * 'relayed'. Latency = that update − the relay's receipt.
 */
import type { Hex, TransactionReceipt } from 'viem'

import type { Tracker, TrackerUpdate } from '../../src/core/tracker/api'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { createTestTracker } from '../fixtures/tracker'
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

export async function benchDetect(): Promise<BenchRow[]> {
  const devnet = await startTestDevnet({ blockTime: 1 })
  let tracker: Tracker | undefined
  try {
    ;({ tracker } = await createTestTracker(devnet, { tracker: { activePollMs: UI_POLL_MS } }))
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
    const note = `${TRANSFERS} relays by another account, 1 s blocks, tracker polling every ${UI_POLL_MS / 1000} s; from the relayer's receipt`
    return [
      {
        id: 'detect.inFlight.p50',
        group: 'detect',
        name: 'relay by someone else → shown relayed, popup open (p50)',
        value: percentile(latencies, 50),
        unit: 'ms',
        note,
      },
      {
        id: 'detect.inFlight.p95',
        group: 'detect',
        name: 'relay by someone else → shown relayed, popup open (p95)',
        value: percentile(latencies, 95),
        unit: 'ms',
        note: `max ${Math.max(...latencies).toFixed(0)} ms`,
      },
    ]
  } finally {
    tracker?.stop()
    await devnet.stop()
  }
}
