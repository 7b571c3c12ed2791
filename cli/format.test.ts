import { describe, expect, it } from 'vitest'

import {
  erc20Transfer,
  ethTransfer,
  relayedGenericMessage,
} from '../src/core/store/messageFixtures.test-helper'
import { amountText, createStyle, detailLines, progressText, summaryLines, toJson } from './format'

const plain = createStyle(false)
const names = (id: number) => ({ 901: 'Devnet L2 A', 902: 'Devnet L2 B' })[id] ?? `chain ${id}`

describe('format', () => {
  it('writes bigints as decimal strings in JSON', () => {
    expect(JSON.parse(toJson({ amount: 2n ** 70n }))).toEqual({ amount: '1180591620717411303424' })
  })

  it('shows progress through the five steps, readable without colour', () => {
    expect(progressText('initiated', plain)).toBe('✓ sent → ● included → ○ ready → ○ relayed → ○ finalized')
    expect(progressText('failed', plain)).toBe(
      '✓ sent → ✓ included → ✗ ready (failed) → ○ relayed → ○ finalized',
    )
    expect(progressText('finalized', plain)).toBe('✓ sent → ✓ included → ✓ ready → ✓ relayed → ✓ finalized')
  })

  it('shows amounts with their symbol, and raw units when decimals are unknown', () => {
    expect(amountText(erc20Transfer())).toBe('1000 TEST')
    const m = erc20Transfer()
    if (m.intent.kind === 'erc20') delete m.intent.decimals
    expect(amountText(m)).toBe('1000000000000000000000 units of TEST')
    expect(amountText(ethTransfer())).toBe('0.25 ETH')
    expect(amountText(relayedGenericMessage())).toBe('call 0xa9059cbb')
  })

  it('summarises a message: status and full hash, what, who, where, progress', () => {
    const m = erc20Transfer()
    expect(summaryLines(m, names, plain)).toEqual([
      `initiated ${m.hash}`,
      '  ERC-20 transfer · 1000 TEST · 0xf39F…2266 → 0x7099…79C8 · Devnet L2 A (901) → Devnet L2 B (902)',
      '  ✓ sent → ● included → ○ ready → ○ relayed → ○ finalized',
    ])
  })

  it("details a relayed message's timeline: both sides' blocks and safety, who relayed", () => {
    const text = detailLines(relayedGenericMessage(), names, plain).join('\n')
    expect(text).toMatch(/initiated +block 18446744073709551615, log 3, .* UTC · source safety: /)
    expect(text).toMatch(/relay +tx 0x\w+ by 0x\w+ in block \d+/)
    expect(text).toMatch(/destination safety: /)
  })
})
