import { describe, expect, it } from 'vitest'

import { rowAt, rowTop, totalHeight, visibleWindow } from './listWindow'

const flat = { count: 1000, rowHeight: 72, expandedIndex: -1, expandedExtra: 0 }
const expanded = { count: 1000, rowHeight: 72, expandedIndex: 10, expandedExtra: 200 }

describe('list windowing', () => {
  it('renders only the rows in view plus overscan', () => {
    expect(visibleWindow(flat, 0, 480, 4)).toEqual({ start: 0, end: 11 })
    expect(visibleWindow(flat, 72 * 500, 480, 4)).toEqual({ start: 496, end: 511 })
  })

  it('clamps at the end of the list', () => {
    expect(visibleWindow(flat, 72 * 1000, 480, 4)).toEqual({ start: 995, end: 1000 })
  })

  it('is empty for an empty list', () => {
    expect(visibleWindow({ ...flat, count: 0 }, 0, 480, 4)).toEqual({ start: 0, end: 0 })
  })

  it('accounts for the one expanded row', () => {
    expect(totalHeight(expanded)).toBe(72_000 + 200)
    expect(rowTop(expanded, 10)).toBe(720)
    expect(rowTop(expanded, 11)).toBe(720 + 72 + 200)
    expect(rowAt(expanded, 720 + 250)).toBe(10)
    expect(rowAt(expanded, 720 + 72 + 200)).toBe(11)
    expect(rowAt(expanded, 719)).toBe(9)
  })
})
