/**
 * The client pool's round trips (src/core/chains/clients.ts, rpcBatch.ts) against a real anvil, through the fault
 * proxy: a batch is one HTTP request whose calls each get their own reply; an RPC that refuses batches gets the same
 * calls one by one, remembered for a while and then asked again; a batch that fails as a whole (429, 5xx) is a
 * failure, not a refusal; WebSocket calls go one by one with no HTTP request counted.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { startAnvil, type AnvilInstance } from '../../devnet/anvil'
import { getFreePort } from '../../devnet/ports'
import { BATCH_RETRY_MS, createClientPool } from '../../src/core/chains/clients'
import { createChainRegistry } from '../../src/core/chains/registry'
import type { RpcCall, RpcReply } from '../../src/core/chains/rpcBatch'
import { startFaultyRpc, type FaultyRpc } from '../fixtures/faultyRpc'

let anvil: AnvilInstance
let rpc: FaultyRpc
let clock = Date.now()

beforeAll(async () => {
  anvil = await startAnvil({ chainId: 901, port: await getFreePort(), blockTime: 0, slotsInAnEpoch: 2 })
  rpc = await startFaultyRpc({ upstreams: [anvil.url] })
})
beforeEach(() => rpc.clear())
afterAll(async () => {
  await rpc?.close()
  await anvil?.stop()
})

const pool = (rpcUrl: string) =>
  createClientPool(createChainRegistry([{ id: 901, name: 'A', rpcUrl, nativeSymbol: 'ETH' }]), {
    now: () => clock,
    timeoutMs: 2_000,
  })

const CALLS: RpcCall[] = [
  { method: 'eth_chainId', params: [] },
  { method: 'eth_getBlockByNumber', params: ['latest', false] },
  { method: 'eth_getBlockByNumber', params: ['not-a-block', false] },
  { method: 'eth_getBlockByNumber', params: ['0x100000', false] },
]

function expectAnswers(replies: RpcReply[]) {
  expect(replies).toHaveLength(4)
  expect(replies[0]).toEqual({ ok: true, result: '0x385' })
  expect(replies[1]).toMatchObject({ ok: true, result: { number: '0x0' } })
  expect(replies[2]!.ok).toBe(false) // that call's own error, and only that call's
  expect(replies[3]).toEqual({ ok: true, result: null }) // no such block: null, not an error
}

describe('exchange', () => {
  it('sends the calls as one HTTP request; each gets its own reply, in order', async () => {
    const p = pool(rpc.url)
    const seen = rpc.requests.length
    expectAnswers(await p.exchange(901, CALLS))
    const records = rpc.requests.slice(seen)
    expect(records).toHaveLength(4)
    expect(new Set(records.map((r) => r.http)).size).toBe(1)
    expect(p.takeCounts(901)).toEqual({ calls: 4, httpRequests: 1 })
    expect(p.takeCounts(901)).toEqual({ calls: 0, httpRequests: 0 })
  })

  it.each(['http400', 'invalidRequest', 'firstOnly'] as const)(
    'refused (%s): the same calls one by one, remembered, and a batch tried again later',
    async (answer) => {
      const p = pool(rpc.url)
      rpc.inject({ fault: { kind: 'refuseBatches', answer } })
      expectAnswers(await p.exchange(901, CALLS))
      expect(p.refusesBatches(901)).toBe(true)
      // The refused batch (1 request) and then 4 single ones; every call counted where it was sent.
      expect(p.takeCounts(901)).toEqual({ calls: 8, httpRequests: 5 })

      const seen = rpc.requests.length
      expectAnswers(await p.exchange(901, CALLS))
      expect(rpc.requests.slice(seen).every((r) => !r.batched)).toBe(true)
      expect(p.takeCounts(901)).toEqual({ calls: 4, httpRequests: 4 })

      rpc.clear()
      clock += BATCH_RETRY_MS
      expectAnswers(await p.exchange(901, CALLS))
      expect(p.refusesBatches(901)).toBe(false)
      expect(p.takeCounts(901)).toEqual({ calls: 4, httpRequests: 1 })
    },
  )

  it('a batch that fails as a whole (429 with Retry-After, HTTP 500, garbled) is a failure, not a refusal', async () => {
    const p = pool(rpc.url)
    rpc.inject({ fault: { kind: 'rateLimit', retryAfterSeconds: 9 }, times: 1 })
    await expect(p.exchange(901, CALLS)).rejects.toThrow()
    expect(p.takeRetryAfter(901)).toBe(9_000)
    rpc.inject({ fault: { kind: 'http', status: 500 }, times: 1 })
    await expect(p.exchange(901, CALLS)).rejects.toThrow()
    rpc.inject({ fault: { kind: 'malformed' }, times: 1 })
    await expect(p.exchange(901, CALLS)).rejects.toThrow()
    expect(p.refusesBatches(901)).toBe(false)
    expectAnswers(await p.exchange(901, CALLS))
  })

  it('over WebSocket: one by one on the socket, no HTTP request counted', async () => {
    const p = pool(anvil.url.replace(/^http/, 'ws'))
    expectAnswers(await p.exchange(901, CALLS))
    expect(p.takeCounts(901)).toEqual({ calls: 4, httpRequests: 0 })
  })
})
