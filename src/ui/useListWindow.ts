/**
 * MessageList's state, apart from its markup: which rows are in the window (listWindow.ts does the arithmetic),
 * the viewport it is measured against, the one expanded row's measured height, and the scroll to a message asked
 * for once (a notification click, a freshly tracked transaction).
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { RefObject, UIEvent } from 'react'
import type { Hex } from 'viem'

import type { TrackedMessage } from '../core/model/message'
import { rowTop, visibleWindow, type ListGeometry } from './listWindow'

/** Until the expanded row is measured: about the height of a five-step Timeline. */
const EXPANDED_EXTRA_ESTIMATE = 230

export interface ListWindowOptions {
  messages: readonly TrackedMessage[]
  /** How many rows the list has when `messages` are only its first ones (a preview). */
  totalCount?: number
  expandedHash?: Hex
  scrollToHash?: Hex
  rowHeight: number
  overscan: number
  initialViewportHeight: number
}

export function useListWindow(options: ListWindowOptions) {
  const { messages, expandedHash, scrollToHash, rowHeight } = options
  const containerRef = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const viewportHeight = useViewportHeight(containerRef, options.initialViewportHeight)
  const [expandedExtra, measureExpanded] = useExpandedRowHeight(rowHeight)

  const expandedIndex = expandedHash === undefined ? -1 : messages.findIndex((m) => m.hash === expandedHash)
  const count = Math.max(messages.length, options.totalCount ?? 0)
  const geometry: ListGeometry = { count, rowHeight, expandedIndex, expandedExtra }
  const { start, end } = visibleWindow(geometry, scrollTop, viewportHeight, options.overscan)

  const scrollIndex = scrollToHash === undefined ? -1 : messages.findIndex((m) => m.hash === scrollToHash)
  useScrollToMessage(
    containerRef,
    scrollToHash,
    scrollIndex < 0 ? -1 : rowTop(geometry, scrollIndex),
    setScrollTop,
  )

  const onScroll = useCallback(
    (event: UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop),
    [],
  )
  return { containerRef, geometry, start, end, onScroll, measureExpanded }
}

/** The popup and a widget resize (window, host layout); re-measure so the window covers the real viewport. */
function useViewportHeight(containerRef: RefObject<HTMLDivElement | null>, initial: number): number {
  const [height, setHeight] = useState(initial)
  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    setHeight(container.clientHeight || initial)
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => setHeight(container.clientHeight || initial))
    observer.observe(container)
    return () => observer.disconnect()
  }, [containerRef, initial])
  return height
}

/** The expanded row's height is whatever its Timeline needs (a long failure reason wraps); measure it. */
function useExpandedRowHeight(rowHeight: number) {
  const [extra, setExtra] = useState(EXPANDED_EXTRA_ESTIMATE)
  const measure = useCallback(
    (element: HTMLDivElement | null) => {
      if (!element) return
      const update = () => setExtra(Math.max(0, element.offsetHeight - rowHeight))
      update()
      if (typeof ResizeObserver === 'undefined') return
      const observer = new ResizeObserver(update)
      observer.observe(element)
      return () => observer.disconnect()
    },
    [rowHeight],
  )
  return [extra, measure] as const
}

/** Scroll to a message once, when it is in the list, not on every re-render. */
function useScrollToMessage(
  containerRef: RefObject<HTMLDivElement | null>,
  hash: Hex | undefined,
  target: number,
  setScrollTop: (top: number) => void,
): void {
  const scrolledTo = useRef<Hex | undefined>(undefined)
  useEffect(() => {
    const container = containerRef.current
    if (!container || target < 0 || scrolledTo.current === hash) return
    scrolledTo.current = hash
    container.scrollTop = target
    setScrollTop(target)
  }, [containerRef, hash, target, setScrollTop])
}
