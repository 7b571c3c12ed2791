/**
 * How far a message got, for every UI (popup, widget, CLI): one mapping from status to timeline step, so the three
 * shells cannot disagree about what "reorged" or "vanished" means for the journey.
 */
import { messengerFeatures } from '../protocol/messengerVersion'
import { NEEDS_USER_STATUSES, isFinal, type MessageStatus, type TrackedMessage } from './message'

/**
 * Does the message wait for the user (badge count, notifications)? An expired message only when it can be resent:
 * on messenger 2.x nothing the user does can revive it.
 */
export function needsUser(message: TrackedMessage): boolean {
  if (message.status === 'expired') return canResend(message)
  return NEEDS_USER_STATUSES.includes(message.status)
}

/** Statuses from which resendMessage makes sense: sent, not relayed, and not already waiting for a source tx. */
export const RESENDABLE_STATUSES: readonly MessageStatus[] = [
  'expired',
  'reorged',
  'failed',
  'ready',
  'initiated',
]

/**
 * May a Resend be offered? Only where the source's messenger has `resendMessage` (1.x; a message whose source
 * was not read yet is assumed 1.x, the relay flow checks the chain again before sending), never for a message the
 * source marked expired (`expiry`, 2.x).
 */
export function canResend(message: Pick<TrackedMessage, 'status' | 'expiry' | 'sourceMessenger'>): boolean {
  if (!RESENDABLE_STATUSES.includes(message.status) || message.expiry) return false
  return message.sourceMessenger === undefined || messengerFeatures(message.sourceMessenger).resend
}

/**
 * Is there still something to poll for this message? A 'vanished' message is not polled every tick (the source
 * said it does not exist); re-location looks at it for a while, and discovery revives it.
 */
export function isInFlight(message: TrackedMessage): boolean {
  return !isFinal(message) && message.status !== 'vanished'
}

/** The journey every message makes, as a UI timeline shows it. */
export const PROGRESS_STEPS = ['sent', 'included', 'ready', 'relayed', 'finalized'] as const
export type ProgressStep = (typeof PROGRESS_STEPS)[number]

/**
 * Index into PROGRESS_STEPS of the step a message has reached. The stopped states sit on the step they stopped at:
 * 'reorged' and 'vanished' lost their inclusion (included, marked as the problem), 'failed' and 'expired' were
 * relayable but never relayed (ready), and 'relaying' has not been executed yet (ready).
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
