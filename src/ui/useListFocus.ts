/**
 * Which tab is selected, which row is expanded and which one the list scrolls to, in RelayApp. A notification
 * click (`focusHash`) or a freshly tracked transaction selects its message's tab, expands its row and scrolls to
 * it; until the user picks a tab, the tab is the one holding the focused message.
 */
import { useCallback, useEffect, useState } from 'react'
import type { Address, Hex } from 'viem'

import type { TrackedMessage } from '../core/model/message'
import { tabFor, type MessageTab } from './directions'

export function useListFocus(options: {
  focusHash?: Hex
  messages?: readonly TrackedMessage[]
  /** The accounts the shown list is split against. */
  tabAccounts?: readonly Address[]
  /** The shell's accounts: a freshly tracked message goes to its tab in the live list. */
  accounts?: readonly Address[]
  /** Puts freshly tracked messages into the list without waiting for their events. */
  merge: (messages: readonly TrackedMessage[]) => void
}) {
  const { focusHash, messages, tabAccounts, accounts, merge } = options
  const [tab, setTab] = useState<MessageTab>()
  const [expandedHash, setExpandedHash] = useState<Hex | undefined>(focusHash)
  const [scrollToHash, setScrollToHash] = useState<Hex | undefined>(focusHash)

  // A later notification click on an open popup re-focuses; the tab is then derived from the message again.
  useEffect(() => {
    if (!focusHash) return
    setExpandedHash(focusHash)
    setScrollToHash(focusHash)
    setTab(undefined)
  }, [focusHash])

  const focused = scrollToHash ? messages?.find((m) => m.hash === scrollToHash) : undefined
  const shownTab = tab ?? (focused ? tabFor(focused, tabAccounts) : undefined)

  const onToggle = useCallback(
    (hash: Hex) => setExpandedHash((open) => (open === hash ? undefined : hash)),
    [],
  )
  const onTabChange = useCallback((next: MessageTab) => {
    setTab(next)
    setScrollToHash(undefined)
  }, [])
  const onTracked = useCallback(
    (found: TrackedMessage[]) => {
      merge(found)
      const first = found[0]
      if (!first) return
      setTab(tabFor(first, accounts))
      setExpandedHash(first.hash)
      setScrollToHash(first.hash)
    },
    [merge, accounts],
  )
  return { shownTab, expandedHash, scrollToHash, onToggle, onTabChange, onTracked }
}
