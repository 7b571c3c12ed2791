/**
 * Per-chain health, as the UI needs it: which chains the tracker cannot read right now, since when, and what that
 * means for the rows. A message whose source or destination chain is not answering shows its last known status,
 * marked as such, and cannot be relayed from here until the chain answers again (a relay is prepared from the
 * source chain and sent to the destination: both must answer).
 *
 * The shape is the UI's own prop type; a shell fills it from whatever its tracker reports.
 */
import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import { hostOf } from './errorWords'
import { chainName, clockTime, durationText } from './format'

export type ChainHealthState = 'ok' | 'unreachable' | 'wrongChain' | 'reset'

export interface ChainHealth {
  chainId: number
  state: ChainHealthState
  /** When the chain last answered (ms since epoch): the age of what the rows show. */
  lastOkAt?: number
  /** What the last failed call said (any error shape; errorWords.ts words it). */
  error?: unknown
  /** When the tracker tries again (ms since epoch). */
  retryAt?: number
}

/** The chains that are not fine, in the order given. */
export function troubledChains(health: readonly ChainHealth[] | undefined): ChainHealth[] {
  return (health ?? []).filter((h) => h.state !== 'ok')
}

/**
 * Why a message's status may be out of date: the first of its two chains that is not answering. A delivered
 * message that is final cannot change any more, so it is never stale.
 */
export function stalenessOf(
  message: Pick<TrackedMessage, 'source' | 'destination' | 'status'>,
  health: readonly ChainHealth[] | undefined,
): ChainHealth | undefined {
  if (message.status === 'finalized') return undefined
  return troubledChains(health).find((h) => h.chainId === message.source || h.chainId === message.destination)
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
      return `${where} is answering.`
    case 'unreachable':
      return `Can't reach ${where} — ${freshness(health, now)}.`
    case 'wrongChain':
      return `The RPC of ${where} answers for another chain: check its URL — ${freshness(health, now)}.`
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
