/**
 * Reviving an expired message: destinations accept a message for 7 days after its initiating block, after which
 * only `resendMessage` on the source chain helps — it re-emits the same message (same hash, so it can still be
 * delivered only once) with a fresh timestamp (docs/ARCHITECTURE.md §4). The tracker sends it; this dialog explains that,
 * lets the user pick the signer, and shows the outcome. No simulation step: resendMessage only checks that the
 * message was sent and not relayed, which the message's status already says.
 */
import { useId, useState } from 'react'

import type { ChainConfig } from '../core/chains/types'
import type { TrackerApi } from '../core/tracker/api'
import type { TrackedMessage } from '../core/model/message'
import { isSignable, runSignStep, useIsMounted } from './dialogPhases'
import type { SignPhase } from './dialogPhases'
import { chainName, intentSummary } from './format'
import type { ExplorerUrl } from './format'
import { HashLink } from './HashLink'
import { DialogHeader, Modal } from './Modal'
import { SignerChoice } from './SignerChoice'
import { NotSentCallout, SigningBusy } from './SigningStatus'
import type { SignerKind } from './SignerChoice'

/** A resend carries nothing from phase to phase: there is no plan to review, only the signer. */
export type ResendPhase = SignPhase<object, 'failed'>

export interface ResendDialogProps {
  api: TrackerApi
  message: TrackedMessage
  chains: readonly ChainConfig[]
  signers: readonly SignerKind[]
  signerLabels?: Partial<Record<SignerKind, string>>
  explorerUrl?: ExplorerUrl
  onClose: () => void
}

export function ResendDialog({
  api,
  message,
  chains,
  signers,
  signerLabels,
  explorerUrl,
  onClose,
}: ResendDialogProps) {
  const titleId = useId()
  const isMounted = useIsMounted()
  const [phase, setPhase] = useState<ResendPhase>({ step: 'review' })
  const [signer, setSigner] = useState<SignerKind | undefined>(signers[0])

  const sign = async () => {
    if (!isSignable(phase, 'failed') || signer === undefined) return
    await runSignStep<ResendPhase>(
      {
        signing: { step: 'signing' },
        send: () => api.resend(message.hash, { kind: signer }),
        submitted: (transactionHash) => ({ step: 'submitted', transactionHash }),
        failed: (error) => ({ step: 'failed', error }),
      },
      setPhase,
      isMounted,
    )
  }

  return (
    <Modal labelledBy={titleId} busy={phase.step === 'signing'} onClose={onClose}>
      <ResendDialogBody
        phase={phase}
        message={message}
        chains={chains}
        signers={signers}
        signerLabels={signerLabels}
        signer={signer}
        onSignerChange={setSigner}
        onSign={sign}
        onClose={onClose}
        explorerUrl={explorerUrl}
        titleId={titleId}
      />
    </Modal>
  )
}

export interface ResendDialogBodyProps {
  phase: ResendPhase
  message: TrackedMessage
  chains: readonly ChainConfig[]
  signers: readonly SignerKind[]
  signerLabels?: Partial<Record<SignerKind, string>>
  signer: SignerKind | undefined
  onSignerChange: (signer: SignerKind) => void
  onSign: () => void
  onClose: () => void
  explorerUrl?: ExplorerUrl
  titleId?: string
}

/** The dialog's content for one phase; pure, so each phase is rendered and checked on its own. */
export function ResendDialogBody(props: ResendDialogBodyProps) {
  const { phase, message, chains, signer } = props
  const source = chainName(chains, message.source)
  const destination = chainName(chains, message.destination)
  const canSign = isSignable(phase, 'failed') && signer !== undefined

  return (
    <>
      <DialogHeader title={'Resend message'} titleId={props.titleId} onClose={props.onClose} />
      <p className="scr-dialog-summary">
        {intentSummary(message)} · {source} → {destination}
      </p>
      <p className="scr-callout">
        {destination} accepts a message for 7 days only, and this one expired. Resending calls resendMessage
        on {source}: the same message is emitted again with a fresh timestamp and can then be relayed. It can
        still be delivered only once.
      </p>
      <dl className="scr-facts">
        <dt>Sends on</dt>
        <dd>{source}</dd>
        <dt>Signer</dt>
        <dd>
          <SignerChoice
            signers={props.signers}
            labels={props.signerLabels}
            value={signer}
            onChange={props.onSignerChange}
            readOnly={!canSign}
          />
        </dd>
      </dl>

      {phase.step === 'signing' ? <SigningBusy signer={signer} /> : null}
      {phase.step === 'failed' ? (
        <NotSentCallout title="The resend was not sent." error={phase.error} chains={chains} />
      ) : null}
      {phase.step === 'submitted' ? (
        <p className="scr-callout scr-callout-ok" role="status">
          Resend sent on {source}:{' '}
          <HashLink
            value={phase.transactionHash}
            chainId={message.source}
            kind="tx"
            explorerUrl={props.explorerUrl}
          />
          . The message becomes relayable once {destination} accepts the new log.
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
            <button
              type="button"
              className="scr-button scr-button-primary"
              disabled={!canSign}
              onClick={props.onSign}
            >
              {phase.step === 'signing' ? 'Signing…' : 'Sign and resend'}
            </button>
          </>
        )}
      </div>
    </>
  )
}
