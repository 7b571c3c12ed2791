/**
 * The CLI's state file on disk: its format, reading it back (validated in full: a file we cannot read is an error
 * naming it, never overwritten), writing it atomically, and telling whether another process replaced it since.
 *
 * File shape (`StateFile`): `{ format, version, savedAt, history, cursors, settings }` where `history` is exactly
 * core's history export (store/serialize.ts: bigints as decimal strings, validated in full on load) and cursors
 * write their block numbers as decimal strings too.
 */
import { randomBytes } from 'node:crypto'
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises'

import {
  exportHistory,
  HistoryImportError,
  type JsonValue,
  type MessageStore,
  parseHistory,
  type ScanCursor,
  type ScanDirection,
  type TrackedMessage,
  SuperchainRelayError,
} from '../src/core'

export const STATE_FORMAT = 'superchain-relay-cli-state'
export const STATE_VERSION = 1

type StoredCursor = Omit<ScanCursor, 'fromBlock' | 'toBlock' | 'rangeSize'> & {
  fromBlock: string
  toBlock: string
  rangeSize: string
}

export interface StateFile {
  format: typeof STATE_FORMAT
  version: typeof STATE_VERSION
  /** ms since epoch. */
  savedAt: number
  /** A history file as store/serialize.ts writes it. */
  history: JsonValue
  cursors: Record<string, StoredCursor>
  settings: Record<string, JsonValue>
}

/** The state file exists but cannot be used. It is left exactly as it is. */
export class StateFileError extends SuperchainRelayError {
  override name = 'StateFileError'
  constructor(
    readonly path: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(
      `state file ${path} ${problem}. It was left untouched: repair or move it, or use another file with --state <file>`,
      { cause: options?.cause as Error | undefined },
    )
  }
}

/**
 * Which version of the file we last read or wrote. Every write replaces the file by a rename, so a new inode (or
 * mtime, or size) means another process wrote it since.
 */
export type FileSignature = string

export async function signatureOf(path: string): Promise<FileSignature> {
  try {
    const s = await stat(path, { bigint: true })
    return `${s.ino}:${s.mtimeNs}:${s.size}`
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent'
    throw error
  }
}

/** The file's text for what `memory` holds (cursors and settings of the given keys). */
export async function stateText(memory: MessageStore, settingKeys: Iterable<string>): Promise<string> {
  const cursors: Record<string, StoredCursor> = {}
  for (const { key, cursor: c } of await memory.listCursors()) {
    cursors[key] = {
      ...c,
      fromBlock: c.fromBlock.toString(),
      toBlock: c.toBlock.toString(),
      rangeSize: c.rangeSize.toString(),
    }
  }
  const settings: Record<string, JsonValue> = {}
  for (const key of settingKeys) {
    const value = await memory.getSetting(key)
    if (value !== undefined) settings[key] = value
  }
  const savedAt = Date.now()
  const file: StateFile = {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    savedAt,
    history: JSON.parse(await exportHistory(memory, { exportedAt: savedAt })) as JsonValue,
    cursors,
    settings,
  }
  return `${JSON.stringify(file, null, 2)}\n`
}

export async function writeAtomically(path: string, text: string): Promise<void> {
  // Same directory as the target, so the rename cannot cross file systems (which would not be atomic).
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    await writeFile(temp, text, { mode: 0o600 })
    await rename(temp, path)
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw error
  }
}

export interface LoadedState {
  messages: TrackedMessage[]
  cursors: [string, ScanCursor][]
  settings: Record<string, JsonValue>
}

/** undefined: no file yet. Throws StateFileError for a file that exists but is not a state file we can read. */
export async function readState(path: string): Promise<LoadedState | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new StateFileError(path, `cannot be read (${(error as Error).message})`, { cause: error })
  }
  // An empty file holds nothing to lose (`touch state.json`): treat it as a fresh state.
  if (!text.trim()) return undefined

  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new StateFileError(path, `is not valid JSON (${(error as Error).message})`, { cause: error })
  }
  if (!isObject(data))
    throw new StateFileError(path, 'is not a Superchain Relay state file (not a JSON object)')
  if (data.format !== STATE_FORMAT) {
    throw new StateFileError(
      path,
      `is not a Superchain Relay state file (format is ${JSON.stringify(data.format) ?? 'missing'}, expected '${STATE_FORMAT}')`,
    )
  }
  if (typeof data.version !== 'number' || !Number.isSafeInteger(data.version) || data.version < 1) {
    throw new StateFileError(path, `has an invalid version ${JSON.stringify(data.version) ?? '(missing)'}`)
  }
  if (data.version > STATE_VERSION) {
    throw new StateFileError(
      path,
      `was written by a newer superchain-relay (version ${data.version}; this one reads ${STATE_VERSION})`,
    )
  }

  let messages: TrackedMessage[]
  try {
    messages = parseHistory(JSON.stringify(data.history ?? null))
  } catch (error) {
    // HistoryImportError names the offending entry (`messages[3].nonce: …`) relative to the history object.
    const where = (error as { path?: string }).path ? 'history.' : 'history: '
    // The problem in one line: a HistoryImportError's sentence, without its base's version footer.
    const problem = error instanceof HistoryImportError ? error.shortMessage : (error as Error).message
    throw new StateFileError(path, `holds invalid messages (${where}${problem})`, {
      cause: error,
    })
  }

  if (!isObject(data.cursors)) throw new StateFileError(path, 'has no valid "cursors" object')
  const cursors: [string, ScanCursor][] = []
  for (const [key, value] of Object.entries(data.cursors)) {
    const cursor = readCursor(value)
    if (!cursor)
      throw new StateFileError(path, `has an invalid scan cursor at cursors[${JSON.stringify(key)}]`)
    cursors.push([key, cursor])
  }

  if (!isObject(data.settings)) throw new StateFileError(path, 'has no valid "settings" object')
  return { messages, cursors, settings: data.settings as Record<string, JsonValue> }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const DIRECTIONS: readonly ScanDirection[] = ['outgoing', 'incoming', 'sender']

function readCursor(value: unknown): ScanCursor | undefined {
  if (!isObject(value)) return undefined
  const { chainId, account, direction, fromBlock, toBlock, rangeSize, updatedAt } = value
  // A cursor starting at block 0 records "scanned up to block −1", so block numbers here may be negative.
  const int = (v: unknown) => typeof v === 'string' && /^-?[0-9]+$/.test(v)
  if (
    typeof chainId !== 'number' ||
    !Number.isSafeInteger(chainId) ||
    chainId <= 0 ||
    typeof account !== 'string' ||
    !/^0x[0-9a-fA-F]{40}$/.test(account) ||
    !DIRECTIONS.includes(direction as ScanDirection) ||
    !int(fromBlock) ||
    !int(toBlock) ||
    !int(rangeSize) ||
    typeof updatedAt !== 'number' ||
    !Number.isSafeInteger(updatedAt)
  ) {
    return undefined
  }
  return {
    chainId,
    account: account as ScanCursor['account'],
    direction: direction as ScanDirection,
    fromBlock: BigInt(fromBlock as string),
    toBlock: BigInt(toBlock as string),
    rangeSize: BigInt(rangeSize as string),
    updatedAt,
  }
}
