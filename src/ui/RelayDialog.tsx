/**
 * The relay flow for one message: prepare (the tracker re-derives the message from the source chain and simulates
 * the relay) → review (what executes, fee, who signs, the simulation) → sign and send → sent → delivered, the last
 * read from the live message, so the dialog confirms the transfer arrived without the user closing it. A signer
 * known not to work (a wallet that drops access lists) is refused up front, with the ways that do.
 */
import { useCallback, useEffect, useId, useState } from 'react'

import type { TrackerApi } from '../core/tracker/api'
import { approvalOf } from '../core/relay/plan'
import { isSignable, runSignStep, useIsMounted } from './dialogPhases'
import { Modal } from './Modal'
import { RelayDialogContent } from './RelayDialogContent'
import type { RelayDialogContentProps, RelayPhase } from './RelayDialogContent'
import type { SignerKind } from './SignerChoice'

/** What the dialog shows is RelayDialogContent's to describe; the dialog adds the calls and where focus returns. */
export interface RelayDialogProps extends Pick<
  RelayDialogContentProps,
  | 'message'
  | 'chains'
  | 'signers'
  | 'signerLabels'
  | 'blockedSigners'
  | 'offerExtension'
  | 'accounts'
  | 'explorerUrl'
  | 'onClose'
> {
  api: TrackerApi
  /** Where focus goes when the dialog closes (the message's row); default: back where it was. */
  returnFocus?: () => HTMLElement | null | undefined
}

/** The signers come preferred first; the first that is not blocked is preselected. */
export function RelayDialog({ api, returnFocus, ...shown }: RelayDialogProps) {
  const { message, signers, blockedSigners, onClose } = shown
  const titleId = useId()
  const descriptionId = useId()
  const isMounted = useIsMounted()
  const [phase, setPhase] = useState<RelayPhase>({ step: 'preparing' })
  const [signer, setSigner] = useState<SignerKind | undefined>(
    () => signers.find((s) => !blockedSigners?.[s]) ?? signers[0],
  )
  const [attempt, setAttempt] = useState(0)

  // Prepare on open and on "Try again"; an answer to an earlier attempt (or after close) is dropped.
  useEffect(() => {
    let current = true
    // Simulated as the account that will sign: prepared again when the user picks another signer.
    api.prepareRelay(message.hash, signer === undefined ? undefined : { kind: signer }).then(
      (plan) => {
        if (current) setPhase({ step: 'review', plan })
      },
      (error: unknown) => {
        if (current) setPhase({ step: 'prepareFailed', error })
      },
    )
    return () => {
      current = false
    }
  }, [api, message.hash, attempt, signer])

  const prepareAgain = useCallback(() => {
    setPhase({ step: 'preparing' })
    setAttempt((n) => n + 1)
  }, [])

  const sign = async () => {
    if (!isSignable(phase, 'relayFailed')) return
    const { plan } = phase
    const approval = approvalOf(plan)
    // The button is disabled in these cases; checked again because a failed simulation means a reverted, paid tx.
    if (!plan.simulation.ok || signer === undefined || blockedSigners?.[signer] || !approval) return
    await runSignStep<RelayPhase>(
      {
        signing: { step: 'signing', plan },
        // The figures the user just approved: core refuses to sign a plan re-priced above them (PlanChangedError).
        send: () => api.relay(message.hash, { kind: signer }, approval),
        submitted: (transactionHash) => ({ step: 'submitted', plan, transactionHash }),
        failed: (error) => ({ step: 'relayFailed', plan, error }),
      },
      setPhase,
      isMounted,
    )
  }

  return (
    <Modal
      labelledBy={titleId}
      describedBy={descriptionId}
      busy={phase.step === 'preparing' || phase.step === 'signing'}
      onClose={onClose}
      returnFocus={returnFocus}
    >
      <RelayDialogContent
        {...shown}
        phase={phase}
        signer={signer}
        onSignerChange={setSigner}
        onSign={sign}
        onPrepare={prepareAgain}
        titleId={titleId}
        descriptionId={descriptionId}
      />
    </Modal>
  )
}
