/**
 * The tracker's side of chain readiness (chains/readiness.ts, docs/ARCHITECTURE.md §4): what it tells a UI about
 * each chain, and the refusal to track a transaction on a chain where interop is not active — said in one plain
 * sentence ("interop is not active on OP Sepolia yet"), never as the raw revert or empty reply behind it.
 */
import { BaseError } from 'viem'

import { InteropNotActiveError } from '../chains/errors'
import { readinessSentence } from '../chains/readiness'
import type { ChainReadiness } from './api'
import type { ChainSet } from './chainSet'

export async function readinessOf(chains: ChainSet, chainId: number): Promise<ChainReadiness> {
  try {
    const readiness = await chains.readiness(chainId)
    return { chainId, readiness, sentence: readinessSentence(chains.name(chainId), readiness) }
  } catch (error) {
    const text = error instanceof BaseError ? error.shortMessage : String(error)
    return {
      chainId,
      sentence: `could not read whether interop is active on ${chains.name(chainId)}: ${text}`,
    }
  }
}

/**
 * Throws `InteropNotActiveError` when the chain says interop is not active. A chain that cannot be read is let
 * through: discovery reports its RPC's own error, which says more than a guess would.
 */
export async function refuseWithoutInterop(chains: ChainSet, chainId: number): Promise<void> {
  if (!chains.has(chainId)) return
  const readiness = await chains.readiness(chainId).catch(() => undefined)
  if (readiness?.state === 'notActive') {
    throw new InteropNotActiveError(chainId, chains.name(chainId), readiness.reason)
  }
}
