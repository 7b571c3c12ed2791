/**
 * Clearing one chain's history — after restarting a devnet, say: pick the chain, read what goes (how many messages
 * from or to it; nothing on chain changes; its scan starts again), confirm. Core's `clearChainHistory` also drops
 * the chain's scan cursors and reset anchor (docs/ARCHITECTURE.md §5).
 */
import { useEffect, useId, useRef, useState } from 'react'

import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import type { TrackerApi } from '../core/tracker/api'
import { ErrorNotice } from './ErrorNotice'
import { DialogHeader, Modal } from './Modal'
import { chainHistoryCounts, messageCount } from './removal'

export interface ClearChainHistoryDialogProps {
  api: TrackerApi
  messages: readonly TrackedMessage[]
  chains: readonly ChainConfig[]
  /** The chain to offer first (the reset notice's chain); otherwise the first chain with messages. */
  chainId?: number
  onClose: () => void
  returnFocus?: () => HTMLElement | null | undefined
}

export function ClearChainHistoryDialog({
  api,
  messages,
  chains,
  chainId,
  onClose,
  returnFocus,
}: ClearChainHistoryDialogProps) {
  const titleId = useId()
  const selectId = useId()
  const textId = useId()
  const mounted = useRef(false)
  const [phase, setPhase] = useState<{ step: 'review' | 'clearing' } | { step: 'failed'; error: unknown }>({
    step: 'review',
  })
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const counts = chainHistoryCounts(messages, chains)
  const [picked, setPicked] = useState<number | undefined>(chainId)
  const selected = counts.find((c) => c.chainId === picked) ?? counts[0]
  const busy = phase.step === 'clearing'

  const clear = async () => {
    if (!selected || busy) return
    setPhase({ step: 'clearing' })
    try {
      await api.clearChainHistory(selected.chainId)
      if (mounted.current) onClose()
    } catch (error) {
      if (mounted.current) setPhase({ step: 'failed', error })
    }
  }

  return (
    <Modal labelledBy={titleId} describedBy={textId} busy={busy} onClose={onClose} returnFocus={returnFocus}>
      <DialogHeader
        title={selected ? `Clear the history of ${selected.name}?` : 'Clear a chain’s history'}
        titleId={titleId}
        onClose={onClose}
      />
      {selected ? (
        <>
          <div className="scr-clear-field">
            <label htmlFor={selectId}>Chain</label>
            <select
              id={selectId}
              className="scr-select"
              value={selected.chainId}
              disabled={busy}
              onChange={(event) => {
                setPicked(Number(event.target.value))
                if (phase.step === 'failed') setPhase({ step: 'review' })
              }}
            >
              {counts.map((c) => (
                <option key={c.chainId} value={c.chainId}>
                  {c.name} ({c.chainId}) · {messageCount(c.count)}
                </option>
              ))}
            </select>
          </div>
          <div className="scr-callout" id={textId}>
            <p className="scr-callout-text">
              <strong>
                Superchain Relay stops tracking the {messageCount(selected.count)} from or to {selected.name}{' '}
                (chain {selected.chainId}); nothing on chain changes.
              </strong>
            </p>
            <p className="scr-callout-text">
              The chain is scanned again for your watched accounts, so their recent transfers that still exist
              on it come back; any other comes back when you track its transaction.
            </p>
          </div>
          {selected.relaying > 0 ? (
            <p className="scr-callout scr-callout-warning" role="status">
              {selected.relaying === 1 ? '1 of them is' : `${selected.relaying} of them are`} being relayed
              right now: the relay goes on, but nothing here will follow it.
            </p>
          ) : null}
        </>
      ) : (
        <p className="scr-callout" id={textId}>
          No chain has messages to clear.
        </p>
      )}
      {phase.step === 'failed' ? (
        <ErrorNotice error={phase.error} chains={chains} title="Nothing was cleared." role="alert" />
      ) : null}
      <div className="scr-dialog-actions">
        <button type="button" className="scr-button" onClick={onClose}>
          Cancel
        </button>
        {selected ? (
          <button
            type="button"
            className="scr-button scr-button-danger"
            disabled={busy}
            onClick={() => void clear()}
          >
            {busy ? 'Clearing…' : `Clear ${messageCount(selected.count)}`}
          </button>
        ) : null}
      </div>
    </Modal>
  )
}

/** Under the list: the way into ClearChainHistoryDialog. */
export function ClearChainHistoryBar({ onOpen }: { onOpen: () => void }) {
  return (
    <div className="scr-history-bar">
      <button type="button" className="scr-button scr-button-small scr-button-quiet" onClick={onOpen}>
        Clear a chain’s history…
      </button>
    </div>
  )
}
