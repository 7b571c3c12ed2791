/**
 * Discovery from a transaction hash: every SentMessage in its receipt (a tx may hold several — a batch of transfers,
 * a contract that sends to two chains), each classified as an ERC-20 transfer, an ETH transfer or a generic message.
 */
import {
  TransactionNotFoundError,
  TransactionReceiptNotFoundError,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem'

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

export function assertTransactionHash(value: string): asserts value is Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) throw new InvalidTransactionHashError(value)
}

export type DiscoverFromTransactionResult =
  | { state: 'mined'; messages: TrackedMessage[] }
  /** In the mempool: its messages get their identity (nonce, hash) only once mined. */
  | { state: 'pending' }

export async function discoverFromTransaction(
  client: PublicClient,
  chainId: number,
  transactionHash: string,
  options: { watched?: Address[]; now?: number } = {},
): Promise<DiscoverFromTransactionResult> {
  assertTransactionHash(transactionHash)
  let receipt
  try {
    receipt = await client.getTransactionReceipt({ hash: transactionHash })
  } catch (error) {
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
  const decoded = decodeSentMessages(chainId, receipt.logs)
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
