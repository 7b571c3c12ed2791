import { describe, expect, it } from 'vitest'

import { FAST_ANSWER_MS, growRange, isRangeTooLarge, MAX_RANGE, shrinkRange } from './rangeSize'

describe('adaptive eth_getLogs range', () => {
  it('recognises providers refusing a range, not other failures', () => {
    expect(isRangeTooLarge(new Error('query returned more than 10000 results'))).toBe(true)
    expect(isRangeTooLarge(new Error('block range is too wide'))).toBe(true)
    expect(isRangeTooLarge(new Error('The request timed out.'))).toBe(true)
    expect(isRangeTooLarge(new Error('fetch failed: ECONNREFUSED'))).toBe(false)
  })

  it('halves down to one block and doubles up to the cap only on fast answers', () => {
    expect(shrinkRange(2000n)).toBe(1000n)
    expect(shrinkRange(1n)).toBe(1n)
    expect(growRange(2000n, FAST_ANSWER_MS - 1)).toBe(4000n)
    expect(growRange(2000n, FAST_ANSWER_MS)).toBe(2000n)
    expect(growRange(MAX_RANGE, 1)).toBe(MAX_RANGE)
  })
})
