/**
 * The relay journal's follow-up (docs/ARCHITECTURE.md §5): what happened to our own relay transaction, read each
 * tick while the message is not seen relayed. Never twice, never lost:
 * - a tx the node does not know, whose signed bytes we hold, is broadcast again — the same bytes, the same hash —
 *   unless its account nonce was taken meanwhile (then another tx replaced it: dropped);
 * - a tx recorded 'signed' that the node knows was broadcast after all: 'sent';
 * - a wallet's tx (no bytes) unknown for `DROPPED_AFTER_MS` is dropped;
 * - a reverted receipt is a failure with its decoded reason;
 * - a wallet intent (no hash) this process is not waiting on, older than `INTENT_ORPHANED_MS`, is surfaced as a
 *   failure whose outcome is unknown — never retried on its own.
 */
import { RpcRequestError, TransactionNotFoundError, TransactionReceiptNotFoundError, type Hex } from 'viem'

import { ethCall } from '../chains/ethCall'
import type { ChainClient } from '../chains/readClient'
import type { TrackedMessage } from '../model/message'
import type { TrackerEvent } from '../model/status'
import { findError } from '../relay/errors'
import { decodeRevertReason } from '../relay/revertReason'

/** Our wallet-sent relay tx is considered dropped if neither mined nor known to the node after this long. */
export const DROPPED_AFTER_MS = 120_000
/** A wallet prompt nobody in this process waits on, older than this, has no outcome we will ever learn. */
export const INTENT_ORPHANED_MS = 10 * 60_000

export const UNKNOWN_OUTCOME =
  'Superchain Relay stopped while your wallet was asked to sign this relay, so whether it was sent is unknown. ' +
  'If you approved it, it shows up as relayed once mined; otherwise relay again.'

export async function checkOwnRelay(
  client: ChainClient,
  message: TrackedMessage,
  now: number,
  /** Messages whose wallet prompt this process is waiting on right now. */
  waitingOnWallet: ReadonlySet<Hex>,
): Promise<TrackerEvent | undefined> {
  const attempt = message.pendingRelay
  if (!attempt) {
    const intent = message.relayIntent
    if (!intent || waitingOnWallet.has(message.hash) || now - intent.startedAt < INTENT_ORPHANED_MS)
      return undefined
    return { type: 'relayFailed', failure: { reason: UNKNOWN_OUTCOME, at: now } }
  }
  const hash = attempt.transactionHash
  const receipt = await client.getTransactionReceipt({ hash }).catch((error: unknown) => {
    if (error instanceof TransactionReceiptNotFoundError) return undefined
    throw error
  })
  if (receipt) {
    if (receipt.status !== 'reverted') return undefined // mined: the destination read says relayed
    const reason = await replay(client, hash, receipt.blockNumber)
    return { type: 'relayFailed', failure: { reason, at: now, transactionHash: hash }, transactionHash: hash }
  }
  const known = await client.getTransaction({ hash }).then(
    () => true,
    (error: unknown) => {
      if (error instanceof TransactionNotFoundError) return false
      throw error
    },
  )
  if (known) {
    return attempt.stage === 'signed'
      ? { type: 'relaySubmitted', attempt: { ...attempt, stage: 'sent' } }
      : undefined
  }
  if (attempt.rawTransaction) return rebroadcast(client, message, attempt.rawTransaction, now)
  if (now - attempt.submittedAt > DROPPED_AFTER_MS) return { type: 'relayDropped', transactionHash: hash }
  return undefined
}

async function rebroadcast(
  client: ChainClient,
  message: TrackedMessage,
  raw: Hex,
  now: number,
): Promise<TrackerEvent | undefined> {
  const attempt = message.pendingRelay!
  const hash = attempt.transactionHash
  if (attempt.nonce !== undefined) {
    const next = await client.getTransactionCount({ address: attempt.relayer, blockTag: 'latest' })
    // Its nonce is used and it is not mined: another transaction of that account replaced it.
    if (next > attempt.nonce) return { type: 'relayDropped', transactionHash: hash }
  }
  try {
    await client.request({ method: 'eth_sendRawTransaction', params: [raw] })
    return { type: 'relaySubmitted', attempt: { ...attempt, stage: 'sent' } }
  } catch (error) {
    const refused = findError(error, RpcRequestError)
    // A transport failure: whether it arrived is unknown again; the next tick asks once more.
    if (!refused) throw error
    // Nodes say these only in words (geth, anvil, reth all answer -32000/-32003 with a sentence): no code to test.
    const text = `${refused.shortMessage} ${refused.details}`
    if (/already known|known transaction|already imported/i.test(text)) {
      return { type: 'relaySubmitted', attempt: { ...attempt, stage: 'sent' } }
    }
    if (/nonce too low/i.test(text)) return { type: 'relayDropped', transactionHash: hash }
    // The node refused these bytes for good (funds, an interop check): the user decides what next.
    return {
      type: 'relayFailed',
      failure: {
        reason: `the relay transaction was refused: ${refused.details || refused.shortMessage}`,
        at: now,
        transactionHash: hash,
      },
      transactionHash: hash,
    }
  }
}

/** Why a mined relay reverted: the same call replayed on the block before it. */
async function replay(client: ChainClient, hash: Hex, blockNumber: bigint): Promise<string> {
  const tx = await client.getTransaction({ hash })
  // A relay always has a `to` (the messenger); a creation would have nothing to replay against.
  if (!tx.to) return 'the relay transaction reverted'
  return ethCall(
    client,
    {
      from: tx.from,
      to: tx.to,
      data: tx.input,
      accessList: 'accessList' in tx ? tx.accessList : undefined,
    },
    blockNumber - 1n,
  ).then(
    () => 'the relay transaction reverted',
    (error: unknown) => decodeRevertReason(error),
  )
}
