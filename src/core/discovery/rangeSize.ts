/**
 * Adaptive `eth_getLogs` span. RPCs cap block ranges differently (and some only say so by timing out), so the scan
 * halves the span when a provider complains and doubles it again while answers come back fast. The span that last
 * worked is saved in the scan cursor so a restarted worker does not relearn it with failed calls.
 */
export const DEFAULT_RANGE = 2_000n
export const MIN_RANGE = 1n
export const MAX_RANGE = 50_000n
/** An answer faster than this lets the next range be twice as big. */
export const FAST_ANSWER_MS = 1_000

const TOO_LARGE =
  /range|limit|too many|too large|exceed|timeout|timed out|response size|query returned more than|block range|10000 results/i

/** Is this error a provider refusing a range that is too large (as opposed to a dead RPC)? */
export function isRangeTooLarge(error: unknown): boolean {
  const text =
    error instanceof Error
      ? `${error.message} ${(error as { details?: string }).details ?? ''}`
      : String(error)
  return TOO_LARGE.test(text)
}

export function shrinkRange(range: bigint): bigint {
  const half = range / 2n
  return half < MIN_RANGE ? MIN_RANGE : half
}

export function growRange(range: bigint, elapsedMs: number): bigint {
  if (elapsedMs >= FAST_ANSWER_MS) return range
  const doubled = range * 2n
  return doubled > MAX_RANGE ? MAX_RANGE : doubled
}
