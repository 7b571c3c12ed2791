/**
 * The direction tabs above the message list (Outgoing / Incoming, or All, plus Other), each with its count. Arrow
 * keys move between them as in the WAI-ARIA tabs pattern: selection follows focus.
 */
import type { KeyboardEvent } from 'react'

import { TAB_LABELS, type MessageTab } from './directions'

export interface MessageTabsProps {
  tabs: readonly MessageTab[]
  selected: MessageTab
  countOf: (tab: MessageTab) => number
  onTabChange: (tab: MessageTab) => void
  /** Prefix of the ids that tie each tab to the one tab panel. */
  baseId: string
}

/** The id of a tab, which the tab panel names as its label. */
export const tabId = (baseId: string, tab: MessageTab) => `${baseId}-tab-${tab}`
/** The id of the tab panel the tabs control. */
export const tabPanelId = (baseId: string) => `${baseId}-panel`

export function MessageTabs({ tabs, selected, countOf, onTabChange, baseId }: MessageTabsProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (step === 0) return
    event.preventDefault()
    const next = tabs[(tabs.indexOf(selected) + step + tabs.length) % tabs.length]
    if (!next) return
    onTabChange(next)
    const container = event.currentTarget.parentElement
    container?.querySelector<HTMLButtonElement>(`[data-tab='${next}']`)?.focus()
  }

  return (
    <div className="scr-tabs" role="tablist" aria-label="Message direction">
      {tabs.map((tab) => (
        <button
          key={tab}
          type="button"
          role="tab"
          className="scr-tab"
          data-tab={tab}
          id={tabId(baseId, tab)}
          aria-selected={tab === selected}
          aria-controls={tabPanelId(baseId)}
          tabIndex={tab === selected ? 0 : -1}
          onClick={() => onTabChange(tab)}
          onKeyDown={onKeyDown}
        >
          {TAB_LABELS[tab]}
          <span className="scr-count">{countOf(tab)}</span>
        </button>
      ))}
    </div>
  )
}
