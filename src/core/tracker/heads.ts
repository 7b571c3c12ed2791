/**
 * The heads a tick reads first on every chain — latest, safe, finalized — and how final a block is by them. They
 * travel in the tick's batch (callBatch.ts) with the chain's other reads; the latest head is the block every other
 * reading of the tick is checked against.
 */
import { BlockNotFoundError, formatBlock, type Block, type RpcBlock } from 'viem'

import type { CallBatch } from '../chains/callBatch'
import type { RpcReply } from '../chains/rpcBatch'
import type { SafetyLevel } from '../model/message'

export interface Heads {
  latest: Block<bigint, false, 'latest'>
  safe?: bigint
  /** The finalized block itself: its hash anchors reset detection (chainAnchor.ts). */
  finalized?: Block<bigint, false, 'finalized'>
}

/** A block from an `eth_getBlockByNumber` reply; null when the node has no such block. */
export function blockOf(reply: RpcReply): Block | null {
  if (!reply.ok) throw reply.error
  return reply.result ? (formatBlock(reply.result as RpcBlock) as Block) : null
}

export function blockCall(block: bigint | 'latest' | 'safe' | 'finalized') {
  return {
    method: 'eth_getBlockByNumber',
    params: [typeof block === 'bigint' ? `0x${block.toString(16)}` : block, false],
  }
}

/** Adds the three head reads to the batch; the function gives the heads once it was sent. */
export function requestHeads(batch: CallBatch): () => Heads {
  const latest = batch.add(blockCall('latest'))
  const safe = batch.add(blockCall('safe'))
  const finalized = batch.add(blockCall('finalized'))
  // Not every RPC serves the safe/finalized tags; without them a block is simply reported as unsafe.
  const optional = (reply: RpcReply) => {
    try {
      return blockOf(reply) ?? undefined
    } catch {
      return undefined
    }
  }
  return () => {
    const head = blockOf(latest())
    if (!head || head.number === null || head.hash === null)
      throw new BlockNotFoundError({ blockNumber: undefined })
    const f = optional(finalized())
    return {
      latest: head as Block<bigint, false, 'latest'>,
      safe: optional(safe())?.number ?? undefined,
      finalized: f && f.number !== null ? (f as Block<bigint, false, 'finalized'>) : undefined,
    }
  }
}

export function safetyOf(blockNumber: bigint, heads: Heads): SafetyLevel {
  if (heads.finalized && blockNumber <= heads.finalized.number) return 'finalized'
  if (heads.safe !== undefined && blockNumber <= heads.safe) return 'safe'
  return 'unsafe'
}
