/**
 * A windowed list of messages: rows have a fixed height (ROW_HEIGHT) and only those in view, plus a few of
 * overscan, are in the DOM, absolutely positioned inside a spacer as tall as the whole list. A thousand messages
 * thus cost a few dozen elements. Hand-written rather than a dependency: the one expanded row is the only
 * variable height, and listWindow.ts handles that in a few lines.
 */
import type { ReactNode } from 'react'
import type { Hex } from 'viem'

import type { TrackedMessage } from '../core/model/message'
import { rowTop, totalHeight } from './listWindow'
import { ROW_HEIGHT } from './styles'
import { useListWindow } from './useListWindow'

export interface MessageListProps {
  messages: readonly TrackedMessage[]
  /**
   * How many rows the list has when `messages` are only its first ones (a preview): the list is this tall, so the
   * scrollbar does not jump when the rest arrive. Rows not in `messages` are left empty meanwhile.
   */
  totalCount?: number
  renderMessage: (message: TrackedMessage, expanded: boolean) => ReactNode
  /** The message whose row is expanded (shows its Timeline). */
  expandedHash?: Hex
  /** Scroll so this message's row is at the top, once, when it is in the list. */
  scrollToHash?: Hex
  rowHeight?: number
  overscan?: number
  /** The viewport height assumed before the container is measured (and during server rendering). */
  initialViewportHeight?: number
  label?: string
}

export function MessageList({
  messages,
  totalCount,
  renderMessage,
  expandedHash,
  scrollToHash,
  rowHeight = ROW_HEIGHT,
  overscan = 4,
  initialViewportHeight = 480,
  label = 'Cross-chain messages',
}: MessageListProps) {
  const { containerRef, geometry, start, end, onScroll, measureExpanded } = useListWindow({
    messages,
    totalCount,
    expandedHash,
    scrollToHash,
    rowHeight,
    overscan,
    initialViewportHeight,
  })

  const rows: ReactNode[] = []
  for (let index = start; index < end; index++) {
    const message = messages[index]
    if (!message) continue
    const expanded = index === geometry.expandedIndex
    rows.push(
      <div
        key={message.hash}
        ref={expanded ? measureExpanded : undefined}
        className={expanded ? 'scr-row scr-row-expanded' : 'scr-row'}
        role="listitem"
        aria-setsize={geometry.count}
        aria-posinset={index + 1}
        style={{
          top: rowTop(geometry, index),
          height: expanded ? undefined : rowHeight,
          minHeight: rowHeight,
        }}
      >
        {renderMessage(message, expanded)}
      </div>,
    )
  }

  return (
    <div ref={containerRef} className="scr-list" onScroll={onScroll} role="list" aria-label={label}>
      <div className="scr-list-inner" style={{ height: totalHeight(geometry) }}>
        {rows}
      </div>
    </div>
  )
}
