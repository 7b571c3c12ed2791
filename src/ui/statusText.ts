/**
 * How each status reads in the UI: the badge label, its colour family, and the one-line note a row shows under the
 * chain names. Kept in one table so the list, the badge and the tests agree on wording.
 */
import type { ChainConfig } from '../core/chains/types'
import type { MessageStatus, TrackedMessage } from '../core/model/message'
import { chainName } from './format'

export const STATUS_LABELS: Record<MessageStatus, string> = {
  pending: 'Pending',
  initiated: 'Sent',
  ready: 'Ready',
  relaying: 'Relaying',
  relayed: 'Relayed',
  finalized: 'Finalized',
  failed: 'Failed',
  expired: 'Expired',
  reorged: 'Reorged',
  vanished: 'Gone',
}

/**
 * Colour families. What needs the user stands out (ready = accent, failed = danger, expired/reorged = warning);
 * work in flight is neutral; finished messages recede (relayed = success, finalized = muted).
 */
export type StatusTone = 'accent' | 'danger' | 'warning' | 'progress' | 'success' | 'muted'

export const STATUS_TONES: Record<MessageStatus, StatusTone> = {
  pending: 'progress',
  initiated: 'progress',
  ready: 'accent',
  relaying: 'progress',
  relayed: 'success',
  finalized: 'muted',
  failed: 'danger',
  expired: 'warning',
  reorged: 'warning',
  vanished: 'muted',
}

/** The row's one-line explanation of where the message stands and, when stuck, what can be done. */
export function statusNote(message: TrackedMessage, chains: readonly ChainConfig[]): string {
  const destination = chainName(chains, message.destination)
  switch (message.status) {
    case 'pending':
      return 'Waiting for the source transaction to be mined'
    case 'initiated':
      return `Waiting until ${destination} can accept it`
    case 'ready':
      return `Not relayed on ${destination} yet`
    case 'relaying':
      return `Relay submitted on ${destination}, waiting for it to be mined`
    case 'relayed':
      return `Executed on ${destination}, waiting for finality`
    case 'finalized':
      return `Delivered on ${destination}`
    case 'failed':
      return `Relay failed: ${message.failure?.reason ?? 'unknown reason'}`
    case 'expired':
      // resendMessage on the source is the only way back (docs/ARCHITECTURE.md §4); the tracker API cannot do it, so we explain.
      return `Expired — resend on ${chainName(chains, message.source)}`
    case 'reorged':
      return 'Source block reorganized — looking for the message again'
    case 'vanished':
      // Never relayable: the source chain does not hold it (docs/ARCHITECTURE.md §5). Removing it is all there is.
      return `${chainName(chains, message.source)} no longer holds this message (chain reset or reorg) — it cannot be relayed`
  }
}
