import { BaseError, TimeoutError } from 'viem'
import { describe, expect, it } from 'vitest'

import {
  CORE_ERROR_CLASSES,
  findError,
  isSuperchainRelayError,
  PlanChangedError,
  RelayInProgressError,
} from '../../src/core'
import { BackgroundError, decode, encode, reviveError, serializeError } from './codec'

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

  it('revives core errors into their classes, with their data, so guards work in a page', () => {
    const hash = `0x${'ab'.repeat(32)}` as const
    const approved = { gas: 100_000n, maxFeePerGas: 2n }
    const current = { gas: 150_000n, maxFeePerGas: 3n, total: 450_000n }
    const original = new PlanChangedError(hash, approved, current, 10n)
    // What crosses is plain JSON: bigints included.
    const wire = JSON.parse(JSON.stringify(serializeError(original))) as ReturnType<typeof serializeError>
    const revived = reviveError(wire, CORE_ERROR_CLASSES)
    expect(revived).toBeInstanceOf(PlanChangedError)
    expect(isSuperchainRelayError(revived, 'RelayError')).toBe(true)
    expect(findError(new Error('wrapped', { cause: revived }), PlanChangedError)).toBe(revived)
    const plan = revived as PlanChangedError
    expect(plan.approved).toEqual(approved)
    expect(plan.current).toEqual(current)
    expect(plan.name).toBe('PlanChangedError')
    expect(plan.shortMessage).toBe(original.shortMessage)
    expect(plan.message).toBe(original.shortMessage)

    const inProgress = reviveError(serializeError(new RelayInProgressError(hash, hash)), CORE_ERROR_CLASSES)
    expect(isSuperchainRelayError(inProgress, 'RelayInProgressError')).toBe(true)
    expect((inProgress as RelayInProgressError).transactionHash).toBe(hash)
  })

  it('keeps a class the page does not know as a BackgroundError with its name and text', () => {
    const wire = serializeError(new TimeoutError({ body: {}, url: 'http://x' }))
    const revived = reviveError(wire, CORE_ERROR_CLASSES)
    expect(revived).toBeInstanceOf(BackgroundError)
    expect(revived.name).toBe('TimeoutError')
    expect(isSuperchainRelayError(revived, 'RelayError')).toBe(false)
    // A name the table inherits from Object is not a class of ours.
    expect(reviveError({ name: 'constructor', message: 'x' }, CORE_ERROR_CLASSES)).toBeInstanceOf(
      BackgroundError,
    )
  })
})
