/**
 * Re-location (docs/ARCHITECTURE.md §5): where is the live SentMessage of a message whose recorded log is gone?
 * Its hash is its identity; the source chain answers in up to three reads:
 * 1. the receipt of its source transaction — a reorg usually re-includes the same transaction elsewhere;
 * 2. `sentMessages(nonce)` at the head just read — not this hash (or none): the chain never sent it, as it stands
 *    (a reset devnet, a transaction dropped for good); the verdict is 'vanished';
 * 3. it was sent: the SentMessage logs of its nonce (an indexed topic) over the last 7 days, found in one
 *    topic-filtered query (halved if the RPC refuses the range) — a resend, or the same transfer sent again.
 */
import {
  decodeFunctionResult,
  encodeFunctionData,
  TransactionNotFoundError,
  TransactionReceiptNotFoundError,
  type AbiEvent,
  type Hex,
} from 'viem'

import type { ChainClient } from '../chains/readClient'
import { callAtBlock } from '../chains/callAtBlock'
import type { InitiatingLog, TrackedMessage } from '../model/message'
import { l2ToL2CrossDomainMessengerAbi, messengerExtrasAbi } from '../protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../protocol/addresses'
import { decodeSentMessages, type DecodedMessage } from '../protocol/decode'
import { DEFAULT_LOOKBACK_BLOCKS } from './accountScan'
import { searchLogs } from './logSearch'

export type RelocationVerdict =
  | { kind: 'found'; log: Omit<InitiatingLog, 'timestamp'> & { timestamp?: bigint } }
  /** The source transaction is back in the mempool. */
  | { kind: 'pending' }
  /** The source chain does not hold this hash at its nonce. */
  | { kind: 'vanished' }
  /** Sent, but its log was not found in the range searched (yet). */
  | { kind: 'searching' }

const SENT_MESSAGE = l2ToL2CrossDomainMessengerAbi.find(
  (x) => x.type === 'event' && x.name === 'SentMessage',
) as AbiEvent

export async function relocate(
  client: ChainClient,
  message: Pick<TrackedMessage, 'hash' | 'source' | 'nonce' | 'sourceTransactionHash'>,
  head: { number: bigint; hash: Hex },
): Promise<RelocationVerdict> {
  const byReceipt = await fromReceipt(client, message)
  if (byReceipt) return byReceipt

  const sent = decodeFunctionResult({
    abi: messengerExtrasAbi,
    functionName: 'sentMessages',
    data: await callAtBlock(
      client,
      L2_TO_L2_CROSS_DOMAIN_MESSENGER,
      encodeFunctionData({ abi: messengerExtrasAbi, functionName: 'sentMessages', args: [message.nonce] }),
      head.hash,
    ),
  })
  if (sent.toLowerCase() !== message.hash.toLowerCase()) return { kind: 'vanished' }

  const from = head.number > DEFAULT_LOOKBACK_BLOCKS ? head.number - DEFAULT_LOOKBACK_BLOCKS : 0n
  const { logs } = await searchLogs(
    client,
    { address: L2_TO_L2_CROSS_DOMAIN_MESSENGER, event: SENT_MESSAGE, args: { messageNonce: message.nonce } },
    from,
    head.number,
  )
  const ours = decodeSentMessages(message.source, logs).filter(
    (d) => d.hash.toLowerCase() === message.hash.toLowerCase(),
  )
  const newest = ours.at(-1)
  // Not in the range searched (older than 7 days, or a range the RPC would not serve): nothing concluded.
  return newest ? found(newest) : { kind: 'searching' }
}

/** Step 1. Undefined: no receipt with this hash (not mined, or its message got another nonce and hash). */
async function fromReceipt(
  client: ChainClient,
  message: Pick<TrackedMessage, 'hash' | 'source' | 'sourceTransactionHash'>,
): Promise<RelocationVerdict | undefined> {
  try {
    const receipt = await client.getTransactionReceipt({ hash: message.sourceTransactionHash })
    const d = decodeSentMessages(message.source, receipt.logs).find(
      (x) => x.hash.toLowerCase() === message.hash.toLowerCase(),
    )
    return d ? found(d) : undefined
  } catch (error) {
    if (!(error instanceof TransactionReceiptNotFoundError)) throw error
  }
  try {
    await client.getTransaction({ hash: message.sourceTransactionHash })
    return { kind: 'pending' }
  } catch (error) {
    if (!(error instanceof TransactionNotFoundError)) throw error
    return undefined
  }
}

function found(d: DecodedMessage): RelocationVerdict {
  const log = d.initiatingLog
  if (!log) return { kind: 'searching' }
  return { kind: 'found', log }
}
