/**
 * What one tick learns from a chain as the *destination* of messages. The rules that keep a lagging or lying RPC
 * from moving a message the wrong way (docs/ARCHITECTURE.md §5):
 * - `successfulMessages` is read in one Multicall3 call pinned to the hash of the head just read, so it describes
 *   exactly that block (a node without it fails the call instead of answering from elsewhere);
 * - 'relayed' is accepted only with a RelayedMessage log at a block ≤ that head — the flag alone is not enough;
 * - a relayed message goes back only when its relay's block is proven gone (another hash at that height), never on
 *   one `false` read; a node behind the relay's block concludes nothing;
 * - flag and log that disagree conclude nothing.
 * A fixed number of reads per tick: the multicall, plus one `eth_getLogs` of RelayedMessage while some relay is
 * new or not final. Our own pending relay costs a receipt (relayJournal.ts).
 */
import {
  BlockNotFoundError,
  decodeFunctionResult,
  encodeFunctionData,
  multicall3Abi,
  parseEventLogs,
  type AbiEvent,
  type Hex,
  type Log,
  type PublicClient,
} from 'viem'

import { callAtBlock } from '../chains/callAtBlock'
import type { ChainConfig } from '../chains/types'
import { searchLogs } from '../discovery/logSearch'
import type { RelayRecord, TrackedMessage } from '../model/message'
import type { DestinationObservation, TrackerEvent } from '../model/status'
import { l2ToL2CrossDomainMessengerAbi } from '../protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER, MULTICALL3 } from '../protocol/addresses'
import { safetyOf, type Heads } from './heads'
import { checkOwnRelay } from './relayJournal'

/** How far back to look for a RelayedMessage we have not seen: a relay cannot be older than its message's 7 days. */
const RELAY_LOOKBACK_BLOCKS = 302_400n
const RELAYED_MESSAGE = l2ToL2CrossDomainMessengerAbi.find(
  (x) => x.type === 'event' && x.name === 'RelayedMessage',
) as AbiEvent

export interface DestinationReading {
  observations: Map<Hex, DestinationObservation>
  /** What happened to our own relay txs. */
  relayEvents: Map<Hex, TrackerEvent>
}

export async function readDestination(
  client: PublicClient,
  config: ChainConfig | undefined,
  messages: readonly TrackedMessage[],
  heads: Heads,
  now: number,
  waitingOnWallet: ReadonlySet<Hex>,
): Promise<DestinationReading> {
  const observations = new Map<Hex, DestinationObservation>()
  const relayEvents = new Map<Hex, TrackerEvent>()
  if (messages.length === 0) return { observations, relayEvents }
  const head = heads.latest
  const base = { timestamp: head.timestamp, interopDelay: BigInt(config?.interopDelay ?? 0) }

  const flags = await successfulAt(client, messages, head.hash)
  const logs = await relayLogs(client, messages, flags, head.number)

  for (const [i, m] of messages.entries()) {
    const flag = flags[i]!
    const log = logs.get(m.hash.toLowerCase())
    if (flag && log) {
      const relay = await relayRecord(client, m, log)
      observations.set(m.hash, { ...base, relayed: { relay, safety: safetyOf(relay.blockNumber, heads) } })
      continue
    }
    if (flag || log) continue // flag without its log, or a log the flag denies: inconsistent, conclude nothing
    if (m.relay) {
      if (await relayUndone(client, m.relay, head.number)) {
        observations.set(m.hash, { ...base, relayed: false, relayBasis: m.relay.transactionHash })
      }
      continue
    }
    observations.set(m.hash, { ...base, relayed: false, relayBasis: null })
    if (m.pendingRelay || m.relayIntent) {
      const event = await checkOwnRelay(client, m, now, waitingOnWallet)
      if (event) relayEvents.set(m.hash, event)
    }
  }
  return { observations, relayEvents }
}

/** `successfulMessages(hash)` of every message, in one call at exactly the block `blockHash`. */
async function successfulAt(
  client: PublicClient,
  messages: readonly TrackedMessage[],
  blockHash: Hex,
): Promise<boolean[]> {
  const calls = messages.map((m) => ({
    target: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
    allowFailure: false,
    callData: encodeFunctionData({
      abi: l2ToL2CrossDomainMessengerAbi,
      functionName: 'successfulMessages',
      args: [m.hash],
    }),
  }))
  const data = await callAtBlock(
    client,
    MULTICALL3,
    encodeFunctionData({ abi: multicall3Abi, functionName: 'aggregate3', args: [calls] }),
    blockHash,
  )
  const results = decodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', data })
  if (results.length !== messages.length)
    throw new Error(`Multicall3 answered ${results.length} results for ${messages.length} calls`)
  return results.map((r) =>
    decodeFunctionResult({
      abi: l2ToL2CrossDomainMessengerAbi,
      functionName: 'successfulMessages',
      data: r.returnData,
    }),
  )
}

/** The RelayedMessage logs of messages that are flagged relayed or hold a relay still to confirm. */
async function relayLogs(
  client: PublicClient,
  messages: readonly TrackedMessage[],
  flags: readonly boolean[],
  head: bigint,
): Promise<Map<string, Log<bigint, number, false, typeof RELAYED_MESSAGE>>> {
  const wanted = messages.filter((m, i) => flags[i] || m.relay)
  const out = new Map<string, Log<bigint, number, false, typeof RELAYED_MESSAGE>>()
  if (wanted.length === 0) return out
  const floor = head > RELAY_LOOKBACK_BLOCKS ? head - RELAY_LOOKBACK_BLOCKS : 0n
  const fromBlock = wanted.reduce((min, m) => {
    const at = m.relay && m.relay.blockNumber <= head ? m.relay.blockNumber : floor
    return at < min ? at : min
  }, head)
  const { logs } = await searchLogs(
    client,
    {
      address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
      event: RELAYED_MESSAGE,
      args: { messageHash: wanted.map((m) => m.hash) },
    },
    fromBlock,
    head,
  )
  for (const log of parseEventLogs({
    abi: l2ToL2CrossDomainMessengerAbi,
    eventName: 'RelayedMessage',
    logs,
  })) {
    out.set(log.args.messageHash.toLowerCase(), log as never)
  }
  return out
}

async function relayRecord(
  client: PublicClient,
  message: TrackedMessage,
  log: Log<bigint, number, false, typeof RELAYED_MESSAGE>,
): Promise<RelayRecord> {
  const known = message.relay
  if (known && known.transactionHash === log.transactionHash && known.blockHash === log.blockHash)
    return known
  const args = (log as unknown as { args: { returnDataHash: Hex } }).args
  const [tx, block] = await Promise.all([
    client.getTransaction({ hash: log.transactionHash }).catch(() => undefined),
    client.getBlock({ blockNumber: log.blockNumber }).catch(() => undefined),
  ])
  return {
    transactionHash: log.transactionHash,
    ...(tx ? { relayer: tx.from } : {}),
    blockNumber: log.blockNumber,
    blockHash: log.blockHash,
    ...(block ? { timestamp: block.timestamp } : {}),
    returnDataHash: args.returnDataHash,
  }
}

/**
 * Is the recorded relay proven gone? Only when this node's head reached its block and that height now holds another
 * block (a node without any block there proves nothing). A record without a block hash (written before relays were
 * checked this way) is judged by the reading.
 */
async function relayUndone(client: PublicClient, relay: RelayRecord, head: bigint): Promise<boolean> {
  if (relay.blockNumber > head) return false
  if (!relay.blockHash) return true
  const block = await client.getBlock({ blockNumber: relay.blockNumber }).catch((error: unknown) => {
    if (error instanceof BlockNotFoundError) return undefined
    throw error
  })
  return block !== undefined && block.hash !== relay.blockHash
}
