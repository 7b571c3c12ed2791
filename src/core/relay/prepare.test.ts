import { describe, expect, it } from 'vitest'

import { MalformedRpcReplyError } from '../discovery/fromTransaction'
import { parseGasEstimate } from './prepare'

describe('parseGasEstimate', () => {
  it('reads a JSON-RPC hex quantity', () => {
    expect(parseGasEstimate(902, '0x5208')).toBe(21_000n)
    expect(parseGasEstimate(902, '0x1D4C0')).toBe(120_000n)
  })

  it('refuses a reply that is not a hex quantity, naming the chain, the method and what came back', () => {
    const cases: [unknown, RegExp][] = [
      [null, /expected a hex quantity, got null/],
      [21000, /expected a hex quantity, got number/],
      [{ gas: '0x5208' }, /expected a hex quantity, got object/],
      ['21000', /expected a hex quantity, got '21000'/],
      ['0x', /got '0x'/],
      ['0x05208', /got '0x05208'/],
      ['0x52zz', /got '0x52zz'/],
      [`0x${'g'.repeat(100)}`, /got '0xg{38}…'/],
    ]
    for (const [reply, problem] of cases) {
      const error = (() => {
        try {
          parseGasEstimate(902, reply)
        } catch (e) {
          return e
        }
      })()
      expect(error, String(reply)).toBeInstanceOf(MalformedRpcReplyError)
      expect((error as Error).message).toMatch(/chain 902 answered eth_estimateGas/)
      expect((error as Error).message).toMatch(problem)
    }
  })

  it('refuses an estimate no transaction could have: below intrinsic gas or above 2^64', () => {
    expect(() => parseGasEstimate(901, '0x0')).toThrow(/a gas estimate of 0 is less than any transaction/)
    expect(() => parseGasEstimate(901, '0x5207')).toThrow(/a gas estimate of 20999 is less than/)
    expect(() => parseGasEstimate(901, '0x10000000000000000')).toThrow(/17 hex digits is more than 64 bits/)
    expect(() => parseGasEstimate(901, `0x${'f'.repeat(100)}`)).toThrow(/100 hex digits/)
    expect(parseGasEstimate(901, '0xffffffffffffffff')).toBe(2n ** 64n - 1n)
  })
})
