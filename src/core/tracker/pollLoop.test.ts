import { afterEach, describe, expect, it, vi } from 'vitest'

import { createPollLoop } from './pollLoop'

describe('the poll loop delay', () => {
  const loop = (retryAt: number | undefined, now = 0) =>
    createPollLoop({
      tick: async () => {},
      activeMs: 2_000,
      idleMs: 30_000,
      now: () => now,
      nextRetryAt: () => retryAt,
    })

  it('is short while something moves and long when idle', () => {
    const l = loop(undefined)
    expect(l.nextDelayMs()).toBe(30_000)
    l.setActive(true)
    expect(l.nextDelayMs()).toBe(2_000)
  })

  it('wakes when a backed-off chain is due again, not later (never sooner than the active pace)', () => {
    expect(loop(10_000).nextDelayMs()).toBe(10_000)
    expect(loop(500).nextDelayMs()).toBe(2_000)
    expect(loop(90_000).nextDelayMs()).toBe(30_000)
  })
})

describe('the poll loop paced by blocks', () => {
  const loop = (blockMs: number | undefined, retryAt?: number) =>
    createPollLoop({
      tick: async () => {},
      activeMs: 2_000,
      idleMs: 30_000,
      now: () => 0,
      nextRetryAt: () => retryAt,
      blockPaceMs: () => blockMs,
    })

  it('polls once per block while active when blocks come faster than the active pace, counted from the tick start', () => {
    const l = loop(1_000)
    expect(l.nextDelayMs()).toBe(30_000) // idle: the idle pace, whatever the blocks
    l.setActive(true)
    expect(l.nextDelayMs()).toBe(1_000)
    expect(l.nextDelayMs(300)).toBe(700)
    expect(l.nextDelayMs(900)).toBe(500) // a slow tick still leaves half a block
  })

  it('keeps the active pace when blocks are slower, or unknown', () => {
    for (const block of [undefined, 2_000, 12_000]) {
      const l = loop(block)
      l.setActive(true)
      expect(l.nextDelayMs(300)).toBe(2_000)
    }
  })

  it('a backed-off chain due later does not slow the per-block pace', () => {
    const l = loop(1_000, 10_000)
    l.setActive(true)
    expect(l.nextDelayMs()).toBe(1_000)
  })
})

describe('the poll loop scanning accounts', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('scans on its first tick and every `scanEvery` ticks, and at once on the tick after scanSoon', async () => {
    vi.useFakeTimers()
    const scans: boolean[] = []
    const l = createPollLoop({
      tick: async (scan) => {
        scans.push(scan)
      },
      activeMs: 2_000,
      idleMs: 30_000,
      now: () => Date.now(),
      nextRetryAt: () => undefined,
      scanEvery: 10,
    })
    l.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(scans).toEqual([true]) // the first tick scans
    await vi.advanceTimersByTimeAsync(30_000)
    expect(scans).toEqual([true, false]) // then only every tenth, at the idle pace
    // A wallet just connected: its account is scanned half a second later, not nine idle ticks (4.5 min) later.
    l.scanSoon()
    await vi.advanceTimersByTimeAsync(500)
    expect(scans).toEqual([true, false, true])
    // Once: the tick after is back to the regular rhythm.
    await vi.advanceTimersByTimeAsync(30_000)
    expect(scans).toEqual([true, false, true, false])
    l.stop()
  })
})
