/**
 * The one model every tracked cross-chain message shares, whatever its kind (SuperchainERC20 transfer, ETH
 * transfer, generic message). A message's identity is its message hash (docs/ARCHITECTURE.md §5): stable across
 * `resendMessage` re-emission. Its initiating log is *where* it currently lives on the source chain and can change
 * (reorg, resend), so it is a separate, replaceable field.
 *
 * Amounts, nonces, block numbers and timestamps are bigints in memory and in IndexedDB (structured clone keeps
 * them); JSON export turns them into decimal strings (see store/serialize.ts).
 */
import type { Address, Hex } from 'viem'

import type { InitiatingLog, SentMessageFields } from '../protocol/sentMessage'

// The SentMessage's own shapes live with the protocol, which decodes them; the model builds on them.
export type { InitiatingLog, MessageIntent, SentMessageFields } from '../protocol/sentMessage'

/** How final a block is, from the chain's own labels (RPC tags latest → safe → finalized). */
export type SafetyLevel = 'unsafe' | 'safe' | 'finalized'

/**
 * Where a message stands. Transitions are computed by the pure `reduceMessage` (model/status.ts).
 * - pending: we know the source tx hash but it is not mined yet.
 * - initiated: the SentMessage log is in a source block, but the destination cannot execute it yet
 *   (its timestamp has not passed the initiating block's, or the interop delay has not elapsed).
 * - ready: relayable now and nobody has relayed it.
 * - relaying: our own relay tx is submitted and not yet mined.
 * - relayed: `successfulMessages(hash)` is true on the destination (by whoever).
 * - finalized: the relay's block is finalized on the destination. Terminal.
 * - failed: our simulation or relay reverted; carries the decoded reason; stays retryable.
 * - expired: 7 days passed since the initiating timestamp: it can no longer be relayed. With messenger 1.x only
 *   `resendMessage` on the source revives it; 2.x has no resend. With `expiry` set (messenger 2.x: the source
 *   emitted `MessageExpired` for it, on word from L1) it is terminal, like 'finalized': it can never be delivered,
 *   and whether the sender gets anything back is up to the app that sent it (docs/ARCHITECTURE.md §4).
 * - reorged: the initiating log is gone from (or moved in) the source chain; the tracker is looking for it again
 *   (re-location, docs/ARCHITECTURE.md §5) and no relay can be built until it is found.
 * - vanished: the source chain says this message does not exist there: `sentMessages(nonce)` holds another hash (or
 *   none) and no SentMessage log carries it — the chain was reset (a devnet restart) or a reorg dropped the
 *   transaction for good. Never relayable; `locationChange` says what happened. Discovery revives it if the same
 *   message is sent again.
 */
export type MessageStatus =
  | 'pending'
  | 'initiated'
  | 'ready'
  | 'relaying'
  | 'relayed'
  | 'finalized'
  | 'failed'
  | 'expired'
  | 'reorged'
  | 'vanished'

export const TERMINAL_STATUSES: readonly MessageStatus[] = ['finalized']

/** Nothing can change this message any more: finalized, or expired with the source's `MessageExpired` record. */
export function isFinal(message: Pick<TrackedMessage, 'status' | 'expiry'>): boolean {
  return TERMINAL_STATUSES.includes(message.status) || (message.status === 'expired' && !!message.expiry)
}

/** Statuses in which the user may be asked to do something (badge count, notifications). */
export const NEEDS_USER_STATUSES: readonly MessageStatus[] = ['ready', 'failed', 'expired']

/** A relay seen on the destination (ours or anybody's). */
export interface RelayRecord {
  transactionHash: Hex
  /** Who sent the relay tx (tx.from). */
  relayer?: Address
  blockNumber: bigint
  blockHash?: Hex
  timestamp?: bigint
  /** keccak256 of the target's return data, from RelayedMessage. */
  returnDataHash?: Hex
}

/**
 * Our own relay transaction that has not been confirmed yet: the relay journal (docs/ARCHITECTURE.md §5). A local
 * signer's transaction is recorded *signed, before it is broadcast*, with its raw bytes, so a crash or a lost RPC
 * answer never leads to a second, different transaction: the same bytes are broadcast again (same hash) instead.
 */
export interface RelayAttempt {
  transactionHash: Hex
  relayer: Address
  /** When the attempt was recorded (ms since epoch). */
  submittedAt: number
  /**
   * 'signed': recorded before the broadcast, which may or may not have reached the node (a crash, a timeout);
   * 'sent': an RPC accepted it. Absent in records written before the journal existed: 'sent'.
   */
  stage?: 'signed' | 'sent'
  /** The signed transaction (local signers only), to broadcast the very same transaction again. */
  rawTransaction?: Hex
  /** Its account nonce: once the account's nonce moved past it without this tx being mined, it was replaced. */
  nonce?: number
  /**
   * Wallets only: 'unverified' when the wallet returned a hash but the transaction could not be read back in time,
   * so whether it kept its access list is unknown (a relay without it cannot execute). The UI says so.
   */
  accessList?: 'verified' | 'unverified'
}

/**
 * A wallet was asked to sign a relay and has not answered yet: no transaction hash exists. Recorded before asking,
 * so the message is not offered for relaying twice; an intent left by a process that stopped is surfaced as a
 * failure ("the outcome is unknown"), never retried on its own.
 */
export interface RelayIntent {
  relayer: Address
  /** ms since epoch. */
  startedAt: number
}

/** Where a SentMessage log sits, as a user reads it ("block 481, log 2, tx 0x…"). */
export interface LogPosition {
  blockNumber: bigint
  logIndex: number
  transactionHash: Hex
}

/**
 * What last happened to a message's location, so the UI can explain a change the user did not cause
 * (docs/ARCHITECTURE.md §5). `to` is where the live log was found; without `to` the message no longer exists there.
 * - reorg: a reorg moved the initiating transaction (re-included at another block or log index), or dropped it;
 * - resend: `resendMessage` re-emitted it (a fresh log with the same hash);
 * - chainReset: the source chain was reset (a devnet restart); with `to`, the same message was sent again.
 */
export interface LocationChange {
  cause: 'reorg' | 'resend' | 'chainReset'
  /** ms since epoch. */
  at: number
  from?: LogPosition
  to?: LogPosition
}

/**
 * Messenger 2.x: where the source chain marked the message expired — its `MessageExpired(messageHash,
 * undeliveredAt)` log, emitted by `expireMessage` on word from L1 that the destination had not relayed it.
 */
export interface MessageExpiry {
  transactionHash: Hex
  blockNumber: bigint
  blockHash: Hex
  /** The destination timestamp (s) at which the message was shown unrelayed. */
  undeliveredAt: bigint
}

export interface RelayFailure {
  /** Human-readable, decoded revert reason ("ERC20InsufficientBalance(…)", "NotInAccessList"). */
  reason: string
  /** When we saw it (ms since epoch). */
  at: number
  /** Transaction hash when a mined relay reverted; absent for a failed simulation. */
  transactionHash?: Hex
}

export interface TrackedMessage extends SentMessageFields {
  /** The tx that emitted the SentMessage (the latest one, after a resend). */
  sourceTransactionHash: Hex
  initiatingLog?: InitiatingLog
  /** How final the initiating block is on the source chain. */
  sourceSafety?: SafetyLevel
  status: MessageStatus
  relay?: RelayRecord
  /** How final the relay's block is on the destination. */
  destinationSafety?: SafetyLevel
  pendingRelay?: RelayAttempt
  relayIntent?: RelayIntent
  failure?: RelayFailure
  /** Messenger 2.x: the source's MessageExpired record of it; with it, 'expired' is terminal. */
  expiry?: MessageExpiry
  /**
   * The source chain's messenger `version()` when it was last read (chains/readiness.ts): what may be done with
   * this message (resend only on 1.x). Read again after a reset of the source.
   */
  sourceMessenger?: string
  /** The last change of location the tracker saw (reorg, resend, chain reset). */
  locationChange?: LocationChange
  /**
   * Imported from a history file and not yet confirmed on chain: the file's claims about where the message stands
   * were dropped on import (store/importPolicy.ts), and the poller clears this once it finds the message's
   * initiating log on the source chain.
   */
  unverified?: true
  /** Watched accounts this message involves (lower-cased), so a UI can split outgoing from incoming. */
  accounts: Address[]
  /** ms since epoch. */
  createdAt: number
  updatedAt: number
}

/** The position part of an initiating log. */
export function positionOf(
  log: Pick<InitiatingLog, 'blockNumber' | 'logIndex' | 'transactionHash'>,
): LogPosition {
  return { blockNumber: log.blockNumber, logIndex: log.logIndex, transactionHash: log.transactionHash }
}

/** Lower-case an address for comparisons and keys; checksummed form is for display only. */
export function normalizeAddress(address: string): Address {
  return address.toLowerCase() as Address
}

/** Is the account the one sending value/the message (outgoing) or receiving it (incoming)? */
export function directionFor(
  message: TrackedMessage,
  account: Address,
): 'outgoing' | 'incoming' | 'unrelated' {
  const a = normalizeAddress(account)
  const { intent } = message
  if (intent.kind === 'erc20' || intent.kind === 'eth') {
    if (normalizeAddress(intent.from) === a) return 'outgoing'
    if (normalizeAddress(intent.to) === a) return 'incoming'
    return 'unrelated'
  }
  if (normalizeAddress(message.sender) === a) return 'outgoing'
  if (normalizeAddress(message.target) === a) return 'incoming'
  return 'unrelated'
}
