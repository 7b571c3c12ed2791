/**
 * The status machine: one pure function, `reduceMessage(message, event, now)`, that every status change of a
 * tracked message goes through. The poller feeds it what one tick read from both chains; the relay flow feeds it
 * what happened to our own relay tx. It never mutates its input and returns the same object (changed: false)
 * when nothing differs, so the poller writes — and the UI is told about — real changes only.
 *
 * Rules, in order of precedence:
 * 1. 'finalized' is terminal: no event changes it.
 * 2. Relayed wins. An observation with `destination.relayed` makes the message 'relayed' (or 'finalized' when the
 *    relay's block is finalized), records `relay` and `destinationSafety`, and clears `pendingRelay` and
 *    `failure`: an autorelayer may relay while our tx is pending or after our attempt failed, and the chain's
 *    record is what counts. A 'relayed' message otherwise only refreshes its log and `sourceSafety`: the source
 *    side alone ('missing', 'pending') never demotes a message the destination says was executed.
 *    Only the destination can take a relay back: `relayed: false` on a 'relayed' message means the relay was
 *    reorged out of the destination (unsafe/safe blocks can be; a finalized relay is already terminal), so
 *    `relay` and `destinationSafety` are dropped and the message goes back through rules 3–4 — shown as stuck
 *    again rather than "relayed" forever. (If the poller's RPCs can disagree, it must not report `false` from a
 *    node that lags the one that reported the relay.)
 * 3. initiating 'missing' → 'reorged': `initiatingLog` (and `sourceSafety`, which described that log) are dropped,
 *    everything else is kept. Without a log there is no Identifier, so no relay can be built for it.
 *    initiating 'pending' → 'pending', dropping the log the same way (a tx back in the mempool has none).
 * 4. initiating 'found' records the log (replacing a moved one) and `sourceSafety`. Then, when the log was found
 *    now, or a destination reading arrives for a message already in a log-derived status (initiated, ready,
 *    relaying, failed, expired) with the log recorded earlier, the status is, first match wins:
 *    - 'expired'  when destTimestamp > log.timestamp + MESSAGE_EXPIRY_SECONDS (a pending relay cannot land);
 *    - 'relaying' while `pendingRelay` exists;
 *    - 'failed'   while `failure` exists — it stays until relaySubmitted / relayed / resent / expiry, because
 *                 retrying is the user's call. The field, not the status, carries this, so a failed message that
 *                 was briefly reorged comes back as failed, with its reason;
 *    - 'ready'    when destTimestamp > log.timestamp and destTimestamp - log.timestamp >= interopDelay (the
 *                 sequencer rejects an executing message in a block with the initiating block's timestamp);
 *    - 'initiated' otherwise.
 *    Without a destination reading this tick the time-derived part (initiated / ready / expired) is kept from the
 *    current status if the log's timestamp did not change; otherwise it is 'initiated' until the next reading.
 *    A 'reorged' or 'pending' message whose log is found again (anywhere) goes through these same rules.
 *    An observation that read nothing changes nothing.
 * 5. relaySubmitted → 'relaying' with `pendingRelay`, `failure` cleared; ignored once relayed/finalized.
 * 6. relayFailed → 'failed' with `failure`, `pendingRelay` cleared; ignored once relayed/finalized.
 * 7. relayDropped → `pendingRelay` cleared; 'relaying' falls back to 'ready' (the next observation refines it).
 * 8. resent → new `sourceTransactionHash`, `failure` and the old log (with its safety) dropped, status 'pending'
 *    until the fresh log is observed; only from 'expired', 'reorged', 'failed', 'ready' or 'initiated'.
 * Every real change bumps `updatedAt` to `now`.
 */
import type { Hex } from 'viem'

import { MESSAGE_EXPIRY_SECONDS } from '../protocol/addresses'
import { NEEDS_USER_STATUSES, TERMINAL_STATUSES } from './message'
import type {
  InitiatingLog,
  MessageStatus,
  RelayAttempt,
  RelayFailure,
  RelayRecord,
  SafetyLevel,
  TrackedMessage,
} from './message'

/** What one poller tick read about one message. Every part is optional: absent means "not read, keep what we know". */
export interface MessageObservation {
  initiating?:
    | { state: 'pending' }
    | { state: 'found'; log: InitiatingLog; safety: SafetyLevel }
    /** The log we recorded is not at (block, index) any more, or the source receipt is gone. */
    | { state: 'missing' }
  destination?: DestinationObservation
}

export interface DestinationObservation {
  /** Latest destination block timestamp (s): what a relay sent now would execute at, at the earliest. */
  timestamp: bigint
  /** Seconds the destination waits after the initiating timestamp before accepting (devnet --interop-delay; 0 usually). */
  interopDelay: bigint
  /** `false` means `successfulMessages(hash)` is false at the destination's latest block. */
  relayed: false | { relay: RelayRecord; safety: SafetyLevel }
}

export type TrackerEvent =
  /** One poller tick's reads for this message. */
  | { type: 'observed'; observation: MessageObservation }
  /** Our relay tx was accepted by the RPC. */
  | { type: 'relaySubmitted'; attempt: RelayAttempt }
  /** Our simulation failed or our relay tx reverted. */
  | { type: 'relayFailed'; failure: RelayFailure }
  /** Our pending relay tx vanished (not mined, not in the mempool). */
  | { type: 'relayDropped' }
  /** The user called resendMessage; a fresh initiating log will be observed. */
  | { type: 'resent'; sourceTransactionHash: Hex }

export interface ReduceResult {
  /** The input itself when `changed` is false; otherwise a new object. */
  message: TrackedMessage
  changed: boolean
  from: MessageStatus
  to: MessageStatus
}

/** Statuses computed from the initiating log and the destination clock, re-derived when either is read. */
const LOG_DERIVED: ReadonlySet<MessageStatus> = new Set([
  'initiated',
  'ready',
  'relaying',
  'failed',
  'expired',
])
/** Where resendMessage makes sense: sent, not relayed, and not already waiting for a source tx. */
const RESENDABLE: ReadonlySet<MessageStatus> = new Set(['expired', 'reorged', 'failed', 'ready', 'initiated'])

/**
 * Apply one event to one message. Pure: `message` is never mutated; `now` (ms since epoch) only stamps
 * `updatedAt` of a changed message.
 */
export function reduceMessage(message: TrackedMessage, event: TrackerEvent, now: number): ReduceResult {
  if (message.status === 'finalized') return unchanged(message)
  return settle(message, next(message, event), now)
}

function next(message: TrackedMessage, event: TrackerEvent): TrackedMessage {
  const { status } = message
  const settled = status === 'relayed'
  switch (event.type) {
    case 'observed':
      return observe(message, event.observation)
    case 'relaySubmitted':
      if (settled) return message
      return { ...without(message, 'failure'), status: 'relaying', pendingRelay: event.attempt }
    case 'relayFailed':
      if (settled) return message
      return { ...without(message, 'pendingRelay'), status: 'failed', failure: event.failure }
    case 'relayDropped':
      return {
        ...without(message, 'pendingRelay'),
        status: status === 'relaying' ? 'ready' : status,
      }
    case 'resent':
      if (!RESENDABLE.has(status)) return message
      return {
        ...without(message, 'failure', 'initiatingLog', 'sourceSafety'),
        status: 'pending',
        sourceTransactionHash: event.sourceTransactionHash,
      }
  }
}

function observe(message: TrackedMessage, { initiating, destination }: MessageObservation): TrackedMessage {
  let draft: TrackedMessage = message
  if (initiating?.state === 'found') {
    draft = { ...draft, initiatingLog: initiating.log, sourceSafety: initiating.safety }
  }

  if (destination?.relayed) {
    const { relay, safety } = destination.relayed
    return {
      ...without(draft, 'pendingRelay', 'failure'),
      status: safety === 'finalized' ? 'finalized' : 'relayed',
      relay,
      destinationSafety: safety,
    }
  }

  const wasRelayed = message.status === 'relayed'
  if (wasRelayed) {
    // Only the destination can take a relay back; the source side alone never demotes an executed message.
    if (!destination) return draft
    draft = without(draft, 'relay', 'destinationSafety')
  }

  if (initiating?.state === 'missing') {
    return { ...without(draft, 'initiatingLog', 'sourceSafety'), status: 'reorged' }
  }
  if (initiating?.state === 'pending') {
    return { ...without(draft, 'initiatingLog', 'sourceSafety'), status: 'pending' }
  }

  const log = draft.initiatingLog
  // An un-relayed message whose log we no longer hold waits for the source to be read again.
  if (!log) return wasRelayed ? { ...draft, status: 'pending' } : draft
  const derive =
    wasRelayed ||
    initiating?.state === 'found' ||
    (destination !== undefined && LOG_DERIVED.has(message.status))
  return derive ? { ...draft, status: deriveFromLog(draft, log, message, destination) } : draft
}

function deriveFromLog(
  draft: TrackedMessage,
  log: InitiatingLog,
  previous: TrackedMessage,
  destination: DestinationObservation | undefined,
): MessageStatus {
  const byTime = timeStatus(log, previous, destination)
  if (byTime === 'expired') return 'expired'
  if (draft.pendingRelay) return 'relaying'
  if (draft.failure) return 'failed'
  return byTime
}

function timeStatus(
  log: InitiatingLog,
  previous: TrackedMessage,
  destination: DestinationObservation | undefined,
): 'initiated' | 'ready' | 'expired' {
  if (destination) {
    const { timestamp, interopDelay } = destination
    if (timestamp > log.timestamp + MESSAGE_EXPIRY_SECONDS) return 'expired'
    if (timestamp > log.timestamp && timestamp - log.timestamp >= interopDelay) return 'ready'
    return 'initiated'
  }
  const sameClock = previous.initiatingLog?.timestamp === log.timestamp
  if (sameClock && isTimeDerived(previous.status)) return previous.status
  return 'initiated'
}

/** The part of a log-derived status that depends on time alone. */
function isTimeDerived(status: MessageStatus): status is 'initiated' | 'ready' | 'expired' {
  return status === 'initiated' || status === 'ready' || status === 'expired'
}

function settle(message: TrackedMessage, candidate: TrackedMessage, now: number): ReduceResult {
  if (candidate === message || sameMessage(message, candidate)) return unchanged(message)
  return {
    message: { ...candidate, updatedAt: now },
    changed: true,
    from: message.status,
    to: candidate.status,
  }
}

function unchanged(message: TrackedMessage): ReduceResult {
  return { message, changed: false, from: message.status, to: message.status }
}

/** A copy without the given optional fields (absent, not `undefined`, so stored records stay tidy). */
function without<K extends keyof TrackedMessage>(message: TrackedMessage, ...keys: K[]): TrackedMessage {
  const copy = { ...message }
  for (const key of keys) delete copy[key]
  return copy
}

/** Field-by-field equality, ignoring `updatedAt`; observations carry fresh objects with equal contents. */
function sameMessage(a: TrackedMessage, b: TrackedMessage): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof TrackedMessage)[])
  keys.delete('updatedAt')
  for (const key of keys) if (!sameValue(a[key], b[key])) return false
  return true
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const keys = new Set([...Object.keys(left), ...Object.keys(right)])
  for (const key of keys) if (!sameValue(left[key], right[key])) return false
  return true
}

/** Does the message wait for the user (badge count, notifications)? */
export function needsUser(message: TrackedMessage): boolean {
  return NEEDS_USER_STATUSES.includes(message.status)
}

/** Is there still something to poll for this message? */
export function isInFlight(message: TrackedMessage): boolean {
  return !TERMINAL_STATUSES.includes(message.status)
}

/** The journey every message makes, as a UI timeline shows it. */
export const PROGRESS_STEPS = ['sent', 'included', 'ready', 'relayed', 'finalized'] as const
export type ProgressStep = (typeof PROGRESS_STEPS)[number]

/**
 * Index into PROGRESS_STEPS of the step a message has reached. The stopped states sit on the step they stopped at:
 * 'reorged' lost its inclusion (sent), 'failed' and 'expired' were relayable but never relayed (ready), and
 * 'relaying' has not been executed yet (ready).
 */
export function progressOf(status: MessageStatus): number {
  return PROGRESS_STEPS.indexOf(STEP_OF[status])
}

const STEP_OF: Record<MessageStatus, ProgressStep> = {
  pending: 'sent',
  reorged: 'sent',
  initiated: 'included',
  ready: 'ready',
  relaying: 'ready',
  failed: 'ready',
  expired: 'ready',
  relayed: 'relayed',
  finalized: 'finalized',
}
