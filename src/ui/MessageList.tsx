/**
 * A windowed list of messages: rows have a fixed height (ROW_HEIGHT) and only those in view, plus a few of
 * overscan, are in the DOM, absolutely positioned inside a spacer as tall as the whole list. A thousand messages
 * thus cost a few dozen elements. Hand-written rather than a dependency: the one expanded row is the only
 * variable height, and listWindow.ts handles that in a few lines.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ReactNode, UIEvent } from 'react'
import type { Hex } from 'viem'

import type { TrackedMessage } from '../core/model/message'
import { rowTop, totalHeight, visibleWindow } from './listWindow'
import type { ListGeometry } from './listWindow'
import { ROW_HEIGHT } from './styles'

/** Until the expanded row is measured: about the height of a five-step Timeline. */
const EXPANDED_EXTRA_ESTIMATE = 230

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
  const containerRef = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewportHeight, setViewportHeight] = useState(initialViewportHeight)
  const [expandedExtra, setExpandedExtra] = useState(EXPANDED_EXTRA_ESTIMATE)

  const expandedIndex = expandedHash === undefined ? -1 : messages.findIndex((m) => m.hash === expandedHash)
  const count = Math.max(messages.length, totalCount ?? 0)
  const geometry: ListGeometry = { count, rowHeight, expandedIndex, expandedExtra }
  const { start, end } = visibleWindow(geometry, scrollTop, viewportHeight, overscan)

  // The popup and a widget resize (window, host layout); re-measure so the window covers the real viewport.
  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    setViewportHeight(container.clientHeight || initialViewportHeight)
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() =>
      setViewportHeight(container.clientHeight || initialViewportHeight),
    )
    observer.observe(container)
    return () => observer.disconnect()
  }, [initialViewportHeight])

  // Scroll to a message once (a notification click, a freshly tracked transaction), not on every re-render.
  const scrolledTo = useRef<Hex | undefined>(undefined)
  const scrollIndex = scrollToHash === undefined ? -1 : messages.findIndex((m) => m.hash === scrollToHash)
  const scrollTarget = scrollIndex < 0 ? -1 : rowTop(geometry, scrollIndex)
  useEffect(() => {
    const container = containerRef.current
    if (!container || scrollTarget < 0 || scrolledTo.current === scrollToHash) return
    scrolledTo.current = scrollToHash
    container.scrollTop = scrollTarget
    setScrollTop(scrollTarget)
  }, [scrollToHash, scrollTarget])

  const onScroll = useCallback(
    (event: UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop),
    [],
  )

  // The expanded row's height is whatever its Timeline needs (a long failure reason wraps); measure it.
  const measureExpanded = useCallback(
    (element: HTMLDivElement | null) => {
      if (!element) return
      const measure = () => setExpandedExtra(Math.max(0, element.offsetHeight - rowHeight))
      measure()
      if (typeof ResizeObserver === 'undefined') return
      const observer = new ResizeObserver(measure)
      observer.observe(element)
      return () => observer.disconnect()
    },
    [rowHeight],
  )

  const rows: ReactNode[] = []
  for (let index = start; index < end; index++) {
    const message = messages[index]
    if (!message) continue
    const expanded = index === expandedIndex
    rows.push(
      <div
        key={message.hash}
        ref={expanded ? measureExpanded : undefined}
        className={expanded ? 'scr-row scr-row-expanded' : 'scr-row'}
        role="listitem"
        aria-setsize={count}
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
