import { describe, expect, it } from 'vitest'

import { CORE_ERROR_CLASSES, isSuperchainRelayError } from './errorClasses'
import { SuperchainRelayError } from './errors/base'
import { RelayInProgressError, UnknownMessageError } from './index'

const HASH = `0x${'ab'.repeat(32)}` as const

describe('core error classes', () => {
  it('are listed under the name each sets, and all share the one base', () => {
    // One argument list every constructor accepts (they only put their arguments into words).
    const args = ['x', 1, { gas: 1n, maxFeePerGas: 1n, total: 1n }, 1n] as never[]
    for (const [name, Class] of Object.entries(CORE_ERROR_CLASSES)) {
      const instance = new (Class as unknown as new (...a: never[]) => SuperchainRelayError)(...args)
      expect(instance).toBeInstanceOf(SuperchainRelayError)
      expect(instance.name).toBe(name)
    }
  })

  it('tell errors apart by class: any of ours, or the one named (subclasses too)', () => {
    const inProgress = new RelayInProgressError(HASH)
    expect(isSuperchainRelayError(inProgress)).toBe(true)
    expect(isSuperchainRelayError(inProgress, 'RelayInProgressError')).toBe(true)
    expect(isSuperchainRelayError(inProgress, 'RelayError')).toBe(true)
    expect(isSuperchainRelayError(inProgress, 'AlreadyRelayedError')).toBe(false)
    expect(isSuperchainRelayError(new UnknownMessageError(HASH), 'TrackerError')).toBe(true)
  })

  it('are not fooled by a plain error wearing the name', () => {
    const impostor = Object.assign(new Error('x'), { name: 'RelayInProgressError' })
    expect(isSuperchainRelayError(impostor)).toBe(false)
    expect(isSuperchainRelayError(impostor, 'RelayInProgressError')).toBe(false)
    expect(isSuperchainRelayError('RelayInProgressError')).toBe(false)
  })

  it('keep their user-facing sentence as shortMessage', () => {
    const error = new UnknownMessageError(HASH)
    expect(error.shortMessage).toBe(
      `no tracked message with hash ${HASH}: track its source transaction first`,
    )
    expect(error.name).toBe('UnknownMessageError')
  })
})
