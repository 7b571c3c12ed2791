/**
 * What an imported message may claim. A history file is someone's word, not the chain's: whoever wrote it (another
 * profile, a bug report, an attacker handing a user a "backup") could say a stuck transfer was delivered, or pin a
 * message to the top of the list with a date in the future. So an import keeps only what identifies a message and
 * what cannot be read from a chain offline, and starts it unverified: the poller re-locates it on its source chain
 * (discovery/relocate.ts) and reads its destination like any other, and only that decides where it stands
 * (docs/ARCHITECTURE.md §3).
 */
import { normalizeAddress, type TrackedMessage } from '../model/message'

/**
 * The imported copy of a message: its identity, body and derived intent (historyMessage.ts re-derived it), the
 * listed accounts it involves, its source transaction as a hint for re-location; status 'pending' and `unverified`
 * until the poller finds its initiating log. Times are bounded by the import: nothing imported is newer than now.
 */
export function asImported(message: TrackedMessage, now: number): TrackedMessage {
  const updatedAt = Math.min(message.updatedAt, now)
  return {
    hash: message.hash,
    source: message.source,
    destination: message.destination,
    nonce: message.nonce,
    sender: message.sender,
    target: message.target,
    message: message.message,
    intent: message.intent,
    sourceTransactionHash: message.sourceTransactionHash,
    status: 'pending',
    unverified: true,
    accounts: involvedAccounts(message),
    createdAt: Math.min(message.createdAt, updatedAt),
    updatedAt,
  }
}

/**
 * Decides what an imported copy does to the stored record (undefined: leave it).
 * - Not stored: added, unverified.
 * - Stored unverified (an earlier import): replaced by a strictly newer copy.
 * - Stored and confirmed on chain: the file cannot teach the record anything the chain did not, so only the
 *   accounts it lists (each one the message involves) are added — who this profile follows, not where the message
 *   stands. Its status, relay and journal stay exactly as they are.
 */
export function mergeImported(
  local: TrackedMessage | undefined,
  imported: TrackedMessage,
): { next: TrackedMessage; kind: 'added' | 'updated' } | undefined {
  if (!local) return { next: imported, kind: 'added' }
  if (local.unverified) {
    return imported.updatedAt > local.updatedAt ? { next: imported, kind: 'updated' } : undefined
  }
  const accounts = [...new Set([...local.accounts, ...imported.accounts])]
  if (accounts.length === local.accounts.length) return undefined
  return { next: { ...local, accounts }, kind: 'updated' }
}

/** The listed accounts the message really involves: its sender, its target, or a transfer's from or to. */
function involvedAccounts(message: TrackedMessage): TrackedMessage['accounts'] {
  const parties = new Set([normalizeAddress(message.sender), normalizeAddress(message.target)])
  if (message.intent.kind === 'erc20' || message.intent.kind === 'eth') {
    parties.add(normalizeAddress(message.intent.from))
    parties.add(normalizeAddress(message.intent.to))
  }
  return message.accounts.filter((a) => parties.has(normalizeAddress(a)))
}
