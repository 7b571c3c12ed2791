/**
 * What the relay dialog shows in each phase, as a pure function of that phase and the live message: the plan to
 * execute, its fee, who signs, the simulation's verdict, progress, errors in plain words — and, once the message is
 * seen executed on its destination, that it arrived. Separate from RelayDialog (which owns the calls, the keyboard
 * and focus) so every phase can be rendered and checked on its own.
 */

import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import { ErrorNotice } from './ErrorNotice'
import { chainName, intentSummary } from './format'
import type { ExplorerUrl } from './format'
import { DialogHeader } from './Modal'
import { RelayPreparing, RelaySubmitted } from './RelayBusyNotes'
import {
  DeliveredCallout,
  PlanFacts,
  RelayActions,
  RelayProgress,
  FundsShortfall,
  SimulationVerdict,
} from './RelayDialogParts'
import { relayDialogView, type RelayDialogView, type RelayPhase } from './relayDialogView'
import { SignerBlocked } from './RelayElsewhere'
import { SignerChoice } from './SignerChoice'
import { SigningBusy } from './SigningStatus'
import type { SignerKind } from './SignerChoice'

export { isDelivered, type RelayPhase } from './relayDialogView'

/** Why one would pick each signer; the wallet caveat is docs/ARCHITECTURE.md §6 (wallets that drop the access list). */
const SIGNER_HINTS: Record<SignerKind, string> = {
  wallet: 'Your wallet asks you to confirm. Some wallets drop the access list a relay needs.',
  relayAccount: 'Signed here with the built-in account, which always sends the full access list.',
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
  const { phase, message, chains, explorerUrl } = props
  const source = chainName(chains, message.source)
  const destination = chainName(chains, message.destination)
  const view = relayDialogView({
    phase,
    message,
    chains,
    signer: props.signer,
    blockedSigners: props.blockedSigners,
  })

  return (
    <>
      <DialogHeader title={'Relay message'} titleId={props.titleId} onClose={props.onClose} />
      <p className="scr-dialog-summary" id={props.descriptionId}>
        {intentSummary(message, props.accounts)} · {source} → {destination}
      </p>

      <RelayProgress current={view.current} />

      {view.delivered ? (
        <DeliveredCallout
          message={message}
          chains={chains}
          ourTransaction={phase.step === 'submitted' ? phase.transactionHash : undefined}
          explorerUrl={explorerUrl}
        />
      ) : (
        <RelayUnderway {...props} view={view} source={source} destination={destination} />
      )}

      <RelayActions
        finished={view.delivered || phase.step === 'submitted'}
        signing={phase.step === 'signing'}
        retry={view.retry}
        sign={phase.step === 'prepareFailed' ? undefined : { enabled: view.canSign, primary: !view.blocked }}
        onClose={props.onClose}
        onPrepare={props.onPrepare}
        onSign={props.onSign}
      />
    </>
  )
}

/** Until the message is delivered: the phase's wait or error, the plan and who signs it, and the simulation. */
function RelayUnderway(
  props: RelayDialogContentProps & { view: RelayDialogView; source: string; destination: string },
) {
  const { phase, message, chains, signers, signer, explorerUrl, source, destination } = props
  const { plan, failure, blocked } = props.view
  return (
    <>
      {phase.step === 'preparing' ? <RelayPreparing source={source} destination={destination} /> : null}

      {phase.step === 'prepareFailed' ? (
        <ErrorNotice error={phase.error} chains={chains} title="Could not prepare the relay." />
      ) : null}

      {plan ? (
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
              readOnly={!props.view.canChooseSigner}
            />
          }
        />
      ) : null}

      {blocked && phase.step !== 'preparing' ? (
        <SignerBlocked
          reason={blocked}
          details={failure?.details}
          message={message}
          chains={chains}
          offerExtension={props.offerExtension}
        />
      ) : null}

      {plan && !blocked && phase.step !== 'submitted' && phase.step !== 'relayFailed' ? (
        <>
          <SimulationVerdict plan={plan} />
          <FundsShortfall plan={plan} chains={chains} />
        </>
      ) : null}

      {phase.step === 'signing' ? <SigningBusy signer={signer} /> : null}

      {failure && !blocked ? <ErrorNotice error={failure} title="The relay was not sent." /> : null}

      {phase.step === 'submitted' ? (
        <RelaySubmitted
          transactionHash={phase.transactionHash}
          chainId={message.destination}
          destination={destination}
          explorerUrl={explorerUrl}
        />
      ) : null}
    </>
  )
}
