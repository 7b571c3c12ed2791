import {
  createClient,
  custom,
  decodeFunctionData,
  encodeFunctionResult,
  erc20Abi,
  multicall3Abi,
  parseAbi,
  stringToHex,
} from 'viem'
import type { Address, Hex } from 'viem'
import { describe, expect, it } from 'vitest'

import { MULTICALL3 } from '../protocol/addresses'
import { readTokenMetadata } from './tokenMetadata'

type Answer = { success: boolean; returnData: Hex }

/**
 * A chain with Multicall3 where each token answers `symbol()` / `decimals()` as the table says. Counts eth_calls
 * and checks they go to Multicall3's aggregate3.
 */
function chainWith(
  tokens: Record<string, { symbol?: Answer; decimals?: Answer }>,
  options: { rpcDown?: boolean } = {},
) {
  const state = { ethCalls: 0 }
  const client = createClient({
    transport: custom(
      {
        async request({ method, params }) {
          if (options.rpcDown) throw new Error('connect ECONNREFUSED')
          if (method !== 'eth_call') throw new Error(`unexpected ${method}`)
          state.ethCalls++
          const { to, data } = params[0] as { to: Address; data: Hex }
          expect(to.toLowerCase()).toBe(MULTICALL3.toLowerCase())
          const call = decodeFunctionData({ abi: multicall3Abi, data })
          if (call.functionName !== 'aggregate3') throw new Error(`unexpected ${call.functionName}`)
          const result = call.args[0].map(({ target, callData }): Answer => {
            const fn = decodeFunctionData({ abi: erc20Abi, data: callData }).functionName as
              | 'symbol'
              | 'decimals'
            return tokens[target.toLowerCase()]?.[fn] ?? { success: true, returnData: '0x' } // no code: empty return
          })
          return encodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', result })
        },
      },
      { retryCount: 0 },
    ),
  })
  return { client, state }
}

const ok = (functionName: 'symbol' | 'decimals', value: string | number): Answer => ({
  success: true,
  returnData:
    functionName === 'symbol'
      ? encodeFunctionResult({ abi: erc20Abi, functionName, result: value as string })
      : encodeFunctionResult({ abi: erc20Abi, functionName, result: value as number }),
})
const revert: Answer = { success: false, returnData: '0x' }

const MOCK = '0x420beef000000000000000000000000000000001'
const OTHER = '0x420beef000000000000000000000000000000002'

describe('readTokenMetadata', () => {
  it('reads symbol and decimals in one eth_call', async () => {
    const { client, state } = chainWith({
      [MOCK]: { symbol: ok('symbol', 'MOCK'), decimals: ok('decimals', 18) },
    })
    await expect(readTokenMetadata(client, MOCK)).resolves.toEqual({ symbol: 'MOCK', decimals: 18 })
    expect(state.ethCalls).toBe(1)
  })

  it('gives what it can when one call reverts', async () => {
    const { client } = chainWith({ [MOCK]: { symbol: revert, decimals: ok('decimals', 6) } })
    await expect(readTokenMetadata(client, MOCK)).resolves.toEqual({ decimals: 6 })
  })

  it('gives {} for an address without code', async () => {
    const { client } = chainWith({})
    await expect(readTokenMetadata(client, OTHER)).resolves.toEqual({})
  })

  it('drops a bytes32 symbol (undecodable as string) instead of throwing', async () => {
    const bytes32Symbol = encodeFunctionResult({
      abi: parseAbi(['function symbol() view returns (bytes32)']),
      functionName: 'symbol',
      result: stringToHex('MKR', { size: 32 }),
    })
    const { client } = chainWith({
      [MOCK]: { symbol: { success: true, returnData: bytes32Symbol }, decimals: ok('decimals', 18) },
    })
    await expect(readTokenMetadata(client, MOCK)).resolves.toEqual({ decimals: 18 })
  })

  it('strips invisible characters and rejects symbols too long to be one', async () => {
    const { client } = chainWith({
      [MOCK]: { symbol: ok('symbol', ' \u202eUSDC\u0000 '), decimals: ok('decimals', 6) },
      [OTHER]: { symbol: ok('symbol', 'Claim your airdrop at https://evil.example now'), decimals: revert },
    })
    await expect(readTokenMetadata(client, MOCK)).resolves.toEqual({ symbol: 'USDC', decimals: 6 })
    await expect(readTokenMetadata(client, OTHER)).resolves.toEqual({})
  })

  it('lets an RPC failure through, so the caller does not cache an empty answer', async () => {
    const { client } = chainWith({}, { rpcDown: true })
    await expect(readTokenMetadata(client, MOCK)).rejects.toThrow()
  })
})
