/**
 * One tick of the tracker: queued transactions, then the chains' reads (poller.ts) applied as events to the current
 * stored records (messageWriter.ts), then what the reads said about each chain — its health (chainHealth.ts), a
 * reset (chainAnchor.ts) and its anchor. Ticks never overlap: a second `poll()` while one runs shares it.
 */
import type { Hex } from 'viem'

import { isInFlight } from '../model/progress'
import type { TrackedMessage } from '../model/message'
import type { JsonValue, MessageStore } from '../store/types'
import type { PollReport } from './api'
import { ANCHORS_SETTING, type ChainAnchor } from './chainAnchor'
import type { HealthBook } from './chainHealth'
import type { ChainSet } from './chainSet'
import type { DiscoveryQueue } from './discoveryQueue'
import type { TrackerEventHub } from './events'
import type { MessageWriter } from './messageWriter'
import { createBlockPace, type BlockPace } from './blockPace'
import { settleChains, voidResets, voidsWritten } from './chainOutcomes'
import { chainsOf, pollChains, type ChainOutcome } from './poller'
import { createRelocationPacer, readsSource, type RelocationPacer } from './sourceReads'

/**
 * Can this message change without the user doing anything? Then the tracker polls fast. A ready message can still be
 * taken by an autorelayer, but one that has waited this long is stuck: polling it every 2 s would only burn RPC quota.
 */
const READY_FAST_POLL_MS = 10 * 60_000
/**
 * A head read this recently starts the next tick's window of recent relay logs (relayLogs.ts); an older one (a
 * worker that slept) would make that window large, so the tick searches for new relays' logs as it used to.
 */
const RECENT_HEAD_MS = 60_000
function movesByItself(message: TrackedMessage, now: number): boolean {
  if (message.status === 'ready') return now - message.updatedAt < READY_FAST_POLL_MS
  return isInFlight(message) && message.status !== 'failed' && message.status !== 'expired'
}

export interface PollTick {
  /** One tick; concurrent calls share the running one. */
  poll(): Promise<PollReport>
  /** Whether the last tick saw something that moves by itself. */
  readonly active: boolean
  /** The chains' block time as the ticks saw it (blockPace.ts), for a loop that polls once per block. */
  blockPaceMs(): number | undefined
}

interface TickContext {
  store: MessageStore
  chains: ChainSet
  writer: MessageWriter
  discovery: DiscoveryQueue
  health: HealthBook
  events: TrackerEventHub
  now: () => number
  waitingOnWallet: ReadonlySet<Hex>
  /** Finish resets a stopped process left half done (resetCatchUp.ts): first, before anything is read or written. */
  owedResets: () => Promise<number[]>
  pacer: RelocationPacer
  suspects: Set<number>
  /** Per chain, the head the last good tick read and when: where the next tick's recent relay logs start. */
  recentHeads: Map<number, { number: bigint; at: number }>
  pace: BlockPace
}

export function createPollTick(
  deps: Omit<TickContext, 'pacer' | 'suspects' | 'recentHeads' | 'pace'>,
): PollTick {
  const ctx: TickContext = {
    ...deps,
    pacer: createRelocationPacer(),
    suspects: new Set(),
    recentHeads: new Map(),
    pace: createBlockPace(),
  }
  let running: Promise<PollReport> | undefined
  let active = false
  return {
    poll() {
      running ??= tick(ctx)
        .then(({ report, moving }) => {
          active = moving
          return report
        })
        .finally(() => {
          running = undefined
        })
      return running
    },
    get active() {
      return active
    },
    blockPaceMs: () => ctx.pace.ms(),
  }
}

async function tick(ctx: TickContext): Promise<{ report: PollReport; moving: boolean }> {
  const { store, chains, health, now } = ctx
  const caughtUp = await ctx.owedResets()
  for (const id of caughtUp) ctx.pace.forget(id)
  await ctx.discovery.drain()
  const stored = await store.list()
  const messages = stored.filter((m) => isInFlight(m) || readsSource(m, now()))
  // A chain holding only settled messages, or only a scan cursor, is still checked for a reset: a devnet restart
  // voids even finalized transfers, and a cursor past the new chain's head would find nothing for ever.
  const settled = [...chainsOf(stored), ...(await store.listCursors()).map(({ cursor }) => cursor.chainId)]
  const skip = new Set(
    chains
      .list()
      .filter((c) => health.backingOff(c.id))
      .map((c) => c.id),
  )
  for (const c of chains.list()) chains.takeCounts(c.id)
  const anchors = ((await store.getSetting<JsonValue>(ANCHORS_SETTING)) ?? {}) as unknown as Record<
    string,
    ChainAnchor
  >

  const result = await pollChains(
    {
      client: (id) => chains.client(id),
      exchange: (id, calls) => chains.exchange(id, calls),
      recentHead: (id) => {
        const seen = ctx.recentHeads.get(id)
        return seen && now() - seen.at <= RECENT_HEAD_MS ? seen.number : undefined
      },
      chain: (id) => chains.list().find((c) => c.id === id),
      checkChainId: (id) => chains.checkChainId(id),
      now,
      anchor: (id) => anchors[String(id)],
      suspected: (id) => ctx.suspects.has(id),
      pacer: ctx.pacer,
      waitingOnWallet: ctx.waitingOnWallet,
      readiness: (id) => chains.readiness(id),
    },
    messages,
    skip,
    settled,
  )
  const resets = await settleChains(ctx, result.chains, anchors)
  for (const o of result.chains) {
    if (o.kind === 'reset') ctx.pace.forget(o.chainId)
    if (o.kind !== 'read') continue
    const head = o.anchor.head
    ctx.recentHeads.set(o.chainId, { number: BigInt(head.number), at: now() })
    ctx.pace.record(o.chainId, BigInt(head.number), BigInt(head.timestamp))
  }
  if (resets.length > 0) await voidResets(ctx, result.events, resets, result.chains)
  const results = await ctx.writer.apply(result.events)
  const updated = results.filter((r) => r.changed).length
  if (resets.length > 0) await voidsWritten(store, resets, result.chains)

  const t = now()
  const moving =
    results.some((r) => r.changed || movesByItself(r.message, t)) || (await ctx.discovery.hasPending())
  const requests: Record<number, number> = {}
  const httpRequests: Record<number, number> = {}
  for (const c of chains.list()) {
    const n = chains.takeCounts(c.id)
    if (n.calls > 0) requests[c.id] = n.calls
    if (n.httpRequests > 0) httpRequests[c.id] = n.httpRequests
  }
  const failed = result.chains.filter(
    (o): o is Extract<ChainOutcome, { kind: 'failed' }> => o.kind === 'failed',
  )
  const errors = failed.map((o) => ({
    chainId: o.chainId,
    message: health.get(o.chainId).error ?? String(o.error),
  }))
  return {
    report: { requests, httpRequests, updated, errors, resets: [...new Set([...caughtUp, ...resets])] },
    moving,
  }
}
