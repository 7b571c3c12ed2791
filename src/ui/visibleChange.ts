/**
 * Whether an update changed anything a user can see. The tracker writes a message whenever any field changes —
 * which includes bookkeeping no screen shows — and a host listening to `messageUpdated` wants the changes worth a
 * line in its own log, not a "ready → ready" per block.
 */
import type { TrackedMessage } from '../core/model/message'

/** What the list, the timeline and the relay dialog show of a message. */
export function visibleState(message: TrackedMessage): string {
  return JSON.stringify([
    message.status,
    message.sourceSafety ?? null,
    message.destinationSafety ?? null,
    message.sourceTransactionHash,
    message.initiatingLog
      ? [
          message.initiatingLog.blockHash,
          message.initiatingLog.logIndex,
          String(message.initiatingLog.timestamp),
        ]
      : null,
    message.relay ? [message.relay.transactionHash, message.relay.relayer ?? null] : null,
    message.pendingRelay?.transactionHash ?? null,
    message.failure?.reason ?? null,
  ])
}

/** Remembers what was last shown per message; `changed` says whether this one differs (a first sight does). */
export function createVisibleChangeFilter(): {
  changed(message: TrackedMessage): boolean
  forget(hash: string): void
} {
  const shown = new Map<string, string>()
  return {
    changed(message) {
      const state = visibleState(message)
      if (shown.get(message.hash) === state) return false
      shown.set(message.hash, state)
      return true
    },
    forget(hash) {
      shown.delete(hash)
    },
  }
}
