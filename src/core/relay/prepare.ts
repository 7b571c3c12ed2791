/**
 * Prepare a relay: re-derive the executing message from the source chain (never from stored or UI-supplied data),
 * check it has not been relayed, simulate it with its access list from the signing account, and price it. The
 * plan's description, too, is what the re-read log says (docs/ARCHITECTURE.md §9: re-derive before signing).
 */
import { encodeAccessList, encodeMessagePayload } from '@eth-optimism/viem/utils/interop'
import {
  BlockNotFoundError,
  decodeFunctionResult,
  encodeFunctionData,
  numberToHex,
  type AccessList,
  type Address,
  type BaseError,
  type Hex,
  type Log,
} from 'viem'
import { getEstimateGasError } from 'viem/utils'

import { readBalance } from '../chains/balance'
import { MalformedRpcReplyError } from '../chains/errors'
import { expectReply } from '../chains/expectReply'
import { ethCall } from '../chains/ethCall'
import type { ChainClient } from '../chains/readClient'
import { l2ToL2CrossDomainMessengerAbi } from '../protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../protocol/addresses'
import { decodeSentMessages } from '../protocol/decode'
import { describeIntent } from '../protocol/format'
import { readTokenMetadata } from '../chains/tokenMetadata'
import type { TrackedMessage } from '../model/message'
import {
  AlreadyRelayedError,
  InitiatingLogNotFoundError,
  MessageExpiredError,
  MessageVanishedError,
} from './errors'
import type { RelayPlan } from './plan'
import { decodeRevertReason, isAlreadyRelayed } from './revertReason'

export { AlreadyRelayedError, InitiatingLogNotFoundError, MessageExpiredError } from './errors'

export interface PrepareRelayParameters {
  message: TrackedMessage
  source: ChainClient
  destination: ChainClient
  /** The account that will sign; the simulation runs as it. */
  from?: Address
  chainName?: (chainId: number) => string
}

/** Is the message executed on its destination? Read right before asking anyone to sign. */
export async function isRelayed(destination: ChainClient, hash: Hex): Promise<boolean> {
  const data = await ethCall(destination, {
    to: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
    data: encodeFunctionData({
      abi: l2ToL2CrossDomainMessengerAbi,
      functionName: 'successfulMessages',
      args: [hash],
    }),
  })
  return decodeFunctionResult({
    abi: l2ToL2CrossDomainMessengerAbi,
    functionName: 'successfulMessages',
    data,
  })
}

export async function prepareRelay(parameters: PrepareRelayParameters): Promise<RelayPlan> {
  const { message, source, destination, from } = parameters
  if (message.status === 'vanished') throw new MessageVanishedError(message.hash, message.source)
  if (!message.initiatingLog) throw new InitiatingLogNotFoundError(message, 'no initiating log is known')
  if (message.status === 'expired') throw new MessageExpiredError(message.hash, message.source)
  const { log, timestamp } = await rereadLog(message, source)
  if (await isRelayed(destination, message.hash)) {
    throw new AlreadyRelayedError(message.hash, message.destination)
  }
  const decoded = decodeSentMessages(message.source, [log])[0]!

  const id = {
    origin: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
    blockNumber: log.blockNumber!,
    logIndex: BigInt(log.logIndex!),
    timestamp,
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
  // What executes is what the log says, in the token's own words read from the source now: stored data (a
  // record, an import) could say anything.
  const intent =
    decoded.intent.kind === 'erc20'
      ? { ...decoded.intent, ...(await readTokenMetadata(source, decoded.intent.token).catch(() => ({}))) }
      : decoded.intent
  const description = describeIntent(
    { intent, target: decoded.target, destination: decoded.destination },
    parameters.chainName ?? ((id: number) => `chain ${id}`),
  )

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
    const [reply, fees] = await Promise.all([
      estimateRelayGas(destination, { from, ...transaction }),
      destination.estimateFeesPerGas(),
    ])
    const gas = parseGasEstimate(message.destination, reply)
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
    if (error instanceof MalformedRpcReplyError) throw error
    if (isAlreadyRelayed(error)) throw new AlreadyRelayedError(message.hash, message.destination)
    plan.simulation = { ok: false, reason: decodeRevertReason(error) }
  }
  if (from && plan.fee) {
    // A balance the node will not tell is left unknown: the node refuses an unpayable transaction anyway.
    const balance = await readBalance(destination, from).catch(() => undefined)
    if (balance !== undefined) plan.funds = { balance, enough: balance >= plan.fee.total }
  }
  return plan
}

/**
 * The message's SentMessage, read again at exactly the recorded block (by hash, so a chain that was reset or
 * reorged under the same height cannot pass another block off as it) and index, with that block's timestamp.
 */
async function rereadLog(
  message: TrackedMessage,
  source: ChainClient,
): Promise<{ log: Log; timestamp: bigint }> {
  const { blockNumber, blockHash, logIndex } = message.initiatingLog!
  const missing = () =>
    new InitiatingLogNotFoundError(message, `nothing at block ${blockNumber}, log index ${logIndex}`)
  const block = await source.getBlock({ blockHash }).catch((error: unknown) => {
    if (error instanceof BlockNotFoundError) return undefined
    throw error
  })
  if (!block) throw missing()
  const logs = await source.getLogs({ address: L2_TO_L2_CROSS_DOMAIN_MESSENGER, blockHash })
  const log = logs.find((l) => l.logIndex === logIndex)
  if (!log) throw missing()
  const decoded = decodeSentMessages(message.source, [log])[0]
  if (!decoded || decoded.hash.toLowerCase() !== message.hash.toLowerCase()) {
    throw new InitiatingLogNotFoundError(
      message,
      `the log at block ${blockNumber}, index ${logIndex} is another message`,
    )
  }
  return { log, timestamp: block.timestamp }
}

/**
 * `eth_estimateGas` for the relay transaction, asked directly. viem's estimateGas action also serves local accounts,
 * EIP-7702 authorizations and blobs, and through them keeps secp256k1 and the blob code in every bundle that prices
 * a relay (docs/ARCHITECTURE.md §8); a relay signed by a wallet needs none of it. A refusal is wrapped the way the
 * action wraps it, so revert data and messages read the same.
 */
async function estimateRelayGas(
  destination: ChainClient,
  transaction: { from?: Address; to: Address; data: Hex; accessList: AccessList; value: bigint },
): Promise<unknown> {
  const { from, to, data, accessList, value } = transaction
  try {
    return await destination.request({
      method: 'eth_estimateGas',
      params: [{ ...(from ? { from } : {}), to, data, accessList, value: numberToHex(value) }],
    })
  } catch (error) {
    throw getEstimateGasError(error as BaseError, {
      account: from ? { address: from, type: 'json-rpc' } : undefined,
      chain: destination.chain,
      to,
      data,
      accessList,
      value,
    })
  }
}

/** No transaction costs less than this (the intrinsic gas of a plain transfer). */
const MIN_GAS = 21_000n

/**
 * The node's gas estimate, checked before it sets a gas limit the user signs: a hex quantity (`0x` and no leading
 * zeros, as JSON-RPC writes numbers) between a transfer's intrinsic gas and 2^64. Anything else is the RPC's fault,
 * not the relay's, and is said so rather than shown as a failed simulation.
 */
export function parseGasEstimate(chainId: number, reply: unknown): bigint {
  const bad = (problem: string) => new MalformedRpcReplyError(chainId, 'eth_estimateGas', problem)
  const hex = expectReply(
    chainId,
    'eth_estimateGas',
    reply,
    /^0x(0|[1-9a-fA-F][0-9a-fA-F]*)$/,
    'a hex quantity',
  )
  if (hex.length > 18) throw bad(`a gas estimate of ${hex.length - 2} hex digits is more than 64 bits`)
  const gas = BigInt(hex)
  if (gas < MIN_GAS) throw bad(`a gas estimate of ${gas} is less than any transaction uses (${MIN_GAS})`)
  return gas
}
