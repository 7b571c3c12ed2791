/**
 * History export and import as a JSON file, so a user can move their tracked messages between profiles and
 * machines, or attach them to a bug report.
 *
 * The file (`HistoryFile`) is `{ format: 'superchain-relay-history', version: 1, exportedAt, messages }`, where each
 * message is a `TrackedMessage` with every bigint written as a decimal string — JSON has no bigint, and a number
 * would silently round amounts and nonces above 2^53. The bigint fields are exactly:
 *   nonce, intent.amount, initiatingLog.blockNumber, initiatingLog.timestamp, relay.blockNumber, relay.timestamp.
 * Everything else keeps its JSON type; optional fields are omitted when absent (never `null`).
 *
 * An import is untrusted input headed for the store the poller relies on, so it is parsed and validated in full
 * before anything is written: one bad entry rejects the whole file with a `HistoryImportError` naming the entry and
 * the field, and the store is left exactly as it was.
 */
import { hashCrossDomainMessage } from '@eth-optimism/viem/utils/interop'
import { isAddress, type Address, type Hex } from 'viem'

import {
  normalizeAddress,
  type InitiatingLog,
  type MessageIntent,
  type MessageStatus,
  type RelayAttempt,
  type RelayFailure,
  type RelayRecord,
  type SafetyLevel,
  type TrackedMessage,
} from '../model/message'
import { HistoryImportError } from './errors'
import type { MessageStore } from './types'

export const HISTORY_FORMAT = 'superchain-relay-history'
export const HISTORY_VERSION = 1

/** A value as it appears in the file: bigints become decimal strings, the rest is unchanged. */
export type Exported<T> = T extends bigint
  ? string
  : T extends readonly unknown[]
    ? { [K in keyof T]: Exported<T[K]> }
    : T extends object
      ? { [K in keyof T]: Exported<T[K]> }
      : T

export type ExportedMessage = Exported<TrackedMessage>

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

  const stored = new Map((await store.list()).map((message) => [message.hash, message]))
  const writes: TrackedMessage[] = []
  let added = 0
  let updated = 0
  for (const message of latest.values()) {
    const local = stored.get(message.hash)
    if (!local) added += 1
    else if (message.updatedAt > local.updatedAt) updated += 1
    else {
      skipped += 1
      continue
    }
    writes.push(message)
  }
  await store.upsertMany(writes)
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

function exportMessage(m: TrackedMessage): ExportedMessage {
  const out: ExportedMessage = {
    hash: m.hash,
    source: m.source,
    destination: m.destination,
    nonce: m.nonce.toString(),
    sender: m.sender,
    target: m.target,
    message: m.message,
    intent: exportIntent(m.intent),
    sourceTransactionHash: m.sourceTransactionHash,
    status: m.status,
    accounts: [...m.accounts],
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  }
  // Field by field rather than a generic bigint replacer: the file must contain only what import accepts.
  if (m.initiatingLog) {
    const log = m.initiatingLog
    out.initiatingLog = {
      blockNumber: log.blockNumber.toString(),
      blockHash: log.blockHash,
      logIndex: log.logIndex,
      timestamp: log.timestamp.toString(),
      transactionHash: log.transactionHash,
    }
  }
  if (m.sourceSafety) out.sourceSafety = m.sourceSafety
  if (m.relay) {
    const relay = m.relay
    out.relay = { transactionHash: relay.transactionHash, blockNumber: relay.blockNumber.toString() }
    if (relay.relayer) out.relay.relayer = relay.relayer
    if (relay.blockHash) out.relay.blockHash = relay.blockHash
    if (relay.timestamp !== undefined) out.relay.timestamp = relay.timestamp.toString()
    if (relay.returnDataHash) out.relay.returnDataHash = relay.returnDataHash
  }
  if (m.destinationSafety) out.destinationSafety = m.destinationSafety
  if (m.pendingRelay) {
    const { transactionHash, relayer, submittedAt } = m.pendingRelay
    out.pendingRelay = { transactionHash, relayer, submittedAt }
  }
  if (m.failure) {
    const { reason, at, transactionHash } = m.failure
    out.failure = transactionHash ? { reason, at, transactionHash } : { reason, at }
  }
  return out
}

function exportIntent(intent: MessageIntent): Exported<MessageIntent> {
  switch (intent.kind) {
    case 'erc20': {
      const { token, from, to, amount, symbol, decimals } = intent
      const out: Exported<MessageIntent> = { kind: 'erc20', token, from, to, amount: amount.toString() }
      if (symbol !== undefined) out.symbol = symbol
      if (decimals !== undefined) out.decimals = decimals
      return out
    }
    case 'eth':
      return { kind: 'eth', from: intent.from, to: intent.to, amount: intent.amount.toString() }
    case 'generic':
      return intent.selector ? { kind: 'generic', selector: intent.selector } : { kind: 'generic' }
  }
}

const MESSAGE_FIELDS = [
  'hash',
  'source',
  'destination',
  'nonce',
  'sender',
  'target',
  'message',
  'intent',
  'sourceTransactionHash',
  'initiatingLog',
  'sourceSafety',
  'status',
  'relay',
  'destinationSafety',
  'pendingRelay',
  'failure',
  'accounts',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof TrackedMessage)[]

// Records rather than arrays so that adding a member to the union without listing it here fails to compile.
const STATUSES: Record<MessageStatus, true> = {
  pending: true,
  initiated: true,
  ready: true,
  relaying: true,
  relayed: true,
  finalized: true,
  failed: true,
  expired: true,
  reorged: true,
}
const SAFETY_LEVELS: Record<SafetyLevel, true> = { unsafe: true, safe: true, finalized: true }
const INTENT_KINDS: Record<MessageIntent['kind'], true> = { erc20: true, eth: true, generic: true }
const INTENT_FIELDS: Record<MessageIntent['kind'], readonly string[]> = {
  erc20: ['kind', 'token', 'from', 'to', 'amount', 'symbol', 'decimals'],
  eth: ['kind', 'from', 'to', 'amount'],
  generic: ['kind', 'selector'],
}

function importMessage(value: unknown, path: string): TrackedMessage {
  const raw = readObject(value, path, 'a message object', MESSAGE_FIELDS)
  const at = (field: string) => `${path}.${field}`

  const message: TrackedMessage = {
    hash: readBytes32(raw.hash, at('hash')),
    source: readChainId(raw.source, at('source')),
    destination: readChainId(raw.destination, at('destination')),
    nonce: readUint256(raw.nonce, at('nonce')),
    sender: readAddress(raw.sender, at('sender')),
    target: readAddress(raw.target, at('target')),
    message: readBytes(raw.message, at('message')),
    intent: importIntent(raw.intent, at('intent')),
    sourceTransactionHash: readBytes32(raw.sourceTransactionHash, at('sourceTransactionHash')),
    status: readMember(raw.status, at('status'), STATUSES),
    accounts: readArray(raw.accounts, at('accounts')).map((a, i) =>
      normalizeAddress(readAddress(a, `${at('accounts')}[${i}]`)),
    ),
    createdAt: readMillis(raw.createdAt, at('createdAt')),
    updatedAt: readMillis(raw.updatedAt, at('updatedAt')),
  }
  if (raw.initiatingLog !== undefined)
    message.initiatingLog = importInitiatingLog(raw.initiatingLog, at('initiatingLog'))
  if (raw.sourceSafety !== undefined)
    message.sourceSafety = readMember(raw.sourceSafety, at('sourceSafety'), SAFETY_LEVELS)
  if (raw.relay !== undefined) message.relay = importRelay(raw.relay, at('relay'))
  if (raw.destinationSafety !== undefined) {
    message.destinationSafety = readMember(raw.destinationSafety, at('destinationSafety'), SAFETY_LEVELS)
  }
  if (raw.pendingRelay !== undefined)
    message.pendingRelay = importPendingRelay(raw.pendingRelay, at('pendingRelay'))
  if (raw.failure !== undefined) message.failure = importFailure(raw.failure, at('failure'))

  // The hash is the identity every store keys on; a file whose hash does not follow from the fields would merge
  // one message's history into another's.
  const expected = hashCrossDomainMessage({
    source: BigInt(message.source),
    destination: BigInt(message.destination),
    nonce: message.nonce,
    sender: message.sender,
    target: message.target,
    message: message.message,
    // The hash reads only the six fields above; the type also asks for the log the message was decoded from.
  } as Parameters<typeof hashCrossDomainMessage>[0])
  if (expected !== message.hash.toLowerCase()) {
    fail(
      at('hash'),
      `${message.hash} is not the hash of this message's source, destination, nonce, sender, target and message ` +
        `(they hash to ${expected})`,
    )
  }
  message.hash = expected
  return message
}

function importIntent(value: unknown, path: string): MessageIntent {
  // The kind decides which fields are allowed, so read it before checking the rest.
  const kind = readMember(readObject(value, path, 'an intent object').kind, `${path}.kind`, INTENT_KINDS)
  const raw = readObject(value, path, 'an intent object', INTENT_FIELDS[kind])
  switch (kind) {
    case 'erc20': {
      const intent: MessageIntent = {
        kind,
        token: readAddress(raw.token, `${path}.token`),
        from: readAddress(raw.from, `${path}.from`),
        to: readAddress(raw.to, `${path}.to`),
        amount: readUint256(raw.amount, `${path}.amount`),
      }
      if (raw.symbol !== undefined) intent.symbol = readString(raw.symbol, `${path}.symbol`)
      if (raw.decimals !== undefined) intent.decimals = readDecimals(raw.decimals, `${path}.decimals`)
      return intent
    }
    case 'eth':
      return {
        kind,
        from: readAddress(raw.from, `${path}.from`),
        to: readAddress(raw.to, `${path}.to`),
        amount: readUint256(raw.amount, `${path}.amount`),
      }
    case 'generic': {
      if (raw.selector === undefined) return { kind }
      const selector = readBytes(raw.selector, `${path}.selector`)
      if (selector.length !== 10)
        fail(`${path}.selector`, `expected 4 bytes of hex, got ${show(raw.selector)}`)
      return { kind, selector }
    }
  }
}

function importInitiatingLog(value: unknown, path: string): InitiatingLog {
  const raw = readObject(value, path, 'an initiating log object', [
    'blockNumber',
    'blockHash',
    'logIndex',
    'timestamp',
    'transactionHash',
  ])
  return {
    blockNumber: readUint256(raw.blockNumber, `${path}.blockNumber`),
    blockHash: readBytes32(raw.blockHash, `${path}.blockHash`),
    logIndex: readCount(raw.logIndex, `${path}.logIndex`),
    timestamp: readUint256(raw.timestamp, `${path}.timestamp`),
    transactionHash: readBytes32(raw.transactionHash, `${path}.transactionHash`),
  }
}

function importRelay(value: unknown, path: string): RelayRecord {
  const raw = readObject(value, path, 'a relay object', [
    'transactionHash',
    'relayer',
    'blockNumber',
    'blockHash',
    'timestamp',
    'returnDataHash',
  ])
  const relay: RelayRecord = {
    transactionHash: readBytes32(raw.transactionHash, `${path}.transactionHash`),
    blockNumber: readUint256(raw.blockNumber, `${path}.blockNumber`),
  }
  if (raw.relayer !== undefined) relay.relayer = readAddress(raw.relayer, `${path}.relayer`)
  if (raw.blockHash !== undefined) relay.blockHash = readBytes32(raw.blockHash, `${path}.blockHash`)
  if (raw.timestamp !== undefined) relay.timestamp = readUint256(raw.timestamp, `${path}.timestamp`)
  if (raw.returnDataHash !== undefined)
    relay.returnDataHash = readBytes32(raw.returnDataHash, `${path}.returnDataHash`)
  return relay
}

function importPendingRelay(value: unknown, path: string): RelayAttempt {
  const raw = readObject(value, path, 'a pending relay object', ['transactionHash', 'relayer', 'submittedAt'])
  return {
    transactionHash: readBytes32(raw.transactionHash, `${path}.transactionHash`),
    relayer: readAddress(raw.relayer, `${path}.relayer`),
    submittedAt: readMillis(raw.submittedAt, `${path}.submittedAt`),
  }
}

function importFailure(value: unknown, path: string): RelayFailure {
  const raw = readObject(value, path, 'a failure object', ['reason', 'at', 'transactionHash'])
  const failure: RelayFailure = {
    reason: readString(raw.reason, `${path}.reason`),
    at: readMillis(raw.at, `${path}.at`),
  }
  if (raw.transactionHash !== undefined) {
    failure.transactionHash = readBytes32(raw.transactionHash, `${path}.transactionHash`)
  }
  return failure
}

// Readers: each returns the typed value or throws a HistoryImportError naming `path`.

function fail(path: string, problem: string): never {
  throw new HistoryImportError(path, problem)
}

/** The offending value, quoted and cut short so a megabyte of garbage does not become the error message. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing'
  const text = typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value))
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

/**
 * A plain object, whose keys, when `allowed` is given, must all be in it. Unknown keys are rejected rather than
 * dropped: within one format version the file's shape is fixed, so an extra key means the file is not what it
 * claims to be.
 */
function readObject<K extends string = string>(
  value: unknown,
  path: string,
  what: string,
  allowed?: readonly K[],
): Partial<Record<K, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, `expected ${what}, got ${show(value)}`)
  }
  if (allowed) {
    for (const key of Object.keys(value)) {
      if (!(allowed as readonly string[]).includes(key)) fail(path ? `${path}.${key}` : key, 'unknown field')
    }
  }
  return value as Partial<Record<K, unknown>>
}

function readArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, `expected an array, got ${show(value)}`)
  return value
}

function readString(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, `expected a string, got ${show(value)}`)
  return value
}

function readMember<T extends string>(value: unknown, path: string, members: Record<T, true>): T {
  if (typeof value !== 'string' || !Object.hasOwn(members, value)) {
    const names = Object.keys(members).map((name) => `'${name}'`)
    fail(path, `expected one of ${names.join(', ')}, got ${show(value)}`)
  }
  return value as T
}

const MAX_UINT256 = 2n ** 256n - 1n

function readUint256(value: unknown, path: string): bigint {
  if (typeof value !== 'string' || !/^(0|[1-9][0-9]*)$/.test(value)) {
    fail(path, `expected a decimal integer string, got ${show(value)}`)
  }
  const parsed = BigInt(value)
  if (parsed > MAX_UINT256) fail(path, `expected a value that fits in uint256, got ${show(value)}`)
  return parsed
}

function readChainId(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    fail(path, `expected a chain id (a positive integer), got ${show(value)}`)
  }
  return value
}

function readCount(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail(path, `expected a non-negative integer, got ${show(value)}`)
  }
  return value
}

function readMillis(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail(path, `expected a time in ms since epoch (a non-negative integer), got ${show(value)}`)
  }
  return value
}

function readDecimals(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 255) {
    fail(path, `expected token decimals (an integer from 0 to 255), got ${show(value)}`)
  }
  return value
}

function readAddress(value: unknown, path: string): Address {
  // viem's strict check: a mixed-case address must carry a valid EIP-55 checksum, which catches a mistyped digit.
  if (typeof value !== 'string' || !isAddress(value)) fail(path, `expected an address, got ${show(value)}`)
  return value
}

function readBytes(value: unknown, path: string): Hex {
  if (typeof value !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(value)) {
    fail(path, `expected 0x-prefixed hex bytes, got ${show(value)}`)
  }
  return value as Hex
}

function readBytes32(value: unknown, path: string): Hex {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(value)) {
    fail(path, `expected a 32-byte 0x-prefixed hex string, got ${show(value)}`)
  }
  return value as Hex
}
