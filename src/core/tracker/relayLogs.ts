/**
 * The RelayedMessage logs a destination read needs — the proof that goes with a `successfulMessages` flag
 * (destinationReads.ts) — and the records made from them. In the common case they travel in the tick's batch:
 *
 * - `held`: the logs of relays already recorded and not final yet, from the lowest of their blocks (topic-filtered
 *   by message hash);
 * - `recent`: every RelayedMessage since the head this process read on the previous tick (a block or two): where a
 *   relay that happened since then is found, in the same round trip that flags it.
 *
 * A flagged message neither covers (an older relay, the first tick after a restart) is searched for as before, over
 * the week a relay can lag its message. Only logs at or below the head read in the same tick count.
 */
import {
  encodeEventTopics,
  formatBlock,
  formatLog,
  formatTransaction,
  parseEventLogs,
  type AbiEvent,
  type Block,
  type Hex,
  type Log,
  type RpcBlock,
  type RpcLog,
  type RpcTransaction,
} from 'viem'

import type { ChainClient } from '../chains/readClient'
import { createCallBatch, type CallBatch } from '../chains/callBatch'
import type { RpcCall, RpcReply } from '../chains/rpcBatch'
import { searchLogs } from '../discovery/logSearch'
import type { RelayRecord, TrackedMessage } from '../model/message'
import { l2ToL2CrossDomainMessengerAbi } from '../protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../protocol/addresses'
import { blockCall } from './heads'

/** How far back to look for a RelayedMessage we have not seen: a relay cannot be older than its message's 7 days. */
const RELAY_LOOKBACK_BLOCKS = 302_400n
const RELAYED_MESSAGE = l2ToL2CrossDomainMessengerAbi.find(
  (x) => x.type === 'event' && x.name === 'RelayedMessage',
) as AbiEvent

export type RelayLog = Log<bigint, number, false, typeof RELAYED_MESSAGE> & {
  args: { messageHash: Hex; returnDataHash: Hex }
}

/** What the batch brought: each range from its first block up to `latest`. */
export interface BatchedRelayLogs {
  held?: { from: bigint; logs: RelayLog[] }
  recent?: { from: bigint; logs: RelayLog[] }
}

const hex = (n: bigint) => `0x${n.toString(16)}`

function decodeLogs(reply: RpcReply): RelayLog[] | undefined {
  if (!reply.ok || !Array.isArray(reply.result)) return undefined
  return parseEventLogs({
    abi: l2ToL2CrossDomainMessengerAbi,
    eventName: 'RelayedMessage',
    logs: (reply.result as RpcLog[]).map((l) => formatLog(l)),
  }) as unknown as RelayLog[]
}

/**
 * Adds the held and recent queries to the tick's batch. `recentHead`: the head this process read from the chain
 * on its last tick, if that was recent (pollTick.ts); without it there is no recent window.
 */
export function requestRelayLogs(
  batch: CallBatch,
  messages: readonly TrackedMessage[],
  recentHead: bigint | undefined,
): () => BatchedRelayLogs {
  const held = messages.filter((m) => m.relay)
  const heldFrom = held.reduce<bigint | undefined>(
    (min, m) => (min === undefined || m.relay!.blockNumber < min ? m.relay!.blockNumber : min),
    undefined,
  )
  const query = (from: bigint, args?: { messageHash: Hex[] }): RpcCall => ({
    method: 'eth_getLogs',
    params: [
      {
        address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
        topics: encodeEventTopics({ abi: [RELAYED_MESSAGE], args } as never),
        fromBlock: hex(from),
        toBlock: 'latest',
      },
    ],
  })
  const heldReply =
    heldFrom === undefined ? undefined : batch.add(query(heldFrom, { messageHash: held.map((m) => m.hash) }))
  const unrelayed = messages.some((m) => !m.relay)
  const recentReply = recentHead !== undefined && unrelayed ? batch.add(query(recentHead)) : undefined
  return () => {
    const out: BatchedRelayLogs = {}
    const heldLogs = heldReply && decodeLogs(heldReply())
    if (heldLogs) out.held = { from: heldFrom!, logs: heldLogs }
    const recentLogs = recentReply && decodeLogs(recentReply())
    if (recentLogs) out.recent = { from: recentHead!, logs: recentLogs }
    return out
  }
}

/**
 * The RelayedMessage log (at or below `head`) of every message that is flagged relayed or holds a relay to confirm,
 * by lower-case hash: from the batch where it covers the message, else searched.
 */
export async function findRelayLogs(
  client: ChainClient,
  messages: readonly TrackedMessage[],
  flags: readonly boolean[],
  head: bigint,
  batched: BatchedRelayLogs,
): Promise<Map<string, RelayLog>> {
  const out = new Map<string, RelayLog>()
  const byHash = (logs: RelayLog[] | undefined) =>
    new Map(
      (logs ?? []).filter((l) => l.blockNumber <= head).map((l) => [l.args.messageHash.toLowerCase(), l]),
    )
  const held = byHash(batched.held?.logs)
  const recent = byHash(batched.recent?.logs)
  const unseen: TrackedMessage[] = []
  for (const [i, m] of messages.entries()) {
    if (!flags[i] && !m.relay) continue
    const key = m.hash.toLowerCase()
    const heldCovers =
      m.relay && batched.held && batched.held.from <= m.relay.blockNumber && m.relay.blockNumber <= head
    const log = (heldCovers ? held.get(key) : undefined) ?? recent.get(key)
    if (log) out.set(key, log)
    else if (!heldCovers) unseen.push(m)
  }
  if (unseen.length === 0) return out
  const floor = head > RELAY_LOOKBACK_BLOCKS ? head - RELAY_LOOKBACK_BLOCKS : 0n
  const fromBlock = unseen.reduce((min, m) => {
    const at = m.relay && m.relay.blockNumber <= head ? m.relay.blockNumber : floor
    return at < min ? at : min
  }, head)
  const { logs } = await searchLogs(
    client,
    {
      address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
      event: RELAYED_MESSAGE,
      args: { messageHash: unseen.map((m) => m.hash) },
    },
    fromBlock,
    head,
  )
  for (const log of parseEventLogs({
    abi: l2ToL2CrossDomainMessengerAbi,
    eventName: 'RelayedMessage',
    logs,
  }) as unknown as RelayLog[]) {
    out.set(log.args.messageHash.toLowerCase(), log)
  }
  return out
}

/**
 * The relay records of newly seen relays: who sent each (its transaction) and when (its block), all in one round
 * trip. A record already held for the same transaction and block is kept as it is; a read that fails leaves its
 * field out, as a relay is proven by its log, not by these.
 */
export async function relayRecords(
  exchange: (calls: readonly RpcCall[]) => Promise<RpcReply[]>,
  found: readonly { message: TrackedMessage; log: RelayLog }[],
  head: Block,
): Promise<RelayRecord[]> {
  const batch = createCallBatch()
  const blocks = new Map<bigint, () => RpcReply>()
  const reads = found.map(({ message, log }) => {
    const known = message.relay
    if (known && known.transactionHash === log.transactionHash && known.blockHash === log.blockHash)
      return { known }
    if (log.blockNumber !== head.number && !blocks.has(log.blockNumber))
      blocks.set(log.blockNumber, batch.add(blockCall(log.blockNumber)))
    return { tx: batch.add({ method: 'eth_getTransactionByHash', params: [log.transactionHash] }) }
  })
  await batch.send(exchange)
  const result = <T>(reply: (() => RpcReply) | undefined, format: (raw: never) => T): T | undefined => {
    const r = reply?.()
    return r?.ok && r.result ? format(r.result as never) : undefined
  }
  return found.map(({ log }, i): RelayRecord => {
    const read = reads[i]!
    if ('known' in read) return read.known!
    const tx = result(read.tx, (raw: RpcTransaction) => formatTransaction(raw))
    const timestamp =
      log.blockNumber === head.number
        ? head.timestamp
        : result(blocks.get(log.blockNumber), (raw: RpcBlock) => formatBlock(raw))?.timestamp
    return {
      transactionHash: log.transactionHash,
      ...(tx ? { relayer: tx.from } : {}),
      blockNumber: log.blockNumber,
      blockHash: log.blockHash,
      ...(timestamp !== undefined ? { timestamp } : {}),
      returnDataHash: log.args.returnDataHash,
    }
  })
}
