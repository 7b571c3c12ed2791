/**
 * Bad-input corpus: what the options page (and any extension page) sends the background — settings, chains,
 * watched accounts, the relay account's password, hashes and chain ids — through the real message listener and its
 * schemas, onto the real IndexedDB store (fake-indexeddb) and the chrome.storage fake. Every case comes back as an
 * error naming what was wrong, and nothing stored changed: messages, chains, accounts, settings, the vault.
 */
import 'fake-indexeddb/auto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { openIndexedDbStore } from '../../src/core/store/indexedDbStore'
import { erc20Transfer } from '../../src/core/store/messageFixtures.test-helper'
import { exportHistory } from '../../src/core/store/serialize'
import type { MessageStore } from '../../src/core/store/types'
import { createBackground, type Background } from '../../extension/background/background'
import { createFakeHost, ownPage, type FakeHost } from '../../extension/background/fakeHost.test-helper'
import { createWallet, createWalletConnection } from '../../extension/background/wallet'
import { encode } from '../../extension/messaging/codec'
import { PROTOCOL, type ResponseMessage } from '../../extension/messaging/protocol'
import { assertNoPollution, BAD_HEX, type BadCase } from './corpus'

const PASSWORD = 'correct horse battery'
const CHAINS = [
  { id: 901, name: 'Devnet L2 A', rpcUrl: 'http://127.0.0.1:1', nativeSymbol: 'ETH' },
  { id: 902, name: 'Devnet L2 B', rpcUrl: 'http://127.0.0.1:1', nativeSymbol: 'ETH' },
]

let host: FakeHost
let store: MessageStore
let bg: Background

function call(method: string, params: unknown[]): Promise<ResponseMessage> {
  return new Promise((resolve) => {
    bg.onMessage(
      { protocol: PROTOCOL, id: 'corpus', method, params: encode(params) },
      ownPage('options.html'),
      resolve,
    )
  })
}

async function ok(method: string, params: unknown[] = []): Promise<unknown> {
  const response = await call(method, params)
  if (!response.ok) throw new Error(`${method} failed: ${response.error.message}`)
  return response.result
}

/** Everything a bad call could have changed. */
async function snapshot() {
  return JSON.stringify({
    messages: await exportHistory(store, { exportedAt: 0 }),
    chains: await ok('listChains'),
    accounts: await ok('listAccounts'),
    // The popup's snapshot and first screen are a cache the background rewrites on its own schedule (their
    // `asOf` moves with the clock and the chains' health): not something a call stores, so they are left out.
    local: { ...host.storage.local.dump(), popupSnapshot: undefined, popupFirstScreen: undefined },
    session: Object.keys(host.storage.session.dump()).sort(),
  })
}

beforeAll(async () => {
  host = createFakeHost()
  store = await openIndexedDbStore({ name: 'corpus-options' })
  await store.upsert(erc20Transfer())
  bg = createBackground({
    host,
    openStore: async () => store,
    defaultChains: CHAINS,
    verifyChains: false,
    fastPollMs: 3_600_000,
    pbkdf2Iterations: 250_000,
    log: () => {},
    wallet: createWallet(
      createWalletConnection(() => {
        throw new Error('no wallet in this test')
      }),
      host.storage.local,
    ),
  })
  await ok('watchAccount', ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'])
  await ok('createRelayAccount', [PASSWORD])
  await ok('updateSettings', [{ gracePeriodSeconds: 30 }])
})
afterAll(async () => {
  bg?.stop()
  await store?.close()
})

type Call = { method: string; params: unknown[] }
const setting = (patch: unknown): Call => ({ method: 'updateSettings', params: [patch] })
const chain = (patch: Record<string, unknown>): Call => ({
  method: 'addChain',
  params: [{ ...CHAINS[1], id: 903, ...patch }],
})

function cases(): BadCase<Call>[] {
  const list: BadCase<Call>[] = []
  const add = (name: string, input: Call, error: RegExp) => list.push({ name, input, error })

  // Settings, as the Policy and Relay account sections send them.
  for (const value of [-1, 1.5, 86_401, 1e308, -0.5])
    add(
      `grace period ${value}`,
      setting({ gracePeriodSeconds: value }),
      /grace period must be a whole number of seconds from 0 to 86400/,
    )
  add(
    'grace period as text',
    setting({ gracePeriodSeconds: '60' }),
    /gracePeriodSeconds: expected a number of seconds/,
  )
  for (const value of ['shout', '', 'NOTIFY'])
    add(`relay policy '${value}'`, setting({ relayPolicy: value }), /relayPolicy/)
  for (const value of ['blue', '<script>alert(1)</script>', 'dark\u0000'])
    add(`theme ${JSON.stringify(value)}`, setting({ theme: value }), /theme/)
  for (const value of [0, -15, 1_441, 2.5, 2 ** 53 + 2])
    add(
      `auto-lock ${value} minutes`,
      setting({ autoLockMinutes: value }),
      /auto-lock must be a whole number of minutes from 1 to 1440/,
    )
  add(
    'auto-lock as text',
    setting({ autoLockMinutes: '15' }),
    /autoLockMinutes: expected a number of minutes/,
  )
  for (const value of ['0', '-1', '1e16', '0x2386f26fc10000', '01', ' 5', '', '1.5', '１０', '9'.repeat(40)])
    add(
      `fee cap ${JSON.stringify(value)}`,
      setting({ relayFeeCapWei: value }),
      /relay fee cap must be a whole number of wei from 1 to 1000000000000000000 \(1 ETH\)/,
    )
  add(
    'fee cap above 1 ETH',
    setting({ relayFeeCapWei: '1000000000000000001' }),
    /relay fee cap must be at most 1 ETH per relay, got 1\.000000000000000001 ETH/,
  )
  add(
    'fee cap as a number',
    setting({ relayFeeCapWei: 10_000 }),
    /relayFeeCapWei: expected the fee cap in wei as a decimal string/,
  )
  add('a misspelt setting', setting({ gracePeriod: 5 }), /updateSettings: .*gracePeriod/)
  add('a __proto__ setting', setting(JSON.parse('{"__proto__":{"polluted":true}}')), /updateSettings: /)
  add('settings as an array', setting([]), /updateSettings: /)
  add('settings as null', setting(null), /updateSettings: /)
  add('settings as text', setting('theme=dark'), /updateSettings: /)

  // Chains, as the Chains section sends them.
  for (const id of [0, -1, 1.5, 2 ** 53 + 2, '903', null])
    add(`chain id ${String(id)}`, chain({ id }), /id must be a positive integer/)
  for (const name of ['', '   ', 42, null])
    add(`chain name ${JSON.stringify(name)}`, chain({ name }), /name must be a non-empty string/)
  for (const rpcUrl of [
    'javascript:alert(1)',
    'file:///etc/passwd',
    'ftp://127.0.0.1',
    'not a url',
    '',
    'http//127.0.0.1:8545',
    42,
  ])
    add(`rpc url ${JSON.stringify(rpcUrl)}`, chain({ rpcUrl }), /rpcUrl must be an http\/https\/ws\/wss URL/)
  for (const explorerUrl of ['javascript:alert(1)', 'data:text/html,<script>', 'ws://explorer'])
    add(`explorer url ${explorerUrl}`, chain({ explorerUrl }), /explorerUrl must be an/)
  for (const nativeSymbol of ['', 7])
    add(
      `native symbol ${JSON.stringify(nativeSymbol)}`,
      chain({ nativeSymbol }),
      /nativeSymbol must be a non-empty string/,
    )
  for (const name of ['N'.repeat(65), 'x'.repeat(10_000)])
    add(`chain name of ${name.length} characters`, chain({ name }), /name must be at most 64 characters/)
  for (const name of [
    'Devnet\nOP Mainnet',
    'OP \u202eteNniaM',
    'Dev\u0000net',
    'OP\u200bMainnet',
    'A\u0007B',
  ])
    add(
      `chain name ${JSON.stringify(name)}`,
      chain({ name }),
      /name must not contain control or invisible characters, got U\+/,
    )
  add(
    'native symbol of 13 characters',
    chain({ nativeSymbol: 'E'.repeat(13) }),
    /nativeSymbol must be at most 12/,
  )
  for (const nativeSymbol of ['E\tTH', 'ET\r\nH', 'E\u2066TH'])
    add(
      `native symbol ${JSON.stringify(nativeSymbol)}`,
      chain({ nativeSymbol }),
      /nativeSymbol must not contain control or invisible characters/,
    )
  for (const interopDelay of [-1, '5', null])
    add(
      `interop delay ${String(interopDelay)}`,
      chain({ interopDelay }),
      /interopDelay must be a number of seconds/,
    )
  add('chain config null', { method: 'addChain', params: [null] }, /expected an object, got null/)
  add('chain config array', { method: 'addChain', params: [[903]] }, /expected an object/)
  for (const id of [0, -2, 1.5, '901'])
    add(
      `remove chain ${JSON.stringify(id)}`,
      { method: 'removeChain', params: [id] },
      /removeChain: .*expected a chain id/,
    )

  // Watched accounts, as the Accounts section sends them.
  for (const account of [
    '0x42',
    '',
    'vitalik.eth',
    `0x${'g'.repeat(40)}`,
    'f39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    '0x٣٣٣٣',
    ' ',
  ])
    add(
      `watch ${JSON.stringify(account)}`,
      { method: 'watchAccount', params: [account] },
      /(address|account)/i,
    )
  add('watch a number', { method: 'watchAccount', params: [42] }, /watchAccount: .*expected text/)

  // The relay account.
  add(
    'create while one exists',
    { method: 'createRelayAccount', params: [PASSWORD] },
    /already exists: delete it first/,
  )
  add(
    'unlock with a wrong password',
    { method: 'unlockRelayAccount', params: ['wrong password'] },
    /wrong password/,
  )
  add('unlock with no password', { method: 'unlockRelayAccount', params: [''] }, /wrong password|password/)
  add(
    'export with a wrong password',
    { method: 'exportRelayAccount', params: ['hunter22'] },
    /wrong password/,
  )
  add(
    'delete with its address, never exported',
    { method: 'deleteRelayAccount', params: ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'] },
    /is not the relay account|confirm with its password/,
  )
  add('delete with an empty proof', { method: 'deleteRelayAccount', params: [''] }, /type its password/)
  add(
    'delete with a wrong password',
    { method: 'deleteRelayAccount', params: ['not it at all'] },
    /wrong password/,
  )
  add(
    'delete with a number',
    { method: 'deleteRelayAccount', params: [1234] },
    /deleteRelayAccount: .*expected text/,
  )

  // Hashes and chain ids in message calls.
  for (const [label, value] of Object.entries(BAD_HEX)) {
    add(
      `track tx ${label}`,
      { method: 'trackTransaction', params: [901, value] },
      /trackTransaction: .*expected a 32-byte 0x-prefixed hex string/,
    )
    add(
      `relay ${label}`,
      { method: 'relay', params: [value, { kind: 'relayAccount' }, { gas: 1n, maxFeePerGas: 1n }] },
      /relay: .*expected a 32-byte 0x-prefixed hex string/,
    )
  }
  for (const id of [0, -1, 1.5, 'A'])
    add(
      `track on chain ${JSON.stringify(id)}`,
      { method: 'trackTransaction', params: [id, `0x${'ab'.repeat(32)}`] },
      /trackTransaction: .*expected a chain id/,
    )
  add(
    'relay with an unknown signer',
    { method: 'relay', params: [`0x${'ab'.repeat(32)}`, { kind: 'root' }, { gas: 1n, maxFeePerGas: 1n }] },
    /expected a signer of kind 'wallet' or 'relayAccount'/,
  )
  add(
    'relay with a negative approval',
    {
      method: 'relay',
      params: [`0x${'ab'.repeat(32)}`, { kind: 'relayAccount' }, { gas: -1n, maxFeePerGas: 1n }],
    },
    /approved plan|gas/,
  )
  add(
    'top up a negative amount',
    { method: 'topUpRelayAccount', params: [901, -5n] },
    /top-up amount must be more than 0|amount/,
  )
  add(
    'import something that is not a file',
    { method: 'importHistory', params: [{ messages: [] }] },
    /importHistory: .*expected/,
  )
  return list
}

describe('bad options-page fields', () => {
  it('the same calls with good values work (the corpus aims at live code paths)', async () => {
    await ok('getSettings')
    expect(await ok('relayAccountStatus')).toMatchObject({ exists: true })
  })

  it.each(cases().map((c) => [c.name, c] as const))(
    '%s: refused, named, nothing stored changed',
    async (_n, c) => {
      const before = await snapshot()
      const response = await call(c.input.method, c.input.params)
      expect(response.ok).toBe(false)
      if (response.ok) return
      expect(response.error.message).toMatch(c.error)
      expect(await snapshot()).toBe(before)
      assertNoPollution()
    },
  )
})
