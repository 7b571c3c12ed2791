/**
 * Turns a SentMessage decoded from a source chain into the tracker's model: adds the initiating block's timestamp
 * (the Identifier needs it) and the token's symbol/decimals for display.
 */
import type { Address } from 'viem'

import type { ChainClient } from '../chains/readClient'
import type { DecodedMessage } from '../protocol/decode'
import { readTokenMetadata } from '../chains/tokenMetadata'
import { normalizeAddress, type TrackedMessage } from '../model/message'

/** Which of the watched accounts a message involves (sender, transfer from/to, or target). */
export function involvedAccounts(
  decoded: Pick<DecodedMessage, 'sender' | 'target' | 'intent'>,
  watched: Address[],
): Address[] {
  const parties = new Set<string>([normalizeAddress(decoded.sender), normalizeAddress(decoded.target)])
  if (decoded.intent.kind === 'erc20' || decoded.intent.kind === 'eth') {
    parties.add(normalizeAddress(decoded.intent.from))
    parties.add(normalizeAddress(decoded.intent.to))
  }
  return watched.map(normalizeAddress).filter((a) => parties.has(a))
}

export interface ToTrackedOptions {
  client: ChainClient
  watched: Address[]
  now: number
  /** Cache of block timestamps by block number, shared across a scan so one block is fetched once. */
  blockTimestamps?: Map<bigint, bigint>
  /** Cache of token metadata by token address. */
  tokenMetadata?: Map<string, { symbol?: string; decimals?: number }>
}

export async function toTrackedMessage(
  decoded: DecodedMessage,
  options: ToTrackedOptions,
): Promise<TrackedMessage> {
  const { log } = decoded
  if (
    log.blockNumber === null ||
    log.blockHash === null ||
    log.logIndex === null ||
    log.transactionHash === null
  ) {
    throw new Error(`SentMessage log of ${decoded.hash} is not mined yet`)
  }
  let timestamp = options.blockTimestamps?.get(log.blockNumber)
  if (timestamp === undefined) {
    timestamp = (await options.client.getBlock({ blockNumber: log.blockNumber })).timestamp
    options.blockTimestamps?.set(log.blockNumber, timestamp)
  }
  let intent = decoded.intent
  if (intent.kind === 'erc20') {
    const key = intent.token.toLowerCase()
    let meta = options.tokenMetadata?.get(key)
    if (meta === undefined) {
      meta = await readTokenMetadata(options.client, intent.token)
      options.tokenMetadata?.set(key, meta)
    }
    intent = { ...intent, ...meta }
  }
  return {
    hash: decoded.hash,
    source: decoded.source,
    destination: decoded.destination,
    nonce: decoded.nonce,
    sender: decoded.sender,
    target: decoded.target,
    message: decoded.message,
    intent,
    sourceTransactionHash: log.transactionHash,
    initiatingLog: {
      blockNumber: log.blockNumber,
      blockHash: log.blockHash,
      logIndex: log.logIndex,
      timestamp,
      transactionHash: log.transactionHash,
    },
    sourceSafety: 'unsafe',
    status: 'initiated',
    accounts: involvedAccounts(decoded, options.watched),
    createdAt: options.now,
    updatedAt: options.now,
  }
}
