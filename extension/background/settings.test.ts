import { describe, expect, it } from 'vitest'

import { createFakeStorageArea } from './fakeHost.test-helper'
import { DEFAULT_SETTINGS, readSettings, updateSettings } from './settings'

describe('extension settings', () => {
  it('fill in defaults, keep valid stored fields and drop stale ones', async () => {
    const local = createFakeStorageArea()
    expect(await readSettings(local)).toEqual(DEFAULT_SETTINGS)
    await local.set({ settings: { gracePeriodSeconds: 5, relayPolicy: 'shout', retired: true } })
    expect(await readSettings(local)).toEqual({ ...DEFAULT_SETTINGS, gracePeriodSeconds: 5 })
  })

  it('validate every patch before writing anything', async () => {
    const local = createFakeStorageArea()
    expect(await updateSettings(local, { relayPolicy: 'prompt', theme: 'dark' })).toMatchObject({
      relayPolicy: 'prompt',
      theme: 'dark',
    })
    await expect(updateSettings(local, { gracePeriodSeconds: 1.5 })).rejects.toThrow(
      /whole number of seconds/,
    )
    await expect(updateSettings(local, { gracePeriodSeconds: 0, theme: 'blue' as never })).rejects.toThrow(
      /theme/,
    )
    await expect(updateSettings(local, { colour: 'red' } as never)).rejects.toThrow(
      /unknown setting 'colour'/,
    )
    expect((await readSettings(local)).gracePeriodSeconds).toBe(DEFAULT_SETTINGS.gracePeriodSeconds)
  })
})
