import { parseEther, parseUnits } from 'viem'
import type { Address } from 'viem'
import { describe, expect, it } from 'vitest'

import type { MessageIntent } from './sentMessage'
import { describeIntent, formatAmount, shortAddress } from './format'

describe('formatAmount', () => {
  it.each([
    [parseEther('10'), 18, 6, '10'],
    [parseEther('0.5'), 18, 6, '0.5'],
    [parseEther('1.23456789'), 18, 6, '1.234567'],
    [parseEther('1.23456789'), 18, 2, '1.23'],
    [parseEther('1.999999999'), 18, 6, '1.999999'],
    [parseEther('1.5'), 18, 0, '1'],
    [0n, 18, 6, '0'],
    [1n, 18, 6, '<0.000001'],
    [1n, 18, 0, '<1'],
    [parseUnits('1234567.891', 6), 6, 6, '1234567.891'],
    [parseUnits('42', 0), 0, 6, '42'],
    [-parseEther('2.5'), 18, 6, '-2.5'],
    // 10^30 wei: far beyond Number's 2^53, must stay exact.
    [10n ** 30n + 1n, 18, 18, '1000000000000.000000000000000001'],
    [parseEther('123456789012345678901234567890'), 18, 6, '123456789012345678901234567890'],
  ])('formatAmount(%s, %i, %i) = %s', (amount, decimals, maxFraction, expected) => {
    expect(formatAmount(amount, decimals, maxFraction)).toBe(expected)
  })

  it('defaults to 18 decimals and 6 fraction digits', () => {
    expect(formatAmount(parseEther('0.1234567'))).toBe('0.123456')
  })
})

describe('shortAddress', () => {
  it('checksums and elides the middle', () => {
    expect(shortAddress('0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266')).toBe('0xf39F…2266')
  })
})

describe('describeIntent', () => {
  const BOB: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
  const ALICE: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
  const TOKEN: Address = '0x420beeF000000000000000000000000000000001'
  const names: Record<number, string> = { 902: 'Devnet L2 B' }
  const chainName = (id: number) => names[id] ?? `chain ${id}`
  const describeOf = (intent: MessageIntent, target: Address = BOB, destination = 902) =>
    describeIntent({ intent, target, destination }, chainName)

  it('a token transfer with metadata', () => {
    expect(
      describeOf({
        kind: 'erc20',
        token: TOKEN,
        from: ALICE,
        to: BOB,
        amount: parseEther('10'),
        symbol: 'MOCK',
        decimals: 18,
      }),
    ).toBe('Mint 10 MOCK to 0x7099…79C8 on Devnet L2 B')
  })

  it('a token transfer honours the token decimals', () => {
    expect(
      describeOf({
        kind: 'erc20',
        token: TOKEN,
        from: ALICE,
        to: BOB,
        amount: 2_500_000n,
        symbol: 'USDC',
        decimals: 6,
      }),
    ).toBe('Mint 2.5 USDC to 0x7099…79C8 on Devnet L2 B')
  })

  it('a token that did not answer: raw units of its address', () => {
    expect(describeOf({ kind: 'erc20', token: TOKEN, from: ALICE, to: BOB, amount: 1000n }, BOB, 903)).toBe(
      'Mint 1000 units of 0x420b…0001 to 0x7099…79C8 on chain 903',
    )
  })

  it('an ETH transfer', () => {
    expect(describeOf({ kind: 'eth', from: ALICE, to: BOB, amount: parseEther('0.5') })).toBe(
      'Send 0.5 ETH to 0x7099…79C8 on Devnet L2 B',
    )
  })

  it('a generic call, with and without a selector', () => {
    expect(describeOf({ kind: 'generic', selector: '0x12345678' }, ALICE)).toBe(
      'Call 0x12345678 on 0xf39F…2266 on Devnet L2 B',
    )
    expect(describeOf({ kind: 'generic' }, ALICE)).toBe('Call 0xf39F…2266 with no data on Devnet L2 B')
  })
})
