import { describe, expect, it } from 'vitest'

import {
  chainName,
  clockTickMs,
  durationText,
  expiresInText,
  errorText,
  explorerUrlFromChains,
  formatAmount,
  formatFee,
  intentSummary,
  sentAt,
  shortAddress,
  shortHash,
  timeAgo,
} from './format'
import { ALICE, BOB, CHAINS, CAROL, NOW, makeMessage } from './messageFixtures.test-helper'

describe('shortAddress / shortHash', () => {
  it('checksums addresses (as a wallet shows them) and keeps both ends', () => {
    expect(shortAddress(BOB.toLowerCase())).toBe('0x7099…79C8')
  })
  it('keeps a little more of a hash', () => {
    expect(shortHash(`0x5e00ab${'0'.repeat(52)}00cd12`)).toBe('0x5e00ab…00cd12')
  })
  it('leaves short values alone', () => {
    expect(shortHash('0x1234')).toBe('0x1234')
  })
})

describe('timeAgo', () => {
  it('reads in the coarsest whole unit', () => {
    expect(timeAgo(NOW - 3 * 60_000, NOW)).toBe('3 min ago')
    expect(timeAgo(NOW - 45_000, NOW)).toBe('45 s ago')
    expect(timeAgo(NOW - 5 * 3_600_000, NOW)).toBe('5 h ago')
    expect(timeAgo(NOW - 86_400_000, NOW)).toBe('1 day ago')
    expect(timeAgo(NOW - 8 * 86_400_000, NOW)).toBe('8 days ago')
  })
  it('says "just now" for very recent and slightly future times', () => {
    expect(timeAgo(NOW - 2_000, NOW)).toBe('just now')
    expect(timeAgo(NOW + 5_000, NOW)).toBe('just now')
  })
  it('durationText never goes negative', () => {
    expect(durationText(-5)).toBe('0 s')
  })
})

describe('chainName', () => {
  it('uses the configured name, else the id', () => {
    expect(chainName(CHAINS, 901)).toBe('OP A')
    expect(chainName(CHAINS, 10)).toBe('Chain 10')
  })
})

describe('explorerUrlFromChains', () => {
  it('builds links only for chains that have an explorer', () => {
    const links = explorerUrlFromChains(CHAINS)
    expect(links(901, 'tx', '0xabc')).toBe('https://a.example/tx/0xabc')
    expect(links(901, 'address', BOB)).toBe(`https://a.example/address/${BOB}`)
    expect(links(902, 'tx', '0xabc')).toBeUndefined()
  })
})

describe('formatAmount', () => {
  it('trims trailing zeros', () => {
    expect(formatAmount(10n * 10n ** 18n, 18)).toBe('10')
    expect(formatAmount(1_500_000_000_000_000_000n, 18)).toBe('1.5')
    expect(formatAmount(1_234_567n, 6)).toBe('1.234567')
  })
  it('truncates long fractions, never rounding up', () => {
    expect(formatAmount(1_999_999_999_999_999_999n, 18)).toBe('1.999999')
  })
  it('shows fees with more fraction digits', () => {
    expect(formatFee(21_000_000_000_000n)).toBe('0.000021')
    expect(formatFee(2_103_456_789n)).toBe('0.000000002')
    expect(formatFee(21n)).toBe('<0.000000001')
  })
  it('handles amounts beyond 2^53', () => {
    expect(formatAmount(1_000_000_000_000_000_000_000n, 18)).toBe('1000')
  })
})

describe('intentSummary', () => {
  it('describes token, ETH and generic messages', () => {
    expect(intentSummary(makeMessage({ kind: 'erc20' }))).toBe('10 MOCK to 0x7099…79C8')
    expect(intentSummary(makeMessage({ kind: 'eth' }))).toBe('1.5 ETH to 0x7099…79C8')
    expect(intentSummary(makeMessage({ kind: 'generic' }))).toBe(
      `Message to ${shortAddress(CAROL)} (0x12345678)`,
    )
  })
  it('shows the raw amount and the token address when the token did not answer', () => {
    const message = makeMessage()
    if (message.intent.kind !== 'erc20') throw new Error('fixture')
    const bare = {
      ...message,
      intent: { ...message.intent, symbol: undefined, decimals: undefined, amount: 5n },
    }
    expect(intentSummary(bare)).toBe('5 units of 0x420b…0001 to 0x7099…79C8')
  })
  it('speaks from the user’s side when their accounts are known', () => {
    const toBob = makeMessage({ kind: 'erc20' })
    expect(intentSummary(toBob, [ALICE])).toBe('10 MOCK to 0x7099…79C8')
    expect(intentSummary(toBob, [BOB.toLowerCase()])).toBe('10 MOCK from 0xf39F…2266')
    const toSelf = makeMessage({
      kind: 'eth',
      intent: { kind: 'eth', from: ALICE, to: ALICE.toLowerCase() as typeof ALICE, amount: 10n ** 18n },
    })
    expect(intentSummary(toSelf, [ALICE])).toBe('1 ETH to you')
  })
  it('omits a missing selector', () => {
    expect(intentSummary(makeMessage({ kind: 'generic', intent: { kind: 'generic' } }))).toBe(
      `Message to ${shortAddress(CAROL)}`,
    )
  })
})

describe('sentAt', () => {
  it('prefers the initiating block timestamp over the discovery time', () => {
    expect(sentAt(makeMessage({ sentSecondsAgo: 60 }))).toBe(NOW - 60_000)
    expect(sentAt(makeMessage())).toBe(NOW - 180_000)
  })
})

describe('errorText', () => {
  it('is the one-sentence summary from errorWords.ts, whatever shape the error has', () => {
    expect(errorText(new Error('Wallet dropped the access list'))).toBe('Wallet dropped the access list.')
    expect(errorText({ message: 'over messaging' })).toBe('Over messaging.')
    expect(errorText('plain')).toBe('Plain.')
    expect(errorText({ code: 4001 })).toBe('You declined the request in your wallet; nothing was sent.')
    expect(errorText({ message: 'MetaMask dropped it.\n\nVersion: viem@2.57.1' })).toBe(
      'MetaMask dropped it.',
    )
  })
})

describe('durationText / expiresInText / clockTickMs', () => {
  it('rounds countdowns to the nearest unit, so a fresh 7-day expiry reads 7 days', () => {
    expect(expiresInText(NOW + 7 * 86_400_000 - 30_000, NOW)).toBe('expires in 7 days')
    expect(expiresInText(NOW + 36 * 3_600_000, NOW)).toBe('expires in 36 h')
    expect(expiresInText(NOW + 90_000, NOW)).toBe('expires in 2 min')
    expect(expiresInText(NOW - 1, NOW)).toBe('')
    expect(durationText(119)).toBe('1 min')
    expect(durationText(119, 'nearest')).toBe('2 min')
  })
  it('ticks every second while an age counts seconds', () => {
    expect(clockTickMs([NOW - 47_000], NOW)).toBe(1_000)
    expect(clockTickMs([NOW - 5 * 60_000], NOW)).toBe(30_000)
    expect(clockTickMs([], NOW)).toBe(30_000)
  })
})
