import { describe, expect, it } from 'vitest'

import { MIN_BLOCK_PACE_MS, createBlockPace } from './blockPace'

describe('block pace', () => {
  it('knows nothing until a chain moved between two heads', () => {
    const pace = createBlockPace()
    expect(pace.ms()).toBeUndefined()
    pace.record(901, 100n, 1_000n)
    pace.record(901, 100n, 1_000n)
    expect(pace.ms()).toBeUndefined()
  })

  it('is the shortest block time of the chains, from consecutive heads', () => {
    const pace = createBlockPace()
    pace.record(901, 100n, 1_000n)
    pace.record(901, 103n, 1_006n) // 2 s blocks
    expect(pace.ms()).toBe(2_000)
    pace.record(902, 10n, 500n)
    pace.record(902, 12n, 506n) // 3 s blocks
    expect(pace.ms()).toBe(2_000)
  })

  it('never goes below the floor (several blocks in one second, a devnet mining on demand)', () => {
    const pace = createBlockPace()
    pace.record(901, 1n, 1_000n)
    pace.record(901, 5n, 1_000n)
    expect(pace.ms()).toBe(MIN_BLOCK_PACE_MS)
  })

  it('measures again after a head below the last one, and forgets a chain', () => {
    const pace = createBlockPace()
    pace.record(901, 100n, 1_000n)
    pace.record(901, 101n, 1_002n)
    expect(pace.ms()).toBe(2_000)
    pace.record(901, 5n, 10n)
    expect(pace.ms()).toBeUndefined()
    pace.record(901, 6n, 14n)
    expect(pace.ms()).toBe(4_000)
    pace.forget(901)
    expect(pace.ms()).toBeUndefined()
  })
})
