/**
 * Everything `relayMessage` needs, rebuilt from the fields we store for a message (docs/ARCHITECTURE.md §4): the payload is
 * the SentMessage log's topics then its data, all of which are functions of the message itself, so a relay can
 * be prepared without refetching the log. The identifier's block, log index and timestamp are the only parts that
 * come from the chain, via the stored initiating log.
 */
import { encodeAccessList } from '@eth-optimism/viem/utils/interop'
import type { MessageIdentifier, MessagePayload } from '@eth-optimism/viem/types/interop'
import { BaseError, concat, encodeAbiParameters, encodeEventTopics } from 'viem'
import type { AccessList, Address, Hex } from 'viem'

import type { InitiatingLog, TrackedMessage } from '../model/message'
import { l2ToL2CrossDomainMessengerAbi } from './abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from './addresses'

export type { MessageIdentifier, MessagePayload }

/** The message fields the SentMessage log is made of. */
export interface SentMessageFields {
  destination: number | bigint
  target: Address
  nonce: bigint
  sender: Address
  message: Hex
}

/** Equals `encodeMessagePayload(log)` of the real SentMessage log. */
export function sentMessagePayload(msg: SentMessageFields): MessagePayload {
  const topics = encodeEventTopics({
    abi: l2ToL2CrossDomainMessengerAbi,
    eventName: 'SentMessage',
    args: { destination: BigInt(msg.destination), target: msg.target, messageNonce: msg.nonce },
  })
  const data = encodeAbiParameters(
    [
      { name: 'sender', type: 'address' },
      { name: 'message', type: 'bytes' },
    ],
    [msg.sender, msg.message],
  )
  return concat([...(topics as Hex[]), data])
}

/** The relay's `Identifier` of a log emitted by the messenger on `sourceChainId`. */
export function messageIdentifier(sourceChainId: number, log: InitiatingLog): MessageIdentifier {
  return {
    origin: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
    blockNumber: log.blockNumber,
    logIndex: BigInt(log.logIndex),
    timestamp: log.timestamp,
    chainId: BigInt(sourceChainId),
  }
}

/**
 * The EIP-2930 access list CrossL2Inbox needs warm, lookup entry first. Without it the relay reverts
 * `NotInAccessList`, so it goes on the eth_call and eth_estimateGas too.
 */
export function relayAccessList(id: MessageIdentifier, payload: MessagePayload): AccessList {
  return encodeAccessList(id, payload)
}

export interface ExecutingMessage {
  id: MessageIdentifier
  payload: MessagePayload
  accessList: AccessList
}

/** A relay was asked for a message whose initiating log we do not currently know. */
export class InitiatingLogUnknownError extends BaseError {
  override name = 'InitiatingLogUnknownError'
  readonly messageHash: Hex
  constructor(messageHash: Hex, status: string) {
    super(
      `Cannot build the relay of message ${messageHash}: initiating log unknown (reorged or not yet mined), status ${status}.`,
    )
    this.messageHash = messageHash
  }
}

/**
 * The three parts of an executing message for a tracked message. Throws `InitiatingLogUnknownError` when there is no
 * initiating log, or when the tracker has marked it reorged: the stored log is then stale and an identifier built
 * from it would fail validation on the destination.
 */
export function executingMessageFor(message: TrackedMessage): ExecutingMessage {
  if (!message.initiatingLog || message.status === 'reorged') {
    throw new InitiatingLogUnknownError(message.hash, message.status)
  }
  const id = messageIdentifier(message.source, message.initiatingLog)
  const payload = sentMessagePayload(message)
  return { id, payload, accessList: relayAccessList(id, payload) }
}
