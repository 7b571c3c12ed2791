/**
 * Per-chain health as the UI shows it: which chains the tracker cannot read right now, since when, and what that
 * means for the rows. The health itself is core's (tracker/chainHealth.ts, pushed as 'chainHealth' updates). A
 * message whose source or destination is not answering (core's staleChainsOf) shows its last known status, marked
 * as such, and cannot be relayed from here until the chain answers again: a relay is prepared from the source
 * chain and sent to the destination, so both must answer.
 */
import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import { staleChainsOf, type ChainHealth } from '../core/tracker/chainHealth'
import { hostOf } from './errorWords'
import { chainName, clockTime, durationText } from './format'

export type { ChainHealth, ChainHealthState } from '../core/tracker/chainHealth'

/** The chains the banner speaks of: not answering, answering for another chain, or just reset. */
export function troubledChains(health: readonly ChainHealth[] | undefined): ChainHealth[] {
  return (health ?? []).filter(
    (h) => h.state === 'unreachable' || h.state === 'wrongChain' || h.state === 'reset',
  )
}

/** One chain's health replacing its earlier one (a 'chainHealth' update). */
export function withHealth(list: readonly ChainHealth[], health: ChainHealth): ChainHealth[] {
  return [...list.filter((h) => h.chainId !== health.chainId), health].sort((a, b) => a.chainId - b.chainId)
}

/**
 * Why a message's status may be out of date: the first of its two chains that is not answering. A delivered
 * message that is final cannot change any more, so it is never stale; nor is one whose source chain was reset
 * under it ('vanished': its log is gone for good, whatever its destination answers — docs/ARCHITECTURE.md §5).
 */
export function stalenessOf(
  message: Pick<TrackedMessage, 'source' | 'destination' | 'status'>,
  health: readonly ChainHealth[] | undefined,
): ChainHealth | undefined {
  if (message.status === 'finalized' || message.status === 'vanished' || !health) return undefined
  return staleChainsOf(message, health)[0]
}

function nameWithHost(chains: readonly ChainConfig[], chainId: number): string {
  const chain = chains.find((c) => c.id === chainId)
  return chain ? `${chain.name} (${hostOf(chain.rpcUrl)})` : chainName(chains, chainId)
}

/** "status from 06:44, retrying in 12 s" — how old the shown data is, and what happens next. */
function freshness(health: ChainHealth, now: number): string {
  const parts: string[] = []
  if (health.lastOkAt !== undefined) parts.push(`status from ${clockTime(health.lastOkAt)}`)
  if (health.retryAt !== undefined && health.retryAt > now)
    parts.push(`retrying in ${durationText((health.retryAt - now) / 1000, 'nearest')}`)
  else parts.push('retrying')
  return parts.join(', ')
}

/** The banner's sentence for one chain. */
export function healthSentence(health: ChainHealth, chains: readonly ChainConfig[], now: number): string {
  const where = nameWithHost(chains, health.chainId)
  switch (health.state) {
    case 'ok':
    case 'unknown':
      return `${where} is answering.`
    case 'unreachable':
      return `Can't reach ${where} — ${freshness(health, now)}.`
    case 'wrongChain':
      return `The RPC of ${where} answers for ${health.servedChainId !== undefined ? `chain ${health.servedChainId}` : 'another chain'}: check its URL — ${freshness(health, now)}.`
    case 'reset':
      return `${chainName(chains, health.chainId)} was restarted from scratch: transfers sent on it before may no longer exist.`
  }
}

/** The row's note when its status may be out of date. */
export function staleNote(health: ChainHealth, chains: readonly ChainConfig[]): string {
  const name = chainName(chains, health.chainId)
  const since =
    health.lastOkAt !== undefined ? `Status from ${clockTime(health.lastOkAt)}` : 'Status may be out of date'
  switch (health.state) {
    case 'reset':
      return `${name} was reset: this transfer may no longer exist there`
    case 'wrongChain':
      return `${since}: ${name}'s RPC answers for another chain`
    default:
      return `${since}: can't reach ${name}`
  }
}

/** Why Relay is off for a stale row, for its tooltip and screen readers. */
export function relayBlockedReason(health: ChainHealth, chains: readonly ChainConfig[]): string {
  return `Relay is unavailable until ${chainName(chains, health.chainId)} answers again`
}
