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
 * (valibot schemas, messageSchema.ts) before anything is written: one bad entry rejects the whole file with a
 * `HistoryImportError` naming the entry and the field, and the store is left exactly as it was. What a message's
 * bytes determine is derived again (historyMessage.ts), and what only the chain can say is not taken from the file
 * at all: imported messages start unverified (importPolicy.ts).
 */
import { array, check, custom, pipe, unknown } from 'valibot'
import type { Hex } from 'viem'

import type { TrackedMessage } from '../model/message'
import { expected, millis, record } from '../schema/fields'
import { parseInput, show } from '../schema/parse'
import { HistoryImportError } from './errors'
import { exportMessage, importMessage, type ExportedMessage } from './historyMessage'
import { asImported, mergeImported } from './importPolicy'
import type { MessageStore } from './types'

export type { Exported, ExportedMessage } from './historyMessage'

export const HISTORY_FORMAT = 'superchain-relay-history'
export const HISTORY_VERSION = 2
/** Far beyond any real history; a file claiming more is not one, and would only tie up the worker. */
export const MAX_HISTORY_MESSAGES = 100_000

export interface HistoryFile {
  format: typeof HISTORY_FORMAT
  version: typeof HISTORY_VERSION
  /** ms since epoch. */
  exportedAt: number
  /** Newest first, as the store lists them. */
  messages: ExportedMessage[]
}

export interface HistoryImportResult {
  /** Messages the store did not have (added unverified: the poller confirms them on chain). */
  added: number
  /**
   * Stored messages the file changed: an earlier, still unverified import replaced by a later copy, or a confirmed
   * message that gained watched accounts (nothing else of a confirmed message is taken from a file).
   */
  updated: number
  /** Entries not written: nothing new for the stored copy, or the file holds a later copy of the same hash. */
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
 * Merges a history file into the store (importPolicy.ts decides, per message, against the record it has *now*, in
 * one atomic write: a poll may be writing meanwhile). Entries sharing a hash collapse to the most recently updated
 * one. Every entry is validated before the single write. Resolves with the counts and the hashes written.
 */
export async function importHistory(
  store: MessageStore,
  json: string,
  options: { now?: number } = {},
): Promise<HistoryImportResult> {
  const { written: _written, ...result } = await mergeHistory(store, json, options)
  return result
}

/** `importHistory`, also naming the messages it wrote (the tracker announces them). */
export async function mergeHistory(
  store: MessageStore,
  json: string,
  options: { now?: number } = {},
): Promise<HistoryImportResult & { written: Hex[] }> {
  const now = options.now ?? Date.now()
  const incoming = parseHistory(json).map((m) => asImported(m, now))

  const latest = new Map<Hex, TrackedMessage>()
  let skipped = 0
  for (const message of incoming) {
    const seen = latest.get(message.hash)
    if (seen) skipped += 1
    if (!seen || message.updatedAt > seen.updatedAt) latest.set(message.hash, message)
  }

  let added = 0
  let updated = 0
  const written: Hex[] = []
  await store.updateMany([...latest.keys()], (local, hash) => {
    const decision = mergeImported(local, latest.get(hash)!)
    if (!decision) {
      skipped += 1
      return undefined
    }
    if (decision.kind === 'added') added += 1
    else updated += 1
    written.push(hash)
    return decision.next
  })
  return { added, updated, skipped, written }
}

const fileSchema = record('a history file object', {
  format: custom<typeof HISTORY_FORMAT>(
    (value) => value === HISTORY_FORMAT,
    (issue) =>
      `expected '${HISTORY_FORMAT}', got ${show(issue.input)}: this is not a Superchain Relay history file`,
  ),
  version: pipe(
    custom<number>(
      (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 1,
      expected('a positive integer'),
    ),
    check(
      (version) => version <= HISTORY_VERSION,
      (issue) =>
        `this file is version ${show(issue.input)}, written by a newer Superchain Relay; this build reads ` +
        `version ${HISTORY_VERSION} — update to import it`,
    ),
  ),
  exportedAt: millis,
  messages: pipe(
    array(unknown(), expected('an array')),
    check(
      (messages) => messages.length <= MAX_HISTORY_MESSAGES,
      (issue) =>
        `a history file holds at most ${MAX_HISTORY_MESSAGES} messages, this one holds ` +
        `${(issue.input as unknown[]).length}`,
    ),
  ),
})

/**
 * Parses and validates a history file without touching any store: the messages exactly as the file describes them,
 * with their hash, intent and accounts checked against their bytes. Throws `HistoryImportError`.
 */
export function parseHistory(json: string): TrackedMessage[] {
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch (error) {
    throw new HistoryImportError(
      '',
      `not a history file: the text is not valid JSON (${(error as Error).message})`,
      { cause: error },
    )
  }
  const file = parseInput(fileSchema, data)
  if (!file.ok) throw new HistoryImportError(file.path, file.problem)
  return file.value.messages.map((entry, index) => importMessage(entry, `messages[${index}]`))
}
