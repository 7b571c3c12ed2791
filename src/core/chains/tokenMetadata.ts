/**
 * A token's symbol and decimals read from its chain, for display only. Both are optional in ERC-20, and some tokens return them in
 * odd shapes (bytes32 symbols), so a token that does not answer yields empty fields rather than an error: the UI
 * then shows the token address and raw units.
 */
import { decodeFunctionResult, encodeFunctionData, erc20Abi, multicall3Abi } from 'viem'
import type { Address, Chain, Client, Hex, Transport } from 'viem'

import { MULTICALL3 } from '../protocol/addresses'
import { sanitizeSymbol } from '../protocol/tokenSymbol'
import { ethCall } from './ethCall'

export interface TokenMetadata {
  symbol?: string
  decimals?: number
}

function cleanDecimals(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255
    ? value
    : undefined
}

/** A sub-call's answer decoded, or undefined when it failed, returned nothing or does not decode. */
function decodeAnswer(
  answer: { success: boolean; returnData: Hex } | undefined,
  decode: (data: Hex) => unknown,
): unknown {
  if (!answer?.success || answer.returnData === '0x') return undefined
  try {
    return decode(answer.returnData)
  } catch {
    return undefined
  }
}

/**
 * Reads `symbol()` and `decimals()` in one Multicall3 `aggregate3` call (at its canonical address, whatever the
 * client's chain says), each sub-call allowed to fail. A token that reverts, is not a contract or answers garbage
 * gives `{}` or a partial result. Only a failure of the read itself (RPC unreachable, Multicall3 missing) throws, so
 * the caller can retry rather than store a message that lacks its symbol for good. (viem's `multicall` with
 * `allowFailure` would fold that failure into the per-call results, indistinguishable from a mute token.)
 */
export async function readTokenMetadata(
  client: Client<Transport, Chain | undefined>,
  token: Address,
): Promise<TokenMetadata> {
  const data = await ethCall(client, {
    to: MULTICALL3,
    data: encodeFunctionData({
      abi: multicall3Abi,
      functionName: 'aggregate3',
      args: [
        [
          {
            target: token,
            allowFailure: true,
            callData: encodeFunctionData({ abi: erc20Abi, functionName: 'symbol' }),
          },
          {
            target: token,
            allowFailure: true,
            callData: encodeFunctionData({ abi: erc20Abi, functionName: 'decimals' }),
          },
        ],
      ],
    }),
  })
  const [symbolAnswer, decimalsAnswer] = decodeFunctionResult({
    abi: multicall3Abi,
    functionName: 'aggregate3',
    data,
  })
  const out: TokenMetadata = {}
  const symbol = sanitizeSymbol(
    decodeAnswer(symbolAnswer, (data) =>
      decodeFunctionResult({ abi: erc20Abi, functionName: 'symbol', data }),
    ),
  )
  if (symbol !== undefined) out.symbol = symbol
  const decimals = cleanDecimals(
    decodeAnswer(decimalsAnswer, (data) =>
      decodeFunctionResult({ abi: erc20Abi, functionName: 'decimals', data }),
    ),
  )
  if (decimals !== undefined) out.decimals = decimals
  return out
}
