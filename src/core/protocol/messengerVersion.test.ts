import { describe, expect, it } from 'vitest'

import { DEFAULT_EXPIRY_PERIOD_SECONDS, messengerFeatures } from './messengerVersion'

describe('messengerFeatures', () => {
  it('1.x: resendMessage, no expireMessage', () => {
    expect(messengerFeatures('1.3.0')).toEqual({
      version: '1.3.0',
      generation: 1,
      resend: true,
      expireMessage: false,
      known: true,
    })
    expect(messengerFeatures('1.0.0-beta.5').resend).toBe(true)
  })

  it('2.0.x: no resend, expireMessage with the 8-day period (or what the contract answered)', () => {
    expect(messengerFeatures('2.0.0')).toMatchObject({
      generation: 2,
      resend: false,
      expireMessage: true,
      expiryPeriodSeconds: DEFAULT_EXPIRY_PERIOD_SECONDS,
      known: true,
    })
    expect(DEFAULT_EXPIRY_PERIOD_SECONDS).toBe(691_200n)
    expect(messengerFeatures('2.0.1', 1000n).expiryPeriodSeconds).toBe(1000n)
  })

  it('a version it was not written for is treated as the newest known, and says so', () => {
    expect(messengerFeatures('3.1.0')).toMatchObject({ generation: 2, resend: false, known: false })
    expect(messengerFeatures('nonsense')).toMatchObject({ generation: 2, known: false })
  })
})
