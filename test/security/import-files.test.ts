/**
 * Bad-input corpus: history files (the options page's Import, the CLI's state file history). Every case is refused
 * with a HistoryImportError naming the path and the problem, and the IndexedDB store (fake-indexeddb: the real
 * store code over an in-memory IndexedDB) holds exactly what it held before.
 */
import 'fake-indexeddb/auto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { HistoryImportError } from '../../src/core/store/errors'
import { openIndexedDbStore } from '../../src/core/store/indexedDbStore'
import { erc20Transfer, ethTransfer } from '../../src/core/store/messageFixtures.test-helper'
import { exportHistory } from '../../src/core/store/serialize'
import type { MessageStore } from '../../src/core/store/types'
import { createTracker } from '../../src/core/tracker/tracker'
import type { Tracker } from '../../src/core/tracker/api'
import {
  assertNoPollution,
  BAD_HEX,
  POLLUTION_KEYS,
  withPollutionKey,
  withValue,
  type BadCase,
} from './corpus'

let store: MessageStore
let tracker: Tracker
// The file holds one ERC-20 transfer, exported by the real code; the store holds another message the import must
// not disturb. Built before the cases are listed (top-level await).
const source = await openIndexedDbStore({ name: 'corpus-import-source' })
await source.upsert(erc20Transfer())
const validFile = JSON.parse(await exportHistory(source, { exportedAt: 1_700_000_000_000 })) as Record<
  string,
  unknown
>
await source.close()

beforeAll(async () => {
  store = await openIndexedDbStore({ name: 'corpus-import-target' })
  await store.upsert(ethTransfer({ nonce: 7n }))
  tracker = await createTracker({
    store,
    defaultChains: [
      { id: 901, name: 'A', rpcUrl: 'http://127.0.0.1:1', nativeSymbol: 'ETH' },
      { id: 902, name: 'B', rpcUrl: 'http://127.0.0.1:2', nativeSymbol: 'ETH' },
    ],
    verifyChains: false,
  })
})
afterAll(async () => {
  await store?.close()
})

const M = ['messages', 0] as const
const at = (path: readonly (string | number)[], value: unknown) =>
  JSON.stringify(withValue(validFile, path, value))

function cases(): BadCase<string>[] {
  const list: BadCase<string>[] = [
    { name: 'empty text', input: '', error: /not valid JSON/ },
    { name: 'truncated JSON', input: '{"format":', error: /not valid JSON/ },
    { name: 'null', input: 'null', error: /expected a history file object, got null/ },
    { name: 'an array', input: '[]', error: /expected a history file object/ },
    { name: 'a number', input: '42', error: /expected a history file object, got 42/ },
    { name: 'a string', input: '"history"', error: /expected a history file object/ },
    {
      name: 'another format',
      input: at(['format'], 'metamask-backup'),
      error: /^format: .*not a Superchain Relay history file/,
    },
    { name: 'no format', input: at(['format'], undefined), error: /^format: / },
    { name: 'version 0', input: at(['version'], 0), error: /^version: expected a positive integer/ },
    {
      name: 'version from the future',
      input: at(['version'], 99),
      error: /^version: this file is version 99, written by a newer/,
    },
    {
      name: 'version as text',
      input: at(['version'], '1'),
      error: /^version: expected a positive integer, got '1'/,
    },
    {
      name: 'negative exportedAt',
      input: at(['exportedAt'], -5),
      error: /^exportedAt: expected a time in ms/,
    },
    {
      name: 'messages not an array',
      input: at(['messages'], { 0: {} }),
      error: /^messages: expected an array/,
    },
    { name: 'a message that is null', input: at([...M], null), error: /^messages\[0\]/ },
    { name: 'a message that is a string', input: at([...M], 'hi'), error: /^messages\[0\]/ },
    {
      name: 'an unknown field',
      input: at([...M, 'isAdmin'], true),
      error: /^messages\[0\]\.isAdmin: unknown field/,
    },
    { name: 'an unknown top-level field', input: at(['owner'], 'me'), error: /^owner: unknown field/ },
  ]
  for (const [label, value] of Object.entries(BAD_HEX)) {
    list.push({
      name: `hash ${label}`,
      input: at([...M, 'hash'], value),
      error: /^messages\[0\]\.hash: expected a 32-byte/,
    })
    list.push({
      name: `sourceTransactionHash ${label}`,
      input: at([...M, 'sourceTransactionHash'], value),
      error: /^messages\[0\]\.sourceTransactionHash: expected a 32-byte/,
    })
  }
  for (const [field, value] of [
    ['sender', '0x42'],
    ['sender', '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92267'], // bad EIP-55 checksum
    ['target', 'vitalik.eth'],
    ['target', `0x${'g'.repeat(40)}`],
    ['target', 12345],
  ] as const) {
    list.push({
      name: `${field} ${String(value)}`,
      input: at([...M, field], value),
      error: new RegExp(`^messages\\[0\\]\\.${field}: expected an address`),
    })
  }
  for (const value of ['0xabc', 'not hex', 42, null]) {
    list.push({
      name: `message body ${String(value)}`,
      input: at([...M, 'message'], value),
      error: /^messages\[0\]\.message: expected 0x-prefixed hex bytes/,
    })
  }
  for (const value of ['-1', '1.5', '1e3', ' 1', (2n ** 256n).toString(), '9'.repeat(100), 7, '0x10', '١']) {
    list.push({
      name: `nonce ${String(value).slice(0, 20)}`,
      input: at([...M, 'nonce'], value),
      error: /^messages\[0\]\.nonce: expected (a decimal integer string|a value that fits in uint256)/,
    })
  }
  for (const field of ['source', 'destination'] as const) {
    for (const value of [0, -1, 1.5, 2 ** 53 + 2, '901', null]) {
      list.push({
        name: `${field} ${String(value)}`,
        input: at([...M, field], value),
        error: new RegExp(`^messages\\[0\\]\\.${field}: expected a chain id`),
      })
    }
  }
  for (const value of ['done', 'RELAYED', '', 7]) {
    list.push({
      name: `status ${String(value)}`,
      input: at([...M, 'status'], value),
      error: /^messages\[0\]\.status: expected one of/,
    })
  }
  for (const value of [-1, 1.5, 'yesterday', 1e300]) {
    list.push({
      name: `createdAt ${String(value)}`,
      input: at([...M, 'createdAt'], value),
      error: /^messages\[0\]\.createdAt: expected a time in ms/,
    })
  }
  for (const value of ['0x42', 'alice', null]) {
    list.push({
      name: `accounts entry ${String(value)}`,
      input: at([...M, 'accounts', 0], value),
      error: /^messages\[0\]\.accounts\[0\]: expected an address/,
    })
  }
  list.push({
    name: 'accounts not an array',
    input: at([...M, 'accounts'], 'alice'),
    error: /^messages\[0\]\.accounts/,
  })
  // The hash is derived from the message's fields: a file cannot attach one message's status to another's hash.
  list.push({
    name: 'hash of another message',
    input: at([...M, 'hash'], `0x${'ab'.repeat(32)}`),
    error: /^messages\[0\]\.hash: .*(does not match|is not the hash)/,
  })
  list.push({
    name: 'nonce changed under the same hash',
    input: at([...M, 'nonce'], '99'),
    error: /^messages\[0\]\.hash/,
  })
  list.push({
    name: 'missing hash',
    input: at([...M, 'hash'], undefined),
    error: /^messages\[0\]\.hash: expected a 32-byte/,
  })
  list.push({
    name: 'missing nonce',
    input: at([...M, 'nonce'], undefined),
    error: /^messages\[0\]\.nonce: expected a decimal integer string, got nothing/,
  })
  for (const key of POLLUTION_KEYS) {
    list.push({
      name: `${key} key in the file`,
      input: withPollutionKey(validFile, [], key),
      error: new RegExp(`${key}.*unknown field|unknown field`),
    })
    list.push({
      name: `${key} key in a message`,
      input: withPollutionKey(validFile, [...M], key),
      error: /^messages\[0\]/,
    })
    list.push({
      name: `${key} key in an intent`,
      input: withPollutionKey(validFile, [...M, 'intent'], key),
      error: /^messages\[0\]\.intent/,
    })
  }
  return list
}

describe('bad history files', () => {
  it('a valid file is accepted by the same path (the corpus mutates a file that works)', async () => {
    const scratch = await openIndexedDbStore({ name: 'corpus-import-scratch' })
    const t = await createTracker({ store: scratch, defaultChains: [], verifyChains: false })
    expect(await t.importHistory(JSON.stringify(validFile))).toMatchObject({ added: 1 })
    await scratch.close()
  })

  it.each(cases().map((c) => [c.name, c] as const))(
    '%s: refused, named, store unchanged',
    async (_name, c) => {
      const before = await exportHistory(store, { exportedAt: 0 })
      const error = await tracker.importHistory(c.input).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(HistoryImportError)
      expect((error as Error).message).toMatch(c.error)
      expect(await exportHistory(store, { exportedAt: 0 })).toBe(before)
      assertNoPollution()
    },
  )
})
