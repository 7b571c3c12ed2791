/**
 * What the relay dialog shows in each phase, as a pure function of that phase and the live message: the plan to
 * execute, its fee, who signs, the simulation's verdict, progress, errors in plain words — and, once the message is
 * seen executed on its destination, that it arrived. Separate from RelayDialog (which owns the calls, the keyboard
 * and focus) so every phase can be rendered and checked on its own.
 */

import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import type { RelayPlan } from '../core/relay/plan'
import { isSignable } from './dialogPhases'
import type { SignPhase } from './dialogPhases'
import { ErrorNotice } from './ErrorNotice'
import { explainError } from './errorWords'
import { chainName, intentSummary } from './format'
import type { ExplorerUrl } from './format'
import { HashLink } from './HashLink'
import { DialogHeader } from './Modal'
import {
  DeliveredCallout,
  PlanFacts,
  RelayActions,
  RelayProgress,
  FundsShortfall,
  SimulationVerdict,
} from './RelayDialogParts'
import { SignerBlocked } from './RelayElsewhere'
import { SignerChoice } from './SignerChoice'
import { SigningBusy } from './SigningStatus'
import type { SignerKind } from './SignerChoice'

/** Preparing the plan, then the shared signing phases, each carrying the plan the user reviewed. */
export type RelayPhase =
  | { step: 'preparing' }
  | { step: 'prepareFailed'; error: unknown }
  | SignPhase<{ plan: RelayPlan }, 'relayFailed'>

/** Why one would pick each signer; the wallet caveat is docs/ARCHITECTURE.md §6 (wallets that drop the access list). */
const SIGNER_HINTS: Record<SignerKind, string> = {
  wallet: 'Your wallet asks you to confirm. Some wallets drop the access list a relay needs.',
  relayAccount: 'Signed here with the built-in account, which always sends the full access list.',
}

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

export interface RelayDialogContentProps {
  phase: RelayPhase
  /** The live message: the dialog updates in place when it is relayed. */
  message: TrackedMessage
  chains: readonly ChainConfig[]
  signers: readonly SignerKind[]
  signerLabels?: Partial<Record<SignerKind, string>>
  /** Signers known not to work for relays (a wallet that drops access lists), with the reason in one sentence. */
  blockedSigners?: Partial<Record<SignerKind, string>>
  /** Offer "Open in the extension" among the other ways (not in the extension itself). */
  offerExtension?: boolean
  /** The user's accounts, for "to you" in the summary. */
  accounts?: readonly string[]
  /** The chosen signer; undefined only when the shell offers none. */
  signer: SignerKind | undefined
  onSignerChange: (signer: SignerKind) => void
  onSign: () => void
  /** Prepare (and simulate) again. */
  onPrepare: () => void
  onClose: () => void
  explorerUrl?: ExplorerUrl
  titleId?: string
  descriptionId?: string
}

export function RelayDialogContent(props: RelayDialogContentProps) {
  const { phase, message, chains, signers, signer, explorerUrl } = props
  const source = chainName(chains, message.source)
  const destination = chainName(chains, message.destination)
  const delivered = isDelivered(message)
  const current = progressIndex(phase, delivered)
  const plan = 'plan' in phase ? phase.plan : undefined
  const failure = phase.step === 'relayFailed' ? explainError(phase.error, { chains }) : undefined
  // A wallet that just dropped the list, or is known to: say so once, and offer what works instead.
  const blocked =
    failure?.kind === 'accessListDropped'
      ? failure.summary
      : signer
        ? props.blockedSigners?.[signer]
        : undefined
  const canChooseSigner = !delivered && isSignable(phase, 'relayFailed')
  // A plan the signing account cannot pay is not signed: core would refuse it, so the button does not offer it.
  const unpaid = plan?.funds?.enough === false
  const canSign = canChooseSigner && !!plan?.simulation.ok && signer !== undefined && !blocked && !unpaid

  return (
    <>
      <DialogHeader title={'Relay message'} titleId={props.titleId} onClose={props.onClose} />
      <p className="scr-dialog-summary" id={props.descriptionId}>
        {intentSummary(message, props.accounts)} · {source} → {destination}
      </p>

      <RelayProgress current={current} />

      {delivered ? (
        <DeliveredCallout
          message={message}
          chains={chains}
          ourTransaction={phase.step === 'submitted' ? phase.transactionHash : undefined}
          explorerUrl={explorerUrl}
        />
      ) : null}

      {!delivered && phase.step === 'preparing' ? (
        <div className="scr-busy" role="status">
          <div className="scr-spinner" aria-hidden="true" />
          <p>
            Re-reading the message on {source} and simulating the relay on {destination}…
          </p>
        </div>
      ) : null}

      {!delivered && phase.step === 'prepareFailed' ? (
        <ErrorNotice error={phase.error} chains={chains} title="Could not prepare the relay." />
      ) : null}

      {plan && !delivered ? (
        <PlanFacts
          plan={plan}
          chains={chains}
          signer={
            <SignerChoice
              signers={signers}
              labels={props.signerLabels}
              hints={blocked ? undefined : SIGNER_HINTS}
              value={signer}
              onChange={props.onSignerChange}
              readOnly={!canChooseSigner}
            />
          }
        />
      ) : null}

      {blocked && !delivered && phase.step !== 'preparing' ? (
        <SignerBlocked
          reason={blocked}
          details={failure?.details}
          message={message}
          chains={chains}
          offerExtension={props.offerExtension}
        />
      ) : null}

      {plan && !blocked && !delivered && phase.step !== 'submitted' && phase.step !== 'relayFailed' ? (
        <>
          <SimulationVerdict plan={plan} />
          <FundsShortfall plan={plan} chains={chains} />
        </>
      ) : null}

      {phase.step === 'signing' && !delivered ? <SigningBusy signer={signer} /> : null}

      {failure && !blocked && !delivered ? (
        <ErrorNotice error={failure} title="The relay was not sent." />
      ) : null}

      {phase.step === 'submitted' && !delivered ? (
        <div className="scr-busy" role="status">
          <div className="scr-spinner" aria-hidden="true" />
          <p>
            Relay sent on {destination} (
            <HashLink
              value={phase.transactionHash}
              chainId={message.destination}
              kind="tx"
              explorerUrl={explorerUrl}
            />
            ), waiting for it to be mined…
          </p>
        </div>
      ) : null}

      <RelayActions
        finished={delivered || phase.step === 'submitted'}
        signing={phase.step === 'signing'}
        retry={
          phase.step === 'prepareFailed'
            ? 'Try again'
            : canChooseSigner && plan && !plan.simulation.ok
              ? 'Simulate again'
              : undefined
        }
        sign={phase.step === 'prepareFailed' ? undefined : { enabled: canSign, primary: !blocked }}
        onClose={props.onClose}
        onPrepare={props.onPrepare}
        onSign={props.onSign}
      />
    </>
  )
}
