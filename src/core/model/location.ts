/**
 * Rule 8 of the status machine (status.ts), and the words for it: a message's identity is its hash, its initiating
 * log only where it was last seen (docs/ARCHITECTURE.md §5). These pure rules move the log when the live one is
 * found elsewhere, mark a message the source chain no longer holds, and void what a reset chain held.
 */
import { holdsBasis, sameLogPlace, type TrackerEvent } from './events'
import { positionOf, type InitiatingLog, type LocationChange, type TrackedMessage } from './message'
import { deriveFromLog } from './observe'
import { without } from './records'

type Relocated = Extract<TrackerEvent, { type: 'relocated' }>
type Vanished = Extract<TrackerEvent, { type: 'vanished' }>

/** Where the message was last seen: its log, or where a pending location change says it was. */
function lastPosition(message: TrackedMessage) {
  return message.initiatingLog ? positionOf(message.initiatingLog) : message.locationChange?.from
}

/** The note for a log found by the poller: a moved log, or the end of a search that a missing log started. */
export function noteFound(
  message: TrackedMessage,
  log: InitiatingLog,
  now: number,
): Pick<TrackedMessage, 'locationChange'> {
  const current = message.initiatingLog
  if (current) {
    if (sameLogPlace(current, log)) return pick(message)
    const cause =
      current.transactionHash.toLowerCase() === log.transactionHash.toLowerCase() ? 'reorg' : 'resend'
    return { locationChange: { cause, at: now, from: positionOf(current), to: positionOf(log) } }
  }
  const open = message.locationChange
  if (!open || open.to) return pick(message)
  const to = positionOf(log)
  // Missing for a tick, then back where it was (a node that answered from behind): nothing happened to report.
  if (open.cause === 'reorg' && open.from && sameNumbers(open.from, to)) return { locationChange: undefined }
  return { locationChange: { ...open, at: now, to } }
}

/** The note for a log the poller no longer finds where it was recorded. */
export function noteMissing(message: TrackedMessage, now: number): Pick<TrackedMessage, 'locationChange'> {
  // Nothing was recorded to go missing (a source tx that never got mined): no move to report.
  if (!message.initiatingLog) return pick(message)
  return { locationChange: { cause: 'reorg', at: now, from: positionOf(message.initiatingLog) } }
}

function pick(message: TrackedMessage): Pick<TrackedMessage, 'locationChange'> {
  return message.locationChange ? { locationChange: message.locationChange } : {}
}

function sameNumbers(a: LocationChange['from'] & object, b: LocationChange['from'] & object): boolean {
  return (
    a.blockNumber === b.blockNumber &&
    a.logIndex === b.logIndex &&
    a.transactionHash.toLowerCase() === b.transactionHash.toLowerCase()
  )
}

/** relocated: the live log replaces the recorded one (a finalized message is verified again, as 'relayed'). */
export function relocate(message: TrackedMessage, event: Relocated, now: number): TrackedMessage {
  if (!holdsBasis(message, event.basis)) return message
  if (message.initiatingLog && sameLogPlace(message.initiatingLog, event.log)) return message
  const from = lastPosition(message)
  const open = message.locationChange && !message.locationChange.to ? message.locationChange : undefined
  const draft: TrackedMessage = {
    // Found on its source chain: an imported message is confirmed (store/importPolicy.ts).
    ...without(message, 'unverified'),
    initiatingLog: event.log,
    sourceTransactionHash: event.log.transactionHash,
    sourceSafety: event.safety ?? 'unsafe',
    // A search that a reset, a resend or a reorg started ends with the cause that started it.
    locationChange: {
      cause: open?.cause ?? event.cause,
      at: now,
      ...(from ? { from } : {}),
      to: positionOf(event.log),
    },
  }
  if (message.status === 'finalized' || message.status === 'relayed') return { ...draft, status: 'relayed' }
  // An expiry read against the old position is verified again, like a finalized relay (status.ts rule 1).
  const live = without(draft, 'expiry')
  return { ...live, status: deriveFromLog(live, event.log, message, undefined) }
}

/** vanished: the source chain does not hold this hash. A relay already executed stands. */
export function vanish(message: TrackedMessage, event: Vanished, now: number): TrackedMessage {
  if (!holdsBasis(message, event.basis)) return message
  if (message.status === 'relayed' || message.status === 'finalized' || message.status === 'vanished')
    return message
  const from = lastPosition(message)
  const open = message.locationChange && !message.locationChange.to ? message.locationChange : undefined
  const cause = open?.cause === 'chainReset' ? 'chainReset' : event.cause
  return {
    ...without(message, 'initiatingLog', 'sourceSafety', 'pendingRelay', 'relayIntent', 'failure'),
    status: 'vanished',
    locationChange: { cause, at: now, ...(from ? { from } : {}) },
  }
}

/**
 * Is the recorded log one the source chain still vouches for? Not when it was kept through a reset of its source
 * (a delivered message: `chainReset` keeps its log but forgets its safety). Such a log belongs to a chain that may
 * be gone, and may sit above the new chain's head, where no log check reaches it: once the relay that kept it goes,
 * the message is re-located, never derived again from that log.
 */
export function keptThroughSourceReset(message: TrackedMessage): boolean {
  return message.initiatingLog !== undefined && message.sourceSafety === undefined
}

/** The log is void: the message waits for re-location (`cause` says why, for the UI). */
export function toRelocate(
  message: TrackedMessage,
  draft: TrackedMessage,
  now: number,
  cause: LocationChange['cause'],
): TrackedMessage {
  const from = lastPosition(message)
  return {
    ...without(draft, 'initiatingLog', 'sourceSafety', 'expiry', 'sourceMessenger'),
    status: 'reorged',
    locationChange: { cause, at: now, ...(from ? { from } : {}) },
  }
}

/**
 * chainReset: the chain lost everything we read from it. As destination: the relay, our pending relay and any
 * failure are void, and the status waits for the next reading. As source: the log and an expiry record (messenger
 * 2.x) are void and re-location looks for it (a relay on a destination that was not reset stands: the message was
 * delivered, and only its log's safety is forgotten — until the destination's reset voids that relay too, and then
 * the log kept from the old source goes to re-location: `keptThroughSourceReset`).
 */
export function chainReset(
  message: TrackedMessage,
  chainIds: readonly number[],
  now: number,
  cause: 'chainReset' | 'reorg' = 'chainReset',
): TrackedMessage {
  const asSource = chainIds.includes(message.source)
  const asDestination = chainIds.includes(message.destination)
  if (!asSource && !asDestination) return message
  const delivered = message.status === 'relayed' || message.status === 'finalized'
  let draft = message
  if (asDestination) {
    draft = without(draft, 'relay', 'destinationSafety', 'pendingRelay', 'relayIntent', 'failure')
  }
  if (asSource && message.status !== 'vanished' && (asDestination || !delivered)) {
    return toRelocate(message, draft, now, cause)
  }
  // A delivered message keeps its log, no longer vouched for: it is checked again should the relay ever go.
  if (!asDestination) return asSource ? without(message, 'sourceSafety') : message
  // The relay went, and the log it kept is from before its source's reset: look for the message again.
  if (delivered && keptThroughSourceReset(message)) return toRelocate(message, draft, now, 'chainReset')
  const voided = delivered || message.status === 'relaying' || message.status === 'failed'
  return {
    ...draft,
    status: voided && draft.initiatingLog ? 'initiated' : voided ? 'pending' : message.status,
  }
}

/**
 * What happened to a message's location, in a sentence a UI shows under its status (undefined: nothing to say).
 * `chainName` names the source chain.
 */
export function describeLocationChange(
  message: Pick<TrackedMessage, 'status' | 'locationChange' | 'source'>,
  chainName: (id: number) => string = (id) => `chain ${id}`,
): string | undefined {
  const change = message.locationChange
  if (!change) return undefined
  const source = chainName(message.source)
  const at = (p: NonNullable<LocationChange['to']>) => `block ${p.blockNumber} (log ${p.logIndex})`
  if (message.status === 'vanished') {
    return change.cause === 'chainReset'
      ? `${source} was reset: this message no longer exists there, and cannot be relayed.`
      : `${source} no longer holds this message: a reorg dropped the transaction that sent it.`
  }
  if (!change.to) {
    if (change.cause === 'chainReset')
      return `${source} was reset: checking whether this message still exists.`
    if (change.cause === 'resend') return 'Resent: waiting for the new log.'
    return `Reorged out${change.from ? ` of block ${change.from.blockNumber}` : ''}: looking for it again.`
  }
  if (change.cause === 'chainReset')
    return `${source} was reset; the same message was sent again at ${at(change.to)}.`
  if (change.cause === 'resend') return `Resent: now at ${at(change.to)}.`
  return `Re-included at ${at(change.to)}${change.from ? `, was block ${change.from.blockNumber}` : ''}.`
}
