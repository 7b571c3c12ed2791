import { BaseError } from 'viem'
import { describe, expect, it } from 'vitest'

import { BackgroundError, decode, encode, serializeError } from './codec'

/** What chrome.runtime messaging does to a payload: JSON out, JSON in. */
const overTheWire = (value: unknown) => decode(JSON.parse(JSON.stringify(encode(value))))

describe('codec', () => {
  it('round-trips bigints, undefined and nested records through JSON', () => {
    const plan = {
      transaction: { value: 0n, gas: 2n ** 200n, accessList: [{ address: '0x42', storageKeys: ['0x01'] }] },
      id: { blockNumber: 123n, logIndex: 0n, timestamp: 1_700_000_000n },
      fee: undefined,
      params: [undefined, 1n, 'x', null, false, 1.5],
    }
    expect(overTheWire(plan)).toEqual({
      transaction: plan.transaction,
      id: plan.id,
      params: [undefined, 1n, 'x', null, false, 1.5],
    })
    expect(overTheWire(undefined)).toBeUndefined()
    expect(overTheWire(-5n)).toBe(-5n)
  })

  it('refuses what JSON would silently corrupt', () => {
    expect(() => encode(Number.NaN)).toThrow(/cannot send the number NaN/)
    expect(() => encode(() => 1)).toThrow(/cannot send a function/)
  })

  it('keeps an error’s name, and words viem errors without their version footer', () => {
    class AccessListDroppedError extends BaseError {
      override name = 'AccessListDroppedError'
    }
    const wire = serializeError(new AccessListDroppedError('MetaMask dropped the access list'))
    expect(wire).toEqual({ name: 'AccessListDroppedError', message: 'MetaMask dropped the access list' })
    expect(serializeError(new BaseError('short', { details: 'insufficient funds' })).message).toBe(
      'short\ninsufficient funds',
    )
    const rethrown = new BackgroundError(wire)
    expect(rethrown).toBeInstanceOf(Error)
    expect(rethrown.name).toBe('AccessListDroppedError')
    expect(serializeError('plain').message).toBe('plain')
  })
})
