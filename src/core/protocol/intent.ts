/**
 * What a message will do on the destination, read from its body. The bridges' messages are recognised only when
 * the bridge itself both sent and receives them: anyone can send a `relayERC20(...)`-shaped body from their own
 * contract, and the bridge would reject it on relay (it checks the cross-domain sender), so it must not be shown to
 * the user as a token transfer.
 */
import { decodeFunctionData, size, slice } from 'viem'
import type { Address, Hex } from 'viem'

import type { MessageIntent } from './sentMessage'
import { bridgeRelayAbi } from './abis'
import { SUPERCHAIN_ETH_BRIDGE, SUPERCHAIN_TOKEN_BRIDGE } from './addresses'

function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

function decodeRelayCall(body: Hex) {
  try {
    return decodeFunctionData({ abi: bridgeRelayAbi, data: body })
  } catch {
    return undefined
  }
}

/** Never throws: a body that does not decode as what its sender/target promise is a generic message. */
export function classifyIntent(sender: Address, target: Address, body: Hex): MessageIntent {
  const bridge = sameAddress(sender, target) ? sender : undefined
  if (bridge && sameAddress(bridge, SUPERCHAIN_TOKEN_BRIDGE)) {
    const call = decodeRelayCall(body)
    if (call?.functionName === 'relayERC20') {
      const [token, from, to, amount] = call.args
      return { kind: 'erc20', token, from, to, amount }
    }
  }
  if (bridge && sameAddress(bridge, SUPERCHAIN_ETH_BRIDGE)) {
    const call = decodeRelayCall(body)
    if (call?.functionName === 'relayETH') {
      const [from, to, amount] = call.args
      return { kind: 'eth', from, to, amount }
    }
  }
  return size(body) >= 4 ? { kind: 'generic', selector: slice(body, 0, 4) } : { kind: 'generic' }
}
