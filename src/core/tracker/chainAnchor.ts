/**
 * Chain reset detection (docs/ARCHITECTURE.md §5). Per chain the store keeps an anchor: the genesis hash, the last
 * finalized block seen (number, hash, timestamp) and the highest head seen. Each tick compares the chain with it:
 *
 * - The finalized block is still there with the same hash: the history we relied on holds. A head below the
 *   highest one seen, at no later time, is a node that lags behind (a load balancer's other node): this tick's reads
 *   of the chain are not used, so a lagging read never moves a message back.
 * - The head is below the finalized block but its timestamp is later: the chain went back in height while time
 *   moved on. A lagging node cannot do that; a restarted devnet does — a reset.
 * - The block at the finalized height has another hash: a reset too, at once when the genesis changed; with the
 *   same genesis only when the next tick agrees (a deep reorg, or two nodes behind one URL that disagree — the
 *   second read settles which).
 *
 * A reset voids what the chain held (the status machine's `chainReset`), forgets its scan cursors and starts a new
 * anchor. A finalized block is one the chain promised never to change, so only a reset can move it.
 */
import { BlockNotFoundError, type Hex, type PublicClient } from 'viem'

import type { Heads } from './heads'

interface BlockMark {
  /** Decimal strings: settings are JSON. */
  number: string
  hash: Hex
  timestamp: string
}

export interface ChainAnchor {
  genesis: Hex
  finalized: BlockMark
  head: BlockMark
}

export const ANCHORS_SETTING = 'chainAnchors'

export type AnchorVerdict =
  | { kind: 'ok' }
  /** This node is behind what was seen before: skip its reads this tick. */
  | { kind: 'behind'; head: bigint; seen: bigint }
  /** The finalized block changed with the same genesis: confirmed (→ reset) only if the next tick agrees. */
  | { kind: 'suspect' }
  | { kind: 'reset'; genesisChanged: boolean }

function mark(block: { number: bigint | null; hash: Hex | null; timestamp: bigint }): BlockMark {
  return { number: String(block.number ?? 0n), hash: block.hash ?? '0x', timestamp: String(block.timestamp) }
}

export async function checkAnchor(
  client: PublicClient,
  previous: ChainAnchor | undefined,
  heads: Heads,
  /** The previous tick said 'suspect'. */
  suspected: boolean,
): Promise<{ verdict: AnchorVerdict; next: ChainAnchor }> {
  const latest = heads.latest
  const fresh = async (): Promise<ChainAnchor> => {
    const genesis = await client.getBlock({ blockNumber: 0n })
    return { genesis: genesis.hash, finalized: mark(heads.finalized ?? genesis), head: mark(latest) }
  }
  if (!previous) return { verdict: { kind: 'ok' }, next: await fresh() }

  const finalNumber = BigInt(previous.finalized.number)
  if (latest.number < finalNumber) {
    if (latest.timestamp > BigInt(previous.finalized.timestamp)) {
      const next = await fresh()
      return { verdict: { kind: 'reset', genesisChanged: next.genesis !== previous.genesis }, next }
    }
    return { verdict: { kind: 'behind', head: latest.number, seen: finalNumber }, next: previous }
  }

  const atFinal =
    heads.finalized?.number === finalNumber
      ? heads.finalized
      : await client.getBlock({ blockNumber: finalNumber }).catch((error: unknown) => {
          if (error instanceof BlockNotFoundError) return undefined
          throw error
        })
  // The node that answered does not have that block (yet): a lagging one behind the same URL. No conclusion.
  if (!atFinal) return { verdict: { kind: 'behind', head: latest.number, seen: finalNumber }, next: previous }
  if (atFinal.hash !== previous.finalized.hash) {
    const next = await fresh()
    const genesisChanged = next.genesis !== previous.genesis
    if (genesisChanged || suspected) return { verdict: { kind: 'reset', genesisChanged }, next }
    return { verdict: { kind: 'suspect' }, next: previous }
  }

  const seenHead = BigInt(previous.head.number)
  if (latest.number < seenHead && latest.timestamp <= BigInt(previous.head.timestamp)) {
    return { verdict: { kind: 'behind', head: latest.number, seen: seenHead }, next: previous }
  }
  const finalized =
    heads.finalized && heads.finalized.number >= finalNumber ? mark(heads.finalized) : previous.finalized
  // The head only moves forward, except through a reorg above finality (same finalized block, shorter chain).
  return { verdict: { kind: 'ok' }, next: { genesis: previous.genesis, finalized, head: mark(latest) } }
}
