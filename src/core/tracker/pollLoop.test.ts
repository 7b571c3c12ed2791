import { describe, expect, it } from 'vitest'

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
