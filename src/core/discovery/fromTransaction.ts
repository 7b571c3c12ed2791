/**
 * Discovery from a transaction hash: every SentMessage in its receipt (a tx may hold several — a batch of transfers,
 * a contract that sends to two chains), each classified as an ERC-20 transfer, an ETH transfer or a generic message.
 */
import {
  BaseError,
  TransactionNotFoundError,
  TransactionReceiptNotFoundError,
  type Address,
  type Hex,
} from 'viem'

import type { ChainClient } from '../chains/readClient'
import { MalformedRpcReplyError } from '../chains/errors'
import { SuperchainRelayError } from '../errors/base'
import { decodeSentMessages } from '../protocol/decode'
import type { TrackedMessage } from '../model/message'
import { toTrackedMessage } from './toTrackedMessage'

export class InvalidTransactionHashError extends SuperchainRelayError {
  override name = 'InvalidTransactionHashError'
  constructor(value: string) {
    super(`'${value}' is not a transaction hash: expected 0x followed by 64 hex digits`)
  }
}

export class TransactionUnknownError extends SuperchainRelayError {
  override name = 'TransactionUnknownError'
  constructor(chainId: number, hash: Hex) {
    super(
      `transaction ${hash} is not known on chain ${chainId}: neither mined nor pending (wrong chain or hash?)`,
    )
  }
}

export class NoCrossChainMessageError extends SuperchainRelayError {
  override name = 'NoCrossChainMessageError'
  constructor(chainId: number, hash: Hex) {
    super(
      `transaction ${hash} on chain ${chainId} sent no cross-chain message (no SentMessage from the L2ToL2CrossDomainMessenger)`,
    )
  }
}

// Moved to chains/errors.ts so chain-level reads (chains/ethCall.ts) can raise it; re-exported for existing imports.
export { MalformedRpcReplyError } from '../chains/errors'

export function assertTransactionHash(value: string): asserts value is Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) throw new InvalidTransactionHashError(value)
}

export type DiscoverFromTransactionResult =
  | { state: 'mined'; messages: TrackedMessage[] }
  /** In the mempool: its messages get their identity (nonce, hash) only once mined. */
  | { state: 'pending' }

export async function discoverFromTransaction(
  client: ChainClient,
  chainId: number,
  transactionHash: string,
  options: { watched?: Address[]; now?: number } = {},
): Promise<DiscoverFromTransactionResult> {
  assertTransactionHash(transactionHash)
  let receipt
  try {
    receipt = await client.getTransactionReceipt({ hash: transactionHash })
  } catch (error) {
    // viem's formatter choking on the reply (a TypeError, not one of its own errors): the reply was garbage.
    if (!(error instanceof BaseError))
      throw new MalformedRpcReplyError(
        chainId,
        'eth_getTransactionReceipt',
        String((error as Error)?.message ?? error),
      )
    if (!(error instanceof TransactionReceiptNotFoundError)) throw error
    try {
      await client.getTransaction({ hash: transactionHash })
      return { state: 'pending' }
    } catch (inner) {
      if (inner instanceof TransactionNotFoundError)
        throw new TransactionUnknownError(chainId, transactionHash)
      throw inner
    }
  }
  const decoded = checkedMessages(chainId, transactionHash, receipt)
  if (decoded.length === 0) throw new NoCrossChainMessageError(chainId, transactionHash)
  const now = options.now ?? Date.now()
  const context = {
    client,
    watched: options.watched ?? [],
    now,
    blockTimestamps: new Map(),
    tokenMetadata: new Map(),
  }
  const messages: TrackedMessage[] = []
  for (const d of decoded) messages.push(await toTrackedMessage(d, context))
  return { state: 'mined', messages }
}

/** The receipt's SentMessages, once the receipt is shown to be the one asked for, in a shape a node sends. */
function checkedMessages(
  chainId: number,
  hash: Hex,
  receipt: unknown,
): ReturnType<typeof decodeSentMessages> {
  const bad = (problem: string) => new MalformedRpcReplyError(chainId, 'eth_getTransactionReceipt', problem)
  const r = receipt as { transactionHash?: unknown; logs?: unknown } | null
  if (typeof r !== 'object' || r === null) throw bad('not a receipt object')
  if (typeof r.transactionHash !== 'string') throw bad('it is not a receipt (it names no transaction)')
  if (r.transactionHash.toLowerCase() !== hash.toLowerCase())
    throw bad(`it is the receipt of ${String(r.transactionHash)}, not of ${hash}`)
  if (!Array.isArray(r.logs)) throw bad('its logs are not a list')
  for (const log of r.logs as { transactionHash?: unknown; logIndex?: unknown; blockNumber?: unknown }[]) {
    if (typeof log?.transactionHash !== 'string' || log.transactionHash.toLowerCase() !== hash.toLowerCase())
      throw bad(`a log in it belongs to transaction ${String(log?.transactionHash)}`)
    // Positions are stored and compared later: a float or a 2^256 block number would poison every comparison.
    if (typeof log.logIndex !== 'number' || !Number.isSafeInteger(log.logIndex) || log.logIndex < 0)
      throw bad(`a log index of ${String(log.logIndex)}`)
    if (typeof log.blockNumber !== 'bigint' || log.blockNumber < 0n || log.blockNumber >= 2n ** 63n)
      throw bad(`a block number of ${String(log.blockNumber)}`)
  }
  try {
    return decodeSentMessages(chainId, r.logs as Parameters<typeof decodeSentMessages>[1])
  } catch (error) {
    throw bad((error as Error).message.split('\n')[0] ?? 'undecodable logs')
  }
}
