import { encodeFunctionData, parseEther } from 'viem'
import type { Address, Hex } from 'viem'
import { describe, expect, it } from 'vitest'

import { bridgeRelayAbi } from './abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER, SUPERCHAIN_ETH_BRIDGE, SUPERCHAIN_TOKEN_BRIDGE } from './addresses'
import { classifyIntent } from './intent'

const TOKEN: Address = '0x420beeF000000000000000000000000000000001'
const ALICE: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const BOB: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

const relayErc20 = encodeFunctionData({
  abi: bridgeRelayAbi,
  functionName: 'relayERC20',
  args: [TOKEN, ALICE, BOB, parseEther('10')],
})
const relayEth = encodeFunctionData({ abi: bridgeRelayAbi, functionName: 'relayETH', args: [ALICE, BOB, 1n] })

describe('classifyIntent', () => {
  it('a relayERC20 from the token bridge to itself is an erc20 transfer', () => {
    expect(classifyIntent(SUPERCHAIN_TOKEN_BRIDGE, SUPERCHAIN_TOKEN_BRIDGE, relayErc20)).toEqual({
      kind: 'erc20',
      token: TOKEN,
      from: ALICE,
      to: BOB,
      amount: parseEther('10'),
    })
  })

  it('compares bridge addresses case-insensitively', () => {
    const lower = SUPERCHAIN_TOKEN_BRIDGE.toLowerCase() as Address
    expect(classifyIntent(lower, SUPERCHAIN_TOKEN_BRIDGE, relayErc20).kind).toBe('erc20')
  })

  it('a relayETH from the ETH bridge to itself is an eth transfer', () => {
    expect(classifyIntent(SUPERCHAIN_ETH_BRIDGE, SUPERCHAIN_ETH_BRIDGE, relayEth)).toEqual({
      kind: 'eth',
      from: ALICE,
      to: BOB,
      amount: 1n,
    })
  })

  it.each([
    ['a relayERC20 body sent by someone else to the bridge', ALICE, SUPERCHAIN_TOKEN_BRIDGE, relayErc20],
    ['a relayERC20 body sent by the bridge to someone else', SUPERCHAIN_TOKEN_BRIDGE, ALICE, relayErc20],
    ['a relayETH body to the token bridge', SUPERCHAIN_TOKEN_BRIDGE, SUPERCHAIN_TOKEN_BRIDGE, relayEth],
    ['a relayERC20 body to the ETH bridge', SUPERCHAIN_ETH_BRIDGE, SUPERCHAIN_ETH_BRIDGE, relayErc20],
    [
      'a truncated relayERC20 body',
      SUPERCHAIN_TOKEN_BRIDGE,
      SUPERCHAIN_TOKEN_BRIDGE,
      relayErc20.slice(0, 74) as Hex,
    ],
    ['another contract pair', L2_TO_L2_CROSS_DOMAIN_MESSENGER, ALICE, relayErc20],
  ])('%s is generic, with its selector', (_label, sender, target, body) => {
    expect(classifyIntent(sender, target, body)).toEqual({ kind: 'generic', selector: body.slice(0, 10) })
  })

  it('a body shorter than a selector is generic without one', () => {
    expect(classifyIntent(ALICE, BOB, '0x')).toEqual({ kind: 'generic' })
    expect(classifyIntent(SUPERCHAIN_TOKEN_BRIDGE, SUPERCHAIN_TOKEN_BRIDGE, '0x7cfd6d')).toEqual({
      kind: 'generic',
    })
  })
})
