/**
 * Turns a receipt's (or a log scan's) logs into the cross-chain messages they initiate. A transaction may send
 * several (a batch of transfers, a contract fanning out to two chains), so this returns every one, in log order.
 */
import { extractSentMessageLogs, hashCrossDomainMessage } from '@eth-optimism/viem/utils/interop'
import type { Log } from 'viem'

import type { InitiatingLog, SentMessageFields } from './sentMessage'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from './addresses'
import { classifyIntent } from './intent'

export { classifyIntent }

/**
 * Where the log sits, as far as the log itself says. The block timestamp (part of the relay's Identifier) is in
 * the log only when the node includes `blockTimestamp`; otherwise the caller fills it from the block.
 */
export type DecodedInitiatingLog = Omit<InitiatingLog, 'timestamp'> & { timestamp?: bigint }

export interface DecodedMessage extends SentMessageFields {
  /** Absent for a log that is not in a block (pending). */
  initiatingLog?: DecodedInitiatingLog
  /** The SentMessage log as given, for callers that need more of it (block number for safety, etc.). */
  log: Log
}

function locate(log: Log): DecodedInitiatingLog | undefined {
  if (
    log.blockNumber === null ||
    log.blockHash === null ||
    log.logIndex === null ||
    log.transactionHash === null
  ) {
    return undefined
  }
  return {
    blockNumber: log.blockNumber,
    blockHash: log.blockHash,
    logIndex: log.logIndex,
    transactionHash: log.transactionHash,
    ...(typeof log.blockTimestamp === 'bigint' ? { timestamp: log.blockTimestamp } : {}),
  }
}

/** Completes a decoded initiating log with its block's timestamp. */
export function withTimestamp(log: DecodedInitiatingLog, timestamp: bigint): InitiatingLog {
  return { ...log, timestamp }
}

/**
 * Every SentMessage of the L2ToL2CrossDomainMessenger among `logs`. Logs of the same shape from any other address
 * are ignored: any contract can emit an event called SentMessage, and only the messenger's can be relayed. So is
 * a message to a destination id beyond 2^53: no chain we can register has it, and a `number` cannot hold it.
 */
export function decodeSentMessages(sourceChainId: number, logs: Log[]): DecodedMessage[] {
  const messenger = L2_TO_L2_CROSS_DOMAIN_MESSENGER.toLowerCase()
  const fromMessenger = logs.filter((log) => log.address.toLowerCase() === messenger)
  const decoded: DecodedMessage[] = []
  for (const parsed of extractSentMessageLogs({ logs: fromMessenger })) {
    const { destination, target, messageNonce: nonce, sender, message } = parsed.args
    if (destination > BigInt(Number.MAX_SAFE_INTEGER)) continue
    const log = parsed as Log
    const hash = hashCrossDomainMessage({
      source: BigInt(sourceChainId),
      destination,
      nonce,
      sender,
      target,
      message,
      log,
    })
    const initiatingLog = locate(log)
    decoded.push({
      hash,
      source: sourceChainId,
      destination: Number(destination),
      nonce,
      sender,
      target,
      message,
      intent: classifyIntent(sender, target, message),
      ...(initiatingLog ? { initiatingLog } : {}),
      log,
    })
  }
  return decoded
}
