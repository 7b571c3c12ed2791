/**
 * The durable `MessageStore`, on IndexedDB: it is the one persistent store a Chrome MV3 service worker, an
 * extension page and a dapp page all have, and it keeps bigints as bigints (structured clone), so a tracked
 * message is stored exactly as it is held in memory.
 *
 * The factory is injectable so that tests get a fresh, isolated database each (`new IDBFactory()` from
 * fake-indexeddb). `idb` itself recognizes its objects through the global `IDBRequest`, `IDBDatabase`, …
 * constructors, so a Node host also needs those globals (`import 'fake-indexeddb/auto'`).
 */
import { wrap, type DBSchema, type IDBPDatabase } from 'idb'
import type { Hex } from 'viem'

import { normalizeAddress, type MessageStatus, type TrackedMessage } from '../model/message'
import { StoreClosedError, StoreVersionError } from './errors'
import { matchesFilter, newestFirst } from './messageQuery'
import {
  assertMigrationOrder,
  MIGRATION_LOG_KEY,
  MIGRATIONS,
  type AppliedMigration,
  type Migration,
  type UpgradeTransaction,
} from './migrations'
import { applyMutator, normalizeHash, toStoredForm } from './storedForm'
import { readStoredMessage, validStored, type UnreadableRecord } from './storedRecord'
import type { JsonValue, MessageFilter, MessageStore, ScanCursor } from './types'

export const DEFAULT_DATABASE_NAME = 'superchain-relay'

/** The schema after the last migration; `migrations.ts` is the history of how it got here. */
interface RelayDatabase extends DBSchema {
  messages: {
    key: Hex
    value: TrackedMessage
    indexes: { createdAt: number; status: MessageStatus; accounts: string }
  }
  cursors: { key: string; value: ScanCursor }
  settings: { key: string; value: JsonValue }
  meta: { key: string; value: unknown }
}

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

  async function putAll(messages: readonly TrackedMessage[]): Promise<void> {
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

  return {
    async get(hash: Hex) {
      return validStored(await open().get('messages', normalizeHash(hash)))
    },

    async update(hash, mutate) {
      return (await updateAll([hash], mutate))[0]
    },

    updateMany: updateAll,

    async list(filter?: MessageFilter) {
      const candidates = await narrowWithIndex(open(), filter)
      return candidates.filter((message) => matchesFilter(message, filter)).sort(newestFirst)
    },

    async upsert(message: TrackedMessage) {
      await putAll([message])
    },

    async upsertMany(messages: readonly TrackedMessage[]) {
      if (messages.length === 0) return
      await putAll(messages)
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

    async clear() {
      const tx = open().transaction(['messages', 'cursors'], 'readwrite')
      await Promise.all([tx.objectStore('messages').clear(), tx.objectStore('cursors').clear(), tx.done])
    },

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

async function openAndMigrate(
  factory: IDBFactory,
  name: string,
  migrations: readonly Migration[],
  now: () => number,
): Promise<IDBPDatabase<RelayDatabase>> {
  const targetVersion = migrations.length
  let migrationFailure: { migration: Migration; fromVersion: number; error: unknown } | undefined

  const request = factory.open(name, targetVersion)
  request.addEventListener('upgradeneeded', (event) => {
    const db = wrap(request.result) as IDBPDatabase<unknown>
    const tx = wrap(request.transaction as IDBTransaction) as unknown as UpgradeTransaction
    // The open request reports an aborted upgrade; this promise would otherwise reject unobserved.
    tx.done.catch(() => {})
    const fromVersion = event.oldVersion
    const pending = migrations.filter((m) => m.version > fromVersion)
    void (async () => {
      for (const migration of pending) {
        try {
          await migration.migrate(db, tx)
        } catch (error) {
          migrationFailure = { migration, fromVersion, error }
          abortQuietly(tx)
          return
        }
      }
      await logMigrations(tx, pending, now())
    })().catch((error: unknown) => {
      // Only the log write can land here; without it the upgrade is still sound, but do not half-commit.
      migrationFailure ??= { migration: pending[pending.length - 1] as Migration, fromVersion, error }
      abortQuietly(tx)
    })
  })

  try {
    return (await wrap(request)) as unknown as IDBPDatabase<RelayDatabase>
  } catch (error) {
    if (migrationFailure) {
      const { migration, fromVersion, error: cause } = migrationFailure
      throw new StoreVersionError(
        `upgrading database '${name}' failed at step ${migration.version} (${migration.description}); ` +
          `it was rolled back and is still at version ${fromVersion}`,
        { cause },
      )
    }
    if ((error as { name?: unknown } | null)?.name === 'VersionError') {
      throw new StoreVersionError(
        `database '${name}' was written by a newer Superchain Relay than this one (which reads schema version ` +
          `${targetVersion}); update the extension to read it`,
        { cause: error },
      )
    }
    throw error
  }
}

async function logMigrations(
  tx: UpgradeTransaction,
  applied: readonly Migration[],
  at: number,
): Promise<void> {
  const meta = tx.objectStore('meta')
  const previous = ((await meta.get(MIGRATION_LOG_KEY)) as AppliedMigration[] | undefined) ?? []
  const entries = applied.map(({ version, description }) => ({ version, description, appliedAt: at }))
  await meta.put([...previous, ...entries], MIGRATION_LOG_KEY)
}

/** The transaction may already be finishing on its own after the failure; either way it must not commit. */
function abortQuietly(tx: UpgradeTransaction): void {
  try {
    tx.abort()
  } catch {
    // Already aborted (the failing request did it): nothing was committed.
  }
}
