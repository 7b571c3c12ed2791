/**
 * How fast the watched chains make blocks, learned from the heads the ticks read: the tracker's own loop polls once
 * per block while something moves, when blocks come faster than its active pace (docs/ARCHITECTURE.md §2,
 * "Detection pace"). A tick is one request per chain, the same as any head probe would cost, so polling per block
 * is the cheapest way over HTTP to see a relay within a block — and costs nothing while nothing moves.
 */

/** Never poll faster than this, whatever the chains' block time (sub-second blocks, or a devnet mining on demand). */
export const MIN_BLOCK_PACE_MS = 1_000

export interface BlockPace {
  /** A head this chain's tick read: its number and timestamp (s). */
  record(chainId: number, number: bigint, timestamp: bigint): void
  /** The shortest block time (ms) among the chains seen, if any was measured; never below `MIN_BLOCK_PACE_MS`. */
  ms(): number | undefined
  /** Forget a chain (a reset starts its numbers again). */
  forget(chainId: number): void
}

export function createBlockPace(): BlockPace {
  const last = new Map<number, { number: bigint; timestamp: bigint }>()
  const blockMs = new Map<number, number>()
  return {
    record(chainId, number, timestamp) {
      const prev = last.get(chainId)
      if (prev && number < prev.number) {
        // A reset or a node behind: measure again from here.
        blockMs.delete(chainId)
      } else if (prev && number > prev.number && timestamp >= prev.timestamp) {
        blockMs.set(chainId, Number(((timestamp - prev.timestamp) * 1000n) / (number - prev.number)))
      }
      if (!prev || number !== prev.number) last.set(chainId, { number, timestamp })
    },
    ms() {
      if (blockMs.size === 0) return undefined
      return Math.max(MIN_BLOCK_PACE_MS, Math.min(...blockMs.values()))
    },
    forget(chainId) {
      last.delete(chainId)
      blockMs.delete(chainId)
    },
  }
}
