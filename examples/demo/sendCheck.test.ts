import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  parseAbi,
  parseEther,
} from 'viem'
import { describe, expect, it } from 'vitest'

import { actionErrorText, sendProblem } from './sendCheck'

const ok = {
  amount: '10',
  asset: 'MOCK' as const,
  balance: parseEther('1000'),
  chainName: 'Devnet L2 A',
  recipientOk: true,
}

describe('sendProblem', () => {
  it('lets a sendable transfer through, and one whose balance is still loading', () => {
    expect(sendProblem(ok)).toBeUndefined()
    expect(sendProblem({ ...ok, balance: undefined })).toBeUndefined()
  })

  it('says why Send is off', () => {
    expect(sendProblem({ ...ok, balance: 0n })).toBe('Not enough MOCK on Devnet L2 A — mint first.')
    expect(sendProblem({ ...ok, asset: 'ETH', balance: 1n })).toBe('Not enough ETH on Devnet L2 A.')
    expect(sendProblem({ ...ok, amount: '0' })).toBe('Enter an amount above 0.')
    expect(sendProblem({ ...ok, amount: 'ten' })).toBe('Enter an amount, like 10 or 0.5.')
    expect(sendProblem({ ...ok, recipientOk: false })).toMatch(/not an address/)
  })
})

describe('actionErrorText', () => {
  it('reads the token error viem could only show as 0xe450d38c', () => {
    const data = encodeErrorResult({
      abi: parseAbi(['error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)']),
      errorName: 'ERC20InsufficientBalance',
      args: ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', 0n, 10n],
    })
    // What sendSuperchainERC20 throws: its ABI does not know the token's errors.
    const reverted = new ContractFunctionRevertedError({ abi: [], data, functionName: 'sendERC20' })
    const error = new ContractFunctionExecutionError(reverted, { abi: [], functionName: 'sendERC20' })
    expect(error.message).toContain('0xe450d38c')
    expect(actionErrorText(error, { asset: 'MOCK', chainName: 'Devnet L2 A' })).toBe(
      'Not enough MOCK on Devnet L2 A — mint first.',
    )
  })
})
