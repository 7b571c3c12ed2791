/**
 * What one tick learns from a chain as the *destination* of messages. The rules that keep a lagging or lying RPC
 * from moving a message the wrong way (docs/ARCHITECTURE.md §5):
 * - `successfulMessages` describes exactly the head just read (relayFlags.ts: read in the same batch and checked
 *   to have run at the head, else read again pinned to its hash);
 * - 'relayed' is accepted only with a RelayedMessage log at a block ≤ that head — the flag alone is not enough —
 *   and a log at the head's height must be in the head block itself;
 * - a relayed message goes back only when its relay's block is proven gone (another hash at that height), never on
 *   one `false` read; a node behind the relay's block concludes nothing;
 * - flag and log that disagree conclude nothing.
 * Reads: the flags' multicall and the relay logs ride in the tick's batch (`requestDestination`); a relay seen for
 * the first time costs one more round trip for its records (relayLogs.ts), our own pending relay a receipt
 * (relayJournal.ts), and a flag whose log the batch did not cover a search.
 */
import { BlockNotFoundError, type Hex } from 'viem'

import type { ChainClient } from '../chains/readClient'
import type { CallBatch } from '../chains/callBatch'
import type { RpcCall, RpcReply } from '../chains/rpcBatch'
import type { ChainConfig } from '../chains/types'
import type { RelayRecord, TrackedMessage } from '../model/message'
import type { DestinationObservation, TrackerEvent } from '../model/status'
import { safetyOf, type Heads } from './heads'
import { flagsAtHead, requestFlags, type FlagsAtLatest } from './relayFlags'
import {
  findRelayLogs,
  relayRecords,
  requestRelayLogs,
  type BatchedRelayLogs,
  type RelayLog,
} from './relayLogs'
import { checkOwnRelay } from './relayJournal'

export interface DestinationReading {
  observations: Map<Hex, DestinationObservation>
  /** What happened to our own relay txs. */
  relayEvents: Map<Hex, TrackerEvent>
}

/** What the tick's batch brought for the destination side. */
export interface BatchedDestination {
  flags?: FlagsAtLatest
  logs: BatchedRelayLogs
}

/** Adds the destination's reads to the tick's batch (see relayFlags.ts and relayLogs.ts). */
export function requestDestination(
  batch: CallBatch,
  messages: readonly TrackedMessage[],
  recentHead: bigint | undefined,
): () => BatchedDestination {
  const flags = requestFlags(batch, messages)
  const logs = requestRelayLogs(batch, messages, recentHead)
  return () => ({ flags: flags(), logs: logs() })
}

export async function readDestination(
  client: ChainClient,
  config: ChainConfig | undefined,
  messages: readonly TrackedMessage[],
  heads: Heads,
  now: number,
  waitingOnWallet: ReadonlySet<Hex>,
  reads: {
    batched?: BatchedDestination
    /** One round trip of calls to this chain (for the new relays' records). */
    exchange: (calls: readonly RpcCall[]) => Promise<RpcReply[]>
  },
): Promise<DestinationReading> {
  const observations = new Map<Hex, DestinationObservation>()
  const relayEvents = new Map<Hex, TrackerEvent>()
  if (messages.length === 0) return { observations, relayEvents }
  const head = heads.latest
  const base = { timestamp: head.timestamp, interopDelay: BigInt(config?.interopDelay ?? 0) }

  const flags = await flagsAtHead(client, messages, head, reads.batched?.flags)
  const logs = await findRelayLogs(client, messages, flags, head.number, reads.batched?.logs ?? {})
  // A log at the head's height from another block is another fork's: it proves nothing about this head.
  const logOf = (m: TrackedMessage): RelayLog | undefined => {
    const log = logs.get(m.hash.toLowerCase())
    return log && log.blockNumber === head.number && log.blockHash !== head.hash ? undefined : log
  }

  const relayed = messages.flatMap((m, i) => {
    const log = logOf(m)
    return flags[i] && log ? [{ message: m, log }] : []
  })
  const records = new Map<Hex, RelayRecord>()
  if (relayed.length > 0) {
    const made = await relayRecords(reads.exchange, relayed, head)
    relayed.forEach(({ message }, i) => records.set(message.hash, made[i]!))
  }

  for (const [i, m] of messages.entries()) {
    const flag = flags[i]!
    const log = logOf(m)
    const relay = records.get(m.hash)
    if (relay) {
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

/**
 * Is the recorded relay proven gone? Only when this node's head reached its block and that height now holds another
 * block (a node without any block there proves nothing). A record without a block hash (written before relays were
 * checked this way) is judged by the reading.
 */
async function relayUndone(client: ChainClient, relay: RelayRecord, head: bigint): Promise<boolean> {
  if (relay.blockNumber > head) return false
  if (!relay.blockHash) return true
  const block = await client.getBlock({ blockNumber: relay.blockNumber }).catch((error: unknown) => {
    if (error instanceof BlockNotFoundError) return undefined
    throw error
  })
  return block !== undefined && block.hash !== relay.blockHash
}
