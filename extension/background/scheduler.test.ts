import { describe, expect, it } from 'vitest'

import { alarmPeriodMinutes, createFastLoop, PACKED_ALARM_MINUTES } from './scheduler'

describe('scheduler', () => {
  it('never asks a packed extension for alarms under the 30 s floor', () => {
    expect(alarmPeriodMinutes({ update_url: 'https://clients2.google.com/service/update2/crx' })).toBe(0.5)
    expect(PACKED_ALARM_MINUTES * 60).toBeGreaterThanOrEqual(30)
    expect(alarmPeriodMinutes({}) * 60).toBe(10)
  })

  it('ticks fast while there is a reason, stops without one, and re-runs when kicked mid-tick', async () => {
    let reason = true
    let ticks = 0
    let release: (() => void) | undefined
    const loop = createFastLoop({
      intervalMs: 5,
      shouldRun: () => reason,
      tick: async () => {
        ticks += 1
        if (ticks === 3) await new Promise<void>((r) => (release = r))
      },
    })
    loop.kick()
    await expect.poll(() => ticks).toBe(3)
    reason = false
    loop.kick() // during the third tick: one more run right after it, then quiet
    release?.()
    await expect.poll(() => ticks).toBe(4)
    await new Promise((r) => setTimeout(r, 50))
    expect(ticks).toBe(4)
    loop.stop()
  })
})
