/**
 * How each status reads and looks, in one table: the badge's words, its colour, whether the user must act, the
 * row's one-line note, and the timeline's steps. The progress itself (which step a status has reached) is core's
 * `progressOf`, so the popup, the widget and the CLI draw the same journey.
 *
 * Words say what to do. Amber means "you can act now" ("Needs relay", with the Relay button beside it), red means
 * "something went wrong", green means done ("Delivered ✓"); everything in flight is neutral.
 */
import type { ChainConfig } from '../core/chains/types'
import type { MessageStatus, TrackedMessage } from '../core/model/message'
import { STOPPED_STATUSES, canResend } from '../core/model/progress'
import { PROGRESS_STEPS, progressOf, type ProgressStep } from '../core/model/status'
import { chainName } from './format'

export const STATUS_LABELS: Record<MessageStatus, string> = {
  pending: 'Sending',
  initiated: 'In transit',
  ready: 'Needs relay',
  relaying: 'Relaying',
  relayed: 'Delivered ✓',
  finalized: 'Delivered ✓',
  failed: 'Relay failed',
  expired: 'Expired',
  reorged: 'Re-checking',
  vanished: 'Gone',
}

/**
 * Colour families: 'action' (amber) asks the user to do something, 'danger' says it went wrong, 'success' that it
 * arrived, 'progress' (neutral) that it is on its way and needs nothing.
 */
export type StatusTone = 'action' | 'danger' | 'success' | 'progress'

export const STATUS_TONES: Record<MessageStatus, StatusTone> = {
  pending: 'progress',
  initiated: 'progress',
  ready: 'action',
  relaying: 'progress',
  relayed: 'success',
  finalized: 'success',
  failed: 'danger',
  expired: 'action',
  reorged: 'progress',
  vanished: 'danger',
}

/** The row's one-line explanation of where the message stands and, when stuck, what can be done. */
export function statusNote(message: TrackedMessage, chains: readonly ChainConfig[]): string {
  const destination = chainName(chains, message.destination)
  switch (message.status) {
    case 'pending':
      return `Waiting for the transaction on ${chainName(chains, message.source)} to be mined`
    case 'initiated':
      return `On its way: ${destination} can accept it in a moment`
    case 'ready':
      return `Nobody has relayed it: relay it to finish on ${destination}`
    case 'relaying':
      // Not ours: a read of the destination said relayed and another did not confirm it yet (docs/ARCHITECTURE.md §5).
      if (!message.pendingRelay && !message.relayIntent)
        return `A relay was seen on ${destination}: confirming it`
      return `Relay sent on ${destination}, waiting for it to be mined`
    case 'relayed':
      return `Arrived on ${destination}`
    case 'finalized':
      return `Arrived on ${destination} · final`
    case 'failed':
      return `The relay failed: ${message.failure?.reason ?? 'no reason given'}`
    case 'expired':
      // resendMessage on the source is the only way back, and only messenger 1.x has it (docs/ARCHITECTURE.md §4).
      if (canResend(message))
        return `Too old to relay: resend it on ${chainName(chains, message.source)} first`
      return message.expiry
        ? `Expired: can no longer be relayed (${chainName(chains, message.source)} marked it expired)`
        : 'Expired: can no longer be relayed'
    case 'reorged':
      return `${chainName(chains, message.source)} reorganized its blocks: looking for it again`
    case 'vanished':
      // Never relayable: the source chain does not hold it (docs/ARCHITECTURE.md §5). Removing it is all there is.
      // What matters first, so a 320 px row that cuts the note still says it; the Timeline tells the rest.
      return message.locationChange?.cause === 'chainReset'
        ? `No longer exists: ${chainName(chains, message.source)} was reset`
        : `No longer exists: a reorg on ${chainName(chains, message.source)} dropped it`
  }
}

export type TimelineStep = ProgressStep
export const TIMELINE_STEPS = PROGRESS_STEPS
export type StepState = 'done' | 'current' | 'problem' | 'upcoming'

/** A step's name once it is behind the message (or ahead of it). */
export const STEP_LABELS: Record<TimelineStep, string> = {
  sent: 'Sent',
  included: 'In a block',
  ready: 'Ready to relay',
  relayed: 'Delivered',
  finalized: 'Final',
}

/** Stopped short of the journey (failed, expired, reorged, vanished): core's list; their step is drawn as stuck. */
const STUCK: readonly MessageStatus[] = STOPPED_STATUSES

/**
 * Each step's state for a status: steps before the reached one are done; the reached one is current — or a
 * problem when the message is stuck there — except that a finalized message has nothing left in progress.
 */
export function stepStates(status: MessageStatus): Record<TimelineStep, StepState> {
  const reached = progressOf(status)
  const states = {} as Record<TimelineStep, StepState>
  TIMELINE_STEPS.forEach((step, index) => {
    if (index < reached || status === 'finalized') states[step] = 'done'
    else if (index > reached) states[step] = 'upcoming'
    else states[step] = STUCK.includes(status) ? 'problem' : 'current'
  })
  return states
}

/**
 * What the timeline calls a step: the current one reads like the badge ("Needs relay" on the badge, "Needs relay"
 * on the step), so the row and its timeline never name the same moment twice differently.
 */
export function stepLabel(step: TimelineStep, state: StepState, status: MessageStatus): string {
  if (state === 'current' || state === 'problem') return STATUS_LABELS[status].replace(/ ✓$/, '')
  return STEP_LABELS[step]
}
