// idb recognizes requests and databases through the global IDB* constructors; each test still gets its own factory.
import 'fake-indexeddb/auto'

import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'

import { normalizeAddress, type TrackedMessage } from '../model/message'
import { StoreClosedError, StoreVersionError } from './errors'
import { openIndexedDbStore } from './indexedDbStore'
import {
  ALICE,
  BOB,
  CAROL,
  erc20Transfer,
  ethTransfer,
  relayedGenericMessage,
} from './messageFixtures.test-helper'
import { assertMigrationOrder, MIGRATION_LOG_KEY, MIGRATIONS, type Migration } from './migrations'
import { describeMessageStore } from './storeContract.test-helper'
import type { ScanCursor } from './types'

describeMessageStore('IndexedDB store', () =>
  openIndexedDbStore({ name: 'contract', indexedDB: new IDBFactory() }),
)

/** Opens a database without idb or our migrations, to build or inspect it exactly as a test needs. */
function openRaw(
  factory: IDBFactory,
  name: string,
  version?: number,
  upgrade?: (db: IDBDatabase, tx: IDBTransaction) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, version)
    request.onupgradeneeded = () => upgrade?.(request.result, request.transaction as IDBTransaction)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

function readAll<T>(db: IDBDatabase, storeName: string): Promise<{ key: IDBValidKey; value: T }[]> {
  return new Promise((resolve, reject) => {
    const store = db.transaction(storeName, 'readonly').objectStore(storeName)
    const keys = store.getAllKeys()
    const values = store.getAll()
    values.onsuccess = () => resolve(keys.result.map((key, i) => ({ key, value: values.result[i] as T })))
    values.onerror = () => reject(values.error)
  })
}

const cursor: ScanCursor = {
  chainId: 901,
  account: ALICE,
  direction: 'outgoing',
  fromBlock: 100n,
  toBlock: 20_000n,
  rangeSize: 5_000n,
  updatedAt: 1_767_225_600_000,
}

/** The layout version 1 shipped (migrations.ts step 1), built by hand so the test does not trust the step itself. */
async function createVersion1Database(
  factory: IDBFactory,
  name: string,
  messages: TrackedMessage[],
): Promise<void> {
  const db = await openRaw(factory, name, 1, (db, tx) => {
    const store = db.createObjectStore('messages', { keyPath: 'hash' })
    store.createIndex('createdAt', 'createdAt')
    store.createIndex('status', 'status')
    db.createObjectStore('cursors')
    db.createObjectStore('settings')
    db.createObjectStore('meta')
    for (const message of messages) store.put(message)
    tx.objectStore('cursors').put(cursor, '901:alice:outgoing')
    tx.objectStore('settings').put({ chains: [901, 902] }, 'watched')
  })
  db.close()
}

describe('IndexedDB store persistence', () => {
  it('keeps messages, cursors and settings across close and reopen', async () => {
    const factory = new IDBFactory()
    const first = await openIndexedDbStore({ name: 'persist', indexedDB: factory })
    const message = relayedGenericMessage()
    await first.upsert(message)
    await first.setCursor('k', cursor)
    await first.setSetting('theme', 'dark')
    await first.close()

    const second = await openIndexedDbStore({ name: 'persist', indexedDB: factory })
    expect(await second.get(message.hash)).toEqual(message)
    expect(await second.getCursor('k')).toEqual(cursor)
    expect(await second.getSetting('theme')).toBe('dark')
    await second.close()
  })

  it('stores bigints as bigints, not strings', async () => {
    const factory = new IDBFactory()
    const store = await openIndexedDbStore({ name: 'bigints', indexedDB: factory })
    const message = erc20Transfer()
    await store.upsert(message)
    await store.close()

    const db = await openRaw(factory, 'bigints')
    const [record] = await readAll<TrackedMessage>(db, 'messages')
    expect(typeof record?.value.nonce).toBe('bigint')
    expect(record?.value.intent).toMatchObject({ amount: 1_000_000_000_000_000_000_000n })
    db.close()
  })

  it('closes itself when another context upgrades the database, instead of blocking it', async () => {
    const factory = new IDBFactory()
    const older = await openIndexedDbStore({ name: 'upgrade', indexedDB: factory })
    const next: Migration = { version: MIGRATIONS.length + 1, description: 'no-op', migrate() {} }
    const newer = await openIndexedDbStore({
      name: 'upgrade',
      indexedDB: factory,
      migrations: [...MIGRATIONS, next],
    })
    await expect(older.list()).rejects.toBeInstanceOf(StoreClosedError)
    await expect(older.list()).rejects.toThrow(/another context is upgrading/)
    expect(await newer.list()).toEqual([])
    await newer.close()
  })
})

describe('IndexedDB schema migrations', () => {
  it('builds a fresh database at the latest version and logs every step', async () => {
    const factory = new IDBFactory()
    const store = await openIndexedDbStore({ name: 'fresh', indexedDB: factory, now: () => 42 })
    await store.close()

    const db = await openRaw(factory, 'fresh')
    expect(db.version).toBe(MIGRATIONS.length)
    expect([...db.objectStoreNames].sort()).toEqual(['cursors', 'messages', 'meta', 'settings'])
    const messages = db.transaction('messages', 'readonly').objectStore('messages')
    expect([...messages.indexNames].sort()).toEqual(['accounts', 'createdAt', 'status'])
    expect(messages.index('accounts').multiEntry).toBe(true)
    const meta = await readAll(db, 'meta')
    expect(meta).toEqual([
      {
        key: MIGRATION_LOG_KEY,
        value: MIGRATIONS.map(({ version, description }) => ({ version, description, appliedAt: 42 })),
      },
    ])
    db.close()
  })

  it('migrates a version 1 database to the current schema and keeps all its data', async () => {
    const factory = new IDBFactory()
    // Version 1 kept accounts as discovery spelled them: checksummed here.
    const v1Messages = [
      { ...erc20Transfer({ nonce: 1n, createdAt: 1_000 }), accounts: [ALICE] },
      { ...ethTransfer({ nonce: 2n, createdAt: 2_000 }), accounts: [CAROL, BOB] },
      relayedGenericMessage({ createdAt: 3_000 }),
    ]
    await createVersion1Database(factory, 'legacy', v1Messages)

    const store = await openIndexedDbStore({ name: 'legacy', indexedDB: factory, now: () => 7 })
    const expected = v1Messages.map((m) => ({ ...m, accounts: m.accounts.map(normalizeAddress) }))
    expect(await store.list()).toEqual([...expected].reverse())
    // The accounts index is the new part: it must find records that were written before it existed.
    expect((await store.list({ accounts: [ALICE] })).map((m) => m.hash)).toEqual([expected[0]?.hash])
    expect((await store.list({ accounts: [normalizeAddress(BOB)] })).map((m) => m.hash)).toEqual([
      expected[2]?.hash,
      expected[1]?.hash,
    ])
    expect(await store.getCursor('901:alice:outgoing')).toEqual(cursor)
    expect(await store.getSetting('watched')).toEqual({ chains: [901, 902] })
    await store.close()

    const db = await openRaw(factory, 'legacy')
    expect(db.version).toBe(MIGRATIONS.length)
    const [log] = await readAll(db, 'meta')
    expect(log?.value).toEqual(
      MIGRATIONS.slice(1).map(({ version, description }) => ({ version, description, appliedAt: 7 })),
    )
    db.close()
  })

  it('rolls a failing step back whole and leaves the database at its old version with its data', async () => {
    const factory = new IDBFactory()
    const message = erc20Transfer()
    await createVersion1Database(factory, 'broken', [message])

    const failing: Migration = {
      version: MIGRATIONS.length + 1,
      description: 'breaks half-way',
      async migrate(_db, tx) {
        await tx.objectStore('messages').clear()
        throw new Error('boom')
      },
    }
    const attempt = openIndexedDbStore({
      name: 'broken',
      indexedDB: factory,
      migrations: [...MIGRATIONS, failing],
    })
    await expect(attempt).rejects.toBeInstanceOf(StoreVersionError)
    await expect(attempt).rejects.toThrow(/failed at step 3 \(breaks half-way\).*still at version 1/)
    await expect(attempt).rejects.toMatchObject({ cause: new Error('boom') })

    const db = await openRaw(factory, 'broken')
    expect(db.version).toBe(1)
    expect((await readAll(db, 'messages')).map((r) => r.value)).toEqual([message])
    expect([...db.transaction('messages', 'readonly').objectStore('messages').indexNames]).not.toContain(
      'accounts',
    )
    db.close()

    // The shipped steps alone still upgrade it.
    const store = await openIndexedDbStore({ name: 'broken', indexedDB: factory })
    expect(await store.get(message.hash)).toEqual(message)
    await store.close()
  })

  it('refuses a database written by a newer build with a clear error, leaving it alone', async () => {
    const factory = new IDBFactory()
    const db = await openRaw(factory, 'future', MIGRATIONS.length + 3, (db) =>
      db.createObjectStore('messages'),
    )
    db.close()
    const attempt = openIndexedDbStore({ name: 'future', indexedDB: factory })
    await expect(attempt).rejects.toBeInstanceOf(StoreVersionError)
    await expect(attempt).rejects.toThrow(/newer Superchain Relay/)
    const after = await openRaw(factory, 'future')
    expect(after.version).toBe(MIGRATIONS.length + 3)
    after.close()
  })

  it('accepts only steps numbered 1, 2, 3, … in order', () => {
    const step = (version: number): Migration => ({ version, description: `v${version}`, migrate() {} })
    expect(() => assertMigrationOrder(MIGRATIONS)).not.toThrow()
    expect(() => assertMigrationOrder([])).toThrow(/at least/)
    expect(() => assertMigrationOrder([step(1), step(3)])).toThrow(/version 3, expected 2/)
    expect(() => assertMigrationOrder([step(2), step(1)])).toThrow(/version 2, expected 1/)
  })

  it('will not open with a misnumbered step list', async () => {
    const bad = [...MIGRATIONS, { version: 9, description: 'gap', migrate() {} }]
    await expect(
      openIndexedDbStore({ name: 'gap', indexedDB: new IDBFactory(), migrations: bad }),
    ).rejects.toThrow(/expected 3/)
  })
})

describe('records read back are validated', () => {
  /** Writes records straight into the messages store, as an older build, a bug or devtools could. */
  async function plant(factory: IDBFactory, name: string, records: unknown[]): Promise<void> {
    const db = await openRaw(factory, name)
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('messages', 'readwrite')
      for (const record of records) tx.objectStore('messages').put(record)
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error)
    })
    db.close()
  }

  it('leaves a bad record out of every read, names it in listUnreadable, and lets it be removed', async () => {
    const factory = new IDBFactory()
    const good = erc20Transfer({ nonce: 1n })
    const store = await openIndexedDbStore({ name: 'bad-record', indexedDB: factory })
    await store.upsert(good)
    await store.close()
    const bad = { ...ethTransfer({ nonce: 2n }), nonce: 'two' }
    await plant(factory, 'bad-record', [bad])

    const reopened = await openIndexedDbStore({ name: 'bad-record', indexedDB: factory })
    expect(await reopened.list()).toEqual([good])
    expect(await reopened.list({ accounts: [BOB] })).toEqual([])
    expect(await reopened.get(bad.hash)).toBeUndefined()
    expect(await reopened.listUnreadable?.()).toEqual([
      { key: bad.hash, problem: "nonce: expected a uint256 (a bigint from 0 to 2^256 - 1), got 'two'" },
    ])
    // Events have nothing to act on; a fresh record (discovery) replaces it.
    expect(await reopened.update(bad.hash, (m) => m && { ...m, status: 'relayed' })).toBeUndefined()
    await reopened.remove(bad.hash)
    expect(await reopened.listUnreadable?.()).toEqual([])
    await reopened.close()
  })

  it.each([
    [
      'a record that is not an object',
      (m: TrackedMessage) => ({ hash: m.hash, 0: 'x', intent: 5 }),
      'source',
    ],
    ['a status no build wrote', (m: TrackedMessage) => ({ ...m, status: 'done' }), 'status'],
    ['an unknown field', (m: TrackedMessage) => ({ ...m, __proto__x: 1 }), '__proto__x: unknown field'],
    ['a bigint field as a number', (m: TrackedMessage) => ({ ...m, nonce: 1 }), 'nonce'],
    ['a broken intent', (m: TrackedMessage) => ({ ...m, intent: { kind: 'nft' } }), 'intent.kind'],
  ])('does not return %s', async (_name, corrupt, problem) => {
    const factory = new IDBFactory()
    const store = await openIndexedDbStore({ name: 'corrupt', indexedDB: factory })
    await store.close()
    const record = corrupt(relayedGenericMessage())
    await plant(factory, 'corrupt', [record])
    const reopened = await openIndexedDbStore({ name: 'corrupt', indexedDB: factory })
    expect(await reopened.list()).toEqual([])
    const [unreadable] = (await reopened.listUnreadable?.()) ?? []
    expect(unreadable?.problem).toContain(problem)
    await reopened.close()
  })
})
