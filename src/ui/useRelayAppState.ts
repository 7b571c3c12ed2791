/**
 * Everything RelayApp keeps and derives, apart from its layout: the tracker's list (or the preview standing in for
 * it), the clock the ages count from, the open tab/row/dialog, the Track-a-transaction form, the history actions
 * and the explorer links.
 */
import { useMemo, useRef, useState } from 'react'

import { explorerUrlFromChains } from './format'
import type { RelayAppProps } from './RelayApp'
import { useClock } from './useClock'
import { useHistoryActions } from './useHistoryActions'
import { useListFocus } from './useListFocus'
import { useMessageDialog } from './useMessageDialog'
import { useShownList } from './useShownList'
import { useTrackedMessages } from './useTrackedMessages'

export function useRelayAppState(props: RelayAppProps) {
  const { api, accounts, signers } = props
  const rootRef = useRef<HTMLDivElement>(null)
  const tracked = useTrackedMessages(api)
  const [formOpen, setFormOpen] = useState(false)
  const dialogs = useMessageDialog(rootRef)
  const shown = useShownList(tracked.state, props.preview, accounts)
  const { messages, chains, tabAccounts } = shown
  const now = useClock(messages)
  const focus = useListFocus({
    focusHash: props.focusHash,
    messages,
    tabAccounts,
    accounts,
    merge: tracked.merge,
  })
  const links = useMemo(
    () => props.explorerUrl ?? (chains ? explorerUrlFromChains(chains) : undefined),
    [props.explorerUrl, chains],
  )
  // Removing a message (any row) or clearing a chain's history, each behind a confirmation.
  const history = useHistoryActions(api, messages, chains, accounts, rootRef)
  // A preview's statuses may be out of date: no action is offered on them until the live list is in.
  const canAct = signers.length > 0 && !!shown.live
  return { rootRef, tracked, formOpen, setFormOpen, dialogs, shown, now, focus, links, history, canAct }
}
