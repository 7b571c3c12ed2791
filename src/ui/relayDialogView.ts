/**
 * What the relay dialog may offer in a phase, derived from the phase, the live message and the chosen signer: how far
 * the progress bar is, whether the message has arrived, the plan under review, why the signer cannot be used, and
 * whether Sign is on. Pure, so each rule is stated once and RelayDialogContent only lays the answer out.
 */
import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import type { RelayPlan } from '../core/relay/plan'
import { isSignable, type SignPhase } from './dialogPhases'
import { explainError, type ErrorWords } from './errorWords'
import type { SignerKind } from './SignerChoice'

/** Preparing the plan, then the shared signing phases, each carrying the plan the user reviewed. */
export type RelayPhase =
  | { step: 'preparing' }
  | { step: 'prepareFailed'; error: unknown }
  | SignPhase<{ plan: RelayPlan }, 'relayFailed'>

/** Has the destination executed it (whoever relayed)? Then the dialog's job is done. */
export function isDelivered(message: TrackedMessage): boolean {
  return message.status === 'relayed' || message.status === 'finalized'
}

function progressIndex(phase: RelayPhase, delivered: boolean): number {
  if (delivered) return 4
  switch (phase.step) {
    case 'preparing':
    case 'prepareFailed':
      return 0
    case 'review':
    case 'signing':
    case 'relayFailed':
      return 1
    case 'submitted':
      return 3
  }
}

export interface RelayDialogView {
  delivered: boolean
  /** The progress bar's current step. */
  current: number
  plan: RelayPlan | undefined
  /** Why our relay was not sent, in words. */
  failure: ErrorWords | undefined
  /** Why the chosen signer cannot relay (a wallet that drops the access list), in one sentence. */
  blocked: string | undefined
  canChooseSigner: boolean
  canSign: boolean
  /** The label of the button that prepares again, when one is offered. */
  retry: string | undefined
}

export function relayDialogView(input: {
  phase: RelayPhase
  message: TrackedMessage
  chains: readonly ChainConfig[]
  signer: SignerKind | undefined
  blockedSigners?: Partial<Record<SignerKind, string>>
}): RelayDialogView {
  const { phase, message, chains, signer } = input
  const delivered = isDelivered(message)
  const plan = 'plan' in phase ? phase.plan : undefined
  const failure = phase.step === 'relayFailed' ? explainError(phase.error, { chains }) : undefined
  const canChooseSigner = !delivered && isSignable(phase, 'relayFailed')
  // A wallet that just dropped the list, or is known to: say so once, and offer what works instead. A wallet learns
  // it is "known" while it signs, a moment before the refusal arrives; only a choice still open is blocked up front,
  // so the dialog goes from Signing straight to the refusal, never through the up-front sentence.
  const blocked =
    failure?.kind === 'accessListDropped'
      ? failure.summary
      : signer && canChooseSigner
        ? input.blockedSigners?.[signer]
        : undefined
  // A plan the signing account cannot pay is not signed: core would refuse it, so the button does not offer it.
  const unpaid = plan?.funds?.enough === false
  return {
    delivered,
    current: progressIndex(phase, delivered),
    plan,
    failure,
    blocked,
    canChooseSigner,
    canSign: canChooseSigner && !!plan?.simulation.ok && signer !== undefined && !blocked && !unpaid,
    retry:
      phase.step === 'prepareFailed'
        ? 'Try again'
        : canChooseSigner && plan && !plan.simulation.ok
          ? 'Simulate again'
          : undefined,
  }
}
