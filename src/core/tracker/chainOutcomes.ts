/**
 * What a tick's reads said about each chain, settled: its health (chainHealth.ts), its anchor (chainAnchor.ts,
 * stored compare-and-set so a reset handled by another process is not applied twice), and for a chain found reset,
 * its scan cursors forgotten and every message it held voided first (the status machine's `chainReset`).
 */
import type { Hex } from 'viem'

import { ChainIdMismatchError } from '../chains/errors'
import type { TrackerEvent } from '../model/status'
import { findError } from '../relay/errors'
import type { JsonValue, MessageStore } from '../store/types'
import { ANCHORS_SETTING, type ChainAnchor } from './chainAnchor'
import type { HealthBook } from './chainHealth'
import type { ChainSet } from './chainSet'
import type { TrackerEventHub } from './events'
import type { ChainOutcome } from './poller'

export interface OutcomeContext {
  store: MessageStore
  chains: ChainSet
  health: HealthBook
  events: TrackerEventHub
  /** Chains whose finalized block looked changed last tick (same genesis): a second look confirms a reset. */
  suspects: Set<number>
}

/** Health and anchors from each chain's outcome; resolves with the chains reset in this tick. */
export async function settleChains(
  ctx: OutcomeContext,
  outcomes: readonly ChainOutcome[],
  before: Record<string, ChainAnchor>,
): Promise<number[]> {
  const resets: number[] = []
  const anchors = new Map<number, { anchor: ChainAnchor; previous: ChainAnchor | undefined }>()
  for (const o of outcomes) {
    if (o.kind === 'read') anchors.set(o.chainId, { anchor: o.anchor, previous: before[String(o.chainId)] })
    // Marked until its voids are written (`voidsWritten`): a process stopped before that leaves the mark.
    if (o.kind === 'reset') anchors.set(o.chainId, { anchor: marked(o), previous: before[String(o.chainId)] })
    if (o.kind === 'read') {
      ctx.suspects.delete(o.chainId)
      ctx.health.ok(o.chainId)
    } else if (o.kind === 'skipped') {
      if (o.verdict.kind === 'suspect') ctx.suspects.add(o.chainId)
    } else if (o.kind === 'failed') {
      const mismatch = findError(o.error, ChainIdMismatchError)
      if (mismatch) {
        ctx.health.wrongChain(
          o.chainId,
          mismatch.actual,
          `${mismatch.shortMessage} Stopped polling it until its RPC serves chain ${o.chainId}.`,
        )
      } else ctx.health.failed(o.chainId, o.error, ctx.chains.takeRetryAfter(o.chainId))
      ctx.events.emit('error', {
        error: o.error as Error,
        context: `polling ${ctx.chains.name(o.chainId)} (${o.chainId})`,
        chainId: o.chainId,
      })
    }
  }
  if (anchors.size === 0) return resets
  // Compare-and-set per chain: a reset another process already handled (its anchor is stored) is not applied twice.
  const won = new Set<number>()
  await ctx.store.updateSetting(ANCHORS_SETTING, (current) => {
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
    ctx.suspects.delete(o.chainId)
    resets.push(o.chainId)
  }
  return resets
}

/** A reset chain: its scan cursors go, and every message it held (even finalized ones) is voided first. */
export async function voidResets(
  ctx: Omit<OutcomeContext, 'suspects'>,
  eventsByHash: Map<Hex, TrackerEvent[]>,
  resets: number[],
  outcomes: readonly ChainOutcome[],
): Promise<void> {
  for (const { key, cursor } of await ctx.store.listCursors()) {
    if (resets.includes(cursor.chainId)) await ctx.store.removeCursor(key)
  }
  const touched = (await ctx.store.list()).filter(
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
    ctx.health.reset(chainId)
    // A reset chain may come back with another messenger (a devnet restarted with `--messenger 2`).
    ctx.chains.forgetReadiness(chainId)
    const affected = touched.filter((m) => m.source === chainId || m.destination === chainId).length
    ctx.events.emit('chainReset', { chainId, affected })
  }
}

/** A reset's new anchor, marked as not voided yet. */
function marked(o: Extract<ChainOutcome, { kind: 'reset' }>): ChainAnchor {
  return { ...o.anchor, voiding: { genesisChanged: o.genesisChanged } }
}

/**
 * The resets' voids are written: their anchors lose the mark — compare-and-set, so an anchor another process wrote
 * meanwhile (a later reset) keeps its own.
 */
export async function voidsWritten(
  store: MessageStore,
  resets: readonly number[],
  outcomes: readonly ChainOutcome[],
): Promise<void> {
  await store.updateSetting(ANCHORS_SETTING, (current) => {
    const next = { ...((current ?? {}) as Record<string, JsonValue>) }
    let changed = false
    for (const o of outcomes) {
      if (o.kind !== 'reset' || !resets.includes(o.chainId)) continue
      const stored = next[String(o.chainId)] as unknown as ChainAnchor | undefined
      if (JSON.stringify(stored) !== JSON.stringify(marked(o))) continue
      next[String(o.chainId)] = withoutMark(o.anchor) as unknown as JsonValue
      changed = true
    }
    return changed ? next : undefined
  })
}

function withoutMark(anchor: ChainAnchor): ChainAnchor {
  const { genesis, finalized, head } = anchor
  return { genesis, finalized, head }
}
