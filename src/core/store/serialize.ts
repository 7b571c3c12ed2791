/**
 * History export and import as a JSON file, so a user can move their tracked messages between profiles and
 * machines, or attach them to a bug report.
 *
 * The file (`HistoryFile`) is `{ format: 'superchain-relay-history', version: 2, exportedAt, messages }`, where each
 * message is a `TrackedMessage` with every bigint written as a decimal string — JSON has no bigint, and a number
 * would silently round amounts and nonces above 2^53. The bigint fields are exactly:
 *   nonce, intent.amount, initiatingLog.blockNumber, initiatingLog.timestamp, relay.blockNumber, relay.timestamp,
 *   locationChange.from.blockNumber, locationChange.to.blockNumber.
 * Version 2 added the relay journal (pendingRelay.stage/rawTransaction/nonce/accessList, relayIntent), the
 * 'vanished' status and locationChange; version 1 files (none of those) are read as they are.
 * Everything else keeps its JSON type; optional fields are omitted when absent (never `null`).
 *
 * An import is untrusted input headed for the store the poller relies on, so it is parsed and validated in full
 * before anything is written: one bad entry rejects the whole file with a `HistoryImportError` naming the entry and
 * the field, and the store is left exactly as it was.
 */
import type { Hex } from 'viem'

import type { TrackedMessage } from '../model/message'
import { HistoryImportError } from './errors'
import { exportMessage, importMessage, type ExportedMessage } from './historyMessage'
import { fail, readMillis, readObject, show } from './jsonReaders'
import type { MessageStore } from './types'

export type { Exported, ExportedMessage } from './historyMessage'

export const HISTORY_FORMAT = 'superchain-relay-history'
export const HISTORY_VERSION = 2

export interface HistoryFile {
  format: typeof HISTORY_FORMAT
  version: typeof HISTORY_VERSION
  /** ms since epoch. */
  exportedAt: number
  /** Newest first, as the store lists them. */
  messages: ExportedMessage[]
}

export interface HistoryImportResult {
  /** Messages the store did not have. */
  added: number
  /** Stored messages replaced because the file's copy was updated later. */
  updated: number
  /** Entries not written: the stored copy is as new or newer, or the file holds a later copy of the same hash. */
  skipped: number
}

export async function exportHistory(
  store: MessageStore,
  options: { exportedAt?: number } = {},
): Promise<string> {
  const file: HistoryFile = {
    format: HISTORY_FORMAT,
    version: HISTORY_VERSION,
    exportedAt: options.exportedAt ?? Date.now(),
    messages: (await store.list()).map(exportMessage),
  }
  return JSON.stringify(file, null, 2)
}

/**
 * Merges a history file into the store. A stored message is replaced only by a strictly newer copy (`updatedAt`),
 * so importing an old backup cannot roll back what the poller has learned since; entries sharing a hash collapse to
 * the most recently updated one. Every entry is validated before the single write.
 */
export async function importHistory(store: MessageStore, json: string): Promise<HistoryImportResult> {
  const incoming = parseHistory(json)

  const latest = new Map<Hex, TrackedMessage>()
  let skipped = 0
  for (const message of incoming) {
    const seen = latest.get(message.hash)
    if (seen) skipped += 1
    if (!seen || message.updatedAt > seen.updatedAt) latest.set(message.hash, message)
  }

  // Decided against the record each message has *now*, in one atomic write (a poll may be writing meanwhile).
  let added = 0
  let updated = 0
  await store.updateMany([...latest.keys()], (local, hash) => {
    const message = latest.get(hash)!
    if (!local) added += 1
    else if (message.updatedAt > local.updatedAt) updated += 1
    else {
      skipped += 1
      return undefined
    }
    return message
  })
  return { added, updated, skipped }
}

/** Parses and validates a history file without touching any store. Throws `HistoryImportError`. */
export function parseHistory(json: string): TrackedMessage[] {
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch (error) {
    throw new HistoryImportError(
      '',
      `not a history file: the text is not valid JSON (${(error as Error).message})`,
      {
        cause: error,
      },
    )
  }
  const file = readObject(data, '', 'a history file object', ['format', 'version', 'exportedAt', 'messages'])
  if (file.format !== HISTORY_FORMAT) {
    fail(
      'format',
      `expected '${HISTORY_FORMAT}', got ${show(file.format)}: this is not a Superchain Relay history file`,
    )
  }
  const version = file.version
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    fail('version', `expected a positive integer, got ${show(version)}`)
  }
  if (version > HISTORY_VERSION) {
    fail(
      'version',
      `this file is version ${version}, written by a newer Superchain Relay; this build reads version ` +
        `${HISTORY_VERSION} — update to import it`,
    )
  }
  readMillis(file.exportedAt, 'exportedAt')
  if (!Array.isArray(file.messages)) fail('messages', `expected an array, got ${show(file.messages)}`)
  return file.messages.map((entry, index) => importMessage(entry, `messages[${index}]`))
}
