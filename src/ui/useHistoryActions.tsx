/**
 * What RelayApp needs to let the user remove a message or clear a chain's history: the row callback, the reset
 * notice, the bar under the list and the two confirmations. The app owns the dialogs (not the rows), because a
 * windowed row that scrolls out of view unmounts, and a dialog must cover the whole app.
 */
import { useCallback, useEffect, useState } from 'react'
import type { ReactNode, RefObject } from 'react'
import type { Address, Hex } from 'viem'

import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import type { TrackerApi } from '../core/tracker/api'
import { ChainResetNotice } from './ChainResetNotice'
import { ClearChainHistoryBar, ClearChainHistoryDialog } from './ClearChainHistory'
import { RemoveMessageDialog } from './RemoveMessage'

export interface HistoryActions {
  /** A row's Remove: opens the confirmation for that message. */
  onRemove: (message: TrackedMessage) => void
  /** Above the list: chains a reset left Gone transfers on. */
  notice: ReactNode
  /** Under the list: "Clear a chain's history…". */
  bar: ReactNode
  dialogs: ReactNode
}

export function useHistoryActions(
  api: TrackerApi,
  messages: readonly TrackedMessage[] | undefined,
  chains: readonly ChainConfig[] | undefined,
  accounts: readonly Address[] | undefined,
  rootRef: RefObject<HTMLElement | null>,
): HistoryActions {
  const [removing, setRemoving] = useState<Hex>()
  const [clearing, setClearing] = useState<{ chainId?: number }>()
  const onRemove = useCallback((message: TrackedMessage) => setRemoving(message.hash), [])
  const closeRemove = useCallback(() => setRemoving(undefined), [])
  const closeClear = useCallback(() => setClearing(undefined), [])
  const openClear = useCallback((chainId?: number) => setClearing({ chainId }), [])

  const removingMessage = removing ? messages?.find((m) => m.hash === removing) : undefined
  // Removed (here or by another window): forget the dialog too, or a later message with that hash would reopen it.
  useEffect(() => {
    if (removing && messages && !removingMessage) setRemoving(undefined)
  }, [removing, messages, removingMessage])

  // The control that opened a dialog may be gone with what it removed: focus the first row, or the header.
  const fallbackFocus = useCallback(
    () =>
      rootRef.current?.querySelector<HTMLElement>('.scr-row-summary') ??
      rootRef.current?.querySelector<HTMLElement>('.scr-header button'),
    [rootRef],
  )

  if (!messages || !chains) return { onRemove, notice: null, bar: null, dialogs: null }
  return {
    onRemove,
    notice: <ChainResetNotice messages={messages} chains={chains} onClearChain={openClear} />,
    bar: messages.length > 0 ? <ClearChainHistoryBar onOpen={() => openClear()} /> : null,
    dialogs: (
      <>
        {removingMessage ? (
          <RemoveMessageDialog
            api={api}
            message={removingMessage}
            chains={chains}
            accounts={accounts}
            onClose={closeRemove}
            returnFocus={fallbackFocus}
          />
        ) : null}
        {clearing ? (
          <ClearChainHistoryDialog
            api={api}
            messages={messages}
            chains={chains}
            chainId={clearing.chainId}
            onClose={closeClear}
            returnFocus={fallbackFocus}
          />
        ) : null}
      </>
    ),
  }
}
