import { encodeErrorResult, parseAbi, RawContractError, CallExecutionError, BaseError } from 'viem'
import { describe, expect, it } from 'vitest'

import { crossL2InboxAbi, l2ToL2CrossDomainMessengerAbi, tokenAbi } from '../protocol/abis'
import { decodeRevertData, decodeRevertReason, isAlreadyRelayed } from './revertReason'

const wrap = (data: `0x${string}`) =>
  new CallExecutionError(new RawContractError({ data }), { docsPath: undefined } as never)

describe('decodeRevertReason', () => {
  it('names messenger and inbox errors with a hint', () => {
    const data = encodeErrorResult({ abi: crossL2InboxAbi, errorName: 'NotInAccessList' })
    expect(decodeRevertReason(wrap(data))).toBe(
      'NotInAccessList(): the relay was sent without its CrossL2Inbox access list',
    )
  })

  it('decodes a token error bubbled by the messenger, with its arguments', () => {
    const data = encodeErrorResult({
      abi: tokenAbi,
      errorName: 'ERC20InsufficientBalance',
      args: ['0x000000000000000000000000000000000000dEaD', 1n, 10n],
    })
    expect(decodeRevertData(data)).toBe(
      'ERC20InsufficientBalance(0x000000000000000000000000000000000000dEaD, 1, 10)',
    )
  })

  it('decodes Error(string) to its text and shows unknown selectors raw', () => {
    const data = encodeErrorResult({
      abi: parseAbi(['error Error(string)']),
      errorName: 'Error',
      args: ['nope'],
    })
    expect(decodeRevertData(data)).toBe('nope')
    expect(decodeRevertData('0xdeadbeef00')).toBe('reverted with unknown error 0xdeadbeef (5 bytes)')
    expect(decodeRevertData('0x')).toBe('reverted without a reason')
  })

  it('decodes a target error when given its ABI', () => {
    const abi = parseAbi(['error Rejected(string reason)'])
    const data = encodeErrorResult({ abi, errorName: 'Rejected', args: ['closed'] })
    expect(decodeRevertData(data, abi)).toBe('Rejected("closed")')
  })

  it('falls back to the error message when there is no revert data', () => {
    expect(decodeRevertReason(new BaseError('connection refused'))).toBe('connection refused')
    expect(decodeRevertReason('weird')).toBe('weird')
  })

  it('recognises MessageAlreadyRelayed as relayed, not failed', () => {
    const data = encodeErrorResult({ abi: l2ToL2CrossDomainMessengerAbi, errorName: 'MessageAlreadyRelayed' })
    expect(isAlreadyRelayed(wrap(data))).toBe(true)
    expect(
      isAlreadyRelayed(wrap(encodeErrorResult({ abi: crossL2InboxAbi, errorName: 'NotInAccessList' }))),
    ).toBe(false)
  })
})
