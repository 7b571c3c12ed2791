import { describe, expect, it } from 'vitest'

import { createFakeHost } from './fakeHost.test-helper'
import {
  alarmPeriodMinutes,
  createFastLoop,
  ensureAlarm,
  PACKED_ALARM_MINUTES,
  POLL_ALARM,
} from './scheduler'

describe('scheduler', () => {
  it('never asks a packed extension for alarms under the 30 s floor', () => {
    expect(alarmPeriodMinutes({ update_url: 'https://clients2.google.com/service/update2/crx' })).toBe(0.5)
    expect(PACKED_ALARM_MINUTES * 60).toBeGreaterThanOrEqual(30)
    expect(alarmPeriodMinutes({}) * 60).toBe(10)
  })

  it('takes the install type where the browser says it, Firefox’s 1-minute floor for an installed add-on', () => {
    const chrome: { update_url?: string } = {}
    const firefox = { version: '1', browser_specific_settings: { gecko: { id: 'relay@example' } } }
    // Development installs (unpacked, temporary add-on) have no floor, whatever the manifest says.
    expect(alarmPeriodMinutes(chrome, 'development') * 60).toBe(10)
    expect(alarmPeriodMinutes({ ...chrome, update_url: 'https://x' }, 'development') * 60).toBe(10)
    expect(alarmPeriodMinutes(firefox, 'development') * 60).toBe(10)
    // Installed: each browser's floor, even without update_url (an admin install, a Firefox add-on).
    expect(alarmPeriodMinutes(chrome, 'normal')).toBe(0.5)
    expect(alarmPeriodMinutes(chrome, 'admin')).toBe(0.5)
    expect(alarmPeriodMinutes(firefox, 'normal')).toBe(1)
    expect(alarmPeriodMinutes(firefox, 'sideload')).toBe(1)
    // Unknown: Chrome by update_url; Firefox, which sets none, as installed.
    expect(alarmPeriodMinutes(firefox)).toBe(1)
  })

  it('creates the alarm from getSelf, falls back when it fails, and leaves a matching one alone', async () => {
    const host = createFakeHost()
    const created: { periodInMinutes: number }[] = []
    let period: number | undefined
    host.alarms = {
      get: async (name) => (period === undefined ? undefined : { name, periodInMinutes: period }),
      create: async (name, info) => {
        expect(name).toBe(POLL_ALARM)
        created.push(info)
        period = info.periodInMinutes
      },
    }
    host.management = { getSelf: async () => ({ installType: 'normal' }) }
    await ensureAlarm(host)
    await ensureAlarm(host)
    expect(created.map((c) => c.periodInMinutes)).toEqual([0.5])
    host.management = {
      getSelf: async () => {
        throw new Error('management is not available')
      },
    }
    await ensureAlarm(host) // no update_url in the fake's manifest: an unpacked Chrome build
    expect(created.map((c) => c.periodInMinutes * 60)).toEqual([30, 10])
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

  it('follows a shorter pace (the tracker per block) but never a longer one than its interval', async () => {
    const elapsed: number[] = []
    let ticks = 0
    const loop = createFastLoop({
      intervalMs: 60_000,
      paceMs: (e) => {
        elapsed.push(e)
        return 5
      },
      shouldRun: () => ticks < 4,
      tick: async () => {
        ticks += 1
      },
    })
    loop.kick()
    // With the 60 s interval alone the second tick would not come within the test's time.
    await expect.poll(() => ticks).toBe(4)
    expect(elapsed.every((e) => e >= 0)).toBe(true)
    loop.stop()

    let slowTicks = 0
    const slow = createFastLoop({
      intervalMs: 5,
      paceMs: () => 60_000,
      shouldRun: () => slowTicks < 3,
      tick: async () => {
        slowTicks += 1
      },
    })
    slow.kick()
    await expect.poll(() => slowTicks).toBe(3)
    slow.stop()
  })
})
