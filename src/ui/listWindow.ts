/**
 * The arithmetic of MessageList's windowing, pure so it is tested without a DOM. Every row has the same height
 * except at most one expanded row, which is taller by `expandedExtra`; that keeps each lookup O(1) with no
 * per-row measurement, which is what keeps 1,000 messages smooth.
 */
export interface ListGeometry {
  count: number
  rowHeight: number
  /** Index of the expanded row, or -1. */
  expandedIndex: number
  /** How much taller than `rowHeight` the expanded row is. */
  expandedExtra: number
}

export interface ListWindow {
  /** First row to render (inclusive). */
  start: number
  /** Last row to render (exclusive). */
  end: number
}

export function rowTop(geometry: ListGeometry, index: number): number {
  const { rowHeight, expandedIndex, expandedExtra } = geometry
  return index * rowHeight + (expandedIndex >= 0 && index > expandedIndex ? expandedExtra : 0)
}

export function totalHeight(geometry: ListGeometry): number {
  return geometry.count * geometry.rowHeight + (geometry.expandedIndex >= 0 ? geometry.expandedExtra : 0)
}

/** The row under vertical position `y` (clamped to the list). */
export function rowAt(geometry: ListGeometry, y: number): number {
  const { count, rowHeight, expandedIndex, expandedExtra } = geometry
  if (count === 0) return 0
  let index: number
  const expandedBottom = (expandedIndex + 1) * rowHeight + expandedExtra
  if (expandedIndex < 0 || y < expandedIndex * rowHeight) index = Math.floor(y / rowHeight)
  else if (y < expandedBottom) index = expandedIndex
  else index = expandedIndex + 1 + Math.floor((y - expandedBottom) / rowHeight)
  return Math.min(count - 1, Math.max(0, index))
}

/** The rows that intersect the viewport, plus `overscan` rows on each side so fast scrolling shows no gaps. */
export function visibleWindow(
  geometry: ListGeometry,
  scrollTop: number,
  viewportHeight: number,
  overscan: number,
): ListWindow {
  if (geometry.count === 0) return { start: 0, end: 0 }
  const first = rowAt(geometry, Math.max(0, scrollTop))
  const last = rowAt(geometry, Math.max(0, scrollTop + viewportHeight - 1))
  return { start: Math.max(0, first - overscan), end: Math.min(geometry.count, last + 1 + overscan) }
}
