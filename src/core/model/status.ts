/**
 * The status machine: one pure function, `reduceMessage(message, event, now)`, that every status change of a
 * tracked message goes through. The poller feeds it what one tick read from both chains; the relay flow feeds it
 * what happened to our own relay tx; discovery and re-location feed it where the live log is. It never mutates its
 * input and returns the same object (changed: false) when nothing differs, so the store is written — and the UI
 * told — about real changes only. Events are applied to the current stored record (events.ts: `basis`).
 *
 * Rules, in order of precedence:
 * 1. 'finalized', and 'expired' with an `expiry` record (messenger 2.x), are terminal, with two exceptions that void
 *    what made them final: `chainReset` of its source or destination, and `relocated` (its initiating log moved
 *    below finality, which only a reset does); a relocated finalized message goes back to 'relayed' so that its relay
 *    is verified again, a relocated expired one loses its expiry record and is derived again from its log (the next
 *    reads restore it).
 * 2. Relayed wins. An observation with `destination.relayed` makes the message 'relayed' (or 'finalized' when the
 *    relay's block is finalized), records `relay` and `destinationSafety`, and clears `pendingRelay`, `relayIntent`
 *    and `failure`: an autorelayer may relay while our tx is pending or after our attempt failed, and the chain's
 *    record is what counts. A 'relayed' message otherwise only refreshes its log and `sourceSafety`: the source
 *    side alone never demotes a message the destination says was executed. Only the destination takes a relay
 *    back: `relayed: false` on a 'relayed' message (whose relay is the reading's `relayBasis`) drops `relay` and
 *    `destinationSafety` and the message goes back through rules 3–4. The poller sends that only once the relay's
 *    block is proven gone (docs/ARCHITECTURE.md §5).
 * 3. initiating 'missing' → 'reorged': `initiatingLog` and `sourceSafety` are dropped, `locationChange` records
 *    where it was (cause 'reorg'); re-location looks for it. initiating 'pending' → 'pending', dropping the log.
 * 4. initiating 'found' records the log (replacing a moved one, noted in `locationChange`) and `sourceSafety`.
 *    Then, when the log was found now, or a destination reading arrives for a message already in a log-derived
 *    status (initiated, ready, relaying, failed, expired) with its log recorded earlier, the status is, first
 *    match wins:
 *    - 'expired'  when destTimestamp > log.timestamp + MESSAGE_EXPIRY_SECONDS (a pending relay cannot land);
 *    - 'relaying' while `pendingRelay` or `relayIntent` exists, or when the reading saw a relay it could not
 *                 confirm (`relayUnconfirmed`: a flag without its log, or a log the flag denies) — a relay that
 *                 happened must never be offered again; the next reading confirms it or re-derives the status;
 *    - 'failed'   while `failure` exists — it stays until a new attempt / relayed / resent / expiry, because
 *                 retrying is the user's call;
 *    - 'ready'    when destTimestamp > log.timestamp and destTimestamp - log.timestamp >= interopDelay;
 *    - 'initiated' otherwise.
 *    Without a destination reading the time-derived part is kept if the log's timestamp did not change; otherwise
 *    it is 'initiated' until the next reading. A 'reorged', 'pending' or 'vanished' message whose log is found
 *    again goes through these same rules. An observation that read nothing changes nothing.
 * 5. relayIntended → 'relaying' with `relayIntent`; relaySubmitted → 'relaying' with `pendingRelay` (the same tx
 *    again only updates its stage), `relayIntent` and `failure` cleared. Both ignored once relayed/finalized.
 * 6. relayFailed → 'failed' with `failure`, `pendingRelay` and `relayIntent` cleared; relayDropped clears them and
 *    'relaying' falls back to 'ready'. Both ignored once relayed/finalized, and when they name a tx that is not
 *    the recorded attempt.
 * 7. resent → new `sourceTransactionHash`, `failure` and the old log (with its safety) dropped, status 'pending'
 *    until the fresh log is observed; only from 'expired', 'reorged', 'failed', 'ready' or 'initiated'.
 * 8. Location (location.ts): relocated → the live log replaces the recorded one; vanished → 'vanished'; chainReset →
 *    what the reset chain held (the relay, the log, a source's expiry record) is dropped and re-derived.
 * 9. expiryRecorded (messenger 2.x: the source's `MessageExpired`) → 'expired' with `expiry`, terminal; any relay
 *    attempt, intent or failure cleared; ignored once relayed/finalized (the destination's record wins, as in rule 2).
 * 10. messengerRead → `sourceMessenger` recorded (what may be done with the message: canResend); no status change.
 * Every real change bumps `updatedAt` to `now`.
 */
import type { Hex } from 'viem'

import type { ReduceResult, TrackerEvent } from './events'
import { chainReset, relocate, vanish } from './location'
import { isFinal, type MessageStatus, type TrackedMessage } from './message'
import { observe } from './observe'
import { RESENDABLE_STATUSES } from './progress'
import { without } from './records'

export type {
  DestinationObservation,
  LogBasis,
  MessageObservation,
  ReduceResult,
  TrackerEvent,
} from './events'
export { holdsBasis, logBasisOf } from './events'
export { PROGRESS_STEPS, isInFlight, needsUser, progressOf, type ProgressStep } from './progress'

const RESENDABLE: ReadonlySet<MessageStatus> = new Set(RESENDABLE_STATUSES)

/**
 * Apply one event to one message. Pure: `message` is never mutated; `now` (ms since epoch) stamps `updatedAt` of
 * a changed message and the time of a location change.
 */
export function reduceMessage(message: TrackedMessage, event: TrackerEvent, now: number): ReduceResult {
  if (isFinal(message) && event.type !== 'chainReset' && event.type !== 'relocated') return unchanged(message)
  return settle(message, next(message, event, now), now)
}

/** Apply several events in order; one result (from the first status to the last). */
export function reduceAll(
  message: TrackedMessage,
  events: readonly TrackerEvent[],
  now: number,
): ReduceResult {
  let current = message
  for (const event of events) current = reduceMessage(current, event, now).message
  return current === message
    ? unchanged(message)
    : { message: current, changed: true, from: message.status, to: current.status }
}

function next(message: TrackedMessage, event: TrackerEvent, now: number): TrackedMessage {
  const { status } = message
  const settled = status === 'relayed' || status === 'finalized'
  switch (event.type) {
    case 'observed':
      return observe(message, event.observation, now)
    case 'relayIntended':
      if (settled) return message
      return { ...without(message, 'failure'), status: 'relaying', relayIntent: event.intent }
    case 'relaySubmitted': {
      if (settled) return message
      const same =
        message.pendingRelay?.transactionHash.toLowerCase() === event.attempt.transactionHash.toLowerCase()
      const attempt = same ? { ...message.pendingRelay, ...event.attempt } : event.attempt
      return { ...without(message, 'failure', 'relayIntent'), status: 'relaying', pendingRelay: attempt }
    }
    case 'relayFailed':
      if (settled || !isCurrentAttempt(message, event.transactionHash)) return message
      return { ...without(message, 'pendingRelay', 'relayIntent'), status: 'failed', failure: event.failure }
    case 'relayDropped':
      if (settled || !isCurrentAttempt(message, event.transactionHash)) return message
      return {
        ...without(message, 'pendingRelay', 'relayIntent'),
        status: status === 'relaying' ? 'ready' : status,
      }
    case 'resent':
      if (!RESENDABLE.has(status)) return message
      return {
        ...without(message, 'failure', 'initiatingLog', 'sourceSafety'),
        status: 'pending',
        sourceTransactionHash: event.sourceTransactionHash,
        locationChange: {
          cause: 'resend',
          at: now,
          ...(message.initiatingLog ? { from: positionFrom(message) } : {}),
        },
      }
    case 'expiryRecorded':
      if (settled) return message
      return {
        ...without(message, 'pendingRelay', 'relayIntent', 'failure'),
        status: 'expired',
        expiry: event.expiry,
      }
    case 'messengerRead':
      return message.sourceMessenger === event.version
        ? message
        : { ...message, sourceMessenger: event.version }
    case 'relocated':
      return relocate(message, event, now)
    case 'vanished':
      return vanish(message, event, now)
    case 'chainReset':
      return chainReset(message, event.chainIds, now, event.cause ?? 'chainReset')
  }
}

/** An event about tx `hash` concerns the record only while that is its attempt (or it has none with a hash). */
function isCurrentAttempt(message: TrackedMessage, hash: Hex | undefined): boolean {
  if (hash === undefined || !message.pendingRelay) return true
  return message.pendingRelay.transactionHash.toLowerCase() === hash.toLowerCase()
}

function positionFrom(message: TrackedMessage) {
  const { blockNumber, logIndex, transactionHash } = message.initiatingLog!
  return { blockNumber, logIndex, transactionHash }
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

/** Field-by-field equality, ignoring `updatedAt` and the time of a location change. */
function sameMessage(a: TrackedMessage, b: TrackedMessage): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof TrackedMessage)[])
  keys.delete('updatedAt')
  for (const key of keys) {
    if (key === 'locationChange') {
      if (!sameValue({ ...a.locationChange, at: 0 }, { ...b.locationChange, at: 0 })) return false
      if (!a.locationChange !== !b.locationChange) return false
      continue
    }
    if (!sameValue(a[key], b[key])) return false
  }
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
