/**
 * Prepare a relay: re-derive the executing message from the source chain (never from stored or UI-supplied data),
 * check it has not been relayed, simulate it with its access list from the signing account, and price it.
 */
import { encodeAccessList, encodeMessagePayload } from '@eth-optimism/viem/utils/interop'
import { BaseError, encodeFunctionData, type Address, type Hex, type PublicClient } from 'viem'

import { l2ToL2CrossDomainMessengerAbi } from '../protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../protocol/addresses'
import { decodeSentMessages } from '../protocol/decode'
import { describeIntent } from '../protocol/format'
import type { TrackedMessage } from '../model/message'
import type { RelayPlan } from './plan'
import { decodeRevertReason, isAlreadyRelayed } from './revertReason'

export class InitiatingLogNotFoundError extends BaseError {
  override name = 'InitiatingLogNotFoundError'
  constructor(message: TrackedMessage, detail: string) {
    super(
      `not relaying ${message.hash}: its initiating log cannot be found on chain ${message.source} (${detail}). ` +
        'It was reorged out or never mined; the tracker will look for it again.',
    )
  }
}

export class AlreadyRelayedError extends BaseError {
  override name = 'AlreadyRelayedError'
  constructor(hash: Hex, destination: number) {
    super(`message ${hash} is already relayed on chain ${destination}: nothing to do`)
  }
}

export class MessageExpiredError extends BaseError {
  override name = 'MessageExpiredError'
  constructor(hash: Hex, source: number) {
    super(
      `message ${hash} expired (more than 7 days old): resend it with resendMessage on chain ${source} first`,
    )
  }
}

export interface PrepareRelayParameters {
  message: TrackedMessage
  source: PublicClient
  destination: PublicClient
  /** The account that will sign; the simulation runs as it. */
  from?: Address
  chainName?: (chainId: number) => string
}

/** Is the message executed on its destination? Read right before asking anyone to sign. */
export async function isRelayed(destination: PublicClient, hash: Hex): Promise<boolean> {
  return destination.readContract({
    address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
    abi: l2ToL2CrossDomainMessengerAbi,
    functionName: 'successfulMessages',
    args: [hash],
  })
}

export async function prepareRelay(parameters: PrepareRelayParameters): Promise<RelayPlan> {
  const { message, source, destination, from } = parameters
  if (!message.initiatingLog) throw new InitiatingLogNotFoundError(message, 'no initiating log is known')
  if (message.status === 'expired') throw new MessageExpiredError(message.hash, message.source)
  const { blockNumber, logIndex } = message.initiatingLog

  const [logs, block, relayed] = await Promise.all([
    source.getLogs({
      address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
      fromBlock: blockNumber,
      toBlock: blockNumber,
    }),
    source.getBlock({ blockNumber }).catch(() => undefined),
    isRelayed(destination, message.hash),
  ])
  if (relayed) throw new AlreadyRelayedError(message.hash, message.destination)
  const log = logs.find((l) => l.logIndex === logIndex)
  if (!log || !block)
    throw new InitiatingLogNotFoundError(message, `nothing at block ${blockNumber}, log index ${logIndex}`)
  const decoded = decodeSentMessages(message.source, [log])[0]
  if (!decoded || decoded.hash.toLowerCase() !== message.hash.toLowerCase()) {
    throw new InitiatingLogNotFoundError(
      message,
      `the log at block ${blockNumber}, index ${logIndex} is another message`,
    )
  }

  const id = {
    origin: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
    blockNumber,
    logIndex: BigInt(logIndex),
    timestamp: block.timestamp,
    chainId: BigInt(message.source),
  }
  const payload = encodeMessagePayload(log)
  const accessList = encodeAccessList(id, payload)
  const data = encodeFunctionData({
    abi: l2ToL2CrossDomainMessengerAbi,
    functionName: 'relayMessage',
    args: [id, payload],
  })
  const transaction = { to: L2_TO_L2_CROSS_DOMAIN_MESSENGER, data, accessList, value: 0n }
  const description = describeIntent(message, parameters.chainName ?? ((id: number) => `chain ${id}`))

  const plan: RelayPlan = {
    messageHash: message.hash,
    source: message.source,
    destination: message.destination,
    transaction,
    id,
    payload,
    description,
    simulation: { ok: true },
    from,
  }
  try {
    const [gas, fees] = await Promise.all([
      destination.estimateGas({ account: from, to: transaction.to, data, accessList }),
      destination.estimateFeesPerGas(),
    ])
    // 20% headroom: the target's gas use can change between estimate and inclusion.
    const gasLimit = (gas * 12n) / 10n
    plan.transaction = { ...transaction, gas: gasLimit }
    plan.fee = {
      gas: gasLimit,
      maxFeePerGas: fees.maxFeePerGas,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
      total: gasLimit * fees.maxFeePerGas,
    }
  } catch (error) {
    if (isAlreadyRelayed(error)) throw new AlreadyRelayedError(message.hash, message.destination)
    plan.simulation = { ok: false, reason: decodeRevertReason(error) }
  }
  return plan
}
