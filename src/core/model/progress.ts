/**
 * How far a message got, for every UI (popup, widget, CLI): one mapping from status to timeline step, so the three
 * shells cannot disagree about what "reorged" or "vanished" means for the journey.
 */
import { NEEDS_USER_STATUSES, TERMINAL_STATUSES, type MessageStatus, type TrackedMessage } from './message'

/** Does the message wait for the user (badge count, notifications)? */
export function needsUser(message: TrackedMessage): boolean {
  return NEEDS_USER_STATUSES.includes(message.status)
}

/**
 * Is there still something to poll for this message? A 'vanished' message is not polled every tick (the source
 * said it does not exist); re-location looks at it for a while, and discovery revives it.
 */
export function isInFlight(message: TrackedMessage): boolean {
  return !TERMINAL_STATUSES.includes(message.status) && message.status !== 'vanished'
}

/** The journey every message makes, as a UI timeline shows it. */
export const PROGRESS_STEPS = ['sent', 'included', 'ready', 'relayed', 'finalized'] as const
export type ProgressStep = (typeof PROGRESS_STEPS)[number]

/**
 * Index into PROGRESS_STEPS of the step a message has reached. The stopped states sit on the step they stopped at:
 * 'reorged' and 'vanished' lost their inclusion (included, marked as the problem), 'failed' and 'expired' were relayable but never relayed
 * (ready), and 'relaying' has not been executed yet (ready).
 */
export function progressOf(status: MessageStatus): number {
  return PROGRESS_STEPS.indexOf(STEP_OF[status])
}

/** The step each status sits on. Exported so that UIs map statuses to steps with this table, not their own. */
export const STEP_OF: Readonly<Record<MessageStatus, ProgressStep>> = {
  pending: 'sent',
  initiated: 'included',
  reorged: 'included',
  vanished: 'included',
  ready: 'ready',
  relaying: 'ready',
  failed: 'ready',
  expired: 'ready',
  relayed: 'relayed',
  finalized: 'finalized',
}

/** Statuses that stopped short of the journey and say why (the UI marks their step as stuck). */
export const STOPPED_STATUSES: readonly MessageStatus[] = ['failed', 'expired', 'reorged', 'vanished']

/** May a Relay button be offered? Only for a message whose live log is known and that nobody relays yet. */
export function isRelayable(message: TrackedMessage): boolean {
  return (
    (message.status === 'ready' || message.status === 'failed') &&
    message.initiatingLog !== undefined &&
    !message.pendingRelay &&
    !message.relayIntent
  )
}
