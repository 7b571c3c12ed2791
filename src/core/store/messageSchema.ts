/**
 * The shape of a tracked message, as one schema in two spellings: in a history file (JSON: every bigint a decimal
 * string, addresses with a valid checksum when mixed-case) and as a record read back from IndexedDB (bigints kept
 * by structured clone). Only the shape: what follows from the fields (the hash, the intent, the signed relay's
 * bytes) is checked where the data comes in (historyMessage.ts).
 */
import {
  array,
  literal,
  optional,
  strictObject,
  variant,
  type GenericSchema,
  type InferOutput,
} from 'valibot'

import {
  address as checkedAddress,
  addressShape,
  bytes,
  bytes32,
  chainId,
  count,
  decimalUint256,
  decimals,
  expected,
  keyProblem,
  millis,
  oneOf,
  record,
  text,
  uint256,
} from '../schema/fields'
import { show } from '../schema/parse'
import type { MessageStatus, SafetyLevel, TrackedMessage } from '../model/message'

export const MESSAGE_STATUSES = [
  'pending',
  'initiated',
  'ready',
  'relaying',
  'relayed',
  'finalized',
  'failed',
  'expired',
  'reorged',
  'vanished',
] as const satisfies readonly MessageStatus[]
// Fails to compile when the model adds a status this list lacks.
const _everyStatus: Exclude<MessageStatus, (typeof MESSAGE_STATUSES)[number]> extends never ? true : never =
  true
void _everyStatus

const SAFETY_LEVELS = ['unsafe', 'safe', 'finalized'] as const satisfies readonly SafetyLevel[]

type Uint = GenericSchema<unknown, bigint>
type AddressSchema = typeof checkedAddress

function intentSchema(uint: Uint, address: AddressSchema) {
  const kinds = ['erc20', 'eth', 'generic'] as const
  const erc20 = {
    kind: literal('erc20'),
    token: address,
    from: address,
    to: address,
    amount: uint,
    symbol: optional(text),
    decimals: optional(decimals),
  }
  const eth = { kind: literal('eth'), from: address, to: address, amount: uint }
  const generic = { kind: literal('generic'), selector: optional(bytes) }
  return variant(
    'kind',
    [
      strictObject(erc20, keyProblem('an intent object', erc20)),
      strictObject(eth, keyProblem('an intent object', eth)),
      strictObject(generic, keyProblem('an intent object', generic)),
    ],
    // A bad kind comes with the path of the `kind` field; anything else is not an intent at all.
    (issue) =>
      issue.path
        ? `expected one of ${kinds.map((k) => `'${k}'`).join(', ')}, got ${show(issue.input)}`
        : expected('an intent object')(issue),
  )
}

function position(uint: Uint) {
  return record('a log position object', { blockNumber: uint, logIndex: count, transactionHash: bytes32 })
}

function messageEntries(uint: Uint, address: AddressSchema) {
  return {
    hash: bytes32,
    source: chainId,
    destination: chainId,
    nonce: uint,
    sender: address,
    target: address,
    message: bytes,
    intent: intentSchema(uint, address),
    sourceTransactionHash: bytes32,
    initiatingLog: optional(
      record('an initiating log object', {
        blockNumber: uint,
        blockHash: bytes32,
        logIndex: count,
        timestamp: uint,
        transactionHash: bytes32,
      }),
    ),
    sourceSafety: optional(oneOf(SAFETY_LEVELS)),
    status: oneOf(MESSAGE_STATUSES),
    relay: optional(
      record('a relay object', {
        transactionHash: bytes32,
        relayer: optional(address),
        blockNumber: uint,
        blockHash: optional(bytes32),
        timestamp: optional(uint),
        returnDataHash: optional(bytes32),
      }),
    ),
    destinationSafety: optional(oneOf(SAFETY_LEVELS)),
    pendingRelay: optional(
      record('a pending relay object', {
        transactionHash: bytes32,
        relayer: address,
        submittedAt: millis,
        stage: optional(oneOf(['signed', 'sent'] as const)),
        rawTransaction: optional(bytes),
        nonce: optional(count),
        accessList: optional(oneOf(['verified', 'unverified'] as const)),
      }),
    ),
    relayIntent: optional(record('a relay intent object', { relayer: address, startedAt: millis })),
    failure: optional(
      record('a failure object', { reason: text, at: millis, transactionHash: optional(bytes32) }),
    ),
    locationChange: optional(
      record('a location change object', {
        cause: oneOf(['reorg', 'resend', 'chainReset'] as const),
        at: millis,
        from: optional(position(uint)),
        to: optional(position(uint)),
      }),
    ),
    expiry: optional(
      record('an expiry object', {
        transactionHash: bytes32,
        blockNumber: uint,
        blockHash: bytes32,
        undeliveredAt: uint,
      }),
    ),
    sourceMessenger: optional(text),
    accounts: array(address, expected('an array')),
    createdAt: millis,
    updatedAt: millis,
  }
}

/** A message in a history file (and the CLI's state file, which holds one). */
export const historyMessageSchema = record('a message object', messageEntries(decimalUint256, checkedAddress))

/**
 * A record read back from IndexedDB: the same shape with bigints, plus `unverified` (an imported message the
 * poller has not confirmed yet), which only stores hold — a file never vouches for itself.
 */
export const storedMessageSchema = record('a message object', {
  ...messageEntries(uint256, addressShape),
  unverified: optional(literal(true, expected('true'))),
})

/** The output types must be the model's, field for field: a model change that the schema misses fails to compile. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _history: Same<InferOutput<typeof historyMessageSchema>, Omit<TrackedMessage, 'unverified'>> = true
const _stored: Same<InferOutput<typeof storedMessageSchema>, TrackedMessage> = true
void _history
void _stored
