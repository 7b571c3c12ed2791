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

import { check, custom, optional, pipe, record, string, transform, unknown } from 'valibot'

import {
  exportHistory,
  HistoryImportError,
  fieldSchemas,
  type JsonValue,
  type MessageStore,
  parseHistory,
  parseInput,
  type ScanCursor,
  type ScanDirection,
  type TrackedMessage,
  SuperchainRelayError,
} from '../src/core'

export const STATE_FORMAT = 'superchain-relay-cli-state'
export const STATE_VERSION = 1

type StoredCursor = Omit<
  ScanCursor,
  'fromBlock' | 'toBlock' | 'rangeSize' | 'nextNonce' | 'nonceFloorBlock'
> & {
  fromBlock: string
  toBlock: string
  rangeSize: string
  nextNonce?: string
  nonceFloorBlock?: string
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
      nextNonce: c.nextNonce?.toString(),
      nonceFloorBlock: c.nonceFloorBlock?.toString(),
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
  const parsed = parseInput(stateSchema, data)
  if (!parsed.ok) throw new StateFileError(path, describeProblem(parsed.path, parsed.problem))
  const state = parsed.value

  let messages: TrackedMessage[]
  try {
    messages = parseHistory(JSON.stringify(state.history ?? null))
  } catch (error) {
    // HistoryImportError names the offending entry (`messages[3].nonce: …`) relative to the history object.
    const where = (error as { path?: string }).path ? 'history.' : 'history: '
    // The problem in one line: a HistoryImportError's sentence, without its base's version footer.
    const problem = error instanceof HistoryImportError ? error.shortMessage : (error as Error).message
    throw new StateFileError(path, `holds invalid messages (${where}${problem})`, {
      cause: error,
    })
  }
  const cursors = Object.entries(state.cursors).map(([key, c]): [string, ScanCursor] => [
    key,
    { ...c, account: c.account as ScanCursor['account'] },
  ])
  return { messages, cursors, settings: state.settings as Record<string, JsonValue> }
}

/** The sentence after "state file <path> …" for the first problem the schema found. */
function describeProblem(at: string, problem: string): string {
  if (at === '' || at === 'format') return `is not a Superchain Relay state file (${problem})`
  if (at === 'version') return problem
  // Cursor keys are data ("901:0x…:outgoing"): always quoted, whatever they look like.
  const cursor = /^cursors(?:\.([A-Za-z_$][\w$]*)|(\[".*?"\]))(.*)$/.exec(at)
  if (cursor) {
    const key = cursor[1] !== undefined ? `[${JSON.stringify(cursor[1])}]` : cursor[2]
    return `has an invalid scan cursor at cursors${key}${cursor[3] ?? ''} (${problem})`
  }
  if (at === 'cursors' || at === 'settings') return `has no valid "${at}" object (${problem})`
  return `has an invalid value at ${at} (${problem})`
}

/** Keys a JSON object may not use here: JSON.parse makes them own keys, and code that copies them pollutes. */
const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype']
const safeKeys = check(
  (value: Record<string, unknown>) => !Object.keys(value).some((key) => FORBIDDEN_KEYS.includes(key)),
  (issue) =>
    `the key ${JSON.stringify(
      Object.keys(issue.input as object).find((key) => FORBIDDEN_KEYS.includes(key)),
    )} is not allowed`,
)

const DIRECTIONS = ['outgoing', 'incoming', 'sender'] as const satisfies readonly ScanDirection[]

/** A cursor starting at block 0 records "scanned up to block −1", so block numbers here may be negative. */
const blockNumber = pipe(
  custom<string>(
    (value) => typeof value === 'string' && /^-?[0-9]{1,20}$/.test(value),
    fieldSchemas.expected('a block number as a decimal string'),
  ),
  transform((value) => BigInt(value)),
)

const cursorSchema = fieldSchemas.record('a scan cursor object', {
  chainId: fieldSchemas.chainId,
  account: fieldSchemas.addressShape,
  direction: fieldSchemas.oneOf(DIRECTIONS),
  fromBlock: blockNumber,
  toBlock: blockNumber,
  rangeSize: blockNumber,
  updatedAt: fieldSchemas.millis,
  nextNonce: optional(
    pipe(
      custom<string>(
        (value) => typeof value === 'string' && /^[0-9]{1,78}$/.test(value),
        fieldSchemas.expected('a nonce as a decimal string'),
      ),
      transform((value) => BigInt(value)),
    ),
  ),
  nonceFloorBlock: optional(blockNumber),
})

const isJson = (value: unknown, depth = 0): boolean => {
  if (depth > 32) return false
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1))
  if (!fieldSchemas.isPlainObject(value)) return false
  return Object.entries(value).every(([k, v]) => !FORBIDDEN_KEYS.includes(k) && isJson(v, depth + 1))
}

const stateSchema = fieldSchemas.record('a JSON object', {
  format: custom<typeof STATE_FORMAT>(
    (value) => value === STATE_FORMAT,
    (issue) => `format is ${JSON.stringify(issue.input) ?? 'missing'}, expected '${STATE_FORMAT}'`,
  ),
  version: pipe(
    custom<number>(
      (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 1,
      (issue) => `has an invalid version ${JSON.stringify(issue.input) ?? '(missing)'}`,
    ),
    check(
      (version) => version <= STATE_VERSION,
      (issue) =>
        `was written by a newer superchain-relay (version ${String(issue.input)}; this one reads ${STATE_VERSION})`,
    ),
  ),
  savedAt: optional(fieldSchemas.millis),
  history: unknown(),
  cursors: pipe(
    custom<Record<string, unknown>>(
      fieldSchemas.isPlainObject,
      fieldSchemas.expected('an object of cursors'),
    ),
    safeKeys,
    record(string(), cursorSchema),
  ),
  settings: pipe(
    custom<Record<string, unknown>>(
      (value) => fieldSchemas.isPlainObject(value) && isJson(value),
      fieldSchemas.expected('an object of JSON values'),
    ),
    safeKeys,
  ),
})
