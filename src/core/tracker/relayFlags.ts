/**
 * `successfulMessages(hash)` of every destination message, read at exactly the head the tick read
 * (docs/ARCHITECTURE.md §2, §5) — in the same round trip as that head.
 *
 * The head's hash is not known until the batch answers, so the batch cannot pin the call to it. Instead the one
 * Multicall3 `aggregate3` runs at `latest` and also returns, from inside the same call, the block it ran at: its
 * number (`getBlockNumber`) and its parent's hash (`getLastBlockHash`; the EVM cannot see its own block's hash).
 * The flags are used only when those equal the head's number and parent hash — the block the call saw is the head,
 * or a sibling of it at the same height on the same parent (§2 says why the rules after it make that harmless).
 * Otherwise (a block landed between the calls, another node answered) the call is made again pinned to the head's
 * hash (EIP-1898), one more round trip, as every tick did before.
 *
 * Flags go `FLAGS_PER_CALL` to a Multicall3 call: one call for 10,000 messages would need more gas than a node lets
 * an `eth_call` use (30M on anvil). The calls of one tick still travel in one batch, each with its own getters.
 */
import { decodeFunctionResult, encodeFunctionData, multicall3Abi, parseAbi, type Block, type Hex } from 'viem'

import type { ChainClient } from '../chains/readClient'
import type { CallBatch } from '../chains/callBatch'
import type { RpcReply } from '../chains/rpcBatch'
import { callAtBlock } from '../chains/callAtBlock'
import type { TrackedMessage } from '../model/message'
import { l2ToL2CrossDomainMessengerAbi } from '../protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER, MULTICALL3 } from '../protocol/addresses'

/** Multicall3's own block getters (every deployment has them). */
const blockGettersAbi = parseAbi([
  'function getBlockNumber() view returns (uint256)',
  'function getLastBlockHash() view returns (bytes32)',
])
const GETTERS = ['getBlockNumber', 'getLastBlockHash'] as const

/** At ~3,500 gas per flag, a call of this many stays far below a node's `eth_call` gas cap (30M by default). */
export const FLAGS_PER_CALL = 2_000

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += FLAGS_PER_CALL) out.push(items.slice(i, i + FLAGS_PER_CALL))
  return out
}

/** The flags as read in the batch, with the block the call ran at. */
export interface FlagsAtLatest {
  block: { number: bigint; parentHash: Hex }
  flags: boolean[]
}

function flagCalls(messages: readonly TrackedMessage[]) {
  return messages.map((m) => ({
    target: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
    allowFailure: false,
    callData: encodeFunctionData({
      abi: l2ToL2CrossDomainMessengerAbi,
      functionName: 'successfulMessages',
      args: [m.hash],
    }),
  }))
}

function decodeFlags(results: readonly { returnData: Hex }[]): boolean[] {
  return results.map((r) =>
    decodeFunctionResult({
      abi: l2ToL2CrossDomainMessengerAbi,
      functionName: 'successfulMessages',
      data: r.returnData,
    }),
  )
}

/**
 * Adds the flags' Multicall3 calls at `latest` to the tick's batch; undefined from the function when one failed or
 * the calls did not all run at the same block.
 */
export function requestFlags(
  batch: CallBatch,
  messages: readonly TrackedMessage[],
): () => FlagsAtLatest | undefined {
  const getters = GETTERS.map((functionName) => ({
    target: MULTICALL3,
    allowFailure: false,
    callData: encodeFunctionData({ abi: blockGettersAbi, functionName }),
  }))
  const parts = chunks(messages).map((part) => {
    const data = encodeFunctionData({
      abi: multicall3Abi,
      functionName: 'aggregate3',
      args: [[...getters, ...flagCalls(part)]],
    })
    return {
      size: part.length,
      reply: batch.add({ method: 'eth_call', params: [{ to: MULTICALL3, data }, 'latest'] }),
    }
  })
  return () => {
    const read = parts.map(({ size, reply }) => decodeAtLatest(reply(), size))
    const first = read[0]
    if (!first || read.some((r) => !r || !sameBlock(r.block, first.block))) return undefined
    return { block: first.block, flags: read.flatMap((r) => r!.flags) }
  }
}

function sameBlock(a: FlagsAtLatest['block'], b: FlagsAtLatest['block']): boolean {
  return a.number === b.number && a.parentHash.toLowerCase() === b.parentHash.toLowerCase()
}

function decodeAtLatest(r: RpcReply, size: number): FlagsAtLatest | undefined {
  if (!r.ok) return undefined
  try {
    const results = decodeFunctionResult({
      abi: multicall3Abi,
      functionName: 'aggregate3',
      data: r.result as Hex,
    })
    if (results.length !== GETTERS.length + size) return undefined
    const got = (i: number) =>
      decodeFunctionResult({
        abi: blockGettersAbi,
        functionName: GETTERS[i]!,
        data: results[i]!.returnData,
      })
    return {
      block: { number: got(0) as bigint, parentHash: got(1) as Hex },
      flags: decodeFlags(results.slice(GETTERS.length)),
    }
  } catch {
    return undefined // not a Multicall3 answer: read again, pinned
  }
}

/** Did the batch's call run at the head (same number, same parent)? */
export function ranAtHead(read: FlagsAtLatest, head: Block): boolean {
  return sameBlock(read.block, { number: head.number ?? -1n, parentHash: head.parentHash })
}

/**
 * The flags at exactly `head`: the batch's reading when it ran there, else one call pinned to the head's hash
 * (a node without that block fails it instead of answering from another height or fork).
 */
export async function flagsAtHead(
  client: ChainClient,
  messages: readonly TrackedMessage[],
  head: Block,
  batched: FlagsAtLatest | undefined,
): Promise<boolean[]> {
  if (batched && ranAtHead(batched, head)) return batched.flags
  const read = await Promise.all(
    chunks(messages).map(async (part) => {
      const data = await callAtBlock(
        client,
        MULTICALL3,
        encodeFunctionData({ abi: multicall3Abi, functionName: 'aggregate3', args: [flagCalls(part)] }),
        head.hash!,
      )
      const results = decodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', data })
      if (results.length !== part.length)
        throw new Error(`Multicall3 answered ${results.length} results for ${part.length} calls`)
      return decodeFlags(results)
    }),
  )
  return read.flat()
}
