/**
 * Pieces of the relay dialog that read the same in every phase: the progress steps, the facts of the plan, and the
 * delivered confirmation.
 */
import type { ReactNode } from 'react'
import type { Hex } from 'viem'

import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import { transferAmountText } from '../core/protocol/format'
import type { RelayPlan } from '../core/relay/plan'
import { chainName, formatFee, nativeSymbol, shortAddress } from './format'
import type { ExplorerUrl } from './format'
import { ErrorNotice } from './ErrorNotice'
import { HashLink } from './HashLink'

const PROGRESS = ['Prepare', 'Sign', 'Sent', 'Delivered'] as const

/** Steps before `current` are done, `current` is where it stands; past the last, everything is done. */
export function RelayProgress({ current }: { current: number }) {
  return (
    <ol className="scr-progress" aria-label="Relay progress">
      {PROGRESS.map((label, index) => (
        <li
          key={label}
          className={index < current ? 'scr-progress-done' : undefined}
          aria-current={index === current ? 'step' : undefined}
        >
          {index < current ? '✓ ' : ''}
          {label}
        </li>
      ))}
    </ol>
  )
}

/** What executes, what it costs, who signs (the `signer` control), and whom the simulation ran as. */
export function PlanFacts({
  plan,
  chains,
  signer,
}: {
  plan: RelayPlan
  chains: readonly ChainConfig[]
  signer: ReactNode
}) {
  return (
    <dl className="scr-facts">
      <dt>Executes</dt>
      <dd>{plan.description}</dd>
      <dt>Fee</dt>
      <dd>
        {plan.fee
          ? `≈ ${formatFee(plan.fee.total)} ${nativeSymbol(chains, plan.destination)} (${plan.fee.gas.toString()} gas)`
          : 'Not estimated'}
      </dd>
      {plan.funds && plan.fee ? (
        <>
          <dt>Balance</dt>
          <dd data-enough={plan.funds.enough}>
            {`${formatFee(plan.funds.balance)} ${nativeSymbol(chains, plan.destination)}`}
            {plan.funds.enough ? ' · covers the max fee' : ' · not enough for the max fee'}
          </dd>
        </>
      ) : null}
      <dt>Signer</dt>
      <dd>{signer}</dd>
      {plan.from ? (
        <>
          <dt>Simulated as</dt>
          <dd className="scr-mono" title={plan.from}>
            {shortAddress(plan.from)}
          </dd>
        </>
      ) : null}
    </dl>
  )
}

/** "10 MOCK arrived on Devnet L2 B", or for a generic message "It ran on Devnet L2 B". */
export function arrivalText(message: TrackedMessage, chains: readonly ChainConfig[]): string {
  const where = chainName(chains, message.destination)
  const { intent } = message
  return intent.kind === 'generic'
    ? `It ran on ${where}.`
    : `${transferAmountText(intent)} arrived on ${where}.`
}

/** The end of the flow: it arrived, by which relay, and whether someone else's relay beat ours. */
export function DeliveredCallout({
  message,
  chains,
  ourTransaction,
  explorerUrl,
}: {
  message: TrackedMessage
  chains: readonly ChainConfig[]
  ourTransaction?: Hex
  explorerUrl?: ExplorerUrl
}) {
  const relay = message.relay
  return (
    <div className="scr-callout scr-callout-ok scr-delivered" role="status">
      <p className="scr-callout-text">
        <strong>Delivered ✓</strong> {arrivalText(message, chains)}
      </p>
      {relay ? (
        <p className="scr-callout-text scr-muted">
          Relay{' '}
          <HashLink
            value={relay.transactionHash}
            chainId={message.destination}
            kind="tx"
            explorerUrl={explorerUrl}
          />
          {ourTransaction && ourTransaction.toLowerCase() !== relay.transactionHash.toLowerCase()
            ? ' — someone else relayed it first; yours was not needed.'
            : null}
        </p>
      ) : null}
    </div>
  )
}

/**
 * The signing account cannot pay the relay's maximum fee (gas limit × max fee per gas) on the destination: said
 * plainly before anyone signs; core refuses such a relay anyway (InsufficientRelayFundsError).
 */
export function FundsShortfall({ plan, chains }: { plan: RelayPlan; chains: readonly ChainConfig[] }) {
  if (!plan.funds || plan.funds.enough || !plan.fee) return null
  const symbol = nativeSymbol(chains, plan.destination)
  const who = plan.from ? shortAddress(plan.from) : 'The signing account'
  const summary =
    `${who} has ${formatFee(plan.funds.balance)} ${symbol} on ${chainName(chains, plan.destination)}; this ` +
    `relay may cost up to ${formatFee(plan.fee.total)} ${symbol}. Top it up, then simulate again.`
  return (
    <ErrorNotice
      error={{ kind: 'insufficientFunds', summary }}
      title="Not enough to pay the fee."
      tone="warning"
    />
  )
}

/** The simulation's verdict before signing: passed, or why relaying now would fail. */
export function SimulationVerdict({ plan }: { plan: RelayPlan }) {
  return plan.simulation.ok ? (
    <p className="scr-callout scr-callout-ok">Simulation passed: the relay succeeds if sent now.</p>
  ) : (
    <ErrorNotice error={{ kind: 'reverted', summary: 'Relaying now would fail.' }} title="Simulation failed.">
      <p className="scr-callout-text">{plan.simulation.reason}</p>
    </ErrorNotice>
  )
}

/**
 * The dialog's buttons: Done once the relay is sent (or it arrived); otherwise Cancel (Hide while signing), Try
 * again / Simulate again when there is something to retry, and Sign and relay — not the main button when the
 * signer cannot relay, since the way out is elsewhere then.
 */
export function RelayActions(props: {
  finished: boolean
  signing: boolean
  retry?: string
  sign?: { enabled: boolean; primary: boolean }
  onClose: () => void
  onPrepare: () => void
  onSign: () => void
}) {
  if (props.finished) {
    return (
      <div className="scr-dialog-actions">
        <button type="button" className="scr-button scr-button-primary" onClick={props.onClose} autoFocus>
          Done
        </button>
      </div>
    )
  }
  return (
    <div className="scr-dialog-actions">
      <button type="button" className="scr-button" onClick={props.onClose}>
        {props.signing ? 'Hide' : 'Cancel'}
      </button>
      {props.retry ? (
        <button type="button" className="scr-button" onClick={props.onPrepare}>
          {props.retry}
        </button>
      ) : null}
      {props.sign ? (
        <button
          type="button"
          className={props.sign.primary ? 'scr-button scr-button-primary' : 'scr-button'}
          disabled={!props.sign.enabled}
          onClick={props.onSign}
        >
          {props.signing ? 'Signing…' : 'Sign and relay'}
        </button>
      ) : null}
    </div>
  )
}
