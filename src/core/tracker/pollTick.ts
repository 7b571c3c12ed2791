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
import { settleChains, voidResets } from './chainOutcomes'
import { pollChains, type ChainOutcome } from './poller'
import { createRelocationPacer, readsSource, type RelocationPacer } from './sourceReads'

/**
 * Can this message change without the user doing anything? Then the tracker polls fast. A ready message can still be
 * taken by an autorelayer, but one that has waited this long is stuck: polling it every 2 s would only burn RPC quota.
 */
const READY_FAST_POLL_MS = 10 * 60_000
function movesByItself(message: TrackedMessage, now: number): boolean {
  if (message.status === 'ready') return now - message.updatedAt < READY_FAST_POLL_MS
  return isInFlight(message) && message.status !== 'failed' && message.status !== 'expired'
}

export interface PollTick {
  /** One tick; concurrent calls share the running one. */
  poll(): Promise<PollReport>
  /** Whether the last tick saw something that moves by itself. */
  readonly active: boolean
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
  pacer: RelocationPacer
  suspects: Set<number>
}

export function createPollTick(deps: Omit<TickContext, 'pacer' | 'suspects'>): PollTick {
  const ctx: TickContext = { ...deps, pacer: createRelocationPacer(), suspects: new Set() }
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
  }
}

async function tick(ctx: TickContext): Promise<{ report: PollReport; moving: boolean }> {
  const { store, chains, health, now } = ctx
  await ctx.discovery.drain()
  const messages = (await store.list()).filter((m) => isInFlight(m) || readsSource(m, now()))
  const skip = new Set(
    chains
      .list()
      .filter((c) => health.backingOff(c.id))
      .map((c) => c.id),
  )
  for (const c of chains.list()) chains.takeRequestCount(c.id)
  const anchors = ((await store.getSetting<JsonValue>(ANCHORS_SETTING)) ?? {}) as unknown as Record<
    string,
    ChainAnchor
  >

  const result = await pollChains(
    {
      client: (id) => chains.client(id),
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
  )
  const resets = await settleChains(ctx, result.chains, anchors)
  if (resets.length > 0) await voidResets(ctx, result.events, resets, result.chains)
  const results = await ctx.writer.apply(result.events)

  const t = now()
  const moving =
    results.some((r) => r.changed || movesByItself(r.message, t)) || (await ctx.discovery.hasPending())
  const requests: Record<number, number> = {}
  for (const c of chains.list()) {
    const n = chains.takeRequestCount(c.id)
    if (n > 0) requests[c.id] = n
  }
  const failed = result.chains.filter(
    (o): o is Extract<ChainOutcome, { kind: 'failed' }> => o.kind === 'failed',
  )
  const errors = failed.map((o) => ({
    chainId: o.chainId,
    message: health.get(o.chainId).error ?? String(o.error),
  }))
  return { report: { requests, updated: results.filter((r) => r.changed).length, errors, resets }, moving }
}
