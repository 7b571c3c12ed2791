/**
 * The heads a tick reads first on every chain — latest, safe, finalized — and how final a block is by them.
 */
import type { Block, PublicClient } from 'viem'

import type { SafetyLevel } from '../model/message'

export interface Heads {
  latest: Block<bigint, false, 'latest'>
  safe?: bigint
  /** The finalized block itself: its hash anchors reset detection (chainAnchor.ts). */
  finalized?: Block<bigint, false, 'finalized'>
}

export async function readHeads(client: PublicClient): Promise<Heads> {
  // Not every RPC serves the safe/finalized tags; without them a block is simply reported as unsafe.
  const [latest, safe, finalized] = await Promise.all([
    client.getBlock({ blockTag: 'latest' }),
    client.getBlock({ blockTag: 'safe' }).then(
      (b) => b.number ?? undefined,
      () => undefined,
    ),
    client.getBlock({ blockTag: 'finalized' }).catch(() => undefined),
  ])
  return { latest, safe, finalized }
}

export function safetyOf(blockNumber: bigint, heads: Heads): SafetyLevel {
  if (heads.finalized && blockNumber <= heads.finalized.number) return 'finalized'
  if (heads.safe !== undefined && blockNumber <= heads.safe) return 'safe'
  return 'unsafe'
}
