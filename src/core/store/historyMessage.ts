/**
 * One tracked message as it is written in a history file, and read back from one: every bigint a decimal string,
 * optional fields omitted when absent, and — on the way in — every field validated, the hash recomputed from the
 * fields it is made of (store/serialize.ts describes the file around it).
 */
import { hashCrossDomainMessage } from '@eth-optimism/viem/utils/interop'
import { keccak256 } from 'viem'

import {
  normalizeAddress,
  type InitiatingLog,
  type LocationChange,
  type LogPosition,
  type MessageIntent,
  type MessageStatus,
  type RelayAttempt,
  type RelayFailure,
  type RelayIntent,
  type RelayRecord,
  type SafetyLevel,
  type TrackedMessage,
} from '../model/message'
import {
  fail,
  readAddress,
  readArray,
  readBytes,
  readBytes32,
  readChainId,
  readCount,
  readDecimals,
  readMember,
  readMillis,
  readObject,
  readString,
  readUint256,
  show,
} from './jsonReaders'

/** A value as it appears in the file: bigints become decimal strings, the rest is unchanged. */
export type Exported<T> = T extends bigint
  ? string
  : T extends readonly unknown[]
    ? { [K in keyof T]: Exported<T[K]> }
    : T extends object
      ? { [K in keyof T]: Exported<T[K]> }
      : T

export type ExportedMessage = Exported<TrackedMessage>

export function exportMessage(m: TrackedMessage): ExportedMessage {
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
    const { transactionHash, relayer, submittedAt, stage, rawTransaction, nonce, accessList } = m.pendingRelay
    out.pendingRelay = { transactionHash, relayer, submittedAt }
    if (stage) out.pendingRelay.stage = stage
    if (rawTransaction) out.pendingRelay.rawTransaction = rawTransaction
    if (nonce !== undefined) out.pendingRelay.nonce = nonce
    if (accessList) out.pendingRelay.accessList = accessList
  }
  if (m.relayIntent) out.relayIntent = { relayer: m.relayIntent.relayer, startedAt: m.relayIntent.startedAt }
  if (m.failure) {
    const { reason, at, transactionHash } = m.failure
    out.failure = transactionHash ? { reason, at, transactionHash } : { reason, at }
  }
  if (m.locationChange) {
    const { cause, at, from, to } = m.locationChange
    out.locationChange = { cause, at }
    if (from) out.locationChange.from = exportPosition(from)
    if (to) out.locationChange.to = exportPosition(to)
  }
  return out
}

function exportPosition(p: LogPosition): Exported<LogPosition> {
  return { blockNumber: p.blockNumber.toString(), logIndex: p.logIndex, transactionHash: p.transactionHash }
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
  'relayIntent',
  'failure',
  'locationChange',
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
  vanished: true,
}
const SAFETY_LEVELS: Record<SafetyLevel, true> = { unsafe: true, safe: true, finalized: true }
const ATTEMPT_STAGES: Record<NonNullable<RelayAttempt['stage']>, true> = { signed: true, sent: true }
const ACCESS_LIST_CHECKS: Record<NonNullable<RelayAttempt['accessList']>, true> = {
  verified: true,
  unverified: true,
}
const LOCATION_CAUSES: Record<LocationChange['cause'], true> = { reorg: true, resend: true, chainReset: true }
const INTENT_KINDS: Record<MessageIntent['kind'], true> = { erc20: true, eth: true, generic: true }
const INTENT_FIELDS: Record<MessageIntent['kind'], readonly string[]> = {
  erc20: ['kind', 'token', 'from', 'to', 'amount', 'symbol', 'decimals'],
  eth: ['kind', 'from', 'to', 'amount'],
  generic: ['kind', 'selector'],
}

export function importMessage(value: unknown, path: string): TrackedMessage {
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
  if (raw.relayIntent !== undefined)
    message.relayIntent = importRelayIntent(raw.relayIntent, at('relayIntent'))
  if (raw.failure !== undefined) message.failure = importFailure(raw.failure, at('failure'))
  if (raw.locationChange !== undefined)
    message.locationChange = importLocationChange(raw.locationChange, at('locationChange'))

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
  const raw = readObject(value, path, 'a pending relay object', [
    'transactionHash',
    'relayer',
    'submittedAt',
    'stage',
    'rawTransaction',
    'nonce',
    'accessList',
  ])
  const attempt: RelayAttempt = {
    transactionHash: readBytes32(raw.transactionHash, `${path}.transactionHash`),
    relayer: readAddress(raw.relayer, `${path}.relayer`),
    submittedAt: readMillis(raw.submittedAt, `${path}.submittedAt`),
  }
  if (raw.stage !== undefined) attempt.stage = readMember(raw.stage, `${path}.stage`, ATTEMPT_STAGES)
  if (raw.rawTransaction !== undefined) {
    const bytes = readBytes(raw.rawTransaction, `${path}.rawTransaction`)
    // The journal rebroadcasts these bytes; they must be the transaction the hash names.
    if (keccak256(bytes) !== attempt.transactionHash.toLowerCase()) {
      fail(`${path}.rawTransaction`, `is not the signed transaction ${attempt.transactionHash}`)
    }
    attempt.rawTransaction = bytes
  }
  if (raw.nonce !== undefined) attempt.nonce = readCount(raw.nonce, `${path}.nonce`)
  if (raw.accessList !== undefined) {
    attempt.accessList = readMember(raw.accessList, `${path}.accessList`, ACCESS_LIST_CHECKS)
  }
  return attempt
}

function importRelayIntent(value: unknown, path: string): RelayIntent {
  const raw = readObject(value, path, 'a relay intent object', ['relayer', 'startedAt'])
  return {
    relayer: readAddress(raw.relayer, `${path}.relayer`),
    startedAt: readMillis(raw.startedAt, `${path}.startedAt`),
  }
}

function importLocationChange(value: unknown, path: string): LocationChange {
  const raw = readObject(value, path, 'a location change object', ['cause', 'at', 'from', 'to'])
  const change: LocationChange = {
    cause: readMember(raw.cause, `${path}.cause`, LOCATION_CAUSES),
    at: readMillis(raw.at, `${path}.at`),
  }
  if (raw.from !== undefined) change.from = importPosition(raw.from, `${path}.from`)
  if (raw.to !== undefined) change.to = importPosition(raw.to, `${path}.to`)
  return change
}

function importPosition(value: unknown, path: string): LogPosition {
  const raw = readObject(value, path, 'a log position object', ['blockNumber', 'logIndex', 'transactionHash'])
  return {
    blockNumber: readUint256(raw.blockNumber, `${path}.blockNumber`),
    logIndex: readCount(raw.logIndex, `${path}.logIndex`),
    transactionHash: readBytes32(raw.transactionHash, `${path}.transactionHash`),
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
