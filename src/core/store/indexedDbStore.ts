/**
 * The durable `MessageStore`, on IndexedDB: it is the one persistent store a Chrome MV3 service worker, an
 * extension page and a dapp page all have, and it keeps bigints as bigints (structured clone), so a tracked
 * message is stored exactly as it is held in memory.
 *
 * The factory is injectable so that tests get a fresh, isolated database each (`new IDBFactory()` from
 * fake-indexeddb). `idb` itself recognizes its objects through the global `IDBRequest`, `IDBDatabase`, …
 * constructors, so a Node host also needs those globals (`import 'fake-indexeddb/auto'`).
 */
import type { IDBPDatabase } from 'idb'
import type { Hex } from 'viem'

import { normalizeAddress, type TrackedMessage } from '../model/message'
import { StoreClosedError } from './errors'
import { openAndMigrate, type RelayDatabase } from './indexedDbOpen'
import { matchesFilter, newestFirst } from './messageQuery'
import { assertMigrationOrder, MIGRATIONS, type Migration } from './migrations'
import { applyMutator, normalizeHash, toStoredForm } from './storedForm'
import { readStoredMessage, validStored, type UnreadableRecord } from './storedRecord'
import type { JsonValue, MessageFilter, MessageStore, ScanCursor } from './types'

export const DEFAULT_DATABASE_NAME = 'superchain-relay'

export interface OpenIndexedDbStoreOptions {
  /** Database name; one per profile is enough, tests pass their own. */
  name?: string
  /** Defaults to the global `indexedDB`. */
  indexedDB?: IDBFactory
  /** The schema history to apply. Only tests pass their own, to exercise a failing or future step. */
  migrations?: readonly Migration[]
  /** Clock for the migration log; tests pin it. */
  now?: () => number
}

/** The open database, or `StoreClosedError` once it was closed (by us, or for another context's upgrade). */
type OpenDb = () => IDBPDatabase<RelayDatabase>

async function putAll(open: OpenDb, messages: readonly TrackedMessage[]): Promise<void> {
  const stored = messages.map(toStoredForm)
  const tx = open().transaction('messages', 'readwrite')
  // Queue every put before awaiting anything, then wait on the transaction: one failing put aborts all of them.
  const puts = stored.map((message) => tx.store.put(message))
  await Promise.all([...puts, tx.done])
}

/**
 * Read-modify-write in one readwrite transaction: IndexedDB runs overlapping readwrite transactions on a store one
 * after the other, so no write lands in between. The mutators are synchronous (types.ts), because awaiting
 * anything but this transaction's requests would let it commit early. A mutator that throws aborts it.
 */
async function updateAll(
  open: OpenDb,
  hashes: readonly Hex[],
  mutate: (current: TrackedMessage | undefined, hash: Hex) => TrackedMessage | undefined,
): Promise<(TrackedMessage | undefined)[]> {
  const tx = open().transaction('messages', 'readwrite')
  const done = tx.done
  done.catch(() => {}) // observed below; an abort must not also surface as an unhandled rejection
  const results: (TrackedMessage | undefined)[] = []
  const written = new Map<Hex, TrackedMessage>()
  try {
    for (const hash of hashes) {
      const key = normalizeHash(hash)
      // An unreadable record is no record: a fresh one (discovery) may replace it; events have nothing to act on.
      const current = written.get(key) ?? validStored(await tx.store.get(key))
      const next = applyMutator(key, current, (c) => mutate(c, key))
      if (next) {
        written.set(key, next)
        void tx.store.put(next)
      }
      results.push(next ?? current)
    }
  } catch (error) {
    try {
      tx.abort()
    } catch {
      // Already finished: it can only have committed nothing we did not mean, as no put followed the throw.
    }
    throw error
  }
  await done
  return results.map((m) => m && structuredClone(m))
}

/** The `messages` object store: the tracked messages, and the records in it that are not valid messages. */
function messageOperations(open: OpenDb) {
  return {
    async get(hash: Hex) {
      return validStored(await open().get('messages', normalizeHash(hash)))
    },
    async update(hash, mutate) {
      return (await updateAll(open, [hash], mutate))[0]
    },
    updateMany: (hashes, mutate) => updateAll(open, hashes, mutate),
    async list(filter?: MessageFilter) {
      const candidates = await narrowWithIndex(open(), filter)
      return candidates.filter((message) => matchesFilter(message, filter)).sort(newestFirst)
    },
    async upsert(message: TrackedMessage) {
      await putAll(open, [message])
    },
    async upsertMany(messages: readonly TrackedMessage[]) {
      if (messages.length === 0) return
      await putAll(open, messages)
    },
    async listUnreadable() {
      const tx = open().transaction('messages', 'readonly')
      const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done])
      const out: UnreadableRecord[] = []
      values.forEach((value, i) => {
        const read = readStoredMessage(value)
        if (!read.ok) out.push({ key: String(keys[i]), problem: read.problem })
      })
      return out
    },
    async remove(hash: Hex) {
      await open().delete('messages', normalizeHash(hash))
    },
  } satisfies Partial<MessageStore>
}

/** The `cursors` object store (scan progress) and the `settings` one. */
function cursorAndSettingOperations(open: OpenDb) {
  return {
    async getCursor(key: string) {
      return open().get('cursors', key)
    },
    async setCursor(key: string, cursor: ScanCursor) {
      await open().put('cursors', cursor, key)
    },
    async listCursors() {
      const tx = open().transaction('cursors', 'readonly')
      const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done])
      return keys.map((key, i) => ({ key, cursor: values[i]! }))
    },
    async removeCursor(key: string) {
      await open().delete('cursors', key)
    },
    async getSetting<T extends JsonValue = JsonValue>(key: string) {
      return (await open().get('settings', key)) as T | undefined
    },
    async setSetting(key: string, value: JsonValue) {
      await open().put('settings', value, key)
    },
    async updateSetting(key, mutate) {
      const tx = open().transaction('settings', 'readwrite')
      const current = await tx.store.get(key)
      let next: JsonValue | undefined
      try {
        next = mutate(current === undefined ? undefined : structuredClone(current))
      } catch (error) {
        tx.abort()
        await tx.done.catch(() => {})
        throw error
      }
      if (next !== undefined) void tx.store.put(next, key)
      await tx.done
      return next ?? current
    },
  } satisfies Partial<MessageStore>
}

export async function openIndexedDbStore(options: OpenIndexedDbStoreOptions = {}): Promise<MessageStore> {
  const { name = DEFAULT_DATABASE_NAME, migrations = MIGRATIONS, now = Date.now } = options
  const factory = options.indexedDB ?? (globalThis.indexedDB as IDBFactory | undefined)
  if (!factory || typeof IDBRequest === 'undefined') {
    // In Node both are missing unless fake-indexeddb/auto is loaded; say so rather than fail inside idb.
    throw new Error(
      'IndexedDB is not available here: use createMemoryStore(), or load fake-indexeddb/auto in Node',
    )
  }
  assertMigrationOrder(migrations)

  const db = await openAndMigrate(factory, name, migrations, now)
  let closedBecause: string | undefined

  // Another context (a newer service worker, an options page after an update) wants to upgrade the schema. It
  // waits until every open connection closes, so holding on would freeze it; close and let later calls fail loudly.
  db.addEventListener('versionchange', () => {
    closedBecause =
      'the message store was closed because another context is upgrading the database; reopen it'
    db.close()
  })

  function open(): IDBPDatabase<RelayDatabase> {
    if (closedBecause !== undefined) throw new StoreClosedError(closedBecause)
    return db
  }

  return {
    ...messageOperations(open),
    ...cursorAndSettingOperations(open),
    async clear() {
      const tx = open().transaction(['messages', 'cursors'], 'readwrite')
      await Promise.all([tx.objectStore('messages').clear(), tx.objectStore('cursors').clear(), tx.done])
    },
    async close() {
      closedBecause ??= 'the message store is closed'
      db.close()
    },
  }
}

/**
 * Reads only the records an index can vouch for, so a popup filtering one account does not deserialize the whole
 * history. The result is a superset; `matchesFilter` applies every criterion afterwards.
 */
async function narrowWithIndex(
  db: IDBPDatabase<RelayDatabase>,
  filter: MessageFilter = {},
): Promise<TrackedMessage[]> {
  const tx = db.transaction('messages', 'readonly')
  let lookups: Promise<TrackedMessage[]>[]
  if (filter.accounts) {
    const accounts = [...new Set(filter.accounts.map(normalizeAddress))]
    lookups = accounts.map((account) => tx.store.index('accounts').getAll(account))
  } else if (filter.statuses) {
    lookups = [...new Set(filter.statuses)].map((status) => tx.store.index('status').getAll(status))
  } else {
    lookups = [tx.store.getAll()]
  }
  const [results] = await Promise.all([Promise.all(lookups), tx.done])
  // A message that involves two of the filtered accounts comes back from both lookups.
  const byHash = new Map<Hex, TrackedMessage>()
  for (const record of results.flat()) {
    const message = validStored(record)
    if (message) byHash.set(message.hash, message)
  }
  return [...byHash.values()]
}
