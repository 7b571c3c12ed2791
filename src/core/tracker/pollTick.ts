/**
 * One tick of the tracker: queued transactions, then the chains' reads (poller.ts) applied as events to the current
 * stored records (messageWriter.ts), then what the reads said about each chain — its health (chainHealth.ts), a
 * reset (chainAnchor.ts) and its anchor. Ticks never overlap: a second `poll()` while one runs shares it.
 */
import type { Hex } from 'viem'

import { ChainIdMismatchError } from '../chains/errors'
import { isInFlight } from '../model/progress'
import type { TrackedMessage } from '../model/message'
import type { TrackerEvent } from '../model/status'
import { findError } from '../relay/errors'
import type { JsonValue, MessageStore } from '../store/types'
import type { PollReport } from './api'
import { ANCHORS_SETTING, type ChainAnchor } from './chainAnchor'
import type { HealthBook } from './chainHealth'
import type { ChainSet } from './chainSet'
import type { DiscoveryQueue } from './discoveryQueue'
import type { TrackerEventHub } from './events'
import type { MessageWriter } from './messageWriter'
import { pollChains, type ChainOutcome } from './poller'
import { createRelocationPacer, readsSource } from './sourceReads'

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
}

export function createPollTick(deps: {
  store: MessageStore
  chains: ChainSet
  writer: MessageWriter
  discovery: DiscoveryQueue
  health: HealthBook
  events: TrackerEventHub
  now: () => number
  waitingOnWallet: ReadonlySet<Hex>
}): PollTick {
  const { store, chains, writer, health, events, now } = deps
  const pacer = createRelocationPacer()
  const suspects = new Set<number>()
  /** Per chain, the head the last good tick read and when: where the next tick's recent relay logs start. */
  const recentHeads = new Map<number, { number: bigint; at: number }>()
  let running: Promise<PollReport> | undefined
  let active = false

  async function tick(): Promise<PollReport> {
    await deps.discovery.drain()
    const all = await store.list()
    const messages = all.filter((m) => isInFlight(m) || readsSource(m, now()))
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
          const seen = recentHeads.get(id)
          return seen && now() - seen.at <= RECENT_HEAD_MS ? seen.number : undefined
        },
        chain: (id) => (chains.has(id) ? chains.list().find((c) => c.id === id) : undefined),
        checkChainId: (id) => chains.checkChainId(id),
        now,
        anchor: (id) => anchors[String(id)],
        suspected: (id) => suspects.has(id),
        pacer,
        waitingOnWallet: deps.waitingOnWallet,
      },
      messages,
      skip,
    )

    const resets = await settleChains(result.chains, anchors)
    if (resets.length > 0) await voidResets(result.events, resets, result.chains)
    const results = await writer.apply(result.events)

    const t = now()
    active =
      results.some((r) => r.changed || movesByItself(r.message, t)) || (await deps.discovery.hasPending())
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
    return {
      requests,
      httpRequests,
      updated: results.filter((r) => r.changed).length,
      errors: failed.map((o) => ({
        chainId: o.chainId,
        message: health.get(o.chainId).error ?? String(o.error),
      })),
      resets,
    }
  }

  /** Health and anchors from each chain's outcome; resolves with the chains reset in this tick. */
  async function settleChains(
    outcomes: readonly ChainOutcome[],
    before: Record<string, ChainAnchor>,
  ): Promise<number[]> {
    const resets: number[] = []
    const anchors = new Map<number, { anchor: ChainAnchor; previous: ChainAnchor | undefined }>()
    for (const o of outcomes) {
      if (o.kind === 'read' || o.kind === 'reset')
        anchors.set(o.chainId, { anchor: o.anchor, previous: before[String(o.chainId)] })
      if (o.kind === 'read') {
        recentHeads.set(o.chainId, { number: BigInt(o.anchor.head.number), at: now() })
        suspects.delete(o.chainId)
        health.ok(o.chainId)
      } else if (o.kind === 'skipped') {
        if (o.verdict.kind === 'suspect') suspects.add(o.chainId)
      } else if (o.kind === 'failed') {
        const mismatch = findError(o.error, ChainIdMismatchError)
        if (mismatch) {
          health.wrongChain(
            o.chainId,
            mismatch.actual,
            `${mismatch.shortMessage} Stopped polling it until its RPC serves chain ${o.chainId}.`,
          )
        } else health.failed(o.chainId, o.error, chains.takeRetryAfter(o.chainId))
        events.emit('error', {
          error: o.error as Error,
          context: `polling ${chains.name(o.chainId)} (${o.chainId})`,
        })
      }
    }
    if (anchors.size === 0) return resets
    // Compare-and-set per chain: a reset another process already handled (its anchor is stored) is not applied twice.
    const won = new Set<number>()
    await store.updateSetting(ANCHORS_SETTING, (current) => {
      const next = { ...((current ?? {}) as Record<string, JsonValue>) }
      for (const [id, { anchor, previous }] of anchors) {
        const stored = next[String(id)] as unknown as ChainAnchor | undefined
        if (JSON.stringify(stored) !== JSON.stringify(previous)) continue
        next[String(id)] = anchor as unknown as JsonValue
        won.add(id)
      }
      return next
    })
    for (const o of outcomes) {
      if (o.kind !== 'reset' || !won.has(o.chainId)) continue
      suspects.delete(o.chainId)
      resets.push(o.chainId)
    }
    return resets
  }

  /** A reset chain: its scan cursors go, and every message it held (even finalized ones) is voided first. */
  async function voidResets(
    eventsByHash: Map<Hex, TrackerEvent[]>,
    resets: number[],
    outcomes: readonly ChainOutcome[],
  ): Promise<void> {
    for (const { key, cursor } of await store.listCursors()) {
      if (resets.includes(cursor.chainId)) await store.removeCursor(key)
    }
    const touched = (await store.list()).filter(
      (m) => resets.includes(m.source) || resets.includes(m.destination),
    )
    // A new genesis is a restart; the same genesis under a changed finalized block is a reorg past finality.
    const restarted = (id: number) =>
      outcomes.some((o) => o.chainId === id && o.kind === 'reset' && o.genesisChanged)
    const voids: TrackerEvent[] = []
    const byRestart = resets.filter(restarted)
    const byReorg = resets.filter((id) => !restarted(id))
    if (byRestart.length > 0) voids.push({ type: 'chainReset', chainIds: byRestart, cause: 'chainReset' })
    if (byReorg.length > 0) voids.push({ type: 'chainReset', chainIds: byReorg, cause: 'reorg' })
    for (const m of touched) eventsByHash.set(m.hash, [...voids, ...(eventsByHash.get(m.hash) ?? [])])
    for (const chainId of resets) {
      health.reset(chainId)
      const affected = touched.filter((m) => m.source === chainId || m.destination === chainId).length
      events.emit('chainReset', { chainId, affected })
    }
  }

  return {
    poll() {
      running ??= tick().finally(() => {
        running = undefined
      })
      return running
    },
    get active() {
      return active
    },
  }
}
