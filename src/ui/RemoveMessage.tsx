/**
 * Removing one message from the list, whatever its status: a confirmation that says what it means — Superchain
 * Relay stops tracking it, nothing on chain changes — and what is left behind (removal.ts). A message whose relay is
 * on its way is refused: its record is what keeps the relay from being sent twice (docs/ARCHITECTURE.md §5).
 */
import { useEffect, useId, useRef, useState } from 'react'
import type { Hex } from 'viem'

import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import type { TrackerApi } from '../core/tracker/api'
import { ErrorNotice } from './ErrorNotice'
import { chainName, intentSummary } from './format'
import { DialogHeader, Modal } from './Modal'
import { removalConsequence, removalRefusal } from './removal'

export interface RemoveMessageDialogProps {
  api: TrackerApi
  /** The live message: if a relay starts while the dialog is open, the dialog refuses from then on. */
  message: TrackedMessage
  chains: readonly ChainConfig[]
  accounts?: readonly string[]
  onClose: () => void
  /** Where focus goes once the row is gone (Modal's returnFocus). */
  returnFocus?: () => HTMLElement | null | undefined
}

export function RemoveMessageDialog({
  api,
  message,
  chains,
  accounts,
  onClose,
  returnFocus,
}: RemoveMessageDialogProps) {
  const titleId = useId()
  const textId = useId()
  const mounted = useRef(false)
  const [phase, setPhase] = useState<{ step: 'review' | 'removing' } | { step: 'failed'; error: unknown }>({
    step: 'review',
  })
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const refusal = removalRefusal(message, chains)
  const remove = async () => {
    if (refusal || phase.step === 'removing') return
    setPhase({ step: 'removing' })
    try {
      await api.forgetMessage(message.hash)
      // The list drops the row on the tracker's messageRemoved; the dialog goes with it, or here if that is late.
      if (mounted.current) onClose()
    } catch (error) {
      if (mounted.current) setPhase({ step: 'failed', error })
    }
  }

  return (
    <Modal
      labelledBy={titleId}
      describedBy={textId}
      busy={phase.step === 'removing'}
      onClose={onClose}
      returnFocus={returnFocus}
    >
      <DialogHeader title={'Remove from the list?'} titleId={titleId} onClose={onClose} />
      <p className="scr-dialog-summary">
        {intentSummary(message, accounts)} · {chainName(chains, message.source)} →{' '}
        {chainName(chains, message.destination)}
      </p>
      <div className="scr-callout" id={textId}>
        <p className="scr-callout-text">
          <strong>Superchain Relay stops tracking this message; nothing on chain changes.</strong>
        </p>
        <p className="scr-callout-text">{removalConsequence(message, chains)}</p>
      </div>
      {refusal ? (
        <p className="scr-callout scr-callout-warning" role="status">
          {refusal}
        </p>
      ) : null}
      {phase.step === 'failed' ? (
        <ErrorNotice error={phase.error} chains={chains} title="Nothing was removed." role="alert" />
      ) : null}
      <div className="scr-dialog-actions">
        <button type="button" className="scr-button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="scr-button scr-button-danger"
          disabled={!!refusal || phase.step === 'removing'}
          onClick={() => void remove()}
        >
          {phase.step === 'removing' ? 'Removing…' : 'Remove'}
        </button>
      </div>
    </Modal>
  )
}

/**
 * The expanded row's way to remove its message (any status; a vanished row also has Remove beside its status).
 * Opens RemoveMessageDialog through `onRemove`, which the app owns: a row scrolled out of the window unmounts.
 */
export function RemoveMessageButton({
  message,
  summary,
  onRemove,
}: {
  message: TrackedMessage
  summary: string
  onRemove: (message: TrackedMessage) => void
}) {
  return (
    <div className="scr-row-extra">
      <button
        type="button"
        className="scr-button scr-button-small scr-button-quiet"
        aria-label={`Remove ${summary} from the list…`}
        data-remove={message.hash as Hex}
        onClick={() => onRemove(message)}
      >
        Remove from list…
      </button>
    </div>
  )
}
