/**
 * Bad-input corpus: RPC replies. A real devnet sends a real ERC-20 transfer; the tracker reads chain 901 through the
 * fault proxy, which lies about that transaction's receipt (malformed hex, wrong lengths, huge numbers, another
 * transaction's receipt, unicode, prototype-pollution keys) or about the chain id. Every case: trackTransaction fails
 * with an error naming what was wrong, and the IndexedDB store (fake-indexeddb) is unchanged.
 */
import 'fake-indexeddb/auto'

import { sendSuperchainERC20 } from '@eth-optimism/viem/actions/interop'
import { parseAbi, parseEther, type Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { openIndexedDbStore } from '../../src/core/store/indexedDbStore'
import { erc20Transfer } from '../../src/core/store/messageFixtures.test-helper'
import { exportHistory } from '../../src/core/store/serialize'
import type { MessageStore } from '../../src/core/store/types'
import { createTracker } from '../../src/core/tracker/tracker'
import type { Tracker } from '../../src/core/tracker/api'
import { MOCK, startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { startFaultyRpc, type Fault, type FaultyRpc } from '../fixtures/faultyRpc'
import { assertNoPollution, type BadCase } from './corpus'

let devnet: TestDevnet
let rpc: FaultyRpc
let store: MessageStore
let tracker: Tracker
let tx: Hex

beforeAll(async () => {
  devnet = await startTestDevnet()
  const account = devnet.account(0)
  const mint = await devnet.walletClient(901, account).writeContract({
    address: MOCK,
    abi: parseAbi(['function mint(address to, uint256 amount)']),
    functionName: 'mint',
    args: [account.address, parseEther('10')],
    account,
    chain: devnet.chain(901).chain,
  })
  await devnet.publicClient(901).waitForTransactionReceipt({ hash: mint })
  tx = await sendSuperchainERC20(devnet.walletClient(901, account), {
    tokenAddress: MOCK,
    to: devnet.accounts[1].address,
    amount: parseEther('1'),
    chainId: 902,
    account,
    chain: devnet.chain(901).chain,
  })
  await devnet.publicClient(901).waitForTransactionReceipt({ hash: tx })
  rpc = await startFaultyRpc({ upstreams: [devnet.chain(901).rpcUrl] })
  store = await openIndexedDbStore({ name: 'corpus-rpc' })
  await store.upsert(erc20Transfer())
  tracker = await createTracker({
    store,
    defaultChains: [
      { id: 901, name: 'Devnet L2 A', rpcUrl: rpc.url, nativeSymbol: 'ETH' },
      { id: 902, name: 'Devnet L2 B', rpcUrl: devnet.chain(902).rpcUrl, nativeSymbol: 'ETH' },
    ],
  })
}, 120_000)
afterAll(async () => {
  await rpc?.close()
  await store?.close()
  await devnet?.stop()
})

type Receipt = Record<string, unknown> & { logs: Record<string, unknown>[] }
const lie = (change: (r: Receipt) => unknown): Fault => ({
  kind: 'rewrite',
  rewrite: (method, _params, result) =>
    method === 'eth_getTransactionReceipt' && result ? change(structuredClone(result) as Receipt) : result,
})
const inLog = (change: (log: Record<string, unknown>) => void) =>
  lie((r) => {
    for (const log of r.logs) change(log)
    return r
  })
const NOT_RIGHT = /the RPC of chain 901 answered eth_getTransactionReceipt with a reply that cannot be right/
const NO_MESSAGE = /sent no cross-chain message/

function cases(): BadCase<Fault>[] {
  const other = `0x${'cd'.repeat(32)}`
  return [
    {
      name: 'another transaction’s receipt',
      input: lie((r) => ({ ...r, transactionHash: other })),
      error: /it is the receipt of 0xcdcd/,
    },
    {
      name: 'logs of another transaction',
      input: inLog((l) => (l.transactionHash = other)),
      error: /a log in it belongs to transaction 0xcdcd/,
    },
    { name: 'receipt as a number', input: lie(() => 42), error: /it is not a receipt/ },
    { name: 'receipt as a string', input: lie(() => '0xdeadbeef'), error: /it is not a receipt/ },
    { name: 'receipt as an array', input: lie((r) => [r]), error: /it is not a receipt/ },
    { name: 'logs not a list', input: lie((r) => ({ ...r, logs: 'none' })), error: NOT_RIGHT },
    {
      // A reader that walked the prototype chain would find the logs; JSON.parse makes `__proto__` an own key.
      name: 'logs hidden behind a __proto__ key',
      input: lie((r) =>
        JSON.parse(JSON.stringify(r).replace('"logs":', '"__proto__":{"polluted":1},"hidden":')),
      ),
      error: NOT_RIGHT,
    },
    { name: 'no logs at all', input: lie((r) => ({ ...r, logs: [] })), error: NO_MESSAGE },
    {
      name: 'log data odd-length hex',
      input: inLog((l) => (l.data = `${String(l.data)}f`)),
      error: NO_MESSAGE,
    },
    {
      name: 'log data truncated to 31 bytes',
      input: inLog((l) => (l.data = `0x${'00'.repeat(31)}`)),
      error: NO_MESSAGE,
    },
    {
      name: 'log topic of 31 bytes',
      input: inLog((l) => ((l.topics as string[])[0] = `0x${'ab'.repeat(31)}`)),
      error: NO_MESSAGE,
    },
    { name: 'log topics missing', input: inLog((l) => (l.topics = [])), error: NO_MESSAGE },
    {
      name: 'log from another contract',
      input: inLog((l) => (l.address = '0x000000000000000000000000000000000000dEaD')),
      error: NO_MESSAGE,
    },
    {
      name: 'log topics with unicode',
      input: inLog((l) => ((l.topics as string[])[1] = `0x${'٣'.repeat(64)}`)),
      error: NO_MESSAGE,
    },
    {
      name: 'log block number not hex',
      input: inLog((l) => (l.blockNumber = '0xzz')),
      error: /cannot be right: Cannot convert 0xzz/,
    },
    {
      name: 'log index huge',
      input: inLog((l) => (l.logIndex = `0x${'f'.repeat(64)}`)),
      error: /cannot be right: a log index of/,
    },
    {
      name: 'log block number 2^256-1',
      input: inLog((l) => (l.blockNumber = `0x${'f'.repeat(64)}`)),
      error: /cannot be right: a block number of/,
    },
    { name: 'receipt is null-ish object', input: lie(() => ({})), error: /it is not a receipt/ },
    {
      name: 'a JSON-RPC error',
      input: { kind: 'rpcError', code: -32000, message: 'header not found' },
      error: /header not found/,
    },
    { name: 'a body that is not JSON', input: { kind: 'malformed' }, error: /HTTP request failed/ },
    { name: 'HTTP 500', input: { kind: 'http', status: 500 }, error: /HTTP|500/ },
  ]
}

describe('bad RPC replies', () => {
  it('the honest proxy tracks the transfer in a scratch store (the corpus lies about a real transaction)', async () => {
    const scratch = await openIndexedDbStore({ name: 'corpus-rpc-scratch' })
    const honest = await createTracker({
      store: scratch,
      defaultChains: [{ id: 901, name: 'A', rpcUrl: rpc.url, nativeSymbol: 'ETH' }],
    })
    expect(await honest.trackTransaction(901, tx)).toHaveLength(1)
    await scratch.close()
  })

  it.each(cases().map((c) => [c.name, c] as const))('%s: refused, named, store unchanged', async (_n, c) => {
    const before = await exportHistory(store, { exportedAt: 0 })
    rpc.inject({ fault: c.input, methods: ['eth_getTransactionReceipt'] })
    try {
      const error = await tracker.trackTransaction(901, tx).then(
        (found) => new Error(`accepted: ${JSON.stringify(found.map((m) => m.hash))}`),
        (e: unknown) => e as Error,
      )
      expect(error.message).not.toMatch(/^accepted/)
      expect(error.message).toMatch(c.error)
    } finally {
      rpc.clear()
    }
    expect(await exportHistory(store, { exportedAt: 0 })).toBe(before)
    assertNoPollution()
  })

  it('a node lying about its chain id: refused before reading a receipt, named, store unchanged', async () => {
    const before = await exportHistory(store, { exportedAt: 0 })
    // A fresh tracker: the first use of a chain asks its RPC which chain it serves.
    const fresh = await createTracker({
      store,
      defaultChains: [{ id: 901, name: 'Devnet L2 A', rpcUrl: rpc.url, nativeSymbol: 'ETH' }],
    })
    rpc.inject({ fault: { kind: 'wrongChainId', chainId: 10 } })
    try {
      const error = await fresh.trackTransaction(901, tx).catch((e: unknown) => e as Error)
      expect(error).toBeInstanceOf(Error)
      expect((error as Error).message).toMatch(/chain 901.*(10\b|serves chain 10)|10.*901/)
    } finally {
      rpc.clear()
    }
    expect(await exportHistory(store, { exportedAt: 0 })).toBe(before)
  })
})
