/**
 * What the relay dialog shows in each phase, as a pure function of that phase: the plan to execute, its fee, who
 * signs, the simulation's verdict, progress, and errors verbatim. Separate from RelayDialog (which owns the calls,
 * the keyboard and focus) so every phase can be rendered and checked on its own.
 */
import type { Hex } from 'viem'

import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import type { RelayPlan } from '../core/relay/plan'
import { chainName, formatFee, intentSummary, nativeSymbol, shortAddress } from './format'
import type { ExplorerUrl } from './format'
import { HashLink } from './HashLink'
import { SignerChoice } from './SignerChoice'
import { NotSentCallout, SigningBusy } from './SigningStatus'
import type { SignerKind } from './SignerChoice'

export type RelayPhase =
  | { step: 'preparing' }
  | { step: 'prepareFailed'; error: string }
  | { step: 'review'; plan: RelayPlan }
  | { step: 'signing'; plan: RelayPlan }
  | { step: 'submitted'; plan: RelayPlan; transactionHash: Hex }
  | { step: 'relayFailed'; plan: RelayPlan; error: string }

/** Why one would pick each signer; the wallet caveat is docs/ARCHITECTURE.md §6 (wallets that drop the access list). */
const SIGNER_HINTS: Record<SignerKind, string> = {
  wallet: 'Your wallet asks you to confirm. Some wallets drop the access list a relay needs.',
  relayAccount: 'Signed here with the built-in account, which always sends the full access list.',
}

const PROGRESS = [
  { key: 'prepare', label: 'Prepare' },
  { key: 'sign', label: 'Sign' },
  { key: 'submitted', label: 'Submitted' },
] as const

function progressIndex(phase: RelayPhase): number {
  switch (phase.step) {
    case 'preparing':
    case 'prepareFailed':
      return 0
    case 'review':
    case 'signing':
    case 'relayFailed':
      return 1
    case 'submitted':
      return 2
  }
}

export interface RelayDialogContentProps {
  phase: RelayPhase
  message: TrackedMessage
  chains: readonly ChainConfig[]
  signers: readonly SignerKind[]
  signerLabels?: Partial<Record<SignerKind, string>>
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
  const current = progressIndex(phase)
  const plan = 'plan' in phase ? phase.plan : undefined
  const canChooseSigner = phase.step === 'review' || phase.step === 'relayFailed'
  const canSign = canChooseSigner && !!plan?.simulation.ok && signer !== undefined

  return (
    <>
      <div className="scr-dialog-header">
        <h2 className="scr-dialog-title" id={props.titleId}>
          Relay message
        </h2>
        <button type="button" className="scr-close" aria-label="Close" onClick={props.onClose}>
          ×
        </button>
      </div>
      <p className="scr-dialog-summary" id={props.descriptionId}>
        {intentSummary(message)} · {source} → {destination}
      </p>

      <ol className="scr-progress" aria-label="Relay progress">
        {PROGRESS.map((item, index) => (
          <li
            key={item.key}
            className={index < current ? 'scr-progress-done' : undefined}
            aria-current={index === current ? 'step' : undefined}
          >
            {index < current ? '✓ ' : ''}
            {item.label}
          </li>
        ))}
      </ol>

      {phase.step === 'preparing' ? (
        <div className="scr-busy" role="status">
          <div className="scr-spinner" aria-hidden="true" />
          <p>
            Re-reading the message on {source} and simulating the relay on {destination}…
          </p>
        </div>
      ) : null}

      {phase.step === 'prepareFailed' ? (
        <p className="scr-callout scr-callout-danger" role="alert">
          <strong>Could not prepare the relay.</strong>
          {'\n'}
          {phase.error}
        </p>
      ) : null}

      {plan ? (
        <dl className="scr-facts">
          <dt>Executes</dt>
          <dd>{plan.description}</dd>
          <dt>On</dt>
          <dd>{destination}</dd>
          <dt>Fee</dt>
          <dd>
            {plan.fee
              ? `≈ ${formatFee(plan.fee.total)} ${nativeSymbol(chains, plan.destination)} (${plan.fee.gas.toString()} gas)`
              : 'Not estimated'}
          </dd>
          <dt>Signer</dt>
          <dd>
            <SignerChoice
              signers={signers}
              labels={props.signerLabels}
              hints={SIGNER_HINTS}
              value={signer}
              onChange={props.onSignerChange}
              readOnly={!canChooseSigner}
            />
          </dd>
          {plan.from ? (
            <>
              <dt>Simulated as</dt>
              <dd className="scr-mono" title={plan.from}>
                {shortAddress(plan.from)}
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}

      {plan && phase.step !== 'submitted' ? (
        plan.simulation.ok ? (
          <p className="scr-callout scr-callout-ok">Simulation passed: the relay succeeds if sent now.</p>
        ) : (
          <p className="scr-callout scr-callout-danger" role="alert">
            <strong>Simulation failed — relaying now would revert.</strong>
            {'\n'}
            {plan.simulation.reason}
          </p>
        )
      ) : null}

      {phase.step === 'signing' ? <SigningBusy signer={signer} /> : null}

      {phase.step === 'relayFailed' ? (
        <NotSentCallout title="The relay was not sent." error={phase.error} />
      ) : null}

      {phase.step === 'submitted' ? (
        <p className="scr-callout scr-callout-ok" role="status">
          Relay submitted on {destination}:{' '}
          <HashLink
            value={phase.transactionHash}
            chainId={message.destination}
            kind="tx"
            explorerUrl={explorerUrl}
          />
          . The list updates when it is mined.
        </p>
      ) : null}

      <div className="scr-dialog-actions">
        {phase.step === 'submitted' ? (
          <button type="button" className="scr-button scr-button-primary" onClick={props.onClose} autoFocus>
            Done
          </button>
        ) : (
          <>
            <button type="button" className="scr-button" onClick={props.onClose}>
              {phase.step === 'signing' ? 'Hide' : 'Cancel'}
            </button>
            {phase.step === 'prepareFailed' || (canChooseSigner && plan && !plan.simulation.ok) ? (
              <button type="button" className="scr-button" onClick={props.onPrepare}>
                {phase.step === 'prepareFailed' ? 'Try again' : 'Simulate again'}
              </button>
            ) : null}
            {phase.step !== 'prepareFailed' ? (
              <button
                type="button"
                className="scr-button scr-button-primary"
                disabled={!canSign}
                onClick={props.onSign}
              >
                {phase.step === 'signing' ? 'Signing…' : 'Sign and relay'}
              </button>
            ) : null}
          </>
        )}
      </div>
    </>
  )
}
