/**
 * Rules 2–4 of the status machine (status.ts): what a poller observation does to a message. Pure.
 */
import { MESSAGE_EXPIRY_SECONDS } from '../protocol/addresses'
import { holdsBasis, type DestinationObservation, type MessageObservation } from './events'
import { keptThroughSourceReset, noteFound, noteMissing, toRelocate } from './location'
import type { InitiatingLog, MessageStatus, TrackedMessage } from './message'
import { without } from './records'

/** Statuses computed from the initiating log and the destination clock, re-derived when either is read. */
const LOG_DERIVED: ReadonlySet<MessageStatus> = new Set([
  'initiated',
  'ready',
  'relaying',
  'failed',
  'expired',
])

export function observe(
  message: TrackedMessage,
  observation: MessageObservation,
  now: number,
): TrackedMessage {
  const { destination } = observation
  // A reading about a log the record no longer holds (discovery moved it meanwhile) says nothing about this one.
  const initiating =
    observation.initiating && holdsBasis(message, observation.initiating.basis)
      ? observation.initiating
      : undefined

  let draft: TrackedMessage = message
  if (initiating?.state === 'found') {
    const note = noteFound(message, initiating.log, now)
    draft = {
      // Found on its source chain: an imported message is confirmed (importPolicy.ts).
      ...without(draft, 'locationChange', 'unverified'),
      initiatingLog: initiating.log,
      // The tx that emitted the live log (a resend's, or the transfer sent again after a reset).
      sourceTransactionHash: initiating.log.transactionHash,
      sourceSafety: initiating.safety,
      ...(note.locationChange ? note : {}),
    }
  }

  if (destination?.relayed) {
    const { relay, safety } = destination.relayed
    return {
      ...without(draft, 'pendingRelay', 'relayIntent', 'failure'),
      status: safety === 'finalized' ? 'finalized' : 'relayed',
      relay,
      destinationSafety: safety,
    }
  }

  const wasRelayed = message.status === 'relayed'
  if (wasRelayed) {
    // Only the destination takes a relay back, and only the relay the reading knew of (events.ts: relayBasis).
    const disproved =
      destination !== undefined &&
      (destination.relayBasis === undefined ||
        (destination.relayBasis ?? undefined)?.toLowerCase() === message.relay?.transactionHash.toLowerCase())
    if (!disproved) return draft
    draft = without(draft, 'relay', 'destinationSafety')
    // That relay was all that kept a log from before its source's reset (location.ts): look for the message again.
    if (keptThroughSourceReset(draft)) return toRelocate(message, draft, now, 'chainReset')
  }

  if (initiating?.state === 'missing') {
    if (!message.initiatingLog && message.status === 'vanished') return draft
    return {
      ...without(draft, 'initiatingLog', 'sourceSafety'),
      status: 'reorged',
      ...noteMissing(message, now),
    }
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

/** Rule 4's list: the status of a message whose log is known and that is not relayed. */
export function deriveFromLog(
  draft: TrackedMessage,
  log: InitiatingLog,
  previous: TrackedMessage,
  destination: DestinationObservation | undefined,
): MessageStatus {
  const byTime = timeStatus(log, previous, destination)
  if (byTime === 'expired') return 'expired'
  // A read said relayed (unconfirmed): never offered for relaying, even after a failed attempt of ours.
  if (draft.pendingRelay || draft.relayIntent || destination?.relayUnconfirmed) return 'relaying'
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
