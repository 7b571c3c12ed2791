/**
 * The CLI's persistence between runs: a `MessageStore` with the in-memory store's semantics (it *is* one, wrapped)
 * that mirrors every change to one JSON file, so `track` in one run and `relay` in the next see the same messages,
 * and a `watch` resumes its account scans from the stored cursors.
 *
 * File shape (`StateFile`): `{ format, version, savedAt, history, cursors, settings }` where `history` is exactly
 * core's history export (store/serialize.ts: bigints as decimal strings, validated in full on load) and cursors
 * write their block numbers as decimal strings too.
 *
 * Two promises the user can rely on:
 * - A write is atomic (temp file + rename in the same directory): a crash or Ctrl-C mid-write leaves the previous
 *   file, never half of one.
 * - A file we cannot read back (not JSON, another format, a newer version, an invalid message) is an error naming
 *   the file, and the store is never opened, so nothing ever overwrites it: whatever it holds can still be rescued.
 *
 * Two processes sharing one file (a `watch` in one terminal, a `relay` in another) each write what they know, the
 * last one winning; what the other learnt is re-read from the chains on the next poll, as every status is derived
 * from chain state anyway.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

import type { Hex } from 'viem'

import {
  createMemoryStore,
  exportHistory,
  type JsonValue,
  type MessageStore,
  parseHistory,
  type ScanCursor,
  type ScanDirection,
  type TrackedMessage,
} from '../src/core'

import { STATE_ENV } from './args'

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
export class StateFileError extends Error {
  override name = 'StateFileError'
  constructor(
    readonly path: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(
      `state file ${path} ${problem}. It was left untouched: repair or move it, or use another file with --state <file>`,
      options,
    )
  }
}

export interface FileStore extends MessageStore {
  readonly path: string
  /** Resolves once every change made so far is on disk. */
  flush(): Promise<void>
}

export function defaultStatePath(): string {
  return join(homedir(), '.superchain-relay', 'state.json')
}

/** --state wins over the env var, which wins over the default. */
export function resolveStatePath(flag: string | undefined, env: Record<string, string | undefined>): string {
  return resolve(flag ?? (env[STATE_ENV]?.trim() || defaultStatePath()))
}

export async function openFileStore(path: string): Promise<FileStore> {
  const memory = createMemoryStore()
  const loaded = await readState(path)
  const cursorKeys = new Set<string>()
  const settingKeys = new Set<string>()
  if (loaded) {
    await memory.upsertMany(loaded.messages)
    for (const [key, cursor] of loaded.cursors) {
      await memory.setCursor(key, cursor)
      cursorKeys.add(key)
    }
    for (const [key, value] of Object.entries(loaded.settings)) {
      await memory.setSetting(key, value)
      settingKeys.add(key)
    }
  }

  async function snapshot(): Promise<StateFile> {
    const cursors: Record<string, StoredCursor> = {}
    for (const key of cursorKeys) {
      const c = await memory.getCursor(key)
      if (!c) continue
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
    return {
      format: STATE_FORMAT,
      version: STATE_VERSION,
      savedAt,
      history: JSON.parse(await exportHistory(memory, { exportedAt: savedAt })) as JsonValue,
      cursors,
      settings,
    }
  }

  // Writes are coalesced: while one is on its way, later changes share the single write queued behind it, so a
  // scan that moves its cursor fifty times does not write the file fifty times in a row.
  let tail: Promise<void> = Promise.resolve()
  let queued: Promise<void> | undefined
  let createdDirectory = false
  function persist(): Promise<void> {
    if (!queued) {
      queued = tail.then(async () => {
        queued = undefined
        if (!createdDirectory) {
          await mkdir(dirname(path), { recursive: true, mode: 0o700 })
          createdDirectory = true
        }
        await writeAtomically(path, `${JSON.stringify(await snapshot(), null, 2)}\n`)
      })
      tail = queued.catch(() => undefined)
    }
    return queued
  }

  return {
    path,
    get: (hash) => memory.get(hash),
    list: (filter) => memory.list(filter),
    async upsert(message) {
      await memory.upsert(message)
      await persist()
    },
    async upsertMany(messages) {
      await memory.upsertMany(messages)
      await persist()
    },
    async remove(hash: Hex) {
      await memory.remove(hash)
      await persist()
    },
    async clear() {
      await memory.clear()
      cursorKeys.clear()
      await persist()
    },
    getCursor: (key) => memory.getCursor(key),
    async setCursor(key, cursor) {
      await memory.setCursor(key, cursor)
      cursorKeys.add(key)
      await persist()
    },
    getSetting: (key) => memory.getSetting(key),
    async setSetting(key, value) {
      await memory.setSetting(key, value)
      settingKeys.add(key)
      await persist()
    },
    flush: () => tail,
    async close() {
      await tail
      await memory.close()
    },
  }
}

async function writeAtomically(path: string, text: string): Promise<void> {
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

interface LoadedState {
  messages: TrackedMessage[]
  cursors: [string, ScanCursor][]
  settings: Record<string, JsonValue>
}

/** undefined: no file yet. Throws StateFileError for a file that exists but is not a state file we can read. */
async function readState(path: string): Promise<LoadedState | undefined> {
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
    throw new StateFileError(path, `holds invalid messages (${where}${(error as Error).message})`, {
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
