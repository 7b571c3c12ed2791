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
 *   same genesis only when a second read agrees (a deep reorg, or two nodes behind one URL that disagree — the
 *   second read, which the poller takes at once, settles which).
 *
 * A reset voids what the chain held (the status machine's `chainReset`), forgets its scan cursors and starts a new
 * anchor. A finalized block is one the chain promised never to change, so only a reset can move it.
 */
import { BlockNotFoundError, type Block, type Hex } from 'viem'

import type { ChainClient } from '../chains/readClient'
import type { CallBatch } from '../chains/callBatch'
import { blockCall, blockOf, type Heads } from './heads'

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
  /**
   * Written with a reset's new anchor and cleared once what the chain held is voided (a second write): a process
   * stopped between the two (a service worker, any time) leaves it, and the next tick of any process voids them then.
   * Without it that tick would compare the chain with the new anchor, find nothing changed, and keep a Relay offered
   * for a log that is gone.
   */
  voiding?: { genesisChanged: boolean }
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

/** Blocks the check needs, read in the tick's batch: `undefined` where the batch could not say (read again). */
export interface AnchorBlocks {
  /** Block 0, for a first anchor. */
  genesis?: Block
  /** The block now at the anchor's finalized height; null when the node has none there (it is behind). */
  atFinal?: Block | null
}

/**
 * Adds to the tick's batch the block the check compares: genesis for a first anchor, else the block at the anchored
 * finalized height (asked even when the finalized head may turn out to be that block: asking costs no round trip).
 */
export function requestAnchorBlocks(batch: CallBatch, previous: ChainAnchor | undefined): () => AnchorBlocks {
  const reply = batch.add(blockCall(previous ? BigInt(previous.finalized.number) : 0n))
  return () => {
    let block: Block | null | undefined
    try {
      block = blockOf(reply())
    } catch {
      block = undefined // the node refused this one read: the check reads it again, as it always did
    }
    if (!previous) return block ? { genesis: block } : {}
    return { atFinal: block }
  }
}

export async function checkAnchor(
  client: ChainClient,
  previous: ChainAnchor | undefined,
  heads: Heads,
  /** The previous tick said 'suspect'. */
  suspected: boolean,
  prefetched: AnchorBlocks = {},
): Promise<{ verdict: AnchorVerdict; next: ChainAnchor }> {
  const latest = heads.latest
  const fresh = async (): Promise<ChainAnchor> => {
    const genesis = prefetched.genesis ?? (await client.getBlock({ blockNumber: 0n }))
    return { genesis: genesis.hash!, finalized: mark(heads.finalized ?? genesis), head: mark(latest) }
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
      : prefetched.atFinal !== undefined
        ? (prefetched.atFinal ?? undefined)
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
