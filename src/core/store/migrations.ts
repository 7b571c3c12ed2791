/**
 * The IndexedDB schema as an ordered history of steps. A database at version N is brought to the current version
 * by running every step above N, in order, inside the single `versionchange` transaction IndexedDB gives us — so
 * an upgrade either completes or is rolled back whole, and a user's history never sits half-migrated.
 *
 * Rules for adding a step:
 * - Append; never edit a shipped step (databases in the wild were built by it as written).
 * - Steps are typed against an *untyped* database on purpose: the current schema type describes the last version,
 *   not the one a step starts from.
 * - A step may await only requests made on `tx`. Awaiting anything else (a timer, a fetch) lets IndexedDB commit
 *   the transaction early and the rest of the step fails on an inactive transaction.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb'

import { normalizeAddress } from '../model/message'

export type UpgradeTransaction = IDBPTransaction<unknown, ArrayLike<string>, 'versionchange'>

export interface Migration {
  /** The schema version this step produces; steps are numbered 1, 2, 3, … without gaps. */
  version: number
  description: string
  migrate(db: IDBPDatabase<unknown>, tx: UpgradeTransaction): void | Promise<void>
}

/** What the `meta` store keeps under `MIGRATION_LOG_KEY`: which steps ran on this database and when. */
export interface AppliedMigration {
  version: number
  description: string
  /** ms since epoch. */
  appliedAt: number
}

export const MIGRATION_LOG_KEY = 'migrations'

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'messages by hash with createdAt and status indexes; cursors, settings and meta stores',
    migrate(db) {
      const messages = db.createObjectStore('messages', { keyPath: 'hash' })
      messages.createIndex('createdAt', 'createdAt')
      messages.createIndex('status', 'status')
      db.createObjectStore('cursors')
      db.createObjectStore('settings')
      db.createObjectStore('meta')
    },
  },
  {
    version: 2,
    description: 'lower-case watched accounts and index messages by account (multiEntry)',
    // Version 1 kept accounts as discovery spelled them; an index is matched byte for byte, so a checksummed
    // entry would never be found by a lower-cased query. Normalize first, then build the index over clean keys.
    async migrate(_db, tx) {
      const messages = tx.objectStore('messages')
      for await (const cursor of messages.iterate()) {
        const record = cursor.value as { accounts?: unknown }
        if (!Array.isArray(record.accounts)) continue
        const accounts = [...new Set(record.accounts.map((a) => normalizeAddress(String(a))))]
        await cursor.update({ ...record, accounts })
      }
      messages.createIndex('accounts', 'accounts', { multiEntry: true })
    },
  },
]

/** Throws unless the steps are numbered 1…N in order: a gap or a swap would silently skip or repeat a step. */
export function assertMigrationOrder(migrations: readonly Migration[]): void {
  if (migrations.length === 0)
    throw new Error('no migrations: a database needs at least its first schema step')
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `migration #${index} has version ${migration.version}, expected ${index + 1}: versions must run 1, 2, 3, … in order`,
      )
    }
  })
}
