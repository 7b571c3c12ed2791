/**
 * What removing things from the history means, in words, for the confirmations of RemoveMessage.tsx and
 * ClearChainHistory.tsx. Removing only stops tracking: nothing on chain changes, and a transfer removed by mistake
 * comes back by tracking its transaction again (core's forgetMessage / clearChainHistory, docs/ARCHITECTURE.md §5).
 */
import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import { chainName } from './format'

/**
 * A relay of ours (or a wallet's) is on its way: the journal on the message (`pendingRelay`, `relayIntent`) is what
 * keeps it from being sent twice. A message 'relaying' without one is a relay somebody else made, seen but not
 * confirmed yet (`relayUnconfirmed`): nothing of ours to lose, so it is the user's to remove like any record.
 */
export function relayInFlight(
  message: Pick<TrackedMessage, 'status' | 'pendingRelay' | 'relayIntent'>,
): boolean {
  if (message.status === 'relayed' || message.status === 'finalized') return false
  return !!message.pendingRelay || !!message.relayIntent
}

/**
 * Why this message cannot be removed right now (undefined: it can). Only a relay in flight stops it: forgetting the
 * message would drop the record of that relay, and the next track could offer to relay it a second time.
 */
export function removalRefusal(message: TrackedMessage, chains: readonly ChainConfig[]): string | undefined {
  if (!relayInFlight(message)) return undefined
  return `A relay of this message is on its way on ${chainName(chains, message.destination)}. Wait until it is delivered or fails, then remove it.`
}

/** What removing this message leaves behind, for the user to weigh before confirming. */
export function removalConsequence(message: TrackedMessage, chains: readonly ChainConfig[]): string {
  const source = chainName(chains, message.source)
  const destination = chainName(chains, message.destination)
  switch (message.status) {
    case 'vanished':
      return message.locationChange?.cause === 'chainReset'
        ? `${source} was reset: this message no longer exists there, so there is nothing left to relay.`
        : `${source} no longer holds this message, so there is nothing left to relay.`
    case 'relayed':
    case 'finalized':
      return `It has arrived on ${destination}; only the record goes.`
    case 'relaying':
      return `A relay of it was seen on ${destination} but not confirmed yet; it will no longer be followed. Track its transaction again to bring it back.`
    case 'ready':
    case 'failed':
    case 'expired':
      return `It has not arrived on ${destination} yet, and nobody will remind you to relay it. Track its transaction again to bring it back.`
    default:
      return `It has not arrived on ${destination} yet, and it will no longer be followed. Track its transaction again to bring it back.`
  }
}

/** One chain the user can clear, with how many tracked messages go from or to it. */
export interface ChainHistoryCount {
  chainId: number
  name: string
  count: number
  /** Of those, how many a relay is on its way for (their relays go on; nothing here follows them any more). */
  relaying: number
}

/**
 * Per chain, the messages that clearing it would forget — those from or to it, as core's `clearChainHistory`
 * counts them — for every chain that has any, configured chains first in their order, then unknown ids.
 */
export function chainHistoryCounts(
  messages: readonly TrackedMessage[],
  chains: readonly ChainConfig[],
): ChainHistoryCount[] {
  const byChain = new Map<number, ChainHistoryCount>()
  const add = (chainId: number, message: TrackedMessage) => {
    const entry = byChain.get(chainId) ?? { chainId, name: chainName(chains, chainId), count: 0, relaying: 0 }
    entry.count++
    if (relayInFlight(message)) entry.relaying++
    byChain.set(chainId, entry)
  }
  for (const message of messages) {
    add(message.source, message)
    if (message.destination !== message.source) add(message.destination, message)
  }
  const order = (id: number) => {
    const index = chains.findIndex((c) => c.id === id)
    return index < 0 ? chains.length + id : index
  }
  return [...byChain.values()].sort((a, b) => order(a.chainId) - order(b.chainId))
}

/** "1 message" / "3 messages". */
export function messageCount(count: number): string {
  return `${count} ${count === 1 ? 'message' : 'messages'}`
}

/** Chains a reset emptied of some messages the list still shows (vanished), with how many: the reset notice's lines. */
export function resetLeftovers(messages: readonly TrackedMessage[]): { chainId: number; vanished: number }[] {
  const counts = new Map<number, number>()
  for (const message of messages) {
    if (message.status !== 'vanished' || message.locationChange?.cause !== 'chainReset') continue
    counts.set(message.source, (counts.get(message.source) ?? 0) + 1)
  }
  return [...counts]
    .map(([chainId, vanished]) => ({ chainId, vanished }))
    .sort((a, b) => a.chainId - b.chainId)
}
