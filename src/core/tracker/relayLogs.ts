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
 *
 * A relay's record is made from its log the tick it is seen (`recordFromLog`); who sent it and when come in the
 * next tick's batch (`requestRelayDetails`), so seeing a relay never costs a second round trip.
 */
import {
  encodeEventTopics,
  formatBlock,
  formatLog,
  formatTransaction,
  getAddress,
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
 * by lower-case hash: from the batch where it covers the message, else searched; and of any other message whose
 * log the batch's recent window holds.
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
    const key = m.hash.toLowerCase()
    if (!flags[i] && !m.relay) {
      // Not flagged, yet the batch's recent window may hold its log: a read that says relayed all the same, which
      // keeps the Relay button away (destinationReads.ts). Never searched for: it is only what the batch brought.
      const log = recent.get(key)
      if (log) out.set(key, log)
      continue
    }
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

/** Who sent a recorded relay and when: the parts of its record its log does not hold. */
export interface RelayDetails {
  relayer?: Hex
  timestamp?: bigint
}

/** Does the record still lack what its transaction and block add (relayLogs.ts `requestRelayDetails`)? */
export function lacksDetails(relay: RelayRecord): boolean {
  return relay.relayer === undefined || relay.timestamp === undefined
}

/**
 * Adds, for recorded relays that still lack who sent them or when, their transaction and block to the tick's batch:
 * a relay is recorded from its log the tick it is seen (no second round trip), and these details follow one tick
 * later in the next tick's one request (docs/ARCHITECTURE.md §2). By lower-case message hash.
 */
export function requestRelayDetails(
  batch: CallBatch,
  messages: readonly TrackedMessage[],
): () => Map<string, RelayDetails> {
  const blocks = new Map<bigint, () => RpcReply>()
  const reads = messages.flatMap((m) => {
    const relay = m.relay
    if (!relay || !lacksDetails(relay)) return []
    if (relay.timestamp === undefined && !blocks.has(relay.blockNumber))
      blocks.set(relay.blockNumber, batch.add(blockCall(relay.blockNumber)))
    const tx =
      relay.relayer === undefined
        ? batch.add({ method: 'eth_getTransactionByHash', params: [relay.transactionHash] })
        : undefined
    return [{ m, relay, tx }]
  })
  return () => {
    const out = new Map<string, RelayDetails>()
    for (const { m, relay, tx } of reads) {
      const details = detailsOf(relay, tx?.(), blocks.get(relay.blockNumber)?.())
      if (details.relayer !== undefined || details.timestamp !== undefined)
        out.set(m.hash.toLowerCase(), details)
    }
    return out
  }
}

/** What a transaction and a block reply add to a relay record: only what they prove about that very relay. */
function detailsOf(relay: RelayRecord, txReply?: RpcReply, blockReply?: RpcReply): RelayDetails {
  const out: RelayDetails = {}
  const tx = txReply?.ok && txReply.result ? formatTransaction(txReply.result as RpcTransaction) : undefined
  // Checksummed, as our own relays record their signer: one spelling of an address whichever read found it.
  if (tx && tx.hash.toLowerCase() === relay.transactionHash.toLowerCase()) out.relayer = getAddress(tx.from)
  const block = blockReply?.ok && blockReply.result ? formatBlock(blockReply.result as RpcBlock) : undefined
  if (block?.hash && (!relay.blockHash || block.hash.toLowerCase() === relay.blockHash.toLowerCase()))
    out.timestamp = block.timestamp
  return out
}

/**
 * The relay record a RelayedMessage log proves, without another read: a record already held for the same
 * transaction and block is kept (filled in with `details` from the batch), a new one holds what the log and the
 * head say — who sent it only when it is our own pending relay's transaction, when only when its block is the head.
 */
export function recordFromLog(
  message: TrackedMessage,
  log: RelayLog,
  head: Block,
  details: RelayDetails | undefined,
): RelayRecord {
  const known = message.relay
  const same = known && known.transactionHash === log.transactionHash && known.blockHash === log.blockHash
  const base: RelayRecord = same
    ? known
    : {
        transactionHash: log.transactionHash,
        blockNumber: log.blockNumber,
        blockHash: log.blockHash,
        returnDataHash: log.args.returnDataHash,
      }
  const own = message.pendingRelay
  const relayer =
    base.relayer ??
    (same ? details?.relayer : undefined) ??
    (own && own.transactionHash.toLowerCase() === log.transactionHash.toLowerCase() ? own.relayer : undefined)
  const timestamp =
    base.timestamp ??
    (same ? details?.timestamp : undefined) ??
    (log.blockNumber === head.number ? head.timestamp : undefined)
  return {
    ...base,
    ...(relayer !== undefined ? { relayer } : {}),
    ...(timestamp !== undefined ? { timestamp } : {}),
  }
}

/**
 * Who sent each of these relays and when, in one round trip: for a relay first seen already final, whose record
 * nothing will read again. A read that fails leaves its field out, as a relay is proven by its log, not by these.
 */
export async function completeRecords(
  exchange: (calls: readonly RpcCall[]) => Promise<RpcReply[]>,
  records: readonly RelayRecord[],
): Promise<RelayRecord[]> {
  const batch = createCallBatch()
  const blocks = new Map<bigint, () => RpcReply>()
  const reads = records.map((relay) => {
    if (relay.timestamp === undefined && !blocks.has(relay.blockNumber))
      blocks.set(relay.blockNumber, batch.add(blockCall(relay.blockNumber)))
    return relay.relayer === undefined
      ? batch.add({ method: 'eth_getTransactionByHash', params: [relay.transactionHash] })
      : undefined
  })
  await batch.send(exchange)
  return records.map((relay, i) => {
    const { relayer, timestamp } = detailsOf(relay, reads[i]?.(), blocks.get(relay.blockNumber)?.())
    return {
      ...relay,
      ...(relay.relayer === undefined && relayer !== undefined ? { relayer } : {}),
      ...(relay.timestamp === undefined && timestamp !== undefined ? { timestamp } : {}),
    }
  })
}
