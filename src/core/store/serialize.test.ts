import { keccak256 } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { beforeAll, describe, expect, it } from 'vitest'

import { normalizeAddress, type TrackedMessage } from '../model/message'
import { HistoryImportError } from './errors'
import { createMemoryStore } from './memoryStore'
import { asImported } from './importPolicy'
import {
  ALICE,
  BOB,
  CAROL,
  erc20Transfer,
  ethTransfer,
  relayedGenericMessage,
} from './messageFixtures.test-helper'
import { exportHistory, HISTORY_FORMAT, importHistory, parseHistory, type HistoryFile } from './serialize'
import type { MessageStore } from './types'

async function storeWith(messages: TrackedMessage[]): Promise<MessageStore> {
  const store = createMemoryStore()
  await store.upsertMany(messages)
  return store
}

/** A valid file of three messages, as plain JSON data a test can break in one place. */
async function validFile(): Promise<HistoryFile> {
  const store = await storeWith([
    erc20Transfer({ nonce: 1n, createdAt: 3_000 }),
    ethTransfer({ nonce: 2n, createdAt: 2_000 }),
    relayedGenericMessage({ createdAt: 1_000 }),
  ])
  return JSON.parse(await exportHistory(store, { exportedAt: 5_000 })) as HistoryFile
}

describe('exportHistory', () => {
  it('writes the documented envelope, newest message first', async () => {
    const file = await validFile()
    expect(file.format).toBe('superchain-relay-history')
    expect(file.version).toBe(2)
    expect(file.exportedAt).toBe(5_000)
    expect(file.messages.map((m) => m.createdAt)).toEqual([3_000, 2_000, 1_000])
  })

  it('writes every bigint as a decimal string and omits absent optional fields', async () => {
    const [erc20, , generic] = (await validFile()).messages
    expect(erc20?.nonce).toBe('1')
    expect(erc20?.intent).toEqual({
      kind: 'erc20',
      token: '0x420beeF000000000000000000000000000000001',
      from: ALICE,
      to: BOB,
      amount: '1000000000000000000000',
      symbol: 'TEST',
      decimals: 18,
    })
    expect(erc20).not.toHaveProperty('initiatingLog')
    expect(erc20).not.toHaveProperty('relay')
    expect(generic?.initiatingLog).toMatchObject({
      blockNumber: '18446744073709551615',
      timestamp: '1767225599',
    })
    expect(generic?.relay).toMatchObject({ blockNumber: '120', timestamp: '1767225660' })
  })

  it('writes only the fields import accepts, even if a stored object carries more', async () => {
    const store = await storeWith([{ ...erc20Transfer(), debugNote: 'x' } as TrackedMessage])
    const json = await exportHistory(store)
    expect(json).not.toContain('debugNote')
    expect(parseHistory(json)).toHaveLength(1)
  })
})

describe('importHistory merge policy', () => {
  it('adds messages the store lacks and skips the ones it already has unchanged', async () => {
    const original = [erc20Transfer({ nonce: 1n }), ethTransfer({ nonce: 2n })]
    const json = await exportHistory(await storeWith(original))
    const target = createMemoryStore()
    expect(await importHistory(target, json)).toEqual({ added: 2, updated: 0, skipped: 0 })
    expect(await importHistory(target, json)).toEqual({ added: 0, updated: 0, skipped: 2 })
    expect(await target.list()).toHaveLength(2)
  })

  it('starts imported messages unverified: only what the chain cannot be asked offline is kept', async () => {
    const now = 10_000
    const [generic] = [relayedGenericMessage({ createdAt: 1_000 })]
    const target = createMemoryStore()
    await importHistory(target, await exportHistory(await storeWith([generic])), { now })
    const stored = await target.get(generic.hash)
    // The file said finalized, relayed, journaled and failed: none of it is taken on its word.
    expect(stored).toEqual({
      hash: generic.hash,
      source: generic.source,
      destination: generic.destination,
      nonce: generic.nonce,
      sender: generic.sender,
      target: generic.target,
      message: generic.message,
      intent: generic.intent,
      sourceTransactionHash: generic.sourceTransactionHash,
      status: 'pending',
      unverified: true,
      accounts: generic.accounts,
      createdAt: 1_000,
      updatedAt: generic.updatedAt,
    })
  })

  it('bounds the times a file claims: nothing imported is newer than the import', async () => {
    const now = 1_800_000_000_000
    const future = erc20Transfer({ createdAt: now + 10 ** 12, updatedAt: now + 10 ** 13 })
    const target = createMemoryStore()
    await importHistory(target, await exportHistory(await storeWith([future])), { now })
    expect(await target.get(future.hash)).toMatchObject({ createdAt: now, updatedAt: now })
  })

  it('replaces an unverified (imported) message only with a copy updated later', async () => {
    const base = erc20Transfer({ updatedAt: 1_000 })
    const target = createMemoryStore()
    await importHistory(target, await exportHistory(await storeWith([base])), { now: 5_000 })
    const newer = await exportHistory(
      await storeWith([{ ...base, sourceTransactionHash: `0x${'77'.repeat(32)}`, updatedAt: 2_000 }]),
    )
    expect(await importHistory(target, newer, { now: 5_000 })).toEqual({ added: 0, updated: 1, skipped: 0 })
    expect(await target.get(base.hash)).toMatchObject({
      status: 'pending',
      unverified: true,
      sourceTransactionHash: `0x${'77'.repeat(32)}`,
      updatedAt: 2_000,
    })
    expect(await importHistory(target, newer, { now: 5_000 })).toEqual({ added: 0, updated: 0, skipped: 1 })
  })

  it('never changes where a confirmed message stands; a later copy only adds accounts it involves', async () => {
    const local = { ...ethTransfer({ updatedAt: 1_000, status: 'ready' }), accounts: [normalizeAddress(BOB)] }
    const target = await storeWith([local])
    const claim = await exportHistory(
      await storeWith([{ ...local, status: 'finalized', accounts: [ALICE, BOB, CAROL], updatedAt: 2_000 }]),
    )
    expect(await importHistory(target, claim)).toEqual({ added: 0, updated: 1, skipped: 0 })
    // CAROL is no party to this transfer: listed in the file, dropped on the way in.
    expect(await target.get(local.hash)).toEqual({
      ...local,
      accounts: [normalizeAddress(BOB), normalizeAddress(ALICE)],
    })
    expect(await importHistory(target, claim)).toEqual({ added: 0, updated: 0, skipped: 1 })
  })

  it('never lets an older or equally old copy overwrite the stored one', async () => {
    const local = erc20Transfer({ updatedAt: 5_000, status: 'finalized' })
    const target = await storeWith([local])
    const older = await exportHistory(await storeWith([{ ...local, status: 'ready', updatedAt: 4_000 }]))
    const sameAge = await exportHistory(await storeWith([{ ...local, status: 'failed' }]))
    expect(await importHistory(target, older)).toEqual({ added: 0, updated: 0, skipped: 1 })
    expect(await importHistory(target, sameAge)).toEqual({ added: 0, updated: 0, skipped: 1 })
    expect(await target.get(local.hash)).toEqual(local)
  })

  it('collapses entries with the same hash to the most recently updated one', async () => {
    const message = ethTransfer({ updatedAt: 1_000 })
    const file = await validFile()
    const [entry] = JSON.parse(await exportHistory(await storeWith([message])))
      .messages as HistoryFile['messages']
    if (!entry) throw new Error('no entry exported')
    file.messages = [
      { ...entry, status: 'ready', updatedAt: 1_000 },
      { ...entry, status: 'relayed', updatedAt: 3_000 },
      { ...entry, status: 'initiated', updatedAt: 2_000 },
      // Same message, hash spelled in upper case: still the same identity.
      { ...entry, hash: `0x${entry.hash.slice(2).toUpperCase()}`, status: 'pending', updatedAt: 500 },
    ]
    const target = createMemoryStore()
    const now = 10_000
    expect(await importHistory(target, JSON.stringify(file), { now })).toEqual({
      added: 1,
      updated: 0,
      skipped: 3,
    })
    expect(await target.list()).toEqual([asImported({ ...message, updatedAt: 3_000 }, now)])
  })
})

type Mutation = (file: HistoryFile & Record<string, unknown>) => void
/** Breaks one field of `messages[i]`; `undefined` removes it. */
const setField =
  (index: number, path: string, value: unknown): Mutation =>
  (file) => {
    const keys = path.split('.')
    let target = file.messages[index] as Record<string, unknown>
    for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>
    const last = keys[keys.length - 1] as string
    if (value === undefined) delete target[last]
    else target[last] = value
  }

const rejections: [string, Mutation, string][] = [
  [
    'a nonce that is not a number',
    setField(1, 'nonce', 'abc'),
    "messages[1].nonce: expected a decimal integer string, got 'abc'",
  ],
  [
    'a negative nonce',
    setField(0, 'nonce', '-1'),
    "messages[0].nonce: expected a decimal integer string, got '-1'",
  ],
  [
    'a nonce with a leading zero',
    setField(0, 'nonce', '01'),
    "messages[0].nonce: expected a decimal integer string, got '01'",
  ],
  [
    'a hex nonce',
    setField(0, 'nonce', '0x1'),
    "messages[0].nonce: expected a decimal integer string, got '0x1'",
  ],
  [
    'a nonce as a JSON number',
    setField(0, 'nonce', 1),
    'messages[0].nonce: expected a decimal integer string, got 1',
  ],
  [
    'a nonce above uint256',
    setField(0, 'nonce', (2n ** 256n).toString()),
    'messages[0].nonce: expected a value that fits in uint256',
  ],
  [
    'a missing nonce',
    setField(2, 'nonce', undefined),
    'messages[2].nonce: expected a decimal integer string, got nothing',
  ],
  [
    'a short hash',
    setField(0, 'hash', '0x1234'),
    "messages[0].hash: expected a 32-byte 0x-prefixed hex string, got '0x1234'",
  ],
  ['a hash that does not follow from the fields', setField(0, 'destination', 903), 'messages[0].hash: 0x'],
  ['a tampered amount in the body', setField(0, 'message', '0x00'), 'messages[0].hash: 0x'],
  [
    'a zero chain id',
    setField(0, 'source', 0),
    'messages[0].source: expected a chain id (a positive integer), got 0',
  ],
  [
    'a chain id as a string',
    setField(0, 'source', '901'),
    "messages[0].source: expected a chain id (a positive integer), got '901'",
  ],
  [
    'a malformed sender',
    setField(1, 'sender', '0x42'),
    "messages[1].sender: expected an address, got '0x42'",
  ],
  [
    'a target with a bad checksum',
    setField(1, 'target', '0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266'),
    'messages[1].target: expected an address',
  ],
  [
    'an odd-length body',
    setField(1, 'message', '0xabc'),
    "messages[1].message: expected 0x-prefixed hex bytes, got '0xabc'",
  ],
  [
    'an unknown status',
    setField(2, 'status', 'done'),
    "messages[2].status: expected one of 'pending', 'initiated', 'ready', 'relaying', 'relayed', 'finalized', 'failed', 'expired', 'reorged', 'vanished', got 'done'",
  ],
  [
    'an unknown safety level',
    setField(2, 'sourceSafety', 'latest'),
    "messages[2].sourceSafety: expected one of 'unsafe', 'safe', 'finalized', got 'latest'",
  ],
  [
    'a missing intent',
    setField(0, 'intent', undefined),
    'messages[0].intent: expected an intent object, got nothing',
  ],
  [
    'an unknown intent kind',
    setField(0, 'intent.kind', 'nft'),
    "messages[0].intent.kind: expected one of 'erc20', 'eth', 'generic', got 'nft'",
  ],
  [
    'an erc20 intent without an amount',
    setField(0, 'intent.amount', undefined),
    'messages[0].intent.amount: expected a decimal integer string, got nothing',
  ],
  [
    'an erc20 intent with a bad token',
    setField(0, 'intent.token', 'weth'),
    "messages[0].intent.token: expected an address, got 'weth'",
  ],
  [
    'token decimals out of range',
    setField(0, 'intent.decimals', 300),
    'messages[0].intent.decimals: expected token decimals (an integer from 0 to 255), got 300',
  ],
  [
    'a token symbol that is not text',
    setField(0, 'intent.symbol', 5),
    'messages[0].intent.symbol: expected a string, got 5',
  ],
  [
    'an eth intent with a token field',
    setField(1, 'intent.token', ALICE),
    'messages[1].intent.token: unknown field',
  ],
  [
    'a selector that is not 4 bytes',
    setField(2, 'intent.selector', '0xa9059c'),
    "messages[2].intent.selector: expected 4 bytes of hex, got '0xa9059c'",
  ],
  [
    'a bad source transaction hash',
    setField(0, 'sourceTransactionHash', 'pending'),
    "messages[0].sourceTransactionHash: expected a 32-byte 0x-prefixed hex string, got 'pending'",
  ],
  [
    'a block number as a JSON number',
    setField(2, 'initiatingLog.blockNumber', 12),
    'messages[2].initiatingLog.blockNumber: expected a decimal integer string, got 12',
  ],
  [
    'a negative log index',
    setField(2, 'initiatingLog.logIndex', -1),
    'messages[2].initiatingLog.logIndex: expected a non-negative integer, got -1',
  ],
  [
    'a relay timestamp in hex',
    setField(2, 'relay.timestamp', '0x10'),
    "messages[2].relay.timestamp: expected a decimal integer string, got '0x10'",
  ],
  ['a null relay', setField(2, 'relay', null), 'messages[2].relay: expected a relay object, got null'],
  [
    'a pending relay without a relayer',
    setField(2, 'pendingRelay.relayer', undefined),
    'messages[2].pendingRelay.relayer: expected an address, got nothing',
  ],
  [
    'a failure reason that is not text',
    setField(2, 'failure.reason', 42),
    'messages[2].failure.reason: expected a string, got 42',
  ],
  [
    'accounts that are not a list',
    setField(0, 'accounts', ALICE),
    `messages[0].accounts: expected an array, got '${ALICE}'`,
  ],
  [
    'a malformed account',
    setField(2, 'accounts', [ALICE, 'bob']),
    "messages[2].accounts[1]: expected an address, got 'bob'",
  ],
  [
    'a fractional createdAt',
    setField(0, 'createdAt', 1.5),
    'messages[0].createdAt: expected a time in ms since epoch (a non-negative integer), got 1.5',
  ],
  [
    'a missing updatedAt',
    setField(0, 'updatedAt', undefined),
    'messages[0].updatedAt: expected a time in ms since epoch',
  ],
  ['an unknown message field', setField(1, 'note', 'hi'), 'messages[1].note: unknown field'],
  [
    'a message that is not an object',
    (f) => void (f.messages[1] = 'x' as never),
    "messages[1]: expected a message object, got 'x'",
  ],
  [
    'a wrong format tag',
    (f) => void (f.format = 'metamask-state' as never),
    "format: expected 'superchain-relay-history', got 'metamask-state'",
  ],
  [
    'no format tag',
    (f) => void delete (f as Partial<HistoryFile>).format,
    "format: expected 'superchain-relay-history', got nothing",
  ],
  [
    'a future version',
    (f) => void (f.version = 3 as never),
    'version: this file is version 3, written by a newer Superchain Relay; this build reads version 2',
  ],
  [
    'a version as text',
    (f) => void (f.version = '1' as never),
    "version: expected a positive integer, got '1'",
  ],
  [
    'a bad exportedAt',
    (f) => void (f.exportedAt = -1),
    'exportedAt: expected a time in ms since epoch (a non-negative integer), got -1',
  ],
  [
    'messages that are not a list',
    (f) => void (f.messages = {} as never),
    'messages: expected an array, got {}',
  ],
  ['an unknown top-level field', (f) => void (f.extra = true), 'extra: unknown field'],
]

describe('importHistory validation', () => {
  it.each(rejections)('rejects %s, naming the field, and writes nothing', async (_name, mutate, expected) => {
    const local = erc20Transfer({ nonce: 99n })
    const store = await storeWith([local])
    const file = (await validFile()) as HistoryFile & Record<string, unknown>
    mutate(file)

    const attempt = importHistory(store, JSON.stringify(file))
    await expect(attempt).rejects.toBeInstanceOf(HistoryImportError)
    await expect(attempt).rejects.toThrow(expected)
    expect(await store.list()).toEqual([local])
  })

  it('names the field in `path` for programmatic use', async () => {
    const file = await validFile()
    setField(1, 'intent.amount', '1e18')(file as HistoryFile & Record<string, unknown>)
    const error = await importHistory(createMemoryStore(), JSON.stringify(file)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HistoryImportError)
    expect((error as HistoryImportError).path).toBe('messages[1].intent.amount')
  })

  it('writes none of the valid entries when a later one is bad', async () => {
    const file = await validFile()
    setField(2, 'status', 'lost')(file as HistoryFile & Record<string, unknown>)
    const store = createMemoryStore()
    await expect(importHistory(store, JSON.stringify(file))).rejects.toThrow('messages[2].status')
    expect(await store.list()).toEqual([])
  })

  it.each([
    ['text that is not JSON', 'hello', /not a history file: the text is not valid JSON/],
    ['an empty file', '', /not valid JSON/],
    ['a JSON array', '[]', 'expected a history file object, got []'],
    ['JSON null', 'null', 'expected a history file object, got null'],
  ])('rejects %s before touching the store', async (_name, json, expected) => {
    const local = ethTransfer()
    const store = await storeWith([local])
    const attempt = importHistory(store, json)
    await expect(attempt).rejects.toBeInstanceOf(HistoryImportError)
    await expect(attempt).rejects.toThrow(expected)
    expect(await store.list()).toEqual([local])
  })

  it('quotes at most a short prefix of a huge bad value', async () => {
    const file = await validFile()
    setField(0, 'nonce', '9'.repeat(10_000) + 'x')(file as HistoryFile & Record<string, unknown>)
    const error = (await importHistory(createMemoryStore(), JSON.stringify(file)).catch(
      (e: unknown) => e,
    )) as Error
    expect(error.message.length).toBeLessThan(200)
  })

  // Guards the table above: each case must fail because of its one broken field, not a broken baseline.
  it('accepts the unbroken fixture file', async () => {
    const file = await validFile()
    expect(file.format).toBe(HISTORY_FORMAT)
    expect(await importHistory(createMemoryStore(), JSON.stringify(file))).toEqual({
      added: 3,
      updated: 0,
      skipped: 0,
    })
  })
})

describe('version 2: the relay journal and location changes', () => {
  // A real signed transaction: the journal rebroadcasts these bytes, so they must hash to the recorded tx hash.
  let raw: `0x${string}`
  beforeAll(async () => {
    const account = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
    raw = await account.signTransaction({
      chainId: 902,
      to: BOB,
      value: 1n,
      nonce: 3,
      gas: 21_000n,
      maxFeePerGas: 2n,
      maxPriorityFeePerGas: 1n,
    })
  })

  it('round-trips a signed pending relay, an intent, a vanished status and a location change', async () => {
    const message: TrackedMessage = {
      ...relayedGenericMessage(),
      status: 'vanished',
      pendingRelay: {
        transactionHash: keccak256(raw),
        relayer: BOB,
        submittedAt: 10,
        stage: 'signed',
        rawTransaction: raw,
        nonce: 3,
        accessList: 'unverified',
      },
      relayIntent: { relayer: ALICE, startedAt: 11 },
      locationChange: {
        cause: 'chainReset',
        at: 12,
        from: { blockNumber: 481n, logIndex: 2, transactionHash: `0x${'ab'.repeat(32)}` },
        to: { blockNumber: 6n, logIndex: 0, transactionHash: `0x${'cd'.repeat(32)}` },
      },
    }
    const json = await exportHistory(await storeWith([message]))
    expect(json).toContain('"blockNumber": "481"')
    expect(parseHistory(json)).toEqual([message])
  })

  it('refuses raw bytes that are not the transaction the hash names (they would be broadcast)', async () => {
    const file = await validFile()
    const entry = file.messages[0] as unknown as Record<string, unknown>
    entry.pendingRelay = {
      transactionHash: `0x${'12'.repeat(32)}`,
      relayer: BOB,
      submittedAt: 1,
      rawTransaction: raw,
    }
    expect(() => parseHistory(JSON.stringify(file))).toThrow(
      'messages[0].pendingRelay.rawTransaction: is not the signed transaction',
    )
  })

  it('still reads a version 1 file', async () => {
    const file = await validFile()
    expect(parseHistory(JSON.stringify({ ...file, version: 1 }))).toHaveLength(3)
  })
})

describe('what a message’s bytes determine is derived again, not taken from the file', () => {
  async function entryOf(message: TrackedMessage): Promise<Record<string, unknown>> {
    const file = JSON.parse(await exportHistory(await storeWith([message]))) as HistoryFile
    return file.messages[0] as unknown as Record<string, unknown>
  }
  const fileWith = (entry: Record<string, unknown>) =>
    JSON.stringify({ format: HISTORY_FORMAT, version: 2, exportedAt: 1, messages: [entry] })

  it('reads the transfer from the body: a file cannot inflate its amount or change its recipient', async () => {
    const transfer = erc20Transfer({ amount: 10n })
    const entry = await entryOf(transfer)
    entry.intent = { ...(entry.intent as object), amount: '1000000', to: CAROL }
    const [parsed] = parseHistory(fileWith(entry))
    expect(parsed?.intent).toEqual(transfer.intent)
  })

  it('does not let a generic message pass for a token transfer', async () => {
    const generic = relayedGenericMessage()
    const entry = await entryOf(generic)
    entry.intent = {
      kind: 'erc20',
      token: BOB,
      from: BOB,
      to: CAROL,
      amount: '5',
      symbol: 'USDC',
      decimals: 6,
    }
    expect(parseHistory(fileWith(entry))[0]?.intent).toEqual({ kind: 'generic', selector: '0xa9059cbb' })
  })

  it('cleans a claimed symbol as a live one: invisible and bidi characters go, a sentence is dropped', async () => {
    const entry = await entryOf(erc20Transfer())
    entry.intent = { ...(entry.intent as object), symbol: '\u202eKCOM\u202c\u0007' }
    expect(parseHistory(fileWith(entry))[0]?.intent).toMatchObject({ symbol: 'KCOM' })
    entry.intent = { ...(entry.intent as object), symbol: 'Claim your refund at evil.example now please' }
    expect(parseHistory(fileWith(entry))[0]?.intent).not.toHaveProperty('symbol')
  })

  it('imports only the listed accounts the message involves', async () => {
    const transfer = erc20Transfer({ from: ALICE, to: BOB })
    const entry = await entryOf(transfer)
    entry.accounts = [CAROL, ALICE.toLowerCase(), ALICE]
    const store = createMemoryStore()
    await importHistory(store, fileWith(entry))
    expect((await store.get(transfer.hash))?.accounts).toEqual([normalizeAddress(ALICE)])
  })
})
