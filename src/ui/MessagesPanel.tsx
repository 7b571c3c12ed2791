/**
 * The tabbed message list: Outgoing / Incoming (or All when no account is watched, plus Other when some tracked
 * message involves none of the accounts), each a windowed MessageList of MessageRows, or the empty state.
 * Controlled: RelayApp owns the tab and the expanded row, because a notification click or a freshly tracked
 * transaction must be able to switch both.
 */
import { useId } from 'react'
import type { Address, Hex } from 'viem'

import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import { stalenessOf, type ChainHealth } from './chainHealth'
import { splitByTab, TAB_LABELS, TAB_ORDER } from './directions'
import type { MessageTab } from './directions'
import { EmptyState } from './EmptyState'
import type { ExplorerUrl } from './format'
import { MessageList } from './MessageList'
import { MessageRow } from './MessageRow'
import { MessageTabs, tabId, tabPanelId } from './MessageTabs'

export interface MessagesPanelProps {
  messages: readonly TrackedMessage[]
  chains: readonly ChainConfig[]
  accounts?: readonly Address[]
  /** ms since epoch. */
  now: number
  /** The selected tab; when absent or not shown, the first tab. */
  tab?: MessageTab
  onTabChange: (tab: MessageTab) => void
  expandedHash?: Hex
  onToggle: (hash: Hex) => void
  scrollToHash?: Hex
  onRelay?: (message: TrackedMessage) => void
  onResend?: (message: TrackedMessage) => void
  /** Remove a message that can no longer be delivered (vanished) from the list. */
  onForget?: (message: TrackedMessage) => void
  onTrackTransaction?: () => void
  explorerUrl?: ExplorerUrl
  /** Chains that are not answering: their messages are marked stale and cannot be relayed meanwhile. */
  chainHealth?: readonly ChainHealth[]
  /** Passed to MessageList; tests use it to pin the window size. */
  initialViewportHeight?: number
  /**
   * How many messages each tab holds, when `messages` are only a preview's first rows of each (messagePreview.ts):
   * the tabs show these counts and each list is as tall as its whole tab.
   */
  counts?: Partial<Record<MessageTab, number>>
}

export function MessagesPanel(props: MessagesPanelProps) {
  const { messages, chains, accounts, now, onTabChange, expandedHash, chainHealth, counts } = props
  const baseId = useId()
  const watchingAccounts = !!accounts && accounts.length > 0

  if (messages.length === 0 && !Object.values(counts ?? {}).some((n) => n > 0)) {
    return <EmptyState watchingAccounts={watchingAccounts} onTrackTransaction={props.onTrackTransaction} />
  }

  const split = splitByTab(messages, accounts)
  const { byTab } = split
  // A preview lists the tabs it counted, in the same order the split gives them.
  const tabs = counts ? TAB_ORDER.filter((t) => counts[t] !== undefined) : split.tabs
  const countOf = (tab: MessageTab) => counts?.[tab] ?? byTab[tab]?.length ?? 0
  const selected = props.tab && tabs.includes(props.tab) ? props.tab : (tabs[0] ?? 'all')

  return (
    <div className="scr-panel">
      <MessageTabs
        tabs={tabs}
        selected={selected}
        countOf={countOf}
        onTabChange={onTabChange}
        baseId={baseId}
      />
      <div
        className="scr-panel"
        role="tabpanel"
        id={tabPanelId(baseId)}
        aria-labelledby={tabId(baseId, selected)}
      >
        {countOf(selected) === 0 ? (
          <div className="scr-state">
            <p>No {TAB_LABELS[selected].toLowerCase()} messages.</p>
          </div>
        ) : (
          <MessageList
            key={selected}
            messages={byTab[selected] ?? []}
            totalCount={counts ? countOf(selected) : undefined}
            expandedHash={expandedHash}
            scrollToHash={props.scrollToHash}
            initialViewportHeight={props.initialViewportHeight}
            label={`${TAB_LABELS[selected]} messages`}
            renderMessage={(message, expanded) => (
              <MessageRow
                message={message}
                chains={chains}
                accounts={accounts}
                now={now}
                expanded={expanded}
                onToggle={props.onToggle}
                onRelay={props.onRelay}
                onResend={props.onResend}
                onForget={props.onForget}
                explorerUrl={props.explorerUrl}
                stale={stalenessOf(message, chainHealth)}
              />
            )}
          />
        )}
      </div>
    </div>
  )
}
