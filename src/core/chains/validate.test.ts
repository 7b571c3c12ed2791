import { describe, expect, it } from 'vitest'

import { InvalidChainConfigError } from './errors'
import { validateChainConfig } from './validate'

const GOOD = { id: 901, name: 'Devnet L2 A', rpcUrl: 'http://127.0.0.1:9545', nativeSymbol: 'ETH' }

function fieldOf(input: unknown): string {
  try {
    validateChainConfig(input)
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidChainConfigError)
    return (error as InvalidChainConfigError).field
  }
  throw new Error('expected validateChainConfig to throw')
}

describe('validateChainConfig', () => {
  it('returns a clean copy of a good config, dropping unknown fields', () => {
    const input = { ...GOOD, name: '  Devnet L2 A ', explorerUrl: 'https://explorer.example/', extra: 1 }
    const out = validateChainConfig(input)
    expect(out).toEqual({ ...GOOD, explorerUrl: 'https://explorer.example' })
    expect(out).not.toBe(input)
  })

  it('accepts ws(s) and https RPC URLs and fills nativeSymbol with ETH', () => {
    const { nativeSymbol: _, ...withoutSymbol } = GOOD
    expect(validateChainConfig({ ...withoutSymbol, rpcUrl: 'wss://rpc.example/ws' })).toMatchObject({
      rpcUrl: 'wss://rpc.example/ws',
      nativeSymbol: 'ETH',
    })
    expect(validateChainConfig({ ...GOOD, rpcUrl: 'https://rpc.example' }).rpcUrl).toBe('https://rpc.example')
  })

  it('keeps the optional fields when well-formed', () => {
    expect(
      validateChainConfig({ ...GOOD, interopDelay: 0, testnet: true, preset: 'localDevnet' }),
    ).toMatchObject({ interopDelay: 0, testnet: true, preset: 'localDevnet' })
  })

  it.each([
    ['a non-object', null, ''],
    ['an array', [GOOD], ''],
    ['a missing id', { ...GOOD, id: undefined }, 'id'],
    ['a zero id', { ...GOOD, id: 0 }, 'id'],
    ['a negative id', { ...GOOD, id: -5 }, 'id'],
    ['a fractional id', { ...GOOD, id: 1.5 }, 'id'],
    ['a string id', { ...GOOD, id: '901' }, 'id'],
    ['an empty name', { ...GOOD, name: '   ' }, 'name'],
    ['a numeric name', { ...GOOD, name: 5 }, 'name'],
    ['a missing rpcUrl', { ...GOOD, rpcUrl: undefined }, 'rpcUrl'],
    ['a relative rpcUrl', { ...GOOD, rpcUrl: '127.0.0.1:9545' }, 'rpcUrl'],
    ['an ftp rpcUrl', { ...GOOD, rpcUrl: 'ftp://example.com' }, 'rpcUrl'],
    ['a ws explorer', { ...GOOD, explorerUrl: 'ws://explorer' }, 'explorerUrl'],
    ['an empty symbol', { ...GOOD, nativeSymbol: '' }, 'nativeSymbol'],
    ['a negative delay', { ...GOOD, interopDelay: -1 }, 'interopDelay'],
    ['an infinite delay', { ...GOOD, interopDelay: Infinity }, 'interopDelay'],
    ['a string testnet flag', { ...GOOD, testnet: 'yes' }, 'testnet'],
    ['an empty preset', { ...GOOD, preset: '' }, 'preset'],
  ])('rejects %s, naming the field', (_label, input, field) => {
    expect(fieldOf(input)).toBe(field)
  })

  it.each([
    ['a name over 64 characters', { ...GOOD, name: 'N'.repeat(65) }, 'name'],
    ['a name with a newline', { ...GOOD, name: 'Devnet\nOP Mainnet' }, 'name'],
    ['a name with a bidi override', { ...GOOD, name: 'Devnet \u202eBniaM' }, 'name'],
    ['a name with a NUL', { ...GOOD, name: 'Dev\u0000net' }, 'name'],
    ['a name with a zero-width space', { ...GOOD, name: 'OP\u200bMainnet' }, 'name'],
    ['a symbol over 12 characters', { ...GOOD, nativeSymbol: 'E'.repeat(13) }, 'nativeSymbol'],
    ['a symbol with a tab', { ...GOOD, nativeSymbol: 'E\tTH' }, 'nativeSymbol'],
    ['a symbol with a C1 control', { ...GOOD, nativeSymbol: 'ETH\u0085' }, 'nativeSymbol'],
  ])('bounds labels: rejects %s', (_label, input, field) => {
    expect(fieldOf(input)).toBe(field)
  })

  it('keeps names and symbols at the limits, counted in characters, with unicode letters', () => {
    const name = 'Ω'.repeat(64)
    expect(validateChainConfig({ ...GOOD, name, nativeSymbol: '🦊'.repeat(12) })).toMatchObject({
      name,
      nativeSymbol: '🦊'.repeat(12),
    })
    expect(validateChainConfig({ ...GOOD, name: ' 链 Chain ' }).name).toBe('链 Chain')
  })

  it('names the limit, the length and the offending character', () => {
    expect(() => validateChainConfig({ ...GOOD, name: 'N'.repeat(70) })).toThrow(
      'Invalid chain config: name must be at most 64 characters, got 70.',
    )
    expect(() => validateChainConfig({ ...GOOD, nativeSymbol: 'E\u202eTH' })).toThrow(
      'Invalid chain config: nativeSymbol must not contain control or invisible characters, got U+202E at character 2.',
    )
  })

  it('says what was wrong and what it got', () => {
    expect(() => validateChainConfig({ ...GOOD, rpcUrl: 'localhost:8545' })).toThrow(
      "Invalid chain config: rpcUrl must be an http/https/ws/wss URL, got 'localhost:8545'.",
    )
    expect(() => validateChainConfig({ ...GOOD, id: -1 })).toThrow('id must be a positive integer, got -1')
    // What it got is quoted as every other boundary quotes it, and a pasted megabyte is cut short, not repeated.
    expect(() => validateChainConfig({ ...GOOD, rpcUrl: 'x'.repeat(1_000_000) })).toThrow(
      `rpcUrl must be an http/https/ws/wss URL, got '${'x'.repeat(76)}...`,
    )
    expect(() => validateChainConfig({ ...GOOD, rpcUrl: { href: 'http://a' } })).toThrow(
      'rpcUrl must be an http/https/ws/wss URL, got {"href":"http://a"}',
    )
  })
})
