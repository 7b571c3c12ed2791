import { describe, expect, it } from 'vitest'

import {
  erc20Transfer,
  ethTransfer,
  relayedGenericMessage,
} from '../src/core/store/messageFixtures.test-helper'
import {
  amountText,
  createStyle,
  detailLines,
  followUpFlags,
  newestFirst,
  nextStep,
  progressText,
  summaryLines,
  toJson,
} from './format'
import { wrapLine } from './output'

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

describe('follow-up commands and order', () => {
  it('hints carry the --rpc and --state the user needed, quoted where a shell needs it', () => {
    const m = { ...erc20Transfer(), status: 'ready' as const }
    const run = { rpc: [{ id: 901, rpcUrl: 'http://127.0.0.1:9645' }], state: '/tmp/my state.json' }
    expect(followUpFlags(run)).toBe(" --rpc 901=http://127.0.0.1:9645 --state '/tmp/my state.json'")
    expect(nextStep(m, run)).toBe(
      `nobody has relayed it yet: superchain-relay relay ${m.hash} --rpc 901=http://127.0.0.1:9645 --state '/tmp/my state.json'`,
    )
    // forget touches only the state file.
    expect(nextStep({ ...m, status: 'vanished' }, run)).toMatch(
      new RegExp(`forget ${m.hash} --state '/tmp/my state.json'$`),
    )
    expect(followUpFlags({ rpc: [] })).toBe('')
    expect(nextStep({ ...m, status: 'expired' }, run)).toMatch(/re-sent with resendMessage on chain 901/)
    expect(nextStep({ ...m, status: 'expired', sourceMessenger: '2.0.0' }, run)).toBe(
      'expired: can no longer be relayed (the messenger on chain 901 has no resendMessage)',
    )
  })

  it('lists newest first, like the popup and the widget', () => {
    const older = {
      ...erc20Transfer(),
      hash: `0x${'1'.repeat(64)}` as const,
      initiatingLog: undefined,
      createdAt: 1_000,
    }
    const newer = { ...older, hash: `0x${'2'.repeat(64)}` as const, createdAt: 2_000 }
    expect(newestFirst([older, newer]).map((m) => m.hash)).toEqual([newer.hash, older.hash])
  })
})

describe('wrapLine', () => {
  it('wraps a long line at spaces, indented, and never drops a character of a command', () => {
    const hint = `  next: nobody has relayed it yet: superchain-relay relay 0x${'ab'.repeat(32)} --rpc 901=http://127.0.0.1:9645`
    const lines = wrapLine(hint, 80)
    expect(lines.every((l) => l.length <= 80)).toBe(true)
    expect(lines.length).toBeGreaterThan(1)
    expect(lines.map((l) => l.trim()).join(' ')).toBe(hint.trim())
    expect(lines[1]).toMatch(/^ {4}\S/)
    expect(wrapLine('\x1b[1mshort\x1b[22m', 80)).toEqual(['\x1b[1mshort\x1b[22m'])
  })
})
