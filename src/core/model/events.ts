/**
 * What the status machine (status.ts) is fed: observations of the chains and what happened to our own relay. Every
 * event is a fact about the world, applied to the *current* stored record (docs/ARCHITECTURE.md §5): an event that
 * was read against an older copy of the record says which copy (its `basis`), and is ignored where the record has
 * moved on since — so a poll that started before a relay was recorded, or before discovery moved the log, never
 * writes back what it believed then.
 */
import type { Hex } from 'viem'

import type {
  InitiatingLog,
  LocationChange,
  MessageExpiry,
  MessageStatus,
  RelayAttempt,
  RelayFailure,
  RelayIntent,
  RelayRecord,
  SafetyLevel,
  TrackedMessage,
} from './message'

/**
 * Which initiating log a reading was about: its block hash and log index, or `null` for "no log was recorded".
 * Absent on an event: it applies whatever the record holds (tests, and events whose facts do not depend on it).
 */
export type LogBasis = { blockHash: Hex; logIndex: number } | null

/** The basis of a record: what a reading taken from it was about. */
export function logBasisOf(message: Pick<TrackedMessage, 'initiatingLog'>): LogBasis {
  const log = message.initiatingLog
  return log ? { blockHash: log.blockHash, logIndex: log.logIndex } : null
}

/** Same block (by hash, in any letter case) and same index in it: the same log. */
export function sameLogPlace(
  a: { blockHash: Hex; logIndex: number },
  b: { blockHash: Hex; logIndex: number },
): boolean {
  return a.blockHash.toLowerCase() === b.blockHash.toLowerCase() && a.logIndex === b.logIndex
}

/** Does the record still hold the log the reading was about? */
export function holdsBasis(
  message: Pick<TrackedMessage, 'initiatingLog'>,
  basis: LogBasis | undefined,
): boolean {
  if (basis === undefined) return true
  const log = message.initiatingLog
  if (basis === null || !log) return basis === null && !log
  return sameLogPlace(log, basis)
}

/** What one poller tick read about one message. Every part is optional: absent means "not read, keep what we know". */
export interface MessageObservation {
  initiating?:
    | { state: 'pending'; basis?: LogBasis }
    | { state: 'found'; log: InitiatingLog; safety: SafetyLevel; basis?: LogBasis }
    /** The log we recorded is not at (block, index) any more, or the source receipt is gone. */
    | { state: 'missing'; basis?: LogBasis }
  destination?: DestinationObservation
}

export interface DestinationObservation {
  /** Latest destination block timestamp (s): what a relay sent now would execute at, at the earliest. */
  timestamp: bigint
  /** Seconds the destination waits after the initiating timestamp before accepting (devnet --interop-delay; 0 usually). */
  interopDelay: bigint
  /**
   * `false`: not relayed at the destination head that was read. On a 'relayed' message it takes the relay back, so
   * the poller sends it only once it proved the relay's block gone (docs/ARCHITECTURE.md §5), never on one read.
   */
  relayed: false | { relay: RelayRecord; safety: SafetyLevel }
  /**
   * The relay (its tx hash, or `null` for none) the reading knew of. A `relayed: false` demotes only a record whose
   * relay is still that one: a relay recorded meanwhile (another process, our own send) was not disproved.
   */
  relayBasis?: Hex | null
  /**
   * With `relayed: false`: one of the destination's trusted reads at that head said relayed — `successfulMessages`
   * without a RelayedMessage log found up to the head, or such a log the flag denies (a node lagging on logs or
   * lying, a log window that missed it). Not proof enough for 'relayed' (docs/ARCHITECTURE.md §5), but too much to
   * offer a Relay: the message is 'relaying' — a relay seen, not confirmed — until a reading settles it.
   */
  relayUnconfirmed?: true
}

export type TrackerEvent =
  /** One poller tick's reads for this message. */
  | { type: 'observed'; observation: MessageObservation }
  /** A wallet is being asked to sign a relay (no tx hash yet). */
  | { type: 'relayIntended'; intent: RelayIntent }
  /** Our relay tx was signed (stage 'signed', before broadcast) or accepted by the RPC (stage 'sent'). */
  | { type: 'relaySubmitted'; attempt: RelayAttempt }
  /**
   * Our simulation failed, our relay tx reverted, or an intent's outcome is unknown. With `transactionHash`, it is
   * about that tx only (ignored if the record now holds another attempt).
   */
  | { type: 'relayFailed'; failure: RelayFailure; transactionHash?: Hex }
  /** Our pending relay tx vanished (not mined, not in the mempool), or the wallet declined to send it. */
  | { type: 'relayDropped'; transactionHash?: Hex }
  /**
   * Messenger 2.x: the source chain holds a `MessageExpired` log of this message (read at a head of the source):
   * it was marked expired through L1 and can never be delivered.
   */
  | { type: 'expiryRecorded'; expiry: MessageExpiry }
  /** The source chain's messenger answered `version()` with this (chains/readiness.ts). */
  | { type: 'messengerRead'; version: string }
  /** The user called resendMessage; a fresh initiating log will be observed. */
  | { type: 'resent'; sourceTransactionHash: Hex }
  /** The live SentMessage of this hash was found elsewhere than recorded (discovery, re-location). */
  | {
      type: 'relocated'
      log: InitiatingLog
      safety?: SafetyLevel
      cause: LocationChange['cause']
      basis?: LogBasis
    }
  /** The source chain says this hash was never sent there (`sentMessages(nonce)` holds another hash or none). */
  | { type: 'vanished'; cause: 'reorg' | 'chainReset'; basis?: LogBasis }
  /**
   * These chains were reset (a genesis or finalized block changed): what we read from them is void. All chains
   * found reset in one tick come in one event, so a devnet restart voids the source and the destination together.
   */
  | {
      type: 'chainReset'
      chainIds: readonly number[]
      /**
       * 'chainReset' (default): the genesis changed — a devnet restart. 'reorg': same genesis, but a finalized block
       * changed — a reorg deeper than finality; what was read is void all the same, and notes say "reorg".
       */
      cause?: 'chainReset' | 'reorg'
    }

export interface ReduceResult {
  /** The input itself when `changed` is false; otherwise a new object. */
  message: TrackedMessage
  changed: boolean
  from: MessageStatus
  to: MessageStatus
}
