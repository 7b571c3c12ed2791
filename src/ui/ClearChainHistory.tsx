/**
 * Clearing one chain's history — after restarting a devnet, say: pick the chain, read what goes (how many messages
 * from or to it; nothing on chain changes; its scan starts again), confirm. Core's `clearChainHistory` also drops
 * the chain's scan cursors and reset anchor (docs/ARCHITECTURE.md §5).
 */
import { useId, useState } from 'react'

import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import type { TrackerApi } from '../core/tracker/api'
import { ClearChainHistoryChoice } from './ClearChainHistoryChoice'
import { ErrorNotice } from './ErrorNotice'
import { DialogHeader, Modal } from './Modal'
import { chainHistoryCounts, messageCount } from './removal'
import { useConfirmedCall } from './useConfirmedCall'

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
  const call = useConfirmedCall(onClose)
  const counts = chainHistoryCounts(messages, chains)
  const [picked, setPicked] = useState<number | undefined>(chainId)
  const selected = counts.find((c) => c.chainId === picked) ?? counts[0]
  const { busy, phase } = call

  return (
    <Modal labelledBy={titleId} describedBy={textId} busy={busy} onClose={onClose} returnFocus={returnFocus}>
      <DialogHeader
        title={selected ? `Clear the history of ${selected.name}?` : 'Clear a chain’s history'}
        titleId={titleId}
        onClose={onClose}
      />
      {selected ? (
        <ClearChainHistoryChoice
          counts={counts}
          selected={selected}
          selectId={selectId}
          textId={textId}
          disabled={busy}
          onPick={(id) => {
            setPicked(id)
            call.review()
          }}
        />
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
            onClick={() => void call.run(() => api.clearChainHistory(selected.chainId))}
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
