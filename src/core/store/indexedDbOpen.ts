/**
 * Opening the message database: the schema as the last migration leaves it, and the upgrade that runs the pending
 * migrations (migrations.ts) in IndexedDB's one versionchange transaction, so a failing step rolls them all back.
 * A failure is reported as `StoreVersionError` naming the step, or a database written by a newer build.
 */
import { wrap, type DBSchema, type IDBPDatabase } from 'idb'
import type { Hex } from 'viem'

import type { MessageStatus, TrackedMessage } from '../model/message'
import { StoreVersionError } from './errors'
import {
  MIGRATION_LOG_KEY,
  type AppliedMigration,
  type Migration,
  type UpgradeTransaction,
} from './migrations'
import type { JsonValue, ScanCursor } from './types'

/** The schema after the last migration; `migrations.ts` is the history of how it got here. */
export interface RelayDatabase extends DBSchema {
  messages: {
    key: Hex
    value: TrackedMessage
    indexes: { createdAt: number; status: MessageStatus; accounts: string }
  }
  cursors: { key: string; value: ScanCursor }
  settings: { key: string; value: JsonValue }
  meta: { key: string; value: unknown }
}

export async function openAndMigrate(
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
