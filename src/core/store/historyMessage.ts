/**
 * One tracked message as it is written in a history file, and read back from one: every bigint a decimal string,
 * optional fields omitted when absent, and — on the way in — every field validated against the schema
 * (messageSchema.ts), then everything that follows from the message's own bytes derived again rather than taken
 * from the file: the hash, the intent (with the token symbol cleaned like a live one), and that a journaled relay's
 * raw bytes are the transaction it names (store/serialize.ts describes the file around
 * it).
 */
import { hashCrossDomainMessage } from '@eth-optimism/viem/utils/interop'
import { keccak256 } from 'viem'

import { normalizeAddress, type LogPosition, type MessageIntent, type TrackedMessage } from '../model/message'
import { classifyIntent } from '../protocol/intent'
import { sanitizeSymbol } from '../protocol/tokenSymbol'
import { parseInput, show } from '../schema/parse'
import { HistoryImportError } from './errors'
import { historyMessageSchema } from './messageSchema'

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
  if (m.expiry) {
    const { transactionHash, blockNumber, blockHash, undeliveredAt } = m.expiry
    out.expiry = {
      transactionHash,
      blockNumber: blockNumber.toString(),
      blockHash,
      undeliveredAt: undeliveredAt.toString(),
    }
  }
  if (m.sourceMessenger !== undefined) out.sourceMessenger = m.sourceMessenger
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

/**
 * Reads one entry of a history file at `path` (`messages[3]`). Throws `HistoryImportError` naming the field.
 */
export function importMessage(value: unknown, path: string): TrackedMessage {
  const parsed = parseInput(historyMessageSchema, value, path)
  if (!parsed.ok) throw new HistoryImportError(parsed.path, parsed.problem)
  const message = stripUndefined(parsed.value) as TrackedMessage
  const at = (field: string) => `${path}.${field}`

  // The hash is the identity every store keys on; a file whose hash does not follow from the fields would merge
  // one message's history into another's.
  const expectedHash = hashCrossDomainMessage({
    source: BigInt(message.source),
    destination: BigInt(message.destination),
    nonce: message.nonce,
    sender: message.sender,
    target: message.target,
    message: message.message,
    // The hash reads only the six fields above; the type also asks for the log the message was decoded from.
  } as Parameters<typeof hashCrossDomainMessage>[0])
  if (expectedHash !== message.hash.toLowerCase()) {
    throw new HistoryImportError(
      at('hash'),
      `${message.hash} is not the hash of this message's source, destination, nonce, sender, target and message ` +
        `(they hash to ${expectedHash})`,
    )
  }
  message.hash = expectedHash

  const selector = message.intent.kind === 'generic' ? message.intent.selector : undefined
  if (selector !== undefined && selector.length !== 10) {
    throw new HistoryImportError(at('intent.selector'), `expected 4 bytes of hex, got ${show(selector)}`)
  }
  message.intent = deriveIntent(message)
  message.accounts = [...new Set(message.accounts.map(normalizeAddress))]

  const raw = message.pendingRelay?.rawTransaction
  // The journal rebroadcasts these bytes; they must be the transaction the hash names.
  if (raw !== undefined && keccak256(raw) !== message.pendingRelay!.transactionHash.toLowerCase()) {
    throw new HistoryImportError(
      at('pendingRelay.rawTransaction'),
      `is not the signed transaction ${message.pendingRelay!.transactionHash}`,
    )
  }
  return message
}

/**
 * What the message does is in its body: decoded again, never taken from the file. Only a token's symbol and
 * decimals cannot be read offline; they are kept when the file names the same token, the symbol cleaned as a live
 * one is (a sentence smuggled in as a symbol is dropped).
 */
function deriveIntent(message: TrackedMessage): MessageIntent {
  const intent = classifyIntent(message.sender, message.target, message.message)
  const claimed = message.intent
  if (intent.kind !== 'erc20' || claimed.kind !== 'erc20') return intent
  if (claimed.token.toLowerCase() !== intent.token.toLowerCase()) return intent
  const symbol = sanitizeSymbol(claimed.symbol)
  return {
    ...intent,
    ...(symbol !== undefined ? { symbol } : {}),
    ...(claimed.decimals !== undefined ? { decimals: claimed.decimals } : {}),
  }
}

/** valibot writes an optional field that was absent as absent, but a present `undefined` stays; drop those. */
function stripUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(stripUndefined) as T
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) if (field !== undefined) out[key] = stripUndefined(field)
  return out as T
}
