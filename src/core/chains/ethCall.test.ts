import {
  CallExecutionError,
  defineChain,
  encodeErrorResult,
  ExecutionRevertedError,
  http,
  type Hex,
} from 'viem'
import { describe, expect, it } from 'vitest'

import { useJsonRpcServer } from '../../../test/fixtures/jsonRpcServer'
import { relayErrorsAbi } from '../protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../protocol/addresses'
import { decodeRevertReason, isAlreadyRelayed } from '../relay/revertReason'
import { readBalance } from './balance'
import { MalformedRpcReplyError } from './errors'
import { ethCall, parseCallReply } from './ethCall'
import { createChainClient } from './readClient'

/** A node that answers as each test says and records what it was asked. */
const rpc = useJsonRpcServer()

const chain = () =>
  defineChain({
    id: 902,
    name: 'Devnet L2 B',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpc.url] } },
  })
const client = () => createChainClient({ chain: chain(), transport: http(rpc.url, { retryCount: 0 }) })

async function rejection(call: Promise<unknown>): Promise<unknown> {
  try {
    await call
  } catch (error) {
    return error
  }
  throw new Error('the call did not fail')
}

const FROM = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const TO = L2_TO_L2_CROSS_DOMAIN_MESSENGER

describe('ethCall', () => {
  it('asks eth_call with the request in JSON-RPC form, at a number, a tag or a block hash', async () => {
    rpc.answer(() => ({ result: '0x2a' }))
    const blockHash: Hex = `0x${'ab'.repeat(32)}`
    expect(await ethCall(client(), { to: TO, data: '0x1234' })).toBe('0x2a')
    await ethCall(
      client(),
      { to: TO, data: '0x', from: FROM, value: 10n, gas: 100_000n, accessList: [] },
      255n,
    )
    await ethCall(client(), { to: TO, data: '0x' }, 'safe')
    await ethCall(client(), { to: TO, data: '0x' }, { blockHash })
    expect(rpc.asked.map((a) => a.method)).toEqual(['eth_call', 'eth_call', 'eth_call', 'eth_call'])
    expect(rpc.asked[0]!.params).toEqual([{ to: TO, data: '0x1234' }, 'latest'])
    expect(rpc.asked[1]!.params).toEqual([
      { from: FROM, to: TO, data: '0x', value: '0xa', gas: '0x186a0', accessList: [] },
      '0xff',
    ])
    expect(rpc.asked[2]!.params[1]).toBe('safe')
    expect(rpc.asked[3]!.params[1]).toEqual({ blockHash })
  })

  it('keeps a revert’s data the way viem’s call action does, so core decodes the reason', async () => {
    const data = encodeErrorResult({
      abi: relayErrorsAbi,
      errorName: 'MessageAlreadyRelayed',
    } as never)
    rpc.answer(() => ({ error: { code: 3, message: 'execution reverted', data } }))
    const error = await rejection(ethCall(client(), { to: TO, data: '0x', from: FROM }))
    expect(error).toBeInstanceOf(CallExecutionError)
    expect((error as CallExecutionError).walk((e) => e instanceof ExecutionRevertedError)).toBeTruthy()
    expect(isAlreadyRelayed(error)).toBe(true)
    expect(decodeRevertReason(error)).toMatch(/^MessageAlreadyRelayed\(\): someone already relayed/)
  })

  it('refuses a reply that is not hex bytes, naming the chain, the method and what came back', async () => {
    rpc.answer(() => ({ result: '0x123' }))
    const error = await rejection(ethCall(client(), { to: TO, data: '0x' }))
    expect(error).toBeInstanceOf(MalformedRpcReplyError)
    expect((error as Error).message).toMatch(/chain 902 answered eth_call .*expected hex bytes, got '0x123'/)
  })
})

describe('parseCallReply', () => {
  it('passes whole bytes of hex, `0x` included', () => {
    expect(parseCallReply(901, '0x')).toBe('0x')
    expect(parseCallReply(901, '0x00Ff')).toBe('0x00Ff')
  })

  it('refuses anything else', () => {
    const cases: [unknown, RegExp][] = [
      [null, /got null/],
      [42, /got number/],
      [{ data: '0x' }, /got object/],
      ['', /got ''/],
      ['1234', /got '1234'/],
      ['0x1', /got '0x1'/],
      ['0xzz', /got '0xzz'/],
      [`0x${'g'.repeat(100)}`, /got '0xg{38}…'/],
    ]
    for (const [value, problem] of cases) {
      expect(() => parseCallReply(901, value), String(value)).toThrow(MalformedRpcReplyError)
      expect(() => parseCallReply(901, value), String(value)).toThrow(problem)
    }
    expect(() => parseCallReply(undefined, null)).toThrow(/chain \(id unknown\) answered eth_call/)
  })
})

describe('readBalance', () => {
  it('reads eth_getBalance at the latest block', async () => {
    rpc.answer(() => ({ result: '0xde0b6b3a7640000' }))
    expect(await readBalance(client(), FROM)).toBe(10n ** 18n)
    expect(rpc.asked).toEqual([{ method: 'eth_getBalance', params: [FROM, 'latest'] }])
  })

  it('refuses a balance that is not a hex quantity of at most 256 bits', async () => {
    for (const bad of ['0x', '0x01', '1000', `0x1${'0'.repeat(64)}`, null]) {
      rpc.answer(() => ({ result: bad }))
      const error = await rejection(readBalance(client(), FROM))
      expect(error, String(bad)).toBeInstanceOf(MalformedRpcReplyError)
      expect((error as Error).message).toMatch(/chain 902 answered eth_getBalance/)
    }
    rpc.answer(() => ({ result: `0x${'f'.repeat(64)}` }))
    expect(await readBalance(client(), FROM)).toBe(2n ** 256n - 1n)
  })
})
