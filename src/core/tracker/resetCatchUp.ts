/**
 * Finishing a chain reset a process left half done (docs/ARCHITECTURE.md §5). A reset writes the chain's new anchor
 * marked `voiding`, then voids what the chain held, then clears the mark; a process stopped in between (a service
 * worker, any time) leaves the mark, and the voids are owed.
 *
 * Every tracker entry point that reads or writes a chain's messages — a poll tick, an account scan, a tracked
 * transaction, a relay — pays them here first. Paid later, they would void what the entry point had just written
 * under the new anchor: a scan that put a transfer at its live position on the new chain would see it voided by the
 * next tick ("no longer exists", re-located, found again a tick after) and its cursors on the new chain forgotten.
 *
 * Why this shape and not "void only what was located before the new anchor": the mark then means one thing — while
 * it stands, nothing is written under the new anchor — and no record has to say when it was located, which the
 * stores do not keep and two processes' clocks would not agree on. The cost is one settings read per entry point.
 */
import type { Hex } from 'viem'

import type { TrackerEvent } from '../model/status'
import type { JsonValue } from '../store/types'
import { ANCHORS_SETTING, type ChainAnchor } from './chainAnchor'
import { voidResets, voidsWritten, type OutcomeContext } from './chainOutcomes'
import type { MessageWriter } from './messageWriter'
import type { ChainOutcome } from './poller'

export interface ResetCatchUp {
  /**
   * Void what every chain with an unfinished reset held, then clear its mark. Resolves with those chains (none, at
   * the cost of one settings read, in the common case). Calls while one runs share it.
   */
  finish(): Promise<number[]>
}

type CatchUpContext = Omit<OutcomeContext, 'suspects'> & { writer: MessageWriter }

export function createResetCatchUp(ctx: CatchUpContext): ResetCatchUp {
  let running: Promise<number[]> | undefined
  return {
    finish() {
      running ??= finishOwed(ctx).finally(() => {
        running = undefined
      })
      return running
    },
  }
}

async function finishOwed(ctx: CatchUpContext): Promise<number[]> {
  const anchors = ((await ctx.store.getSetting<JsonValue>(ANCHORS_SETTING)) ?? {}) as unknown as Record<
    string,
    ChainAnchor
  >
  const owed: ChainOutcome[] = []
  for (const chain of ctx.chains.list()) {
    const anchor = anchors[String(chain.id)]
    if (!anchor?.voiding) continue
    owed.push({ chainId: chain.id, kind: 'reset', anchor, genesisChanged: anchor.voiding.genesisChanged })
  }
  if (owed.length === 0) return []
  const resets = owed.map((o) => o.chainId)
  const voids = new Map<Hex, TrackerEvent[]>()
  await voidResets(ctx, voids, resets, owed)
  await ctx.writer.apply(voids)
  // Compare-and-set: a mark another process cleared meanwhile, or replaced with a later reset's, stays as it is.
  await voidsWritten(ctx.store, resets, owed)
  return resets
}
